//! Phase two of an import: the access codes, stored only as argon2id hashes.

use super::{ImportFailure, ImportPlan};
use app::domain::CaseNumber;
use app::server::auth::access_code;
use app::server::db;
use sqlx::AnyPool;
use std::collections::HashMap;

/// Each case's code hash: the stored one when the code is unchanged, so a re-import writes
/// nothing; otherwise a new one. Argon2 is slow on purpose: off the async runtime.
pub async fn hashes(
    pool: &AnyPool,
    plan: &ImportPlan,
) -> Result<HashMap<CaseNumber, String>, ImportFailure> {
    let mut hashes = HashMap::new();
    for case in &plan.cases {
        let existing = db::cases::access_code_hash(pool, &case.case_number).await?;
        let code = case.access_code.clone();
        let hash = tokio::task::spawn_blocking(move || -> Result<String, String> {
            if let Some(existing) = existing {
                if access_code::verify(&code, &existing) {
                    return Ok(existing);
                }
            }
            access_code::hash(&code)
        })
        .await
        .map_err(|e| ImportFailure::Hash(e.to_string()))?
        .map_err(ImportFailure::Hash)?;
        hashes.insert(case.case_number.clone(), hash);
    }
    Ok(hashes)
}
