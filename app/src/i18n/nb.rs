//! Norsk bokmål.

use super::{HelpTopic, Texts};
use crate::domain::objection::ObjectionReason;
use crate::domain::{CostKind, TaskKind};

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
    error_bad_request: "Vi kunne ikke lese det som ble sendt. Last siden på nytt og prøv igjen.",
    error_cross_site: "Skjemaet kom ikke fra Min side. Åpne Min side og send det derfra.",
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
    login_heading: "Logg inn",
    login_case_number_label: "Saksnummer",
    login_case_number_hint: "Står øverst i brevet fra oss, for eksempel 20250001.",
    login_code_label: "Kode fra brevet",
    login_code_hint: "Den personlige koden står i brevet, rett under saksnummeret.",
    login_submit: "Logg inn",
    login_pending: "Logger inn …",
    login_failed: "Saksnummeret eller koden stemmer ikke. Sjekk brevet og prøv igjen.",
    login_locked: |m| format!(
        "Det er gjort for mange forsøk med dette saksnummeret. For å beskytte saken er innloggingen stengt i {m} minutter. Prøv igjen etterpå."
    ),
    login_too_many: |m| format!(
        "Det er gjort for mange mislykkede forsøk fra din tilkobling. Prøv igjen om {m} minutter."
    ),
    login_busy: "Mange logger inn akkurat nå. Vent et par sekunder og prøv igjen.",
    login_input_invalid: "Skriv saksnummeret med sifre, og koden slik den står i brevet.",
    login_needed: "Du er ikke logget inn, eller du har vært borte en stund og er logget ut. Logg inn igjen med saksnummeret og koden fra brevet.",
    login_again: "Til innlogging",
    logged_out: "Du er logget ut.",
    logout: "Logg ut",
    help_link: "Hjelp og spørsmål",

    case_loading: "Henter saken din …",
    case_title: |n| format!("Sak {n}"),
    case_creditor: |c| format!("Krav fra {c}"),
    status_label: "Status",
    status_active: "Ikke betalt – vi krever inn beløpet",
    status_settled: "Betalt – saken er avsluttet",
    status_other: "Saken er til behandling hos oss",
    to_pay_today: "Å betale i dag",
    valid_for: |date| format!("Beløpet gjelder for betaling {date}."),
    per_day: |amount| format!("Betaler du senere, kommer det til {amount} i rente for hver dag."),
    nothing_to_pay: "Du har ingenting å betale. Takk for betalingen!",
    overpaid_note: |amount| format!("Du har betalt {amount} for mye. Vi betaler det tilbake til deg."),
    on_the_way: |amount, date| format!("Betaling på vei: du har meldt at du betalte {amount} {date}. Det kan ta 1–3 virkedager før betalingen kommer fram til oss."),

    pay_heading: "Slik betaler du",
    pay_account: "Kontonummer",
    pay_kid: "KID",
    pay_amount: "Beløp",
    pay_due: "Betal innen",
    pay_kid_note: "Bruk KID-nummeret når du betaler i nettbanken, så finner betalingen riktig sak.",
    copy: "Kopier",
    copy_what: |what| format!("Kopier {what}"),
    copied: |what| format!("{what} er kopiert"),
    copy_failed: |what| format!("{what} kunne ikke kopieres her. Merk teksten og kopier den selv."),
    amount_legend: "Hvor mye vil du betale nå?",
    amount_all: "Hele beløpet",
    amount_part: "Et annet beløp",
    amount_part_label: "Beløp i kroner",
    amount_part_hint: "For eksempel 500 eller 1250,50.",
    part_empty: "Skriv inn hvor mye du vil betale.",
    part_not_a_number: "Beløpet kan bare inneholde sifre og komma, for eksempel 1250,50.",
    part_too_many_decimals: "Beløpet kan ha høyst to sifre etter komma.",
    part_not_positive: "Beløpet må være større enn 0 kroner.",
    part_above_total: |total| format!("Beløpet kan ikke være større enn det du skylder i dag, {total}."),
    part_explained: "Betaler du en del, går pengene først til kostnadene, så til rentene og til slutt til hovedstolen. Renten løper videre på den delen av hovedstolen som ikke er betalt.",

    breakdown_heading: "Dette består beløpet av",
    claims_heading: "Kravet",
    col_invoice: "Faktura",
    col_description: "Gjelder",
    col_invoice_date: "Fakturadato",
    col_due_date: "Forfallsdato",
    col_principal: "Hovedstol",
    col_remaining: "Gjenstår",
    col_date: "Dato",
    col_amount: "Beløp",
    col_what: "Hva",
    interest_heading: "Forsinkelsesrente",
    interest_claim: |invoice, amount| format!("Faktura {invoice}: {amount} i rente i alt"),
    interest_period: |from, to, days, rate, principal| {
        let dager = if days == 1 { "dag" } else { "dager" };
        format!("{from} – {to}: {days} {dager} med {rate} per år av {principal}")
    },
    interest_none: "Det har ikke påløpt rente.",
    interest_help: "Hva er forsinkelsesrente?",
    costs_heading: "Kostnader",
    costs_none: "Det er ikke lagt til kostnader i saken.",
    costs_state_max: "Staten fastsetter de høyeste gebyrene vi har lov til å kreve.",
    costs_help: "Hva er utenrettslige og rettslige kostnader?",
    cost_name: |kind| match kind {
        CostKind::ReminderFee => "Purregebyr",
        CostKind::CollectionNoticeFee => "Gebyr for inkassovarsel",
        CostKind::PaymentDemandFee => "Gebyr for betalingsoppfordring",
        CostKind::CollectionFee => "Inkassosalær",
        CostKind::AgreementFee => "Gebyr for betalingsavtale",
        CostKind::LegalFee => "Rettslige kostnader",
        CostKind::Other => "Andre kostnader",
    },
    cost_explained: |kind| match kind {
        CostKind::ReminderFee => "for påminnelsen om at fakturaen ikke var betalt",
        CostKind::CollectionNoticeFee => "for varselet om at saken ville gå til inkasso",
        CostKind::PaymentDemandFee => "for oppfordringen fra kreditor om å betale",
        CostKind::CollectionFee => "for arbeidet med å kreve inn saken",
        CostKind::AgreementFee => "for å lage en avtale om å betale i deler",
        CostKind::LegalFee => "gebyr til namsmannen eller retten, som kreditor har betalt",
        CostKind::Other => "andre kostnader i saken",
    },
    payments_heading: "Innbetalinger",
    payments_none: "Vi har ikke mottatt noen innbetalinger ennå.",
    payment_line: |amount, date| format!("{amount} mottatt {date}"),
    to_costs: "til kostnader",
    to_interest: |invoice| format!("til rente på faktura {invoice}"),
    to_principal: |invoice| format!("til hovedstol på faktura {invoice}"),
    to_refund: "betalt for mye – betales tilbake",
    remaining_heading: "Dette gjenstår",
    remaining_principal: "Hovedstol",
    remaining_interest: "Renter",
    remaining_costs: "Kostnader",
    remaining_total: "Å betale i dag",
    if_not_paid_heading: "Hva skjer hvis du ikke betaler?",
    if_not_paid: &[
        "Renten løper for hver dag, og det kan komme flere gebyrer.",
        "Saken kan bli registrert som en betalingsanmerkning, som kan gjøre det vanskeligere å få lån eller kreditt.",
        "Saken kan sendes til namsmannen (namsfogden). Namsmannen kan for eksempel trekke penger fra lønnen din eller ta pant i det du eier.",
        "Kan du ikke betale alt nå, ta kontakt med oss. Vi finner ofte en løsning sammen.",
    ],
    if_not_paid_help: "Les mer om hva som kan skje",

    paid_heading: "Har du allerede betalt?",
    paid_lead: "Har du betalt i nettbanken, men ser ikke betalingen her ennå? Fortell oss når og hvor mye du betalte, så vet vi at pengene er på vei.",
    paid_date_label: "Dato du betalte",
    paid_amount_label: "Beløp du betalte",
    paid_submit: "Send melding om betaling",
    paid_thanks: "Takk! Vi har registrert at du har betalt. Betalingen vises her når den har kommet fram til oss.",
    paid_date_invalid: "Skriv datoen du betalte, for eksempel 24.11.2026.",
    paid_date_out_of_range: "Datoen kan ikke være etter i dag eller mer enn et år tilbake.",
    paid_amount_invalid: "Skriv beløpet du betalte i kroner, større enn 0, for eksempel 1250,50.",

    documents_heading: "Dokumenter",
    documents_none: "Det er ingen dokumenter i saken ennå.",
    document_line: |date, size| format!("{date}, {size}"),
    invoice_heading: "Har du ikke fått fakturaen?",
    invoice_here: "Den opprinnelige fakturaen ligger her, og du kan laste den ned:",
    invoice_missing: "Vi har ikke fakturaen i saken ennå. Be om en kopi, så henter vi den fra kreditor og sender den til deg.",
    invoice_request: "Be om kopi av fakturaen",
    invoice_requested: |reference, asked, due| format!(
        "Du ba om en kopi av fakturaen {asked} (referanse {reference}). Du får den av oss senest {due}."
    ),
    invoice_already_here: "Fakturaen ligger allerede under Dokumenter, og du kan laste den ned der.",

    status_objection: "Innsigelse registrert – innkrevingen er stanset",
    status_court: "Saken er sendt til forliksrådet eller retten – innkrevingen står stille til de har avgjort den",
    status_on_hold: "Saken er satt på vent hos oss – innkrevingen står stille til vi tar kontakt",
    status_written_off: "Saken er avsluttet – kreditor har frafalt det som gjensto",
    objection_link: "Jeg er uenig i kravet",
    objection_title: "Jeg er uenig i kravet",
    objection_lead: "Fortell oss hvorfor du mener kravet er feil. Når du har sendt inn, stanser vi innkrevingen mens vi undersøker saken med kreditor, og du får svar fra oss innen 14 dager.",
    objection_reason_legend: "Hvorfor er du uenig?",
    objection_reason: |reason| match reason {
        ObjectionReason::NotBought => "Jeg har ikke kjøpt varen eller tjenesten",
        ObjectionReason::AlreadyPaid => "Jeg har allerede betalt",
        ObjectionReason::WrongAmount => "Beløpet er feil",
        ObjectionReason::Defective => "Varen eller tjenesten var mangelfull",
        ObjectionReason::Other => "Annet",
    },
    objection_explanation_label: "Forklar hva som er feil",
    objection_explanation_hint: "Skriv så konkret du kan: datoer, beløp og hva som skjedde.",
    objection_done_label: "Hva har du gjort så langt? (valgfritt)",
    objection_done_hint: "For eksempel klaget til selgeren, eller sendt varen tilbake.",
    objection_contacted_legend: "Har du selv tatt kontakt med selgeren om dette?",
    yes: "Ja",
    no: "Nei",
    objection_contacted_on_label: "Når tok du kontakt? (valgfritt)",
    objection_outcome_label: "Hva ble resultatet? (valgfritt)",
    objection_submit: "Send innsigelsen",
    objection_pending: "Sender …",
    objection_back: "Tilbake til saken",
    objection_registered: |reference, date, due| format!(
        "Vi har registrert innsigelsen din {date} (referanse {reference}). Innkrevingen er stanset mens vi undersøker saken med kreditor. Du får svar fra oss senest {due}."
    ),
    objection_reason_missing: "Velg hvorfor du er uenig i kravet.",
    objection_explanation_missing: "Skriv hva som er feil med kravet.",
    objection_explanation_too_long: "Forklaringen kan ha høyst 4000 tegn.",
    objection_text_too_long: "Hvert tekstfelt kan ha høyst 2000 tegn.",
    objection_contact_missing: "Svar på om du har tatt kontakt med selgeren.",
    objection_contact_date_invalid: "Skriv datoen du tok kontakt, for eksempel 1.11.2026.",
    objection_contact_date_future: "Datoen du tok kontakt kan ikke være etter i dag.",
    form_reload: "Skjemaet er for gammelt. Last siden på nytt og prøv igjen. Ingenting er sendt.",
    attachments_label: "Dokumentasjon (valgfritt)",
    attachments_hint: "Har du kvittering, kontrakt, bilder eller e-post med selgeren, kan du legge ved opptil 5 filer: PDF, JPEG, PNG eller HEIC (bilde fra iPhone), høyst 10 MB per fil.",

    status_receipt: "Kvittering mottatt – vi undersøker saken",
    receipt_link: "Jeg har allerede betalt – send kvittering",
    receipt_title: "Jeg har allerede betalt",
    receipt_lead: "Har du betalt, men ser ikke betalingen her? Send oss kvitteringen, for eksempel en skjermdump fra nettbanken eller et bilde av kvitteringen. Vi undersøker saken og svarer deg innen 14 dager.",
    receipt_files_label: "Kvittering",
    receipt_files_hint: "1 til 5 filer: PDF, JPEG, PNG eller HEIC (bilde fra iPhone), høyst 10 MB per fil.",
    receipt_paid_on_label: "Når betalte du? (valgfritt)",
    receipt_amount_label: "Hvor mye betalte du? (valgfritt)",
    receipt_amount_hint: "I kroner, for eksempel 1 250,50.",
    receipt_comment_label: "Kommentar (valgfritt)",
    receipt_comment_hint: "For eksempel hvem du betalte til, eller fra hvilken konto.",
    receipt_submit: "Send kvitteringen",
    receipt_registered: |reference, date, due| format!(
        "Kvittering mottatt {date} (referanse {reference}). Vi undersøker saken og svarer deg senest {due}. Beløpet her endres først når vi har funnet betalingen."
    ),
    receipt_answered: |reference, date| format!(
        "Kvitteringen du sendte {date} (referanse {reference}) er behandlet."
    ),
    receipt_date_invalid: "Skriv datoen du betalte, for eksempel 20.11.2026.",
    receipt_date_future: "Datoen du betalte kan ikke være etter i dag.",
    receipt_date_too_old: "Datoen er mer enn tre år tilbake. Sjekk at året er riktig.",
    receipt_amount_invalid: "Skriv beløpet i kroner, for eksempel 1 250,50. Beløpet må være større enn null.",
    receipt_comment_too_long: "Kommentaren kan ha høyst 2000 tegn.",
    files_sent: "Filer du sendte:",
    file_size: |size| format!("({size})"),
    files_chosen: "Valgte filer:",

    upload_no_files: "Velg minst én fil med kvitteringen.",
    upload_too_many: "Du kan sende høyst 5 filer om gangen.",
    upload_too_large: |name| format!(
        "{name} er større enn 10 MB. Ta et nytt bilde med lavere oppløsning, eller del dokumentet i flere filer."
    ),
    upload_empty: |name| format!("{name} er tom. Velg filen på nytt."),
    upload_wrong_type: |name| format!(
        "{name} er ikke en PDF, JPEG, PNG eller HEIC. Vi ser på hva filen inneholder, ikke bare på navnet."
    ),
    upload_one_file: "En av filene",
    upload_interrupted: "Opplastingen ble avbrutt før alt kom fram, og ingenting er lagret. Sjekk nettforbindelsen og prøv igjen.",
    upload_too_many_forms: "Du har sendt mange skjemaer med filer den siste timen. Vent litt og prøv igjen, eller ta kontakt med oss.",
    upload_case_full: "Saken har fått så mange filer som den kan ta imot. Ingenting av dette er lagret. Ta kontakt med oss hvis du har mer å sende.",
    upload_progress_label: "Opplasting",
    upload_progress: |percent, sent, total| format!("Sender … {percent} % ({sent} av {total})"),
    upload_saving: "Alt er sendt. Vi lagrer filene …",

    closure_heading: "Bekreftelse på at saken er avsluttet",
    closure_download: "Last ned bekreftelsen (PDF)",
    closure_pending: |remaining| format!(
        "Når alt er betalt, kan du laste ned en bekreftelse på at saken er avsluttet her. Det gjenstår {remaining}."
    ),
    closure_not_settled: "Saken er ikke betalt ennå, så vi kan ikke bekrefte at den er avsluttet. Se hva som gjenstår på Min side.",
    closure_title: "Bekreftelse på at saken er avsluttet",
    closure_letter_date: |date| format!("Dato: {date}"),
    closure_to: |name| format!("Til: {name}"),
    closure_case: |case_number, creditor| format!("Saksnummer {case_number}, kreditor {creditor}"),
    closure_claims: "Saken gjaldt:",
    closure_claim_line: |invoice, description, due, amount| format!("Faktura {invoice} ({description}), forfall {due}: {amount}"),
    closure_paid: |amount| format!("Betalt i alt: {amount}"),
    closure_settled: |date| format!("Saken ble gjort opp {date}."),
    closure_body: &[
        "Kravet er betalt i sin helhet, med renter og kostnader. Du skylder ikke noe mer i denne saken, og vi har avsluttet den.",
        "Er det registrert en betalingsanmerkning på grunn av saken, blir den slettet.",
    ],
    closure_regards: "Med vennlig hilsen",

    timeline_heading: "Hva har skjedd i saken",
    timeline_empty: "Ingenting ennå.",
    timeline_payment_received: |amount| format!("Vi mottok {amount}."),
    timeline_payment_reported: |amount| format!("Du meldte at du betalte {amount}."),
    timeline_request: |kind, reference, open, due| {
        let what = match kind {
            TaskKind::Objection => "Du sendte en innsigelse mot kravet",
            TaskKind::InvoiceCopy => "Du ba om kopi av fakturaen",
            TaskKind::Receipt => "Du sendte kvittering for en betaling",
            TaskKind::InstalmentPlan => "Du sendte forslag til nedbetalingsavtale",
            TaskKind::Deferral => "Du ba om utsettelse",
            TaskKind::Message => "Du skrev til oss",
            TaskKind::UnmatchedPayment => "Vi fikk en innbetaling vi ikke kunne knytte til saken",
        };
        if open {
            format!("{what} (referanse {reference}). Vi svarer senest {due}.")
        } else {
            format!("{what} (referanse {reference}). Vi har svart.")
        }
    },
    timeline_collection_stopped: "Innkrevingen ble stanset mens vi undersøker saken.",
    timeline_file_sent: |name, size| format!("Du sendte filen «{name}» ({size})."),
    timeline_answered: |kind, reference| {
        let what = match kind {
            TaskKind::Objection => "innsigelsen din",
            TaskKind::InvoiceCopy => "forespørselen om fakturakopi",
            TaskKind::Receipt => "kvitteringen din",
            TaskKind::InstalmentPlan => "forslaget ditt til nedbetalingsavtale",
            TaskKind::Deferral => "forespørselen om utsettelse",
            TaskKind::Message => {
                return format!("Vi svarte på meldingen din (referanse {reference}). Svaret står under «Meldinger».");
            }
            TaskKind::UnmatchedPayment => "innbetalingen",
        };
        format!("Vi svarte på {what} (referanse {reference}). Svaret står under «Svar fra oss».")
    },
    timeline_written_off: |amount, reason| format!("Kreditor frafalt {amount} av kravet: {reason}."),
    timeline_payment_reversed: |amount| format!(
        "Banken tok tilbake {amount} av en betaling (for eksempel fordi betalingen ble stanset). Beløpet regnes ikke som betalt."
    ),
    timeline_settled: "Alt er betalt, og saken er avsluttet. Bekreftelsen kan du laste ned på denne siden.",
    write_off_line: |amount, date, reason| format!("{amount} frafalt av kreditor {date}: {reason}"),
    answers_heading: "Svar fra oss",
    answer_heading: |kind, reference| {
        let what = match kind {
            TaskKind::Objection => "Svar på innsigelsen",
            TaskKind::InvoiceCopy => "Svar om fakturakopi",
            TaskKind::Receipt => "Svar på kvitteringen",
            TaskKind::InstalmentPlan => "Svar på forslaget til nedbetalingsavtale",
            TaskKind::Deferral => "Svar på forespørselen om utsettelse",
            TaskKind::Message => "Svar på meldingen",
            TaskKind::UnmatchedPayment => "Om innbetalingen",
        };
        format!("{what} (referanse {reference})")
    },
    answer_date: |date| format!("Besvart {date}"),
    objection_answered: |reference, date| format!(
        "Vi har svart på innsigelsen din (referanse {reference}) {date}. Svaret står under «Svar fra oss»."
    ),
    objection_in_court: |reference, date| format!(
        "Innsigelsen din (referanse {reference}) er besvart {date}: saken sendes til forliksrådet eller retten. Innkrevingen står stille til den er avgjort."
    ),

    status_plan: "Nedbetalingsavtale – betal avdragene til avtalt tid",
    plan_link: "Jeg kan ikke betale alt nå – lag en nedbetalingsavtale",
    plan_title: "Nedbetalingsavtale",
    plan_lead: "Betal litt hver måned til alt er betalt. Du ser hva avtalen koster, og når saken er betalt, før du godtar den.",
    plan_rules_heading: "Dette kan du avtale selv",
    plan_rule_max: |max| format!("Opptil {max} månedlige avdrag."),
    plan_rule_min: |minimum, floor, divisor| format!(
        "Hvert avdrag må være minst {minimum} (minst {floor} og minst 1/{divisor} av det du skylder). Det siste kan være mindre."
    ),
    plan_rule_supplement: |after, amount| format!(
        "Med mer enn {after} avdrag kommer et tillegg på {amount} for avtalen (1,5 ganger inkassosatsen, som staten fastsetter). Tillegget betales med det første avdraget."
    ),
    plan_rule_blockers: "Du kan ikke lage avtale selv mens vi behandler en innsigelse, mens en annen avtale løper, eller når saken er hos namsmannen. Da kan du sende oss et forslag.",
    plan_mode_legend: "Hvordan vil du betale?",
    plan_mode_amount: "Et fast beløp hver måned",
    plan_mode_months: "Over et antall måneder",
    plan_amount_label: "Beløp per måned (kr)",
    plan_months_label: "Antall måneder",
    plan_day_label: "Betalingsdag i måneden",
    plan_day_hint: "En dag fra 1 til 28, for eksempel dagen etter at du får lønn.",
    plan_show: "Vis avtalen",
    plan_preview_heading: "Slik blir avtalen",
    plan_summary_one: |last| format!("1 avdrag på {last}"),
    plan_summary_many: |count, rest, monthly, last| {
        format!("{count} avdrag: {rest} på {monthly} og det siste på {last}")
    },
    plan_summary_first: |date| format!("Første avdrag: {date}"),
    plan_summary_settled: |date| format!("Saken er betalt: {date}"),
    plan_summary_interest: "Renter mens avtalen løper",
    plan_summary_supplement: "Tillegg for avtale med mer enn fire avdrag",
    plan_summary_total: "Du betaler i alt",
    plan_summary_today: "Betaler du alt i dag",
    plan_summary_extra: |extra| format!("Avtalen koster deg {extra} mer enn å betale alt i dag."),
    plan_summary_rate_note: "Rentene er regnet med forsinkelsesrenten som gjelder i dag. Endrer staten renten, endres rentene i avtalen like mye.",
    plan_schedule_heading: "Avdragene",
    plan_col_number: "Nr.",
    plan_outside_heading: "Denne avtalen kan du ikke godta selv",
    plan_breach: |breach| {
        use crate::domain::plan::RuleBreach as B;
        match breach {
            B::TooManyInstalments { max } => format!("Den har flere enn {max} avdrag."),
            B::InstalmentTooSmall { minimum } => format!("Avdragene er mindre enn {}.", minimum.format()),
            B::DeferralTooLong { latest } => {
                format!("Den nye datoen er etter {}.", super::format_date_long(&NB, *latest))
            }
            B::DeferralAlreadyUsed => "Du har allerede fått utsettelse i denne saken.".to_string(),
        }
    },
    plan_confirm_label: "Jeg har sett hva avtalen koster, og vil betale avdragene på datoene over.",
    plan_accept: "Godta avtalen",
    plan_request_lead: "Du kan sende oss forslaget, så vurderer vi det og svarer deg innen 14 dager. Fortell gjerne hvorfor, og hvordan økonomien din ser ut.",
    plan_reason_label: "Hvorfor trenger du denne avtalen?",
    plan_income_label: "Inntekt per måned etter skatt (valgfritt, kr)",
    plan_expenses_label: "Faste utgifter per måned (valgfritt, kr)",
    plan_budget_hint: "For eksempel husleie, strøm, lån og barnehage.",
    plan_budget_left: |left, monthly| format!(
        "Du har {left} igjen i måneden etter faste utgifter. Avdraget du foreslår er {monthly}."
    ),
    plan_remaining: |amount| format!("Igjen å betale i dag: {amount}."),
    plan_request_submit: "Send forslaget",
    plan_blocker: |blocker| {
        use crate::domain::plan::Blocker as B;
        match blocker {
            B::ObjectionOpen => "Vi behandler en innsigelse i saken, og innkrevingen er stanset.",
            B::PlanActive => "Du har allerede en nedbetalingsavtale i denne saken.",
            B::WithEnforcementOfficer => "Saken er hos namsmannen.",
        }
    },
    plan_blocked: "Du kan ikke lage en avtale selv i denne saken nå. Send oss et forslag i stedet.",
    plan_outside_rules: "Avtalen er utenfor det du kan avtale selv. Send oss forslaget i stedet.",
    plan_figures_changed: "Tallene har endret seg siden siden ble vist. Se over avtalen på nytt før du godtar den. Ingenting er lagret.",
    plan_reason_missing: "Skriv kort hvorfor du trenger denne avtalen.",
    plan_budget_invalid: "Skriv inntekt og utgifter som kronebeløp, for eksempel 25 000.",
    plan_day_invalid: "Velg en betalingsdag fra 1 til 28.",
    plan_amount_invalid: "Skriv beløpet med sifre, for eksempel 750 eller 750,50.",
    plan_amount_not_positive: "Beløpet må være større enn null.",
    plan_months_invalid: "Skriv antall måneder med sifre, fra 1 til 120.",
    plan_nothing_owed: "Du skylder ikke noe i denne saken.",
    plan_never_settles: "Med dette beløpet blir saken aldri betalt, fordi rentene er større enn avdragene. Velg et høyere beløp.",
    plan_active_heading: "Nedbetalingsavtalen din",
    plan_active_summary: |count, monthly, day, settled| format!(
        "{count} avdrag på {monthly} den {day}. hver måned. Saken er betalt {settled} når alle avdragene er betalt."
    ),
    plan_next: |amount, date| format!("Neste avdrag: {amount} innen {date}."),
    plan_paid_count: |paid, count| format!("Betalt: {paid} av {count} avdrag."),
    plan_missed: |count, amount| if count == 1 {
        format!("Ett avdrag er ikke betalt. Du mangler {amount}.")
    } else {
        format!("{count} avdrag er ikke betalt. Du mangler {amount}.")
    },
    plan_missed_help: "Betal det som mangler så snart du kan, med samme KID. Klarer du det ikke, ta kontakt med oss, så finner vi en løsning. Da unngår du at avtalen blir brutt.",
    plan_letter_agreed: |date, count, monthly, day| format!(
        "Avtalt {date}: {count} avdrag på {monthly} (det siste kan være mindre), den {day}. hver måned."
    ),
    plan_letter_total: |supplement, total| format!(
        "Tillegg for avtalen: {supplement}. Betaler du alle avdragene til tiden, betaler du {total} i alt."
    ),
    plan_letter_pay: |account, kid| format!("Betal til konto {account} og bruk KID {kid}."),
    plan_letter_instalment: |number, date, amount| format!("{number}. {date}: {amount}"),
    plan_download: "Last ned avtalen (PDF)",
    plan_status_paid: "Betalt",
    plan_status_missed: "Ikke betalt",
    plan_status_coming: "Kommer",
    col_status: "Status",

    status_deferred: "Betalingen er utsatt",
    deferral_link: "Jeg trenger litt mer tid – utsett betalingen",
    deferral_title: "Utsett betalingen",
    deferral_lead: "Velg en ny dato å betale innen. Rentene løper videre til du betaler, og du ser beløpet for den nye datoen før du bestemmer deg.",
    deferral_rule: |days, times| if times == 1 {
        format!("Du kan selv utsette betalingen i opptil {days} dager, én gang i hver sak.")
    } else {
        format!("Du kan selv utsette betalingen i opptil {days} dager, {times} ganger i hver sak.")
    },
    deferral_date_label: "Ny dato å betale innen",
    deferral_date_hint: |latest| format!("Senest {latest} hvis du vil ha svar med en gang."),
    deferral_preview: |date, amount| format!("Betaler du innen {date}, er beløpet {amount}."),
    deferral_preview_interest: |interest, today| format!(
        "Det er {interest} mer i renter enn om du betaler i dag ({today})."
    ),
    deferral_confirm_label: "Jeg har sett beløpet, og betaler innen den nye datoen.",
    deferral_accept: "Utsett betalingen",
    deferral_outside_heading: "Denne utsettelsen kan du ikke gi deg selv",
    deferral_reason_label: "Hvorfor trenger du mer tid?",
    deferral_request_submit: "Send forespørselen",
    deferral_in_force: |date, amount| format!(
        "Betalingen er utsatt til {date}. Betal {amount} innen da, med KID-nummeret over."
    ),
    deferral_date_invalid: "Velg en dato, for eksempel 20.12.2026.",
    deferral_not_after_today: "Den nye datoen må være etter i dag.",
    deferral_outside_rules: "Utsettelsen er utenfor det du kan gi deg selv. Send oss en forespørsel i stedet.",
    deferral_reason_missing: "Skriv kort hvorfor du trenger mer tid.",

    help_title: "Hjelp og spørsmål",
    help_lead: "Her svarer vi på det folk oftest lurer på når de har fått et brev fra oss.",
    chat_title: "Meldinger",
    invoice_chat_link: "Jeg har ikke mottatt faktura – skriv til oss",
    cannot_pay_chat_link: "Jeg kan ikke betale – skriv til oss",
    chat_login_first: "Logg inn med saksnummeret og koden fra brevet, så kan du skrive til oss i saken din.",
    chat_lead: "Skriv til oss om saken din. Vi svarer her, og du ser under hver melding hvilken dag du senest får svar.",
    chat_link: "Skriv til oss",
    chat_unread: |count| match count {
        1 => "1 ny melding".to_string(),
        n => format!("{n} nye meldinger"),
    },
    chat_messages_heading: "Samtalen",
    chat_write_heading: "Ny melding",
    chat_topic_label: "Emne",
    chat_body_label: "Melding",
    chat_body_hint: |max| format!("Skriv med vanlig tekst, høyst {max} tegn. Du kan legge ved filer under."),
    chat_send: "Send melding",
    chat_empty: "Dere har ikke skrevet til hverandre ennå.",
    chat_older: "Vis eldre meldinger",
    chat_newest: "Til de nyeste meldingene",
    chat_you: "Du",
    chat_from_agency: |name| {
        if name.is_empty() {
            NB.agency_name.to_string()
        } else {
            format!("{name}, {}", NB.agency_name)
        }
    },
    chat_new_from: |name| format!("Ny melding fra {}", (NB.chat_from_agency)(name)),
    chat_answer_by: |date| format!("Du får svar innen {date}"),
    chat_read_at: |at| format!("Lest {at}"),
    chat_about_topic: "Skriv til oss om dette",
    topic_no_invoice: "Jeg har ikke mottatt faktura",
    topic_cannot_pay: "Jeg kan ikke betale",
    topic_plan: "Nedbetalingsavtale",
    topic_claim: "Spørsmål om kravet",
    message_empty: "Skriv en melding, eller legg ved en fil.",
    message_too_long: |max| format!("Meldingen er for lang. Den kan ha høyst {max} tegn."),
    message_too_many: "Du har sendt mange meldinger på kort tid. Vent noen minutter før du sender flere.",
    weekdays: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    help_topics: HELP,
};

