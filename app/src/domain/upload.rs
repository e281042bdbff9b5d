//! Files a debtor sends (receipts, attachments to an objection): the limits and the checks,
//! written once. The browser checks names and sizes before sending, to spare a debtor a long
//! upload that would be refused; the server trusts neither and checks the bytes as they come.

use super::text::is_bidi_control;
use serde::{Deserialize, Serialize};

/// At most this many files in one form.
pub const MAX_FILES: usize = 5;
/// At most this many bytes in one file: 10 MB.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// How many first bytes decide a file's type.
pub const SNIFF_BYTES: usize = 64;
/// What the file chooser offers: the types we take, by extension and by media type.
pub const ACCEPT: &str =
    ".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic,image/heif";

text_enum! {
    /// What a file a debtor sent belongs to. The database keeps [`OwnerKind::as_str`].
    pub enum OwnerKind { Receipt = "receipt", Objection = "objection", Message = "message", }
}

/// The kinds of file we take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    Heic,
}

impl FileKind {
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Heic => "image/heic",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Heic => "heic",
        }
    }

    pub fn from_content_type(content_type: &str) -> Option<FileKind> {
        [FileKind::Pdf, FileKind::Jpeg, FileKind::Png, FileKind::Heic]
            .into_iter()
            .find(|k| k.content_type() == content_type)
    }
}

/// The real type of a file, from its first bytes (give it `SNIFF_BYTES`, or the whole file
/// if shorter). The name and the type the browser declares are not trusted.
pub fn sniff(prefix: &[u8]) -> Option<FileKind> {
    if prefix.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if prefix.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        Some(FileKind::Png)
    } else if prefix.starts_with(&[0xff, 0xd8, 0xff]) {
        Some(FileKind::Jpeg)
    } else if is_heic(prefix) {
        Some(FileKind::Heic)
    } else {
        None
    }
}

/// HEIC (ISO/IEC 23008-12): an ISO base media file whose first box is `ftyp` with a HEIC
/// brand, either as the major brand or, after the generic `mif1`/`msf1`, as a compatible one.
fn is_heic(prefix: &[u8]) -> bool {
    const HEIC_BRANDS: [&[u8; 4]; 6] = [b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"];
    if prefix.len() < 16 || &prefix[4..8] != b"ftyp" {
        return false;
    }
    let box_size = u32::from_be_bytes([prefix[0], prefix[1], prefix[2], prefix[3]]) as usize;
    if box_size < 16 {
        return false;
    }
    let end = box_size.min(prefix.len());
    let major = &prefix[8..12];
    if HEIC_BRANDS.iter().any(|b| major == *b) {
        return true;
    }
    // Compatible brands follow the major brand and its 4-byte minor version.
    (major == b"mif1" || major == b"msf1")
        && prefix[16..end]
            .chunks_exact(4)
            .any(|brand| HEIC_BRANDS.iter().any(|b| brand == *b))
}

/// Why files were refused. Codes go in the address when a form posted without wasm is sent
/// back, so the page can say why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UploadError {
    NoFiles,
    TooMany,
    TooLarge,
    Empty,
    WrongType,
    /// The upload broke off or was not a well-formed form.
    Interrupted,
    /// More forms with files in the last hour than the limits allow.
    TooManyForms,
    /// The case holds as many bytes of the debtor's files as the limits allow.
    CaseFull,
}

impl UploadError {
    pub const ALL: [UploadError; 8] = [
        UploadError::NoFiles,
        UploadError::TooMany,
        UploadError::TooLarge,
        UploadError::Empty,
        UploadError::WrongType,
        UploadError::Interrupted,
        UploadError::TooManyForms,
        UploadError::CaseFull,
    ];

    pub fn code(self) -> &'static str {
        match self {
            UploadError::NoFiles => "ingen-fil",
            UploadError::TooMany => "for-mange-filer",
            UploadError::TooLarge => "fil-for-stor",
            UploadError::Empty => "fil-tom",
            UploadError::WrongType => "filtype",
            UploadError::Interrupted => "avbrutt",
            UploadError::TooManyForms => "for-mange-skjema",
            UploadError::CaseFull => "saken-full",
        }
    }

    pub fn from_code(code: &str) -> Option<UploadError> {
        UploadError::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// How much a debtor may send: dated data an operator sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLimits {
    /// Forms with files per hour, per case and per session alike.
    pub forms_per_hour: u32,
    /// Bytes of the debtor's files one case may hold.
    pub bytes_per_case: u64,
}

