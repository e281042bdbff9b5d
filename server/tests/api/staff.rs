//! The agency's side: staff accounts, their login (password and one-time code, under the
//! same limits as a debtor's), their sessions apart from the debtors', and the inbox.

use crate::helpers::*;
use app::domain::StaffRole;
use app::server::auth::gate::HashGate;
use app::server::staff::{self, totp, Credentials};

const PASSWORD: &str = "Blåbær-Traktor-Fjord-93";

async fn account(db: &TestDb, username: &str, role: StaffRole) -> Credentials {
    let now = chrono::Utc::now().timestamp();
    staff::create(
        &db.pool,
        &HashGate::new(1, 4),
        username,
        "Kari Behandler",
        role,
        PASSWORD,
        now,
    )
    .await
    .expect("account")
}

fn code_now(c: &Credentials) -> String {
    let now = u64::try_from(chrono::Utc::now().timestamp()).expect("time");
    totp::code_at(&c.totp_secret, now).expect("code")
}

async fn staff_login(db: &TestDb, username: &str, password: &str, code: &str) -> Reply {
    post(
        db,
        "/behandler/api/login",
        &[
            ("username", username),
            ("password", password),
            ("totp", code),
        ],
        None,
    )
    .await
}

fn staff_cookie(reply: &Reply) -> Option<String> {
    reply
        .headers
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("innfri_staff=") && !v.starts_with("innfri_staff=;"))
        .map(str::to_string)
}

/// A handler's browser, logged in: the staff cookie as "name=value".
pub(crate) async fn handler(db: &TestDb, username: &str) -> String {
    staff_member(db, username, StaffRole::Handler).await
}

