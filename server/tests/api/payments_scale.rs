//! Bank files at scale, for the notes (`make bench` runs these with `--ignored`; not part of
//! `make test`): a file of 100 000 transactions for 20 000 cases, imported on each database
//! (transactions a second), and a camt.054 file of about 200 MB imported by the operator's
//! command (the command's peak memory, read by `/usr/bin/time`).

use crate::helpers::*;
use app::domain::Kid;
use bankfiles::write::Item;
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
        let case = bulk_case_id(i);
        vec![format!(
            "('l{i}', '{case}', 'F-{i}', 'Vare', '2026-08-18', '2026-09-01', 1000000)"
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
        kid: if n.is_multiple_of(50) {
            "999999998".into()
        } else {
            kid(i)
        },
        bank_date: date("2026-11-20"),
        payer_account: "12345678903".into(),
        text,
    }
}

/// The operator's command imports `path`, timed by `/usr/bin/time`: the seconds it took and
/// its peak memory in MB. The command is `INNFRI_BENCH_SERVER` (`make bench`: the release
/// build), or this build's.
fn import_with_the_command(db: &TestDb, path: &std::path::Path) -> (f64, f64) {
    let bin = std::env::var("INNFRI_BENCH_SERVER")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_server").to_string());
    let started = Instant::now();
    let out = std::process::Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(bin)
        .args(["payments", "import"])
        .arg(path)
        .env("DATABASE_URL", &db.url)
        .env("INNFRI_TODAY", TODAY)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the command runs");
    let took = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let peak_kb: f64 = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("time's figure");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("til saken (etter KID)"), "{printed}");
    (took, peak_kb / 1024.0)
}

async fn hundred_thousand(db: &TestDb, name: &str) {
    fill(db).await;
    let items: Vec<Item> = (1..=100_000).map(|n| item(n, None)).collect();
    let path = db.dir.path().join("stor.ocr");
    std::fs::write(&path, bankfiles::write::ocr(500, 1, "12345678903", &items)).expect("file");
    let (took, peak) = import_with_the_command(db, &path);
    let stored = count(
        db,
        "SELECT COUNT(*) FROM bank_transactions WHERE status = 'matched'",
    )
    .await;
    assert_eq!(stored, 98_000);
    eprintln!(
        "  {name}: 100 000 transactions for 20 000 cases in {took:.1} s: {:.0} transactions/s, \
         peak memory {peak:.1} MB",
        100_000.0 / took
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
    let (took, peak) = import_with_the_command(db, &path);
    eprintln!(
        "  {name}: camt.054 of {:.0} MB (95 000 transactions) in {took:.1} s, peak memory {peak:.1} MB",
        size as f64 / 1e6
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
