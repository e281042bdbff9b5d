//! Reading and acting on the logged-in debtor's own case. The case id comes from the
//! session; a case number in the request must match it, or the answer is "not found".

use super::state::AppState;
use super::{audit, db, tasks};
use crate::api::case::{CaseOverview, PaymentNotice, TaskInfo};
use crate::domain::{interest_per_day, statement, Nok};
use crate::error::AppError;
use crate::i18n::t;
use sqlx::Row;

/// The case row, if it is the one the session may read; otherwise an audit entry and the
/// same answer as for a case that does not exist.
async fn own_case(
    state: &AppState,
    case_id: &str,
    requested: &str,
) -> Result<db::cases::CaseRow, AppError> {
    let case = db::cases::find_by_id(&state.pool, case_id)
        .await
        .map_err(AppError::internal)?
        .ok_or(AppError::NotLoggedIn)?;
    if case.case_number != requested {
        let requested: String = requested.chars().take(40).collect();
        audit::record(
            &state.pool,
            "debtor",
            "case.access_denied",
            Some(case_id),
            &serde_json::json!({ "requested_case_number": requested }),
        )
        .await
        .map_err(AppError::internal)?;
        tracing::warn!(case_id, "request for another case refused");
        return Err(AppError::NotFound);
    }
    Ok(case)
}

pub async fn overview(
    state: &AppState,
    case_id: &str,
    requested: &str,
) -> Result<CaseOverview, AppError> {
    let case = own_case(state, case_id, requested).await?;
    let rates = db::rates::interest_table(&state.pool)
        .await
        .map_err(AppError::internal)?;
    let mut conn = state.pool.acquire().await.map_err(AppError::internal)?;
    let ledger = db::cases::ledger(&mut conn, case_id)
        .await
        .map_err(AppError::internal)?;
    let statement = statement(&ledger, state.today(), &rates).map_err(AppError::internal)?;
    let interest_per_day = interest_per_day(&statement, &rates).map_err(AppError::internal)?;
    let notices = sqlx::query(
        "SELECT n.paid_on, n.amount_ore FROM payment_notices n WHERE n.case_id = $1 \
         AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.case_id = n.case_id AND p.received_at > n.created_at) \
         ORDER BY n.created_at",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(AppError::internal)?
    .into_iter()
    .map(|row| {
        Ok(PaymentNotice {
            paid_on: db::parse_date(&row.try_get::<String, _>("paid_on")?)?,
            amount: Nok::from_ore(row.try_get("amount_ore")?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()
    .map_err(AppError::internal)?;
    let documents = super::documents::list(&mut conn, case_id)
        .await
        .map_err(AppError::internal)?;
    let invoice_copy_request = tasks::open_of_kind(&mut conn, case_id, INVOICE_COPY)
        .await
        .map_err(AppError::internal)?;
    Ok(CaseOverview {
        case_number: case.case_number,
        creditor: case.creditor_name,
        debtor_name: case.debtor_name,
        status: case.status,
        kid: case.kid,
        account_number: state.account_number.to_string(),
        statement,
        interest_per_day,
        payments_on_the_way: notices,
        documents,
        invoice_copy_request,
    })
}

const INVOICE_COPY: &str = "invoice_copy";

/// Ask for a copy of the original invoice: a task for the agency, due in 14 days.
pub async fn request_invoice_copy(
    state: &AppState,
    case_id: &str,
    requested: &str,
) -> Result<TaskInfo, AppError> {
    own_case(state, case_id, requested).await?;
    let mut tx = state.pool.begin().await.map_err(AppError::internal)?;
    let has_invoice =
        sqlx::query("SELECT 1 FROM documents WHERE case_id = $1 AND kind = 'original_invoice'")
            .bind(case_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(AppError::internal)?
            .is_some();
    if has_invoice {
        return Err(AppError::Invalid(t().invoice_already_here.to_string()));
    }
    if let Some(open) = tasks::open_of_kind(&mut tx, case_id, INVOICE_COPY)
        .await
        .map_err(AppError::internal)?
    {
        return Ok(open);
    }
    let task = tasks::create(
        &mut tx,
        case_id,
        INVOICE_COPY,
        state.today(),
        &serde_json::json!({}),
    )
    .await
    .map_err(AppError::internal)?;
    audit::record(
        &mut *tx,
        "debtor",
        "task.created",
        Some(case_id),
        &serde_json::json!({ "kind": INVOICE_COPY, "reference": task.reference }),
    )
    .await
    .map_err(AppError::internal)?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(task)
}

/// "Jeg har betalt": record what the debtor says they paid. It changes no balance.
pub async fn report_payment(
    state: &AppState,
    case_id: &str,
    requested: &str,
    paid_on: &str,
    amount: &str,
) -> Result<(), AppError> {
    let texts = t();
    own_case(state, case_id, requested).await?;
    let today = state.today();
    let paid_on = chrono::NaiveDate::parse_from_str(paid_on.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::Invalid(texts.paid_date_invalid.to_string()))?;
    if paid_on > today || paid_on < today - chrono::Days::new(366) {
        return Err(AppError::Invalid(texts.paid_date_out_of_range.to_string()));
    }
    let amount = Nok::parse(amount)
        .ok()
        .filter(|a| a.is_positive())
        .ok_or_else(|| AppError::Invalid(texts.paid_amount_invalid.to_string()))?;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut tx = state.pool.begin().await.map_err(AppError::internal)?;
    sqlx::query("INSERT INTO payment_notices (id, case_id, paid_on, amount_ore, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(case_id)
        .bind(paid_on.to_string())
        .bind(amount.to_ore().unwrap_or(i64::MAX))
        .bind(&now)
        .execute(&mut *tx)
        .await
        .map_err(AppError::internal)?;
    audit::record(
        &mut *tx,
        "debtor",
        "payment.reported",
        Some(case_id),
        &serde_json::json!({ "paid_on": paid_on, "amount": amount }),
    )
    .await
    .map_err(AppError::internal)?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(())
}
