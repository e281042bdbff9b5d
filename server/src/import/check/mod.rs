//! Phase one of an import: read the exchange file, all of it, before anything is written.
//! Every error carries the JSON path of what is wrong, so an operator can fix the whole file
//! in one go. `case` reads one case, `lines` its claims, costs, payments and documents.

mod case;
mod lines;

use app::domain::party::{Creditor, Debtor};
use app::domain::{CaseNumber, Claim, Cost, Kid, Nok, Payment, TextEnum};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocumentIn {
    pub kind: app::domain::DocumentKind,
    pub title: String,
    pub file: PathBuf,
    pub file_name: String,
    pub json_path: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseIn {
    pub json_path: String,
    pub case_number: CaseNumber,
    pub access_code: String,
    pub creditor: String,
    pub kid: Kid,
    pub debtor: Debtor,
    pub claims: Vec<Claim>,
    pub costs: Vec<Cost>,
    pub payments: Vec<Payment>,
    pub documents: Vec<DocumentIn>,
    /// An instalment plan the debtor agreed to before the case came here.
    pub payment_plan: Option<PlanIn>,
}

/// `"payment_plan": { "agreed_on": "YYYY-MM-DD", "day_of_month": 1–28, "months": 1–120 }`:
/// the plan is worked out by the same calculator as a debtor's own, as of the day agreed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanIn {
    pub agreed_on: NaiveDate,
    pub day_of_month: u32,
    pub months: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub creditors: Vec<Creditor>,
    pub cases: Vec<CaseIn>,
}

const MAX_TEXT: usize = 500;

/// Walks the JSON, collecting every error it finds rather than stopping at the first, and
/// what it has seen so far that must not repeat.
struct Checker<'a> {
    errors: Vec<ImportError>,
    base_dir: &'a Path,
    today: NaiveDate,
    known_creditors: &'a HashSet<String>,
    creditor_ids: HashSet<String>,
    case_numbers: HashSet<CaseNumber>,
    kids: HashSet<Kid>,
}

impl Checker<'_> {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(ImportError {
            path: path.into(),
            message: message.into(),
        });
    }

    fn object<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            self.error(path, "skal være et objekt");
        }
        object
    }

    fn array<'v>(
        &mut self,
        object: &'v Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
    ) -> &'v [Value] {
        match object.get(key) {
            Some(Value::Array(items)) => items,
            None | Some(Value::Null) if !required => &[],
            None | Some(Value::Null) => {
                self.error(format!("{path}.{key}"), "mangler");
                &[]
            }
            Some(_) => {
                self.error(format!("{path}.{key}"), "skal være en liste");
                &[]
            }
        }
    }

    /// A required, non-empty text of at most `MAX_TEXT` characters, trimmed.
    fn text(&mut self, object: &Map<String, Value>, path: &str, key: &str) -> Option<String> {
        let path = format!("{path}.{key}");
        match object.get(key) {
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.error(path, "kan ikke være tom");
                None
            }
            Some(Value::String(s)) if s.chars().count() > MAX_TEXT => {
                self.error(path, format!("er lengre enn {MAX_TEXT} tegn"));
                None
            }
            Some(Value::String(s)) if s.chars().any(|c| c.is_control()) => {
                self.error(path, "inneholder kontrolltegn");
                None
            }
            Some(Value::String(s)) => Some(s.trim().to_string()),
            None | Some(Value::Null) => {
                self.error(path, "mangler");
                None
            }
            Some(_) => {
                self.error(path, "skal være tekst");
                None
            }
        }
    }

    /// An optional text: absent, null or empty is `None`.
    fn optional_text(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<String> {
        match object.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(_) => self.text(object, path, key),
        }
    }

    fn date(&mut self, object: &Map<String, Value>, path: &str, key: &str) -> Option<NaiveDate> {
        let text = self.text(object, path, key)?;
        let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .ok()
            .filter(|_| text.len() == 10);
        if date.is_none() {
            self.error(
                format!("{path}.{key}"),
                format!("«{text}» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            );
        }
        date
    }

    fn amount(&mut self, object: &Map<String, Value>, path: &str, key: &str) -> Option<Nok> {
        let full = format!("{path}.{key}");
        let text = match object.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(_)) => {
                self.error(
                    full,
                    "beløp skal skrives som tekst, for eksempel \"1234.50\"",
                );
                return None;
            }
            _ => {
                self.text(object, path, key);
                return None;
            }
        };
        if text.contains(',') || text.contains(' ') {
            self.error(
                full,
                format!(
                    "«{text}» skal skrives med punktum og uten mellomrom, for eksempel \"1234.50\""
                ),
            );
            return None;
        }
        match Nok::parse(&text) {
            Ok(amount) if amount.is_positive() => Some(amount),
            Ok(_) => {
                self.error(full, "beløpet må være større enn null");
                None
            }
            Err(e) => {
                self.error(full, e.to_string());
                None
            }
        }
    }
}

