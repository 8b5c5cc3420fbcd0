//! `tkg eval`: score the extraction of one text against a gold annotation.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tkg_extract::eval::{Gold, NamedTriple, Report, Score, evaluate};

use super::{extractor, table, write_json};
use crate::cli::{EvalArgs, ViewFormat};

pub fn run(args: &EvalArgs) -> anyhow::Result<u8> {
    let with_ext = |ext: &str| -> PathBuf {
        let mut p = args.gold.clone().into_os_string();
        p.push(ext);
        p.into()
    };
    let (entities_path, triples_path) = (with_ext(".entities.tsv"), with_ext(".triples.tsv"));
    let gold = Gold::parse(
        &read(&entities_path)?,
        &read(&triples_path)?,
        &args.gold.display().to_string(),
    )
    .with_context(|| format!("invalid gold annotation {}", args.gold.display()))?;
    let text = read(&args.text)?;
    let extraction = extractor(&args.extraction)?.extract(&text);
    let report = evaluate(&extraction, &gold);
    let mut out = std::io::stdout().lock();
    match args.format {
        ViewFormat::Json => write_json(&mut out, &report)?,
        ViewFormat::Table => write_report(&mut out, &report)?,
    }
    out.flush()?;
    Ok(0)
}

fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not valid UTF-8 (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn write_report(out: &mut dyn Write, r: &Report) -> anyhow::Result<()> {
    let row = |name: &str, s: &Score| {
        vec![
            name.to_owned(),
            format!("{:.2}", s.precision),
            format!("{:.2}", s.recall),
            format!("{:.2}", s.f1),
            format!("{}/{}", s.matched_gold, s.gold),
            format!("{}/{}", s.matched_predicted, s.predicted),
        ]
    };
    let header = [
        "",
        "precision",
        "recall",
        "F1",
        "gold found",
        "predicted right",
    ];
    let mut t = table(header);
    for (class, s) in &r.entities_by_class {
        t.add_row(row(class, s));
    }
    t.add_row(row("all entities", &r.entities));
    writeln!(out, "{t}")?;
    let mut t = table(header);
    for (predicate, s) in &r.triples_by_predicate {
        t.add_row(row(predicate, s));
    }
    t.add_row(row("all triples", &r.triples));
    writeln!(out, "{t}")?;
    for (title, list) in [
        ("missed", &r.missed),
        ("spurious", &r.spurious),
        ("background (lexicon, not scored)", &r.background),
    ] {
        if list.is_empty() {
            continue;
        }
        let mut t = table([title, "predicate", "object", "sentence"]);
        for NamedTriple {
            subject,
            predicate,
            object,
            sentence,
        } in list
        {
            t.add_row(vec![
                subject.clone(),
                predicate.clone(),
                object.clone(),
                sentence.clone(),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    Ok(())
}
