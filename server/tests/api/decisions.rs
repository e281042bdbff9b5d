//! A handler's decisions: each closes its task with an answer the debtor reads, in one
//! transaction with its effect on the statement (worked out by hand below) and an audit entry
//! naming the handler; a decision on a task changed since it was opened is refused; internal
//! notes never reach the debtor.

use crate::helpers::*;
use crate::staff::{handler, post_json};
use crate::uploads::{fields, file, json, pdf, URL};
use app::domain::plan::PlanChoice;

/// The debtor of 20250002 objects, as the objection page sends it.
async fn objects(db: &TestDb) -> Browser<'_> {
    let debtor = logged_in(db, "20250002", "482915").await;
    let parts = [
        Part::Text("submission_id", "objection-1"),
        Part::Text("reason", "defective"),
        Part::Text(
            "explanation",
            "Støvsugeren virket ikke.\nSendt tilbake i september.",
        ),
        Part::Text("done_so_far", "Returnerte varen."),
        Part::Text("contacted_seller", "yes"),
        Part::Text("contacted_on", "2026-11-20"),
        Part::Text("contact_outcome", "Selger lovet kreditnota."),
    ];
    let sent = post_multipart(
        db,
        "/sak/20250002/innsigelse/send",
        &parts,
        Some(&debtor.cookie),
        true,
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    debtor
}

/// The debtor of 20250002 sends a receipt: paid 1 250,50 on 20 November.
async fn sends_receipt(db: &TestDb) -> Browser<'_> {
    let debtor = logged_in(db, "20250002", "482915").await;
    let bytes = pdf();
    let mut parts = fields("receipt-1");
    parts.push(file("kvittering.pdf", "application/pdf", &bytes));
    let sent = debtor.post_files(URL, &parts, true).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    debtor
}