impl Checker<'_> {
    /// A text naming one of a closed set's values; a wrong one is listed with the right ones.
    fn choice<T: TextEnum>(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
        what: &str,
    ) -> Option<T> {
        let text = self.text(object, path, key)?;
        let found = T::all().iter().copied().find(|v| v.text() == text);
        if found.is_none() {
            let known: Vec<&str> = T::all().iter().map(|v| v.text()).collect();
            let message = format!("ukjent {what} «{text}»; gyldige er {}", known.join(", "));
            self.error(format!("{path}.{key}"), message);
        }
        found
    }
}

/// Check the whole file. `base_dir` is the folder of the JSON file; document paths are
/// relative to it and may not leave it. `today` bounds the dates a payment may have.
/// `known_creditors` are the creditor ids already in the database.
pub fn validate(
    root: &Value,
    base_dir: &Path,
    today: NaiveDate,
    known_creditors: &HashSet<String>,
) -> Result<ImportPlan, Vec<ImportError>> {
    let mut c = Checker {
        errors: Vec::new(),
        base_dir,
        today,
        known_creditors,
        creditor_ids: HashSet::new(),
        case_numbers: HashSet::new(),
        kids: HashSet::new(),
    };
    let Some(top) = c.object(root, "$") else {
        return Err(c.errors);
    };
    for key in top.keys() {
        if key != "creditors" && key != "cases" {
            c.error(format!("$.{key}"), "ukjent felt");
        }
    }
    let creditors = c
        .array(top, "$", "creditors", false)
        .iter()
        .enumerate()
        .filter_map(|(i, value)| c.creditor(value, &format!("$.creditors[{i}]")))
        .collect();
    let cases = c
        .array(top, "$", "cases", true)
        .iter()
        .enumerate()
        .filter_map(|(i, value)| c.case(value, format!("$.cases[{i}]")))
        .collect();
    if c.errors.is_empty() {
        Ok(ImportPlan { creditors, cases })
    } else {
        Err(c.errors)
    }
}

