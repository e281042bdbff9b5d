//! Norsk bokmål.

use super::Texts;

pub static NB: Texts = Texts {
    lang: "nb",
    app_name: "Innfri Min side",
    agency_name: "Innfri Inkasso AS",
    skip_to_content: "Hopp til hovedinnhold",
    home_title: "Min side",
    home_lead:
        "Her ser du hva du skylder, hvorfor, og hvordan du kan ordne opp – når det passer deg.",
    home_what_heading: "Dette kan du gjøre på Min side",
    home_what_items: &[
        "se hva du skal betale i dag, og hva beløpet består av",
        "betale alt eller en del av kravet",
        "si fra hvis du er uenig i kravet, eller allerede har betalt",
        "be om utsettelse eller en nedbetalingsavtale",
        "få kopi av den opprinnelige fakturaen",
        "laste ned bekreftelse når saken er avsluttet",
    ],
    home_letter_hint:
        "Du logger inn med saksnummeret og koden som står i brevet du har fått fra oss.",
    rates_heading: "Satser som gjelder nå",
    rates_loading: "Henter satser …",
    rates_unavailable: "Satsene kan ikke vises akkurat nå. Prøv igjen litt senere.",
    rates_interest: |rate, from| format!("Forsinkelsesrenten er {rate} per år (fra {from})."),
    rates_collection_rate: |amount, from| format!("Inkassosatsen er {amount} (fra {from})."),
    rates_note:
        "Staten fastsetter forsinkelsesrenten hvert halvår og de høyeste gebyrene vi kan kreve.",
    footer_text: "Innfri Inkasso AS – Min side",
    not_found_title: "Siden finnes ikke",
    not_found_body: "Vi fant ikke siden du prøvde å åpne.",
    not_found_link: "Gå til forsiden",
    error_internal:
        "Noe gikk galt hos oss. Prøv igjen om litt. Ingenting av det du har sendt er tapt.",
    error_unavailable: "Tjenesten er ikke tilgjengelig akkurat nå. Prøv igjen om litt.",
    months: [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
};
