//! A case with its parties: reading it, the credentials a login checks, its status, and what
//! an import writes.

use super::{placeholders, Columns};
use crate::domain::party::{Debtor, DebtorKind};
use crate::domain::{CaseId, CaseNumber, CaseStatus, Kid};
use crate::i18n::Lang;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};

/// A case as the pages and letters need it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CaseRow {
    #[sqlx(try_from = "String")]
    pub id: CaseId,
    #[sqlx(try_from = "String")]
    pub case_number: CaseNumber,
    #[sqlx(try_from = "String")]
    pub status: CaseStatus,
    #[sqlx(try_from = "String")]
    pub kid: Kid,
    pub creditor_name: String,
    pub debtor_name: String,
    /// The language the debtor chose; bokmål until they choose.
    #[sqlx(try_from = "String")]
    pub language: Lang,
}

/// The case with its creditor's and debtor's names, selected by the given condition.
macro_rules! case_select {
    ($condition:literal) => {
        concat!(
            "SELECT c.id, c.case_number, c.status, c.kid, cr.name AS creditor_name, d.name AS debtor_name, c.language \
             FROM cases c JOIN creditors cr ON cr.id = c.creditor_id JOIN debtors d ON d.id = c.debtor_id WHERE ",
            $condition
        )
    };
}

pub async fn find_by_number(
    pool: &AnyPool,
    case_number: &CaseNumber,
) -> sqlx::Result<Option<CaseRow>> {
    sqlx::query_as(case_select!("c.case_number = $1"))
        .bind(case_number.as_str())
        .fetch_optional(pool)
        .await
}

pub async fn find_by_id(pool: &AnyPool, id: &CaseId) -> sqlx::Result<Option<CaseRow>> {
    sqlx::query_as(case_select!("c.id = $1"))
        .bind(id.as_str())
        .fetch_optional(pool)
        .await
}

/// What a login checks a code against. Not `Serialize`, and never logged: it holds the hash.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    #[sqlx(try_from = "String")]
    pub id: CaseId,
    #[sqlx(try_from = "String")]
    pub case_number: CaseNumber,
    pub access_code_hash: String,
}

pub async fn credentials(
    pool: &AnyPool,
    case_number: &CaseNumber,
) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as("SELECT id, case_number, access_code_hash FROM cases WHERE case_number = $1")
        .bind(case_number.as_str())
        .fetch_optional(pool)
        .await
}

/// Move a case to `status`, but only from one of `from`; in the caller's transaction.
/// Returns whether it moved.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: &CaseId,
    status: CaseStatus,
    from: &[CaseStatus],
    now: &str,
) -> sqlx::Result<bool> {
    if from.is_empty() {
        return Ok(false);
    }
    // Placeholders only are built here; every value is bound.
    let sql = format!(
        "UPDATE cases SET status = $2, updated_at = $3 WHERE id = $1 AND status <> $2 AND status IN ({})",
        placeholders(4, from.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(sql))
        .bind(id.as_str())
        .bind(status.as_str())
        .bind(now);
    for s in from {
        query = query.bind(s.as_str());
    }
    Ok(query.execute(&mut *conn).await?.rows_affected() == 1)
}

/// A case's status now.
pub async fn status(conn: &mut AnyConnection, id: &CaseId) -> sqlx::Result<Option<CaseStatus>> {
    let row = sqlx::query("SELECT status FROM cases WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(conn)
        .await?;
    row.map(|r| r.parsed::<CaseStatus>("status")).transpose()
}

/// How many cases there are.
pub async fn count(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query("SELECT COUNT(*) AS n FROM cases")
        .fetch_one(pool)
        .await?
        .try_get("n")
}

/// The case number of another case that has this KID already.
pub async fn kid_taken_by(
    pool: &AnyPool,
    kid: &Kid,
    except: &CaseNumber,
) -> sqlx::Result<Option<String>> {
    sqlx::query("SELECT case_number FROM cases WHERE kid = $1 AND case_number <> $2")
        .bind(kid.as_str())
        .bind(except.as_str())
        .fetch_optional(pool)
        .await?
        .map(|row| row.try_get("case_number"))
        .transpose()
}

/// What an import compares a case in the file with.
pub struct StoredCase {
    pub id: CaseId,
    pub debtor_id: String,
    pub creditor_id: String,
    pub kid: Kid,
    pub access_code_hash: String,
    pub debtor: Debtor,
}

pub async fn stored_for_import(
    conn: &mut AnyConnection,
    case_number: &CaseNumber,
) -> sqlx::Result<Option<StoredCase>> {
    let row = sqlx::query(
        "SELECT c.id, c.debtor_id, c.creditor_id, c.kid, c.access_code_hash, \
         d.kind, d.name, d.email, d.phone, d.street, d.postal_code, d.city \
         FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE c.case_number = $1",
    )
    .bind(case_number.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        let kind: String = row.try_get("kind")?;
        Ok(StoredCase {
            id: row.parsed("id")?,
            debtor_id: row.try_get("debtor_id")?,
            creditor_id: row.try_get("creditor_id")?,
            kid: row.parsed("kid")?,
            access_code_hash: row.try_get("access_code_hash")?,
            debtor: Debtor {
                kind: DebtorKind::parse(&kind)
                    .ok_or_else(|| sqlx::Error::Decode(format!("debtor kind {kind:?}").into()))?,
                name: row.try_get("name")?,
                email: row.try_get("email")?,
                phone: row.try_get("phone")?,
                street: row.try_get("street")?,
                postal_code: row.try_get("postal_code")?,
                city: row.try_get("city")?,
            },
        })
    })
    .transpose()
}

/// The stored access code hash of a case, to keep it when the code has not changed.
pub async fn access_code_hash(
    pool: &AnyPool,
    case_number: &CaseNumber,
) -> sqlx::Result<Option<String>> {
    sqlx::query("SELECT access_code_hash FROM cases WHERE case_number = $1")
        .bind(case_number.as_str())
        .fetch_optional(pool)
        .await?
        .map(|row| row.try_get("access_code_hash"))
        .transpose()
}

/// A new case as an import writes it.
pub struct NewCase<'a> {
    pub id: &'a CaseId,
    pub case_number: &'a CaseNumber,
    pub creditor_id: &'a str,
    pub kid: &'a Kid,
    pub access_code_hash: &'a str,
}