impl Checker<'_> {
    fn creditor(&mut self, value: &Value, path: &str) -> Option<Creditor> {
        let obj = self.object(value, path)?;
        let id = self.text(obj, path, "id");
        let name = self.text(obj, path, "name");
        let org_number = self.text(obj, path, "org_number");
        if let Some(org) = &org_number {
            if org.len() != 9 || !org.chars().all(|ch| ch.is_ascii_digit()) {
                self.error(
                    format!("{path}.org_number"),
                    "organisasjonsnummeret skal ha 9 sifre",
                );
            }
        }
        if let Some(id) = &id {
            if !self.creditor_ids.insert(id.clone()) {
                self.error(
                    format!("{path}.id"),
                    format!("kreditor «{id}» står to ganger i filen"),
                );
            }
        }
        Some(Creditor {
            id: id?,
            name: name?,
            org_number: org_number?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::lines::document_path;
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).expect("date")
    }

    fn good_case() -> Value {
        json!({
            "case_number": "20250001", "access_code": "739214", "creditor": "elektro", "kid": null,
            "debtor": { "name": "Kari Nordmann", "kind": "consumer", "email": "kari@example.no",
                        "phone": "+4791234567", "address": { "street": "Storgata 1", "postal_code": "0155", "city": "Oslo" } },
            "claims": [ { "invoice_number": "F-10023", "description": "Vaskemaskin", "invoice_date": "2025-01-02",
                          "due_date": "2025-01-16", "amount": "7499.00" } ],
            "costs": [ { "kind": "reminder_fee", "date": "2025-02-01", "amount": "35.00" } ],
            "payments": [ { "date": "2025-04-01", "amount": "1000.00", "reference": "bank-1" } ]
        })
    }

    fn file(cases: Vec<Value>) -> Value {
        json!({ "creditors": [ { "id": "elektro", "name": "Elektro AS", "org_number": "987654321" } ], "cases": cases })
    }

    #[test]
    fn a_good_file_becomes_a_plan_with_a_generated_kid() {
        let plan = validate(
            &file(vec![good_case()]),
            Path::new("."),
            today(),
            &HashSet::new(),
        )
        .expect("valid");
        assert_eq!(plan.cases.len(), 1);
        assert_eq!(plan.cases[0].kid.as_str(), "202500013");
        assert_eq!(plan.cases[0].claims[0].principal, Nok::from_ore(749_900));
        assert_eq!(plan.cases[0].debtor.postal_code.as_deref(), Some("0155"));
        assert_eq!(plan.cases[0].case_number.as_str(), "20250001");
    }

    #[test]
    fn every_error_is_listed_with_its_path() {
        let mut bad = good_case();
        bad["claims"][0]["amount"] = json!("74.999");
        bad["claims"][0]["due_date"] = json!("2025-02-30");
        bad["costs"][0]["kind"] = json!("party_fee");
        bad["payments"][0]["amount"] = json!(1000);
        bad["debtor"]["kind"] = json!("alien");
        bad["kid"] = json!("12345");
        let errors = validate(&file(vec![bad]), Path::new("."), today(), &HashSet::new())
            .expect_err("invalid");
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "$.cases[0].kid",
                "$.cases[0].debtor.kind",
                "$.cases[0].claims[0].due_date",
                "$.cases[0].claims[0].amount",
                "$.cases[0].costs[0].kind",
                "$.cases[0].payments[0].amount",
            ]
        );
    }

    #[test]
    fn duplicates_and_future_payments_are_refused() {
        let mut future = good_case();
        future["payments"][0]["date"] = json!("2025-06-02");
        let errors = validate(
            &file(vec![good_case(), future]),
            Path::new("."),
            today(),
            &HashSet::new(),
        )
        .expect_err("invalid");
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            messages.contains(
                &"$.cases[1].case_number: sak 20250001 står to ganger i filen".to_string()
            ),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m
                    .starts_with("$.cases[1].payments[0].date: betalingen er datert etter i dag")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_creditor_must_be_in_the_file_or_the_database() {
        let mut case = good_case();
        case["creditor"] = json!("vvs");
        let errors = validate(
            &file(vec![case.clone()]),
            Path::new("."),
            today(),
            &HashSet::new(),
        )
        .expect_err("unknown");
        assert_eq!(errors[0].path, "$.cases[0].creditor");
        let known = HashSet::from(["vvs".to_string()]);
        assert!(validate(&file(vec![case]), Path::new("."), today(), &known).is_ok());
    }

    #[test]
    fn documents_may_not_leave_the_folder() {
        assert!(document_path(Path::new("/x"), "../etc/passwd").is_none());
        assert!(document_path(Path::new("/x"), "/etc/passwd").is_none());
        assert_eq!(
            document_path(Path::new("/x"), "docs/a.pdf"),
            Some(PathBuf::from("/x/docs/a.pdf"))
        );
    }

    #[test]
    fn not_an_object_is_one_clear_error() {
        let errors = validate(&json!([1, 2]), Path::new("."), today(), &HashSet::new())
            .expect_err("invalid");
        assert_eq!(
            errors,
            vec![ImportError {
                path: "$".into(),
                message: "skal være et objekt".into()
            }]
        );
    }
}