/// The case as the handler's page reads it.
async fn staff_case(db: &TestDb, cookie: &str, case_number: &str) -> serde_json::Value {
    let body = format!(r#"{{"case_number":"{case_number}"}}"#);
    let reply = post_json(db, "/behandler/api/case", &body, Some(cookie)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    json(&reply.body)
}

/// The open task of `kind` on the handler's page: its id and version.
fn task_of(case: &serde_json::Value, kind: &str) -> (String, String) {
    let task = case["tasks"]
        .as_array()
        .and_then(|t| {
            t.iter()
                .find(|t| t["kind"] == kind && t["status"] == "open")
        })
        .unwrap_or_else(|| panic!("no open {kind} task in {case}"));
    (
        task["id"].as_str().unwrap_or_default().to_string(),
        task["version"].to_string(),
    )
}

async fn decide(db: &TestDb, cookie: &str, fields: &[(&str, &str)]) -> Reply {
    let mut form: Vec<(&str, &str)> = vec![("case_number", "20250002")];
    for name in [
        "amount",
        "paid_on",
        "reference",
        "reason",
        "plan_mode",
        "months",
        "day_of_month",
        "new_date",
    ] {
        if !fields.iter().any(|(k, _)| *k == name) {
            form.push((name, ""));
        }
    }
    form.extend_from_slice(fields);
    post(db, "/behandler/api/decide", &form, Some(cookie)).await
}

fn kr(value: &serde_json::Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

async fn a_receipt_registered_as_a_payment_is_allocated_and_answered(db: &TestDb) {
    import_demo(db).await;
    let debtor = sends_receipt(db).await;
    let before = debtor.overview("20250002").await;
    // 24 Nov: 96 days (20 Aug – 24 Nov) on 1 290 at 12.00 %: 1 290 × 0.12 × 96 / 365 =
    // 40.7145… → 40.71; with the costs 37.50 + 280.00: 1 648.21.
    assert_eq!(kr(&before["statement"]["total"]), "1648.21");
    assert_eq!(before["payments_on_the_way"], serde_json::json!([]));

    let kari = handler(db, "kari.behandler").await;
    let case = staff_case(db, &kari, "20250002").await;
    assert_eq!(case["debtor"]["name"], before["debtor_name"]);
    assert_eq!(
        case["statement"], before["statement"],
        "the statement the debtor sees"
    );
    let (task, version) = task_of(&case, "receipt");
    let receipt = case["tasks"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["id"] == task.as_str()))
        .cloned()
        .unwrap_or_default();
    assert_eq!(receipt["files"][0]["file_name"], "kvittering.pdf");
    let answer = "Takk for kvitteringen. Betalingen er registrert.";
    let reply = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "receipt_registered"),
            ("answer", answer),
            ("amount", "1 250,50"),
            ("paid_on", "2026-11-20"),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    // 20 Nov: 92 days (20 Aug – 20 Nov): 1 290 × 0.12 × 92 / 365 = 39.0180… → 39.02.
    // 1 250.50 pays the costs 37.50 and 280.00, the interest 39.02, and 893.98 of the
    // principal: 396.02 left. 24 Nov: 4 days on 396.02: × 0.12 × 4 / 365 = 0.5208 → 0.52.
    let after = debtor.overview("20250002").await;
    let s = &after["statement"];
    assert_eq!(kr(&s["principal"]), "396.02");
    assert_eq!(kr(&s["interest"]), "0.52");
    assert_eq!(kr(&s["total"]), "396.54");
    assert_eq!(kr(&s["paid"]), "1250.50");
    let allocations: Vec<String> = s["payments"][0]["allocations"]
        .as_array()
        .map(|a| a.iter().map(|x| kr(&x["amount"])).collect())
        .unwrap_or_default();
    assert_eq!(allocations, ["37.50", "280.00", "39.02", "893.98"]);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM payments WHERE source = 'manual' AND reference LIKE 'kvittering-%' AND allocation LIKE '%893.98%'").await,
        1
    );
    // The case is collected again; the receipt is answered, and the debtor reads the answer.
    assert_eq!(after["status"], "active");
    assert_eq!(after["receipts"][0]["open"], false);
    assert_eq!(after["receipts"][0]["answer"]["text"], answer);
    assert_eq!(after["answers"][0]["decision"], "receipt_registered");
    assert_eq!(after["answers"][0]["answered_on"], TODAY);
    let page = debtor.get("/sak/20250002").await;
    assert!(page.body.contains(answer), "{}", page.body);
    assert!(page.body.contains("396,54"), "the new balance");
    assert_eq!(audited(db, "task.decided").await, 1);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'task.decided' AND actor = 'staff:kari.behandler'").await,
        1
    );
}

async fn a_receipt_rejected_changes_no_figure(db: &TestDb) {
    import_demo(db).await;
    let debtor = sends_receipt(db).await;
    let kari = handler(db, "kari.behandler").await;
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "receipt");
    let reply = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "receipt_rejected"),
            ("answer", "Betalingen gikk til en annen konto enn vår."),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = debtor.overview("20250002").await;
    assert_eq!(kr(&after["statement"]["total"]), "1648.21");
    assert_eq!(after["status"], "active");
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM payments WHERE source = 'manual'").await,
        0
    );
}

