//! "Jeg har allerede betalt": a receipt, one to five files, and what the debtor says about
//! the payment. It opens a task for the agency and sets the case to "Kvittering mottatt – vi
//! undersøker saken"; it changes no balance.

use super::case_view::{already_stored, repeat_or_fail, submission_id, Registered};
use super::state::AppState;
use super::uploads::{self, ReceivedForm};
use super::{audit, db, tasks};
use crate::api::case::{ReceiptInfo, UploadInfo};
use crate::domain::receipt::{parse_receipt, ReceiptError};
use crate::domain::upload::{check_count, UploadError};
use crate::domain::Nok;
use crate::error::AppError;
use sqlx::{AnyConnection, Row};

pub const RECEIPT: &str = "receipt";
const RECEIPT_STORED: &str = "SELECT 1 FROM receipts WHERE submission_id = $1";

/// Why a receipt was not registered.
#[derive(Debug)]
pub enum ReceiptFailure {
    Form(ReceiptError),
    Files(UploadError),
    App(AppError),
}

impl From<AppError> for ReceiptFailure {
    fn from(e: AppError) -> Self {
        ReceiptFailure::App(e)
    }
}

/// Store the receipt and its files' rows, open (or join) the case's receipt task, set the
/// status and audit, in one transaction. The files are already in storage; the caller
/// deletes them again unless this returns `Registered::New`.
pub async fn register(
    state: &AppState,
    case_id: &str,
    form: &ReceivedForm,
) -> Result<Registered, ReceiptFailure> {
    let submission_id = submission_id(form.field("submission_id"))?;
    let details = parse_receipt(
        form.field("paid_on"),
        form.field("amount"),
        form.field("comment"),
        state.today(),
    )
    .map_err(ReceiptFailure::Form)?;
    check_count(form.files.len(), true).map_err(ReceiptFailure::Files)?;

    if already_stored(state, RECEIPT_STORED, submission_id).await? {
        return Ok(Registered::Repeat);
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let receipt_id = uuid::Uuid::new_v4().to_string();
    let amount_ore = match details.amount {
        Some(a) => Some(
            a.to_ore()
                .ok_or(ReceiptFailure::Form(ReceiptError::AmountInvalid))?,
        ),
        None => None,
    };
    let mut tx = state.pool.begin().await.map_err(AppError::internal)?;
    // A second receipt while the first is being looked into joins the same task.
    let task = tasks::create(
        &mut tx,
        case_id,
        RECEIPT,
        state.today(),
        &serde_json::json!({
            "paid_on": details.paid_on,
            "amount": details.amount,
            "files": form.files.len(),
        }),
    )
    .await
    .map_err(AppError::internal)?;
    let inserted = sqlx::query(
        "INSERT INTO receipts (id, case_id, submission_id, submitted_at, submitted_on, paid_on, amount_ore, comment, task_reference) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&receipt_id)
    .bind(case_id)
    .bind(submission_id)
    .bind(&now)
    .bind(state.today().to_string())
    .bind(details.paid_on.map(|d| d.to_string()))
    .bind(amount_ore)
    .bind(&details.comment)
    .bind(&task.reference)
    .execute(&mut *tx)
    .await;
    if let Err(e) = inserted {
        // The same form, sent twice at once: the other request stored it.
        tx.rollback().await.map_err(AppError::internal)?;
        return Ok(repeat_or_fail(state, RECEIPT_STORED, submission_id, e).await?);
    }
    uploads::record(
        &mut tx,
        case_id,
        RECEIPT,
        &receipt_id,
        &form.files,
        &now,
        state.today(),
    )
    .await
    .map_err(AppError::internal)?;
    // An objection's stop of collection is stronger than "we are looking into it": kept.
    sqlx::query(
        "UPDATE cases SET status = 'receipt', updated_at = $2 WHERE id = $1 AND status = 'active'",
    )
    .bind(case_id)
    .bind(&now)
    .execute(&mut *tx)
    .await
    .map_err(AppError::internal)?;
    audit::record(
        &mut *tx,
        "debtor",
        "receipt.received",
        Some(case_id),
        &serde_json::json!({
            "reference": task.reference,
            "paid_on": details.paid_on,
            "amount": details.amount,
            "files": uploads::audit_list(&form.files),
        }),
    )
    .await
    .map_err(AppError::internal)?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(Registered::New)
}

/// The case's receipts, newest first, each with its files and its task's answer date.
pub async fn list(
    conn: &mut AnyConnection,
    case_id: &str,
    files: &[UploadInfo],
) -> Result<Vec<ReceiptInfo>, sqlx::Error> {
    sqlx::query(
        "SELECT r.id, r.task_reference, r.submitted_on, r.paid_on, r.amount_ore, t.status, t.due_on \
         FROM receipts r JOIN case_tasks t ON t.reference = r.task_reference \
         WHERE r.case_id = $1 ORDER BY r.submitted_at DESC",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| {
        let id: String = row.try_get("id")?;
        let paid_on: Option<String> = row.try_get("paid_on")?;
        let amount_ore: Option<i64> = row.try_get("amount_ore")?;
        let status: String = row.try_get("status")?;
        Ok(ReceiptInfo {
            reference: row.try_get("task_reference")?,
            submitted_on: db::parse_date(&row.try_get::<String, _>("submitted_on")?)?,
            answer_by: db::parse_date(&row.try_get::<String, _>("due_on")?)?,
            open: status == "open",
            paid_on: paid_on.as_deref().map(db::parse_date).transpose()?,
            amount: amount_ore.map(Nok::from_ore),
            files: files
                .iter()
                .filter(|f| f.owner_kind == RECEIPT && f.owner_id == id)
                .cloned()
                .collect(),
        })
    })
    .collect()
}