static HELP: &[HelpTopic] = &[
    HelpTopic {
        id: "betale",
        question: "Jeg vil betale – hvordan gjør jeg det?",
        answer: &[
            "Logg inn med saksnummeret og koden fra brevet. Der ser du kontonummer, KID og beløpet som gjelder i dag.",
            "Du kan betale alt på én gang eller en del av beløpet. Bruk alltid KID-nummeret, så havner betalingen i riktig sak.",
        ],
        chat: None,
    },
    HelpTopic {
        id: "uenig",
        question: "Jeg er uenig i kravet",
        answer: &[
            "Si fra så snart som mulig. Fortell hva du har gjort så langt, hvorfor du er uenig, og om du har snakket med selgeren selv.",
            "Når du har sagt fra, stanser vi innkrevingen. Vi sender innsigelsen videre til kreditor og gir deg svar om hva som skjer videre.",
        ],
        chat: None,
    },
    HelpTopic {
        id: "kan-ikke-betale",
        question: "Jeg kan ikke betale nå",
        answer: &[
            "Logg inn med saksnummeret og koden fra brevet. Der kan du selv utsette betalingen, eller lage en avtale om å betale litt hver måned (nedbetalingsavtale) som varer til hele beløpet er betalt. Du ser hva det koster, og når saken er betalt, før du godtar.",
            "Passer ikke reglene for det du kan avtale selv, kan du sende oss et forslag med en kort forklaring, så svarer vi innen 14 dager. Jo tidligere vi hører fra deg, jo lettere er det å finne en løsning som passer økonomien din.",
        ],
        chat: Some(crate::domain::chat::Topic::CannotPay),
    },
    HelpTopic {
        id: "inkassobrev",
        question: "Hvorfor har jeg fått et brev fra inkasso?",
        answer: &[
            "Fordi en faktura fra en butikk eller tjeneste ikke ble betalt i tide, og kreditor har bedt oss om å kreve den inn.",
            "Betal så snart du kan med betalingsinformasjonen på Min side. Da slipper du flere renter og gebyrer.",
        ],
        chat: None,
    },
    HelpTopic {
        id: "ikke-penger",
        question: "Jeg har ikke penger til å betale inkassovarselet",
        answer: &[
            "Ta kontakt med oss via Min side. Du kan be om utsettelse eller om å dele opp beløpet.",
            "Husk at kostnadene kan øke hvis beløpet ikke blir betalt innen fristen.",
        ],
        chat: Some(crate::domain::chat::Topic::CannotPay),
    },
    HelpTopic {
        id: "allerede-betalt",
        question: "Jeg har allerede betalt",
        answer: &[
            "Send oss en kvittering som viser betalingen så snart som mulig, via Min side: velg «Jeg har allerede betalt – send kvittering» i saken din. Du kan sende opptil 5 filer – PDF, JPEG, PNG eller HEIC (bilde fra iPhone) – på høyst 10 MB hver, og skrive når og hvor mye du betalte.",
            "Til vi har undersøkt saken, står den som «Kvittering mottatt – vi undersøker saken», og du får svar innen 14 dager.",
            "Vi sjekker saken med kreditor og avslutter den når betalingen er bekreftet.",
        ],
        chat: None,
    },
    HelpTopic {
        id: "hva-skjer",
        question: "Hva skjer hvis jeg ikke betaler?",
        answer: &[
            "Kravet blir større fordi det løper renter og kan komme flere gebyrer.",
            "Det kan bli registrert en betalingsanmerkning på deg.",
            "Saken kan gå til namsmannen (namsfogden). Namsmannen kan ta pant i bankkonto, trekke penger fra lønn eller trygd, ta pant i bolig eller bil, og i verste fall selge det du eier.",
            "Dette kan du unngå ved å betale eller ta kontakt med oss.",
        ],
        chat: None,
    },
    HelpTopic {
        id: "faktura",
        question: "Jeg har aldri fått den opprinnelige fakturaen",
        answer: &["Logg inn på Min side. Der finner du fakturaen hvis vi har den, eller du kan be om en kopi."],
        chat: Some(crate::domain::chat::Topic::NoInvoice),
    },
    HelpTopic {
        id: "nedbetalingsavtale",
        question: "Kan jeg få en nedbetalingsavtale?",
        answer: &[
            "Ja. I saken din på Min side velger du «Jeg kan ikke betale alt nå – lag en nedbetalingsavtale». Velg et beløp per måned eller et antall måneder og en betalingsdag, så ser du med en gang hvert avdrag, rentene som løper, et eventuelt tillegg for avtalen og hva du betaler i alt, sammenlignet med å betale i dag.",
            "Er avtalen innenfor reglene som står på siden, gjelder den med en gang du godtar. Ellers kan du sende den til oss som et forslag.",
        ],
        chat: Some(crate::domain::chat::Topic::Plan),
    },
    HelpTopic {
        id: "utenrettslige-kostnader",
        question: "Hva er utenrettslige kostnader?",
        answer: &[
            "Det er gebyrer som kommer fordi fakturaen ikke ble betalt til forfall: purregebyr, gebyr for inkassovarsel og inkassosalær.",
            "Loven bestemmer hva vi kan kreve, og staten fastsetter de høyeste beløpene.",
        ],
        chat: None,
    },
    HelpTopic {
        id: "rettslige-kostnader",
        question: "Hva er rettslige kostnader?",
        answer: &["Hvis saken sendes til namsmannen, må kreditor betale et gebyr for det. Dette gebyret blir lagt til det du skylder."],
        chat: None,
    },
    HelpTopic {
        id: "forsinkelsesrente",
        question: "Hva er forsinkelsesrente?",
        answer: &[
            "Det er rente som løper fra dagen etter at fakturaen skulle vært betalt. Den beregnes for hver dag av den delen av hovedstolen som ikke er betalt.",
            "Staten fastsetter renten hvert halvår, 1. januar og 1. juli. Det regnes ikke rente av renter eller av gebyrer.",
        ],
        chat: None,
    },
    HelpTopic {
        id: "betalt",
        question: "Hva skjer når jeg har betalt?",
        answer: &[
            "Saken blir avsluttet, og en eventuell betalingsanmerkning blir slettet.",
            "Du kan laste ned en bekreftelse på at saken er avsluttet på Min side.",
        ],
        chat: None,
    },
    HelpTopic {
        id: "informasjon",
        question: "Hvor finner jeg informasjon om saken min?",
        answer: &["Alt om saken står på Min side: hva du skylder, hva beløpet består av, og hvordan du betaler."],
        chat: None,
    },
    HelpTopic {
        id: "kontakt",
        question: "Hvordan kontakter jeg dere om kravet?",
        answer: &["Logg inn på Min side med saksnummeret, og skriv til oss der. Da blir samtalen knyttet til saken din."],
        chat: Some(crate::domain::chat::Topic::Claim),
    },
];
