//! The conversation of a case: a debtor's message is stored once, opens a task due in a week
//! that the agency's answer closes; read markers and unread counts on both sides; bad input
//! refused with its Norwegian text; the limit per ten minutes; paging through 10 000
//! messages; nobody reads another's conversation; and the change streams, in one process on
//! SQLite and across two app instances on PostgreSQL.

use crate::helpers::*;
use crate::staff::{handler, post_json, staff_member, OPEN_INBOX};
use crate::uploads::{file, json, pdf};
use http_body_util::BodyExt;
use std::time::Duration;

const SEND: &str = "/sak/20250002/meldinger/send";

fn message<'a>(submission_id: &'a str, body: &'a str) -> Vec<Part<'a>> {
    vec![
        Part::Text("submission_id", submission_id),
        Part::Text("topic", "faktura"),
        Part::Text("body", body),
    ]
}

async fn conversation(debtor: &Browser<'_>, before: &str) -> serde_json::Value {
    let reply = debtor
        .post(
            "/api/conversation",
            &[("case_number", "20250002"), ("before", before)],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    json(&reply.body)
}

async fn staff_conversation(db: &TestDb, cookie: &str, before: &str) -> serde_json::Value {
    let body = format!(r#"{{"case_number":"20250002","before":"{before}"}}"#);
    let reply = post_json(db, "/behandler/api/conversation", &body, Some(cookie)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    json(&reply.body)
}

async fn reply_as(db: &TestDb, cookie: &str, submission_id: &str, body: &str) -> Reply {
    post(
        db,
        "/behandler/api/reply",
        &[
            ("case_number", "20250002"),
            ("submission_id", submission_id),
            ("body", body),
        ],
        Some(cookie),
    )
    .await
}

async fn a_message_opens_a_task_due_in_a_week_and_the_answer_closes_it(db: &TestDb) {
    import_demo(db).await;
    let debtor = logged_in(db, "20250002", "482915").await;
    let first = message("m-1", "Jeg har ikke fått fakturaen fra Elkjøp.");
    let sent = debtor.post_files(SEND, &first, true).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(
        json(&sent.body)["redirect"],
        "/sak/20250002/meldinger#siste"
    );
    // A double click: still one message.
    let again = debtor.post_files(SEND, &first, true).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM messages").await, 1);
    // Sent on Tuesday 24 November 2026: answered by Tuesday 1 December, a week on.
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM case_tasks WHERE kind = 'message' AND status = 'open' AND due_on = '2026-12-01'"
        )
        .await,
        1
    );

    // A second message with a file joins the same task.
    let bytes = pdf();
    let mut second = message("m-2", "Her er brevet jeg fikk.");
    second.push(file("brev.pdf", "application/pdf", &bytes));
    let sent = debtor.post_files(SEND, &second, true).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM case_tasks WHERE kind = 'message'").await,
        1
    );
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM uploads WHERE owner_kind = 'message'"
        )
        .await,
        1
    );

    let c = conversation(&debtor, "").await;
    let messages = c["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 2);
    assert_eq!(
        messages[0]["body"],
        "Jeg har ikke fått fakturaen fra Elkjøp."
    );
    assert_eq!(messages[0]["topic"], "faktura");
    assert_eq!(messages[0]["sender"], "debtor");
    assert_eq!(messages[0]["answer_by"], "2026-12-01");
    assert_eq!(messages[1]["files"][0]["file_name"], "brev.pdf");
    assert_eq!(messages[1]["read_at"], serde_json::Value::Null);

    // The handler opens it: two unread, then read, and the debtor sees when.
    let staff = handler(db, "kari.behandler").await;
    let inbox = post_json(db, "/behandler/api/inbox", OPEN_INBOX, Some(&staff)).await;
    let item = json(&inbox.body)["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["kind"] == "message")
        .cloned()
        .expect("the message task in the inbox");
    assert_eq!(item["due_on"], "2026-12-01");
    assert_eq!(item["unread_messages"], 2);
    let seen = staff_conversation(db, &staff, "").await;
    assert_eq!(seen["unread"], 2);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM messages WHERE sender = 'debtor' AND read_at IS NULL"
        )
        .await,
        0
    );
    let c = conversation(&debtor, "").await;
    assert!(c["messages"][1]["read_at"].is_string(), "{c}");

    // The answer: stored once, the task closed, the debtor's messages answered.
    let answer = "Hei! Vi sender deg en kopi av fakturaen i dag.";
    let replied = reply_as(db, &staff, "r-1", answer).await;
    assert_eq!(replied.status, 200, "{}", replied.body);
    let replied = reply_as(db, &staff, "r-1", answer).await;
    assert_eq!(replied.status, 200, "{}", replied.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM messages").await, 3);
    assert_eq!(open_tasks(db, "message").await, 0);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM messages WHERE sender = 'debtor' AND answered_at IS NULL"
        )
        .await,
        0
    );
    // The debtor's page: one new message, from the handler by first name, and no date
    // promised any more.
    assert_eq!(debtor.overview("20250002").await["unread_messages"], 1);
    let c = conversation(&debtor, "").await;
    let messages = c["messages"].as_array().expect("messages");
    assert_eq!(messages[2]["sender"], "agency");
    assert_eq!(messages[2]["author"], "Kari");
    assert_eq!(messages[2]["body"], answer);
    assert_eq!(messages[0]["answer_by"], serde_json::Value::Null);
    assert_eq!(debtor.overview("20250002").await["unread_messages"], 0);
    // The handler sees that the debtor has read the answer.
    let seen = staff_conversation(db, &staff, "").await;
    assert!(
        seen["conversation"]["messages"][2]["read_at"].is_string(),
        "{seen}"
    );
    // A new message opens a new task.
    let sent = debtor
        .post_files(SEND, &message("m-3", "Takk!"), true)
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(open_tasks(db, "message").await, 1);
    assert_eq!(audited(db, "message.sent").await, 4);

    // Without JavaScript: the page shows the conversation, the form posts and redirects.
    let page = debtor.get("/sak/20250002/meldinger").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Hei! Vi sender deg en kopi"),
        "{}",
        page.body
    );
    let posted = debtor
        .post_files(SEND, &message("m-4", "Uten skript."), false)
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    assert_eq!(
        posted.header(axum::http::header::LOCATION),
        "/sak/20250002/meldinger#siste"
    );
}

