//! Instalment plans over HTTP: accepted within the rules with the figures the debtor saw,
//! sent to the agency beyond them, and read back from the payments.

use crate::helpers::{
    audited, case_status, count, date, expect_says, import_demo, logged_in, post, TestDb, TODAY,
};
use app::domain::plan::{plan, PlanChoice, RuleBreach};
use app::domain::{CaseNumber, Nok};
use app::server::db;

/// What the calculator needs for a demo case today, read from the database.
pub(crate) async fn calculator_inputs(
    db: &TestDb,
    case_number: &str,
) -> (
    app::domain::CaseLedger,
    app::domain::RateTable,
    Nok,
    app::domain::plan::SelfServicePolicy,
) {
    let today = date(TODAY);
    let case =
        db::cases::find_by_number(&db.pool, &CaseNumber::parse(case_number).expect("number"))
            .await
            .expect("query")
            .expect("case");
    let mut conn = db.pool.acquire().await.expect("connection");
    let ledger = db::ledger::ledger(&mut conn, &case.id)
        .await
        .expect("ledger");
    drop(conn);
    let rates = db::rates::interest_table(&db.pool).await.expect("rates");
    let (_, is) = db::rates::collection_rate_on(&db.pool, today)
        .await
        .expect("query")
        .expect("inkassosats");
    let policy = db::policy::in_force(&db.pool, today)
        .await
        .expect("query")
        .expect("policy");
    (ledger, rates, is, policy)
}

async fn a_plan_for_a_demo_case_uses_the_rates_and_rules_in_the_database(db: &TestDb) {
    import_demo(db).await;
    let today = date(TODAY);
    let (ledger, rates, collection_rate, policy) = calculator_inputs(db, "20250001").await;
    let p = plan(
        &ledger,
        today,
        &rates,
        collection_rate,
        &policy,
        20,
        PlanChoice::Months(12),
    )
    .expect("plan");
    // 1.5 × the inkassosats of 750 kr in force in 2026.
    assert_eq!(p.supplement, Nok::from_kroner(1125));
    assert_eq!(p.instalments.len(), 12);
    assert!(p.within_rules(), "{:?}", p.breaches);
    assert_eq!(p.total, p.total_today + p.supplement + p.interest);
    let long = plan(
        &ledger,
        today,
        &rates,
        collection_rate,
        &policy,
        20,
        PlanChoice::Months(30),
    )
    .expect("plan");
    assert!(long
        .breaches
        .contains(&RuleBreach::TooManyInstalments { max: 24 }));
}

pub(crate) const PLANS_OF_20250001: &str = "SELECT COUNT(*) FROM payment_plans p JOIN cases c ON c.id = p.case_id WHERE c.case_number = '20250001'";

/// The plan the server will compute for case 20250001, to send its total as the page would.
pub(crate) async fn expected_plan(
    db: &TestDb,
    choice: PlanChoice,
    day: u32,
) -> app::domain::plan::Plan {
    let (ledger, rates, is, policy) = calculator_inputs(db, "20250001").await;
    plan(&ledger, date(TODAY), &rates, is, &policy, day, choice).expect("plan")
}

fn plan_form<'a>(
    submission_id: &'a str,
    months: &'a str,
    shown_total: &'a str,
    shown_plan: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("case_number", "20250001"),
        ("submission_id", submission_id),
        ("mode", "months"),
        ("amount", ""),
        ("months", months),
        ("day_of_month", "20"),
        ("shown_total", shown_total),
        ("shown_plan", shown_plan),
    ]
}