impl UploadLimits {
    /// Whether one more form may come, when `sent` came in the last hour.
    pub fn admits_form(&self, sent: u64) -> bool {
        sent < u64::from(self.forms_per_hour)
    }

    /// How many bytes one more form may bring, when the case holds `stored`.
    pub fn room(&self, stored: u64) -> u64 {
        self.bytes_per_case.saturating_sub(stored)
    }
}

/// The browser's check of a chosen file, before anything is sent: by size and by name. The
/// server checks the bytes whatever the browser said.
pub fn check_choice(name: &str, size: u64) -> Result<(), UploadError> {
    if size == 0 {
        return Err(UploadError::Empty);
    }
    if size > MAX_FILE_BYTES {
        return Err(UploadError::TooLarge);
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(
        extension.as_str(),
        "pdf" | "jpg" | "jpeg" | "png" | "heic" | "heif"
    ) {
        return Err(UploadError::WrongType);
    }
    Ok(())
}

/// How many files a form may carry: `required` forms need at least one.
pub fn check_count(count: usize, required: bool) -> Result<(), UploadError> {
    if count > MAX_FILES {
        Err(UploadError::TooMany)
    } else if count == 0 && required {
        Err(UploadError::NoFiles)
    } else {
        Ok(())
    }
}

/// A file name safe to show and to put in a header: the last part of whatever path was sent,
/// without control characters or quotes, at most 100 characters; "vedlegg" if nothing is left.
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c) && !matches!(c, '"' | '<' | '>'))
        .collect();
    let cleaned = cleaned
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end();
    if cleaned.is_empty() {
        return "vedlegg".to_string();
    }
    let count = cleaned.chars().count();
    if count <= 100 {
        return cleaned.to_string();
    }
    // Keep the extension when shortening.
    match cleaned.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() <= 5 => {
            let stem: String = stem.chars().take(100 - 1 - ext.chars().count()).collect();
            format!("{stem}.{ext}")
        }
        _ => cleaned.chars().take(100).collect(),
    }
}

