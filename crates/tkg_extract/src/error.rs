//! Errors of the extractor: only bad lexicon or rule files can fail.

/// What can go wrong when loading extraction data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// A lexicon row that cannot be read.
    #[error("lexicon {file}, line {line}: {message}")]
    Lexicon {
        file: String,
        line: usize,
        message: String,
    },
    /// A rule file that cannot be read or a rule that does not compile.
    #[error("rules {file}: {message}")]
    Rules { file: String, message: String },
}
