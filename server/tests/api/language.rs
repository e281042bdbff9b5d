//! Min side in the debtor's language: bokmål, English or Polish, chosen once and kept.

use crate::helpers::{count, get_with, import_demo, logged_in, send, Reply, TestDb};
use axum::http::{header, Request};

/// Words of our bokmål texts that no English or Polish page of ours may say. Demo data (names,
/// invoice descriptions, what a handler wrote) is the debtor's own and is not in these pages'
/// text as scanned: see `visible_text`.
const BOKMAAL: &[&str] = &[
    "ikke",
    "og",
    "skal",
    "hvis",
    "betale",
    "Betal",
    "betalt",
    "saken",
    "Saken",
    "kravet",
    "Beløp",
    "beløpet",
    "Logg",
    "Hjelp",
    "avdrag",
    "dager",
    "gjelder",
    "Slik",
    "Dette",
    "hva",
    "Hva",
    "har",
    "eller",
    "deg",
    "din",
    "måned",
    "Kopier",
    "Last",
    "Svar",
    "fra",
    "Kvittering",
    "kvittering",
    "Innbetalinger",
    "Dokumenter",
    "Meldinger",
    "Renter",
    "Kostnader",
    "Hovedstol",
    "Forfallsdato",
    "Nedbetalingsavtale",
    "utsettelse",
    "Utsett",
    "valgfritt",
    "Velg",
    "Skriv",
    "januar",
    "februar",
    "desember",
    "mandag",
    "fredag",
    "kl",
    "Til",
    "innen",
    "senest",
];

/// A page's text as a reader meets it: the words between tags and the words of the attributes
/// read aloud or shown (aria-label, title, placeholder, alt, meta content), with scripts, the
/// islands' serialised props and the Norwegian terms we write in parentheses beside their
/// translation ("(forsinkelsesrente)") left out.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push(' ');
        let tag_and_after = &rest[start..];
        let Some(end) = tag_and_after.find('>') else {
            break;
        };
        let tag = &tag_and_after[..=end];
        for attribute in [
            "aria-label=\"",
            "title=\"",
            "placeholder=\"",
            "alt=\"",
            "content=\"",
        ] {
            if let Some(value) = tag
                .split(attribute)
                .nth(1)
                .and_then(|v| v.split('"').next())
            {
                text.push_str(value);
                text.push(' ');
            }
        }
        rest = &tag_and_after[end + 1..];
        if tag.starts_with("<script") || tag.starts_with("<style") {
            let close = if tag.starts_with("<script") {
                "</script>"
            } else {
                "</style>"
            };
            rest = rest.find(close).map_or("", |i| &rest[i..]);
        }
    }
    text.push_str(rest);
    // The Norwegian term beside its translation.
    let mut kept = String::new();
    let mut depth = 0;
    for c in text.replace("&quot;", "\"").replace("&amp;", "&").chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    kept
}

/// The bokmål words `text` says, each once.
fn bokmaal_in(text: &str, data: &[&str]) -> Vec<String> {
    let mut text = text.to_string();
    for own in data {
        text = text.replace(own, " ");
    }
    let words: std::collections::BTreeSet<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != 'æ' && c != 'ø' && c != 'å')
        .filter(|w| !w.is_empty())
        .collect();
    BOKMAAL
        .iter()
        .filter(|w| words.contains(**w))
        .map(|w| w.to_string())
        .collect()
}

async fn get_in(db: &TestDb, path: &str, cookies: &str) -> Reply {
    get_with(db, path, Some(cookies)).await
}

/// The debtors' own words in the demo (names, creditors, invoices, what was written to them),
/// which stay as written whatever the language.
const DEMO_DATA: &[&str] = &["Min side", "Innfri Inkasso AS", "Innfri", "Norsk"];

