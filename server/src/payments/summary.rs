//! What became of a bank file's transactions: counted from what is stored (so an import that
//! was finished by another after a crash counts the same), kept as JSON with the file's row
//! and printed by `server payments import` and `list`.

use app::domain::bank::{BankTxKind, BankTxStatus};
use app::domain::Nok;
use app::server::db;
use bankfiles::Totals;
use serde::{Deserialize, Serialize};
use sqlx::AnyPool;

/// A number of transactions and their sum in øre.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub count: i64,
    pub ore: i64,
}

impl Group {
    fn add(&mut self, count: i64, amount: Nok) {
        self.count += count;
        self.ore += amount.to_ore().unwrap_or(0);
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Payments and reversals in the file.
    pub read: u64,
    /// Payments that reached their case.
    pub matched: Group,
    /// Payments waiting for a case handler.
    pub unmatched: Group,
    /// Reversals that took back a payment.
    pub reversed: Group,
    /// Reversals waiting for a case handler.
    pub reversals_unmatched: Group,
    /// Transactions some other file had registered already.
    pub registered_before: i64,
    /// Entries that are not payments in (camt.054: outgoing, not booked).
    pub skipped: u64,
}

impl Summary {
    pub async fn of(pool: &AnyPool, file_id: &str, totals: &Totals) -> sqlx::Result<Summary> {
        let mut s = Summary {
            read: totals.transactions,
            skipped: totals.skipped,
            ..Summary::default()
        };
        let mut stored = 0;
        for (kind, status, count, amount) in db::payment_files::file_groups(pool, file_id).await? {
            stored += count;
            let group = match (kind, status) {
                (BankTxKind::Payment, BankTxStatus::Unmatched) => &mut s.unmatched,
                (BankTxKind::Payment, _) => &mut s.matched,
                (BankTxKind::Reversal, BankTxStatus::Unmatched) => &mut s.reversals_unmatched,
                (BankTxKind::Reversal, _) => &mut s.reversed,
            };
            group.add(count, amount);
        }
        s.registered_before = i64::try_from(s.read).unwrap_or(i64::MAX) - stored;
        Ok(s)
    }

    /// The lines `server payments import` prints under the file's name.
    pub fn lines(&self) -> Vec<String> {
        let kr = |g: &Group| Nok::from_ore(g.ore).format();
        let mut lines = vec![
            format!("{} transaksjoner lest", self.read),
            format!(
                "  til saken (etter KID):   {:>6}  {}",
                self.matched.count,
                kr(&self.matched)
            ),
            format!(
                "  til behandling:          {:>6}  {}",
                self.unmatched.count,
                kr(&self.unmatched)
            ),
            format!(
                "  tilbakeført:             {:>6}  {}",
                self.reversed.count,
                kr(&self.reversed)
            ),
        ];
        if self.reversals_unmatched.count > 0 {
            lines.push(format!(
                "  tilbakeføring til behandling: {:>2}  {}",
                self.reversals_unmatched.count,
                kr(&self.reversals_unmatched)
            ));
        }
        if self.registered_before > 0 {
            lines.push(format!(
                "  registrert fra før (fra en annen fil): {}",
                self.registered_before
            ));
        }
        if self.skipped > 0 {
            lines.push(format!(
                "  ikke innbetalinger (hoppet over): {}",
                self.skipped
            ));
        }
        lines
    }
}
