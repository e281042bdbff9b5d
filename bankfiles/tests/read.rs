//! The readers against files written by hand and by `write`, and against every kind of bad
//! input an operator's folder may hold.

use bankfiles::write::{self, Item};
use bankfiles::{check, detect, Format, Kind, Problem, Reader, Totals, Transaction};
use chrono::NaiveDate;
use proptest::prelude::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

fn items() -> Vec<Item> {
    vec![
        Item {
            number: 1,
            reversal: false,
            amount_ore: 1_529_871,
            kid: "202500013".into(),
            bank_date: day(23),
            payer_account: "12345678903".into(),
            text: None,
        },
        Item {
            number: 2,
            reversal: false,
            amount_ore: 50_000,
            kid: "202500021".into(),
            bank_date: day(23),
            payer_account: "86011117947".into(),
            text: Some("Ola Hansen, delbetaling".into()),
        },
        Item {
            number: 3,
            reversal: true,
            amount_ore: 50_000,
            kid: "202500021".into(),
            bank_date: day(24),
            payer_account: "86011117947".into(),
            text: None,
        },
    ]
}

fn read_all(format: Format, bytes: &[u8]) -> (Vec<Transaction>, Result<Totals, Vec<Problem>>) {
    let mut reader = Reader::new(format, bytes);
    let transactions: Vec<Transaction> = reader.by_ref().collect();
    (transactions, reader.finish())
}

fn problems(format: Format, bytes: &[u8]) -> Vec<String> {
    match check(format, bytes) {
        Ok(t) => panic!("expected problems, the file was taken: {t:?}"),
        Err(p) => p.iter().map(|p| p.to_string()).collect(),
    }
}

fn has(problems: &[String], part: &str) -> bool {
    problems.iter().any(|p| p.contains(part))
}

#[test]
fn an_ocr_file_reads_record_by_record() {
    // Written by hand from the record layout: one payment of 1 529,71 kr with KID 202500013.
    let file = "\
NY000010000080800000017000080800000000000000000000000000000000000000000000000000\r
NY090020000000000400008612345678903000000000000000000000000000000000000000000000\r
NY09103000000012311260000000000000000000000152971                202500013000000\r
NY091031000000100000000000000000010000000231126123456789030000000000000000000000\r
NY090088000000010000000400000000000152971231126231126231126000000000000000000000\r
NY000089000000010000000600000000000152971231126000000000000000000000000000000000\r
";
    let (read, totals) = read_all(Format::Ocr, file.as_bytes());
    assert_eq!(
        totals,
        Ok(Totals {
            format: Format::Ocr,
            file_id: "17".into(),
            transactions: 1,
            skipped: 0
        })
    );
    assert_eq!(
        read,
        vec![Transaction {
            key: "ocr:17:4000086:0000001".into(),
            kind: Kind::Payment,
            amount_ore: 152_971,
            kid: "202500013".into(),
            bank_date: day(23),
            payer_account: Some("12345678903".into()),
            payer_text: None,
            place: "linje 3".into(),
        }]
    );
}

#[test]
fn what_write_makes_reads_back_the_same_in_both_formats() {
    for (format, file) in [
        (Format::Ocr, write::ocr(42, 7, "12345678903", &items())),
        (
            Format::Camt054,
            write::camt054("MSG-42", "NO9386011117947", &items()),
        ),
    ] {
        assert_eq!(detect(file.as_bytes()), Some(format));
        let (read, totals) = read_all(format, file.as_bytes());
        let totals = totals.unwrap_or_else(|p| panic!("{format:?}: {p:?}"));
        assert_eq!(totals.transactions, 3);
        let got: Vec<(Kind, i64, &str, NaiveDate)> = read
            .iter()
            .map(|t| (t.kind, t.amount_ore, t.kid.as_str(), t.bank_date))
            .collect();
        assert_eq!(
            got,
            vec![
                (Kind::Payment, 1_529_871, "202500013", day(23)),
                (Kind::Payment, 50_000, "202500021", day(23)),
                (Kind::Reversal, 50_000, "202500021", day(24)),
            ],
            "{format:?}"
        );
        // Keys are the file's own: the same file read twice gives the same keys.
        let again: Vec<String> = Reader::new(format, file.as_bytes())
            .map(|t| t.key)
            .collect();
        assert_eq!(
            again,
            read.iter().map(|t| t.key.clone()).collect::<Vec<_>>()
        );
        assert_eq!(
            read[1].payer_text.as_deref(),
            Some("Ola Hansen, delbetaling")
        );
    }
}

