//! What each record says, and how an assignment's and the transmission's end records are
//! checked against what was read.

use super::*;

impl<R: BufRead> OcrReader<R> {
    pub(super) fn start_transmission(&mut self, f: &Fields) {
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

    pub(super) fn start_assignment(&mut self, f: &Fields) {
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

    pub(super) fn amount_item_1(&mut self, f: &Fields) {
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

    pub(super) fn amount_item_2(&mut self, f: &Fields) -> Option<Transaction> {
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

    pub(super) fn amount_item_3(&mut self, f: &Fields) -> Option<Transaction> {
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

    pub(super) fn end_assignment(&mut self, f: &Fields) {
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

    pub(super) fn end_transmission(&mut self, f: &Fields) {
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
