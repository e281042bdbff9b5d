//! The bank's files of incoming payments, read as a stream: the Norwegian OCR giro file (fixed
//! records of 80 characters) and ISO 20022 camt.054 (XML). Either is read twice by its user:
//! once to check the whole file ([`check`]: every record's layout, the counts and totals the
//! file states, the dates), and once more to take its transactions ([`Reader`]), so that
//! memory stays bounded whatever the file's size. Money is whole øre in an `i64`, never a
//! float. Nothing here panics on any input; every problem names its place (a line, or an XML
//! path) in words an operator can act on (Norwegian, like the operator's other commands).

mod camt;
mod latin1;
mod ocr;
pub mod write;

use chrono::NaiveDate;
use std::io::BufRead;

/// What kind of file it is, told from its content, never its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// OCR giro: records of 80 characters starting with `NY`.
    Ocr,
    /// ISO 20022 camt.054, Bank-to-Customer Debit/Credit Notification.
    Camt054,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Ocr => "ocr",
            Format::Camt054 => "camt054",
        }
    }
}

/// The format of a file from its first bytes (a UTF-8 byte-order mark and white space
/// skipped), or `None` when it is neither.
pub fn detect(head: &[u8]) -> Option<Format> {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    match &head[start..] {
        [b'N', b'Y', ..] => Some(Format::Ocr),
        [b'<', ..] => Some(Format::Camt054),
        _ => None,
    }
}

/// A payment in, or the bank taking one back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Payment,
    Reversal,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Payment => "payment",
            Kind::Reversal => "reversal",
        }
    }
}

/// One transaction of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// Names the transaction wherever the bank sends it again: the transmission, assignment
    /// and transaction numbers (OCR) or the bank's entry reference (camt.054).
    pub key: String,
    pub kind: Kind,
    /// Whole øre, more than zero.
    pub amount_ore: i64,
    /// The reference the payer gave, as written (white space trimmed); checked by its user.
    pub kid: String,
    /// The day the bank booked it.
    pub bank_date: NaiveDate,
    pub payer_account: Option<String>,
    /// The payer's name or free text, if the bank sent any.
    pub payer_text: Option<String>,
    /// Where in the file: `linje 12` or an XML path.
    pub place: String,
}

/// Something wrong with a file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// What a whole file stated and held, once read without a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    pub format: Format,
    /// The transmission number (OCR) or message id (camt.054).
    pub file_id: String,
    /// Payments and reversals read.
    pub transactions: u64,
    /// Entries that are not payments in to us (outgoing, not booked): counted, not taken.
    pub skipped: u64,
}

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 200;

/// The problems found so far, the first [`MAX_PROBLEMS`] of them listed.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    listed: Vec<Problem>,
    more: usize,
}

impl Problems {
    pub(crate) fn add(&mut self, place: impl Into<String>, message: impl Into<String>) {
        if self.listed.len() < MAX_PROBLEMS {
            self.listed.push(Problem {
                place: place.into(),
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    pub(crate) fn into_list(self) -> Vec<Problem> {
        let mut list = self.listed;
        if self.more > 0 {
            list.push(Problem {
                place: "…".into(),
                message: format!("og {} problemer til", self.more),
            });
        }
        list
    }
}

/// Reads the transactions of one file as a stream.
pub struct Reader<R: BufRead> {
    inner: Inner<R>,
}

enum Inner<R: BufRead> {
    Ocr(Box<ocr::OcrReader<R>>),
    Camt(Box<camt::CamtReader<R>>),
}

impl<R: BufRead> Reader<R> {
    pub fn new(format: Format, input: R) -> Reader<R> {
        let inner = match format {
            Format::Ocr => Inner::Ocr(Box::new(ocr::OcrReader::new(input))),
            Format::Camt054 => Inner::Camt(Box::new(camt::CamtReader::new(input))),
        };
        Reader { inner }
    }

    /// The next transaction, or `None` at the end of the file (or where reading cannot go
    /// on). A transaction is only to be trusted once [`Reader::finish`] says the file was
    /// whole: use [`check`] first.
    pub fn next_transaction(&mut self) -> Option<Transaction> {
        match &mut self.inner {
            Inner::Ocr(r) => r.next_transaction(),
            Inner::Camt(r) => r.next_transaction(),
        }
    }

    /// After the last transaction: what the file stated, or every problem found.
    pub fn finish(self) -> Result<Totals, Vec<Problem>> {
        match self.inner {
            Inner::Ocr(r) => r.finish(),
            Inner::Camt(r) => r.finish(),
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Transaction;

    fn next(&mut self) -> Option<Transaction> {
        self.next_transaction()
    }
}

/// Reads a whole file and checks it, keeping nothing of its transactions: what it stated, or
/// every problem with its place.
pub fn check<R: BufRead>(format: Format, input: R) -> Result<Totals, Vec<Problem>> {
    let mut reader = Reader::new(format, input);
    while reader.next_transaction().is_some() {}
    reader.finish()
}

/// Whole kroner and øre from a decimal text (`1234`, `1234.5`, `1234.50`), exactly.
pub(crate) fn decimal_ore(text: &str) -> Option<i64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (text.contains('.') && !digits(fraction)) || fraction.len() > 2 {
        return None;
    }
    let kroner: i64 = whole.parse().ok()?;
    let ore: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    kroner.checked_mul(100)?.checked_add(ore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_told_by_the_content() {
        assert_eq!(detect(b"NY000010"), Some(Format::Ocr));
        assert_eq!(detect(b"\xef\xbb\xbf\r\nNY000010"), Some(Format::Ocr));
        assert_eq!(detect(b"  <?xml version=\"1.0\"?>"), Some(Format::Camt054));
        assert_eq!(detect(b"%PDF-1.4"), None);
        assert_eq!(detect(b""), None);
        assert_eq!(detect(b"   "), None);
    }

    #[test]
    fn decimals_become_ore_exactly() {
        assert_eq!(decimal_ore("1234"), Some(123_400));
        assert_eq!(decimal_ore("1234.5"), Some(123_450));
        assert_eq!(decimal_ore("1234.50"), Some(123_450));
        assert_eq!(decimal_ore("0.01"), Some(1));
        assert_eq!(decimal_ore("1234.505"), None);
        assert_eq!(decimal_ore("1,50"), None);
        assert_eq!(decimal_ore("-5"), None);
        assert_eq!(decimal_ore("1e3"), None);
        assert_eq!(decimal_ore(".5"), None);
        assert_eq!(decimal_ore("5."), None);
        assert_eq!(decimal_ore(""), None);
        assert_eq!(decimal_ore("9999999999999999999"), None);
    }
}
