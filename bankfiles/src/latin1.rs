//! ISO-8859-1 text as UTF-8: each byte is the code point of the same number.

use std::io::{BufRead, Read};

pub(crate) struct Latin1<R: BufRead> {
    inner: R,
    out: Vec<u8>,
    pos: usize,
}

impl<R: BufRead> Latin1<R> {
    pub(crate) fn new(inner: R) -> Latin1<R> {
        Latin1 {
            inner,
            out: Vec::new(),
            pos: 0,
        }
    }
}

/// A byte of ISO-8859-1 as the UTF-8 of the same character.
pub(crate) fn push_char(out: &mut Vec<u8>, byte: u8) {
    if byte < 0x80 {
        out.push(byte);
    } else {
        out.push(0xC0 | (byte >> 6));
        out.push(0x80 | (byte & 0x3F));
    }
}

impl<R: BufRead> Read for Latin1<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Latin1<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.out.len() {
            self.out.clear();
            self.pos = 0;
            let data = self.inner.fill_buf()?;
            let taken = data.len();
            for &b in data {
                push_char(&mut self.out, b);
            }
            self.inner.consume(taken);
        }
        Ok(&self.out[self.pos..])
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.out.len());
    }
}

/// The file's bytes as UTF-8: as they are, or from ISO-8859-1 when the XML declaration says so.
pub(crate) enum Source<R: BufRead> {
    Utf8(R),
    Latin1(Latin1<R>),
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::Utf8(r) => r.read(buf),
            Source::Latin1(r) => r.read(buf),
        }
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        match self {
            Source::Utf8(r) => r.fill_buf(),
            Source::Latin1(r) => r.fill_buf(),
        }
    }

    fn consume(&mut self, amount: usize) {
        match self {
            Source::Utf8(r) => r.consume(amount),
            Source::Latin1(r) => r.consume(amount),
        }
    }
}

/// Whether the declaration at the start of the file names ISO-8859-1.
pub(crate) fn declares_latin1(head: &[u8]) -> bool {
    let head: String = head.iter().take(200).map(|&b| char::from(b)).collect();
    let head = head.to_ascii_lowercase();
    head.starts_with("<?xml")
        && ["iso-8859-1", "iso8859-1", "latin1", "latin-1"]
            .iter()
            .any(|name| {
                head.contains(&format!("encoding=\"{name}\""))
                    || head.contains(&format!("encoding='{name}'"))
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_reads_as_utf8() {
        let mut text = String::new();
        let read = Latin1::new(&b"Bl\xe5b\xe6r \xf8l"[..]).read_to_string(&mut text);
        assert!(read.is_ok());
        assert_eq!(text, "Blåbær øl");
    }
}
