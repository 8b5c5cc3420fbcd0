//! The tkg store: the only crate that opens Oxigraph.
//!
//! Documents are written as named graphs `doc:{slug}` holding the document
//! description, the entities it mentions, its asserted facts and the
//! reified evidence of every fact, exactly as `shared/ontology.md` says.
//! Reads (SPARQL, statistics, the graph view) see the union of all named
//! graphs as the default graph.
//!
//! ```no_run
//! # fn main() -> Result<(), tkg_store::StoreError> {
//! use tkg_store::{AnswerFormat, Store};
//! let store = Store::open(std::path::Path::new("data/store"))?;
//! let answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")?;
//! answer.write(AnswerFormat::Json, &mut std::io::stdout())?;
//! # Ok(()) }
//! ```

mod encode;
mod error;
mod query;
mod read;
mod store;
#[cfg(test)]
mod test_support;
mod vocab;

pub use error::StoreError;
pub use query::{AnswerFormat, BindTerm, QueryAnswer, display_term, shorten};
pub use read::Stats;
pub use store::{Store, now_xsd_datetime};

/// The Oxigraph term types that appear in [`QueryAnswer`].
pub use oxigraph::model::{BlankNode, Literal, NamedNode, Term, Triple};
