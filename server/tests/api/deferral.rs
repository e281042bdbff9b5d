//! Deferrals over HTTP: granted at once within the rules, asked for beyond them.

use crate::helpers::{
    case_status, count, date, expect_says, import_demo, logged_in, open_tasks, TestDb, TODAY,
};
use crate::plan::calculator_inputs;

async fn a_deferral_within_the_rules_is_granted_once_and_beyond_them_asked_for(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250002", "482915").await;
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
        let cookie = &cookie;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            cookie.post("/api/accept_deferral", &pairs).await
        }
    };
    let wrong = send(form("d-0", "2026-12-20", "1.00".into())).await;
    assert_eq!(wrong.status, 400, "{}", wrong.body);
    let too_far = send(form("d-1", "2026-12-25", total.clone())).await;
    expect_says(&too_far, 400, "utenfor det du kan gi deg selv");
    assert_eq!(count(db, "SELECT COUNT(*) FROM deferrals").await, 0);
    // Without wasm: back to the page with the date kept and the refusal's code.
    let pairs = form("d-1b", "2026-12-25", total.clone());
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let plain = cookie.post_plain("/api/accept_deferral", &pairs).await;
    assert_eq!(plain.status, 302, "{}", plain.body);
    assert_eq!(
        plain.header(axum::http::header::LOCATION),
        "/sak/20250002/utsettelse?dato=2026-12-25&feil=utsettelse-utenfor"
    );
    let page = cookie
        .get("/sak/20250002/utsettelse?dato=2026-12-25&feil=utsettelse-utenfor")
        .await;
    assert!(
        page.body.contains("data-testid=\"deferral-refused\""),
        "{}",
        page.body
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM deferrals").await, 0);

    let granted = send(form("d-2", "2026-12-20", total.clone())).await;
    assert!(granted.status < 400, "{}", granted.body);
    let again = send(form("d-2", "2026-12-20", total.clone())).await;
    assert!(again.status < 400, "{}", again.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM deferrals").await, 1);
    assert_eq!(case_status(db, "20250002").await, "deferred");
    let json = cookie.overview("20250002").await;
    assert_eq!(json["deferral"]["new_due_on"], "2026-12-20");
    assert_eq!(json["deferral"]["total"], total.as_str());

    // Once per case: a second one is for the agency to decide.
    let second = send(form("d-3", "2026-12-22", total.clone())).await;
    assert_eq!(second.status, 400, "{}", second.body);
    let asked = cookie
        .post(
            "/api/request_deferral",
            &[
                ("case_number", "20250002"),
                ("new_date", "2027-01-31"),
                ("reason", "Lønnen kommer først i januar."),
            ],
        )
        .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert_eq!(open_tasks(db, "deferral").await, 1);
}

on_both_databases!(a_deferral_within_the_rules_is_granted_once_and_beyond_them_asked_for);
