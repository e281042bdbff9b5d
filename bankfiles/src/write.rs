//! Files as a bank writes them, for tests, demos and load measurements: an OCR giro file and
//! a camt.054 message with the transactions given, every count and total filled in.

use chrono::NaiveDate;
use std::fmt::Write;

/// One transaction to write.
#[derive(Clone, Debug)]
pub struct Item {
    /// OCR: the transaction number; camt.054: the entry's bank reference is `REF{number}`.
    pub number: u32,
    /// A payment (OCR type 10, camt credit) or a reversal (OCR type 18, camt reversed debit).
    pub reversal: bool,
    pub amount_ore: i64,
    pub kid: String,
    pub bank_date: NaiveDate,
    pub payer_account: String,
    /// Written as record 32 (OCR type 21 or 20) or the payer's name (camt.054).
    pub text: Option<String>,
}

fn ddmmyy(date: NaiveDate) -> String {
    date.format("%d%m%y").to_string()
}

/// An OCR giro file of one transmission and one assignment, with CRLF line ends.
pub fn ocr(transmission: u32, assignment: u32, payee_account: &str, items: &[Item]) -> String {
    let mut out = String::new();
    let mut line = |record: String| {
        let _ = write!(out, "{record}\r\n");
    };
    line(format!(
        "NY00001000008080{transmission:07}00008080{:049}",
        0
    ));
    line(format!(
        "NY090020000000000{assignment:07}{payee_account:0>11}{:045}",
        0
    ));
    // The assignment's records: 20, the transactions', 88.
    let mut records = 1u64;
    let mut total = 0i64;
    let (mut first, mut last) = (None::<NaiveDate>, None::<NaiveDate>);
    for item in items {
        let tx_type = match (item.reversal, item.text.is_some()) {
            (false, false) => 10,
            (false, true) => 21,
            (true, false) => 18,
            (true, true) => 20,
        };
        let date = ddmmyy(item.bank_date);
        line(format!(
            "NY09{tx_type:02}30{:07}{date}00000000000{:017}{:>25}{:06}",
            item.number, item.amount_ore, item.kid, 0
        ));
        line(format!(
            "NY09{tx_type:02}31{:07}{:010}{:09}{:07}{date}{:0>11}{:022}",
            item.number, 0, item.number, 0, item.payer_account, 0
        ));
        records += 2;
        if let Some(text) = &item.text {
            let text: String = text.chars().take(40).collect();
            line(format!(
                "NY09{tx_type:02}32{:07}{text:<40}{:025}",
                item.number, 0
            ));
            records += 1;
        }
        total += item.amount_ore;
        first = Some(first.map_or(item.bank_date, |d| d.min(item.bank_date)));
        last = Some(last.map_or(item.bank_date, |d| d.max(item.bank_date)));
    }
    records += 1;
    let n = items.len();
    let day = |d: Option<NaiveDate>| d.map_or("000000".to_string(), ddmmyy);
    line(format!(
        "NY090088{n:08}{records:08}{total:017}{}{}{}{:021}",
        day(last),
        day(first),
        day(last),
        0
    ));
    line(format!(
        "NY000089{n:08}{:08}{total:017}{}{:033}",
        records + 2,
        day(last),
        0
    ));
    out
}

fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn decimal(ore: i64) -> String {
    format!("{}.{:02}", ore / 100, ore % 100)
}

/// A camt.054.001.08 message with one notification, one entry per item.
pub fn camt054(message_id: &str, account_iban: &str, items: &[Item]) -> String {
    let mut entries = String::new();
    let (mut credits, mut credit_sum, mut debits, mut debit_sum) = (0, 0, 0, 0);
    for item in items {
        let (indicator, reversal) = if item.reversal {
            debits += 1;
            debit_sum += item.amount_ore;
            ("DBIT", "<RvslInd>true</RvslInd>")
        } else {
            credits += 1;
            credit_sum += item.amount_ore;
            ("CRDT", "")
        };
        let amount = decimal(item.amount_ore);
        let payer = item
            .text
            .as_deref()
            .map(|t| format!("<RltdPties><Dbtr><Pty><Nm>{}</Nm></Pty></Dbtr><DbtrAcct><Id><Othr><Id>{}</Id></Othr></Id></DbtrAcct></RltdPties>", xml_text(t), item.payer_account))
            .unwrap_or_default();
        let _ = writeln!(
            entries,
            "<Ntry><NtryRef>{n}</NtryRef><Amt Ccy=\"NOK\">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>{reversal}\
             <Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>{date}</Dt></BookgDt><ValDt><Dt>{date}</Dt></ValDt>\
             <AcctSvcrRef>REF{n}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>\
             <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy=\"NOK\">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>{payer}\
             <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{kid}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>",
            n = item.number,
            date = item.bank_date,
            kid = xml_text(&item.kid),
        );
    }
    let n = items.len();
    let sum = credit_sum + debit_sum;
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\">\n<BkToCstmrDbtCdtNtfctn>\n\
         <GrpHdr><MsgId>{message_id}</MsgId><CreDtTm>2026-11-24T06:00:00+01:00</CreDtTm></GrpHdr>\n\
         <Ntfctn><Id>{message_id}-1</Id><CreDtTm>2026-11-24T06:00:00+01:00</CreDtTm>\
         <Acct><Id><IBAN>{account_iban}</IBAN></Id><Ccy>NOK</Ccy></Acct>\n\
         <TxsSummry><TtlNtries><NbOfNtries>{n}</NbOfNtries><Sum>{}</Sum></TtlNtries>\
         <TtlCdtNtries><NbOfNtries>{credits}</NbOfNtries><Sum>{}</Sum></TtlCdtNtries>\
         <TtlDbtNtries><NbOfNtries>{debits}</NbOfNtries><Sum>{}</Sum></TtlDbtNtries></TxsSummry>\n\
         {entries}</Ntfctn>\n</BkToCstmrDbtCdtNtfctn>\n</Document>\n",
        decimal(sum),
        decimal(credit_sum),
        decimal(debit_sum),
    )
}