/// A staff member's browser with this role, logged in: the staff cookie as "name=value".
pub(crate) async fn staff_member(db: &TestDb, username: &str, role: StaffRole) -> String {
    let c = account(db, username, role).await;
    let reply = staff_login(db, username, PASSWORD, &code_now(&c)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let cookie = staff_cookie(&reply).expect("a staff cookie");
    cookie.split(';').next().unwrap_or_default().to_string()
}

pub(crate) async fn post_json(db: &TestDb, path: &str, json: &str, cookie: Option<&str>) -> Reply {
    let mut request = axum::http::Request::post(path)
        .header(axum::http::header::CONTENT_TYPE, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(axum::http::header::COOKIE, cookie);
    }
    send_to(
        router(db),
        request
            .body(axum::body::Body::from(json.to_string()))
            .expect("request"),
    )
    .await
}

pub(crate) const OPEN_INBOX: &str = r#"{"filter":{"kind":null,"status":"Open","assignee":"All","overdue_only":false,"after":null}}"#;

async fn right_username_password_and_code_open_the_workspace(db: &TestDb) {
    import_demo(db).await;
    let c = account(db, "kari.behandler", StaffRole::Handler).await;
    assert!(c
        .otpauth_url
        .starts_with("otpauth://totp/Innfri:kari.behandler?secret="));
    assert!(c.otpauth_url.ends_with("&issuer=Innfri"));
    let reply = staff_login(db, "Kari.Behandler", PASSWORD, &code_now(&c)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let set = staff_cookie(&reply).expect("cookie");
    for part in [
        "Path=/behandler",
        "HttpOnly",
        "SameSite=Strict",
        "Max-Age=36000",
    ] {
        assert!(set.contains(part), "{part} not in {set}");
    }
    // A login never touches the debtor's session.
    assert!(reply.session_cookie().is_none());
    let cookie = set.split(';').next().unwrap_or_default().to_string();
    let me = post(db, "/behandler/api/me", &[], Some(&cookie)).await;
    assert_eq!(me.status, 200, "{}", me.body);
    let me: serde_json::Value = serde_json::from_str(&me.body).expect("json");
    assert_eq!(me["username"], "kari.behandler");
    assert_eq!(me["role"], "handler");
    assert_eq!(audited(db, "staff_login").await, 1);
    // Logging out ends the session on the server.
    let out = post(db, "/behandler/api/logout", &[], Some(&cookie)).await;
    assert!(out.status < 400, "{}", out.body);
    assert_eq!(
        post(db, "/behandler/api/me", &[], Some(&cookie))
            .await
            .status,
        401
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM staff_sessions").await, 0);
}

async fn a_wrong_username_password_or_code_get_one_answer(db: &TestDb) {
    let c = account(db, "kari.behandler", StaffRole::Handler).await;
    let code = code_now(&c);
    let wrong_code = format!(
        "{:06}",
        (code.parse::<u32>().expect("digits") + 1) % 1_000_000
    );
    let answers = [
        staff_login(db, "ola.behandler", PASSWORD, &code).await,
        staff_login(db, "kari.behandler", "Feil-Passord-1234", &code).await,
        staff_login(db, "kari.behandler", PASSWORD, &wrong_code).await,
    ];
    for reply in &answers {
        assert_eq!(reply.status, 401, "{}", reply.body);
        assert_eq!(reply.body, answers[0].body);
        assert!(staff_cookie(reply).is_none());
    }
}

async fn five_failures_lock_a_username_for_fifteen_minutes(db: &TestDb) {
    let c = account(db, "kari.behandler", StaffRole::Handler).await;
    for _ in 0..5 {
        let reply = staff_login(db, "kari.behandler", "Feil-Passord-1234", "000000").await;
        assert!(matches!(reply.status, 401 | 429), "{}", reply.body);
    }
    // Now even the right password and code are refused, and say how long.
    let locked = staff_login(db, "kari.behandler", PASSWORD, &code_now(&c)).await;
    assert_eq!(locked.status, 429, "{}", locked.body);
    assert!(staff_cookie(&locked).is_none());
    // Another username is not locked by them.
    let other = account(db, "ola.behandler", StaffRole::Handler).await;
    let fine = staff_login(db, "ola.behandler", PASSWORD, &code_now(&other)).await;
    assert_eq!(fine.status, 200, "{}", fine.body);
}

async fn a_one_time_code_works_once(db: &TestDb) {
    let c = account(db, "kari.behandler", StaffRole::Handler).await;
    let code = code_now(&c);
    let first = staff_login(db, "kari.behandler", PASSWORD, &code).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let again = staff_login(db, "kari.behandler", PASSWORD, &code).await;
    assert_eq!(again.status, 401, "{}", again.body);
    assert!(staff_cookie(&again).is_none());
}

async fn a_disabled_account_cannot_log_in_and_its_sessions_end(db: &TestDb) {
    let cookie = handler(db, "kari.behandler").await;
    let now = chrono::Utc::now().timestamp();
    staff::disable(&db.pool, "kari.behandler", now)
        .await
        .expect("disable");
    assert_eq!(
        post(db, "/behandler/api/me", &[], Some(&cookie))
            .await
            .status,
        401
    );
    let c_code = {
        // The account keeps its secret; only the disabling stops it.
        let row = app::server::db::staff::by_username(
            &db.pool,
            &app::domain::Username::parse("kari.behandler").expect("name"),
        )
        .await
        .expect("query")
        .expect("row");
        totp::code_at(&row.totp_secret, u64::try_from(now).expect("time") + 30).expect("code")
    };
    let refused = staff_login(db, "kari.behandler", PASSWORD, &c_code).await;
    assert_eq!(refused.status, 401, "{}", refused.body);
    let list = staff::list(&db.pool).await.expect("list");
    assert!(list[0].disabled_at.is_some());
}

async fn weak_passwords_and_taken_usernames_are_refused(db: &TestDb) {
    let gate = HashGate::new(1, 4);
    let now = chrono::Utc::now().timestamp();
    let weak = staff::create(
        &db.pool,
        &gate,
        "kari",
        "Kari",
        StaffRole::Handler,
        "passord12345",
        now,
    )
    .await;
    assert!(
        matches!(weak, Err(staff::AccountError::Password(_))),
        "{weak:?}"
    );
    let short = staff::create(
        &db.pool,
        &gate,
        "kari",
        "Kari",
        StaffRole::Handler,
        "kort",
        now,
    )
    .await;
    assert!(
        matches!(short, Err(staff::AccountError::Password(_))),
        "{short:?}"
    );
    account(db, "kari", StaffRole::Admin).await;
    let taken = staff::create(
        &db.pool,
        &gate,
        "KARI",
        "Kari",
        StaffRole::Handler,
        PASSWORD,
        now,
    )
    .await;
    assert!(
        matches!(taken, Err(staff::AccountError::Taken(_))),
        "{taken:?}"
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM staff_accounts").await, 1);
    // A reset gives a new secret and ends the sessions.
    let before = staff::list(&db.pool).await.expect("list")[0]
        .totp_secret
        .clone();
    let reset = staff::reset(&db.pool, &gate, "kari", "Ny-Fjord-Traktor-2027")
        .await
        .expect("reset");
    assert_ne!(reset.totp_secret, before);
}

/// Every workspace page and server function, with a debtor's session: 404, and never a
/// workspace answer. And a staff session gets nothing of a debtor's.
async fn debtor_and_staff_sessions_grant_each_other_nothing(db: &TestDb) {
    import_demo(db).await;
    let kari = logged_in(db, "20250001", "739214").await;
    for path in ["/behandler/api/me", "/behandler/api/assign"] {
        let reply = kari.post(path, &[("task_id", "x")]).await;
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
    }
    let inbox = post_json(db, "/behandler/api/inbox", OPEN_INBOX, Some(&kari.cookie)).await;
    assert_eq!(inbox.status, 404, "{}", inbox.body);
    let page = kari.get("/behandler").await;
    assert_eq!(page.status, 404, "{}", page.body);
    assert!(!page.body.contains("data-testid=\"inbox\""));
    // Without any session the workspace page sends to its login; the functions say 404.
    let browser_get = axum::http::Request::get("/behandler")
        .header(axum::http::header::ACCEPT, "text/html")
        .body(axum::body::Body::empty())
        .expect("request");
    let anonymous = send_to(router(db), browser_get).await;
    assert_eq!(anonymous.status, 302, "{}", anonymous.body);
    assert_eq!(
        anonymous.header(axum::http::header::LOCATION),
        "/behandler/logg-inn"
    );
    assert_eq!(
        post_json(db, "/behandler/api/inbox", OPEN_INBOX, None)
            .await
            .status,
        404
    );
    // A staff session is no debtor's.
    let staff = handler(db, "kari.behandler").await;
    let case = post(
        db,
        "/api/case_overview",
        &[("case_number", "20250001")],
        Some(&staff),
    )
    .await;
    assert_eq!(case.status, 401, "{}", case.body);
    let page = get_with(db, "/sak/20250001", Some(&staff)).await;
    assert!(!page.body.contains("Kari Nordmann"), "{}", page.body);
    // Both cookies at once: each side reads only its own.
    let both = format!("{}; {staff}", kari.cookie);
    assert_eq!(
        post(db, "/behandler/api/me", &[], Some(&both)).await.status,
        200
    );
    assert_eq!(
        post(
            db,
            "/api/case_overview",
            &[("case_number", "20250001")],
            Some(&both)
        )
        .await
        .status,
        200
    );
}

/// Every workspace endpoint, each with the fields it takes, for a debtor's session: 404 from
/// all of them, and nothing changes.
async fn a_debtor_session_gets_404_from_every_workspace_endpoint(db: &TestDb) {
    import_demo(db).await;
    let kari = logged_in(db, "20250001", "739214").await;
    let n = "20250001";
    let forms: &[(&str, &[(&str, &str)])] = &[
        ("/behandler/api/me", &[]),
        ("/behandler/api/assign", &[("task_id", "x")]),
        ("/behandler/api/note", &[("case_number", n), ("body", "x")]),
        (
            "/behandler/api/wait",
            &[
                ("case_number", n),
                ("task_id", "x"),
                ("version", "0"),
                ("until", "2026-12-12"),
            ],
        ),
        (
            "/behandler/api/case_action",
            &[("case_number", n), ("action", "hold"), ("reason", "x")],
        ),
        ("/behandler/api/search", &[("query", "Kari")]),
        ("/behandler/api/accounts", &[]),
        (
            "/behandler/api/account_create",
            &[
                ("username", "ny.person"),
                ("full_name", "Ny"),
                ("role", "admin"),
                ("password", "Grønn-Sykkel-Fjellet-88"),
            ],
        ),
        (
            "/behandler/api/account_reset",
            &[
                ("username", "ny.person"),
                ("password", "Grønn-Sykkel-Fjellet-88"),
            ],
        ),
        (
            "/behandler/api/account_disable",
            &[("username", "ny.person")],
        ),
        (
            "/behandler/api/decide",
            &[
                ("case_number", n),
                ("task_id", "x"),
                ("version", "0"),
                ("decision", "receipt_rejected"),
                ("answer", "x"),
                ("amount", ""),
                ("paid_on", ""),
                ("reference", ""),
                ("reason", ""),
                ("plan_mode", ""),
                ("months", ""),
                ("day_of_month", ""),
                ("new_date", ""),
            ],
        ),
        (
            "/behandler/api/reply",
            &[("case_number", n), ("submission_id", "s-1"), ("body", "x")],
        ),
        ("/behandler/api/typing", &[("case_number", n)]),
        (
            "/behandler/api/add_template",
            &[("title", "x"), ("body", "x")],
        ),
        ("/behandler/api/delete_template", &[("id", "x")]),
        (
            "/behandler/api/match_payment",
            &[("id", "x"), ("version", "0"), ("case_number", n)],
        ),
        (
            "/behandler/api/refund_payment",
            &[("id", "x"), ("version", "0"), ("note", "x")],
        ),
    ];
    for (path, form) in forms {
        let reply = kari.post(path, form).await;
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
    }
    for json_path in [
        "/behandler/api/inbox",
        "/behandler/api/case",
        "/behandler/api/conversation",
        "/behandler/api/templates",
        "/behandler/api/bank_payment",
        "/behandler/api/bank_payment_cases",
    ] {
        let body = match json_path.rsplit('/').next() {
            Some("inbox") => OPEN_INBOX.to_string(),
            Some("conversation") => format!(r#"{{"case_number":"{n}","before":""}}"#),
            Some("templates") => "{}".to_string(),
            Some("bank_payment") => r#"{"id":"x"}"#.to_string(),
            Some("bank_payment_cases") => r#"{"id":"x","query":""}"#.to_string(),
            _ => format!(r#"{{"case_number":"{n}"}}"#),
        };
        assert_eq!(
            post_json(db, json_path, &body, Some(&kari.cookie))
                .await
                .status,
            404,
            "{json_path}"
        );
    }
    for page in [
        "/behandler",
        "/behandler/sak/20250001",
        "/behandler/kontoer",
        "/behandler/maler",
        "/behandler/innbetaling/00000000-0000-4000-8000-000000000000",
        "/behandler/sak/20250001/hendelser",
        "/behandler/fil/00000000-0000-0000-0000-000000000000",
    ] {
        assert_eq!(kari.get(page).await.status, 404, "{page}");
    }
    let upload = post_multipart(
        db,
        "/behandler/sak/20250001/fakturakopi",
        &[Part::Text("task_id", "x")],
        Some(&kari.cookie),
        false,
    )
    .await;
    assert_eq!(upload.status, 404);
    assert_eq!(count(db, "SELECT COUNT(*) FROM staff_accounts").await, 0);
    assert_eq!(case_status(db, n).await, "active");
    // The workspace's logout ends a staff session only: the debtor stays logged in.
    let out = kari.post("/behandler/api/logout", &[]).await;
    assert!(out.status < 400, "{}", out.body);
    assert_eq!(
        kari.post("/api/case_overview", &[("case_number", n)])
            .await
            .status,
        200
    );
}

async fn the_inbox_lists_every_open_request_by_due_date(db: &TestDb) {
    import_demo(db).await;
    // Two debtors ask for an invoice copy; the inbox lists both, the earliest due first.
    for (number, code) in [("20250002", "482915"), ("20250044", "318277")] {
        let debtor = logged_in(db, number, code).await;
        let asked = debtor
            .post("/api/request_invoice_copy", &[("case_number", number)])
            .await;
        assert_eq!(asked.status, 200, "{}", asked.body);
    }
    let kari = handler(db, "kari.behandler").await;
    let inbox = post_json(db, "/behandler/api/inbox", OPEN_INBOX, Some(&kari)).await;
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    let json: serde_json::Value = serde_json::from_str(&inbox.body).expect("json");
    let items = json["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{json}");
    assert!(items[0]["due_on"].as_str() <= items[1]["due_on"].as_str());
    assert_eq!(items[0]["kind"], "invoice_copy");
    assert_eq!(json["counts"], serde_json::json!([["invoice_copy", 2]]));
    // One handler takes the first; another sees that, and cannot take it.
    let task = items[0]["task_id"].as_str().expect("id").to_string();
    let taken = post(
        db,
        "/behandler/api/assign",
        &[("task_id", &task)],
        Some(&kari),
    )
    .await;
    assert_eq!(taken.status, 200, "{}", taken.body);
    let ola = handler(db, "ola.behandler").await;
    let refused = post(
        db,
        "/behandler/api/assign",
        &[("task_id", &task)],
        Some(&ola),
    )
    .await;
    expect_says(&refused, 400, "kari.behandler");
    let seen = post_json(db, "/behandler/api/inbox", OPEN_INBOX, Some(&ola)).await;
    let json: serde_json::Value = serde_json::from_str(&seen.body).expect("json");
    assert_eq!(json["items"][0]["assignee"], "kari.behandler");
    let mine = OPEN_INBOX.replace("\"All\"", "\"Mine\"");
    let json: serde_json::Value = serde_json::from_str(
        &post_json(db, "/behandler/api/inbox", &mine, Some(&ola))
            .await
            .body,
    )
    .expect("json");
    assert_eq!(json["items"].as_array().map(Vec::len), Some(0));
    // The page shows the same.
    let page = get_with(db, "/behandler", Some(&ola)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("data-testid=\"inbox\""), "{}", page.body);
    assert!(page.body.contains("20250002"));
}

async fn admins_manage_accounts_in_the_workspace_under_the_same_rules(db: &TestDb) {
    import_demo(db).await;
    let admin = account(db, "anne.admin", StaffRole::Admin).await;
    let reply = staff_login(db, "anne.admin", PASSWORD, &code_now(&admin)).await;
    let anne = staff_cookie(&reply)
        .and_then(|c| c.split(';').next().map(str::to_string))
        .expect("cookie");
    let create = |username: &'static str, password: &'static str| {
        let anne = anne.clone();
        async move {
            post(
                db,
                "/behandler/api/account_create",
                &[
                    ("username", username),
                    ("full_name", "Per Behandler"),
                    ("role", "handler"),
                    ("password", password),
                ],
                Some(&anne),
            )
            .await
        }
    };
    expect_says(&create("per.behandler", "passord12345").await, 400, "");
    let made = create("per.behandler", "Grønn-Sykkel-Fjellet-88").await;
    assert_eq!(made.status, 200, "{}", made.body);
    let login: serde_json::Value = serde_json::from_str(&made.body).expect("json");
    assert!(login["otpauth_url"]
        .as_str()
        .is_some_and(|u| u.starts_with("otpauth://totp/Innfri:per.behandler?secret=")));
    expect_says(
        &create("per.behandler", "Grønn-Sykkel-Fjellet-88").await,
        400,
        "er tatt",
    );
    // The new account logs in with its code.
    let secret = login["secret"].as_str().unwrap_or_default().to_string();
    let now = u64::try_from(chrono::Utc::now().timestamp()).expect("time");
    let code = totp::code_at(&secret, now).expect("code");
    let per = staff_login(db, "per.behandler", "Grønn-Sykkel-Fjellet-88", &code).await;
    assert_eq!(per.status, 200, "{}", per.body);
    let per = staff_cookie(&per)
        .and_then(|c| c.split(';').next().map(str::to_string))
        .expect("cookie");
    // A handler gets 404 from every account function and the page; the list holds no secret.
    for path in ["/behandler/api/accounts", "/behandler/api/account_disable"] {
        assert_eq!(
            post(db, path, &[("username", "anne.admin")], Some(&per))
                .await
                .status,
            404
        );
    }
    assert_eq!(
        get_with(db, "/behandler/kontoer", Some(&per)).await.status,
        404
    );
    let list = post(db, "/behandler/api/accounts", &[], Some(&anne)).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("per.behandler") && !list.body.contains(&secret));
    assert!(!list.body.contains("argon2"));
    let page = get_with(db, "/behandler/kontoer", Some(&anne)).await;
    assert!(
        page.body.contains("data-testid=\"accounts\""),
        "{}",
        page.body
    );
    // Disabling ends the account's session; nobody disables themselves.
    expect_says(
        &post(
            db,
            "/behandler/api/account_disable",
            &[("username", "anne.admin")],
            Some(&anne),
        )
        .await,
        400,
        "din egen",
    );
    // A workspace form posted without wasm that fails goes back to its page with the error in
    // the address (our pages send no Referer), and the page says it, instead of an error page
    // with the call's data.
    let mut plain = form_request(
        "/behandler/api/assign",
        &[("task_id", "finnes-ikke")],
        Some(&anne),
    );
    plain.headers_mut().insert(
        axum::http::header::ACCEPT,
        axum::http::HeaderValue::from_static("text/html"),
    );
    let back = send_to(router(db), plain).await;
    assert!(
        (300..400).contains(&back.status),
        "{}: {}",
        back.status,
        back.body
    );
    let location = back.header(axum::http::header::LOCATION).to_string();
    assert!(
        location.starts_with("/behandler?__path=&__err="),
        "{location}"
    );
    let shown = get_with(db, &location, Some(&anne)).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    let says = app::error::AppError::NotFound.user_message();
    assert!(
        shown.body.contains("data-testid=\"posted-error\"") && shown.body.contains(&says),
        "{}",
        shown.body
    );
    // Such an address is anyone's to write: a message in it is never shown as it stands.
    let planted = leptos::server_fn::error::ServerFnUrlError::new(
        "",
        app::error::AppError::Invalid("Ring IT-brukerstøtte på 400 00 000".into()),
    )
    .to_url("http://127.0.0.1:3000/behandler")
    .expect("url");
    let shown = get_with(
        db,
        &format!("/behandler?{}", planted.query().unwrap_or_default()),
        Some(&anne),
    )
    .await;
    assert!(!shown.body.contains("400 00 000"), "{}", shown.body);
    assert!(
        shown.body.contains("Det du sendte ble ikke lagret"),
        "{}",
        shown.body
    );
    // What the way back names from the form is encoded: a header cannot hold a line break.
    let mut odd = form_request(
        "/behandler/api/match_payment",
        &[
            ("id", "a\nb/c"),
            ("version", "1"),
            ("case_number", "20250001"),
        ],
        Some(&anne),
    );
    odd.headers_mut().insert(
        axum::http::header::ACCEPT,
        axum::http::HeaderValue::from_static("text/html"),
    );
    let back = send_to(router(db), odd).await;
    assert!(
        (300..400).contains(&back.status),
        "{}: {}",
        back.status,
        back.body
    );
    assert!(
        back.header(axum::http::header::LOCATION)
            .starts_with("/behandler/innbetaling/a%0Ab%2Fc?__path=&__err="),
        "{}",
        back.header(axum::http::header::LOCATION)
    );
    let off = post(
        db,
        "/behandler/api/account_disable",
        &[("username", "per.behandler")],
        Some(&anne),
    )
    .await;
    assert_eq!(off.status, 200, "{}", off.body);
    assert_eq!(
        post(db, "/behandler/api/me", &[], Some(&per)).await.status,
        401
    );
    let reset = post(
        db,
        "/behandler/api/account_reset",
        &[
            ("username", "per.behandler"),
            ("password", "Blå-Kopp-Vinter-Rask-17"),
        ],
        Some(&anne),
    )
    .await;
    assert_eq!(reset.status, 200, "{}", reset.body);
    assert_ne!(json_field(&reset.body, "secret"), secret);
    for action in ["staff.created", "staff.disabled", "staff.reset"] {
        assert_eq!(audited(db, action).await, 1, "{action}");
    }
}

fn json_field(body: &str, field: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body).expect("json")[field]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

on_both_databases!(
    admins_manage_accounts_in_the_workspace_under_the_same_rules,
    right_username_password_and_code_open_the_workspace,
    a_wrong_username_password_or_code_get_one_answer,
    five_failures_lock_a_username_for_fifteen_minutes,
    a_one_time_code_works_once,
    a_disabled_account_cannot_log_in_and_its_sessions_end,
    weak_passwords_and_taken_usernames_are_refused,
    debtor_and_staff_sessions_grant_each_other_nothing,
    a_debtor_session_gets_404_from_every_workspace_endpoint,
    the_inbox_lists_every_open_request_by_due_date,
);
