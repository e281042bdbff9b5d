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

    fn start_transmission(&mut self, f: &Fields) {
        if !self.expect(Stage::Start, "startpost for forsendelse (10)") {
            return;
        }
        if f.get(5, 6) != "00" {
            self.problems.add(
                f.place.clone(),
                "forsendelsestypen (posisjon 5–6) skal være 00",
            );
        }
        if let Some(n) = f.digits(&mut self.problems, 17, 23, "forsendelsesnummeret") {
            self.transmission = n.to_string();
        }
        self.stage = Stage::Transmission;
    }

    fn start_assignment(&mut self, f: &Fields) {
        if !self.expect(Stage::Transmission, "startpost for oppdrag (20)") {
            return;
        }
        if let Some(n) = f.digits(&mut self.problems, 18, 24, "oppdragsnummeret") {
            self.assignment = n.to_string();
        }
        f.digits(&mut self.problems, 25, 35, "mottakerens konto");
        self.in_assignment = Tally {
            records: 1,
            ..Tally::default()
        };
        self.stage = Stage::Assignment;
    }

    fn amount_item_1(&mut self, f: &Fields) {
        if !self.expect(Stage::Assignment, "beløpspost 1 (30)") {
            return;
        }
        if let Some(p) = self.pending.take() {
            self.problems.add(
                format!("linje {}", p.line),
                "transaksjonen mangler beløpspost 2 (31)",
            );
        }
        let problems = &mut self.problems;
        let tx_type = f.digits(problems, 5, 6, "transaksjonstypen");
        let number = f.digits(problems, 9, 15, "transaksjonsnummeret");
        let processing_date = f.date(problems, 16, 21, "oppgjørsdatoen", false);
        let sign = f.get(32, 32);
        let amount = f.digits(problems, 33, 49, "beløpet");
        let kid = f.get(50, 74).trim().to_string();
        let (Some(tx_type), Some(number), Some(amount)) = (tx_type, number, amount) else {
            return;
        };
        let tx_type = u32::try_from(tx_type).unwrap_or(0);
        if !(10..=21).contains(&tx_type) {
            problems.add(
                f.place.clone(),
                format!("ukjent transaksjonstype {tx_type:02}"),
            );
            return;
        }
        if sign != "0" && sign != "-" {
            problems.add(
                f.place.clone(),
                "fortegnet (posisjon 32) skal være 0 eller -",
            );
            return;
        }
        let Ok(amount_ore) = i64::try_from(amount) else {
            problems.add(f.place.clone(), "beløpet er for stort");
            return;
        };
        if amount_ore == 0 {
            problems.add(f.place.clone(), "beløpet er 0");
            return;
        }
        let signed = if sign == "-" { -amount_ore } else { amount_ore };
        for tally in [&mut self.in_assignment, &mut self.in_transmission] {
            tally.transactions += 1;
            tally.total = tally.total.saturating_add(signed);
        }
        let kind = if REVERSALS.contains(&tx_type) || sign == "-" {
            Kind::Reversal
        } else {
            Kind::Payment
        };
        self.pending = Some(Pending {
            number: format!("{number:07}"),
            tx_type,
            kind,
            amount_ore,
            kid,
            processing_date,
            bank_date: None,
            payer_account: None,
            has_item_2: false,
            line: self.line_no,
        });
    }

    fn amount_item_2(&mut self, f: &Fields) -> Option<Transaction> {
        let mut pending = self.follows_item_1(f, "beløpspost 2 (31)")?;
        if pending.has_item_2 {
            self.problems
                .add(f.place.clone(), "transaksjonen har to beløpsposter 2 (31)");
            return None;
        }
        pending.has_item_2 = true;
        let problems = &mut self.problems;
        pending.bank_date = f.date(problems, 42, 47, "bankdatoen", true);
        let account = f.get(48, 58).trim().to_string();
        pending.payer_account =
            (!account.is_empty() && account.bytes().any(|b| b != b'0')).then_some(account);
        if WITH_TEXT.contains(&pending.tx_type) {
            self.pending = Some(pending);
            return None;
        }
        self.complete(pending, None)
    }

    fn amount_item_3(&mut self, f: &Fields) -> Option<Transaction> {
        let pending = self.follows_item_1(f, "beløpspost 3 (32)")?;
        if !pending.has_item_2 {
            self.problems.add(
                f.place.clone(),
                "beløpspost 3 (32) kom før beløpspost 2 (31)",
            );
            return None;
        }
        let text = f.get(16, 55).trim().to_string();
        self.complete(pending, (!text.is_empty()).then_some(text))
    }

    /// The amount item 1 this record belongs to: same transaction type and number.
    fn follows_item_1(&mut self, f: &Fields, what: &str) -> Option<Pending> {
        if !self.expect(Stage::Assignment, what) {
            return None;
        }
        let Some(pending) = self.pending.take() else {
            self.problems.add(
                f.place.clone(),
                format!("{what} uten beløpspost 1 (30) foran"),
            );
            return None;
        };
        let number = f.get(9, 15);
        let tx_type = f.get(5, 6);
        if number != pending.number || tx_type != format!("{:02}", pending.tx_type) {
            self.problems.add(
                f.place.clone(),
                format!(
                    "{what} har transaksjon {tx_type}/{number}, men beløpspost 1 på linje {} har {:02}/{}",
                    pending.line, pending.tx_type, pending.number
                ),
            );
            return None;
        }
        Some(pending)
    }

    fn complete(&mut self, p: Pending, payer_text: Option<String>) -> Option<Transaction> {
        let Some(bank_date) = p.bank_date.or(p.processing_date) else {
            self.problems.add(
                format!("linje {}", p.line),
                "transaksjonen har verken bankdato eller oppgjørsdato",
            );
            return None;
        };
        self.transactions += 1;
        Some(Transaction {
            key: format!("ocr:{}:{}:{}", self.transmission, self.assignment, p.number),
            kind: p.kind,
            amount_ore: p.amount_ore,
            kid: p.kid,
            bank_date,
            payer_account: p.payer_account,
            payer_text,
            place: format!("linje {}", p.line),
        })
    }

    fn end_assignment(&mut self, f: &Fields) {
        if !self.expect(Stage::Assignment, "sluttpost for oppdrag (88)") {
            return;
        }
        if let Some(p) = self.pending.take() {
            self.problems.add(
                format!("linje {}", p.line),
                "transaksjonen mangler beløpspost 2 (31)",
            );
        }
        let tally = std::mem::take(&mut self.in_assignment);
        self.compare(f, &tally, (9, 16), (17, 24), (25, 41), "oppdraget");
        f.date(&mut self.problems, 42, 47, "oppgjørsdatoen", true);
        f.date(&mut self.problems, 48, 53, "første dato", true);
        f.date(&mut self.problems, 54, 59, "siste dato", true);
        self.stage = Stage::Transmission;
    }

    fn end_transmission(&mut self, f: &Fields) {
        if !self.expect(Stage::Transmission, "sluttpost for forsendelse (89)") {
            return;
        }
        let tally = std::mem::take(&mut self.in_transmission);
        self.compare(f, &tally, (9, 16), (17, 24), (25, 41), "forsendelsen");
        f.date(&mut self.problems, 42, 47, "datoen", true);
        self.stage = Stage::Ended;
    }

    /// The counts and total an end record states, against what was read.
    fn compare(
        &mut self,
        f: &Fields,
        read: &Tally,
        transactions: (usize, usize),
        records: (usize, usize),
        total: (usize, usize),
        what: &str,
    ) {
        let problems = &mut self.problems;
        let stated_tx = f.digits(
            problems,
            transactions.0,
            transactions.1,
            "antall transaksjoner",
        );
        let stated_records = f.digits(problems, records.0, records.1, "antall poster");
        let stated_total = f.digits(problems, total.0, total.1, "sumbeløpet");
        if let Some(n) = stated_tx.filter(|&n| n != read.transactions) {
            problems.add(
                f.place.clone(),
                format!(
                    "{what} oppgir {n} transaksjoner, men har {}",
                    read.transactions
                ),
            );
        }
        if let Some(n) = stated_records.filter(|&n| n != read.records) {
            problems.add(
                f.place.clone(),
                format!("{what} oppgir {n} poster, men har {}", read.records),
            );
        }
        let stated_total = stated_total.and_then(|t| i64::try_from(t).ok());
        if let Some(t) = stated_total.filter(|&t| t != read.total) {
            problems.add(
                f.place.clone(),
                format!(
                    "{what} oppgir sum {t} øre, men transaksjonene er {} øre",
                    read.total
                ),
            );
        }
    }
}

