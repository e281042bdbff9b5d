//! Checking an exchange file, all of it, before anything is written. Every error carries the
//! JSON path of what is wrong, so an operator can fix the whole file in one go.

use crate::domain::kid::{Kid, KidScheme};
use crate::domain::{Claim, Cost, CostKind, Nok, Payment};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

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
pub struct CreditorIn {
    pub id: String,
    pub name: String,
    pub org_number: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DebtorIn {
    pub name: String,
    pub kind: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocumentIn {
    pub kind: String,
    pub title: String,
    pub file: PathBuf,
    pub file_name: String,
    pub json_path: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseIn {
    pub json_path: String,
    pub case_number: String,
    pub access_code: String,
    pub creditor: String,
    pub kid: Kid,
    pub debtor: DebtorIn,
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
    pub creditors: Vec<CreditorIn>,
    pub cases: Vec<CaseIn>,
}

pub const DOCUMENT_KINDS: [&str; 5] = [
    "original_invoice",
    "collection_notice",
    "payment_demand",
    "letter",
    "other",
];

const MAX_TEXT: usize = 500;

/// Walks the JSON, collecting every error it finds rather than stopping at the first.
struct Checker {
    errors: Vec<ImportError>,
}

impl Checker {
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

/// Check the whole file. `base_dir` is the folder of the JSON file; document paths are
/// relative to it and may not leave it. `today` bounds the dates a payment may have.
/// `known_creditors` are the creditor ids already in the database.
pub fn validate(
    root: &Value,
    base_dir: &Path,
    today: NaiveDate,
    known_creditors: &HashSet<String>,
) -> Result<ImportPlan, Vec<ImportError>> {
    let mut c = Checker { errors: Vec::new() };
    let Some(top) = c.object(root, "$") else {
        return Err(c.errors);
    };
    for key in top.keys() {
        if key != "creditors" && key != "cases" {
            c.error(format!("$.{key}"), "ukjent felt");
        }
    }

    let mut creditors = Vec::new();
    let mut creditor_ids = HashSet::new();
    for (i, value) in c.array(top, "$", "creditors", false).iter().enumerate() {
        let path = format!("$.creditors[{i}]");
        let Some(obj) = c.object(value, &path) else {
            continue;
        };
        let id = c.text(obj, &path, "id");
        let name = c.text(obj, &path, "name");
        let org_number = c.text(obj, &path, "org_number");
        if let Some(org) = &org_number {
            if org.len() != 9 || !org.chars().all(|ch| ch.is_ascii_digit()) {
                c.error(
                    format!("{path}.org_number"),
                    "organisasjonsnummeret skal ha 9 sifre",
                );
            }
        }
        if let Some(id) = &id {
            if !creditor_ids.insert(id.clone()) {
                c.error(
                    format!("{path}.id"),
                    format!("kreditor «{id}» står to ganger i filen"),
                );
            }
        }
        if let (Some(id), Some(name), Some(org_number)) = (id, name, org_number) {
            creditors.push(CreditorIn {
                id,
                name,
                org_number,
            });
        }
    }

    let mut cases = Vec::new();
    let mut case_numbers = HashSet::new();
    let mut kids = HashSet::new();
    for (i, value) in c.array(top, "$", "cases", true).iter().enumerate() {
        let path = format!("$.cases[{i}]");
        let Some(obj) = c.object(value, &path) else {
            continue;
        };
        let errors_before = c.errors.len();

        let case_number = c.text(obj, &path, "case_number");
        if let Some(n) = &case_number {
            if n.len() < 3 || n.len() > 20 || !n.chars().all(|ch| ch.is_ascii_digit()) {
                c.error(
                    format!("{path}.case_number"),
                    "saksnummeret skal ha 3 til 20 sifre",
                );
            } else if !case_numbers.insert(n.clone()) {
                c.error(
                    format!("{path}.case_number"),
                    format!("sak {n} står to ganger i filen"),
                );
            }
        }
        let access_code = c.text(obj, &path, "access_code");
        if let Some(code) = &access_code {
            if code.chars().count() < 6 || code.chars().count() > 64 {
                c.error(format!("{path}.access_code"), "koden skal ha 6 til 64 tegn");
            }
        }
        let creditor = c.text(obj, &path, "creditor");
        if let Some(id) = &creditor {
            if !creditor_ids.contains(id) && !known_creditors.contains(id) {
                c.error(
                    format!("{path}.creditor"),
                    format!("kreditor «{id}» finnes verken i filen eller i databasen"),
                );
            }
        }
        let kid = match (obj.get("kid"), &case_number) {
            (None | Some(Value::Null), Some(n)) => Kid::generate_mod10(n).ok(),
            (None | Some(Value::Null), None) => None,
            (Some(_), _) => c.text(obj, &path, "kid").and_then(|text| {
                let kid = Kid::parse(&text, KidScheme::Mod10)
                    .or_else(|_| Kid::parse(&text, KidScheme::Mod11));
                if kid.is_err() {
                    c.error(
                        format!("{path}.kid"),
                        format!("«{text}» er ikke en gyldig KID (MOD10 eller MOD11)"),
                    );
                }
                kid.ok()
            }),
        };
        if let Some(kid) = &kid {
            if !kids.insert(kid.clone()) {
                c.error(
                    format!("{path}.kid"),
                    format!("KID {kid} er brukt av en annen sak i filen"),
                );
            }
        }

        let debtor = match obj.get("debtor") {
            Some(value) => debtor(&mut c, value, &format!("{path}.debtor")),
            None => {
                c.error(format!("{path}.debtor"), "mangler");
                None
            }
        };

        let mut claims: Vec<Claim> = Vec::new();
        let claim_values = c.array(obj, &path, "claims", true);
        if claim_values.is_empty() && obj.get("claims").is_some_and(Value::is_array) {
            c.error(format!("{path}.claims"), "en sak må ha minst ett krav");
        }
        for (j, value) in claim_values.iter().enumerate() {
            let path = format!("{path}.claims[{j}]");
            let Some(o) = c.object(value, &path) else {
                continue;
            };
            let invoice_number = c.text(o, &path, "invoice_number");
            let description = c.text(o, &path, "description");
            let invoice_date = c.date(o, &path, "invoice_date");
            let due_date = c.date(o, &path, "due_date");
            let amount = c.amount(o, &path, "amount");
            if let (Some(inv), Some(due)) = (invoice_date, due_date) {
                if due < inv {
                    c.error(
                        format!("{path}.due_date"),
                        "forfallsdatoen er før fakturadatoen",
                    );
                }
            }
            if let Some(n) = &invoice_number {
                if claims.iter().any(|cl| &cl.invoice_number == n) {
                    c.error(
                        format!("{path}.invoice_number"),
                        format!("faktura {n} står to ganger i saken"),
                    );
                }
            }
            if let (
                Some(invoice_number),
                Some(description),
                Some(invoice_date),
                Some(due_date),
                Some(principal),
            ) = (invoice_number, description, invoice_date, due_date, amount)
            {
                claims.push(Claim {
                    invoice_number,
                    description,
                    invoice_date,
                    due_date,
                    principal,
                });
            }
        }

        let mut costs = Vec::new();
        for (j, value) in c.array(obj, &path, "costs", false).iter().enumerate() {
            let path = format!("{path}.costs[{j}]");
            let Some(o) = c.object(value, &path) else {
                continue;
            };
            let kind = c.text(o, &path, "kind").and_then(|k| {
                let kind = CostKind::parse(&k);
                if kind.is_none() {
                    let known: Vec<&str> = CostKind::ALL.iter().map(|k| k.as_str()).collect();
                    c.error(
                        format!("{path}.kind"),
                        format!("ukjent kostnadstype «{k}»; gyldige er {}", known.join(", ")),
                    );
                }
                kind
            });
            let date = c.date(o, &path, "date");
            let amount = c.amount(o, &path, "amount");
            if let (Some(kind), Some(date), Some(amount)) = (kind, date, amount) {
                costs.push(Cost { kind, date, amount });
            }
        }

        let mut payments: Vec<Payment> = Vec::new();
        for (j, value) in c.array(obj, &path, "payments", false).iter().enumerate() {
            let path = format!("{path}.payments[{j}]");
            let Some(o) = c.object(value, &path) else {
                continue;
            };
            let date = c.date(o, &path, "date");
            let amount = c.amount(o, &path, "amount");
            let reference = c.text(o, &path, "reference");
            if let Some(d) = date {
                if d > today {
                    c.error(
                        format!("{path}.date"),
                        format!("betalingen er datert etter i dag ({today})"),
                    );
                }
            }
            if let Some(r) = &reference {
                if payments.iter().any(|p| &p.reference == r) {
                    c.error(
                        format!("{path}.reference"),
                        format!("referansen {r} står to ganger i saken"),
                    );
                }
            }
            if let (Some(date), Some(amount), Some(reference)) = (date, amount, reference) {
                payments.push(Payment {
                    date,
                    amount,
                    reference,
                });
            }
        }

        let mut documents: Vec<DocumentIn> = Vec::new();
        for (j, value) in c.array(obj, &path, "documents", false).iter().enumerate() {
            let path = format!("{path}.documents[{j}]");
            let Some(o) = c.object(value, &path) else {
                continue;
            };
            let kind = c.text(o, &path, "kind");
            if let Some(k) = &kind {
                if !DOCUMENT_KINDS.contains(&k.as_str()) {
                    c.error(
                        format!("{path}.kind"),
                        format!(
                            "ukjent dokumenttype «{k}»; gyldige er {}",
                            DOCUMENT_KINDS.join(", ")
                        ),
                    );
                }
            }
            let title = c.text(o, &path, "title");
            if let (Some(k), Some(t)) = (&kind, &title) {
                if documents.iter().any(|d| &d.kind == k && &d.title == t) {
                    c.error(
                        format!("{path}.title"),
                        format!("dokumentet «{t}» står to ganger i saken"),
                    );
                }
            }
            let file = c.text(o, &path, "file").and_then(|f| {
                let resolved = document_path(base_dir, &f);
                if resolved.is_none() {
                    c.error(
                        format!("{path}.file"),
                        format!("«{f}» må være en sti inne i mappen til JSON-filen"),
                    );
                }
                resolved
            });
            if let Some(f) = &file {
                if !f.is_file() {
                    c.error(
                        format!("{path}.file"),
                        format!("finner ikke filen {}", f.display()),
                    );
                }
            }
            if let (Some(kind), Some(title), Some(file)) = (kind, title, file) {
                let file_name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "dokument".into());
                documents.push(DocumentIn {
                    kind,
                    title,
                    file,
                    file_name,
                    json_path: path,
                });
            }
        }

        let payment_plan = match obj.get("payment_plan") {
            None | Some(Value::Null) => None,
            Some(value) => {
                let path = format!("{path}.payment_plan");
                c.object(value, &path).and_then(|o| {
                    let agreed_on = c.date(o, &path, "agreed_on");
                    if agreed_on.is_some_and(|d| d > today) {
                        c.error(
                            format!("{path}.agreed_on"),
                            format!("avtalen er datert etter i dag ({today})"),
                        );
                    }
                    let mut whole = |key: &str, max: u64| -> Option<u32> {
                        let n = o
                            .get(key)
                            .and_then(Value::as_u64)
                            .filter(|n| (1..=max).contains(n));
                        if n.is_none() {
                            c.error(
                                format!("{path}.{key}"),
                                format!("skal være et helt tall fra 1 til {max}"),
                            );
                        }
                        n.and_then(|n| u32::try_from(n).ok())
                    };
                    let day_of_month = whole("day_of_month", 28);
                    let months = whole("months", 120);
                    match (agreed_on, day_of_month, months) {
                        (Some(agreed_on), Some(day_of_month), Some(months)) => Some(PlanIn {
                            agreed_on,
                            day_of_month,
                            months,
                        }),
                        _ => None,
                    }
                })
            }
        };

        if c.errors.len() == errors_before {
            if let (Some(case_number), Some(access_code), Some(creditor), Some(kid), Some(debtor)) =
                (case_number, access_code, creditor, kid, debtor)
            {
                cases.push(CaseIn {
                    json_path: path,
                    case_number,
                    access_code,
                    creditor,
                    kid,
                    debtor,
                    claims,
                    costs,
                    payments,
                    documents,
                    payment_plan,
                });
            }
        }
    }

    if c.errors.is_empty() {
        Ok(ImportPlan { creditors, cases })
    } else {
        Err(c.errors)
    }
}

fn debtor(c: &mut Checker, value: &Value, path: &str) -> Option<DebtorIn> {
    let obj = c.object(value, path)?;
    let name = c.text(obj, path, "name");
    let kind = c.text(obj, path, "kind");
    if let Some(k) = &kind {
        if k != "consumer" && k != "business" {
            c.error(
                format!("{path}.kind"),
                "skal være «consumer» eller «business»",
            );
        }
    }
    let email = c.optional_text(obj, path, "email");
    if let Some(e) = &email {
        if !e.contains('@') || e.contains(' ') {
            c.error(
                format!("{path}.email"),
                format!("«{e}» er ikke en e-postadresse"),
            );
        }
    }
    let phone = c.optional_text(obj, path, "phone");
    if let Some(p) = &phone {
        let digits = p.trim_start_matches('+').replace(' ', "");
        if digits.len() < 8 || digits.len() > 15 || !digits.chars().all(|ch| ch.is_ascii_digit()) {
            c.error(
                format!("{path}.phone"),
                format!("«{p}» er ikke et telefonnummer"),
            );
        }
    }
    let (mut street, mut postal_code, mut city) = (None, None, None);
    match obj.get("address") {
        None | Some(Value::Null) => {}
        Some(address) => {
            let apath = format!("{path}.address");
            if let Some(a) = c.object(address, &apath) {
                street = c.text(a, &apath, "street");
                postal_code = c.text(a, &apath, "postal_code");
                city = c.text(a, &apath, "city");
                if let Some(pc) = &postal_code {
                    if pc.len() != 4 || !pc.chars().all(|ch| ch.is_ascii_digit()) {
                        c.error(
                            format!("{apath}.postal_code"),
                            "postnummeret skal ha 4 sifre",
                        );
                    }
                }
            }
        }
    }
    Some(DebtorIn {
        name: name?,
        kind: kind?,
        email,
        phone,
        street,
        postal_code,
        city,
    })
}

/// A document path relative to the JSON file's folder, refused if absolute or if it climbs
/// out of the folder.
fn document_path(base_dir: &Path, relative: &str) -> Option<PathBuf> {
    let rel = Path::new(relative);
    let safe = rel
        .components()
        .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    (safe && !relative.is_empty()).then(|| base_dir.join(rel))
}

#[cfg(test)]
mod tests {
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
