//! The inbox with 100 000 open tasks: a page, a filtered page and the counts stay fast on
//! both databases. Figures for the notes (`make bench` runs these with `--ignored`); not
//! part of `make test`, which has no time to fill two databases this large.

use crate::helpers::*;
use app::domain::inbox::{InboxAssignee, InboxFilter};
use app::domain::TaskKind;
use std::time::{Duration, Instant};

const CASES: usize = 20_000;

/// 20 000 cases with one open task of each kind a case may have.
async fn fill(db: &TestDb) {
    // The kinds a case's task has (a payment from the bank is kept apart).
    let kinds: Vec<TaskKind> = TaskKind::ALL
        .into_iter()
        .filter(|k| *k != TaskKind::UnmatchedPayment)
        .collect();
    let tasks = |i: usize| -> Vec<String> {
        kinds
            .iter()
            .enumerate()
            .map(|(j, kind)| {
                let day = 1 + (i * 7 + j * 3) % 28;
                format!(
                    "('t{i}-{j}', '{}', '{}', 'open', 'R{i}-{j}', '2026-11-01T00:00:00Z', '2026-11-{day:02}', '2026-12-{day:02}', '{{}}')",
                    bulk_case_id(i),
                    kind.as_str()
                )
            })
            .collect()
    };
    let columns = "id, case_id, kind, status, reference, created_at, created_on, due_on, detail";
    fill_cases(
        db,
        CASES,
        |i| ((30_000_000 + i).to_string(), format!("kid{i}")),
        &[("case_tasks", columns, &tasks)],
    )
    .await;
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

async fn time_inbox(db: &TestDb) {
    let started = Instant::now();
    fill(db).await;
    eprintln!(
        "{}: 100 000 tasks written in {:?}",
        db.url.split(':').next().unwrap_or(""),
        started.elapsed()
    );
    let state = app_state(db);
    let filters = [
        ("first page", InboxFilter::default()),
        (
            "receipts, overdue",
            InboxFilter {
                kind: Some(TaskKind::Receipt),
                overdue_only: true,
                ..InboxFilter::default()
            },
        ),
        (
            "unassigned",
            InboxFilter {
                assignee: InboxAssignee::Unassigned,
                ..InboxFilter::default()
            },
        ),
        (
            "page 200",
            InboxFilter {
                after: Some((date("2026-12-14"), "t5000-0".into())),
                ..InboxFilter::default()
            },
        ),
    ];
    for (name, filter) in filters {
        let mut page_times = Vec::new();
        let mut count_times = Vec::new();
        let mut rows = 0;
        for _ in 0..20 {
            let t = Instant::now();
            let (page, _) =
                app::server::db::inbox::page(&db.pool, &filter, "nobody", date("2026-12-15"))
                    .await
                    .expect("page");
            page_times.push(t.elapsed());
            rows = page.len();
            let t = Instant::now();
            let counts =
                app::server::db::inbox::counts(&db.pool, &filter, "nobody", date("2026-12-15"))
                    .await
                    .expect("counts");
            count_times.push(t.elapsed());
            assert_eq!(counts.len(), 5);
        }
        assert_eq!(rows, app::server::db::inbox::PAGE_SIZE);
        eprintln!(
            "  {name}: page median {:?}, counts median {:?}",
            median(page_times),
            median(count_times)
        );
    }
    drop(state);
    // The whole answer, as the workspace's page asks for it: session, query, counts, JSON.
    let cookie = crate::staff::handler(db, "kari.behandler").await;
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let reply = crate::staff::post_json(
            db,
            "/behandler/api/inbox",
            crate::staff::OPEN_INBOX,
            Some(&cookie),
        )
        .await;
        times.push(t.elapsed());
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    eprintln!(
        "  /behandler/api/inbox, first page: median {:?}",
        median(times)
    );
}

#[tokio::test]
#[ignore = "figures for the notes: make bench"]
async fn inbox_with_100_000_tasks_on_sqlite() {
    let db = TestDb::sqlite().await;
    time_inbox(&db).await;
    db.cleanup().await;
}

#[tokio::test]
#[ignore = "figures for the notes: make bench"]
async fn inbox_with_100_000_tasks_on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    time_inbox(&db).await;
    db.cleanup().await;
}