async fn a_write_off_is_a_credit_line_with_its_reason(db: &TestDb) {
    import_demo(db).await;
    let debtor = objects(db).await;
    assert_eq!(case_status(db, "20250002").await, "objection");
    let kari = handler(db, "kari.behandler").await;
    let case = staff_case(db, &kari, "20250002").await;
    let (task, version) = task_of(&case, "objection");
    // The handler reads all the debtor wrote.
    let sent = case["tasks"].to_string();
    assert!(sent.contains("Sendt tilbake i september."), "{sent}");
    assert!(sent.contains("Selger lovet kreditnota."), "{sent}");

    // More than is owed today (1 648.21) is refused, and nothing changes.
    let too_much = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "objection_written_off"),
            ("answer", "Kreditor har frafalt kravet."),
            ("amount", "1648,22"),
            ("reason", "Varen ble returnert"),
        ],
    )
    .await;
    expect_says(&too_much, 400, "større enn det som er å betale");
    assert_eq!(count(db, "SELECT COUNT(*) FROM write_offs").await, 0);
    assert_eq!(open_tasks(db, "objection").await, 1);

    let reply = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "objection_written_off"),
            ("answer", "Kreditor har frafalt 1 000 kr av kravet."),
            ("amount", "1000"),
            ("reason", "Varen ble returnert"),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    // 1 000 written off today, allocated like a payment: the costs 37.50 + 280.00, the
    // interest 40.71, and 641.79 of the principal: 648.21 left, and nothing else.
    let after = debtor.overview("20250002").await;
    let s = &after["statement"];
    assert_eq!(kr(&s["principal"]), "648.21");
    assert_eq!(kr(&s["interest"]), "0.00");
    assert_eq!(kr(&s["costs_total"]), "0.00");
    assert_eq!(kr(&s["total"]), "648.21");
    assert_eq!(kr(&s["written_off"]), "1000.00");
    assert_eq!(kr(&s["paid"]), "0.00");
    assert_eq!(s["payments"][0]["payment"]["credit"]["kind"], "written_off");
    assert_eq!(
        s["payments"][0]["payment"]["credit"]["reason"],
        "Varen ble returnert"
    );
    // The claim itself is as the creditor sent it.
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM claims WHERE principal_ore = 129000"
        )
        .await,
        1
    );
    // Collection resumes on what is left.
    assert_eq!(after["status"], "active");
    let page = debtor.get("/sak/20250002").await;
    assert!(page.body.contains("frafalt av kreditor"), "{}", page.body);
    assert!(page.body.contains("Varen ble returnert"));
    assert!(page
        .body
        .contains("Kreditor har frafalt 1 000 kr av kravet."));
}

async fn an_objection_upheld_or_sent_to_court_sets_the_status(db: &TestDb) {
    import_demo(db).await;
    let debtor = objects(db).await;
    let kari = handler(db, "kari.behandler").await;
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "objection");
    let reply = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "objection_to_court"),
            ("answer", "Saken sendes til forliksrådet."),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(case_status(db, "20250002").await, "court");
    let after = debtor.overview("20250002").await;
    assert_eq!(
        after["objection"]["answer"]["decision"],
        "objection_to_court"
    );
    assert_eq!(kr(&after["statement"]["total"]), "1648.21");
    // The debtor objects again later; upheld, collection resumes.
    let again = [
        Part::Text("submission_id", "objection-2"),
        Part::Text("reason", "other"),
        Part::Text("explanation", "Jeg er fortsatt uenig."),
        Part::Text("done_so_far", ""),
        Part::Text("contacted_seller", "no"),
        Part::Text("contacted_on", ""),
        Part::Text("contact_outcome", ""),
    ];
    let sent = post_multipart(
        db,
        "/sak/20250002/innsigelse/send",
        &again,
        Some(&debtor.cookie),
        true,
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "objection");
    let reply = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "objection_upheld"),
            ("answer", "Innsigelsen er vurdert. Innkrevingen fortsetter."),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(case_status(db, "20250002").await, "active");
    let after = debtor.overview("20250002").await;
    assert_eq!(after["answers"].as_array().map(Vec::len), Some(2));
}

