//! `tkg build`: extract facts from new or changed text files into the store.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tkg_model::{DocumentInfo, Extraction, slugify};
use tkg_store::Store;

use super::{extractor, table, write_stats};
use crate::cli::BuildArgs;

/// A readable input file whose content differs from the stored copy.
struct Changed {
    path: PathBuf,
    info: DocumentInfo,
    text: String,
    is_new: bool,
}

#[derive(Default)]
struct Counts {
    added: usize,
    updated: usize,
    unchanged: usize,
    failed: usize,
}

pub fn run(store_dir: &Path, args: &BuildArgs) -> anyhow::Result<u8> {
    let extractor = extractor(&args.extraction)?;
    let ingested = ingested_time()?;
    let store = Store::open(store_dir)
        .with_context(|| format!("cannot open the graph at {}", store_dir.display()))?;

    let mut counts = Counts::default();
    let mut slugs: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut changed = Vec::new();
    for path in input_files(&args.paths, &mut counts) {
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(problem) => {
                fail(&mut counts, &path, &problem);
                continue;
            }
        };
        if text.trim().is_empty() {
            eprintln!(
                "tkg: warning: {}: empty file, no facts to extract",
                path.display()
            );
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let slug = slugify(&stem);
        if let Some(other) = slugs.get(&slug) {
            let problem = format!(
                "document name '{slug}' is already used by {}; rename one of them",
                other.display()
            );
            fail(&mut counts, &path, &problem);
            continue;
        }
        slugs.insert(slug.clone(), path.clone());
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        let stored = store
            .document_sha256(&slug)
            .context("cannot read the store")?;
        if stored.as_deref() == Some(sha256.as_str()) {
            counts.unchanged += 1;
            continue;
        }
        let file_name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let info = DocumentInfo {
            slug,
            file_name,
            sha256,
        };
        changed.push(Changed {
            path,
            info,
            text,
            is_new: stored.is_none(),
        });
    }

    let progress = ProgressBar::new(changed.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{spinner} extracting [{bar:30}] {pos}/{len} {wide_msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let extracted: Vec<(Changed, Extraction)> = changed
        .into_par_iter()
        .map(|doc| {
            let extraction = extractor.extract(&doc.text);
            progress.inc(1);
            (doc, extraction)
        })
        .collect();
    progress.finish_and_clear();

    for (doc, extraction) in &extracted {
        store
            .put_document(&doc.info, extraction, &ingested)
            .with_context(|| format!("cannot store {}", doc.path.display()))?;
        if doc.is_new {
            counts.added += 1;
        } else {
            counts.updated += 1;
        }
    }
    store.flush().context("cannot flush the store")?;

    let stats = store.stats().context("cannot compute statistics")?;
    let mut out = std::io::stdout().lock();
    let mut t = table(["documents", "count"]);
    for (name, n) in [
        ("added", counts.added),
        ("updated", counts.updated),
        ("unchanged", counts.unchanged),
        ("failed", counts.failed),
    ] {
        t.add_row(vec![name.to_owned(), n.to_string()]);
    }
    writeln!(out, "{t}")?;
    write_stats(&mut out, &stats)?;
    out.flush()?;
    Ok(u8::from(counts.failed > 0))
}

fn fail(counts: &mut Counts, path: &Path, problem: &str) {
    eprintln!("tkg: {}: {problem}", path.display());
    counts.failed += 1;
}

/// `SOURCE_DATE_EPOCH` as an `xsd:dateTime` if set (reproducible builds), else now.
fn ingested_time() -> anyhow::Result<String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) if !epoch.trim().is_empty() => {
            let secs: u64 = epoch.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH={epoch:?} is not a number of seconds")
            })?;
            Ok(
                humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(secs))
                    .to_string(),
            )
        }
        _ => Ok(tkg_store::now_xsd_datetime()),
    }
}

/// Files named on the command line, and `.txt`/`.md` files under named
/// directories, each group sorted. Missing paths count as failures.
fn input_files(paths: &[PathBuf], counts: &mut Counts) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => fail(counts, path, &io_problem(&e)),
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                if let Err(e) = walk(path, &mut found) {
                    fail(counts, path, &io_problem(&e));
                }
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push(path.clone()),
        }
    }
    files
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            found.push(path);
        }
    }
    Ok(())
}

/// The file's text, or a one-line description of why it cannot be used.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| io_problem(&e))?;
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes); expected UTF-8 text".to_owned());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "invalid UTF-8 at byte {}; expected UTF-8 text",
            e.utf8_error().valid_up_to()
        )
    })?;
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 10 > text.chars().count() {
        return Err("binary file (mostly control characters); expected UTF-8 text".to_owned());
    }
    Ok(text)
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