async fn bad_messages_are_refused_with_their_norwegian_text_and_change_nothing(db: &TestDb) {
    import_demo(db).await;
    let debtor = logged_in(db, "20250002", "482915").await;
    let empty = debtor.post_files(SEND, &message("e-1", " \n "), true).await;
    expect_says(&empty, 400, "Skriv en melding");
    assert_eq!(json(&empty.body)["code"], "melding");
    let plain = debtor.post_files(SEND, &message("e-2", ""), false).await;
    assert_eq!(plain.status, 303);
    assert_eq!(
        plain.header(axum::http::header::LOCATION),
        "/sak/20250002/meldinger?feil=melding"
    );
    let long = "å".repeat(4001);
    let too_long = debtor.post_files(SEND, &message("e-3", &long), true).await;
    expect_says(&too_long, 400, "4000 tegn");
    let no_key = debtor
        .post_files(SEND, &[Part::Text("body", "Hei")], true)
        .await;
    assert_eq!(no_key.status, 400, "{}", no_key.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM messages").await, 0);
    assert_eq!(open_tasks(db, "message").await, 0);

    // Hostile text is kept as text: the page shows it, never runs it.
    let hostile =
        "<script>alert('x')</script> <a href=\"https://phish.example\">logg inn</a>\u{202e}gpj.exe";
    let sent = debtor
        .post_files(SEND, &message("h-1", hostile), true)
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let page = debtor.get("/sak/20250002/meldinger").await;
    assert!(!page.body.contains("<script>alert"), "{}", page.body);
    assert!(
        !page.body.contains("<a href=\"https://phish"),
        "{}",
        page.body
    );
    assert!(page.body.contains("&lt;script&gt;"), "{}", page.body);
    let stored: String = sqlx::query_scalar("SELECT body FROM messages")
        .fetch_one(&db.pool)
        .await
        .expect("the message");
    assert!(
        stored.starts_with("<script>alert('x')</script>"),
        "{stored}"
    );
    assert!(stored.ends_with("logg inn</a>gpj.exe"), "{stored}");

    // A handler's empty answer is refused too, and closes nothing.
    let staff = handler(db, "kari.behandler").await;
    let refused = reply_as(db, &staff, "r-1", "   ").await;
    expect_says(&refused, 400, "Skriv en melding");
    assert_eq!(open_tasks(db, "message").await, 1);
}

async fn the_twenty_first_message_in_ten_minutes_is_refused(db: &TestDb) {
    import_demo(db).await;
    let debtor = logged_in(db, "20250002", "482915").await;
    for n in 0..20 {
        let key = format!("burst-{n}");
        let sent = debtor.post_files(SEND, &message(&key, "Hei"), true).await;
        assert_eq!(sent.status, 200, "message {n}: {}", sent.body);
    }
    let refused = debtor
        .post_files(SEND, &message("burst-20", "Hei igjen"), true)
        .await;
    expect_says(&refused, 429, "mange meldinger");
    assert_eq!(json(&refused.body)["code"], "for-mange-meldinger");
    assert_eq!(count(db, "SELECT COUNT(*) FROM messages").await, 20);
}

async fn ten_thousand_messages_page_newest_first(db: &TestDb) {
    import_demo(db).await;
    let case_id: String = sqlx::query_scalar("SELECT id FROM cases WHERE case_number = '20250002'")
        .fetch_one(&db.pool)
        .await
        .expect("case");
    let mut tx = db.pool.begin().await.expect("tx");
    for n in 0..10_000u32 {
        let sender = if n % 2 == 0 { "debtor" } else { "agency" };
        let at = format!(
            "2026-11-{:02}T{:02}:{:02}:{:02}.000000Z",
            1 + n / 1440 % 20,
            n / 60 % 24,
            n % 60,
            n % 60
        );
        sqlx::query(
            "INSERT INTO messages (id, case_id, sender, author, body, submission_id, created_at, created_on) \
             VALUES ($1, $2, $3, '', $4, $5, $6, '2026-11-01')",
        )
        .bind(format!("00000000-0000-4000-8000-{n:012}"))
        .bind(&case_id)
        .bind(sender)
        .bind(format!("Melding {n}"))
        .bind(format!("bulk-{n}"))
        .bind(at)
        .execute(&mut *tx)
        .await
        .expect("insert");
    }
    tx.commit().await.expect("commit");
    let debtor = logged_in(db, "20250002", "482915").await;
    let started = std::time::Instant::now();
    let newest = conversation(&debtor, "").await;
    let took = started.elapsed();
    let messages = newest["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 30);
    // Oldest first on the page, and nothing on it older than what the next page holds.
    let times: Vec<&str> = messages
        .iter()
        .filter_map(|m| m["sent_at"].as_str())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    let older_id = newest["older_before"]
        .as_str()
        .expect("older ones")
        .to_string();
    assert_eq!(older_id, messages[0]["id"].as_str().expect("id"));
    let mut seen: std::collections::HashSet<String> = messages
        .iter()
        .filter_map(|m| m["id"].as_str().map(str::to_string))
        .collect();
    let mut before = older_id;
    for _ in 0..5 {
        let page = conversation(&debtor, &before).await;
        assert_eq!(page["is_older_page"], true);
        let ids: Vec<String> = page["messages"]
            .as_array()
            .expect("messages")
            .iter()
            .filter_map(|m| m["id"].as_str().map(str::to_string))
            .collect();
        assert_eq!(ids.len(), 30);
        for id in &ids {
            assert!(seen.insert(id.clone()), "{id} shown twice");
        }
        before = page["older_before"].as_str().expect("more").to_string();
    }
    assert!(
        took < Duration::from_secs(2),
        "the newest page took {took:?}"
    );
    eprintln!("10 000 messages: the newest page in {took:?}");
}

async fn nobody_reads_or_writes_another_debtors_conversation(db: &TestDb) {
    import_demo(db).await;
    let other = logged_in(db, "20250001", "739214").await;
    let read = other
        .post(
            "/api/conversation",
            &[("case_number", "20250002"), ("before", "")],
        )
        .await;
    assert_eq!(read.status, 404, "{}", read.body);
    let sent = other.post_files(SEND, &message("x-1", "Hei"), true).await;
    assert_eq!(sent.status, 404, "{}", sent.body);
    let stream = other.get("/sak/20250002/hendelser").await;
    assert_eq!(stream.status, 404);
    let none = get_with(db, "/sak/20250002/hendelser", None).await;
    assert_eq!(none.status, 401);
    // A debtor's session opens nothing of the workspace's conversation.
    let body = r#"{"case_number":"20250002","before":""}"#;
    let staff_read = post_json(db, "/behandler/api/conversation", body, Some(&other.cookie)).await;
    assert_eq!(staff_read.status, 404);
    let staff_stream = other.get("/behandler/sak/20250002/hendelser").await;
    assert_eq!(staff_stream.status, 404);
    let templates = post_json(db, "/behandler/api/templates", "{}", Some(&other.cookie)).await;
    assert_eq!(templates.status, 404);
    // A handler may not manage the saved replies; that is an admin's.
    let staff = handler(db, "kari.behandler").await;
    let templates = post_json(db, "/behandler/api/templates", "{}", Some(&staff)).await;
    assert_eq!(templates.status, 404);
    assert_eq!(count(db, "SELECT COUNT(*) FROM messages").await, 0);
}

/// The next event's `event:` and `data:` from a change stream, waiting at most `wait`;
/// keep-alive comments are passed over.
async fn next_event(body: &mut axum::body::Body, wait: Duration) -> Option<(String, String)> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let frame = tokio::time::timeout_at(deadline, body.frame())
            .await
            .ok()??
            .ok()?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().to_string())
        };
        if let (Some(event), Some(data)) = (field("event:"), field("data:")) {
            return Some((event, data));
        }
    }
}