async fn a_decision_on_a_changed_task_is_refused_and_never_applied_twice(db: &TestDb) {
    import_demo(db).await;
    sends_receipt(db).await;
    let kari = handler(db, "kari.behandler").await;
    let ola = handler(db, "ola.behandler").await;
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "receipt");
    let register = |answer: &'static str| {
        vec![
            ("decision", "receipt_registered"),
            ("answer", answer),
            ("amount", "1250,50"),
            ("paid_on", "2026-11-20"),
        ]
    };
    // Both opened the task at the same version; Ola decides first.
    let mut first = vec![("task_id", task.as_str()), ("version", version.as_str())];
    first.extend(register("Registrert av Ola."));
    assert_eq!(decide(db, &ola, &first).await.status, 200);
    let mut second = vec![("task_id", task.as_str()), ("version", version.as_str())];
    second.extend(register("Registrert av Kari."));
    let refused = decide(db, &kari, &second).await;
    expect_says(&refused, 400, "allerede besvart");
    // At once: exactly one of two decisions on one version goes through.
    sends_receipt_again(db).await;
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "receipt");
    let a = [
        ("task_id", task.as_str()),
        ("version", version.as_str()),
        ("decision", "receipt_rejected"),
        ("answer", "Avvist av Kari."),
    ];
    let b = [
        ("task_id", task.as_str()),
        ("version", version.as_str()),
        ("decision", "receipt_rejected"),
        ("answer", "Avvist av Ola."),
    ];
    let (ra, rb) = tokio::join!(decide(db, &kari, &a), decide(db, &ola, &b));
    let mut statuses = [ra.status, rb.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 400], "{} / {}", ra.body, rb.body);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM payments WHERE source = 'manual'").await,
        1
    );
    assert_eq!(audited(db, "task.decided").await, 2);
    // A stale version (the task was taken since) is refused with its own message.
    sends_receipt_third(db).await;
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "receipt");
    let taken = post(
        db,
        "/behandler/api/assign",
        &[("task_id", &task)],
        Some(&ola),
    )
    .await;
    assert_eq!(taken.status, 200, "{}", taken.body);
    let stale = [
        ("task_id", task.as_str()),
        ("version", version.as_str()),
        ("decision", "receipt_rejected"),
        ("answer", "Avvist."),
    ];
    expect_says(
        &decide(db, &kari, &stale).await,
        400,
        "endret av en annen saksbehandler",
    );
}

async fn sends_receipt_again(db: &TestDb) {
    send_numbered_receipt(db, "receipt-2").await;
}

async fn sends_receipt_third(db: &TestDb) {
    send_numbered_receipt(db, "receipt-3").await;
}

async fn send_numbered_receipt(db: &TestDb, submission: &str) {
    let debtor = logged_in(db, "20250002", "482915").await;
    let bytes = pdf();
    let mut parts = fields(submission);
    parts.push(file("kvittering.pdf", "application/pdf", &bytes));
    let sent = debtor.post_files(URL, &parts, true).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
}