async fn every_debtor_page_reads_in_english_and_in_polish(db: &TestDb) {
    import_demo(db).await;
    let pages = [
        ("20250001", "739214", "/sak/20250001"),
        ("20250001", "739214", "/sak/20250001/innsigelse"),
        ("20250001", "739214", "/sak/20250001/kvittering"),
        ("20250001", "739214", "/sak/20250001/nedbetaling"),
        ("20250001", "739214", "/sak/20250001/utsettelse"),
        ("20250001", "739214", "/sak/20250001/meldinger"),
        ("20250090", "902614", "/sak/20250090"),
        ("20260042", "362904", "/sak/20260042"),
    ];
    // The scan has teeth: the bokmål page says these words.
    let kari = logged_in(db, "20250001", "739214").await;
    let bokmaal = get_in(db, "/sak/20250001", &kari.cookie).await;
    let found = bokmaal_in(&visible_text(&bokmaal.body), DEMO_DATA);
    assert!(found.len() > 20, "{found:?}");
    for lang in ["en", "pl"] {
        let choice = format!("innfri_lang={lang}");
        for path in ["/", "/hjelp", "/finnes-ikke"] {
            let page = get_in(db, path, &choice).await;
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\"")),
                "{path}"
            );
            let found = bokmaal_in(&visible_text(&page.body), DEMO_DATA);
            assert!(
                found.is_empty(),
                "{lang} {path} says {found:?}:\n{}",
                visible_text(&page.body)
            );
        }
        for (case_number, code, path) in pages {
            let debtor = logged_in(db, case_number, code).await;
            let cookies = format!("{}; {choice}", debtor.cookie);
            let page = get_in(db, path, &cookies).await;
            assert_eq!(page.status, 200, "{lang} {path}: {}", page.body);
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\"")),
                "{path}"
            );
            assert_eq!(page.header(header::CONTENT_LANGUAGE), lang);
            let case = overview_data(db, &cookies, case_number).await;
            let found = bokmaal_in(&visible_text(&page.body), &case);
            assert!(
                found.is_empty(),
                "{lang} {path} says {found:?}:\n{}",
                visible_text(&page.body)
            );
        }
    }
}

