//! Money in from the bank: the demo OCR and camt.054 files against the demo cases, with the
//! figures worked out by hand; a file imported twice or half; a file that does not add up;
//! the queue a handler works; the watched folder with two watchers and a killed one; an
//! open page hearing of a payment at once.

use crate::helpers::*;
use crate::staff::{handler, post_json};
use app::domain::Nok;
use app::server::events::Changes;
use server::payments::import::{Imported, Importer, PaymentsFailure};
use server::payments::summary::{Group, Summary};
use server::payments::watch::{round, Seen};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn ocr_demo() -> PathBuf {
    demo_dir().join("bank/innbetalinger.ocr")
}

fn camt_demo() -> PathBuf {
    demo_dir().join("bank/innbetalinger.camt054.xml")
}

fn importer<'a>(db: &'a TestDb, changes: &'a Changes, by: &str) -> Importer<'a> {
    Importer {
        pool: &db.pool,
        changes,
        today: date(TODAY),
        by: by.into(),
        claim_for: chrono::Duration::seconds(60),
    }
}

/// What an import killed after `n` transactions leaves: the file claimed by it (the claim
/// run out), its first `n` transactions registered and committed, the rest not.
async fn killed_import(db: &TestDb, path: &Path, n: usize) {
    use app::domain::bank::Incoming;
    use app::server::db::payment_files::{claim, Claim, NewFile};
    use app::server::payments::{register, settle};
    use sha2::Digest;
    let bytes = std::fs::read(path).expect("file");
    let sha = hex::encode(sha2::Sha256::digest(&bytes));
    let totals = bankfiles::check(bankfiles::Format::Ocr, bytes.as_slice()).expect("good file");
    let new = NewFile {
        sha256: &sha,
        format: "ocr",
        file_name: "per.ocr",
        file_ref: &totals.file_id,
        transactions: i64::try_from(totals.transactions).expect("count"),
        skipped: 0,
    };
    let now = chrono::Utc::now().to_rfc3339();
    let ran_out = "2026-01-01T00:00:00+00:00";
    let Ok(Claim::Ours { id, .. }) = claim(&db.pool, &new, "watch@dead:9", ran_out, &now).await
    else {
        panic!("claimed");
    };
    let rates = app::server::db::rates::interest_table(&db.pool)
        .await
        .expect("rates");
    let mut tx = db.pool.begin().await.expect("transaction");
    let mut case = None;
    for t in bankfiles::Reader::new(bankfiles::Format::Ocr, bytes.as_slice()).take(n) {
        let incoming = Incoming {
            key: &t.key,
            kind: app::domain::bank::BankTxKind::Payment,
            amount: kr(t.amount_ore),
            kid: &t.kid,
            bank_date: t.bank_date,
            payer_account: None,
            payer_text: None,
            place: &t.place,
        };
        let done = register(&mut tx, &id, &incoming, date(TODAY), date(TODAY), &now)
            .await
            .expect("registered");
        if let Some((app::server::db::bank::Outcome::Matched { case: c, .. }, _)) = done {
            case = Some(c);
        }
    }
    let case = case.expect("a case");
    settle(&mut tx, &case, &rates, date(TODAY), None, &now)
        .await
        .expect("settled")
        .expect("figures");
    tx.commit().await.expect("commit");
}

async fn import(db: &TestDb, path: &Path) -> Result<Imported, PaymentsFailure> {
    let changes = Changes::new(&db.url, &db.pool);
    importer(db, &changes, "cli").import(path).await
}

fn kr(ore: i64) -> Nok {
    Nok::from_ore(ore)
}

async fn total(db: &TestDb, case_number: &str) -> Nok {
    for_case(db, case_number, date(TODAY))
        .await
        .expect("case")
        .1
        .total
}

