//! The OCR giro file: one transmission (record 10 … 89) of assignments (20 … 88) of
//! transactions (30 + 31, and 32 for transaction types 20 and 21), each record 80 characters
//! starting with `NY`. Positions below are 1-based and inclusive, as in the bank's spec.
//! ISO-8859-1 or UTF-8, CRLF or LF, blank lines at the end are all taken.

use crate::{Format, Kind, Problem, Problems, Totals, Transaction};
use chrono::NaiveDate;
use std::io::BufRead;

/// A line longer than this is not a record; the rest of it is passed over unread.
const MAX_LINE: usize = 512;
const RECORD: usize = 80;

/// Transaction types that take money back.
const REVERSALS: [u32; 2] = [18, 20];
/// Transaction types with a third record (free text).
const WITH_TEXT: [u32; 2] = [20, 21];

mod fields;
mod records;

use fields::Fields;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    /// Before record 10.
    Start,
    /// Between assignments.
    Transmission,
    /// Inside an assignment.
    Assignment,
    /// After record 89.
    Ended,
}

/// Amount item 1 read, waiting for its 31 (and 32).
struct Pending {
    number: String,
    tx_type: u32,
    kind: Kind,
    amount_ore: i64,
    kid: String,
    processing_date: Option<NaiveDate>,
    bank_date: Option<NaiveDate>,
    payer_account: Option<String>,
    /// Amount item 2 (31) read.
    has_item_2: bool,
    line: usize,
}

/// What an assignment or the transmission has held so far.
#[derive(Default)]
struct Tally {
    transactions: u64,
    records: u64,
    total: i64,
}

pub(crate) struct OcrReader<R: BufRead> {
    input: R,
    raw: Vec<u8>,
    line_no: usize,
    problems: Problems,
    stage: Stage,
    /// A blank line seen: only blank lines may follow.
    blank_at: Option<usize>,
    transmission: String,
    assignment: String,
    pending: Option<Pending>,
    in_assignment: Tally,
    in_transmission: Tally,
    /// Transactions in the transmission.
    transactions: u64,
    eof: bool,
}

impl<R: BufRead> OcrReader<R> {
    pub(crate) fn new(input: R) -> OcrReader<R> {
        OcrReader {
            input,
            raw: Vec::with_capacity(128),
            line_no: 0,
            problems: Problems::default(),
            stage: Stage::Start,
            blank_at: None,
            transmission: String::new(),
            assignment: String::new(),
            pending: None,
            in_assignment: Tally::default(),
            in_transmission: Tally::default(),
            transactions: 0,
            eof: false,
        }
    }