async fn a_plan_within_the_rules_is_accepted_once_with_the_figures_shown(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250001", "739214").await;
    let expected = expected_plan(db, PlanChoice::Months(12), 20).await;
    let total = expected.total.to_plain_string();
    let shown = serde_json::to_string(&expected).expect("json");

    // Figures that differ from the server's: nothing is stored.
    let wrong = cookie
        .post(
            "/api/accept_plan",
            &plan_form("p-0", "12", "100.00", &shown),
        )
        .await;
    expect_says(&wrong, 400, "Tallene har endret seg");
    assert_eq!(count(db, PLANS_OF_20250001).await, 0);

    // The right total, but a schedule that differs in one date: refused as well.
    let mut moved = expected.clone();
    moved.instalments[3].due = moved.instalments[3].due + chrono::Days::new(1);
    let moved = serde_json::to_string(&moved).expect("json");
    let wrong = cookie
        .post("/api/accept_plan", &plan_form("p-0b", "12", &total, &moved))
        .await;
    assert_eq!(wrong.status, 400, "{}", wrong.body);
    assert_eq!(count(db, PLANS_OF_20250001).await, 0);

    let sent = cookie
        .post("/api/accept_plan", &plan_form("p-1", "12", &total, &shown))
        .await;
    assert!(sent.status < 400, "{}", sent.body);
    let again = cookie
        .post("/api/accept_plan", &plan_form("p-1", "12", &total, &shown))
        .await;
    assert!(again.status < 400, "{}", again.body);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM payment_plans p JOIN cases c ON c.id = p.case_id WHERE c.case_number = '20250001' AND p.status = 'active'"
        )
        .await,
        1
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM plan_instalments i JOIN payment_plans p ON p.id = i.plan_id JOIN cases c ON c.id = p.case_id WHERE c.case_number = '20250001'").await, 12);
    assert_eq!(case_status(db, "20250001").await, "plan");
    assert_eq!(audited(db, "plan.accepted").await, 1);

    // The case page shows the plan, and today's total now holds the supplement.
    let json = cookie.overview("20250001").await;
    assert_eq!(json["status"], "plan");
    let plan_json = &json["plan"];
    assert_eq!(plan_json["instalments"].as_array().map(Vec::len), Some(12));
    assert_eq!(plan_json["progress"]["next"]["number"], 1);
    assert_eq!(
        plan_json["progress"]["missed"].as_array().map(Vec::len),
        Some(0)
    );
    assert_eq!(
        json["statement"]["total"],
        (expected.total_today + expected.supplement).to_plain_string()
    );

    // A second plan while this one runs: refused, to be sent as a request instead.
    let second = cookie
        .post("/api/accept_plan", &plan_form("p-2", "6", &total, &shown))
        .await;
    assert_eq!(second.status, 400, "{}", second.body);
    assert_eq!(count(db, PLANS_OF_20250001).await, 1);
}

