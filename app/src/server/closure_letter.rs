//! "Bekreftelse på at saken er avsluttet": a PDF made on request for a settled case.

use super::{audit, db, state::AppState};
use crate::domain::{statement, Nok, Statement};
use crate::i18n::{format_date_long, t};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use std::sync::Arc;
use tower_sessions::Session;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// What the letter says about one case.
pub struct LetterFacts {
    pub debtor_name: String,
    pub case_number: String,
    pub creditor: String,
    pub statement: Statement,
    pub settled_on: NaiveDate,
    pub letter_date: NaiveDate,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Title(String),
    Text(String),
    Gap,
}

/// The letter's lines, in order. Kept apart from drawing so the wording can be tested.
pub fn lines(f: &LetterFacts) -> Vec<Line> {
    let texts = t();
    let date = |d| format_date_long(texts, d);
    let paid: Nok = f.statement.paid;
    let mut out = vec![
        Line::Text(texts.agency_name.to_string()),
        Line::Text((texts.closure_letter_date)(&date(f.letter_date))),
        Line::Gap,
        Line::Text((texts.closure_to)(&f.debtor_name)),
        Line::Gap,
        Line::Title(texts.closure_title.to_string()),
        Line::Gap,
        Line::Text((texts.closure_case)(&f.case_number, &f.creditor)),
        Line::Text(texts.closure_claims.to_string()),
    ];
    for c in &f.statement.claims {
        out.push(Line::Text((texts.closure_claim_line)(
            &c.claim.invoice_number,
            &c.claim.description,
            &date(c.claim.due_date),
            &c.claim.principal.format(),
        )));
    }
    out.extend([
        Line::Gap,
        Line::Text((texts.closure_paid)(&paid.format())),
        Line::Text((texts.closure_settled)(&date(f.settled_on))),
        Line::Gap,
    ]);
    out.extend(texts.closure_body.iter().map(|l| Line::Text(l.to_string())));
    out.extend([
        Line::Gap,
        Line::Text(texts.closure_regards.to_string()),
        Line::Text(texts.agency_name.to_string()),
    ]);
    out
}

/// Draw the lines on A4 pages, wrapping long lines by words.
pub fn render(lines: &[Line]) -> Result<Vec<u8>, String> {
    let regular = Font::new(Arc::new(REGULAR.to_vec()).into(), 0).ok_or("font")?;
    let bold = Font::new(Arc::new(BOLD.to_vec()).into(), 0).ok_or("font")?;
    let (width, height, margin) = (595.0_f32, 842.0_f32, 56.0_f32);
    let mut document = Document::new();
    let mut y = margin;
    let mut page = document.start_page_with(PageSettings::from_wh(width, height).ok_or("page")?);
    let mut surface = page.surface();
    for line in lines {
        let (text, font, size) = match line {
            Line::Title(text) => (text.as_str(), bold.clone(), 16.0),
            Line::Text(text) => (text.as_str(), regular.clone(), 11.0),
            Line::Gap => {
                y += 10.0;
                continue;
            }
        };
        // About 2 characters per point of size fit in the text width at this size.
        let per_line = ((width - 2.0 * margin) / (size * 0.55)) as usize;
        for chunk in wrap(text, per_line) {
            y += size * 1.45;
            if y > height - margin {
                surface.finish();
                page.finish();
                page =
                    document.start_page_with(PageSettings::from_wh(width, height).ok_or("page")?);
                surface = page.surface();
                y = margin + size * 1.45;
            }
            surface.draw_text(
                Point::from_xy(margin, y),
                font.clone(),
                size,
                &chunk,
                false,
                TextDirection::Auto,
            );
        }
    }
    surface.finish();
    page.finish();
    document.finish().map_err(|e| format!("{e:?}"))
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    lines
}

/// Note in the audit log that a letter left for the debtor; a failure is only logged.
pub async fn downloaded(state: &AppState, case_id: &str, action: &str) {
    if let Err(e) = audit::record(
        &state.pool,
        "debtor",
        action,
        Some(case_id),
        &serde_json::json!({}),
    )
    .await
    {
        tracing::error!(error = %e, "audit failed");
    }
}