async fn notes_stay_with_staff_and_every_endpoint_refuses_a_debtor(db: &TestDb) {
    import_demo(db).await;
    let debtor = sends_receipt(db).await;
    let kari = handler(db, "kari.behandler").await;
    let note = "Ring kreditor om kreditnota – HEMMELIG-NOTAT-42";
    let added = post(
        db,
        "/behandler/api/note",
        &[("case_number", "20250002"), ("body", note)],
        Some(&kari),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let case = staff_case(db, &kari, "20250002").await;
    assert_eq!(case["notes"][0]["body"], note);
    assert_eq!(case["notes"][0]["author"], "Kari Behandler");
    let page = get_with(db, "/behandler/sak/20250002", Some(&kari)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("HEMMELIG-NOTAT-42"), "{}", page.body);
    // The debtor's JSON and page never carry it.
    let overview = debtor.overview("20250002").await.to_string();
    assert!(!overview.contains("HEMMELIG"), "{overview}");
    assert!(!debtor.get("/sak/20250002").await.body.contains("HEMMELIG"));
    // A blank note is refused.
    let blank = post(
        db,
        "/behandler/api/note",
        &[("case_number", "20250002"), ("body", "  ")],
        Some(&kari),
    )
    .await;
    expect_says(&blank, 400, "Skriv notatet");
    // A debtor's session, or none, gets 404 from every workspace function and page.
    let (task, version) = task_of(&case, "receipt");
    for cookie in [Some(debtor.cookie.as_str()), None] {
        let body = r#"{"case_number":"20250002"}"#;
        assert_eq!(
            post_json(db, "/behandler/api/case", body, cookie)
                .await
                .status,
            404
        );
        let note = post(
            db,
            "/behandler/api/note",
            &[("case_number", "20250002"), ("body", "x")],
            cookie,
        )
        .await;
        assert_eq!(note.status, 404, "{}", note.body);
        let decided = post(
            db,
            "/behandler/api/decide",
            &[
                ("case_number", "20250002"),
                ("task_id", &task),
                ("version", &version),
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
            cookie,
        )
        .await;
        assert_eq!(decided.status, 404, "{}", decided.body);
    }
    assert_eq!(
        get_with(db, "/behandler/sak/20250002", Some(&debtor.cookie))
            .await
            .status,
        404
    );
    assert_eq!(open_tasks(db, "receipt").await, 1);
    assert_eq!(count(db, "SELECT COUNT(*) FROM case_notes").await, 1);
    // An unknown case is 404 to staff too.
    let none = post_json(
        db,
        "/behandler/api/case",
        r#"{"case_number":"99999999"}"#,
        Some(&kari),
    )
    .await;
    assert_eq!(none.status, 404);
}

async fn the_answer_deadline_is_dated_data(db: &TestDb) {
    import_demo(db).await;
    // From 1 November the agency answers within 7 days (the proposed new Act).
    let changed = app::server::db::answer_deadlines::upsert(&db.pool, &[(date("2026-11-01"), 7)])
        .await
        .expect("upsert");
    assert_eq!(changed, 1);
    let debtor = logged_in(db, "20250002", "482915").await;
    let asked = debtor
        .post("/api/request_invoice_copy", &[("case_number", "20250002")])
        .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert_eq!(json(&asked.body)["due_on"], "2026-12-01");
    // A row from a later date does not apply yet.
    app::server::db::answer_deadlines::upsert(&db.pool, &[(date("2027-01-01"), 21)])
        .await
        .expect("upsert");
    let receipt = sends_receipt(db).await.overview("20250002").await;
    assert_eq!(receipt["receipts"][0]["answer_by"], "2026-12-01");
}

async fn a_plan_beyond_the_rules_is_agreed_with_changes_by_the_same_calculator(db: &TestDb) {
    import_demo(db).await;
    // 36 months is beyond the 24 a debtor may agree alone: it goes to the agency.
    let debtor = logged_in(db, "20250001", "739214").await;
    let request = [
        ("case_number", "20250001"),
        ("submission_id", "p-req"),
        ("mode", "months"),
        ("amount", ""),
        ("months", "36"),
        ("day_of_month", "20"),
        ("reason", "Jeg er sykmeldt til sommeren."),
        ("income", "21 500"),
        ("expenses", "14 200"),
    ];
    let sent = debtor.post("/api/request_plan", &request).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let kari = handler(db, "kari.behandler").await;
    let case = staff_case(db, &kari, "20250001").await;
    let shown = case["tasks"].to_string();
    assert!(
        shown.contains("PlanProposal") && shown.contains("Jeg er sykmeldt"),
        "{shown}"
    );
    let (task, version) = task_of(&case, "instalment_plan");
    // Agreed with changes: 30 months on the 15th, computed as the debtor's calculator would.
    let expected = crate::plan::expected_plan(db, PlanChoice::Months(30), 15).await;
    let reply = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "plan_accepted"),
            ("answer", "Vi godtar en avtale over 30 måneder."),
            ("plan_mode", "months"),
            ("months", "30"),
            ("day_of_month", "15"),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = debtor.overview("20250001").await;
    assert_eq!(after["status"], "plan");
    let agreed = &after["plan"];
    assert_eq!(agreed["instalments"].as_array().map(Vec::len), Some(30));
    assert_eq!(agreed["total"], expected.total.to_plain_string());
    assert_eq!(agreed["day_of_month"], 15);
    // The handler's view shows the same running plan.
    let seen = staff_case(db, &kari, "20250001").await;
    assert_eq!(seen["plan"]["total"], expected.total.to_plain_string());
    assert_eq!(after["answers"][0]["decision"], "plan_accepted");
    // Decided once: a second decision on it is refused.
    let rejected = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "plan_rejected"),
            ("answer", "Nei."),
        ],
    )
    .await;
    expect_says(&rejected, 400, "allerede besvart");
}

