//! Reading and acting on the logged-in debtor's own case. The case id comes from the
//! session; a case number in the request must match it, or the answer is "not found".

use super::state::AppState;
use super::{audit, db, tasks};
use crate::api::case::{CaseOverview, PaymentNotice, TaskInfo, TimelineEntry, TimelineEvent};
use crate::domain::{interest_per_day, statement, Nok};
use crate::error::AppError;
use crate::i18n::t;
use sqlx::Row;

/// The case row, if it is the one the session may read; otherwise an audit entry and the
/// same answer as for a case that does not exist.
pub(crate) async fn own_case(
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
    let files = super::uploads::list(&mut conn, case_id)
        .await
        .map_err(AppError::internal)?;
    let objection = latest_objection(&mut conn, case_id, &files)
        .await
        .map_err(AppError::internal)?;
    let receipts = super::receipts::list(&mut conn, case_id, &files)
        .await
        .map_err(AppError::internal)?;
    let plan = super::plans::active(&mut conn, case_id, &ledger, state.today())
        .await
        .map_err(AppError::internal)?;
    let deferral = super::plans::deferral_in_force(&mut conn, case_id, state.today())
        .await
        .map_err(AppError::internal)?;
    let timeline = timeline(&mut conn, case_id, &statement, &files)
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
        objection,
        receipts,
        plan,
        deferral,
        timeline,
    })
}

