//! The rules for self-service deferrals and plans are dated data in the database, and the
//! plan calculator works on what the database holds.

mod common;

use app::domain::plan::{plan, PlanChoice, RuleBreach};
use app::domain::Nok;
use app::server::db;
use common::{count, date, import_demo, post, session, TestDb, TODAY};
use rust_decimal::Decimal;

async fn the_default_rules_are_in_force_and_an_operator_can_date_new_ones(db: &TestDb) {
    let today = date(TODAY);
    let policy = db::policy::in_force(&db.pool, today)
        .await
        .expect("query")
        .expect("a policy");
    assert_eq!(policy.max_deferral_days, 30);
    assert_eq!(policy.deferrals_per_case, 1);
    assert_eq!(policy.max_instalments, 24);
    assert_eq!(policy.min_instalment, Nok::from_kroner(300));
    assert_eq!(policy.min_share_divisor, 24);
    assert_eq!(policy.supplement_after, 4);
    assert_eq!(policy.supplement_factor, Decimal::new(15, 1));

    // The shipped file says what the migration seeded: reading it changes nothing.
    let shipped = std::fs::read_to_string(common::demo_dir().join("../rates/selvbetjening.csv"))
        .expect("rates/selvbetjening.csv");
    let rows = db::policy::parse_csv(&shipped).expect("valid");
    assert_eq!(rows, vec![(date("2020-10-01"), policy.clone())]);
    assert_eq!(
        db::policy::upsert(&db.pool, &rows).await.expect("upsert"),
        0
    );
    // A bad file is refused whole, line by line.
    let errors = db::policy::parse_csv(&format!(
        "{}\n2027-01-01,14,1,12,500.00,12,4,1.5\n2027-02-30,14,1,12,500.00,12,4,1.5\n2027-03-01,14,1,0,500,12,4,1.5\n",
        db::policy::CSV_HEADER
    ))
    .expect_err("two bad lines");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("linje 3:"), "{errors:?}");

    // From 1 January 2027 at most 12 instalments: today's rules stand until then.
    let rows = db::policy::parse_csv(&format!(
        "{}\n2027-01-01,14,1,12,500.00,12,4,1.5\n",
        db::policy::CSV_HEADER
    ))
    .expect("valid");
    assert_eq!(
        db::policy::upsert(&db.pool, &rows).await.expect("upsert"),
        1
    );
    let before = db::policy::in_force(&db.pool, date("2026-12-31"))
        .await
        .expect("query")
        .expect("a policy");
    assert_eq!(before.max_instalments, 24);
    let after = db::policy::in_force(&db.pool, date("2027-01-01"))
        .await
        .expect("query")
        .expect("a policy");
    assert_eq!(after.max_instalments, 12);
    assert_eq!(after.min_instalment, Nok::from_kroner(500));
    assert!(db::policy::in_force(&db.pool, date("2019-01-01"))
        .await
        .expect("query")
        .is_none());
}

