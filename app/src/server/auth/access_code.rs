//! Personal access codes from the letter: stored only as argon2id hashes. Both functions are
//! CPU-heavy on purpose; call them off the async runtime (`gate::HashGate::run`).

use argon2::password_hash::phc::{Output, PasswordHash};
use argon2::password_hash::PasswordHasher;
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::cell::RefCell;

pub fn hash(code: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(code.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

thread_local! {
    /// The memory a check works in (19 MiB with the default parameters), kept by the thread
    /// that checks: the allocator does not give such blocks back, so allocating one per check
    /// would grow the process by 19 MiB a login.
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Whether `code` is the one `stored` (a PHC string) was made from.
pub fn verify(code: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let (Ok(params), Ok(algorithm)) = (
        Params::try_from(&parsed),
        Algorithm::try_from(parsed.algorithm.as_str()),
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
        None => Version::default(),
    };
    let needed = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    let computed = BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        if blocks.len() < needed {
            blocks.resize(needed, Block::default());
        }
        argon2.hash_password_into_with_memory(
            code.as_bytes(),
            salt,
            &mut out,
            &mut blocks[..needed],
        )
    });
    // `Output` compares in constant time.
    computed.is_ok() && Output::new(&out).is_ok_and(|out| out == *expected)
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
        // The same thread checks again in the memory it kept.
        assert!(verify("739214", &stored));
        assert!(!verify("", &stored));
    }
}
