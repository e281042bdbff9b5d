//! Any bytes as an OCR giro file: read to the end, checked, never a panic; whatever a file
//! that passes holds adds up.
#![no_main]

use bankfiles::{Format, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut reader = Reader::new(Format::Ocr, data);
    let read: Vec<_> = reader.by_ref().collect();
    if let Ok(totals) = reader.finish() {
        assert_eq!(totals.transactions as usize, read.len());
        assert!(read.iter().all(|t| t.amount_ore > 0));
    }
    let _ = bankfiles::detect(data);
});