    pub(crate) fn next_transaction(&mut self) -> Option<Transaction> {
        while !self.eof {
            let line = match self.read_line() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.eof = true;
                    break;
                }
                Err(message) => {
                    self.problems.add(self.place(), message);
                    self.eof = true;
                    break;
                }
            };
            if let Some(t) = self.record(&line) {
                return Some(t);
            }
        }
        None
    }

    pub(crate) fn finish(mut self) -> Result<Totals, Vec<Problem>> {
        // Read to the end, in case the caller stopped early.
        while self.next_transaction().is_some() {}
        if self.pending.is_some() {
            let at = self.pending.as_ref().map_or(0, |p| p.line);
            self.problems.add(
                format!("linje {at}"),
                "transaksjonen mangler beløpspost 2 (31)",
            );
        }
        match self.stage {
            Stage::Ended => {}
            Stage::Start => self
                .problems
                .add("filen", "filen har ingen startpost for forsendelsen (10)"),
            _ => self.problems.add(
                "filen",
                format!(
                    "filen slutter på linje {} uten sluttpost for forsendelsen (89)",
                    self.line_no
                ),
            ),
        }
        if self.problems.is_empty() {
            Ok(Totals {
                format: Format::Ocr,
                file_id: self.transmission,
                transactions: self.transactions,
                skipped: 0,
            })
        } else {
            Err(self.problems.into_list())
        }
    }

    fn place(&self) -> String {
        format!("linje {}", self.line_no)
    }

    /// The next line as characters (UTF-8 if it is, ISO-8859-1 otherwise), without its end.
    fn read_line(&mut self) -> Result<Option<Vec<char>>, String> {
        self.raw.clear();
        let mut too_long = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(format!("filen kunne ikke leses: {e}")),
            };
            if available.is_empty() {
                if self.raw.is_empty() && !too_long {
                    return Ok(None);
                }
                break;
            }
            let (take, done) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            let room = MAX_LINE.saturating_sub(self.raw.len());
            if take > room {
                too_long = true;
            }
            self.raw.extend_from_slice(&available[..take.min(room)]);
            self.input.consume(take);
            if done {
                break;
            }
        }
        self.line_no += 1;
        if too_long {
            return Ok(Some(vec!['?'; MAX_LINE + 1]));
        }
        while matches!(self.raw.last(), Some(b'\n' | b'\r')) {
            self.raw.pop();
        }
        Ok(Some(match std::str::from_utf8(&self.raw) {
            Ok(text) => text.chars().collect(),
            Err(_) => self.raw.iter().map(|&b| char::from(b)).collect(),
        }))
    }

    /// Takes one record; a transaction when it completes one.
    fn record(&mut self, line: &[char]) -> Option<Transaction> {
        if line.iter().all(|c| c.is_whitespace()) {
            self.blank_at.get_or_insert(self.line_no);
            return None;
        }
        if let Some(blank) = self.blank_at.take() {
            self.problems
                .add(format!("linje {blank}"), "tom linje midt i filen");
        }
        if self.stage == Stage::Ended {
            self.problems.add(
                self.place(),
                "det står mer etter sluttposten for forsendelsen (89)",
            );
            return None;
        }
        if line.len() != RECORD {
            let what = if line.len() > MAX_LINE {
                format!("over {MAX_LINE}")
            } else {
                line.len().to_string()
            };
            self.problems.add(
                self.place(),
                format!("posten har {what} tegn, ikke {RECORD}"),
            );
            // A short last record may still say what it is: a truncated end is reported
            // as the end missing.
            return None;
        }
        let text: String = line.iter().collect();
        let fields = Fields {
            text: &text,
            place: self.place(),
        };
        if fields.get(1, 2) != "NY" {
            self.problems
                .add(self.place(), "posten starter ikke med NY");
            return None;
        }
        let service = fields.get(3, 4).to_string();
        let record_type = fields.get(7, 8).to_string();
        let expected_service = if matches!(record_type.as_str(), "10" | "89") {
            "00"
        } else {
            "09"
        };
        if service != expected_service {
            self.problems.add(
                self.place(),
                format!(
                    "tjenestekoden er {service}, ikke {expected_service} for post {record_type}"
                ),
            );
            return None;
        }
        self.in_transmission.records += 1;
        if self.stage == Stage::Assignment {
            self.in_assignment.records += 1;
        }
        match record_type.as_str() {
            "10" => self.start_transmission(&fields),
            "20" => self.start_assignment(&fields),
            "30" => self.amount_item_1(&fields),
            "31" => return self.amount_item_2(&fields),
            "32" => return self.amount_item_3(&fields),
            "88" => self.end_assignment(&fields),
            "89" => self.end_transmission(&fields),
            other => self
                .problems
                .add(self.place(), format!("ukjent posttype {other}")),
        }
        None
    }

    fn expect(&mut self, stage: Stage, what: &str) -> bool {
        if self.stage == stage {
            return true;
        }
        let message = match self.stage {
            Stage::Start => format!("{what} før startposten for forsendelsen (10)"),
            Stage::Transmission => format!("{what} utenfor et oppdrag (20 … 88)"),
            Stage::Assignment => format!("{what} inne i et oppdrag som ikke er avsluttet (88)"),
            Stage::Ended => format!("{what} etter sluttposten (89)"),
        };
        self.problems.add(self.place(), message);
        false
    }
}
