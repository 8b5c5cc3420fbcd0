//! The tkg data model: the contract of `shared/ontology.md` as Rust types.
//!
//! Every other crate speaks in these types: the extractor produces an
//! [`Extraction`], the store writes it as RDF and reads back a [`GraphData`],
//! the query crate turns that into a graph view. No IO happens here.

mod date;
mod names;
mod vocab;

pub use date::DateValue;
pub use names::{fold, slugify};
pub use vocab::{Class, Predicate, iri};

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

/// An entity as the extractor saw it in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Full IRI, `https://w3id.org/tkg/id/{kind}/{slug}`.
    pub iri: String,
    pub class: Class,
    /// The canonical name (`rdfs:label`).
    pub label: String,
    /// Every other surface form seen (`skos:altLabel`), never equal to `label`.
    pub alt_labels: BTreeSet<String>,
}

impl Entity {
    /// A new entity whose IRI is derived from its class and canonical label.
    pub fn new(class: Class, label: &str) -> Self {
        Self {
            iri: iri::entity_named(class, label),
            class,
            label: label.to_owned(),
            alt_labels: BTreeSet::new(),
        }
    }

    /// Records a surface form; the canonical label itself is not repeated.
    pub fn add_alias(&mut self, surface: &str) {
        let surface = surface.trim();
        if !surface.is_empty() && surface != self.label {
            self.alt_labels.insert(surface.to_owned());
        }
    }
}

/// The object of a fact: another entity or a literal value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Object {
    /// The IRI of an entity.
    Entity(String),
    Date(DateValue),
    Integer(i64),
}

/// How the text presents a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    #[default]
    Asserted,
    /// Reported as an unproven accusation or claim.
    Alleged,
    /// Denied or negated by the text.
    Denied,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asserted => "asserted",
            Self::Alleged => "alleged",
            Self::Denied => "denied",
        }
    }
}

/// Where a fact comes from: one sentence of one document, or a lexicon.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    /// The sentence verbatim; empty for lexicon-derived facts.
    pub sentence: String,
    /// Character (not byte) offsets of the sentence in the document.
    pub start: usize,
    pub end: usize,
    /// Id of the rule or pattern that fired.
    pub rule: String,
    /// Confidence in thousandths, so that ordering and equality are exact.
    pub confidence_milli: u16,
    pub modality: Modality,
    /// `Some(name)` when the fact comes from the lexicon `name`, not a sentence.
    pub lexicon: Option<String>,
}

impl Evidence {
    /// Confidence as the `xsd:decimal` lexical form written to the store.
    pub fn confidence_lexical(&self) -> String {
        let c = self.confidence_milli.min(1000);
        format!("{}.{:03}", c / 1000, c % 1000)
    }
}

/// One subject-predicate-object statement with all the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub subject: String,
    pub predicate: Predicate,
    pub object: Object,
    pub evidence: Vec<Evidence>,
}

impl Fact {
    /// True when at least one piece of evidence asserts the statement; only
    /// such facts become triples, the others stay reified claims.
    pub fn is_asserted(&self) -> bool {
        self.evidence
            .iter()
            .any(|e| e.modality == Modality::Asserted)
    }
}

/// Everything extracted from one document, in a deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Extraction {
    /// Keyed by IRI.
    pub entities: BTreeMap<String, Entity>,
    /// Sorted by (subject, predicate, object); evidence sorted by offset.
    pub facts: Vec<Fact>,
}

impl Extraction {
    /// Number of evidence nodes over all facts.
    pub fn evidence_count(&self) -> usize {
        self.facts.iter().map(|f| f.evidence.len()).sum()
    }
}

/// A source document as stored: `doc:{slug}` typed `tkg:Document`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentInfo {
    pub slug: String,
    /// The file name (`rdfs:label`).
    pub file_name: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// One piece of evidence as read back from the store for the graph view.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EvidenceRef {
    /// The document IRI (or lexicon IRI) the evidence was derived from.
    pub document: String,
    pub start: Option<u64>,
    pub sentence: Option<String>,
    pub rule: Option<String>,
}

/// A node of the graph view: one entity with its literal attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeData {
    pub iri: String,
    pub label: String,
    pub class: Option<Class>,
    /// Sorted, without the label.
    pub aliases: Vec<String>,
    /// Literal-valued facts (`date`, `killed`, `injured`) by predicate name.
    pub attributes: BTreeMap<String, String>,
}

/// An edge of the graph view: one entity-to-entity triple.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EdgeData {
    pub source: String,
    pub target: String,
    pub predicate: Predicate,
    /// Sorted by (document, start).
    pub evidence: Vec<EvidenceRef>,
}

/// The whole graph view as read from the store, sorted by IRI.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GraphData {
    pub nodes: Vec<NodeData>,
    pub edges: Vec<EdgeData>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_iri_comes_from_class_and_slug() {
        let e = Entity::new(Class::Group, "Tehrik-e-Taliban Pakistan");
        assert_eq!(
            e.iri,
            "https://w3id.org/tkg/id/group/tehrik-e-taliban-pakistan"
        );
    }

    #[test]
    fn alias_equal_to_label_is_not_kept() {
        let mut e = Entity::new(Class::Group, "TTP");
        e.add_alias("TTP");
        e.add_alias(" Pakistani Taliban ");
        assert_eq!(
            e.alt_labels.iter().collect::<Vec<_>>(),
            ["Pakistani Taliban"]
        );
    }

    #[test]
    fn confidence_is_a_decimal_in_unit_range() {
        let mut ev = Evidence {
            sentence: String::new(),
            start: 0,
            end: 0,
            rule: "r".into(),
            confidence_milli: 900,
            modality: Modality::Asserted,
            lexicon: None,
        };
        assert_eq!(ev.confidence_lexical(), "0.900");
        ev.confidence_milli = 5000;
        assert_eq!(ev.confidence_lexical(), "1.000");
    }
}
