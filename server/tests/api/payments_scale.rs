//! Bank files at scale, for the notes (`make bench` runs these with `--ignored`; not part of
//! `make test`): a file of 100 000 transactions for 20 000 cases, imported on each database
//! (transactions a second), and a camt.054 file of about 200 MB imported by the operator's
//! command (the command's peak memory, read by `/usr/bin/time`).

use crate::helpers::*;
use app::domain::Kid;
use app::server::events::Changes;
use bankfiles::write::Item;
use server::payments::import::{Imported, Importer};
use std::time::Instant;

const CASES: usize = 20_000;

fn case_number(i: usize) -> String {
    (40_000_000 + i).to_string()
}

fn kid(i: usize) -> String {
    Kid::generate_mod10(&case_number(i))
        .map(String::from)
        .expect("a KID")
}

/// 20 000 cases of 10 000 kr each, due 1 September.
async fn fill(db: &TestDb) {
    let claims = |i: usize| {
        vec![format!(
            "('l{i}', 'k{i}', 'F-{i}', 'Vare', '2026-08-18', '2026-09-01', 1000000)"
        )]
    };
    let columns = "id, case_id, invoice_number, description, invoice_date, due_date, principal_ore";
    fill_cases(
        db,
        CASES,
        |i| (case_number(i), kid(i)),
        &[("claims", columns, &claims)],
    )
    .await;
}

/// Transaction `n`: a payment of 100–106 kr on case `n mod 20 000`, one in 50 with a KID
/// no case has.
fn item(n: u32, text: Option<String>) -> Item {
    let i = n as usize % CASES;
    Item {
        number: n,
        reversal: false,
        amount_ore: 10_000 + i64::from(n % 7) * 100,
        kid: if n % 50 == 0 {
            "999999998".into()
        } else {
            kid(i)
        },
        bank_date: date("2026-11-20"),
        payer_account: "12345678903".into(),
        text,
    }
}

async fn hundred_thousand(db: &TestDb, name: &str) {
    fill(db).await;
    let items: Vec<Item> = (1..=100_000).map(|n| item(n, None)).collect();
    let path = db.dir.path().join("stor.ocr");
    std::fs::write(&path, bankfiles::write::ocr(500, 1, "12345678903", &items)).expect("file");
    let changes = Changes::new(&db.url, &db.pool);
    let importer = Importer {
        pool: &db.pool,
        changes: &changes,
        today: date(TODAY),
        by: "bench".into(),
        claim_for: chrono::Duration::seconds(60),
    };
    let started = Instant::now();
    let Ok(Imported::Now { summary, .. }) = importer.import(&path).await else {
        panic!("imported");
    };
    let took = started.elapsed();
    assert_eq!(summary.read, 100_000);
    assert_eq!(summary.unmatched.count, 2_000);
    assert_eq!(summary.matched.count, 98_000);
    eprintln!(
        "  {name}: 100 000 transactions for 20 000 cases in {:.1} s: {:.0} transactions/s",
        took.as_secs_f64(),
        100_000.0 / took.as_secs_f64()
    );
}

/// A camt.054 file of about 200 MB, imported by the command an operator runs.
async fn two_hundred_megabytes(db: &TestDb, name: &str) {
    fill(db).await;
    // Long payer texts make big entries: about 2 KB each.
    let text = "Betaling for varer og tjenester levert etter avtale, ".repeat(30);
    let items: Vec<Item> = (1..=95_000).map(|n| item(n, Some(text.clone()))).collect();
    let path = db.dir.path().join("stor.xml");
    std::fs::write(
        &path,
        bankfiles::write::camt054("BENCH-200MB", "NO9386011117947", &items),
    )
    .expect("file");
    drop(items);
    let size = std::fs::metadata(&path).expect("file").len();
    let started = Instant::now();
    let out = std::process::Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_server"))
        .args(["payments", "import"])
        .arg(&path)
        .env("DATABASE_URL", &db.url)
        .env("INNFRI_TODAY", TODAY)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the command runs");
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let peak_kb: u64 = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("time's figure");
    eprintln!(
        "  {name}: camt.054 of {:.0} MB (95 000 transactions) in {:.1} s, peak memory {:.1} MB",
        size as f64 / 1e6,
        took.as_secs_f64(),
        peak_kb as f64 / 1024.0
    );
}

#[tokio::test]
#[ignore = "figures for the notes: make bench"]
async fn bank_file_of_100_000_transactions_on_sqlite() {
    let db = TestDb::sqlite().await;
    hundred_thousand(&db, "SQLite").await;
    db.cleanup().await;
}

#[tokio::test]
#[ignore = "figures for the notes: make bench"]
async fn bank_file_of_100_000_transactions_on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    hundred_thousand(&db, "PostgreSQL").await;
    db.cleanup().await;
}

#[tokio::test]
#[ignore = "figures for the notes: make bench"]
async fn bank_file_of_200_megabytes_on_sqlite() {
    let db = TestDb::sqlite().await;
    two_hundred_megabytes(&db, "SQLite").await;
    db.cleanup().await;
}