async fn open_stream(app: &axum::Router, path: &str, cookie: &str) -> axum::body::Body {
    use tower::ServiceExt;
    let request = axum::http::Request::get(path)
        .header(axum::http::header::COOKIE, cookie)
        .header(axum::http::header::ACCEPT_ENCODING, "br, gzip")
        .body(axum::body::Body::empty())
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    assert_eq!(
        headers[axum::http::header::CONTENT_TYPE],
        "text/event-stream"
    );
    // Never compressed: each event must leave at once.
    assert!(headers.get(axum::http::header::CONTENT_ENCODING).is_none());
    response.into_body()
}

/// Two app instances over the same database, as two processes would be: on PostgreSQL the
/// signals go through NOTIFY, on SQLite through the signals table.
fn instances(db: &TestDb) -> (axum::Router, axum::Router) {
    (router(db), router(db))
}

async fn open_pages_hear_every_change_within_two_seconds(db: &TestDb) {
    import_demo(db).await;
    let (a, b) = instances(db);
    let debtor = logged_in(db, "20250002", "482915").await;
    let staff = handler(db, "kari.behandler").await;
    let mut debtor_stream = open_stream(&b, "/sak/20250002/hendelser", &debtor.cookie).await;
    let mut staff_stream = open_stream(&b, "/behandler/sak/20250002/hendelser", &staff).await;
    let mut other_stream = {
        let other = logged_in(db, "20250001", "739214").await;
        open_stream(&b, "/sak/20250001/hendelser", &other.cookie).await
    };
    // The instance's listener is up before the first signal is sent.
    tokio::time::sleep(Duration::from_millis(300)).await;

    // The debtor writes on instance A; both pages on instance B hear of it.
    let parts = message("live-1", "Er betalingen min kommet?");
    let sent = send_to(
        a.clone(),
        multipart_request(SEND, &parts, Some(&debtor.cookie), true),
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let two_seconds = Duration::from_secs(2);
    assert_eq!(
        next_event(&mut staff_stream, two_seconds).await,
        Some(("change".into(), "message".into()))
    );
    assert_eq!(
        next_event(&mut debtor_stream, two_seconds).await,
        Some(("change".into(), "message".into()))
    );

    // A handler writing is the workspace's business only.
    let typed = send_to(
        a.clone(),
        form_request(
            "/behandler/api/typing",
            &[("case_number", "20250002")],
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(typed.status, 200, "{}", typed.body);
    assert_eq!(
        next_event(&mut staff_stream, two_seconds).await,
        Some(("change".into(), "typing".into()))
    );

    // A decision on the case reaches the debtor's page as a change to the case.
    let answered = send_to(
        a.clone(),
        form_request(
            "/behandler/api/case_action",
            &[
                ("case_number", "20250002"),
                ("action", "hold"),
                ("reason", "Venter på kreditor."),
            ],
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    assert_eq!(
        next_event(&mut debtor_stream, two_seconds).await,
        Some(("change".into(), "case".into()))
    );
    // Another debtor's stream heard none of it.
    assert_eq!(
        next_event(&mut other_stream, Duration::from_millis(300)).await,
        None
    );
}

async fn a_stream_ends_soon_after_its_session(db: &TestDb) {
    import_demo(db).await;
    let app = router(db);
    let debtor = logged_in(db, "20250002", "482915").await;
    let mut stream = open_stream(&app, "/sak/20250002/hendelser", &debtor.cookie).await;
    let logout = debtor.post("/api/logout", &[]).await;
    assert!(logout.status < 400, "{}", logout.body);
    assert_eq!(
        next_event(&mut stream, Duration::from_secs(15)).await,
        Some(("ended".into(), "session".into()))
    );
}

async fn saved_replies_get_the_cases_figures_and_handlers_see_who_else_writes(db: &TestDb) {
    import_demo(db).await;
    let admin = staff_member(db, "anne.admin", app::domain::StaffRole::Admin).await;
    let add = |title: &'static str, body: &'static str| {
        let admin = admin.clone();
        async move {
            post(
                db,
                "/behandler/api/add_template",
                &[("title", title), ("body", body)],
                Some(&admin),
            )
            .await
        }
    };
    let added = add(
        "Betalingsinformasjon",
        "I dag skylder du {belop}. Betal til konto {kontonummer} med KID {kid} (sak {saksnummer}).",
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    expect_says(
        &add("Betalingsinformasjon", "Noe annet").await,
        400,
        "finnes allerede",
    );
    expect_says(&add("  ", "Tekst").await, 400, "tittel");
    let listed = post_json(db, "/behandler/api/templates", "{}", Some(&admin)).await;
    assert_eq!(json(&listed.body).as_array().map(Vec::len), Some(1));

    // A handler's conversation has it with the case's figures: 20250002 owes 1 648,21 on
    // 24 November 2026 (the decisions tests work it out).
    let kari = handler(db, "kari.behandler").await;
    let ola = handler(db, "ola.behandler").await;
    let kid: String = sqlx::query_scalar("SELECT kid FROM cases WHERE case_number = '20250002'")
        .fetch_one(&db.pool)
        .await
        .expect("kid");
    let c = staff_conversation(db, &kari, "").await;
    assert_eq!(
        c["templates"][0]["body"],
        format!("I dag skylder du 1\u{a0}648,21\u{a0}kr. Betal til konto 1234.56.78903 med KID {kid} (sak 20250002).")
    );

    // Kari writes; Ola sees it, Kari does not see herself.
    let typed = post(
        db,
        "/behandler/api/typing",
        &[("case_number", "20250002")],
        Some(&kari),
    )
    .await;
    assert_eq!(typed.status, 200, "{}", typed.body);
    assert_eq!(
        staff_conversation(db, &ola, "").await["typing"],
        serde_json::json!(["Kari Behandler"])
    );
    assert_eq!(
        staff_conversation(db, &kari, "").await["typing"],
        serde_json::json!([])
    );
    // Sending the answer ends it.
    let replied = reply_as(db, &kari, "r-1", "Hei!").await;
    assert_eq!(replied.status, 200, "{}", replied.body);
    assert_eq!(
        staff_conversation(db, &ola, "").await["typing"],
        serde_json::json!([])
    );

    let id = json(&listed.body)[0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let deleted = post(
        db,
        "/behandler/api/delete_template",
        &[("id", &id)],
        Some(&admin),
    )
    .await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    let again = post(
        db,
        "/behandler/api/delete_template",
        &[("id", &id)],
        Some(&admin),
    )
    .await;
    assert_eq!(again.status, 404);
    assert_eq!(audited(db, "template.added").await, 1);
    assert_eq!(audited(db, "template.deleted").await, 1);
}

async fn the_demo_has_a_conversation_going(db: &TestDb) {
    import_demo(db).await;
    let _ = handler(db, "demo.behandler").await;
    let today = date("2026-11-24");
    server::demo::conversation(&db.pool, "20250001", "demo.behandler", today)
        .await
        .expect("seeded");
    // Run again (a second `make run`): nothing more.
    server::demo::conversation(&db.pool, "20250001", "demo.behandler", today)
        .await
        .expect("seeded");
    assert_eq!(count(db, "SELECT COUNT(*) FROM messages").await, 3);
    assert_eq!(open_tasks(db, "message").await, 1);
    let debtor = logged_in(db, "20250001", "739214").await;
    assert_eq!(debtor.overview("20250001").await["unread_messages"], 1);
    let c = debtor
        .post(
            "/api/conversation",
            &[("case_number", "20250001"), ("before", "")],
        )
        .await;
    let c = json(&c.body);
    let messages = c["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[1]["sender"], "agency");
    assert_eq!(messages[1]["author"], "Kari");
    assert_eq!(messages[0]["answer_by"], serde_json::Value::Null);
    assert_eq!(messages[2]["answer_by"], "2026-12-01");
}

on_both_databases!(
    the_demo_has_a_conversation_going,
    saved_replies_get_the_cases_figures_and_handlers_see_who_else_writes,
    a_message_opens_a_task_due_in_a_week_and_the_answer_closes_it,
    bad_messages_are_refused_with_their_norwegian_text_and_change_nothing,
    the_twenty_first_message_in_ten_minutes_is_refused,
    ten_thousand_messages_page_newest_first,
    nobody_reads_or_writes_another_debtors_conversation,
    open_pages_hear_every_change_within_two_seconds,
    a_stream_ends_soon_after_its_session,
);