/// A new case and its debtor, active, in the caller's transaction.
pub async fn insert(
    conn: &mut AnyConnection,
    case: &NewCase<'_>,
    debtor: &Debtor,
    now: &str,
) -> sqlx::Result<()> {
    let debtor_id = super::new_id();
    bind_debtor(
        sqlx::query(
            "INSERT INTO debtors (id, kind, name, email, phone, street, postal_code, city) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        ),
        &debtor_id,
        debtor,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO cases (id, case_number, creditor_id, debtor_id, status, kid, access_code_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(case.id.as_str())
    .bind(case.case_number.as_str())
    .bind(case.creditor_id)
    .bind(&debtor_id)
    .bind(CaseStatus::Active.as_str())
    .bind(case.kid.as_str())
    .bind(case.access_code_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The creditor, KID and code hash of a case an import changed.
pub async fn update_core(conn: &mut AnyConnection, case: &NewCase<'_>) -> sqlx::Result<()> {
    sqlx::query("UPDATE cases SET creditor_id = $2, kid = $3, access_code_hash = $4 WHERE id = $1")
        .bind(case.id.as_str())
        .bind(case.creditor_id)
        .bind(case.kid.as_str())
        .bind(case.access_code_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn update_debtor(
    conn: &mut AnyConnection,
    debtor_id: &str,
    debtor: &Debtor,
) -> sqlx::Result<()> {
    bind_debtor(
        sqlx::query(
            "UPDATE debtors SET kind = $2, name = $3, email = $4, phone = $5, street = $6, \
             postal_code = $7, city = $8 WHERE id = $1",
        ),
        debtor_id,
        debtor,
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn bind_debtor<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    id: &'q str,
    d: &'q Debtor,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    query
        .bind(id)
        .bind(d.kind.as_str())
        .bind(&d.name)
        .bind(&d.email)
        .bind(&d.phone)
        .bind(&d.street)
        .bind(&d.postal_code)
        .bind(&d.city)
}

/// Note that a case changed.
pub async fn touch(conn: &mut AnyConnection, id: &CaseId, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE cases SET updated_at = $2 WHERE id = $1")
        .bind(id.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Keep the language the debtor chose on their case.
pub async fn set_language(pool: &AnyPool, id: &CaseId, lang: Lang) -> sqlx::Result<()> {
    sqlx::query("UPDATE cases SET language = $2 WHERE id = $1")
        .bind(id.as_str())
        .bind(lang.code())
        .execute(pool)
        .await?;
    Ok(())
}
