//! "Bekreftelse på at saken er avsluttet": a PDF made on request for a settled case.

use super::pdf::{self, Addressed, Line};
use crate::domain::Statement;
use crate::error::AppError;
use crate::i18n::{format_date_long, t, Texts};
use crate::server::auth::session::case_of;
use crate::server::case::statement_on;
use crate::server::db;
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use tower_sessions::Session;

/// What the letter says about one case.
pub struct LetterFacts {
    pub to: Addressed,
    pub statement: Statement,
    pub settled_on: NaiveDate,
}

/// The letter's lines, in order. Kept apart from drawing so the wording can be tested.
pub fn lines(texts: &Texts, f: &LetterFacts) -> Vec<Line> {
    let date = |d| format_date_long(texts, d);
    let mut out = pdf::head(texts, &f.to, texts.closure_title);
    out.push(Line::Text(texts.closure_claims.to_string()));
    for c in &f.statement.claims {
        out.push(Line::Text((texts.closure_claim_line)(
            &c.claim.invoice_number,
            &c.claim.description,
            &date(c.claim.due_date),
            &texts.money(c.claim.principal),
        )));
    }
    out.extend([
        Line::Gap,
        Line::Text((texts.closure_paid)(&texts.money(f.statement.paid))),
        Line::Text((texts.closure_settled)(&date(f.settled_on))),
        Line::Gap,
    ]);
    out.extend(texts.closure_body.iter().map(|l| Line::Text(l.to_string())));
    out.extend(pdf::foot(texts));
    out
}

/// GET /dokument/avslutning: the letter for the session's case, once it is settled.
pub async fn download(State(state): State<AppState>, session: Session) -> Response {
    let texts = t();
    let Ok(case_id) = case_of(&session).await else {
        return (StatusCode::NOT_FOUND, texts.not_found_body).into_response();
    };
    let made = build(&state, &case_id).await;
    let missing = (StatusCode::CONFLICT, texts.closure_not_settled);
    pdf::respond(&state, &case_id, made, "closure_letter.downloaded", missing).await
}

#[tracing::instrument(skip(state))]
async fn build(
    state: &AppState,
    case_id: &crate::domain::CaseId,
) -> Result<Option<(Vec<u8>, String)>, AppError> {
    let case = db::cases::find_by_id(&state.pool, case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let statement = statement_on(&state.pool, case_id, state.today())
        .await?
        .statement;
    let Some(settled_on) = statement.settled_on() else {
        return Ok(None);
    };
    let facts = LetterFacts {
        to: Addressed::to(&case, state.today()),
        statement,
        settled_on,
    };
    let pdf = pdf::rendered(pdf::render(&lines(t(), &facts)))?;
    Ok(Some((
        pdf,
        (t().closure_file_name)(case.case_number.as_str()),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{statement, CaseLedger, CaseNumber, Claim, Nok, Payment, RateTable};

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
                credit: Default::default(),
            }],
        };
        let rates = RateTable::new(vec![(d("2025-01-01"), rust_decimal::Decimal::new(1250, 2))]);
        let statement = statement(&ledger, d("2026-11-24"), &rates).expect("rates");
        LetterFacts {
            to: Addressed {
                debtor_name: "Ingrid Bø".into(),
                case_number: CaseNumber::parse("20250090").expect("case number"),
                creditor: "Elektro AS".into(),
                letter_date: d("2026-11-24"),
            },
            settled_on: statement.settled_on().expect("settled"),
            statement,
        }
    }

    #[test]
    fn the_letter_says_who_what_how_much_and_when() {
        let text: Vec<String> = lines(&crate::i18n::NB, &facts())
            .into_iter()
            .filter_map(|l| match l {
                Line::Title(t) | Line::Text(t) => Some(t.replace('\u{a0}', " ")),
                Line::Gap => None,
            })
            .collect();
        for expected in [
            "Bekreftelse på at saken er avsluttet",
            "Til: Ingrid Bø",
            "Saksnummer 20250090, kreditor Elektro AS",
            "Faktura F-10410 (Kaffemaskin), forfall 1. februar 2025: 2 000,00 kr",
            "Betalt i alt: 2 000,00 kr",
            "Saken ble gjort opp 1. februar 2025.",
            "Dato: 24. november 2026",
        ] {
            assert!(text.contains(&expected.to_string()), "{expected}: {text:?}");
        }
    }

    fn text_of(texts: &Texts) -> Vec<String> {
        lines(texts, &facts())
            .into_iter()
            .filter_map(|l| match l {
                Line::Title(t) | Line::Text(t) => Some(t.replace('\u{a0}', " ")),
                Line::Gap => None,
            })
            .collect()
    }

    #[test]
    fn the_letter_is_written_in_english_and_in_polish_with_the_same_figures() {
        let english = text_of(&crate::i18n::EN);
        for expected in [
            "Confirmation that the case is closed",
            "To: Ingrid Bø",
            "Case number 20250090, creditor Elektro AS",
            "Invoice F-10410 (Kaffemaskin), due 1 February 2025: 2,000.00 kr",
            "Paid in all: 2,000.00 kr",
            "The case was settled on 1 February 2025.",
            "Date: 24 November 2026",
            "Kind regards",
        ] {
            assert!(
                english.contains(&expected.to_string()),
                "{expected}: {english:?}"
            );
        }
        let polish = text_of(&crate::i18n::PL);
        for expected in [
            "Potwierdzenie zamknięcia sprawy",
            "Do: Ingrid Bø",
            "Numer sprawy 20250090, wierzyciel Elektro AS",
            "Faktura F-10410 (Kaffemaskin), termin płatności 1 lutego 2025: 2 000,00 kr",
            "Zapłacono łącznie: 2 000,00 kr",
            "Sprawa została rozliczona 1 lutego 2025.",
            "Data: 24 listopada 2026",
            "Z poważaniem",
        ] {
            assert!(
                polish.contains(&expected.to_string()),
                "{expected}: {polish:?}"
            );
        }
        // Polish letters survive the embedded font into the PDF.
        let pdf = pdf::render(&lines(&crate::i18n::PL, &facts())).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn the_pdf_is_a_pdf_with_the_fonts_embedded() {
        let pdf = pdf::render(&lines(&crate::i18n::NB, &facts())).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(
            pdf.len() < 100_000,
            "subset fonts keep the letter small: {} bytes",
            pdf.len()
        );
    }
}
