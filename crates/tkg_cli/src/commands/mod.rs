//! One module per subcommand, each exposing `run`, plus what they share.

pub mod build;
pub mod eval;
pub mod export;
pub mod lookup;
pub mod neighbors;
pub mod path;
pub mod query;
pub mod stats;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

use crate::cli::ExtractionArgs;
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use tkg_extract::{Extractor, Lexicon, RuleSet};
use tkg_model::Predicate;
use tkg_query::{GraphView, QueryError};
use tkg_store::{Stats, Store};

/// The built-in extractor plus the user's lexicons and rules.
pub fn extractor(args: &ExtractionArgs) -> anyhow::Result<Extractor> {
    if args.lexicon.is_empty() && args.rules.is_empty() {
        return Ok(Extractor::builtin());
    }
    let mut lexicon = Lexicon::builtin();
    for path in &args.lexicon {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read lexicon {}", path.display()))?;
        let name = path.display().to_string();
        let extra = Lexicon::parse(&text, &name)
            .with_context(|| format!("invalid lexicon {}", path.display()))?;
        lexicon.extend(extra);
    }
    let mut rules = RuleSet::builtin();
    for path in &args.rules {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read rules {}", path.display()))?;
        rules
            .extend_from(&text, &path.display().to_string())
            .with_context(|| format!("invalid rules {}", path.display()))?;
    }
    Ok(Extractor::new(lexicon, rules))
}

/// Opens an existing store for reading; never creates one.
pub fn open_existing(dir: &Path) -> anyhow::Result<Store> {
    if !dir.is_dir() {
        bail!("no graph at {}; run `tkg build` first", dir.display());
    }
    Store::open(dir).with_context(|| format!("cannot open the graph at {}", dir.display()))
}

/// The graph view of an existing store.
pub fn open_view(dir: &Path) -> anyhow::Result<GraphView> {
    let store = open_existing(dir)?;
    let data = store.graph_data().context("cannot read the graph")?;
    Ok(GraphView::new(data))
}

/// Parses a `--relation` value.
pub fn parse_predicate(relation: Option<&str>) -> anyhow::Result<Option<Predicate>> {
    relation
        .map(|r| {
            r.parse::<Predicate>()
                .map_err(anyhow::Error::msg)
                .context("invalid --relation")
        })
        .transpose()
}

/// A predicate with an arrow showing which way the stored triple points.
pub fn arrow(predicate: Predicate, forward: bool) -> String {
    if forward {
        format!("{predicate} →")
    } else {
        format!("← {predicate}")
    }
}

/// The evidence sentence to show in a table cell (empty for lexicon facts).
pub fn first_sentence(evidence: Option<&tkg_query::EvidenceOut>) -> String {
    evidence
        .and_then(|ev| ev.sentence.clone())
        .unwrap_or_default()
}

/// A table with the house style.
pub fn table(header: impl IntoIterator<Item = impl Into<comfy_table::Cell>>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    t
}

/// Writes a value as pretty JSON followed by a newline.
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).context("cannot write JSON")?;
    writeln!(out)?;
    Ok(())
}

/// Prints `tkg: no entity named 'X'` and the suggestions to stderr for a
/// not-found error and returns exit code 1; other errors pass through.
pub fn not_found(err: QueryError) -> anyhow::Result<u8> {
    match err {
        QueryError::NotFound { name, suggestions } => {
            eprintln!("tkg: no entity named '{}'", name.escape_debug());
            if !suggestions.is_empty() {
                let list: Vec<String> = suggestions
                    .iter()
                    .take(5)
                    .map(|s| format!("'{}'", s.escape_debug()))
                    .collect();
                eprintln!("tkg: did you mean {}?", list.join(", "));
            }
            Ok(1)
        }
        other => Err(other.into()),
    }
}

/// The summary tables of `build` and `stats`.
pub fn write_stats(out: &mut dyn Write, stats: &Stats) -> anyhow::Result<()> {
    let mut t = table(["entities", "count"]);
    for (class, n) in &stats.entities_by_class {
        t.add_row(vec![class.clone(), n.to_string()]);
    }
    writeln!(out, "{t}")?;
    let mut t = table(["relations", "count"]);
    for (predicate, n) in &stats.relations_by_predicate {
        t.add_row(vec![predicate.clone(), n.to_string()]);
    }
    writeln!(out, "{t}")?;
    let mut t = table(["graph", "count"]);
    t.add_row(vec!["documents".to_owned(), stats.documents.to_string()]);
    t.add_row(vec!["evidence".to_owned(), stats.evidence.to_string()]);
    t.add_row(vec!["triples".to_owned(), stats.triples.to_string()]);
    writeln!(out, "{t}")?;
    Ok(())
}
