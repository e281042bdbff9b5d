//! Turns the locale files (`locales/*.json`, bokmål the source of truth) into the `i18n`
//! module, and refuses to build when a locale lacks a key bokmål has, or has one it lacks.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::collections::BTreeSet;
use std::error::Error;
use std::path::PathBuf;

/// Bokmål first: the default, and the one the others are checked against.
const LOCALES: [&str; 3] = ["nb", "en", "pl"];

/// The endings CLDR gives plural forms; a language has its own set of them (Polish has
/// `few` and `many`, bokmål and English only `one` and `other`).
const PLURAL_FORMS: [&str; 6] = ["_zero", "_one", "_two", "_few", "_many", "_other"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=locales");
    check_same_keys()?;

    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    let cfg = LOCALES[1..]
        .iter()
        .try_fold(Config::new(LOCALES[0])?, |cfg, locale| {
            cfg.add_locale(locale)
        })?
        // Texts are written out as strings (the server writes every page and letter).
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;

    // The workspace: bokmål only, its own module.
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?)
        .join("workspace_i18n");
    let cfg = Config::new("nb")?
        .locales_path("./locales/workspace")
        .parse_options(ParseOptions::default().interpolate_display(true));
    let workspace = TranslationsInfos::parse(cfg)?;
    workspace.emit_diagnostics();
    workspace.rerun_if_locales_changed();
    workspace.generate_i18n_module(out)?;
    Ok(())
}

/// Every locale has exactly bokmål's keys (a plural counts as one key, whatever forms it has).
fn check_same_keys() -> Result<(), Box<dyn Error>> {
    let keys_of = |locale: &str| -> Result<BTreeSet<String>, Box<dyn Error>> {
        let path = format!("locales/{locale}.json");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        let mut keys = BTreeSet::new();
        collect(&value, String::new(), &mut keys);
        Ok(keys)
    };
    let source = keys_of(LOCALES[0])?;
    let mut problems = Vec::new();
    for locale in &LOCALES[1..] {
        let keys = keys_of(locale)?;
        for missing in source.difference(&keys) {
            problems.push(format!("locales/{locale}.json lacks `{missing}`"));
        }
        for extra in keys.difference(&source) {
            problems.push(format!(
                "locales/{locale}.json has `{extra}`, which nb.json has not"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

fn collect(value: &serde_json::Value, prefix: String, keys: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let key = PLURAL_FORMS
                    .iter()
                    .find_map(|form| key.strip_suffix(form))
                    .unwrap_or(key);
                let path = if prefix.is_empty() {
                    key.to_string()
                } else {
                    format!("{prefix}.{key}")
                };
                collect(inner, path, keys);
            }
        }
        _ => {
            keys.insert(prefix);
        }
    }
}