#[test]
fn ocr_line_ends_encodings_and_blank_lines_at_the_end_are_taken() {
    let crlf = write::ocr(1, 1, "12345678903", &items());
    let lf = crlf.replace("\r\n", "\n");
    let trailing = format!("{lf}\n\n   \n");
    // ISO-8859-1: the free text with æøå as one byte each.
    let mut with_text = items();
    with_text[0].text = Some("Blåbærsyltetøy AS".into());
    let utf8 = write::ocr(1, 1, "12345678903", &with_text);
    let latin1: Vec<u8> = utf8.chars().map(|c| c as u32 as u8).collect();
    for bytes in [
        crlf.as_bytes(),
        lf.as_bytes(),
        trailing.as_bytes(),
        utf8.as_bytes(),
        &latin1,
    ] {
        let (read, totals) = read_all(Format::Ocr, bytes);
        assert!(totals.is_ok(), "{totals:?}");
        assert_eq!(read.len(), 3);
    }
    let (read, _) = read_all(Format::Ocr, &latin1);
    assert_eq!(read[0].payer_text.as_deref(), Some("Blåbærsyltetøy AS"));
}

#[test]
fn ocr_problems_name_their_line_and_the_file_is_refused() {
    let good = write::ocr(1, 1, "12345678903", &items());
    let lines: Vec<&str> = good.split("\r\n").collect();
    let with = |i: usize, replacement: &str| {
        let mut l = lines.clone();
        l[i] = replacement;
        l.join("\r\n")
    };
    // A record of 79 and of 81 characters.
    let short = with(2, &lines[2][..79]);
    assert!(has(
        &problems(Format::Ocr, short.as_bytes()),
        "linje 3: posten har 79 tegn, ikke 80"
    ));
    let long = with(2, &format!("{}0", lines[2]));
    assert!(has(
        &problems(Format::Ocr, long.as_bytes()),
        "linje 3: posten har 81 tegn, ikke 80"
    ));
    // Letters in the amount.
    let letters = with(
        2,
        &format!("{}0000000000015AB71{}", &lines[2][..32], &lines[2][49..]),
    );
    assert!(has(
        &problems(Format::Ocr, letters.as_bytes()),
        "linje 3: beløpet (posisjon 33–49) skal være sifre"
    ));
    // A truncated last record: the file ends without its end record.
    // (The last line's CRLF and 38 of its characters cut off.)
    let truncated = &good[..good.len() - 40];
    let p = problems(Format::Ocr, truncated.as_bytes());
    assert!(has(&p, "linje 11: posten har 42 tegn, ikke 80"), "{p:?}");
    assert!(has(&p, "uten sluttpost for forsendelsen (89)"), "{p:?}");
    // A KID longer than 25 makes the record longer than 80.
    let kid = with(
        2,
        &format!("{}{}{}", &lines[2][..49], "1".repeat(26), &lines[2][74..]),
    );
    assert!(has(
        &problems(Format::Ocr, kid.as_bytes()),
        "posten har 81 tegn"
    ));
    // The totals in 88 and 89 against what was read.
    let end88 = lines
        .iter()
        .position(|l| l.starts_with("NY090088"))
        .expect("88");
    let wrong_count = with(end88, &format!("NY09008800000004{}", &lines[end88][16..]));
    let p = problems(Format::Ocr, wrong_count.as_bytes());
    assert!(
        has(&p, "oppdraget oppgir 4 transaksjoner, men har 3"),
        "{p:?}"
    );
    let sum = &lines[end88][24..41];
    let wrong_sum = with(end88, &lines[end88].replacen(sum, "00000000000000001", 1));
    assert!(has(
        &problems(Format::Ocr, wrong_sum.as_bytes()),
        "oppdraget oppgir sum 1 øre"
    ));
    // A date that is none.
    let date = with(2, &format!("{}321326{}", &lines[2][..15], &lines[2][21..]));
    assert!(has(
        &problems(Format::Ocr, date.as_bytes()),
        "oppgjørsdatoen (posisjon 16–21) er ikke en dato"
    ));
    // A 31 whose transaction number is not its 30's.
    let other = with(3, &lines[3].replacen("0000001", "0000009", 1));
    assert!(has(
        &problems(Format::Ocr, other.as_bytes()),
        "men beløpspost 1 på linje 3 har 10/0000001"
    ));
    // Something after the end, and a blank line in the middle.
    let after = format!("{good}{}\r\n", lines[2]);
    assert!(has(
        &problems(Format::Ocr, after.as_bytes()),
        "etter sluttposten"
    ));
    let blank = with(4, &format!("\r\n{}", lines[4]));
    assert!(has(
        &problems(Format::Ocr, blank.as_bytes()),
        "linje 5: tom linje midt i filen"
    ));
    // Nothing at all.
    assert!(has(&problems(Format::Ocr, b""), "ingen startpost"));
}

