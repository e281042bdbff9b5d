//! Texts an island carries are written out on the server, so that the browser's code holds no
//! text table (an island that calls `t()` takes every text and all their formatting code into
//! its chunk). A text with holes is the text's own function called with markers, filled in
//! where the value is known.

use serde::{Deserialize, Serialize};

/// Characters no text of ours contains (Unicode's private use area), one per hole.
const HOLES: [&str; 4] = ["\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}"];

/// A text with up to four holes, in the order of its function's arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holed(String);

impl Holed {
    pub fn one(text: fn(&str) -> String) -> Self {
        Holed(text(HOLES[0]))
    }

    pub fn two(text: fn(&str, &str) -> String) -> Self {
        Holed(text(HOLES[0], HOLES[1]))
    }

    pub fn three(text: fn(&str, &str, &str) -> String) -> Self {
        Holed(text(HOLES[0], HOLES[1], HOLES[2]))
    }

    pub fn four(text: fn(&str, &str, &str, &str) -> String) -> Self {
        Holed(text(HOLES[0], HOLES[1], HOLES[2], HOLES[3]))
    }

    /// The text with `values` in its holes, each in the place its function put it.
    pub fn fill(&self, values: &[&str]) -> String {
        HOLES
            .iter()
            .zip(values)
            .fold(self.0.clone(), |text, (hole, value)| {
                text.replace(hole, value)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_text_is_what_its_function_writes() {
        let texts = crate::i18n::t();
        let too_large = Holed::one(texts.upload_too_large);
        assert_eq!(
            too_large.fill(&["«a.pdf»"]),
            (texts.upload_too_large)("«a.pdf»")
        );
        let progress = Holed::three(texts.upload_progress);
        assert_eq!(
            progress.fill(&["40", "4 kB", "10 kB"]),
            (texts.upload_progress)("40", "4 kB", "10 kB")
        );
        assert_eq!(
            progress.fill(&["40", "4 kB", "10 kB"]),
            "Sender … 40 % (4 kB av 10 kB)"
        );
    }
}
