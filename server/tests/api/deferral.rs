//! Deferrals over HTTP: granted at once within the rules, asked for beyond them.

use crate::helpers::{count, date, import_demo, post, session, TestDb, TODAY};
use crate::plan::calculator_inputs;

async fn a_deferral_within_the_rules_is_granted_once_and_beyond_them_asked_for(db: &TestDb) {
    import_demo(db).await;
    let cookie = session(db, "20250002", "482915").await;
    let today = date(TODAY);
    let (ledger, rates, _, policy) = calculator_inputs(db, "20250002").await;
    let expected =
        app::domain::plan::deferral(&ledger, today, &rates, &policy, date("2026-12-20"), 0)
            .expect("deferral");
    assert!(expected.interest.is_positive());
    let total = expected.total_on_new_date.to_plain_string();
    let form = |id: &'static str, new_date: &'static str, shown: String| {
        vec![
            ("case_number", "20250002".to_string()),
            ("submission_id", id.to_string()),
            ("new_date", new_date.to_string()),
            ("shown_total", shown),
        ]
    };
    let send = |f: Vec<(&'static str, String)>| {
        let cookie = cookie.clone();
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(db, "/api/accept_deferral", &pairs, Some(&cookie)).await
        }
    };
    let wrong = send(form("d-0", "2026-12-20", "1.00".into())).await;
    assert_eq!(wrong.status, 400, "{}", wrong.body);
    let too_far = send(form("d-1", "2026-12-25", total.clone())).await;
    assert_eq!(too_far.status, 400, "{}", too_far.body);
    assert!(
        too_far.body.contains("utenfor det du kan gi deg selv"),
        "{}",
        too_far.body
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM deferrals").await, 0);

    let granted = send(form("d-2", "2026-12-20", total.clone())).await;
    assert!(granted.status < 400, "{}", granted.body);
    let again = send(form("d-2", "2026-12-20", total.clone())).await;
    assert!(again.status < 400, "{}", again.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM deferrals").await, 1);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM cases WHERE case_number = '20250002' AND status = 'deferred'"
        )
        .await,
        1
    );
    let overview = post(
        db,
        "/api/case_overview",
        &[("case_number", "20250002")],
        Some(&cookie),
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&overview.body).expect("json");
    assert_eq!(json["deferral"]["new_due_on"], "2026-12-20");
    assert_eq!(json["deferral"]["total"], total.as_str());

    // Once per case: a second one is for the agency to decide.
    let second = send(form("d-3", "2026-12-22", total.clone())).await;
    assert_eq!(second.status, 400, "{}", second.body);
    let asked = post(
        db,
        "/api/request_deferral",
        &[
            ("case_number", "20250002"),
            ("new_date", "2027-01-31"),
            ("reason", "Lønnen kommer først i januar."),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM case_tasks WHERE kind = 'deferral' AND status = 'open'"
        )
        .await,
        1
    );
}

on_both_databases!(a_deferral_within_the_rules_is_granted_once_and_beyond_them_asked_for);