/// Every request, status change and payment, newest first. Payments come from the
/// statement, so the timeline and the figures never disagree.
pub async fn timeline(
    conn: &mut sqlx::AnyConnection,
    case_id: &str,
    statement: &crate::domain::Statement,
    files: &[crate::api::case::UploadInfo],
) -> Result<Vec<TimelineEntry>, sqlx::Error> {
    let mut entries: Vec<TimelineEntry> = statement
        .payments
        .iter()
        .map(|p| TimelineEntry {
            date: p.payment.date,
            event: TimelineEvent::PaymentReceived {
                amount: p.payment.amount,
            },
        })
        .collect();
    for row in sqlx::query("SELECT paid_on, amount_ore FROM payment_notices WHERE case_id = $1")
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?
    {
        entries.push(TimelineEntry {
            date: db::parse_date(&row.try_get::<String, _>("paid_on")?)?,
            event: TimelineEvent::PaymentReported {
                amount: Nok::from_ore(row.try_get("amount_ore")?),
            },
        });
    }
    for row in sqlx::query(
        "SELECT kind, reference, status, created_on, due_on FROM case_tasks WHERE case_id = $1",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?
    {
        let kind: String = row.try_get("kind")?;
        let date = db::parse_date(&row.try_get::<String, _>("created_on")?)?;
        if kind == OBJECTION {
            entries.push(TimelineEntry {
                date,
                event: TimelineEvent::CollectionStopped,
            });
        }
        entries.push(TimelineEntry {
            date,
            event: TimelineEvent::Request {
                kind,
                reference: row.try_get("reference")?,
                status: row.try_get("status")?,
                due_on: db::parse_date(&row.try_get::<String, _>("due_on")?)?,
            },
        });
    }
    entries.extend(files.iter().map(|f| TimelineEntry {
        date: f.sent_on,
        event: TimelineEvent::FileSent {
            file_name: f.file_name.clone(),
            size_bytes: f.size_bytes,
        },
    }));
    // Newest first; on one day, what the debtor did before what followed from it.
    entries.sort_by_key(|e| {
        let order = match e.event {
            TimelineEvent::CollectionStopped => 0,
            TimelineEvent::Request { .. } => 1,
            TimelineEvent::FileSent { .. } => 2,
            TimelineEvent::PaymentReported { .. } => 3,
            TimelineEvent::PaymentReceived { .. } => 4,
        };
        (std::cmp::Reverse(e.date), order)
    });
    Ok(entries)
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
    let task = tasks::open_request(
        &mut tx,
        case_id,
        INVOICE_COPY,
        state.today(),
        &serde_json::json!({}),
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

/// The key a form carries so that sending it twice is one request: letters, digits and '-'.
pub(crate) fn submission_id(raw: &str) -> Result<&str, AppError> {
    let id = raw.trim();
    if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(AppError::Invalid(t().form_reload.to_string()));
    }
    Ok(id)
}

/// Whether a form with this submission id is stored already; `exists` is the query that
/// asks, with the id as `$1`.
pub(crate) async fn already_stored(
    state: &AppState,
    exists: &'static str,
    submission_id: &str,
) -> Result<bool, AppError> {
    Ok(sqlx::query(exists)
        .bind(submission_id)
        .fetch_optional(&state.pool)
        .await
        .map_err(AppError::internal)?
        .is_some())
}

/// After the insert of a form's row failed and its transaction was rolled back: the same
/// form sent twice at once is a repeat (the other request stored it); anything else fails.
pub(crate) async fn repeat_or_fail(
    state: &AppState,
    exists: &'static str,
    submission_id: &str,
    insert_error: sqlx::Error,
) -> Result<Registered, AppError> {
    if already_stored(state, exists, submission_id).await? {
        Ok(Registered::Repeat)
    } else {
        Err(AppError::internal(insert_error))
    }
}

/// A request sent: stored now, or found stored by an earlier send of the same form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Registered {
    New,
    Repeat,
}

/// The objection form as posted.
pub struct ObjectionForm {
    pub submission_id: String,
    pub reason: String,
    pub explanation: String,
    pub done_so_far: String,
    pub contacted_seller: String,
    pub contacted_on: String,
    pub contact_outcome: String,
}

const OBJECTION: &str = "objection";
const OBJECTION_STORED: &str = "SELECT 1 FROM objections WHERE submission_id = $1";

/// Why an objection was not registered: the form's content, or anything else.
#[derive(Debug)]
pub enum ObjectionFailure {
    Form(crate::domain::objection::ObjectionError),
    Files(crate::domain::upload::UploadError),
    App(AppError),
}

impl From<AppError> for ObjectionFailure {
    fn from(e: AppError) -> Self {
        ObjectionFailure::App(e)
    }
}

/// Store the objection, stop collection (status 'objection'), open a task due in 14 days and
/// audit it, all in one transaction. The same form sent again (double click, refresh, retry)
/// is the same objection.
pub async fn register_objection(
    state: &AppState,
    case_id: &str,
    requested: &str,
    form: ObjectionForm,
    files: &[super::uploads::StoredFile],
) -> Result<Registered, ObjectionFailure> {
    use crate::domain::objection::parse_objection;
    own_case(state, case_id, requested).await?;
    let submission_id = submission_id(&form.submission_id)?;
    let objection = parse_objection(
        &form.reason,
        &form.explanation,
        &form.done_so_far,
        &form.contacted_seller,
        &form.contacted_on,
        &form.contact_outcome,
        state.today(),
    )
    .map_err(ObjectionFailure::Form)?;
    crate::domain::upload::check_count(files.len(), false).map_err(ObjectionFailure::Files)?;

    if already_stored(state, OBJECTION_STORED, submission_id).await? {
        return Ok(Registered::Repeat);
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let objection_id = uuid::Uuid::new_v4().to_string();
    let mut tx = state.pool.begin().await.map_err(AppError::internal)?;
    let task = tasks::create(
        &mut tx,
        case_id,
        OBJECTION,
        state.today(),
        &serde_json::json!({ "reason": objection.reason.as_str() }),
    )
    .await
    .map_err(AppError::internal)?;
    let inserted = sqlx::query(
        "INSERT INTO objections (id, case_id, submission_id, submitted_at, reason, explanation, done_so_far, \
         contacted_seller, contacted_on, contact_outcome, task_reference) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&objection_id)
    .bind(case_id)
    .bind(submission_id)
    .bind(&now)
    .bind(objection.reason.as_str())
    .bind(&objection.explanation)
    .bind(&objection.done_so_far)
    .bind(i64::from(objection.contacted_seller))
    .bind(objection.contacted_on.map(|d| d.to_string()))
    .bind(&objection.contact_outcome)
    .bind(&task.reference)
    .execute(&mut *tx)
    .await;
    if let Err(e) = inserted {
        // The same form, sent twice at once: the other request stored it.
        tx.rollback().await.map_err(AppError::internal)?;
        return Ok(repeat_or_fail(state, OBJECTION_STORED, submission_id, e).await?);
    }
    super::uploads::record(
        &mut tx,
        case_id,
        OBJECTION,
        &objection_id,
        files,
        &now,
        state.today(),
    )
    .await
    .map_err(AppError::internal)?;
    sqlx::query("UPDATE cases SET status = 'objection', updated_at = $2 WHERE id = $1")
        .bind(case_id)
        .bind(&now)
        .execute(&mut *tx)
        .await
        .map_err(AppError::internal)?;
    audit::record(
        &mut *tx,
        "debtor",
        "objection.registered",
        Some(case_id),
        &serde_json::json!({
            "reference": task.reference,
            "reason": objection.reason.as_str(),
            "files": super::uploads::audit_list(files),
        }),
    )
    .await
    .map_err(AppError::internal)?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(Registered::New)
}

/// The latest objection on the case, with its task's answer date.
pub async fn latest_objection(
    conn: &mut sqlx::AnyConnection,
    case_id: &str,
    files: &[crate::api::case::UploadInfo],
) -> Result<Option<crate::api::objection::ObjectionInfo>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT o.id, o.task_reference, t.created_on, t.due_on FROM objections o \
         JOIN case_tasks t ON t.reference = o.task_reference \
         WHERE o.case_id = $1 ORDER BY o.submitted_at DESC LIMIT 1",
    )
    .bind(case_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        let id: String = row.try_get("id")?;
        Ok(crate::api::objection::ObjectionInfo {
            files: files
                .iter()
                .filter(|f| f.owner_kind == OBJECTION && f.owner_id == id)
                .cloned()
                .collect(),
            reference: row.try_get("task_reference")?,
            submitted_on: db::parse_date(&row.try_get::<String, _>("created_on")?)?,
            answer_by: db::parse_date(&row.try_get::<String, _>("due_on")?)?,
        })
    })
    .transpose()
}
