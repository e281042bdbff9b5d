//! Instalment plans and their instalments.

use super::{ore, Columns};
use crate::domain::plan::{AgreedPlan, Instalment, Plan};
use crate::domain::{CaseId, SubmissionId};
use sqlx::{AnyConnection, Row};

/// Store an agreed plan and its instalments; in the caller's transaction. Fails if the case
/// has a running plan already, or the form was stored before.
pub async fn insert(
    conn: &mut AnyConnection,
    case: &CaseId,
    submission: &SubmissionId,
    plan: &Plan,
    now: &str,
) -> sqlx::Result<()> {
    let plan_id = super::new_id();
    sqlx::query(
        "INSERT INTO payment_plans (id, case_id, submission_id, status, created_at, created_on, day_of_month, \
         monthly_amount_ore, supplement_ore, interest_ore, total_ore, settled_on) \
         VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&plan_id)
    .bind(case.as_str())
    .bind(super::submissions::key(case, submission))
    .bind(now)
    .bind(plan.today.to_string())
    .bind(i64::from(plan.day_of_month))
    .bind(ore(plan.monthly_amount)?)
    .bind(ore(plan.supplement)?)
    .bind(ore(plan.interest)?)
    .bind(ore(plan.total)?)
    .bind(plan.settled_on.to_string())
    .execute(&mut *conn)
    .await?;
    for i in &plan.instalments {
        sqlx::query(
            "INSERT INTO plan_instalments (plan_id, number, due_on, amount_ore) VALUES ($1, $2, $3, $4)",
        )
        .bind(&plan_id)
        .bind(i64::from(i.number))
        .bind(i.due.to_string())
        .bind(ore(i.amount)?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The case's running plan, with its instalments in order.
pub async fn active(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Option<AgreedPlan>> {
    let row = sqlx::query(
        "SELECT id, created_on, day_of_month, monthly_amount_ore, supplement_ore, total_ore, settled_on \
         FROM payment_plans WHERE case_id = $1 AND status = 'active'",
    )
    .bind(case.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let instalments = sqlx::query(
        "SELECT number, due_on, amount_ore FROM plan_instalments WHERE plan_id = $1 ORDER BY number",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Instalment {
            number: r.count("number")?,
            due: r.date("due_on")?,
            amount: r.nok("amount_ore")?,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(Some(AgreedPlan {
        started_on: row.date("created_on")?,
        day_of_month: row.count("day_of_month")?,
        monthly_amount: row.nok("monthly_amount_ore")?,
        supplement: row.nok("supplement_ore")?,
        total: row.nok("total_ore")?,
        settled_on: row.date("settled_on")?,
        instalments,
    }))
}

/// Whether a plan runs on the case.
pub async fn has_active(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("SELECT 1 FROM payment_plans WHERE case_id = $1 AND status = 'active'")
            .bind(case.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .is_some(),
    )
}