async fn a_plan_outside_the_rules_goes_to_the_agency_as_a_request(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250001", "739214").await;
    let expected = expected_plan(db, PlanChoice::Months(36), 20).await;
    let total = expected.total.to_plain_string();
    let shown = serde_json::to_string(&expected).expect("json");
    let refused = cookie
        .post("/api/accept_plan", &plan_form("p-3", "36", &total, &shown))
        .await;
    expect_says(&refused, 400, "utenfor det du kan avtale selv");

    let mut request: Vec<(&str, &str)> = plan_form("p-4", "36", "", "")
        .into_iter()
        .filter(|(k, _)| *k != "shown_total" && *k != "shown_plan")
        .collect();
    request.extend([("reason", ""), ("income", ""), ("expenses", "")]);
    let no_reason = cookie.post("/api/request_plan", &request).await;
    assert_eq!(no_reason.status, 400);
    assert!(
        no_reason.body.contains("Skriv kort hvorfor"),
        "{}",
        no_reason.body
    );

    let n = request.len();
    request[n - 3] = ("reason", "Jeg er sykmeldt og har lav inntekt til sommeren.");
    request[n - 2] = ("income", "21 500");
    request[n - 1] = ("expenses", "tusen");
    let bad_budget = cookie.post("/api/request_plan", &request).await;
    assert_eq!(bad_budget.status, 400);
    // Without wasm: back to the calculator with the choice kept and the refusal's code (never
    // the typed text), which the page says in words.
    let bad_plain = cookie.post_plain("/api/request_plan", &request).await;
    assert_eq!(bad_plain.status, 302, "{}", bad_plain.body);
    assert_eq!(
        bad_plain.header(axum::http::header::LOCATION),
        "/sak/20250001/nedbetaling?modus=months&belop=&maneder=36&dag=20&feil=budsjett"
    );
    let page = cookie
        .get("/sak/20250001/nedbetaling?modus=months&maneder=36&dag=20&feil=budsjett")
        .await;
    assert!(
        page.body.contains("data-testid=\"plan-refused\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("Skriv inntekt"), "{}", page.body);
    request[n - 1] = ("expenses", "14 200,50");
    let sent = cookie.post("/api/request_plan", &request).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let task: serde_json::Value = serde_json::from_str(&sent.body).expect("json");
    assert_eq!(task["due_on"], "2026-12-08");
    let (detail,): (String,) = sqlx::query_as(
        "SELECT detail FROM case_tasks WHERE kind = 'instalment_plan' AND status = 'open'",
    )
    .fetch_one(&db.pool)
    .await
    .expect("task");
    let detail: serde_json::Value = serde_json::from_str(&detail).expect("json");
    assert_eq!(detail["instalments"], 36);
    assert_eq!(detail["monthly_income"], "21500.00");
    assert_eq!(detail["monthly_fixed_expenses"], "14200.50");
    assert!(detail["breaches"]
        .to_string()
        .contains("TooManyInstalments"));
    assert_eq!(count(db, PLANS_OF_20250001).await, 0);

    // Sent without wasm, the request lands on the case page, which says it arrived and by
    // when the agency answers.
    request[1] = ("submission_id", "p-4b");
    let plain = cookie.post_plain("/api/request_plan", &request).await;
    assert_eq!(plain.status, 302, "{}", plain.body);
    let to = plain.header(axum::http::header::LOCATION);
    assert!(to.starts_with("/sak/20250001?forespurt="), "{to}");
    let page = cookie.get(to.split('#').next().unwrap_or_default()).await;
    assert!(
        page.body.contains("data-testid=\"request-received\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("Vi svarer senest"), "{}", page.body);

    // Another case's session, or none: nothing.
    let other = logged_in(db, "20250002", "482915").await;
    let reply = other
        .post("/api/plan_inputs", &[("case_number", "20250001")])
        .await;
    assert_eq!(reply.status, 404);
    let reply = post(
        db,
        "/api/accept_plan",
        &plan_form("p-5", "12", &total, &shown),
        None,
    )
    .await;
    assert_eq!(reply.status, 401);
}

async fn the_demo_plans_are_read_from_their_payments(db: &TestDb) {
    import_demo(db).await;
    // On time: four instalments of 828 kr paid (15 August to 15 November), the fifth due
    // 15 December.
    let cookie = logged_in(db, "20260041", "815530").await;
    let case = cookie
        .post("/api/case_overview", &[("case_number", "20260041")])
        .await;
    let json: serde_json::Value = serde_json::from_str(&case.body).expect("json");
    assert_eq!(json["status"], "plan");
    let progress = &json["plan"]["progress"];
    assert_eq!(progress["paid"].as_array().map(Vec::len), Some(4));
    assert_eq!(progress["missed"].as_array().map(Vec::len), Some(0));
    assert_eq!(progress["next"]["due"], "2026-12-15");
    assert_eq!(progress["next"]["amount"], "828.00");
    assert_eq!(json["plan"]["supplement"], "1125.00");

    // Behind: 500 kr paid three times against instalments of 560 kr; 1 August and
    // 1 September are covered, 1 October and 1 November are not: 4 × 560 − 1 500 = 740.
    let cookie = logged_in(db, "20260042", "362904").await;
    let json = cookie.overview("20260042").await;
    let progress = &json["plan"]["progress"];
    assert_eq!(progress["paid"].as_array().map(Vec::len), Some(2));
    let missed: Vec<&str> = progress["missed"]
        .as_array()
        .expect("missed")
        .iter()
        .filter_map(|i| i["due"].as_str())
        .collect();
    assert_eq!(missed, vec!["2026-10-01", "2026-11-01"]);
    assert_eq!(progress["behind_by"], "740.00");
    assert_eq!(progress["next"]["due"], "2026-12-01");
    // A running plan closes self-service: a second one can only be asked for.
    let inputs = cookie
        .post("/api/plan_inputs", &[("case_number", "20260042")])
        .await;
    let inputs: serde_json::Value = serde_json::from_str(&inputs.body).expect("json");
    assert_eq!(inputs["blockers"], serde_json::json!(["PlanActive"]));
}

on_both_databases!(
    a_plan_for_a_demo_case_uses_the_rates_and_rules_in_the_database,
    a_plan_within_the_rules_is_accepted_once_with_the_figures_shown,
    a_plan_outside_the_rules_goes_to_the_agency_as_a_request,
    the_demo_plans_are_read_from_their_payments,
);
