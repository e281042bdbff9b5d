//! What names a case and where it stands: the case number from the letter, our own id, and
//! its status. Each is parsed once at the edge (a form, a URL, a file, a row) and trusted after.

use serde::{Deserialize, Serialize};

/// The case number printed on the letter: 3 to 20 digits. Spaces a debtor types between
/// groups of digits are ignored. The same rule holds for login, import, addresses and the CLI.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseNumber(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("saksnummeret skal ha 3 til 20 sifre")]
pub struct CaseNumberError;

impl CaseNumber {
    pub const MIN_DIGITS: usize = 3;
    pub const MAX_DIGITS: usize = 20;

    pub fn parse(text: &str) -> Result<CaseNumber, CaseNumberError> {
        // A case number longer than this is refused before it is copied.
        if text.len() > 4 * Self::MAX_DIGITS {
            return Err(CaseNumberError);
        }
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let length_ok = (Self::MIN_DIGITS..=Self::MAX_DIGITS).contains(&digits.len());
        if !length_ok || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(CaseNumberError);
        }
        Ok(CaseNumber(digits))
    }
}

text_newtype!(CaseNumber, CaseNumberError);

/// Our own id of a case: a UUID, never shown to a debtor and never taken from a request;
/// only the session and the database hand one out.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseId(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a case id")]
pub struct CaseIdError;

impl CaseId {
    /// The id written as a UUID is: 8-4-4-4-12 lowercase hex digits.
    pub fn from_u128(value: u128) -> CaseId {
        let hex = format!("{value:032x}");
        CaseId(format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        ))
    }

    pub fn parse(text: &str) -> Result<CaseId, CaseIdError> {
        if is_row_id(text) {
            Ok(CaseId(text.to_string()))
        } else {
            Err(CaseIdError)
        }
    }
}

text_newtype!(CaseId, CaseIdError);

/// Whether a text has the shape of our rows' ids (a UUID, 8-4-4-4-12 lowercase hex digits):
/// an id from an address is checked so before it is looked up.
pub fn is_row_id(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths_ok = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]);
    lengths_ok
        && groups.iter().all(|g| {
            g.chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
        })
}

text_enum! {
    /// Where a case stands: being collected (`Active`), paid in full (`Settled`), stopped by
    /// an objection until the agency has looked into it (`Objection`), a receipt being looked
    /// into (`Receipt`), an instalment plan running (`Plan`), a later date to pay by
    /// (`Deferred`), with the enforcement officer, namsmannen (`Enforcement`), or, disputed,
    /// sent to the conciliation board or the court and paused until they decide (`Court`), put
    /// on hold by a handler (`OnHold`), or closed with the rest written off (`WrittenOff`). The database
    /// keeps [`CaseStatus::as_str`]; nothing else spells it.
    pub enum CaseStatus {
        Active = "active", Settled = "settled", Objection = "objection", Receipt = "receipt",
        Plan = "plan", Deferred = "deferred", Enforcement = "enforcement",
        Court = "court", OnHold = "on_hold", WrittenOff = "written_off",
    }
}

impl CaseStatus {
    /// What an objection replaces: anything. Collection stops whatever else was agreed.
    pub const REPLACED_BY_OBJECTION: &'static [CaseStatus] = &CaseStatus::ALL;
    /// What a receipt may replace: only "being collected". An objection's stop of collection
    /// is stronger than "we are looking into it".
    pub const REPLACED_BY_RECEIPT: &'static [CaseStatus] = &[CaseStatus::Active];
    /// What an agreed plan may replace.
    pub const REPLACED_BY_PLAN: &'static [CaseStatus] = &[
        CaseStatus::Active,
        CaseStatus::Receipt,
        CaseStatus::Deferred,
    ];
    /// What a granted deferral may replace.
    pub const REPLACED_BY_DEFERRAL: &'static [CaseStatus] =
        &[CaseStatus::Active, CaseStatus::Receipt];
    /// What an import decides from the figures alone; any other status was set by someone
    /// and is kept.
    pub const SET_BY_IMPORT: &'static [CaseStatus] = &[CaseStatus::Active, CaseStatus::Settled];
}

/// The longest personal code taken from the login form; anything longer is refused unread.
pub const ACCESS_CODE_MAX_CHARS: usize = 64;
/// The shortest personal code a case may be given.
pub const ACCESS_CODE_MIN_CHARS: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_case_number_is_its_digits() {
        assert_eq!(
            CaseNumber::parse(" 2025 0001 ").map(String::from),
            Ok("20250001".to_string())
        );
        assert_eq!(CaseNumber::parse("123").map(String::from), Ok("123".into()));
        assert_eq!(CaseNumber::parse("12"), Err(CaseNumberError));
        assert_eq!(CaseNumber::parse(""), Err(CaseNumberError));
        assert_eq!(CaseNumber::parse(&"1".repeat(21)), Err(CaseNumberError));
        assert_eq!(CaseNumber::parse("2025-0001"), Err(CaseNumberError));
        assert_eq!(CaseNumber::parse("٢٠٢٥٠٠٠١"), Err(CaseNumberError));
        assert_eq!(
            CaseNumber::parse("'; DROP TABLE cases; --"),
            Err(CaseNumberError)
        );
    }

    #[test]
    fn a_case_number_off_the_wire_is_checked_too() {
        let ok: Result<CaseNumber, _> = serde_json::from_str("\"20250001\"");
        assert_eq!(ok.ok().map(String::from), Some("20250001".to_string()));
        assert!(serde_json::from_str::<CaseNumber>("\"20x50001\"").is_err());
        assert_eq!(
            serde_json::to_string(&CaseNumber::parse("20250001").expect("valid")).ok(),
            Some("\"20250001\"".to_string())
        );
    }

    #[test]
    fn case_ids_are_uuids() {
        let id = CaseId::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(id.as_str(), "01234567-89ab-cdef-0123-456789abcdef");
        assert_eq!(CaseId::parse(id.as_str()), Ok(id));
        assert!(CaseId::parse("01234567-89ab-cdef-0123-456789abcdeg").is_err());
        assert!(CaseId::parse("20250001").is_err());
        assert!(CaseId::parse("").is_err());
    }

    #[test]
    fn statuses_read_back_from_their_database_text() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).ok(),
                Some(format!("\"{}\"", s.as_str()))
            );
        }
        assert!(CaseStatus::try_from("closed".to_string()).is_err());
    }

    proptest! {
        #[test]
        fn any_parsed_case_number_parses_again_to_itself(raw in "[0-9 ]{0,30}") {
            if let Ok(n) = CaseNumber::parse(&raw) {
                prop_assert!(n.as_str().chars().all(|c| c.is_ascii_digit()));
                prop_assert_eq!(CaseNumber::parse(n.as_str()), Ok(n.clone()));
            }
        }

        #[test]
        fn every_case_id_made_parses(value in any::<u128>()) {
            let id = CaseId::from_u128(value);
            prop_assert_eq!(CaseId::parse(id.as_str()), Ok(id.clone()));
        }
    }
}