/// What the calculator needs for a demo case today, read from the database.
async fn calculator_inputs(
    db: &TestDb,
    case_number: &str,
) -> (
    app::domain::CaseLedger,
    app::domain::RateTable,
    Nok,
    app::domain::plan::SelfServicePolicy,
) {
    let today = date(TODAY);
    let case = db::cases::find_by_number(&db.pool, case_number)
        .await
        .expect("query")
        .expect("case");
    let mut conn = db.pool.acquire().await.expect("connection");
    let ledger = db::cases::ledger(&mut conn, &case.id)
        .await
        .expect("ledger");
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

const PLANS_OF_20250001: &str = "SELECT COUNT(*) FROM payment_plans p JOIN cases c ON c.id = p.case_id WHERE c.case_number = '20250001'";

/// The plan the server will compute for case 20250001, to send its total as the page would.
async fn expected_plan(db: &TestDb, choice: PlanChoice, day: u32) -> app::domain::plan::Plan {
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
    let cookie = session(db, "20250001", "739214").await;
    let expected = expected_plan(db, PlanChoice::Months(12), 20).await;
    let total = expected.total.to_plain_string();
    let shown = serde_json::to_string(&expected).expect("json");

    // Figures that differ from the server's: nothing is stored.
    let wrong = post(
        db,
        "/api/accept_plan",
        &plan_form("p-0", "12", "100.00", &shown),
        Some(&cookie),
    )
    .await;
    assert_eq!(wrong.status, 400, "{}", wrong.body);
    assert!(
        wrong.body.contains("Tallene har endret seg"),
        "{}",
        wrong.body
    );
    assert_eq!(count(db, PLANS_OF_20250001).await, 0);

    // The right total, but a schedule that differs in one date: refused as well.
    let mut moved = expected.clone();
    moved.instalments[3].due = moved.instalments[3].due + chrono::Days::new(1);
    let moved = serde_json::to_string(&moved).expect("json");
    let wrong = post(
        db,
        "/api/accept_plan",
        &plan_form("p-0b", "12", &total, &moved),
        Some(&cookie),
    )
    .await;
    assert_eq!(wrong.status, 400, "{}", wrong.body);
    assert_eq!(count(db, PLANS_OF_20250001).await, 0);

    let sent = post(
        db,
        "/api/accept_plan",
        &plan_form("p-1", "12", &total, &shown),
        Some(&cookie),
    )
    .await;
    assert!(sent.status < 400, "{}", sent.body);
    let again = post(
        db,
        "/api/accept_plan",
        &plan_form("p-1", "12", &total, &shown),
        Some(&cookie),
    )
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
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM cases WHERE case_number = '20250001' AND status = 'plan'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'plan.accepted'"
        )
        .await,
        1
    );

    // The case page shows the plan, and today's total now holds the supplement.
    let case = post(
        db,
        "/api/case_overview",
        &[("case_number", "20250001")],
        Some(&cookie),
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&case.body).expect("json");
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
    let second = post(
        db,
        "/api/accept_plan",
        &plan_form("p-2", "6", &total, &shown),
        Some(&cookie),
    )
    .await;
    assert_eq!(second.status, 400, "{}", second.body);
    assert_eq!(count(db, PLANS_OF_20250001).await, 1);
}

async fn a_plan_outside_the_rules_goes_to_the_agency_as_a_request(db: &TestDb) {
    import_demo(db).await;
    let cookie = session(db, "20250001", "739214").await;
    let expected = expected_plan(db, PlanChoice::Months(36), 20).await;
    let total = expected.total.to_plain_string();
    let shown = serde_json::to_string(&expected).expect("json");
    let refused = post(
        db,
        "/api/accept_plan",
        &plan_form("p-3", "36", &total, &shown),
        Some(&cookie),
    )
    .await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(
        refused.body.contains("utenfor det du kan avtale selv"),
        "{}",
        refused.body
    );

    let mut request: Vec<(&str, &str)> = plan_form("p-4", "36", "", "")
        .into_iter()
        .filter(|(k, _)| *k != "shown_total" && *k != "shown_plan")
        .collect();
    request.extend([("reason", ""), ("income", ""), ("expenses", "")]);
    let no_reason = post(db, "/api/request_plan", &request, Some(&cookie)).await;
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
    let bad_budget = post(db, "/api/request_plan", &request, Some(&cookie)).await;
    assert_eq!(bad_budget.status, 400);
    request[n - 1] = ("expenses", "14 200,50");
    let sent = post(db, "/api/request_plan", &request, Some(&cookie)).await;
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

    // Another case's session, or none: nothing.
    let other = session(db, "20250002", "482915").await;
    let reply = post(
        db,
        "/api/plan_inputs",
        &[("case_number", "20250001")],
        Some(&other),
    )
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
    let cookie = session(db, "20260041", "815530").await;
    let case = post(
        db,
        "/api/case_overview",
        &[("case_number", "20260041")],
        Some(&cookie),
    )
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
    let cookie = session(db, "20260042", "362904").await;
    let case = post(
        db,
        "/api/case_overview",
        &[("case_number", "20260042")],
        Some(&cookie),
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&case.body).expect("json");
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
    let inputs = post(
        db,
        "/api/plan_inputs",
        &[("case_number", "20260042")],
        Some(&cookie),
    )
    .await;
    let inputs: serde_json::Value = serde_json::from_str(&inputs.body).expect("json");
    assert_eq!(inputs["blockers"], serde_json::json!(["PlanActive"]));
}

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

