//! The lines of a case in the exchange file: its claims, costs, payments and documents.

use super::{Checker, DocumentIn};
use app::domain::{Claim, Cost, CostKind, DocumentKind, Payment};
use serde_json::{Map, Value};
use std::path::{Component, Path, PathBuf};

impl Checker<'_> {
    /// Each item of the list `key` of `obj` that is an object, with its path.
    fn items<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
    ) -> Vec<(String, &'v Map<String, Value>)> {
        self.array(obj, path, key, required)
            .iter()
            .enumerate()
            .filter_map(|(j, value)| {
                let path = format!("{path}.{key}[{j}]");
                self.object(value, &path).map(|o| (path, o))
            })
            .collect()
    }

    pub(super) fn claims(&mut self, obj: &Map<String, Value>, path: &str) -> Vec<Claim> {
        if obj
            .get("claims")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            self.error(format!("{path}.claims"), "en sak må ha minst ett krav");
        }
        let mut claims: Vec<Claim> = Vec::new();
        for (path, o) in self.items(obj, path, "claims", true) {
            let invoice_number = self.text(o, &path, "invoice_number");
            let description = self.text(o, &path, "description");
            let invoice_date = self.date(o, &path, "invoice_date");
            let due_date = self.date(o, &path, "due_date");
            let amount = self.amount(o, &path, "amount");
            if let (Some(inv), Some(due)) = (invoice_date, due_date) {
                if due < inv {
                    self.error(
                        format!("{path}.due_date"),
                        "forfallsdatoen er før fakturadatoen",
                    );
                }
            }
            if let Some(n) = &invoice_number {
                if claims.iter().any(|cl| &cl.invoice_number == n) {
                    self.error(
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
        claims
    }

    pub(super) fn costs(&mut self, obj: &Map<String, Value>, path: &str) -> Vec<Cost> {
        let mut costs = Vec::new();
        for (path, o) in self.items(obj, path, "costs", false) {
            let kind = self.choice::<CostKind>(o, &path, "kind", "kostnadstype");
            let date = self.date(o, &path, "date");
            let amount = self.amount(o, &path, "amount");
            if let (Some(kind), Some(date), Some(amount)) = (kind, date, amount) {
                costs.push(Cost { kind, date, amount });
            }
        }
        costs
    }

    pub(super) fn payments(&mut self, obj: &Map<String, Value>, path: &str) -> Vec<Payment> {
        let mut payments: Vec<Payment> = Vec::new();
        for (path, o) in self.items(obj, path, "payments", false) {
            let date = self.date(o, &path, "date");
            let amount = self.amount(o, &path, "amount");
            let reference = self.text(o, &path, "reference");
            if date.is_some_and(|d| d > self.today) {
                self.error(
                    format!("{path}.date"),
                    format!("betalingen er datert etter i dag ({})", self.today),
                );
            }
            if let Some(r) = &reference {
                if payments.iter().any(|p| &p.reference == r) {
                    self.error(
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
                    credit: Default::default(),
                });
            }
        }
        payments
    }

    pub(super) fn documents(&mut self, obj: &Map<String, Value>, path: &str) -> Vec<DocumentIn> {
        let mut documents: Vec<DocumentIn> = Vec::new();
        for (path, o) in self.items(obj, path, "documents", false) {
            let kind = self.choice::<DocumentKind>(o, &path, "kind", "dokumenttype");
            let title = self.text(o, &path, "title");
            if let (Some(k), Some(t)) = (&kind, &title) {
                if documents.iter().any(|d| &d.kind == k && &d.title == t) {
                    self.error(
                        format!("{path}.title"),
                        format!("dokumentet «{t}» står to ganger i saken"),
                    );
                }
            }
            let file = self.document_file(o, &path);
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
        documents
    }

    /// The document's file: inside the JSON file's folder, and there.
    fn document_file(&mut self, o: &Map<String, Value>, path: &str) -> Option<PathBuf> {
        let f = self.text(o, path, "file")?;
        let Some(resolved) = document_path(self.base_dir, &f) else {
            self.error(
                format!("{path}.file"),
                format!("«{f}» må være en sti inne i mappen til JSON-filen"),
            );
            return None;
        };
        if !resolved.is_file() {
            self.error(
                format!("{path}.file"),
                format!("finner ikke filen {}", resolved.display()),
            );
        }
        Some(resolved)
    }
}

/// A document path relative to the JSON file's folder, refused if absolute or if it climbs
/// out of the folder.
pub(super) fn document_path(base_dir: &Path, relative: &str) -> Option<PathBuf> {
    let rel = Path::new(relative);
    let safe = rel
        .components()
        .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    (safe && !relative.is_empty()).then(|| base_dir.join(rel))
}
