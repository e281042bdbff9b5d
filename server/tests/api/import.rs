//! `server import` and `server statement` against real databases.

use crate::helpers::{audited, count, date, demo_dir, for_case, import_demo, TestDb, TODAY};
use app::domain::{CaseStatus, Nok};
use app::server::auth::access_code;
use app::server::db::rates::{upsert, Table};
use server::import::{import_file, ImportFailure};
use server::operator_files::parse_rates;
use server::statement_json::statement_of;
use sqlx::Row;

/// Every row of every table, as text, in a stable order.
async fn snapshot(db: &TestDb) -> Vec<String> {
    let queries = [
        "SELECT id || '|' || name || '|' || org_number AS r FROM creditors ORDER BY id",
        "SELECT id || '|' || kind || '|' || name || '|' || COALESCE(email, '') || '|' || COALESCE(phone, '') || '|' || COALESCE(street, '') || '|' || COALESCE(postal_code, '') || '|' || COALESCE(city, '') AS r FROM debtors ORDER BY id",
        "SELECT id || '|' || case_number || '|' || creditor_id || '|' || debtor_id || '|' || status || '|' || kid || '|' || access_code_hash || '|' || created_at || '|' || updated_at AS r FROM cases ORDER BY id",
        "SELECT id || '|' || case_id || '|' || invoice_number || '|' || description || '|' || invoice_date || '|' || due_date || '|' || CAST(principal_ore AS TEXT) AS r FROM claims ORDER BY id",
        "SELECT id || '|' || case_id || '|' || CAST(position AS TEXT) || '|' || kind || '|' || date || '|' || CAST(amount_ore AS TEXT) AS r FROM costs ORDER BY id",
        "SELECT id || '|' || case_id || '|' || reference || '|' || date || '|' || CAST(amount_ore AS TEXT) || '|' || source || '|' || allocation || '|' || received_at AS r FROM payments ORDER BY id",
        "SELECT id || '|' || case_id || '|' || kind || '|' || title || '|' || sha256 || '|' || storage_key || '|' || created_at AS r FROM documents ORDER BY id",
        "SELECT id || '|' || action AS r FROM audit_log ORDER BY id",
    ];
    let mut rows = Vec::new();
    for q in queries {
        for row in sqlx::query(q)
            .fetch_all(&db.pool)
            .await
            .expect("snapshot query")
        {
            rows.push(row.try_get::<String, _>("r").expect("text"));
        }
    }
    rows
}

fn nok(s: &str) -> Nok {
    Nok::parse(s).expect("amount")
}

async fn demo_statements_match_the_hand_worked_values(db: &TestDb) {
    let report = import_demo(db).await;
    assert_eq!(report.cases_created, 14);
    assert_eq!(report.creditors_created, 3);

    // The exchange format's example case two weeks after its first payment: 7 286.61 principal
    // left after 1 000 paid 595 costs and 192.61 interest; then 14 days of interest, 34.94.
    let (_, s) = for_case(db, "20250001", date("2025-04-15"))
        .await
        .expect("statement");
    assert_eq!(s.principal, nok("7286.61"));
    assert_eq!(s.interest, nok("34.94"));
    assert_eq!(s.costs_total, Nok::ZERO);
    assert_eq!(s.paid, nok("1000.00"));
    assert_eq!(s.total, nok("7321.55"));

    // Before the payment and the collection fee: 44 days on 7 499 → 113.00, plus the reminder.
    let (_, s) = for_case(db, "20250001", date("2025-03-01"))
        .await
        .expect("statement");
    assert_eq!(s.total, nok("7647.00"));

    // Settled: 2 000 + 35 + 42 days' interest (28.77) paid with exactly 2 063.77.
    let (case, s) = for_case(db, "20250090", date(TODAY))
        .await
        .expect("statement");
    assert!(s.is_settled());
    assert_eq!(case.status, CaseStatus::Settled);
    assert_eq!(s.claims[0].interest_accrued, nok("28.77"));

    let (case, _) = for_case(db, "20250002", date(TODAY))
        .await
        .expect("statement");
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(case.kid.as_str(), "202500021");
}

async fn the_same_file_twice_changes_nothing(db: &TestDb) {
    import_demo(db).await;
    let before = snapshot(db).await;
    let report = import_demo(db).await;
    assert_eq!(report.cases_created + report.cases_updated, 0);
    assert_eq!(report.cases_unchanged, 14);
    assert_eq!(report.creditors_created + report.creditors_updated, 0);
    assert_eq!(snapshot(db).await, before);
}