#[test]
fn every_problem_of_a_file_is_listed_not_just_the_first() {
    let good = write::ocr(1, 1, "12345678903", &items());
    let bad = good
        .replacen("NY091030", "NY091X30", 1)
        .replacen("NY091831", "NY09183", 1);
    let p = problems(Format::Ocr, bad.as_bytes());
    assert!(p.len() >= 3, "{p:?}");
    assert!(has(&p, "linje 3"));
    assert!(has(&p, "posten har 79 tegn"));
}

#[test]
fn camt_refuses_a_dtd_an_entity_and_anything_not_camt054() {
    let good = write::camt054("M1", "NO9386011117947", &items());
    let bomb = good.replacen(
        "<Document",
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<Document",
        1,
    );
    assert!(has(&problems(Format::Camt054, bomb.as_bytes()), "DTD"));
    let external = good.replacen(
        "<Document",
        "<!DOCTYPE d [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]>\n<Document",
        1,
    );
    assert!(has(&problems(Format::Camt054, external.as_bytes()), "DTD"));
    let entity = good.replacen("M1</MsgId>", "&x;</MsgId>", 1);
    assert!(has(
        &problems(Format::Camt054, entity.as_bytes()),
        "ukjent entitet"
    ));
    let camt053 = good.replace("camt.054.001.08", "camt.053.001.08");
    assert!(has(
        &problems(Format::Camt054, camt053.as_bytes()),
        "ikke en camt.054-melding"
    ));
    assert!(has(
        &problems(Format::Camt054, b"<Document"),
        "filen er ikke gyldig XML"
    ));
    assert!(has(
        &problems(Format::Camt054, b"<Document/>"),
        "ikke en camt.054-melding"
    ));
    assert!(has(
        &problems(Format::Camt054, b"<a><b></a>"),
        "rotelementet skal være Document"
    ));
    // Nested too deep.
    let deep = good.replacen("<GrpHdr>", &format!("<GrpHdr>{}", "<X>".repeat(40)), 1);
    assert!(has(
        &problems(Format::Camt054, deep.as_bytes()),
        "dypere enn"
    ));
}

#[test]
fn camt_checks_amounts_sums_and_dates_and_names_the_xml_path() {
    let good = write::camt054("M1", "NO9386011117947", &items());
    let float = good.replacen("15298.71", "15298.710", 2);
    let p = problems(Format::Camt054, float.as_bytes());
    assert!(
        has(
            &p,
            "Ntfctn[1]/Ntry[1]/Amt: beløpet «15298.710» er ikke et tall med høyst to desimaler"
        ),
        "{p:?}"
    );
    let count = good.replacen(
        "<NbOfNtries>3</NbOfNtries>",
        "<NbOfNtries>4</NbOfNtries>",
        1,
    );
    let p = problems(Format::Camt054, count.as_bytes());
    assert!(
        has(
            &p,
            "TxsSummry/TtlNtries/NbOfNtries: oppgir 4 posteringer, men meldingen har 3"
        ),
        "{p:?}"
    );
    // 15 298,71 + 500 + 500 (the reversal) in all.
    let sum = good.replacen("<Sum>16298.71</Sum>", "<Sum>16298.72</Sum>", 1);
    assert!(has(
        &problems(Format::Camt054, sum.as_bytes()),
        "TtlNtries/Sum: oppgir 1629872 øre i alt, men meldingen har 1629871"
    ));
    let currency = good.replacen("Ccy=\"NOK\">15298.71", "Ccy=\"EUR\">15298.71", 1);
    assert!(has(
        &problems(Format::Camt054, currency.as_bytes()),
        "beløpet er i EUR, ikke NOK"
    ));
    let date = good.replacen("<Dt>2026-11-23</Dt>", "<Dt>2026-02-30</Dt>", 1);
    assert!(has(
        &problems(Format::Camt054, date.as_bytes()),
        "«2026-02-30» er ikke en dato"
    ));
    // The second entry says 400 kr, its transaction 500 kr.
    let details = good.replacen(
        "<Amt Ccy=\"NOK\">500.00</Amt><CdtDbtInd>CRDT",
        "<Amt Ccy=\"NOK\">400.00</Amt><CdtDbtInd>CRDT",
        1,
    );
    assert!(has(
        &problems(Format::Camt054, details.as_bytes()),
        "Ntry[2]: transaksjonene summerer til 50000 øre, men posteringen er 40000 øre"
    ));
    // Cut after the first entry, and in the middle of a tag.
    let after_entry = good.find("</Ntry>").expect("an entry") + "</Ntry>".len();
    let p = problems(Format::Camt054, &good.as_bytes()[..after_entry]);
    assert!(
        has(
            &p,
            "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]: filen slutter før elementet er lukket"
        ),
        "{p:?}"
    );
    let p = problems(Format::Camt054, &good.as_bytes()[..good.len() / 2]);
    assert!(has(&p, "filen er ikke gyldig XML"), "{p:?}");
    let no_id = good.replacen("<MsgId>M1</MsgId>", "", 1);
    assert!(has(
        &problems(Format::Camt054, no_id.as_bytes()),
        "meldingen mangler MsgId"
    ));
}

