//! ISO 20022 camt.054 (Bank-to-Customer Debit/Credit Notification), read as a stream of XML
//! events: one entry (`Ntry`) at a time is held, never the document. A DTD is refused, so
//! no entity is ever expanded and nothing is fetched; element nesting and text are bounded.
//! Any version of the message is taken (`camt.054.001.02` … `.08`): the fields read are the
//! same in each, but for a transaction's amount, which moved from `AmtDtls/TxAmt/Amt` to
//! `Amt`. A booked credit entry is a payment; a booked debit entry marked as a reversal
//! (`RvslInd`) takes a payment back; anything else is counted as skipped.

use crate::latin1::{declares_latin1, Latin1, Source};
use crate::{decimal_ore, Format, Kind, Problem, Problems, Totals, Transaction};
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use std::collections::VecDeque;
use std::io::BufRead;

/// Elements deeper than this are not a bank's notification.
const MAX_DEPTH: usize = 24;
/// Text of one element longer than this is cut (and reported).
const MAX_TEXT: usize = 2048;
/// Transactions one entry may hold.
const MAX_DETAILS: usize = 10_000;
const NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:camt.054.";
const ROOT: &str = "BkToCstmrDbtCdtNtfctn";

mod fields;

/// The names from `from` on, joined by `/`: what is read is known by its path below the
/// element that holds it.
fn below(path: &[String], from: usize) -> String {
    path.get(from..).map(|p| p.join("/")).unwrap_or_default()
}

#[derive(Default)]
struct Details {
    index: usize,
    amount: Option<i64>,
    currency: Option<String>,
    bank_ref: Option<String>,
    kid: Option<String>,
    text: Option<String>,
    payer: Option<String>,
    payer_account: Option<String>,
}

#[derive(Default)]
struct Entry {
    index: usize,
    amount: Option<i64>,
    currency: Option<String>,
    credit_debit: Option<String>,
    reversal: bool,
    status: Option<String>,
    booked_on: Option<NaiveDate>,
    value_on: Option<NaiveDate>,
    bank_ref: Option<String>,
    entry_ref: Option<String>,
    details: Vec<Details>,
}

/// What a notification's summary states, and what its entries held.
#[derive(Default)]
struct Tally {
    entries: u64,
    sum: i64,
    credits: u64,
    credit_sum: i64,
    debits: u64,
    debit_sum: i64,
    stated: Vec<(String, i64)>,
}

pub(crate) struct CamtReader<R: BufRead> {
    xml: quick_xml::Reader<Source<R>>,
    buf: Vec<u8>,
    /// Local names of the open elements, the document's root first.
    path: Vec<String>,
    text: String,
    problems: Problems,
    message_id: Option<String>,
    created: bool,
    notification: usize,
    tally: Tally,
    entry: Option<Entry>,
    entries_in_notification: usize,
    details: Option<Details>,
    ready: VecDeque<Transaction>,
    transactions: u64,
    skipped: u64,
    done: bool,
}

impl<R: BufRead> CamtReader<R> {
    pub(crate) fn new(mut input: R) -> CamtReader<R> {
        let latin1 = input.fill_buf().map(declares_latin1).unwrap_or(false);
        let source = if latin1 {
            Source::Latin1(Latin1::new(input))
        } else {
            Source::Utf8(input)
        };
        let mut xml = quick_xml::Reader::from_reader(source);
        xml.config_mut().check_end_names = true;
        xml.config_mut().expand_empty_elements = true;
        CamtReader {
            xml,
            buf: Vec::with_capacity(1024),
            path: Vec::new(),
            text: String::new(),
            problems: Problems::default(),
            message_id: None,
            created: false,
            notification: 0,
            tally: Tally::default(),
            entry: None,
            entries_in_notification: 0,
            details: None,
            ready: VecDeque::new(),
            transactions: 0,
            skipped: 0,
            done: false,
        }
    }

    pub(crate) fn next_transaction(&mut self) -> Option<Transaction> {
        loop {
            if let Some(t) = self.ready.pop_front() {
                return Some(t);
            }
            if self.done {
                return None;
            }
            self.step();
        }
    }

