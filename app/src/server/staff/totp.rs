//! One-time codes for staff logins (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits), as an
//! authenticator app makes them. A code is good in its own step and the one either side (a
//! phone's clock may be a little off); which step it matched is returned, so that the caller
//! can accept each step once only.

use totp_rs::{Algorithm, Secret, TOTP};

pub const STEP_SECONDS: u64 = 30;
pub const DIGITS: usize = 6;

/// A fresh secret of 160 random bits, in base32 (as authenticator apps take it).
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

/// The line an authenticator app reads (typed in, or as a QR code made from it).
pub fn otpauth_url(username: &str, secret: &str) -> String {
    format!("otpauth://totp/Innfri:{username}?secret={secret}&issuer=Innfri")
}

fn totp(secret: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, DIGITS, 1, STEP_SECONDS, bytes).ok()
}

/// The code for the moment `unix` (seconds); `None` for a secret that is not base32.
pub fn code_at(secret: &str, unix: u64) -> Option<String> {
    totp(secret).map(|t| t.generate(unix))
}

/// The step (`unix / 30`) whose code `code` is, looking one step either side of `unix`.
/// Every candidate is compared, in constant time, whether or not one matched already.
pub fn matching_step(secret: &str, code: &str, unix: u64) -> Option<u64> {
    let totp = totp(secret)?;
    let code = code.trim().as_bytes();
    let now = unix / STEP_SECONDS;
    let mut found = None;
    for step in now.saturating_sub(1)..=now + 1 {
        let expected = totp.generate(step * STEP_SECONDS);
        let same = expected.len() == code.len()
            && expected
                .bytes()
                .zip(code.iter())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        if same && found.is_none() {
            found = Some(step);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 secret "12345678901234567890", whose 8-digit codes
    /// end in these 6 digits.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_are_those_of_rfc_6238() {
        assert_eq!(code_at(RFC_SECRET, 59).as_deref(), Some("287082"));
        assert_eq!(
            code_at(RFC_SECRET, 1_111_111_109).as_deref(),
            Some("081804")
        );
        assert_eq!(
            code_at(RFC_SECRET, 1_234_567_890).as_deref(),
            Some("005924")
        );
        assert_eq!(
            code_at(RFC_SECRET, 2_000_000_000).as_deref(),
            Some("279037")
        );
    }

    #[test]
    fn a_code_matches_its_step_and_the_ones_beside_it_only() {
        let at = 1_111_111_109;
        assert_eq!(matching_step(RFC_SECRET, "081804", at), Some(at / 30));
        assert_eq!(matching_step(RFC_SECRET, "081804", at + 30), Some(at / 30));
        assert_eq!(matching_step(RFC_SECRET, "081804", at - 30), Some(at / 30));
        assert_eq!(matching_step(RFC_SECRET, "081804", at + 90), None);
        assert_eq!(matching_step(RFC_SECRET, "081805", at), None);
        assert_eq!(matching_step(RFC_SECRET, "", at), None);
        assert_eq!(matching_step("not base32!", "081804", at), None);
    }

    #[test]
    fn a_new_secret_is_160_bits_of_base32_and_makes_codes() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_ne!(secret, new_secret());
        let code = code_at(&secret, 1_000_000).expect("code");
        assert_eq!(code.len(), 6);
        assert_eq!(
            matching_step(&secret, &code, 1_000_000),
            Some(1_000_000 / 30)
        );
        assert_eq!(
            otpauth_url("kari", "ABC"),
            "otpauth://totp/Innfri:kari?secret=ABC&issuer=Innfri"
        );
    }
}