async fn each_rule_closes_self_service_or_sends_it_to_the_agency(db: &TestDb) {
    import_demo(db).await;
    let cookie = session(db, "20250001", "739214").await;
    let inputs = |c: String| async move {
        let reply = post(
            db,
            "/api/plan_inputs",
            &[("case_number", "20250001")],
            Some(&c),
        )
        .await;
        serde_json::from_str::<serde_json::Value>(&reply.body).expect("json")["blockers"].clone()
    };
    assert_eq!(inputs(cookie.clone()).await, serde_json::json!([]));

    // Below the smallest instalment (max(300 kr, total/24)): refused, a request instead.
    let small = expected_plan(db, PlanChoice::MonthlyAmount(Nok::from_kroner(250)), 20).await;
    assert!(small
        .breaches
        .iter()
        .any(|b| matches!(b, RuleBreach::InstalmentTooSmall { .. })));
    let form = [
        ("case_number", "20250001"),
        ("submission_id", "r-small"),
        ("mode", "amount"),
        ("amount", "250"),
        ("months", ""),
        ("day_of_month", "20"),
    ];
    let shown = serde_json::to_string(&small).expect("json");
    let total = small.total.to_plain_string();
    let mut accept: Vec<(&str, &str)> = form.to_vec();
    accept.extend([
        ("shown_total", total.as_str()),
        ("shown_plan", shown.as_str()),
    ]);
    let reply = post(db, "/api/accept_plan", &accept, Some(&cookie)).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    // A day of the month outside 1–28, and letters for an amount: plain messages.
    let mut bad_day = accept.clone();
    bad_day[5] = ("day_of_month", "31");
    let reply = post(db, "/api/accept_plan", &bad_day, Some(&cookie)).await;
    assert!(
        reply.body.contains("Velg en betalingsdag fra 1 til 28."),
        "{}",
        reply.body
    );
    let mut letters = accept.clone();
    letters[3] = ("amount", "femhundre");
    let reply = post(db, "/api/accept_plan", &letters, Some(&cookie)).await;
    assert!(
        reply.body.contains("Skriv beløpet med sifre"),
        "{}",
        reply.body
    );

    // With the enforcement officer: closed, for plans and deferrals alike.
    sqlx::query("UPDATE cases SET status = 'enforcement' WHERE case_number = '20250001'")
        .execute(&db.pool)
        .await
        .expect("status");
    assert_eq!(
        inputs(cookie.clone()).await,
        serde_json::json!(["WithEnforcementOfficer"])
    );
    let deferral = post(
        db,
        "/api/accept_deferral",
        &[
            ("case_number", "20250001"),
            ("submission_id", "d-enf"),
            ("new_date", "2026-12-10"),
            ("shown_total", "1.00"),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(deferral.status, 400, "{}", deferral.body);
    assert!(
        deferral.body.contains("Du kan ikke lage en avtale selv"),
        "{}",
        deferral.body
    );

    // An objection being looked into: closed too.
    sqlx::query("UPDATE cases SET status = 'objection' WHERE case_number = '20250001'")
        .execute(&db.pool)
        .await
        .expect("status");
    assert_eq!(
        inputs(cookie.clone()).await,
        serde_json::json!(["ObjectionOpen"])
    );
    assert_eq!(count(db, PLANS_OF_20250001).await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM deferrals").await, 0);
}

on_both_databases!(
    each_rule_closes_self_service_or_sends_it_to_the_agency,
    a_deferral_within_the_rules_is_granted_once_and_beyond_them_asked_for,
    the_demo_plans_are_read_from_their_payments,
    a_plan_within_the_rules_is_accepted_once_with_the_figures_shown,
    a_plan_outside_the_rules_goes_to_the_agency_as_a_request,
    the_default_rules_are_in_force_and_an_operator_can_date_new_ones,
    a_plan_for_a_demo_case_uses_the_rates_and_rules_in_the_database,
);