async fn the_demo_ocr_file_pays_cases_by_kid_and_queues_the_rest(db: &TestDb) {
    import_demo(db).await;
    // Ola Hansen (20250002) owes, on 24 November: 1 290 due 20 August, 96 days at 12 %:
    // 1 290 × 0,12 × 96 / 365 = 40,71; with the costs 37,50 + 280: 1 648,21.
    assert_eq!(total(db, "20250002").await, kr(164_821));
    let fatima_before = for_case(db, "20240117", date(TODAY)).await.expect("case").1;
    let nordlys_before = total(db, "20260012").await;
    let Ok(Imported::Now { summary, .. }) = import(db, &ocr_demo()).await else {
        panic!("the demo file imports");
    };
    assert_eq!(
        summary,
        Summary {
            read: 5,
            // 1 647,79 + 500 + 1 000.
            matched: Group {
                count: 3,
                ore: 314_779
            },
            unmatched: Group {
                count: 1,
                ore: 25_000
            },
            reversed: Group {
                count: 1,
                ore: 100_000
            },
            ..Summary::default()
        }
    );
    // Paid on 23 November: 95 days, 1 290 × 0,12 × 95 / 365 = 40,29, so 1 647,79 pays all:
    // the costs 317,50, the interest 40,29, the principal 1 290,00. Settled.
    let (_, ola) = for_case(db, "20250002", date(TODAY)).await.expect("case");
    assert!(ola.is_settled(), "{ola:?}");
    assert_eq!(ola.paid, kr(164_779));
    assert_eq!(case_status(db, "20250002").await, "settled");
    let timeline = logged_in(db, "20250002", "482915")
        .await
        .overview("20250002")
        .await;
    let events: Vec<&str> = timeline["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["event"]["event"].as_str())
        .collect();
    assert!(events.contains(&"settled"), "{events:?}");
    // Fatima Ali (20240117) pays 500 of her costs (630, all due before): 130 left of them,
    // interest and principal as they were.
    let (_, fatima) = for_case(db, "20240117", date(TODAY)).await.expect("case");
    assert_eq!(fatima.costs_total, kr(13_000));
    assert_eq!(fatima.principal, fatima_before.principal);
    assert_eq!(fatima.interest, fatima_before.interest);
    assert_eq!(fatima.total, fatima_before.total - kr(50_000));
    // Nordlys Kafé: 1 000 in, and taken back by the bank the day after: as before.
    assert_eq!(total(db, "20260012").await, nordlys_before);
    let reversed = count(
        db,
        "SELECT COUNT(*) FROM payments WHERE source = 'bank' AND reversed_ore = amount_ore",
    )
    .await;
    assert_eq!(reversed, 1);
    // The unknown KID waits for a handler, due in 14 days.
    let waiting = count(
        db,
        "SELECT COUNT(*) FROM bank_transactions WHERE status = 'unmatched' AND reason = 'no_case' \
         AND kid = '999999998' AND due_on = '2026-12-08'",
    )
    .await;
    assert_eq!(waiting, 1);

    assert_eq!(audited(db, "bank_file.imported").await, 1);
    // The same file again changes nothing.
    let Ok(Imported::Before { summary: again, .. }) = import(db, &ocr_demo()).await else {
        panic!("the second import finds the first");
    };
    assert_eq!(again.read, 5);
    // The same transactions in a file that differs (one blank line more): none twice.
    let copy = db.dir.path().join("kopi.ocr");
    let mut bytes = std::fs::read(ocr_demo()).expect("demo file");
    bytes.extend_from_slice(b"\r\n");
    std::fs::write(&copy, bytes).expect("copy");
    let Ok(Imported::Now {
        summary: copied, ..
    }) = import(db, &copy).await
    else {
        panic!("the copy imports");
    };
    assert_eq!(copied.registered_before, 5);
    assert_eq!(copied.matched, Group::default());
    assert_eq!(count(db, "SELECT COUNT(*) FROM bank_transactions").await, 5);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM payments WHERE source = 'bank'").await,
        3
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM payment_files").await, 2);

    // A later case import keeps what came from the bank.
    import_demo(db).await;
    assert!(for_case(db, "20250002", date(TODAY))
        .await
        .expect("case")
        .1
        .is_settled());
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM payments WHERE source = 'bank'").await,
        3
    );
}

async fn the_demo_camt_file_does_the_same_in_iso_20022(db: &TestDb) {
    import_demo(db).await;
    let Ok(Imported::Now { summary, .. }) = import(db, &camt_demo()).await else {
        panic!("the demo camt.054 file imports");
    };
    assert_eq!(summary.read, 5);
    assert_eq!(summary.matched.count, 3);
    assert_eq!(summary.unmatched.count, 1);
    assert_eq!(summary.reversed.count, 1);
    assert_eq!(summary.skipped, 1);
    assert_eq!(case_status(db, "20260052").await, "settled");
    let reason = count(
        db,
        "SELECT COUNT(*) FROM bank_transactions WHERE status = 'unmatched' AND reason = 'kid_check'",
    )
    .await;
    assert_eq!(reason, 1);
}