async fn a_bad_file_writes_nothing_and_lists_every_error(db: &TestDb) {
    let mut file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(demo_dir().join("cases.json")).expect("demo"),
    )
    .expect("json");
    file["cases"][1]["claims"][0]["amount"] = serde_json::json!("-5.00");
    file["cases"][3]["creditor"] = serde_json::json!("ukjent");
    file["cases"][4]["payments"][0]["reference"] = serde_json::json!("");
    let path = demo_dir().join(format!("bad-{}.json", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, file.to_string()).expect("write");
    let result = import_file(&db.pool, &db.files, &path, date(TODAY)).await;
    let _ = std::fs::remove_file(&path);
    let Err(ImportFailure::Invalid(errors)) = result else {
        panic!("expected a list of errors, got {result:?}");
    };
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "$.cases[1].claims[0].amount",
            "$.cases[3].creditor",
            "$.cases[4].payments[0].reference"
        ]
    );
    assert_eq!(errors[0].message, "beløpet må være større enn null");
    assert_eq!(count(db, "SELECT COUNT(*) FROM cases").await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM creditors").await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM audit_log").await, 0);
}

async fn a_new_version_of_the_file_brings_the_case_to_what_it_says(db: &TestDb) {
    import_demo(db).await;
    let mut file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(demo_dir().join("cases.json")).expect("demo"),
    )
    .expect("json");
    // Case 20250001: the payment is gone, the collection fee is gone, a second claim came.
    let case = &mut file["cases"][0];
    case["payments"] = serde_json::json!([]);
    case["costs"] =
        serde_json::json!([{ "kind": "reminder_fee", "date": "2025-02-01", "amount": "35.00" }]);
    case["claims"]
        .as_array_mut()
        .expect("claims")
        .push(serde_json::json!({
        "invoice_number": "F-10099", "description": "Montering", "invoice_date": "2025-01-02",
        "due_date": "2025-01-16", "amount": "501.00" }));
    let path = demo_dir().join(format!("changed-{}.json", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, file.to_string()).expect("write");
    let report = import_file(&db.pool, &db.files, &path, date(TODAY)).await;
    let _ = std::fs::remove_file(&path);
    let report = report.expect("imports");
    assert_eq!((report.cases_updated, report.cases_unchanged), (1, 13));

    // 8 000 principal, 44 days at 12.50 %: 8 000 × 0.125 × 44 / 365 = 120.5479… → 120.55, + 35.
    let (_, s) = for_case(db, "20250001", date("2025-03-01"))
        .await
        .expect("statement");
    assert_eq!(s.principal, nok("8000.00"));
    assert_eq!(s.interest, nok("120.55"));
    assert_eq!(s.total, nok("8155.55"));
    assert_eq!(s.paid, Nok::ZERO);
    assert_eq!(audited(db, "case.updated").await, 1);
}

async fn access_codes_are_stored_only_as_argon2id_hashes(db: &TestDb) {
    import_demo(db).await;
    let hashes: Vec<String> = sqlx::query("SELECT access_code_hash FROM cases")
        .fetch_all(&db.pool)
        .await
        .expect("hashes")
        .iter()
        .map(|r| r.try_get("access_code_hash").expect("text"))
        .collect();
    assert_eq!(hashes.len(), 14);
    assert!(hashes.iter().all(|h| h.starts_with("$argon2id$")));
    let everything = snapshot(db).await.join("\n");
    for code in ["739214", "482915", "551903", "318277", "902614", "667120"] {
        assert!(
            !everything.contains(code),
            "access code {code} stored in clear"
        );
    }
    let stored = &hashes[0];
    let verifies = access_code::verify("739214", stored)
        || hashes.iter().any(|h| access_code::verify("739214", h));
    assert!(verifies);
}

