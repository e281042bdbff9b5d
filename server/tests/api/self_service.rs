//! The rules for self-service deferrals and plans are dated data in the database, and each
//! rule closes self-service or sends the request to the agency.

use crate::helpers::{count, date, expect_says, import_demo, logged_in, Browser, TestDb, TODAY};
use crate::plan::{expected_plan, PLANS_OF_20250001};
use app::domain::plan::{PlanChoice, RuleBreach};
use app::domain::Nok;
use app::server::db;
use rust_decimal::Decimal;
use server::operator_files::{parse_policy, CSV_HEADER};

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
    let shipped =
        std::fs::read_to_string(crate::helpers::demo_dir().join("../rates/selvbetjening.csv"))
            .expect("rates/selvbetjening.csv");
    let rows = parse_policy(&shipped).expect("valid");
    assert_eq!(rows, vec![(date("2020-10-01"), policy.clone())]);
    assert_eq!(
        db::policy::upsert(&db.pool, &rows).await.expect("upsert"),
        0
    );
    // A bad file is refused whole, line by line.
    let errors = parse_policy(&format!(
        "{}\n2027-01-01,14,1,12,500.00,12,4,1.5\n2027-02-30,14,1,12,500.00,12,4,1.5\n2027-03-01,14,1,0,500,12,4,1.5\n",
        CSV_HEADER
    ))
    .expect_err("two bad lines");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("linje 3:"), "{errors:?}");

    // From 1 January 2027 at most 12 instalments: today's rules stand until then.
    let rows = parse_policy(&format!(
        "{}\n2027-01-01,14,1,12,500.00,12,4,1.5\n",
        CSV_HEADER
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

/// Why the plan page says self-service is closed for case 20250001, if it does.
async fn blockers(kari: &Browser<'_>) -> serde_json::Value {
    let reply = kari
        .post("/api/plan_inputs", &[("case_number", "20250001")])
        .await;
    serde_json::from_str::<serde_json::Value>(&reply.body).expect("json")["blockers"].clone()
}

async fn each_rule_closes_self_service_or_sends_it_to_the_agency(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250001", "739214").await;
    assert_eq!(blockers(&cookie).await, serde_json::json!([]));

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
    let reply = cookie.post("/api/accept_plan", &accept).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    // A day of the month outside 1–28, and letters for an amount: plain messages.
    let mut bad_day = accept.clone();
    bad_day[5] = ("day_of_month", "31");
    let reply = cookie.post("/api/accept_plan", &bad_day).await;
    assert!(
        reply.body.contains("Velg en betalingsdag fra 1 til 28."),
        "{}",
        reply.body
    );
    let mut letters = accept.clone();
    letters[3] = ("amount", "femhundre");
    let reply = cookie.post("/api/accept_plan", &letters).await;
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
        blockers(&cookie).await,
        serde_json::json!(["WithEnforcementOfficer"])
    );
    let deferral = cookie
        .post(
            "/api/accept_deferral",
            &[
                ("case_number", "20250001"),
                ("submission_id", "d-enf"),
                ("new_date", "2026-12-10"),
                ("shown_total", "1.00"),
            ],
        )
        .await;
    expect_says(&deferral, 400, "Du kan ikke lage en avtale selv");

    // An objection being looked into: closed too.
    sqlx::query("UPDATE cases SET status = 'objection' WHERE case_number = '20250001'")
        .execute(&db.pool)
        .await
        .expect("status");
    assert_eq!(
        blockers(&cookie).await,
        serde_json::json!(["ObjectionOpen"])
    );
    assert_eq!(count(db, PLANS_OF_20250001).await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM deferrals").await, 0);
}

on_both_databases!(
    the_default_rules_are_in_force_and_an_operator_can_date_new_ones,
    each_rule_closes_self_service_or_sends_it_to_the_agency,
);