async fn a_file_that_does_not_add_up_is_refused_and_stores_nothing(db: &TestDb) {
    import_demo(db).await;
    let text = std::fs::read(ocr_demo()).expect("demo file");
    // The transmission's total says one øre more than its transactions.
    let text = String::from_utf8_lossy(&text).replacen(
        "NY000089000000050000001500000000000439779",
        "NY000089000000050000001500000000000439780",
        1,
    );
    let bad = db.dir.path().join("feil.ocr");
    std::fs::write(&bad, text.as_bytes()).expect("file");
    let Err(PaymentsFailure::Refused(problems)) = import(db, &bad).await else {
        panic!("refused");
    };
    let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        said,
        ["linje 15: forsendelsen oppgir sum 439780 øre, men transaksjonene er 439779 øre"]
    );
    for table in ["payment_files", "bank_transactions"] {
        let n = count(
            db,
            match table {
                "payment_files" => "SELECT COUNT(*) FROM payment_files",
                _ => "SELECT COUNT(*) FROM bank_transactions",
            },
        )
        .await;
        assert_eq!(n, 0, "{table}");
    }
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM payments WHERE source = 'bank'").await,
        0
    );
    // Not a bank file at all.
    let pdf = db.dir.path().join("brev.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").expect("file");
    assert!(matches!(
        import(db, &pdf).await,
        Err(PaymentsFailure::Refused(_))
    ));
}

