//! What the elements of a notification say: amounts, dates, an entry's and a transaction's
//! fields, and how a finished entry becomes transactions.

use super::*;

impl<R: BufRead> CamtReader<R> {
    fn amount(&mut self, text: &str) -> Option<i64> {
        let amount = decimal_ore(text);
        if amount.is_none() {
            let place = self.place();
            self.problems.add(
                place,
                format!("beløpet «{text}» er ikke et tall med høyst to desimaler"),
            );
        }
        amount
    }

    fn date(&mut self, text: &str) -> Option<NaiveDate> {
        let date = text
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .filter(|_| text.len() == 10 || text.as_bytes().get(10) == Some(&b'T'));
        if date.is_none() {
            let place = self.place();
            self.problems
                .add(place, format!("«{text}» er ikke en dato ÅÅÅÅ-MM-DD"));
        }
        date
    }

    pub(super) fn entry_field(&mut self, key: &str, text: &str) {
        let value = Some(text.to_string()).filter(|t| !t.is_empty());
        match key {
            "Ntry/Amt" => {
                let amount = self.amount(text);
                if let Some(e) = self.entry.as_mut() {
                    e.amount = amount;
                }
            }
            "Ntry/BookgDt/Dt" | "Ntry/BookgDt/DtTm" | "Ntry/ValDt/Dt" | "Ntry/ValDt/DtTm" => {
                let date = self.date(text);
                if let Some(e) = self.entry.as_mut() {
                    if key.starts_with("Ntry/BookgDt") {
                        e.booked_on = date;
                    } else {
                        e.value_on = date;
                    }
                }
            }
            _ => {
                let Some(e) = self.entry.as_mut() else {
                    return;
                };
                match key {
                    "Ntry/CdtDbtInd" => e.credit_debit = value,
                    "Ntry/RvslInd" => e.reversal = text == "true" || text == "1",
                    "Ntry/Sts" | "Ntry/Sts/Cd" => e.status = value,
                    "Ntry/AcctSvcrRef" => e.bank_ref = value,
                    "Ntry/NtryRef" => e.entry_ref = value,
                    _ => {}
                }
            }
        }
    }

    pub(super) fn detail_field(&mut self, key: &str, text: &str) {
        let value = Some(text.to_string()).filter(|t| !t.is_empty());
        match key {
            "Amt" | "AmtDtls/TxAmt/Amt" => {
                let amount = self.amount(text);
                if let Some(d) = self.details.as_mut() {
                    d.amount = d.amount.or(amount);
                }
            }
            _ => {
                let Some(d) = self.details.as_mut() else {
                    return;
                };
                match key {
                    "Refs/AcctSvcrRef" => d.bank_ref = value,
                    "RmtInf/Strd/CdtrRefInf/Ref" => d.kid = value,
                    "RmtInf/Ustrd" => {
                        d.text = d.text.take().or(value);
                    }
                    "RltdPties/Dbtr/Nm" | "RltdPties/Dbtr/Pty/Nm" => d.payer = value,
                    "RltdPties/DbtrAcct/Id/IBAN" | "RltdPties/DbtrAcct/Id/Othr/Id" => {
                        d.payer_account = value;
                    }
                    _ => {}
                }
            }
        }
    }

    pub(super) fn summary_field(&mut self, key: &str, text: &str) {
        let stated = match key {
            "TxsSummry/TtlNtries/NbOfNtries"
            | "TxsSummry/TtlCdtNtries/NbOfNtries"
            | "TxsSummry/TtlDbtNtries/NbOfNtries" => {
                let n = text
                    .parse::<i64>()
                    .ok()
                    .filter(|_| text.bytes().all(|b| b.is_ascii_digit()));
                if n.is_none() {
                    let place = self.place();
                    self.problems
                        .add(place, format!("antallet «{text}» er ikke et tall"));
                }
                n
            }
            "TxsSummry/TtlNtries/Sum"
            | "TxsSummry/TtlCdtNtries/Sum"
            | "TxsSummry/TtlDbtNtries/Sum" => self.amount(text),
            _ => None,
        };
        if let Some(value) = stated {
            self.tally.stated.push((key.to_string(), value));
        }
    }

