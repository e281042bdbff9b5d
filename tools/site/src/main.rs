//! The browser's side of the site, built without a separate build tool to install:
//!
//! `site front WASM PKG_DIR NAME` cuts the compiled wasm into the main module and the chunks
//! that lazy routes fetch when opened (the wasm must be linked with `--emit-relocs`), then
//! generates the JS glue for the main module into `PKG_DIR` as `NAME.js` and `NAME.wasm`.
//! Printed: every wasm file written, one a line, for the optimiser to take next.
//!
//! `site version PKG_DIR` moves the finished files into a folder named by their hash (see
//! `version`).
//!
//! `site compress DIR` writes a `.br` and a `.gz` beside every file under `DIR` (but those),
//! at the highest settings, for the server to send as they are.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

type Error = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let done = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["front", wasm, pkg, name] => front(Path::new(wasm), Path::new(pkg), name),
        ["version", pkg] => version(Path::new(pkg)).map(|v| println!("{v}")),
        ["compress", dir] => {
            compress_all(Path::new(dir)).map(|n| eprintln!("{n} files precompressed"))
        }
        _ => Err(
            "usage: site front WASM PKG_DIR NAME | site version PKG_DIR | site compress DIR".into(),
        ),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("site: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Split, then bind: the split's main module is what wasm-bindgen turns into `NAME.js` and
/// `NAME_bg.wasm`, renamed `NAME.wasm` (the name the server's page asks for).
fn front(wasm: &Path, pkg: &Path, name: &str) -> Result<(), Error> {
    std::fs::create_dir_all(pkg)?;
    let input = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let main_module = format!("./{name}.js");
    let main_out = wasm.with_file_name(format!("{name}_split.wasm"));
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = pkg;
        opts.main_out_path = &main_out;
        opts.main_module = &main_module;
        // The name Leptos's hydration script imports the chunk loader by.
        opts.link_name = LOADER_LINK;
        opts
    })
    .map_err(|e| format!("splitting the wasm: {e:?}"))?;
    drop(input);
    // A build with no split points (the islands build) has no chunk to fetch.
    if !split.prefetch_map.is_empty() {
        retry_chunk_downloads(&pkg.join(LOADER))?;
    }
    let manifest = serde_json::to_string_pretty(&split.prefetch_map)?;
    std::fs::write(pkg.join("__wasm_split_manifest.json"), manifest)?;

    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&main_out)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e:?}"))?
        .keep_lld_exports(true)
        .demangle(false)
        .typescript(false)
        .out_name(name)
        .generate(pkg)
        .map_err(|e| format!("wasm-bindgen: {e:?}"))?;
    let main_wasm = pkg.join(format!("{name}.wasm"));
    std::fs::rename(pkg.join(format!("{name}_bg.wasm")), &main_wasm)?;

    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", main_wasm.display())?;
    for chunk in split.split_modules {
        writeln!(out, "{}", chunk.display())?;
    }
    Ok(())
}

/// The chunk loader's file, and the name Leptos's hydration script imports it by.
const LOADER: &str = "__wasm_split.______________________.js";
const LOADER_LINK: &str = "./__wasm_split.______________________.js";

/// A chunk that fails to download (a dropped mobile connection) is fetched again, three more
/// times, a moment apart, before the page gives up on it: the loader as generated fetches
/// each chunk once and a failure would leave the page unhydrated until a reload.
fn retry_chunk_downloads(loader: &Path) -> Result<(), Error> {
    const FETCH: &str = "fetch(new URL(";
    const HELPER: &str = r#"
async function fetchRetrying(url) {
    for (let attempt = 1; ; attempt++) {
        try {
            const response = await fetch(url);
            if (response.ok || attempt === 4) return response;
        } catch (e) {
            if (attempt === 4) throw e;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
}
"#;
    let js = std::fs::read_to_string(loader).map_err(|e| format!("{}: {e}", loader.display()))?;
    let Some(end_of_imports) = js.find('\n').map(|i| i + 1) else {
        return Err(format!("{}: no import line", loader.display()).into());
    };
    if !js.contains(FETCH) {
        return Err(format!(
            "{}: the chunk loader no longer fetches as expected",
            loader.display()
        )
        .into());
    }
    let (imports, rest) = js.split_at(end_of_imports);
    let patched = format!(
        "{imports}{HELPER}{}",
        rest.replace(FETCH, "fetchRetrying(new URL(")
    );
    std::fs::write(loader, patched)?;
    Ok(())
}

/// Move every file of `pkg` into `pkg/VERSION/`, where VERSION is a hash of all their names
/// and contents, and write it to `pkg/VERSION`: the server reads it and names the folder in
/// every address it gives out, so a browser may keep each file for good (a new build is a
/// new folder) and never mixes files of two builds.
fn version(pkg: &Path) -> Result<String, Error> {
    use std::hash::{DefaultHasher, Hasher};
    let mut files: Vec<PathBuf> = std::fs::read_dir(pkg)
        .map_err(|e| format!("{}: {e}", pkg.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|path| path.is_file());
    files.sort();
    let mut hasher = DefaultHasher::new();
    for path in &files {
        hasher.write(
            path.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        hasher.write(&std::fs::read(path)?);
    }
    let version = format!("{:016x}", hasher.finish());
    let folder = pkg.join(&version);
    std::fs::create_dir_all(&folder)?;
    for path in &files {
        if let Some(name) = path.file_name() {
            std::fs::rename(path, folder.join(name))?;
        }
    }
    std::fs::write(pkg.join("VERSION"), &version)?;
    Ok(version)
}

/// Every file under `dir`, compressed twice; returns how many.
fn compress_all(dir: &Path) -> Result<usize, Error> {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            count += compress_all(&path)?;
        } else if !matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz")) {
            compress(&path)?;
            count += 1;
        }
    }
    Ok(count)
}

fn compress(path: &Path) -> Result<(), Error> {
    let data = std::fs::read(path)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&data)?;
    std::fs::write(with_suffix(path, "gz"), gz.finish()?)?;
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut data.as_slice(), &mut br, &params)?;
    std::fs::write(with_suffix(path, "br"), br)?;
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}