async fn a_handler_ties_a_waiting_payment_to_a_case_or_sends_it_back(db: &TestDb) {
    import_demo(db).await;
    import(db, &ocr_demo()).await.expect("imports");
    let staff = handler(db, "kari.behandler").await;
    let inbox = post_json(
        db,
        "/behandler/api/inbox",
        crate::staff::OPEN_INBOX,
        Some(&staff),
    )
    .await;
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    let inbox: serde_json::Value = serde_json::from_str(&inbox.body).expect("json");
    let waiting: Vec<&serde_json::Value> = inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["kind"] == "unmatched_payment")
        .collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["reference"], "999999998");
    assert_eq!(waiting[0]["amount"], "250.00");
    assert!(inbox["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .any(|c| c[0] == "unmatched_payment" && c[1] == 1));
    let id = waiting[0]["task_id"].as_str().expect("id").to_string();

    // The handler reads it, finds Per Olsen's case by name, and ties the payment to it.
    let read = post_json(
        db,
        "/behandler/api/bank_payment",
        &format!(r#"{{"id":"{id}"}}"#),
        Some(&staff),
    )
    .await;
    assert_eq!(read.status, 200, "{}", read.body);
    let payment: serde_json::Value = serde_json::from_str(&read.body).expect("json");
    assert_eq!(payment["reason"], "no_case");
    let version = payment["version"].as_i64().expect("version").to_string();
    let found = post_json(
        db,
        "/behandler/api/bank_payment_cases",
        &format!(r#"{{"id":"{id}","query":"Per Olsen"}}"#),
        Some(&staff),
    )
    .await;
    assert!(found.body.contains("20250044"), "{}", found.body);
    let per_before = for_case(db, "20250044", date(TODAY)).await.expect("case").1;
    let form = [
        ("id", id.as_str()),
        ("version", version.as_str()),
        ("case_number", "20250044"),
    ];
    let matched = post_form(db, "/behandler/api/match_payment", &form, &staff).await;
    assert_eq!(matched.status, 200, "{}", matched.body);
    let per = for_case(db, "20250044", date(TODAY)).await.expect("case").1;
    assert_eq!(per.paid, per_before.paid + kr(25_000));
    assert_eq!(audited(db, "payment.matched").await, 1);
    // The same decision again, on the version it was made on: refused, nothing doubled.
    let again = post_form(db, "/behandler/api/match_payment", &form, &staff).await;
    assert_eq!(again.status, 400, "{}", again.body);
    let per = for_case(db, "20250044", date(TODAY)).await.expect("case").1;
    assert_eq!(per.paid, per_before.paid + kr(25_000));

    // A payment with a broken KID goes back to the payer, with a note.
    let file = bankfiles::write::ocr(
        171,
        1,
        "12345678903",
        &[bankfiles::write::Item {
            number: 1,
            reversal: false,
            amount_ore: 9_900,
            kid: "12345".into(),
            bank_date: date("2026-11-23"),
            payer_account: "86011117947".into(),
            text: None,
        }],
    );
    let path = db.dir.path().join("ukjent.ocr");
    std::fs::write(&path, file).expect("file");
    import(db, &path).await.expect("imports");
    let id: String = sqlx::query_scalar("SELECT id FROM bank_transactions WHERE kid = '12345'")
        .fetch_one(&db.pool)
        .await
        .expect("row");
    let empty = post_form(
        db,
        "/behandler/api/refund_payment",
        &[("id", &id), ("version", "0"), ("note", " ")],
        &staff,
    )
    .await;
    expect_says(&empty, 400, "Skriv hvorfor pengene sendes tilbake");
    let sent = post_form(
        db,
        "/behandler/api/refund_payment",
        &[
            ("id", &id),
            ("version", "0"),
            ("note", "Betaleren ringte: feil mottaker."),
        ],
        &staff,
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let status: String = sqlx::query_scalar("SELECT status FROM bank_transactions WHERE id = $1")
        .bind(&id)
        .fetch_one(&db.pool)
        .await
        .expect("row");
    assert_eq!(status, "refund");
    assert_eq!(audited(db, "payment.refund").await, 1);
}

async fn post_form(db: &TestDb, path: &str, form: &[(&str, &str)], cookie: &str) -> Reply {
    post(db, path, form, Some(cookie)).await
}

async fn two_watchers_take_each_file_once_and_a_stopped_import_is_finished(db: &TestDb) {
    import_demo(db).await;
    let folder = db.dir.path().join("bank");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::copy(ocr_demo(), folder.join("innbetalinger.ocr")).expect("copy");
    std::fs::copy(camt_demo(), folder.join("innbetalinger.xml")).expect("copy");
    std::fs::write(folder.join("tull.txt"), "ikke en betalingsfil").expect("file");
    let changes = Changes::new(&db.url, &db.pool);
    let (a, b) = (
        importer(db, &changes, "watch@a:1"),
        importer(db, &changes, "watch@b:2"),
    );
    let (mut seen_a, mut seen_b) = (Seen::new(Duration::ZERO), Seen::new(Duration::ZERO));
    let (ra, rb) = tokio::join!(
        round(&a, &folder, &mut seen_a),
        round(&b, &folder, &mut seen_b)
    );
    let (ra, rb) = (ra.expect("round"), rb.expect("round"));
    // Every transaction once, whoever imported which file.
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM bank_transactions").await,
        10
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM payment_files").await, 2);
    assert!(ra.imported.len() + rb.imported.len() >= 2, "{ra:?} {rb:?}");
    assert!(folder.join("done/innbetalinger.ocr").exists());
    assert!(folder.join("done/innbetalinger.xml").exists());
    assert!(folder.join("failed/tull.txt").exists());
    let reason =
        std::fs::read_to_string(folder.join("failed/tull.txt.reason.txt")).expect("reason");
    assert!(reason.contains("er verken en OCR-fil"), "{reason}");
    assert!(!folder.join("innbetalinger.ocr").exists());

    // An import that stopped half-way (its claim ran out) is taken over and finished, and
    // nothing it registered is registered again.
    let many: Vec<bankfiles::write::Item> = (1..=40)
        .map(|n| bankfiles::write::Item {
            number: n,
            reversal: false,
            amount_ore: 1_000 + i64::from(n),
            kid: "202500443".into(),
            bank_date: date("2026-11-23"),
            payer_account: "12345678903".into(),
            text: None,
        })
        .collect();
    let file = folder.join("per.ocr");
    std::fs::write(&file, bankfiles::write::ocr(172, 1, "12345678903", &many)).expect("file");
    killed_import(db, &file, 15).await;
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM bank_transactions WHERE kid = '202500443'"
        )
        .await,
        15
    );
    let r = round(&a, &folder, &mut seen_a).await.expect("round");
    assert_eq!(r.imported, ["per.ocr"]);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM bank_transactions WHERE kid = '202500443'"
        )
        .await,
        40
    );
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM payments p JOIN cases c ON c.id = p.case_id WHERE c.case_number = '20250044' AND p.source = 'bank'").await,
        40
    );
}