/// The name to download a file as: its own name, with the extension of its real type (a
/// PDF called "kvittering.exe" comes back as "kvittering.pdf").
pub fn download_name(name: &str, kind: FileKind) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && matches!(
                    ext.to_ascii_lowercase().as_str(),
                    "pdf" | "jpg" | "jpeg" | "png" | "heic" | "heif" | "exe" | "bin" | "txt"
                ) =>
        {
            stem
        }
        _ => name,
    };
    format!("{stem}.{}", kind.extension())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compatible.len();
        let mut b = (size as u32).to_be_bytes().to_vec();
        b.extend_from_slice(b"ftyp");
        b.extend_from_slice(major);
        b.extend_from_slice(&[0, 0, 0, 0]);
        for c in compatible {
            b.extend_from_slice(*c);
        }
        b.extend_from_slice(b"\0\0\0\x08meta");
        b
    }

    #[test]
    fn the_first_bytes_decide_the_type() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), Some(FileKind::Pdf));
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
            Some(FileKind::Png)
        );
        assert_eq!(
            sniff(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
            Some(FileKind::Jpeg)
        );
        // An iPhone photo: major brand heic.
        assert_eq!(
            sniff(&ftyp(b"heic", &[b"mif1", b"heic"])),
            Some(FileKind::Heic)
        );
        // Generic HEIF that declares HEIC compatibility.
        assert_eq!(
            sniff(&ftyp(b"mif1", &[b"mif1", b"heic"])),
            Some(FileKind::Heic)
        );
        // AVIF and MP4 are ISO media files too, but not ours.
        assert_eq!(sniff(&ftyp(b"avif", &[b"mif1", b"avif"])), None);
        assert_eq!(sniff(&ftyp(b"mif1", &[b"mif1", b"avif"])), None);
        assert_eq!(sniff(&ftyp(b"isom", &[b"isom", b"mp41"])), None);
        // A "PDF" that is really text, HTML, a ZIP (an Office file), nothing.
        assert_eq!(sniff(b"Dette er ikke en PDF"), None);
        assert_eq!(sniff(b"<html><script>"), None);
        assert_eq!(sniff(b"PK\x03\x04"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"%PD"), None);
    }

    #[test]
    fn the_browser_refuses_what_the_server_would() {
        assert_eq!(check_choice("kvittering.PDF", 1), Ok(()));
        assert_eq!(check_choice("IMG_0001.HEIC", MAX_FILE_BYTES), Ok(()));
        assert_eq!(
            check_choice("bilde.png", MAX_FILE_BYTES + 1),
            Err(UploadError::TooLarge)
        );
        assert_eq!(check_choice("tom.pdf", 0), Err(UploadError::Empty));
        assert_eq!(check_choice("virus.exe", 10), Err(UploadError::WrongType));
        assert_eq!(
            check_choice("uten-endelse", 10),
            Err(UploadError::WrongType)
        );
        assert_eq!(check_count(0, true), Err(UploadError::NoFiles));
        assert_eq!(check_count(0, false), Ok(()));
        assert_eq!(check_count(5, true), Ok(()));
        assert_eq!(check_count(6, false), Err(UploadError::TooMany));
    }

    #[test]
    fn the_limits_count_forms_and_bytes() {
        let limits = UploadLimits {
            forms_per_hour: 20,
            bytes_per_case: 200 * 1024 * 1024,
        };
        assert!(limits.admits_form(19));
        assert!(!limits.admits_form(20));
        assert_eq!(limits.room(150 * 1024 * 1024), 50 * 1024 * 1024);
        assert_eq!(limits.room(300 * 1024 * 1024), 0);
    }

    #[test]
    fn every_error_code_reads_back() {
        for e in UploadError::ALL {
            assert_eq!(UploadError::from_code(e.code()), Some(e));
        }
        assert_eq!(UploadError::from_code("x"), None);
    }

    #[test]
    fn names_lose_their_paths_and_tricks() {
        assert_eq!(display_name("../../etc/passwd.pdf"), "passwd.pdf");
        assert_eq!(
            display_name("C:\\Users\\kari\\kvittering.jpg"),
            "kvittering.jpg"
        );
        assert_eq!(display_name(".."), "vedlegg");
        assert_eq!(display_name(""), "vedlegg");
        assert_eq!(display_name("..hidden.png"), "hidden.png");
        assert_eq!(display_name("a\"b\r\nc.pdf"), "abc.pdf");
        assert_eq!(
            display_name("kvittering\u{202e}fdp.exe"),
            "kvitteringfdp.exe"
        );
        assert_eq!(
            display_name("Kvittering Ærlig AS.pdf"),
            "Kvittering Ærlig AS.pdf"
        );
        let long = format!("{}.pdf", "å".repeat(300));
        let short = display_name(&long);
        assert_eq!(short.chars().count(), 100);
        assert!(short.ends_with(".pdf"));
        assert_eq!(
            download_name("kvittering.exe", FileKind::Pdf),
            "kvittering.pdf"
        );
        assert_eq!(download_name("bilde.jpeg", FileKind::Jpeg), "bilde.jpg");
        assert_eq!(
            download_name("Faktura nr. 5", FileKind::Pdf),
            "Faktura nr. 5.pdf"
        );
    }

    proptest! {
        #[test]
        fn a_display_name_never_holds_a_path_or_a_line_break(raw in "\\PC{0,300}") {
            let name = display_name(&raw);
            prop_assert!(!name.is_empty());
            prop_assert!(name.chars().count() <= 100);
            prop_assert!(!name.contains('/') && !name.contains('\\'));
            prop_assert!(!name.chars().any(char::is_control));
            prop_assert!(!name.starts_with('.'));
        }

        #[test]
        fn the_start_decides_whatever_follows(tail in proptest::collection::vec(any::<u8>(), 0..80)) {
            for (start, kind) in [
                (b"%PDF-".to_vec(), FileKind::Pdf),
                (vec![0xff, 0xd8, 0xff], FileKind::Jpeg),
                (ftyp(b"heic", &[b"mif1"]), FileKind::Heic),
            ] {
                let mut bytes = start;
                bytes.extend_from_slice(&tail);
                prop_assert_eq!(sniff(&bytes), Some(kind));
            }
            // Text never passes for a file we take.
            let text: Vec<u8> = tail.iter().map(|b| b'a' + b % 26).collect();
            prop_assert_eq!(sniff(&text), None);
        }
    }
}
