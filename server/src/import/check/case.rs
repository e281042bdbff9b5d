//! One case of the exchange file: who it is about, its number, code, creditor and KID, and a
//! plan agreed before it came here.

use super::{CaseIn, Checker, PlanIn};
use app::domain::case::{ACCESS_CODE_MAX_CHARS, ACCESS_CODE_MIN_CHARS};
use app::domain::kid::{Kid, KidScheme};
use app::domain::party::{Debtor, DebtorKind};
use app::domain::plan::{LATEST_PAYMENT_DAY, PLAN_HORIZON_MONTHS};
use app::domain::CaseNumber;
use serde_json::{Map, Value};

impl Checker<'_> {
    /// The case at `path`, if every part of it is right.
    pub(super) fn case(&mut self, value: &Value, path: String) -> Option<CaseIn> {
        let obj = self.object(value, &path)?;
        let errors_before = self.errors.len();
        let case_number = self.case_number(obj, &path);
        let access_code = self.access_code(obj, &path);
        let creditor = self.creditor_ref(obj, &path);
        let kid = self.kid(obj, &path, case_number.as_ref());
        let debtor = match obj.get("debtor") {
            Some(value) => self.debtor(value, &format!("{path}.debtor")),
            None => {
                self.error(format!("{path}.debtor"), "mangler");
                None
            }
        };
        let claims = self.claims(obj, &path);
        let costs = self.costs(obj, &path);
        let payments = self.payments(obj, &path);
        let documents = self.documents(obj, &path);
        let payment_plan = self.payment_plan(obj, &path);
        if self.errors.len() != errors_before {
            return None;
        }
        Some(CaseIn {
            json_path: path,
            case_number: case_number?,
            access_code: access_code?,
            creditor: creditor?,
            kid: kid?,
            debtor: debtor?,
            claims,
            costs,
            payments,
            documents,
            payment_plan,
        })
    }

    fn case_number(&mut self, obj: &Map<String, Value>, path: &str) -> Option<CaseNumber> {
        let text = self.text(obj, path, "case_number")?;
        match CaseNumber::parse(&text) {
            Err(e) => {
                self.error(format!("{path}.case_number"), e.to_string());
                None
            }
            Ok(n) if !self.case_numbers.insert(n.clone()) => {
                self.error(
                    format!("{path}.case_number"),
                    format!("sak {n} står to ganger i filen"),
                );
                None
            }
            Ok(n) => Some(n),
        }
    }

    fn access_code(&mut self, obj: &Map<String, Value>, path: &str) -> Option<String> {
        let code = self.text(obj, path, "access_code")?;
        let n = code.chars().count();
        if !(ACCESS_CODE_MIN_CHARS..=ACCESS_CODE_MAX_CHARS).contains(&n) {
            self.error(
                format!("{path}.access_code"),
                format!("koden skal ha {ACCESS_CODE_MIN_CHARS} til {ACCESS_CODE_MAX_CHARS} tegn"),
            );
        }
        Some(code)
    }

    /// The case's creditor: in the file, or in the database already.
    fn creditor_ref(&mut self, obj: &Map<String, Value>, path: &str) -> Option<String> {
        let id = self.text(obj, path, "creditor")?;
        if !self.creditor_ids.contains(&id) && !self.known_creditors.contains(&id) {
            self.error(
                format!("{path}.creditor"),
                format!("kreditor «{id}» finnes verken i filen eller i databasen"),
            );
        }
        Some(id)
    }

    /// The KID the file gives (MOD10 or MOD11), or one made from the case number (MOD10).
    fn kid(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        case_number: Option<&CaseNumber>,
    ) -> Option<Kid> {
        let kid = match (obj.get("kid"), case_number) {
            (None | Some(Value::Null), Some(n)) => Kid::generate_mod10(n.as_str()).ok(),
            (None | Some(Value::Null), None) => None,
            (Some(_), _) => self.text(obj, path, "kid").and_then(|text| {
                let kid = Kid::parse(&text, KidScheme::Mod10)
                    .or_else(|_| Kid::parse(&text, KidScheme::Mod11));
                if kid.is_err() {
                    self.error(
                        format!("{path}.kid"),
                        format!("«{text}» er ikke en gyldig KID (MOD10 eller MOD11)"),
                    );
                }
                kid.ok()
            }),
        }?;
        if !self.kids.insert(kid.clone()) {
            self.error(
                format!("{path}.kid"),
                format!("KID {kid} er brukt av en annen sak i filen"),
            );
        }
        Some(kid)
    }

    fn debtor(&mut self, value: &Value, path: &str) -> Option<Debtor> {
        let obj = self.object(value, path)?;
        let name = self.text(obj, path, "name");
        let kind = self.text(obj, path, "kind").and_then(|k| {
            let kind = DebtorKind::parse(&k);
            if kind.is_none() {
                self.error(
                    format!("{path}.kind"),
                    "skal være «consumer» eller «business»",
                );
            }
            kind
        });
        let email = self.optional_text(obj, path, "email");
        if let Some(e) = &email {
            if !e.contains('@') || e.contains(' ') {
                self.error(
                    format!("{path}.email"),
                    format!("«{e}» er ikke en e-postadresse"),
                );
            }
        }
        let phone = self.optional_text(obj, path, "phone");
        if let Some(p) = &phone {
            let digits = p.trim_start_matches('+').replace(' ', "");
            if digits.len() < 8
                || digits.len() > 15
                || !digits.chars().all(|ch| ch.is_ascii_digit())
            {
                self.error(
                    format!("{path}.phone"),
                    format!("«{p}» er ikke et telefonnummer"),
                );
            }
        }
        let (street, postal_code, city) = self.address(obj, path);
        Some(Debtor {
            name: name?,
            kind: kind?,
            email,
            phone,
            street,
            postal_code,
            city,
        })
    }

    fn address(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let Some(address) = obj.get("address").filter(|a| !a.is_null()) else {
            return (None, None, None);
        };
        let apath = format!("{path}.address");
        let Some(a) = self.object(address, &apath) else {
            return (None, None, None);
        };
        let street = self.text(a, &apath, "street");
        let postal_code = self.text(a, &apath, "postal_code");
        let city = self.text(a, &apath, "city");
        if let Some(pc) = &postal_code {
            if pc.len() != 4 || !pc.chars().all(|ch| ch.is_ascii_digit()) {
                self.error(
                    format!("{apath}.postal_code"),
                    "postnummeret skal ha 4 sifre",
                );
            }
        }
        (street, postal_code, city)
    }

    /// `"payment_plan": { "agreed_on": "YYYY-MM-DD", "day_of_month": 1–28, "months": 1–120 }`.
    fn payment_plan(&mut self, obj: &Map<String, Value>, path: &str) -> Option<PlanIn> {
        let value = obj.get("payment_plan").filter(|v| !v.is_null())?;
        let path = format!("{path}.payment_plan");
        let o = self.object(value, &path)?;
        let agreed_on = self.date(o, &path, "agreed_on");
        if agreed_on.is_some_and(|d| d > self.today) {
            self.error(
                format!("{path}.agreed_on"),
                format!("avtalen er datert etter i dag ({})", self.today),
            );
        }
        let day_of_month = self.whole(o, &path, "day_of_month", LATEST_PAYMENT_DAY);
        let months = self.whole(o, &path, "months", PLAN_HORIZON_MONTHS);
        Some(PlanIn {
            agreed_on: agreed_on?,
            day_of_month: day_of_month?,
            months: months?,
        })
    }

    /// A whole number from 1 to `max`.
    fn whole(&mut self, o: &Map<String, Value>, path: &str, key: &str, max: u32) -> Option<u32> {
        let n = o
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| (1..=max).contains(n));
        if n.is_none() {
            self.error(
                format!("{path}.{key}"),
                format!("skal være et helt tall fra 1 til {max}"),
            );
        }
        n
    }
}