async fn an_open_page_hears_of_a_payment_from_another_process(db: &TestDb) {
    use http_body_util::BodyExt;
    import_demo(db).await;
    let app = router(db);
    let debtor = logged_in(db, "20250002", "482915").await;
    let request = axum::http::Request::get("/sak/20250002/hendelser")
        .header(axum::http::header::COOKIE, &debtor.cookie)
        .body(axum::body::Body::empty())
        .expect("request");
    let response = tower::ServiceExt::oneshot(app, request)
        .await
        .expect("response");
    assert_eq!(response.status(), 200);
    let mut body = response.into_body();
    tokio::time::sleep(Duration::from_millis(600)).await;
    // The import runs as its own process would: its own signals.
    let started = std::time::Instant::now();
    import(db, &ocr_demo()).await.expect("imports");
    let heard = loop {
        let frame = tokio::time::timeout(Duration::from_secs(2), body.frame()).await;
        match frame {
            Ok(Some(Ok(frame))) => {
                let text = frame
                    .into_data()
                    .map(|d| String::from_utf8_lossy(&d).into_owned());
                if text.is_ok_and(|t| t.contains("event: change") && t.contains("data: case")) {
                    break true;
                }
            }
            _ => break false,
        }
    };
    assert!(heard, "no change heard within two seconds");
    assert!(started.elapsed() < Duration::from_secs(3));
}

/// The watcher as an operator runs it, killed with SIGKILL in the middle of a large file and
/// started again: every transaction registered once, the file in `done/`.
async fn a_watcher_killed_mid_file_loses_nothing_and_doubles_nothing(db: &TestDb) {
    import_demo(db).await;
    let folder = db.dir.path().join("innkommende");
    std::fs::create_dir_all(&folder).expect("folder");
    let many: Vec<bankfiles::write::Item> = (1..=4_000)
        .map(|n| bankfiles::write::Item {
            number: n,
            reversal: false,
            amount_ore: 100,
            kid: "202600326".into(),
            bank_date: date("2026-11-23"),
            payer_account: "12345678903".into(),
            text: None,
        })
        .collect();
    // Written beside the folder and moved in whole, as a bank's transfer does.
    let staged = db.dir.path().join("stor.ocr");
    std::fs::write(&staged, bankfiles::write::ocr(180, 1, "12345678903", &many)).expect("file");
    std::fs::rename(&staged, folder.join("stor.ocr")).expect("move");
    let watcher = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["payments", "watch"])
            .arg(&folder)
            .args(["--every", "1"])
            .env("DATABASE_URL", &db.url)
            .env("INNFRI_TODAY", TODAY)
            .env("INNFRI_PAYMENT_CLAIM_SECONDS", "2")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the watcher starts")
    };
    let registered = || async {
        count(
            db,
            "SELECT COUNT(*) FROM bank_transactions WHERE kid = '202600326'",
        )
        .await
    };
    let mut first = watcher();
    // Killed once some batches are in, before all are.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let n = registered().await;
        if n > 0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the watcher never started"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.kill().expect("SIGKILL");
    let _ = first.wait();
    let at_kill = registered().await;
    assert!(
        at_kill < 4_000,
        "killed too late to mean anything: {at_kill}"
    );
    assert!(folder.join("stor.ocr").exists());
    let mut second = watcher();
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    while !folder.join("done/stor.ocr").exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the file was never finished"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    second.kill().expect("stopped");
    let _ = second.wait();
    assert_eq!(registered().await, 4_000);
    let paid = count(
        db,
        "SELECT COUNT(*) FROM payments p JOIN cases c ON c.id = p.case_id \
         WHERE c.case_number = '20260032' AND p.source = 'bank'",
    )
    .await;
    assert_eq!(paid, 4_000);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM payment_files WHERE status = 'imported'"
        )
        .await,
        1
    );
}

on_both_databases!(
    a_watcher_killed_mid_file_loses_nothing_and_doubles_nothing,
    the_demo_ocr_file_pays_cases_by_kid_and_queues_the_rest,
    the_demo_camt_file_does_the_same_in_iso_20022,
    a_file_that_does_not_add_up_is_refused_and_stores_nothing,
    a_handler_ties_a_waiting_payment_to_a_case_or_sends_it_back,
    two_watchers_take_each_file_once_and_a_stopped_import_is_finished,
    an_open_page_hears_of_a_payment_from_another_process,
);
