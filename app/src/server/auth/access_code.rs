//! Personal access codes from the letter: stored only as argon2id hashes. Both functions are
//! CPU-heavy on purpose; call them from `spawn_blocking`, never on the async runtime.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;

pub fn hash(code: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(code.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify(code: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(code.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_argon2id_and_verifies_only_the_right_code() {
        let stored = hash("739214").expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(!stored.contains("739214"));
        assert!(verify("739214", &stored));
        assert!(!verify("739215", &stored));
        assert!(!verify("739214", "not a hash"));
    }
}
