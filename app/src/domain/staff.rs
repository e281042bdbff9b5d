//! The agency's own people: who a case handler is and what a role may do.

text_enum! {
    /// What a staff account may do: a handler works the inbox and decides; an admin also
    /// manages the accounts.
    pub enum StaffRole { Handler = "handler", Admin = "admin", }
}

impl StaffRole {
    /// Whether this role may do what `needed` may: an admin may do all a handler may.
    pub fn covers(self, needed: StaffRole) -> bool {
        match needed {
            StaffRole::Handler => true,
            StaffRole::Admin => self == StaffRole::Admin,
        }
    }
}

/// A staff account's login name: 2 to 64 of a–z, 0–9, '.', '-' and '_', starting with a
/// letter; typed in any case, kept in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a username is 2 to 64 of a–z, 0–9, '.', '-' and '_', starting with a letter")]
pub struct UsernameError;

pub const USERNAME_MAX_CHARS: usize = 64;

impl Username {
    pub fn parse(text: &str) -> Result<Username, UsernameError> {
        let name = text.trim().to_ascii_lowercase();
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c);
        let starts_with_letter = name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        if (2..=USERNAME_MAX_CHARS).contains(&name.len())
            && starts_with_letter
            && name.chars().all(allowed)
        {
            Ok(Username(name))
        } else {
            Err(UsernameError)
        }
    }
}

text_newtype!(Username, UsernameError);

/// A staff password: the shortest one accepted.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// … and the longest one read (a bound on the work a login costs).
pub const PASSWORD_MAX_CHARS: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn usernames_are_kept_in_lower_case_and_checked() {
        assert_eq!(
            Username::parse(" Kari.Nordmann ").map(String::from),
            Ok("kari.nordmann".into())
        );
        assert!(Username::parse("k").is_err());
        assert!(Username::parse("1kari").is_err());
        assert!(Username::parse("kari nordmann").is_err());
        assert!(Username::parse("kåre").is_err());
        assert!(Username::parse(&"k".repeat(65)).is_err());
        assert!(Username::parse(&"k".repeat(64)).is_ok());
    }

    #[test]
    fn an_admin_may_do_what_a_handler_may_and_not_the_other_way() {
        assert!(StaffRole::Admin.covers(StaffRole::Handler));
        assert!(StaffRole::Admin.covers(StaffRole::Admin));
        assert!(StaffRole::Handler.covers(StaffRole::Handler));
        assert!(!StaffRole::Handler.covers(StaffRole::Admin));
    }

    proptest! {
        #[test]
        fn a_parsed_username_parses_to_itself(text in "\\PC{0,80}") {
            if let Ok(name) = Username::parse(&text) {
                prop_assert_eq!(Username::parse(name.as_str()), Ok(name.clone()));
                prop_assert!(name.as_str().len() <= USERNAME_MAX_CHARS);
            }
        }
    }
}