/// What the case's own data says (creditor, invoices, messages), which no translation touches.
async fn overview_data(db: &TestDb, cookies: &str, case_number: &str) -> Vec<&'static str> {
    let reply = crate::helpers::post(
        db,
        "/api/case_overview",
        &[("case_number", case_number)],
        Some(cookies),
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_default();
    let mut own: Vec<&'static str> = DEMO_DATA.to_vec();
    let mut strings = Vec::new();
    collect_strings(&json, &mut strings);
    own.extend(strings.into_iter().map(|s| &*Box::leak(s.into_boxed_str())));
    // Longest first, so a name is taken out before a word inside it.
    own.sort_by_key(|s| std::cmp::Reverse(s.len()));
    own
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if s.chars().any(char::is_alphabetic) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

async fn the_browser_decides_the_first_visit_and_the_workspace_stays_bokmaal(db: &TestDb) {
    let polish = send(
        db,
        Request::get("/")
            .header(header::ACCEPT_LANGUAGE, "pl-PL,pl;q=0.9,en;q=0.8")
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await;
    assert!(polish.body.contains("<html lang=\"pl\""));
    assert!(polish.body.contains("Zaloguj się"));
    assert_eq!(polish.header(header::CONTENT_LANGUAGE), "pl");
    // The switch: a link per language, each in its own language.
    for (code, name) in [("nb", "Norsk"), ("en", "English"), ("pl", "Polski")] {
        assert!(
            polish
                .body
                .contains(&format!("hreflang=\"{code}\" lang=\"{code}\"")),
            "{code}"
        );
        assert!(polish.body.contains(&format!(">{name}</a>")), "{name}");
    }
    // A chosen language wins over the browser's.
    let chosen = send(
        db,
        Request::get("/")
            .header(header::ACCEPT_LANGUAGE, "pl")
            .header(header::COOKIE, "innfri_lang=en")
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await;
    assert!(chosen.body.contains("<html lang=\"en\""));
    assert!(chosen.body.contains("Log in"));
    // Nothing of ours asked for: bokmål.
    let german = send(
        db,
        Request::get("/")
            .header(header::ACCEPT_LANGUAGE, "de-DE")
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await;
    assert!(german.body.contains("<html lang=\"nb\""));
    assert!(german.header(header::VARY).contains("Accept-Language"));
    // Staff are Norwegian: the workspace never follows the debtor's choice.
    let workspace = get_in(db, "/behandler/logg-inn", "innfri_lang=en").await;
    assert!(
        workspace.body.contains("<html lang=\"nb\""),
        "{}",
        workspace.body
    );
}

async fn the_choice_is_kept_in_a_cookie_and_on_the_case(db: &TestDb) {
    import_demo(db).await;
    let kari = logged_in(db, "20250001", "739214").await;
    let polish = "SELECT COUNT(*) FROM cases WHERE case_number = '20250001' AND language = 'pl'";
    // From another site: the cookie is set (it is the visitor's own browser), the case is not.
    let elsewhere = send(
        db,
        Request::get("/sprak/pl?til=/sak/20250001")
            .header(header::COOKIE, &kari.cookie)
            .header("sec-fetch-site", "cross-site")
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(elsewhere.status, 303);
    assert_eq!(count(db, polish).await, 0);
    // From our own page: both.
    let chosen = send(
        db,
        Request::get("/sprak/pl?til=%2Fsak%2F20250001")
            .header(header::COOKIE, &kari.cookie)
            .header("sec-fetch-site", "same-origin")
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(chosen.status, 303);
    assert_eq!(chosen.header(header::LOCATION), "/sak/20250001");
    let cookie = chosen.header(header::SET_COOKIE);
    assert!(cookie.starts_with("innfri_lang=pl;"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(count(db, polish).await, 1);
    // The way back is one of our own pages; an unknown language changes nothing.
    let away = get_with(db, "/sprak/en?til=https://evil.example/", None).await;
    assert_eq!(away.header(header::LOCATION), "/");
    let unknown = get_with(db, "/sprak/de?til=/hjelp", None).await;
    assert_eq!(unknown.header(header::LOCATION), "/hjelp");
    assert!(unknown.headers.get(header::SET_COOKIE).is_none());

    // Logging in from a fresh browser: the case's choice becomes the browser's.
    let fresh = crate::helpers::log_in(db, "20250001", "739214").await;
    let cookies: Vec<&str> = fresh
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("innfri_lang=pl;")),
        "{cookies:?}"
    );
    // Logging in having chosen English first: the case keeps English.
    crate::helpers::post(
        db,
        "/api/login",
        &[("case_number", "20250001"), ("access_code", "739214")],
        Some("innfri_lang=en"),
    )
    .await;
    let sql = "SELECT COUNT(*) FROM cases WHERE case_number = '20250001' AND language = 'en'";
    assert_eq!(count(db, sql).await, 1);
}

async fn letters_come_in_the_debtors_language(db: &TestDb) {
    import_demo(db).await;
    let ingrid = logged_in(db, "20250090", "902614").await;
    let english = get_in(
        db,
        "/dokument/avslutning",
        &format!("{}; innfri_lang=en", ingrid.cookie),
    )
    .await;
    assert_eq!(english.status, 200);
    assert!(english
        .header(header::CONTENT_DISPOSITION)
        .starts_with("attachment; filename=\"Confirmation case 20250090.pdf\""));
    let text = crate::documents::pdf_text(&english.bytes);
    for expected in [
        "Confirmation that the case is closed",
        "Date: 24 November 2026",
        "Invoice F-10410 (Kaffemaskin), due 1 February 2025: 2,000.00 kr",
        "Paid in all: 2,063.77 kr",
        "The case was settled on 15 March 2025.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let emma = logged_in(db, "20260042", "362904").await;
    let polish = get_in(
        db,
        "/dokument/nedbetalingsavtale",
        &format!("{}; innfri_lang=pl", emma.cookie),
    )
    .await;
    assert_eq!(polish.status, 200);
    let text = crate::documents::pdf_text(&polish.bytes);
    for expected in [
        "Plan spłaty w ratach",
        "Uzgodniono 5 lipca 2026: liczba rat 12, po 560,00 kr",
        "Dopłata za plan: 1 125,00 kr.",
        "1. 1 sierpnia 2026: 560,00 kr",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // A refusal is in the language too.
    let kari = logged_in(db, "20250001", "739214").await;
    let refused = get_in(
        db,
        "/dokument/avslutning",
        &format!("{}; innfri_lang=en", kari.cookie),
    )
    .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused.body.contains("The case is not paid yet"),
        "{}",
        refused.body
    );
}

on_both_databases!(
    every_debtor_page_reads_in_english_and_in_polish,
    the_browser_decides_the_first_visit_and_the_workspace_stays_bokmaal,
    the_choice_is_kept_in_a_cookie_and_on_the_case,
    letters_come_in_the_debtors_language,
);