async fn documents_are_stored_with_their_hash(db: &TestDb) {
    import_demo(db).await;
    let row = sqlx::query("SELECT content_type, size_bytes, sha256, storage_key FROM documents WHERE title = 'Faktura F-10023'")
        .fetch_one(&db.pool)
        .await
        .expect("document row");
    let key: String = row.try_get("storage_key").expect("key");
    let bytes = db.files.get(&key).await.expect("stored file");
    let original = std::fs::read(demo_dir().join("docs/F-10023.pdf")).expect("demo pdf");
    assert_eq!(bytes.as_ref(), original.as_slice());
    assert_eq!(
        row.try_get::<String, _>("content_type").expect("type"),
        "application/pdf"
    );
    assert_eq!(
        row.try_get::<i64, _>("size_bytes").expect("size"),
        i64::try_from(original.len()).expect("size")
    );
    use sha2::Digest;
    assert_eq!(
        row.try_get::<String, _>("sha256").expect("sha"),
        hex::encode(sha2::Sha256::digest(&original))
    );
}

async fn payments_keep_their_allocation(db: &TestDb) {
    import_demo(db).await;
    let allocation: String = sqlx::query(
        "SELECT p.allocation FROM payments p JOIN cases c ON c.id = p.case_id WHERE c.case_number = '20250001'",
    )
    .fetch_one(&db.pool)
    .await
    .expect("payment")
    .try_get("allocation")
    .expect("text");
    let json: serde_json::Value = serde_json::from_str(&allocation).expect("json");
    let amounts: Vec<&str> = json["allocations"]
        .as_array()
        .expect("list")
        .iter()
        .map(|a| a["amount"].as_str().expect("amount"))
        .collect();
    assert_eq!(amounts, vec!["35.00", "560.00", "192.61", "212.39"]);
    assert_eq!(json["overpaid"], "0.00");
}

async fn a_new_rate_is_data_not_a_release(db: &TestDb) {
    import_demo(db).await;
    // Ola's claim: 1 290 due 2026-08-20. On 2027-01-01: 133 days in 2026 at 12.00 %, 1 day in
    // 2027 at the rate in force. Without a 2027 rate the 2026 rate runs on:
    // 1 290 × 0.12 × 134 / 365 = 56.8307… → 56.83.
    let (_, s) = for_case(db, "20250002", date("2027-01-01"))
        .await
        .expect("statement");
    assert_eq!(s.interest, nok("56.83"));
    // With 2027's rate at 36.50 % the one day is 1 290 × 0.365 / 365 = 1.29 exactly:
    // 1 290 × 0.12 × 133 / 365 = 56.4065… + 1.29 = 57.6965… → 57.70.
    let rows = parse_rates(
        Table::Forsinkelsesrente,
        "from_date,rate_percent,status\n2027-01-01,36.50,test\n",
    )
    .expect("csv");
    assert_eq!(
        upsert(&db.pool, Table::Forsinkelsesrente, &rows)
            .await
            .expect("upsert"),
        1
    );
    assert_eq!(
        upsert(&db.pool, Table::Forsinkelsesrente, &rows)
            .await
            .expect("upsert"),
        0
    );
    let (_, s) = for_case(db, "20250002", date("2027-01-01"))
        .await
        .expect("statement");
    assert_eq!(s.interest, nok("57.70"));
}

async fn an_unknown_case_is_a_clear_error(db: &TestDb) {
    import_demo(db).await;
    let err = statement_of(&db.pool, "99999999", date(TODAY))
        .await
        .expect_err("no such case");
    assert_eq!(err, "fant ingen sak med saksnummer 99999999");
}

async fn the_audit_log_is_append_only(db: &TestDb) {
    import_demo(db).await;
    let entries = count(db, "SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(entries, 14, "one entry per created case");
    assert!(sqlx::query("UPDATE audit_log SET action = 'x'")
        .execute(&db.pool)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(&db.pool)
        .await
        .is_err());
    assert_eq!(count(db, "SELECT COUNT(*) FROM audit_log").await, entries);
    // Migrating again (every start does) keeps the protection and the entries.
    let again = app::server::db::connect_and_migrate(&db.url)
        .await
        .expect("migrate again");
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(&again)
        .await
        .is_err());
    again.close().await;
}

on_both_databases!(
    the_audit_log_is_append_only,
    demo_statements_match_the_hand_worked_values,
    the_same_file_twice_changes_nothing,
    a_bad_file_writes_nothing_and_lists_every_error,
    a_new_version_of_the_file_brings_the_case_to_what_it_says,
    access_codes_are_stored_only_as_argon2id_hashes,
    documents_are_stored_with_their_hash,
    payments_keep_their_allocation,
    a_new_rate_is_data_not_a_release,
    an_unknown_case_is_a_clear_error,
);
