//! Command-line arguments. The doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Threat knowledge graph: security-analysis prose in, queryable RDF graph out.
#[derive(Debug, Parser)]
#[command(name = "tkg", version, about, propagate_version = true)]
pub struct Cli {
    /// Directory of the graph store.
    #[arg(
        long,
        global = true,
        env = "TKG_STORE",
        default_value = ".tkg",
        value_name = "DIR"
    )]
    pub store: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract facts from text files into the graph (only new or changed files).
    Build(BuildArgs),
    /// Run a SPARQL query: inline text, @file.rq, or the name of a query in queries/.
    Query(QueryArgs),
    /// Show an entity with its names and relations.
    Lookup(LookupArgs),
    /// Find the shortest connection between two entities.
    Path(PathArgs),
    /// List the entities near one entity.
    Neighbors(NeighborsArgs),
    /// Write the whole graph as GraphML, Turtle or N-Triples.
    Export(ExportArgs),
    /// Summarize what the graph holds.
    Stats,
    /// Score extraction of a text against a gold annotation (precision, recall, F1).
    Eval(EvalArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Text files or directories (searched recursively for .txt and .md files).
    #[arg(value_name = "PATH", default_value = "seeds")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub extraction: ExtractionArgs,
}

/// The extractor's data: the built-in lexicon and rules plus the user's.
#[derive(Debug, clap::Args)]
pub struct ExtractionArgs {
    /// Extra lexicon file (TSV) added to the built-in lexicon; repeatable.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Extra rules file (TOML) added to the built-in rules; repeatable.
    #[arg(long, value_name = "FILE")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold annotation prefix: PREFIX.entities.tsv and PREFIX.triples.tsv.
    #[arg(long, value_name = "PREFIX")]
    pub gold: PathBuf,
    /// The text to extract from and score.
    #[arg(value_name = "TEXT")]
    pub text: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ViewFormat,
    #[command(flatten)]
    pub extraction: ExtractionArgs,
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// Output format [default: table; ntriples for CONSTRUCT/DESCRIBE].
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
    /// Bind ?NAME to the string VALUE (never spliced into the query text); repeatable.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// SPARQL text, @path/to/file.rq, or a query name such as `leaders`.
    pub query: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Table,
    Json,
    Csv,
    Tsv,
    Xml,
    Ntriples,
    Turtle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct LookupArgs {
    /// Name, alias or IRI of the entity.
    pub entity: String,
    /// Only relations with this predicate (e.g. leaderOf).
    #[arg(long, value_name = "PRED")]
    pub relation: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: ViewFormat,
}

#[derive(Debug, clap::Args)]
pub struct PathArgs {
    /// Start entity.
    pub from: String,
    /// End entity.
    pub to: String,
    /// Longest path accepted, in edges.
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub max_hops: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ViewFormat,
}

#[derive(Debug, clap::Args)]
pub struct NeighborsArgs {
    /// Name, alias or IRI of the entity.
    pub entity: String,
    /// Largest distance, in edges.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub hops: usize,
    /// Walk only edges with this predicate (e.g. alliedWith).
    #[arg(long, value_name = "PRED")]
    pub relation: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ViewFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Graphml,
    Turtle,
    Ntriples,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "graphml")]
    pub format: ExportFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}
