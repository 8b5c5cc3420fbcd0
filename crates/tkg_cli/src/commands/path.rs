//! `tkg path`: the shortest connection between two entities.

use std::io::Write;
use std::path::Path;

use tkg_query::{HopDirection, PathResult};

use super::{arrow, first_sentence, open_view, table, write_json};
use crate::cli::{PathArgs, ViewFormat};

pub fn run(store_dir: &Path, args: &PathArgs) -> anyhow::Result<u8> {
    let view = open_view(store_dir)?;
    let found = match view.path(&args.from, &args.to, args.max_hops) {
        Ok(p) => p,
        Err(e) => return super::not_found(e),
    };
    let Some(path) = found else {
        eprintln!(
            "tkg: no path between '{}' and '{}' within {} hops",
            args.from.escape_debug(),
            args.to.escape_debug(),
            args.max_hops
        );
        return Ok(1);
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        ViewFormat::Json => write_json(&mut out, &path)?,
        ViewFormat::Table => write_table(&mut out, &path)?,
    }
    out.flush()?;
    Ok(0)
}

fn write_table(out: &mut dyn Write, path: &PathResult) -> anyhow::Result<()> {
    writeln!(
        out,
        "{} → {}: {} hops",
        path.from.label,
        path.to.label,
        path.hops.len()
    )?;
    let mut t = table(["from", "relation", "to", "sentence"]);
    for hop in &path.hops {
        let relation = arrow(hop.predicate, hop.direction == HopDirection::Forward);
        let sentence = first_sentence(hop.evidence.as_ref());
        t.add_row(vec![
            hop.from.label.clone(),
            relation,
            hop.to.label.clone(),
            sentence,
        ]);
    }
    writeln!(out, "{t}")?;
    Ok(())
}