    pub(crate) fn finish(mut self) -> Result<Totals, Vec<Problem>> {
        while self.next_transaction().is_some() {}
        if self.message_id.is_none() {
            self.problems.add(
                format!("/Document/{ROOT}/GrpHdr/MsgId"),
                "meldingen mangler MsgId",
            );
        }
        if !self.created {
            self.problems.add(
                format!("/Document/{ROOT}/GrpHdr/CreDtTm"),
                "meldingen mangler CreDtTm",
            );
        }
        if self.notification == 0 {
            self.problems
                .add(format!("/Document/{ROOT}"), "meldingen har ingen Ntfctn");
        }
        if self.problems.is_empty() {
            Ok(Totals {
                format: Format::Camt054,
                file_id: self.message_id.unwrap_or_default(),
                transactions: self.transactions,
                skipped: self.skipped,
            })
        } else {
            Err(self.problems.into_list())
        }
    }

    /// Where the reader is, as an XML path with the notification, entry and transaction
    /// numbered from 1.
    fn place(&self) -> String {
        let mut place = String::new();
        for (depth, name) in self.path.iter().enumerate() {
            place.push('/');
            place.push_str(name);
            let index = match (depth, name.as_str()) {
                (2, "Ntfctn") => Some(self.notification),
                (3, "Ntry") => self.entry.as_ref().map(|e| e.index),
                (5, "TxDtls") => self.details.as_ref().map(|d| d.index),
                _ => None,
            };
            if let Some(i) = index {
                place.push_str(&format!("[{i}]"));
            }
        }
        place
    }

    fn stop(&mut self, message: impl Into<String>) {
        let place = if self.path.is_empty() {
            format!("byte {}", self.xml.buffer_position())
        } else {
            self.place()
        };
        self.problems.add(place, message);
        self.done = true;
    }