/// A PDF made for the session's case, as an attachment that is never cached.
pub fn pdf_response(pdf: Vec<u8>, title: &str) -> Response {
    let mut response = pdf.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    let disposition = super::documents::content_disposition(title, "application/pdf");
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// GET /dokument/avslutning: the letter for the session's case, once it is settled.
pub async fn download(State(state): State<AppState>, session: Session) -> Response {
    let texts = t();
    let Ok(case_id) = super::session::case_of(&session).await else {
        return (StatusCode::NOT_FOUND, texts.not_found_body).into_response();
    };
    match build(&state, &case_id).await {
        Ok(Some((pdf, case_number))) => {
            downloaded(&state, &case_id, "closure_letter.downloaded").await;
            pdf_response(pdf, &format!("Bekreftelse sak {case_number}"))
        }
        Ok(None) => (StatusCode::CONFLICT, texts.closure_not_settled).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "closure letter failed");
            (StatusCode::INTERNAL_SERVER_ERROR, texts.error_internal).into_response()
        }
    }
}

async fn build(state: &AppState, case_id: &str) -> Result<Option<(Vec<u8>, String)>, String> {
    let case = db::cases::find_by_id(&state.pool, case_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no case")?;
    let rates = db::rates::interest_table(&state.pool)
        .await
        .map_err(|e| e.to_string())?;
    let mut conn = state.pool.acquire().await.map_err(|e| e.to_string())?;
    let ledger = db::cases::ledger(&mut conn, case_id)
        .await
        .map_err(|e| e.to_string())?;
    let statement = statement(&ledger, state.today(), &rates).map_err(|e| e.to_string())?;
    let Some(settled_on) = statement.settled_on() else {
        return Ok(None);
    };
    let facts = LetterFacts {
        debtor_name: case.debtor_name,
        case_number: case.case_number.clone(),
        creditor: case.creditor_name,
        statement,
        settled_on,
        letter_date: state.today(),
    };
    let pdf = render(&lines(&facts))?;
    Ok(Some((pdf, case.case_number)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CaseLedger, Claim, Payment, RateTable};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn facts() -> LetterFacts {
        let ledger = CaseLedger {
            claims: vec![Claim {
                invoice_number: "F-10410".into(),
                description: "Kaffemaskin".into(),
                invoice_date: d("2025-01-18"),
                due_date: d("2025-02-01"),
                principal: Nok::from_ore(200_000),
            }],
            costs: vec![],
            payments: vec![Payment {
                date: d("2025-02-01"),
                amount: Nok::from_ore(200_000),
                reference: "b".into(),
            }],
        };
        let rates = RateTable::new(vec![(d("2025-01-01"), rust_decimal::Decimal::new(1250, 2))]);
        let statement = statement(&ledger, d("2026-11-24"), &rates).expect("rates");
        LetterFacts {
            debtor_name: "Ingrid Bø".into(),
            case_number: "20250090".into(),
            creditor: "Elektro AS".into(),
            settled_on: statement.settled_on().expect("settled"),
            statement,
            letter_date: d("2026-11-24"),
        }
    }

    #[test]
    fn the_letter_says_who_what_how_much_and_when() {
        let text: Vec<String> = lines(&facts())
            .into_iter()
            .filter_map(|l| match l {
                Line::Title(t) | Line::Text(t) => Some(t.replace('\u{a0}', " ")),
                Line::Gap => None,
            })
            .collect();
        assert!(
            text.contains(&"Bekreftelse på at saken er avsluttet".to_string()),
            "{text:?}"
        );
        assert!(text.contains(&"Til: Ingrid Bø".to_string()), "{text:?}");
        assert!(
            text.contains(&"Saksnummer 20250090, kreditor Elektro AS".to_string()),
            "{text:?}"
        );
        assert!(
            text.contains(
                &"Faktura F-10410 (Kaffemaskin), forfall 1. februar 2025: 2 000,00 kr".to_string()
            ),
            "{text:?}"
        );
        assert!(
            text.contains(&"Betalt i alt: 2 000,00 kr".to_string()),
            "{text:?}"
        );
        assert!(
            text.contains(&"Saken ble gjort opp 1. februar 2025.".to_string()),
            "{text:?}"
        );
        assert!(
            text.contains(&"Dato: 24. november 2026".to_string()),
            "{text:?}"
        );
    }

    #[test]
    fn the_pdf_is_a_pdf_with_the_fonts_embedded() {
        let pdf = render(&lines(&facts())).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(
            pdf.len() < 100_000,
            "subset fonts keep the letter small: {} bytes",
            pdf.len()
        );
    }

    #[test]
    fn long_lines_wrap_by_words() {
        assert_eq!(wrap("en to tre fire", 7), vec!["en to", "tre", "fire"]);
        assert_eq!(wrap("kort", 80), vec!["kort"]);
    }
}
