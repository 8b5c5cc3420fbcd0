//! `tkg lookup`: one entity, its names and its relations.

use std::io::Write;
use std::path::Path;

use tkg_query::{Lookup, RelationDirection};

use super::{arrow, first_sentence, open_view, parse_predicate, table, write_json};
use crate::cli::{LookupArgs, ViewFormat};

pub fn run(store_dir: &Path, args: &LookupArgs) -> anyhow::Result<u8> {
    let relation = parse_predicate(args.relation.as_deref())?;
    let view = open_view(store_dir)?;
    let lookup = match view.lookup(&args.entity, relation) {
        Ok(l) => l,
        Err(e) => return super::not_found(e),
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        ViewFormat::Json => write_json(&mut out, &lookup)?,
        ViewFormat::Table => write_table(&mut out, &lookup)?,
    }
    out.flush()?;
    Ok(0)
}

fn write_table(out: &mut dyn Write, lookup: &Lookup) -> anyhow::Result<()> {
    let e = &lookup.entity;
    let class = e.class.map_or("-", |c| c.name());
    writeln!(out, "{} ({class}) <{}>", e.label, e.iri)?;
    if !e.aliases.is_empty() {
        writeln!(out, "aliases: {}", e.aliases.join(", "))?;
    }
    for (k, v) in &e.attributes {
        writeln!(out, "{k}: {v}")?;
    }
    let mut t = table(["relation", "other", "class", "evidence", "sentence"]);
    for r in &lookup.relations {
        let relation = arrow(r.predicate, r.direction == RelationDirection::Outgoing);
        let sentence = first_sentence(r.evidence.as_ref());
        t.add_row(vec![
            relation,
            r.other.label.clone(),
            r.other.class.map_or("-", |c| c.name()).to_owned(),
            r.evidence_count.to_string(),
            sentence,
        ]);
    }
    writeln!(out, "{t}")?;
    Ok(())
}