async fn a_deferral_beyond_the_rules_is_granted_with_the_amount_on_its_date(db: &TestDb) {
    import_demo(db).await;
    let debtor = logged_in(db, "20250002", "482915").await;
    let asked = debtor
        .post(
            "/api/request_deferral",
            &[
                ("case_number", "20250002"),
                ("new_date", "2027-01-31"),
                ("reason", "Lønnen kommer først i januar."),
            ],
        )
        .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    let kari = handler(db, "kari.behandler").await;
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "deferral");
    let past = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "deferral_granted"),
            ("answer", "Innvilget."),
            ("new_date", TODAY),
        ],
    )
    .await;
    expect_says(&past, 400, "etter i dag");
    let reply = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "deferral_granted"),
            ("answer", "Du får utsettelse til 15. januar."),
            ("new_date", "2027-01-15"),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    // 15 Jan 2027: 148 days (20 Aug – 15 Jan) on 1 290 at 12.00 %: 1 290 × 0.12 × 148 / 365
    // = 62.7682… → 62.77; with the costs 317.50: 1 670.27.
    let after = debtor.overview("20250002").await;
    assert_eq!(after["status"], "deferred");
    assert_eq!(after["deferral"]["new_due_on"], "2027-01-15");
    assert_eq!(kr(&after["deferral"]["total"]), "1670.27");
    let seen = staff_case(db, &kari, "20250002").await;
    assert_eq!(seen["deferral"], after["deferral"]);
}

async fn an_invoice_copy_request_is_answered_that_none_exists(db: &TestDb) {
    import_demo(db).await;
    let debtor = logged_in(db, "20250002", "482915").await;
    let asked = debtor
        .post("/api/request_invoice_copy", &[("case_number", "20250002")])
        .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    let kari = handler(db, "kari.behandler").await;
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "invoice_copy");
    let reply = decide(
        db,
        &kari,
        &[
            ("task_id", &task),
            ("version", &version),
            ("decision", "invoice_copy_none"),
            ("answer", "Kreditor har ingen kopi av fakturaen."),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = debtor.overview("20250002").await;
    assert_eq!(after["invoice_copy_request"], serde_json::Value::Null);
    assert_eq!(
        after["answers"][0]["text"],
        "Kreditor har ingen kopi av fakturaen."
    );
    assert_eq!(after["status"], "active");
}

async fn a_handler_reads_the_debtors_files_inline_and_nobody_else_does(db: &TestDb) {
    import_demo(db).await;
    let debtor = sends_receipt(db).await;
    let kari = handler(db, "kari.behandler").await;
    let case = staff_case(db, &kari, "20250002").await;
    let file = case["tasks"][0]["files"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let path = format!("/behandler/fil/{file}");
    let seen = get_with(db, &path, Some(&kari)).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert_eq!(
        seen.header(axum::http::header::CONTENT_TYPE),
        "application/pdf"
    );
    assert!(seen
        .header(axum::http::header::CONTENT_DISPOSITION)
        .starts_with("inline;"));
    assert!(seen
        .header(axum::http::header::CONTENT_SECURITY_POLICY)
        .starts_with("sandbox"));
    assert_eq!(
        seen.header(axum::http::header::X_CONTENT_TYPE_OPTIONS),
        "nosniff"
    );
    assert!(seen.body.starts_with("%PDF-"));
    assert_eq!(audited(db, "upload.viewed").await, 1);
    // The debtor's session, none, or an id that is no file: not found.
    assert_eq!(get_with(db, &path, Some(&debtor.cookie)).await.status, 404);
    assert_eq!(get_with(db, &path, None).await.status, 404);
    assert_eq!(
        get_with(db, "/behandler/fil/../../etc", Some(&kari))
            .await
            .status,
        404
    );
}

async fn a_task_waits_until_its_follow_up_date_and_comes_back(db: &TestDb) {
    import_demo(db).await;
    sends_receipt(db).await;
    let kari = handler(db, "kari.behandler").await;
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "receipt");
    let wait = |until: &'static str, version: String| {
        let task = task.clone();
        let kari = kari.clone();
        async move {
            post(
                db,
                "/behandler/api/wait",
                &[
                    ("case_number", "20250002"),
                    ("task_id", &task),
                    ("version", &version),
                    ("until", until),
                ],
                Some(&kari),
            )
            .await
        }
    };
    expect_says(&wait(TODAY, version.clone()).await, 400, "etter i dag");
    let waiting = wait("2026-12-12", version.clone()).await;
    assert_eq!(waiting.status, 200, "{}", waiting.body);
    // It has left the open inbox and is among the waiting ones, with its date.
    let open = post_json(
        db,
        "/behandler/api/inbox",
        crate::staff::OPEN_INBOX,
        Some(&kari),
    )
    .await;
    assert_eq!(
        json(&open.body)["items"].as_array().map(Vec::len),
        Some(0),
        "{}",
        open.body
    );
    let waiting_inbox = crate::staff::OPEN_INBOX.replace("\"Open\"", "\"Waiting\"");
    let listed = post_json(db, "/behandler/api/inbox", &waiting_inbox, Some(&kari)).await;
    assert_eq!(
        json(&listed.body)["items"][0]["waiting_until"],
        "2026-12-12"
    );
    // The old version is stale now.
    expect_says(
        &wait("2026-12-20", version).await,
        400,
        "endret av en annen",
    );
    assert_eq!(audited(db, "task.waiting").await, 1);
}