#[test]
fn camt_in_iso_8859_1_and_entries_that_are_not_ours() {
    let mut with_text = items();
    with_text[0].text = Some("Blåbær & Co".into());
    let utf8 = write::camt054("M1", "NO9386011117947", &with_text).replacen(
        "encoding=\"UTF-8\"",
        "encoding=\"ISO-8859-1\"",
        1,
    );
    let latin1: Vec<u8> = utf8.chars().map(|c| c as u32 as u8).collect();
    let (read, totals) = read_all(Format::Camt054, &latin1);
    assert!(totals.is_ok(), "{totals:?}");
    assert_eq!(read[0].payer_text.as_deref(), Some("Blåbær & Co"));
    // An outgoing payment and a pending one are counted, not taken.
    let good = write::camt054("M1", "NO9386011117947", &items());
    let pending = good.replacen("<Cd>BOOK</Cd>", "<Cd>PDNG</Cd>", 1);
    let (read, totals) = read_all(Format::Camt054, pending.as_bytes());
    assert_eq!(read.len(), 2);
    assert_eq!(totals.map(|t| t.skipped), Ok(1));
    let outgoing = good.replacen("<RvslInd>true</RvslInd>", "", 1);
    let (read, totals) = read_all(Format::Camt054, outgoing.as_bytes());
    assert_eq!(read.len(), 2);
    assert_eq!(totals.map(|t| t.skipped), Ok(1));
}

#[test]
fn a_large_ocr_file_streams() {
    // 50 000 transactions, read without keeping them.
    let many: Vec<Item> = (1..=50_000)
        .map(|n| Item {
            number: n,
            reversal: false,
            amount_ore: i64::from(n),
            kid: "202500013".into(),
            bank_date: day(23),
            payer_account: "12345678903".into(),
            text: None,
        })
        .collect();
    let file = write::ocr(9, 9, "12345678903", &many);
    let totals = check(Format::Ocr, file.as_bytes());
    assert_eq!(
        totals.map(|t| t.transactions).map_err(|p| p.len()),
        Ok(50_000)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_bytes_make_either_reader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = check(Format::Ocr, bytes.as_slice());
        let _ = check(Format::Camt054, bytes.as_slice());
        let _ = detect(&bytes);
    }

    #[test]
    fn a_changed_byte_in_a_good_file_is_read_or_refused_never_a_panic(
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        camt in any::<bool>(),
    ) {
        let (format, file) = if camt {
            (Format::Camt054, write::camt054("M1", "NO9386011117947", &items()))
        } else {
            (Format::Ocr, write::ocr(1, 1, "12345678903", &items()))
        };
        let mut bytes = file.into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let mut reader = Reader::new(format, bytes.as_slice());
        let read: Vec<Transaction> = reader.by_ref().collect();
        if let Ok(totals) = reader.finish() {
            // Whatever is taken adds up: every transaction has an amount over 0.
            prop_assert_eq!(totals.transactions as usize, read.len());
            prop_assert!(read.iter().all(|t| t.amount_ore > 0));
        }
    }
}
