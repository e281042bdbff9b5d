//! Which passwords a staff account may have: at least 12 characters, and not guessable by a
//! strength estimator (zxcvbn score 3 or more, with the username and the name counted as
//! known to an attacker).

use crate::domain::staff::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};

/// The lowest zxcvbn score accepted (0–4; 3 is "safely unguessable: moderate protection
/// from offline slow-hash scenario").
pub const MIN_SCORE: u8 = 3;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRefusal {
    #[error("passordet må ha minst {PASSWORD_MIN_CHARS} tegn")]
    TooShort,
    #[error("passordet kan ha høyst {PASSWORD_MAX_CHARS} tegn")]
    TooLong,
    #[error("passordet er for lett å gjette (styrke {score} av 4, minst {MIN_SCORE} kreves)")]
    TooWeak { score: u8 },
}

/// Check a new password for the account `username` of `full_name`.
pub fn check_new(password: &str, username: &str, full_name: &str) -> Result<(), PasswordRefusal> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(PasswordRefusal::TooShort);
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(PasswordRefusal::TooLong);
    }
    let mut known: Vec<&str> = vec![username, "innfri", "inkasso", "behandler"];
    known.extend(full_name.split_whitespace());
    let score = u8::from(zxcvbn::zxcvbn(password, &known).score());
    if score < MIN_SCORE {
        return Err(PasswordRefusal::TooWeak { score });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_personal_passwords_are_refused() {
        assert_eq!(
            check_new("kort", "kari", "Kari Nordmann"),
            Err(PasswordRefusal::TooShort)
        );
        assert!(matches!(
            check_new("passord12345", "kari", "Kari Nordmann"),
            Err(PasswordRefusal::TooWeak { .. })
        ));
        assert!(matches!(
            check_new("karinordmann", "kari", "Kari Nordmann"),
            Err(PasswordRefusal::TooWeak { .. })
        ));
        assert!(matches!(
            check_new("aaaaaaaaaaaaaaaa", "kari", "Kari Nordmann"),
            Err(PasswordRefusal::TooWeak { .. })
        ));
        assert_eq!(
            check_new(&"x".repeat(257), "kari", "Kari"),
            Err(PasswordRefusal::TooLong)
        );
    }

    #[test]
    fn a_long_unguessable_password_is_accepted() {
        assert_eq!(
            check_new("Blåbær-Traktor-Fjord-93", "kari", "Kari Nordmann"),
            Ok(())
        );
        assert_eq!(
            check_new("correct horse battery staple", "kari", "Kari"),
            Ok(())
        );
    }
}
