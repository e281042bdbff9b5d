//! The rules for self-service deferrals and plans are dated data in the database, and the
//! plan calculator works on what the database holds.

mod common;

use app::domain::plan::{plan, PlanChoice, RuleBreach};
use app::domain::Nok;
use app::server::db;
use common::{date, import_demo, TestDb, TODAY};
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

    // From 1 January 2027 at most 12 instalments: today's rules stand until then.
    sqlx::query(
        "INSERT INTO self_service_policy (from_date, max_deferral_days, deferrals_per_case, max_instalments, \
         min_instalment_ore, min_share_divisor, supplement_after, supplement_factor_permille) \
         VALUES ('2027-01-01', 14, 1, 12, 50000, 12, 4, 1500)",
    )
    .execute(&db.pool)
    .await
    .expect("insert");
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

async fn a_plan_for_a_demo_case_uses_the_rates_and_rules_in_the_database(db: &TestDb) {
    import_demo(db).await;
    let today = date(TODAY);
    let case = db::cases::find_by_number(&db.pool, "20250001")
        .await
        .expect("query")
        .expect("case");
    let mut conn = db.pool.acquire().await.expect("connection");
    let ledger = db::cases::ledger(&mut conn, &case.id)
        .await
        .expect("ledger");
    let rates = db::rates::interest_table(&db.pool).await.expect("rates");
    let (_, collection_rate) = db::rates::collection_rate_on(&db.pool, today)
        .await
        .expect("query")
        .expect("inkassosats");
    let policy = db::policy::in_force(&db.pool, today)
        .await
        .expect("query")
        .expect("policy");
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

on_both_databases!(
    the_default_rules_are_in_force_and_an_operator_can_date_new_ones,
    a_plan_for_a_demo_case_uses_the_rates_and_rules_in_the_database,
);
