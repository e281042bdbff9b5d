//! Text a debtor types into a form, and the key a form carries so that sending it twice is
//! one request. Every form uses these, so every text a case handler reads is cleaned alike.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Free text from a form, at most `MAX` characters: trimmed, line breaks kept, every other
/// control character and every character that reorders text removed. It may be empty; a
/// form that needs an answer says so itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FreeText<const MAX: usize>(String);

/// The text is longer than its form allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("teksten er for lang")]
pub struct TextTooLong;

impl<const MAX: usize> FreeText<MAX> {
    pub const MAX_CHARS: usize = MAX;

    pub fn parse(raw: &str) -> Result<Self, TextTooLong> {
        // Far past the limit: refused without copying it.
        if raw.len() > 4 * MAX + 1024 {
            return Err(TextTooLong);
        }
        let cleaned: String = raw
            .chars()
            .filter(|c| (!c.is_control() || *c == '\n') && !is_bidi_control(*c))
            .collect();
        let text = cleaned.trim();
        if text.chars().count() > MAX {
            return Err(TextTooLong);
        }
        Ok(FreeText(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<const MAX: usize> TryFrom<String> for FreeText<MAX> {
    type Error = TextTooLong;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        FreeText::parse(&text)
    }
}

impl<const MAX: usize> From<FreeText<MAX>> for String {
    fn from(text: FreeText<MAX>) -> String {
        text.0
    }
}

impl<const MAX: usize> fmt::Display for FreeText<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Characters that reorder text: "kvittering\u{202e}fdp.exe" shows as "kvitteringexe.pdf".
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The key a form carries so that sending it twice (a double click, a refresh, a retry) is
/// one request: 1 to 64 letters, digits and '-'.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SubmissionId(String);

/// The form carries no usable key: it is older than the page, or not ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("skjemaet mangler sin nøkkel")]
pub struct SubmissionIdError;

impl SubmissionId {
    pub const MAX_LEN: usize = 64;

    pub fn parse(raw: &str) -> Result<SubmissionId, SubmissionIdError> {
        let id = raw.trim();
        let ok = !id.is_empty()
            && id.len() <= Self::MAX_LEN
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if ok {
            Ok(SubmissionId(id.to_string()))
        } else {
            Err(SubmissionIdError)
        }
    }
}

text_newtype!(SubmissionId, SubmissionIdError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Short = FreeText<10>;

    #[test]
    fn free_text_is_trimmed_and_cleaned() {
        assert_eq!(
            Short::parse("  Betalt.\r\n ").map(String::from),
            Ok("Betalt.".to_string())
        );
        assert_eq!(
            Short::parse("a\u{0}b\nc").map(String::from),
            Ok("ab\nc".into())
        );
        // The text a handler reads cannot be turned round: "fdp.exe" stays as written.
        assert_eq!(
            Short::parse("x\u{202e}fdp.exe").map(String::from),
            Ok("xfdp.exe".into())
        );
        assert_eq!(
            Short::parse("\u{0} \u{2066} ok").map(String::from),
            Ok("ok".into())
        );
        assert_eq!(Short::parse("").map(|t| t.is_empty()), Ok(true));
    }

    #[test]
    fn free_text_counts_characters_not_bytes() {
        assert!(Short::parse(&"æ".repeat(10)).is_ok());
        assert_eq!(Short::parse(&"æ".repeat(11)), Err(TextTooLong));
        assert_eq!(Short::parse(&"x".repeat(100_000)), Err(TextTooLong));
        assert!(serde_json::from_str::<Short>("\"12345678901\"").is_err());
    }

    #[test]
    fn submission_ids_are_letters_digits_and_dashes() {
        assert!(SubmissionId::parse("3f2a-11ee-9c").is_ok());
        assert_eq!(
            SubmissionId::parse(" abc ").map(String::from),
            Ok("abc".to_string())
        );
        assert!(SubmissionId::parse("").is_err());
        assert!(SubmissionId::parse("a b").is_err());
        assert!(SubmissionId::parse("<script>").is_err());
        assert!(SubmissionId::parse(&"a".repeat(65)).is_err());
        assert!(serde_json::from_str::<SubmissionId>("\"a;b\"").is_err());
    }

    proptest! {
        #[test]
        fn cleaned_text_holds_no_control_or_reordering_character(raw in "\\PC{0,40}[\u{0}-\u{1f}\u{202a}-\u{202e}]{0,5}\\PC{0,40}") {
            if let Ok(text) = FreeText::<200>::parse(&raw) {
                prop_assert!(text.as_str().chars().all(|c| (!c.is_control() || c == '\n') && !is_bidi_control(c)));
                prop_assert_eq!(text.as_str(), text.as_str().trim());
                prop_assert_eq!(FreeText::<200>::parse(text.as_str()), Ok(text.clone()));
            }
        }
    }
}