async fn a_case_is_held_resumed_and_closed_as_written_off(db: &TestDb) {
    import_demo(db).await;
    let debtor = logged_in(db, "20250002", "482915").await;
    let kari = handler(db, "kari.behandler").await;
    let act = |action: &'static str, reason: &'static str| {
        let kari = kari.clone();
        async move {
            post(
                db,
                "/behandler/api/case_action",
                &[
                    ("case_number", "20250002"),
                    ("action", action),
                    ("reason", reason),
                ],
                Some(&kari),
            )
            .await
        }
    };
    expect_says(&act("hold", "").await, 400, "Skriv begrunnelsen");
    assert_eq!(act("hold", "Venter på kreditor").await.status, 200);
    assert_eq!(case_status(db, "20250002").await, "on_hold");
    let page = debtor.get("/sak/20250002").await;
    assert!(page.body.contains("satt på vent"), "{}", page.body);
    assert_eq!(act("resume", "Kreditor svarte").await.status, 200);
    assert_eq!(case_status(db, "20250002").await, "active");
    expect_says(&act("resume", "Igjen").await, 400, "ikke en status");
    // Settled only when nothing is owed: 1 648,21 is.
    expect_says(&act("settle", "Betalt direkte").await, 400, "1\u{a0}648,21");
    assert_eq!(
        act("write_off", "Kreditor frafaller kravet").await.status,
        200
    );
    assert_eq!(case_status(db, "20250002").await, "written_off");
    let after = debtor.overview("20250002").await;
    assert_eq!(kr(&after["statement"]["total"]), "0.00");
    assert_eq!(kr(&after["statement"]["written_off"]), "1648.21");
    assert_eq!(kr(&after["statement"]["paid"]), "0.00");
    let page = debtor.get("/sak/20250002").await;
    assert!(
        page.body.contains("kreditor har frafalt det som gjensto"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Kreditor frafaller kravet"));
    assert_eq!(audited(db, "case.action").await, 3);
}

async fn cases_are_found_by_number_kid_invoice_or_name(db: &TestDb) {
    import_demo(db).await;
    let debtor = logged_in(db, "20250002", "482915").await;
    let kid = debtor.overview("20250002").await["kid"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let kari = handler(db, "kari.behandler").await;
    let found = |q: String| {
        let kari = kari.clone();
        async move { post(db, "/behandler/api/search", &[("query", &q)], Some(&kari)).await }
    };
    for q in [
        "20250002".to_string(),
        kid,
        "F-11870".into(),
        "ola hans".into(),
    ] {
        let reply = found(q.clone()).await;
        assert_eq!(reply.status, 200, "{q}: {}", reply.body);
        let hits = json(&reply.body);
        assert_eq!(hits.as_array().map(Vec::len), Some(1), "{q}: {hits}");
        assert_eq!(hits[0]["case_number"], "20250002", "{q}");
        assert_eq!(hits[0]["debtor_name"], "Ola Hansen");
    }
    // LIKE's wildcards are only themselves; too short is refused.
    assert_eq!(json(&found("%%".into()).await.body), serde_json::json!([]));
    expect_says(&found("a".into()).await, 400, "minst 2");
    let page = get_with(db, "/behandler?sok=Hansen", Some(&kari)).await;
    assert!(
        page.body.contains("data-testid=\"search-results\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("/behandler/sak/20250002"));
    let as_debtor = post(
        db,
        "/behandler/api/search",
        &[("query", "Hansen")],
        Some(&debtor.cookie),
    )
    .await;
    assert_eq!(as_debtor.status, 404);
}

async fn an_invoice_copy_is_attached_and_joins_the_debtors_documents(db: &TestDb) {
    import_demo(db).await;
    let debtor = logged_in(db, "20250002", "482915").await;
    let asked = debtor
        .post("/api/request_invoice_copy", &[("case_number", "20250002")])
        .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    let kari = handler(db, "kari.behandler").await;
    let (task, version) = task_of(&staff_case(db, &kari, "20250002").await, "invoice_copy");
    let path = "/behandler/sak/20250002/fakturakopi";
    // Without a file, or with a picture, nothing is kept.
    let answer = "Her er kopien.";
    let fields = || {
        vec![
            Part::Text("task_id", &task),
            Part::Text("version", &version),
            Part::Text("answer", answer),
        ]
    };
    let refused = post_multipart(db, path, &fields(), Some(&kari), false).await;
    assert_eq!(refused.status, 303, "{}", refused.body);
    assert!(refused
        .header(axum::http::header::LOCATION)
        .ends_with("?feil=fil"));
    let bytes = pdf();
    let mut parts = fields();
    parts.push(file("faktura F-11870.pdf", "application/pdf", &bytes));
    // A debtor's session cannot send it.
    assert_eq!(
        post_multipart(db, path, &parts, Some(&debtor.cookie), false)
            .await
            .status,
        404
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM documents WHERE case_id IN (SELECT id FROM cases WHERE case_number = '20250002')").await, 0);
    let sent = post_multipart(db, path, &parts, Some(&kari), false).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert!(sent
        .header(axum::http::header::LOCATION)
        .ends_with("?lagret=1"));
    let after = debtor.overview("20250002").await;
    assert_eq!(after["documents"][0]["kind"], "original_invoice");
    assert_eq!(
        after["documents"][0]["title"],
        "Kopi av opprinnelig faktura"
    );
    assert_eq!(after["answers"][0]["decision"], "invoice_copy_attached");
    let seen = staff_case(db, &kari, "20250002").await;
    assert_eq!(seen["documents"], after["documents"]);
    assert_eq!(after["invoice_copy_request"], serde_json::Value::Null);
    // The debtor downloads exactly what was sent; no stray files or pending marks are left.
    let id = after["documents"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let download = debtor.get(&format!("/dokument/{id}")).await;
    assert_eq!(download.status, 200);
    assert!(download.body.starts_with("%PDF-1.4") && download.body.ends_with("%%EOF\n"));
    assert_eq!(count(db, "SELECT COUNT(*) FROM pending_uploads").await, 0);
    assert_eq!(stored_uploads(db).len(), 1, "{:?}", stored_uploads(db));
}

on_both_databases!(
    an_invoice_copy_is_attached_and_joins_the_debtors_documents,
    cases_are_found_by_number_kid_invoice_or_name,
    a_handler_reads_the_debtors_files_inline_and_nobody_else_does,
    a_task_waits_until_its_follow_up_date_and_comes_back,
    a_case_is_held_resumed_and_closed_as_written_off,
    a_plan_beyond_the_rules_is_agreed_with_changes_by_the_same_calculator,
    a_deferral_beyond_the_rules_is_granted_with_the_amount_on_its_date,
    an_invoice_copy_request_is_answered_that_none_exists,
    the_answer_deadline_is_dated_data,
    a_receipt_registered_as_a_payment_is_allocated_and_answered,
    a_receipt_rejected_changes_no_figure,
    a_write_off_is_a_credit_line_with_its_reason,
    an_objection_upheld_or_sent_to_court_sets_the_status,
    a_decision_on_a_changed_task_is_refused_and_never_applied_twice,
    notes_stay_with_staff_and_every_endpoint_refuses_a_debtor,
);
