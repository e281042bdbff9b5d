//! The inbox: open tasks across all cases, by due date, filtered and paged on indexes.

use super::IsoDate;
use crate::domain::inbox::{InboxAssignee, InboxFilter, InboxStatus};
use crate::domain::{CaseNumber, TaskKind, Username};
use chrono::NaiveDate;
use sqlx::{AnyPool, AssertSqlSafe, Row};

/// Rows a page holds.
pub const PAGE_SIZE: usize = 50;

#[derive(sqlx::FromRow)]
pub struct InboxRow {
    pub id: String,
    pub reference: String,
    #[sqlx(try_from = "String")]
    pub kind: TaskKind,
    #[sqlx(try_from = "String")]
    pub case_number: CaseNumber,
    pub debtor_name: String,
    #[sqlx(try_from = "IsoDate")]
    pub created_on: NaiveDate,
    #[sqlx(try_from = "IsoDate")]
    pub due_on: NaiveDate,
    pub waiting_until: Option<String>,
    pub assignee: Option<String>,
    /// The debtor's messages on the case that no handler has opened.
    #[sqlx(try_from = "i64")]
    pub unread_messages: u32,
}

impl InboxRow {
    pub fn assignee(&self) -> Option<Username> {
        self.assignee
            .as_deref()
            .and_then(|a| Username::parse(a).ok())
    }

    pub fn waiting_until(&self) -> Option<NaiveDate> {
        self.waiting_until.as_deref().and_then(|d| d.parse().ok())
    }
}

/// The WHERE clause of a filter and its text arguments ($1 … in order), without the kind
/// and paging when `for_counts`.
fn conditions(
    filter: &InboxFilter,
    me: &str,
    today: NaiveDate,
    for_counts: bool,
) -> (String, Vec<String>) {
    let mut args: Vec<String> = Vec::new();
    let mut arg = |value: String| {
        args.push(value);
        format!("${}", args.len())
    };
    let today = today.to_string();
    let mut sql = match filter.status {
        InboxStatus::Open => format!(
            "t.status = 'open' AND (t.waiting_until IS NULL OR t.waiting_until <= {})",
            arg(today.clone())
        ),
        InboxStatus::Waiting => format!(
            "t.status = 'open' AND t.waiting_until > {}",
            arg(today.clone())
        ),
        InboxStatus::Done => "t.status IN ('answered', 'closed')".to_string(),
    };
    match filter.assignee {
        InboxAssignee::All => {}
        InboxAssignee::Mine => sql += &format!(" AND t.assignee_id = {}", arg(me.to_string())),
        InboxAssignee::Unassigned => sql += " AND t.assignee_id IS NULL",
    }
    if filter.overdue_only {
        sql += &format!(" AND t.due_on < {}", arg(today));
    }
    if !for_counts {
        if let Some(kind) = filter.kind {
            sql += &format!(" AND t.kind = {}", arg(kind.as_str().to_string()));
        }
        if let Some((due, id)) = &filter.after {
            let due = arg(due.to_string());
            let id = arg(id.clone());
            sql += &format!(" AND (t.due_on > {due} OR (t.due_on = {due} AND t.id > {id}))");
        }
    }
    (sql, args)
}

/// One page of the inbox, and whether another follows.
pub async fn page(
    pool: &AnyPool,
    filter: &InboxFilter,
    me: &str,
    today: NaiveDate,
) -> sqlx::Result<(Vec<InboxRow>, bool)> {
    let (conditions, args) = conditions(filter, me, today, false);
    let sql = format!(
        "SELECT t.id, t.reference, t.kind, c.case_number, d.name AS debtor_name, t.created_on, \
         t.due_on, t.waiting_until, s.username AS assignee, \
         (SELECT COUNT(*) FROM messages m WHERE m.case_id = t.case_id AND m.sender = 'debtor' \
          AND m.read_at IS NULL) AS unread_messages \
         FROM case_tasks t JOIN cases c ON c.id = t.case_id JOIN debtors d ON d.id = c.debtor_id \
         LEFT JOIN staff_accounts s ON s.id = t.assignee_id \
         WHERE {conditions} ORDER BY t.due_on, t.id LIMIT {}",
        PAGE_SIZE + 1
    );
    let mut query = sqlx::query_as::<_, InboxRow>(AssertSqlSafe(sql));
    for a in args {
        query = query.bind(a);
    }
    let mut rows = query.fetch_all(pool).await?;
    let more = rows.len() > PAGE_SIZE;
    rows.truncate(PAGE_SIZE);
    Ok((rows, more))
}