    fn step(&mut self) {
        self.buf.clear();
        let event = match self.xml.read_event_into(&mut self.buf) {
            Ok(e) => e.into_owned(),
            Err(e) => {
                self.stop(format!("filen er ikke gyldig XML: {e}"));
                return;
            }
        };
        match event {
            Event::DocType(_) => {
                self.stop("en DTD (<!DOCTYPE …>) er ikke tillatt i en betalingsfil");
            }
            Event::Start(e) => self.open(&e),
            Event::End(_) => self.close(),
            Event::Text(t) => match t.decode() {
                Ok(text) => self.push_text(&text),
                Err(e) => self.stop(format!("teksten er ikke gyldig UTF-8: {e}")),
            },
            Event::CData(t) => match t.decode() {
                Ok(text) => self.push_text(&text),
                Err(e) => self.stop(format!("teksten er ikke gyldig UTF-8: {e}")),
            },
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => match r.decode().as_deref() {
                        Ok("amp") => Some("&".into()),
                        Ok("lt") => Some("<".into()),
                        Ok("gt") => Some(">".into()),
                        Ok("quot") => Some("\"".into()),
                        Ok("apos") => Some("'".into()),
                        _ => None,
                    },
                    Err(_) => None,
                };
                match resolved {
                    Some(text) => self.push_text(&text),
                    None => self.stop("ukjent entitet: bare &amp; &lt; &gt; &quot; &apos; og tegnreferanser er tillatt"),
                }
            }
            Event::Eof => {
                if self.path.is_empty() && self.notification == 0 && self.message_id.is_none() {
                    self.problems
                        .add("filen", "filen har ikke noe camt.054-dokument");
                } else if !self.path.is_empty() {
                    let open = self.place();
                    self.problems
                        .add(open, "filen slutter før elementet er lukket");
                }
                self.done = true;
            }
            Event::Empty(_) | Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.text.len() + text.len() > MAX_TEXT {
            self.stop(format!("teksten i elementet er lengre enn {MAX_TEXT} tegn"));
            return;
        }
        self.text.push_str(text);
    }

    fn open(&mut self, e: &BytesStart) {
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        if self.path.len() >= MAX_DEPTH {
            self.stop(format!(
                "elementene er nestet dypere enn {MAX_DEPTH} nivåer"
            ));
            return;
        }
        self.text.clear();
        match (self.path.len(), name.as_str()) {
            (0, "Document") => {
                let namespace = e.attributes().flatten().find_map(|a| {
                    (a.key.as_ref() == b"xmlns")
                        .then(|| String::from_utf8_lossy(&a.value).into_owned())
                });
                if !namespace.is_some_and(|n| n.starts_with(NAMESPACE)) {
                    self.path.push(name);
                    self.stop(format!(
                        "dokumentet er ikke en camt.054-melding (navnerommet skal begynne med {NAMESPACE})"
                    ));
                    return;
                }
            }
            (0, other) => {
                self.path.push(other.to_string());
                self.stop("rotelementet skal være Document");
                return;
            }
            (1, n) if n != ROOT => {
                self.path.push(name);
                self.stop(format!("dokumentet skal inneholde {ROOT}"));
                return;
            }
            (2, "Ntfctn") => {
                self.notification += 1;
                self.entries_in_notification = 0;
                self.tally = Tally::default();
            }
            (3, "Ntry") if self.in_notification() => {
                self.entries_in_notification += 1;
                self.entry = Some(Entry {
                    index: self.entries_in_notification,
                    ..Entry::default()
                });
            }
            (5, "TxDtls")
                if self.entry.is_some() && self.path.get(4).is_some_and(|p| p == "NtryDtls") =>
            {
                let index = self.entry.as_ref().map_or(0, |e| e.details.len() + 1);
                if index > MAX_DETAILS {
                    self.path.push(name);
                    self.stop(format!(
                        "posteringen har mer enn {MAX_DETAILS} transaksjoner"
                    ));
                    return;
                }
                self.details = Some(Details {
                    index,
                    ..Details::default()
                });
            }
            _ => {}
        }
        self.path.push(name);
        if self.path.last().is_some_and(|n| n == "Amt") {
            let currency = e.attributes().flatten().find_map(|a| {
                (a.key.as_ref() == b"Ccy").then(|| String::from_utf8_lossy(&a.value).into_owned())
            });
            let in_details = matches!(below(&self.path, 6).as_str(), "Amt" | "AmtDtls/TxAmt/Amt");
            if let (Some(d), true) = (self.details.as_mut(), in_details) {
                d.currency = d.currency.take().or(currency);
            } else if let (Some(en), 5) = (self.entry.as_mut(), self.path.len()) {
                en.currency = currency;
            }
        }
    }

    fn in_notification(&self) -> bool {
        self.path.get(2).is_some_and(|p| p == "Ntfctn")
    }

    fn close(&mut self) {
        let text = std::mem::take(&mut self.text);
        let text = text.trim();
        let depth = self.path.len();
        // An element holding other elements (or nothing) gives no value.
        if text.is_empty() {
        } else if depth >= 3 && self.path.get(2).is_some_and(|p| p == "GrpHdr") {
            match below(&self.path, 3).as_str() {
                "MsgId" => self.message_id = Some(text.to_string()).filter(|t| !t.is_empty()),
                "CreDtTm" => self.created = !text.is_empty(),
                _ => {}
            }
        } else if self.details.is_some() && depth >= 6 {
            let key = below(&self.path, 6);
            self.detail_field(&key, text);
        } else if self.entry.is_some() && depth >= 5 {
            let key = below(&self.path, 3);
            self.entry_field(&key, text);
        } else if self.in_notification()
            && depth >= 5
            && self.path.get(3).is_some_and(|p| p == "TxsSummry")
        {
            let key = below(&self.path, 3);
            self.summary_field(&key, text);
        }
        match (depth, self.path.last().map(String::as_str)) {
            (6, Some("TxDtls")) => {
                if let (Some(d), Some(e)) = (self.details.take(), self.entry.as_mut()) {
                    e.details.push(d);
                }
            }
            (4, Some("Ntry")) => {
                if let Some(e) = self.entry.take() {
                    self.finish_entry(e);
                }
            }
            (3, Some("Ntfctn")) => self.finish_notification(),
            _ => {}
        }
        self.path.pop();
    }
}
