//! `tkg neighbors`: the entities within N hops of one entity.

use std::io::Write;
use std::path::Path;

use super::{open_view, parse_predicate, table, write_json};
use crate::cli::{NeighborsArgs, ViewFormat};

pub fn run(store_dir: &Path, args: &NeighborsArgs) -> anyhow::Result<u8> {
    let relation = parse_predicate(args.relation.as_deref())?;
    let view = open_view(store_dir)?;
    let result = match view.neighbors(&args.entity, args.hops, relation) {
        Ok(n) => n,
        Err(e) => return super::not_found(e),
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        ViewFormat::Json => write_json(&mut out, &result)?,
        ViewFormat::Table => {
            let e = &result.entity;
            writeln!(out, "{} ({})", e.label, e.class.map_or("-", |c| c.name()))?;
            let mut t = table(["distance", "entity", "class", "via"]);
            for n in &result.neighbors {
                t.add_row(vec![
                    n.distance.to_string(),
                    n.entity.label.clone(),
                    n.entity.class.map_or("-", |c| c.name()).to_owned(),
                    n.via.to_string(),
                ]);
            }
            writeln!(out, "{t}")?;
        }
    }
    out.flush()?;
    Ok(0)
}
