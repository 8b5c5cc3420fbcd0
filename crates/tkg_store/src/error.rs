//! The one error type of the store.

use std::path::PathBuf;

use oxigraph::sparql::QueryEvaluationError;
use oxigraph::store::StorageError;

/// Everything that can go wrong while reading or writing the store.
///
/// Messages are meant for an end user: they name the path, IRI, variable or
/// format at fault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process (or another handle in this process) holds the `RocksDB` lock.
    #[error(
        "the store at {} is in use by another tkg process (RocksDB lock held); \
         wait for it to finish or close it, then retry",
        path.display()
    )]
    Locked { path: PathBuf },

    /// The store directory could not be created.
    #[error("cannot create the store directory {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Any other failure of the underlying Oxigraph storage.
    #[error("storage error: {0}")]
    Storage(#[from] StorageError),

    /// The SPARQL text does not parse; the message carries Oxigraph's position
    /// (`error at LINE:COLUMN: expected …`).
    #[error("SPARQL syntax error: {0}")]
    SparqlSyntax(String),

    /// The query parsed but its evaluation failed.
    #[error("SPARQL evaluation error: {0}")]
    Evaluation(#[source] QueryEvaluationError),

    /// A bound variable is not one the query projects (Oxigraph can bind only
    /// variables visible in the query's result, e.g. listed in `SELECT`).
    #[error("cannot bind ?{0}: the query does not project that variable (list it in SELECT)")]
    UnknownVariable(String),

    /// A variable name given for binding is not a valid SPARQL variable name.
    #[error("invalid SPARQL variable name {name:?}: {message}")]
    InvalidVariable { name: String, message: String },

    /// A string that must be an IRI is not a valid one.
    #[error("invalid IRI <{iri}>: {message}")]
    InvalidIri { iri: String, message: String },

    /// A value is not a valid lexical form of its datatype.
    #[error("invalid {datatype} value {value:?}: {message}")]
    InvalidLiteral {
        value: String,
        datatype: &'static str,
        message: String,
    },

    /// A result cannot be written in the requested format (e.g. a graph as CSV).
    #[error("{kind} results cannot be written as {format}")]
    UnsupportedFormat {
        kind: &'static str,
        format: &'static str,
    },

    /// Writing serialized results failed.
    #[error("cannot write query results: {0}")]
    Write(#[source] std::io::Error),
}

impl StoreError {
    pub(crate) fn invalid_iri(iri: &str, e: &impl std::fmt::Display) -> Self {
        Self::InvalidIri {
            iri: iri.to_owned(),
            message: e.to_string(),
        }
    }
}

impl From<QueryEvaluationError> for StoreError {
    fn from(e: QueryEvaluationError) -> Self {
        match e {
            QueryEvaluationError::NotExistingSubstitutedVariable(v) => {
                Self::UnknownVariable(v.as_str().to_owned())
            }
            other => Self::Evaluation(other),
        }
    }
}