/// How many tasks of each kind the filter (whatever its kind and page) matches.
pub async fn counts(
    pool: &AnyPool,
    filter: &InboxFilter,
    me: &str,
    today: NaiveDate,
) -> sqlx::Result<Vec<(TaskKind, i64)>> {
    let (conditions, args) = conditions(filter, me, today, true);
    let sql = format!(
        "SELECT t.kind, COUNT(*) AS n FROM case_tasks t WHERE {conditions} GROUP BY t.kind"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for a in args {
        query = query.bind(a);
    }
    let mut counts = Vec::new();
    for row in query.fetch_all(pool).await? {
        let kind: String = row.try_get("kind")?;
        // A kind this version does not know is left out of the counts, not an error.
        if let Some(kind) = TaskKind::parse(&kind) {
            counts.push((kind, row.try_get("n")?));
        }
    }
    counts.sort();
    Ok(counts)
}

/// Who works on an open task now, if anyone: the username.
pub enum Assigned {
    ToYou,
    ToOther(String),
    NoSuchTask,
}

/// Let an open task wait until `until`, if it is still at `version`; returns whether it was.
pub async fn wait_until(
    pool: &AnyPool,
    task_id: &str,
    version: i64,
    until: NaiveDate,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE case_tasks SET waiting_until = $3, version = version + 1 \
         WHERE id = $1 AND version = $2 AND status = 'open'",
    )
    .bind(task_id)
    .bind(version)
    .bind(until.to_string())
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Take an open task, unless another handler has it.
pub async fn assign_to(pool: &AnyPool, task_id: &str, staff_id: &str) -> sqlx::Result<Assigned> {
    let taken = sqlx::query(
        "UPDATE case_tasks SET assignee_id = $2, version = version + 1 \
         WHERE id = $1 AND status = 'open' AND assignee_id IS NULL",
    )
    .bind(task_id)
    .bind(staff_id)
    .execute(pool)
    .await?
    .rows_affected();
    if taken == 1 {
        return Ok(Assigned::ToYou);
    }
    let holder = sqlx::query(
        "SELECT t.assignee_id, s.username FROM case_tasks t \
         LEFT JOIN staff_accounts s ON s.id = t.assignee_id WHERE t.id = $1 AND t.status = 'open'",
    )
    .bind(task_id)
    .fetch_optional(pool)
    .await?;
    Ok(match holder {
        None => Assigned::NoSuchTask,
        Some(row) => {
            let id: Option<String> = row.try_get("assignee_id")?;
            let name: Option<String> = row.try_get("username")?;
            match id {
                Some(id) if id == staff_id => Assigned::ToYou,
                _ => Assigned::ToOther(name.unwrap_or_default()),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_filter_becomes_conditions_with_numbered_arguments() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let filter = InboxFilter {
            kind: Some(TaskKind::Receipt),
            assignee: InboxAssignee::Mine,
            overdue_only: true,
            after: Some((today, "t9".into())),
            ..InboxFilter::default()
        };
        let (sql, args) = conditions(&filter, "me", today, false);
        assert_eq!(
            sql,
            "t.status = 'open' AND (t.waiting_until IS NULL OR t.waiting_until <= $1) \
             AND t.assignee_id = $2 AND t.due_on < $3 AND t.kind = $4 \
             AND (t.due_on > $5 OR (t.due_on = $5 AND t.id > $6))"
        );
        assert_eq!(
            args,
            [
                "2026-12-01",
                "me",
                "2026-12-01",
                "receipt",
                "2026-12-01",
                "t9"
            ]
        );
        let (sql, args) = conditions(&filter, "me", today, true);
        assert!(!sql.contains("t.kind") && !sql.contains("t.id >"), "{sql}");
        assert_eq!(args.len(), 3);
    }
}