/// One record's fields, by position.
struct Fields<'a> {
    text: &'a str,
    place: String,
}

impl Fields<'_> {
    /// Characters `from` to `to`, 1-based and inclusive (the record has 80).
    fn get(&self, from: usize, to: usize) -> &str {
        let start = self
            .text
            .char_indices()
            .nth(from.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| i);
        let end = self
            .text
            .char_indices()
            .nth(to)
            .map_or(self.text.len(), |(i, _)| i);
        self.text.get(start..end).unwrap_or("")
    }

    fn digits(&self, problems: &mut Problems, from: usize, to: usize, name: &str) -> Option<u64> {
        let value = self.get(from, to);
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            problems.add(
                self.place.clone(),
                format!("{name} (posisjon {from}–{to}) skal være sifre, ikke «{value}»"),
            );
            return None;
        }
        value.parse().ok()
    }

    /// A date written DDMMYY (20YY); `000000` is no date where `zero_ok`.
    fn date(
        &self,
        problems: &mut Problems,
        from: usize,
        to: usize,
        name: &str,
        zero_ok: bool,
    ) -> Option<NaiveDate> {
        let value = self.get(from, to);
        if zero_ok && value == "000000" {
            return None;
        }
        let parsed = value
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| {
                let n = |i: usize| value.get(i..i + 2).and_then(|s| s.parse::<u32>().ok());
                NaiveDate::from_ymd_opt(2000 + i32::try_from(n(4)?).ok()?, n(2)?, n(0)?)
            })
            .flatten();
        if parsed.is_none() {
            problems.add(
                self.place.clone(),
                format!("{name} (posisjon {from}–{to}) er ikke en dato DDMMÅÅ: «{value}»"),
            );
        }
        parsed
    }
}
