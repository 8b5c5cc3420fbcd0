//! `tkg query`: run SPARQL (inline, `@file`, or a named query) and print the answer.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use tkg_store::{AnswerFormat, BindTerm, QueryAnswer};

use super::{open_existing, table};
use crate::cli::{QueryArgs, QueryFormat};

include!(concat!(env!("OUT_DIR"), "/queries.rs"));

pub fn run(store_dir: &Path, args: &QueryArgs) -> anyhow::Result<u8> {
    let sparql = resolve(&args.query)?;
    let params = args
        .params
        .iter()
        .map(|p| {
            let (name, value) = p
                .split_once('=')
                .with_context(|| format!("invalid --param {p:?}: expected NAME=VALUE"))?;
            Ok((
                name.trim_start_matches(['?', '$']).to_owned(),
                BindTerm::Literal(value.to_owned()),
            ))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let store = open_existing(store_dir)?;
    let answer = if params.is_empty() {
        store.query(&sparql)
    } else {
        let bound: Vec<(&str, BindTerm)> = params
            .iter()
            .map(|(n, v)| (n.as_str(), v.clone()))
            .collect();
        store.query_bound(&sparql, &bound)
    }?;
    let mut out = std::io::stdout().lock();
    let format = match (args.format, &answer) {
        (Some(QueryFormat::Table), _)
        | (None, QueryAnswer::Solutions { .. } | QueryAnswer::Boolean(_)) => {
            let (header, rows) = answer.to_table();
            let mut t = table(header);
            t.add_rows(rows);
            writeln!(out, "{t}")?;
            out.flush()?;
            return Ok(0);
        }
        (None | Some(QueryFormat::Ntriples), _) => AnswerFormat::NTriples,
        (Some(QueryFormat::Turtle), _) => AnswerFormat::Turtle,
        (Some(QueryFormat::Json), _) => AnswerFormat::Json,
        (Some(QueryFormat::Xml), _) => AnswerFormat::Xml,
        (Some(QueryFormat::Csv), _) => AnswerFormat::Csv,
        (Some(QueryFormat::Tsv), _) => AnswerFormat::Tsv,
    };
    answer.write(format, &mut out)?;
    out.flush()?;
    Ok(0)
}

/// The SPARQL text of `query`: `@file`, a query name (queries/NAME.rq in the
/// current directory first, else the bundled copy), or the text itself.
fn resolve(query: &str) -> anyhow::Result<String> {
    if let Some(file) = query.strip_prefix('@') {
        return std::fs::read_to_string(file)
            .with_context(|| format!("cannot read query file {file}"));
    }
    let is_name = !query.is_empty()
        && query
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !is_name {
        return Ok(query.to_owned());
    }
    let local = Path::new("queries").join(format!("{query}.rq"));
    if local.is_file() {
        return std::fs::read_to_string(&local)
            .with_context(|| format!("cannot read {}", local.display()));
    }
    if let Some((_, text)) = BUNDLED.iter().find(|(name, _)| *name == query) {
        return Ok((*text).to_owned());
    }
    let names: Vec<&str> = BUNDLED.iter().map(|(name, _)| *name).collect();
    bail!(
        "unknown query '{query}'; available queries: {}",
        names.join(", ")
    )
}
