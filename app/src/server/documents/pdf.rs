//! The one PDF writer: a letter's lines drawn on A4 pages with the embedded DejaVu fonts, so
//! æøå print as they should. Both the closure letter and the plan letter are made here.

use crate::domain::{CaseId, CaseNumber};
use crate::error::AppError;
use crate::i18n::{format_date_long, t, Texts};
use crate::server::audit;
use crate::server::db::cases::CaseRow;
use crate::server::state::AppState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use std::sync::Arc;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Title(String),
    Text(String),
    Gap,
}

/// Who a letter is to, what case it is about, and its date.
pub struct Addressed {
    pub debtor_name: String,
    pub case_number: CaseNumber,
    pub creditor: String,
    pub letter_date: NaiveDate,
}

impl Addressed {
    pub fn to(case: &CaseRow, letter_date: NaiveDate) -> Addressed {
        Addressed {
            debtor_name: case.debtor_name.clone(),
            case_number: case.case_number.clone(),
            creditor: case.creditor_name.clone(),
            letter_date,
        }
    }
}

/// The start of every letter: from, date, to, title and case.
pub fn head(texts: &Texts, to: &Addressed, title: &str) -> Vec<Line> {
    vec![
        Line::Text(texts.agency_name.to_string()),
        Line::Text((texts.closure_letter_date)(&format_date_long(
            texts,
            to.letter_date,
        ))),
        Line::Gap,
        Line::Text((texts.closure_to)(&to.debtor_name)),
        Line::Gap,
        Line::Title(title.to_string()),
        Line::Gap,
        Line::Text((texts.closure_case)(to.case_number.as_str(), &to.creditor)),
    ]
}

/// The end of every letter.
pub fn foot(texts: &Texts) -> [Line; 3] {
    [
        Line::Gap,
        Line::Text(texts.closure_regards.to_string()),
        Line::Text(texts.agency_name.to_string()),
    ]
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

/// A letter made for the session's case, as a download: the PDF when there is one to make
/// (with an audit entry), `missing` with its status when there is not, and a plain message
/// when making it failed.
pub async fn respond(
    state: &AppState,
    case: &CaseId,
    made: Result<Option<(Vec<u8>, String)>, AppError>,
    audit_action: &str,
    missing: (StatusCode, &'static str),
) -> Response {
    match made {
        Ok(Some((pdf, title))) => {
            audit::note(&state.pool, audit_action, case, serde_json::json!({})).await;
            let disposition = super::content_disposition(&title, "application/pdf");
            super::attachment_response(pdf, "application/pdf", &disposition)
        }
        Ok(None) => missing.into_response(),
        // The cause was logged where it happened.
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, t().error_internal).into_response(),
    }
}

/// A rendering failure as the app's error, logged.
pub fn rendered(pdf: Result<Vec<u8>, String>) -> Result<Vec<u8>, AppError> {
    pdf.map_err(|e| AppError::internal(format_args!("pdf: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_by_words() {
        assert_eq!(wrap("en to tre fire", 7), vec!["en to", "tre", "fire"]);
        assert_eq!(wrap("kort", 80), vec!["kort"]);
    }
}
