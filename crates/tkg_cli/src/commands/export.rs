//! `tkg export`: the whole graph as GraphML, Turtle or N-Triples.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use tkg_store::{AnswerFormat, QueryAnswer, Store};

use super::open_existing;
use crate::cli::{ExportArgs, ExportFormat};

const ALL_TRIPLES: &str = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }";

pub fn run(store_dir: &Path, args: &ExportArgs) -> anyhow::Result<u8> {
    let store = open_existing(store_dir)?;
    match &args.output {
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            write(&store, args.format, &mut out)?;
            out.flush()?;
        }
        Some(path) => {
            // Write next to the target, then rename: never a half-written file.
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
            let mut out = BufWriter::new(tmp);
            write(&store, args.format, &mut out)?;
            let tmp = out
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)
                .context("cannot write the export")?;
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(0)
}

fn write(store: &Store, format: ExportFormat, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        ExportFormat::Graphml => {
            let data = store.graph_data().context("cannot read the graph")?;
            tkg_query::write_graphml(&data, out).context("cannot write GraphML")?;
        }
        ExportFormat::Turtle | ExportFormat::Ntriples => {
            let rdf = if format == ExportFormat::Turtle {
                AnswerFormat::Turtle
            } else {
                AnswerFormat::NTriples
            };
            let mut answer = store.query(ALL_TRIPLES).context("cannot read the graph")?;
            // The union graph is a bag and its order is the index order: sort
            // and deduplicate so equal graphs export byte-identically.
            if let QueryAnswer::Graph(triples) = &mut answer {
                triples.sort_by_cached_key(ToString::to_string);
                triples.dedup();
            }
            answer.write(rdf, out)?;
        }
    }
    Ok(())
}
