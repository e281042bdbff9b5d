//! Deferrals: a later date to pay by.

use super::{ore, Columns};
use crate::domain::plan::Deferral;
use crate::domain::{CaseId, Nok, SubmissionId};
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Store a granted deferral; in the caller's transaction. Fails if the form was stored before.
pub async fn insert(
    conn: &mut AnyConnection,
    case: &CaseId,
    submission: &SubmissionId,
    deferral: &Deferral,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO deferrals (id, case_id, submission_id, created_at, created_on, new_due_on, total_ore, interest_ore) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(super::submissions::key(case, submission))
    .bind(now)
    .bind(deferral.today.to_string())
    .bind(deferral.new_date.to_string())
    .bind(ore(deferral.total_on_new_date)?)
    .bind(ore(deferral.interest)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many deferrals the case has had.
pub async fn count(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<u32> {
    sqlx::query("SELECT COUNT(*) AS n FROM deferrals WHERE case_id = $1")
        .bind(case.as_str())
        .fetch_one(&mut *conn)
        .await?
        .count("n")
}

/// The latest deferral whose date has not passed: the date and the amount then.
pub async fn in_force(
    conn: &mut AnyConnection,
    case: &CaseId,
    today: NaiveDate,
) -> sqlx::Result<Option<(NaiveDate, Nok)>> {
    sqlx::query(
        "SELECT new_due_on, total_ore FROM deferrals WHERE case_id = $1 AND new_due_on >= $2 \
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(case.as_str())
    .bind(today.to_string())
    .fetch_optional(&mut *conn)
    .await?
    .map(|row| Ok((row.date("new_due_on")?, row.nok("total_ore")?)))
    .transpose()
}
