//! Errors of the read side.

use thiserror::Error;

/// Why a query could not be answered.
///
/// Both variants are about the caller's input; the graph view itself never
/// fails once built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum QueryError {
    /// No entity has this IRI, label or alias.
    ///
    /// `suggestions` holds up to five labels or aliases that are close to
    /// `name` (typos, prefixes, substrings, shared words), closest first; it
    /// may be empty.
    #[error("no entity named {name:?}{}", did_you_mean(suggestions))]
    NotFound {
        /// The name as the user typed it.
        name: String,
        /// Close labels or aliases, closest first (at most five).
        suggestions: Vec<String>,
    },
    /// An argument can never match anything, for example a name without any
    /// letter or digit.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = suggestions.iter().map(|s| format!("{s:?}")).collect();
        format!(" (did you mean {}?)", quoted.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_message_lists_suggestions() {
        let e = QueryError::NotFound {
            name: "Nothern Front".into(),
            suggestions: vec!["Northern Front".into()],
        };
        assert_eq!(
            e.to_string(),
            r#"no entity named "Nothern Front" (did you mean "Northern Front"?)"#
        );
        let e = QueryError::NotFound {
            name: "x".into(),
            suggestions: vec![],
        };
        assert_eq!(e.to_string(), r#"no entity named "x""#);
    }

    #[test]
    fn control_characters_in_names_are_quoted_not_printed() {
        let e = QueryError::NotFound {
            name: "a\u{1b}[31m".into(),
            suggestions: vec![],
        };
        assert!(!e.to_string().contains('\u{1b}'));
    }
}