    pub(super) fn finish_entry(&mut self, e: Entry) {
        let place = format!(
            "/Document/{ROOT}/Ntfctn[{}]/Ntry[{}]",
            self.notification, e.index
        );
        let before = self.problems.is_empty();
        let problem =
            |problems: &mut Problems, message: String| problems.add(place.clone(), message);
        let Some(amount) = e.amount else {
            problem(&mut self.problems, "posteringen mangler beløp (Amt)".into());
            return;
        };
        if amount <= 0 {
            problem(&mut self.problems, "beløpet skal være større enn 0".into());
        }
        if e.currency.as_deref() != Some("NOK") {
            problem(
                &mut self.problems,
                format!(
                    "beløpet er i {}, ikke NOK",
                    e.currency.as_deref().unwrap_or("ukjent valuta")
                ),
            );
        }
        let credit = match e.credit_debit.as_deref() {
            Some("CRDT") => true,
            Some("DBIT") => false,
            other => {
                problem(
                    &mut self.problems,
                    format!(
                        "CdtDbtInd skal være CRDT eller DBIT, ikke «{}»",
                        other.unwrap_or("")
                    ),
                );
                return;
            }
        };
        let Some(bank_date) = e.booked_on.or(e.value_on) else {
            problem(
                &mut self.problems,
                "posteringen mangler dato (BookgDt eller ValDt)".into(),
            );
            return;
        };
        self.tally.entries += 1;
        self.tally.sum = self.tally.sum.saturating_add(amount);
        if credit {
            self.tally.credits += 1;
            self.tally.credit_sum = self.tally.credit_sum.saturating_add(amount);
        } else {
            self.tally.debits += 1;
            self.tally.debit_sum = self.tally.debit_sum.saturating_add(amount);
        }
        let kind = match (credit, e.reversal) {
            (true, false) => Kind::Payment,
            (false, true) => Kind::Reversal,
            _ => {
                self.skipped += 1;
                return;
            }
        };
        if e.status.as_deref() != Some("BOOK") {
            self.skipped += 1;
            return;
        }
        let mut details = e.details;
        if details.is_empty() {
            details.push(Details::default());
        }
        if details.len() == 1 && details[0].amount.is_none() {
            details[0].amount = Some(amount);
        }
        let mut sum: i64 = 0;
        for d in &details {
            match d.amount {
                Some(a) if a > 0 => sum = sum.saturating_add(a),
                _ => problem(
                    &mut self.problems,
                    format!("transaksjon {} (TxDtls) mangler et beløp over 0", d.index),
                ),
            }
            if d.currency.as_deref().is_some_and(|c| c != "NOK") {
                problem(
                    &mut self.problems,
                    format!("transaksjon {} er ikke i NOK", d.index),
                );
            }
        }
        if sum != amount {
            problem(
                &mut self.problems,
                format!("transaksjonene summerer til {sum} øre, men posteringen er {amount} øre"),
            );
        }
        if !(before && self.problems.is_empty()) {
            return;
        }
        let entry_key = e.bank_ref.or(e.entry_ref).unwrap_or_else(|| {
            format!(
                "{}/{}/{}",
                self.message_id.clone().unwrap_or_default(),
                self.notification,
                e.index
            )
        });
        for (i, d) in details.into_iter().enumerate() {
            let key = match &d.bank_ref {
                Some(r) => format!("camt:tx:{r}"),
                None => format!("camt:{entry_key}:{}", i + 1),
            };
            self.transactions += 1;
            self.ready.push_back(Transaction {
                key,
                kind,
                amount_ore: d.amount.unwrap_or(0),
                kid: d.kid.unwrap_or_default(),
                bank_date,
                payer_account: d.payer_account,
                payer_text: d.payer.or(d.text),
                place: if d.index > 0 {
                    format!("{place}/NtryDtls/TxDtls[{}]", d.index)
                } else {
                    place.clone()
                },
            });
        }
    }

    pub(super) fn finish_notification(&mut self) {
        let place = format!("/Document/{ROOT}/Ntfctn[{}]/TxsSummry", self.notification);
        let t = std::mem::take(&mut self.tally);
        for (key, stated) in &t.stated {
            let (read, what) = match key.as_str() {
                "TxsSummry/TtlNtries/NbOfNtries" => {
                    (i64::try_from(t.entries).unwrap_or(i64::MAX), "posteringer")
                }
                "TxsSummry/TtlNtries/Sum" => (t.sum, "øre i alt"),
                "TxsSummry/TtlCdtNtries/NbOfNtries" => (
                    i64::try_from(t.credits).unwrap_or(i64::MAX),
                    "innbetalinger",
                ),
                "TxsSummry/TtlCdtNtries/Sum" => (t.credit_sum, "øre inn"),
                "TxsSummry/TtlDbtNtries/NbOfNtries" => {
                    (i64::try_from(t.debits).unwrap_or(i64::MAX), "utbetalinger")
                }
                "TxsSummry/TtlDbtNtries/Sum" => (t.debit_sum, "øre ut"),
                _ => continue,
            };
            if read != *stated {
                self.problems.add(
                    format!("{place}/{}", key.trim_start_matches("TxsSummry/")),
                    format!("oppgir {stated} {what}, men meldingen har {read}"),
                );
            }
        }
    }
}
