//! Demo data beyond the case file, for `make run`: a conversation already going on one case,
//! so that both sides of the chat show something at once. Written through the same tables
//! and task rules as a real conversation; does nothing on a case that has messages.

use app::domain::chat::Sender;
use app::domain::{CaseNumber, SubmissionId, TaskKind, Username};
use app::server::db::{self, messages::NewMessage};
use app::server::{chat, tasks};
use chrono::{Duration, NaiveDate, Utc};
use sqlx::AnyPool;

/// One message of the demo conversation: who, how long ago, and what.
struct Line {
    sender: Sender,
    hours_ago: i64,
    body: &'static str,
}

const LINES: [Line; 3] = [
    Line {
        sender: Sender::Debtor,
        hours_ago: 50,
        body: "Hei! Jeg har betalt en del av kravet fra Elkjøp. Hvor mye gjenstår nå, og kan jeg betale resten etter lønning?",
    },
    Line {
        sender: Sender::Agency,
        hours_ago: 26,
        body: "Hei Kari! Vi har registrert innbetalingen din. Det som gjenstår i dag ser du øverst i saken. Du kan selv utsette betalingen under «Jeg trenger mer tid».",
    },
    Line {
        sender: Sender::Debtor,
        hours_ago: 2,
        body: "Takk! Jeg har lagt inn en utsettelse. Får jeg en bekreftelse på e-post også?",
    },
];

/// Seed the demo conversation on `case_number`, answered by the staff account `username`,
/// unless the case has messages. `today` is the app's day (the demo's fixed date, if set).
pub async fn conversation(
    pool: &AnyPool,
    case_number: &str,
    username: &str,
    today: NaiveDate,
) -> Result<(), String> {
    let e = |e: sqlx::Error| e.to_string();
    let number = CaseNumber::parse(case_number)
        .map_err(|_| format!("ugyldig saksnummer «{case_number}»"))?;
    let case = db::cases::find_by_number(pool, &number)
        .await
        .map_err(e)?
        .ok_or_else(|| format!("ingen sak {number}"))?;
    let username =
        Username::parse(username).map_err(|_| format!("ugyldig brukernavn «{username}»"))?;
    let staff = db::staff::by_username(pool, &username)
        .await
        .map_err(e)?
        .ok_or_else(|| format!("ingen konto {username}"))?;
    let mut tx = pool.begin().await.map_err(e)?;
    if !db::messages::page(&mut tx, &case.id, None, 1)
        .await
        .map_err(e)?
        .is_empty()
    {
        println!("Sak {number} har meldinger fra før.");
        return Ok(());
    }
    let rules = chat::rules(&mut tx, today).await.map_err(e)?;
    let first_name = staff
        .full_name
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    for (n, line) in LINES.iter().enumerate() {
        let at = Utc::now() - Duration::hours(line.hours_ago);
        let on = today - Duration::days(line.hours_ago / 24);
        let now = at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let id = db::new_id();
        let submission = SubmissionId::parse(&format!("demo-{n}")).map_err(|e| e.to_string())?;
        let debtor = line.sender == Sender::Debtor;
        let message = NewMessage {
            id: &id,
            sender: line.sender,
            staff_id: (!debtor).then_some(staff.id.as_str()),
            author: if debtor { "" } else { &first_name },
            topic: None,
            body: line.body,
            submission: &submission,
            now: &now,
            today: on,
            answer_by: debtor.then(|| rules.answer_by(on)),
        };
        db::messages::insert(&mut tx, &case.id, &message)
            .await
            .map_err(e)?;
        if debtor {
            let detail = serde_json::json!({ "topic": null });
            let due = rules.answer_by(on);
            tasks::create_due(&mut tx, &case.id, TaskKind::Message, on, due, &detail)
                .await
                .map_err(e)?;
        } else {
            db::messages::mark_answered(&mut tx, &case.id, &now)
                .await
                .map_err(e)?;
            db::messages::mark_read(&mut tx, &case.id, Sender::Debtor, &now)
                .await
                .map_err(e)?;
            db::tasks::answer_open(&mut tx, &case.id, TaskKind::Message, &staff.id, &now, on)
                .await
                .map_err(e)?;
        }
    }
    tx.commit().await.map_err(e)?;
    println!("Sak {number}: en samtale i gang (3 meldinger, den siste ubesvart).");
    Ok(())
}
