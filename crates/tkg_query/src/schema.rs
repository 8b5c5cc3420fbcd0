//! Result types of the graph queries and their JSON schema.
//!
//! User scripts read these as JSON (`serde_json::to_string(&result)`), so the
//! shape below is a contract: fields appear in exactly this order, are never
//! renamed or removed, and new fields are only ever appended.
//!
//! # Common objects
//!
//! `EntityRef`, a reference to an entity:
//!
//! ```text
//! { "iri": string,            full entity IRI, https://w3id.org/tkg/id/{kind}/{slug}
//!   "label": string,          canonical name (rdfs:label)
//!   "class": string | null }  "Group" | "Person" | "Location" | "Attack"; null if untyped
//! ```
//!
//! `EntityInfo`, the entity a query is about:
//!
//! ```text
//! { "iri": string, "label": string, "class": string | null,
//!   "aliases": [string],                 every skos:altLabel, sorted, never the label
//!   "attributes": { name: string } }     literal facts by predicate local name
//!                                        ("date": "2021-08", "killed": "170",
//!                                        "injured": "150"), lexical forms, keys sorted
//! ```
//!
//! `EvidenceOut`, one piece of evidence for a triple:
//!
//! ```text
//! { "sentence": string | null,   the sentence verbatim; null for lexicon-derived facts
//!   "document": string }         IRI of the document (or doc:lexicon/{name})
//! ```
//!
//! When a triple has several pieces of evidence, the one shown is the first
//! (ordered by document IRI, then offset) that has a sentence, else the first.
//!
//! # `lookup` → [`Lookup`]
//!
//! ```text
//! { "entity": EntityInfo,
//!   "relations": [
//!     { "predicate": string,       local name: "leaderOf", "operatesIn", …
//!       "direction": "outgoing" | "incoming",
//!                                  outgoing: entity predicate other; incoming: other predicate entity
//!       "other": EntityRef,
//!       "evidence_count": integer, distinct pieces of evidence (≥ 0)
//!       "evidence": EvidenceOut | null } ] }
//! ```
//!
//! Relations are sorted by predicate local name, then direction (outgoing
//! first), then the other entity's label (case- and accent-insensitive, ties by
//! exact label) and IRI. A symmetric predicate (`alliedWith`, `rivalOf`) is
//! stored in both directions but each partner is listed once, as `outgoing`,
//! with the evidence of both stored triples merged.
//!
//! # `path` → [`PathResult`] (or `null` when there is no path)
//!
//! ```text
//! { "from": EntityRef,
//!   "to": EntityRef,
//!   "hops": [
//!     { "from": EntityRef,
//!       "predicate": string,
//!       "direction": "forward" | "backward",
//!                          forward: the stored triple is  hop.from predicate hop.to
//!                          backward: the stored triple is hop.to predicate hop.from
//!       "to": EntityRef,
//!       "evidence": EvidenceOut | null } ] }
//! ```
//!
//! `hops` is empty when `from` and `to` are the same entity; otherwise
//! `hops[0].from == from`, `hops[i].to == hops[i+1].from` and the last hop's
//! `to == to`.
//!
//! # `neighbors` → [`Neighbors`]
//!
//! ```text
//! { "entity": EntityInfo,
//!   "neighbors": [
//!     { "entity": EntityRef,
//!       "distance": integer,   hops from the queried entity, ≥ 1
//!       "via": string } ] }    predicate of the edge over which the entity was first reached
//! ```
//!
//! Neighbours are sorted by distance, then label (case- and accent-insensitive,
//! ties by exact label), then IRI. The queried entity itself is never listed.

use std::collections::BTreeMap;

use serde::Serialize;
use tkg_model::{Class, EvidenceRef, NodeData, Predicate};

/// A reference to an entity: `{iri, label, class}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct EntityRef {
    /// The full entity IRI.
    pub iri: String,
    /// The canonical name.
    pub label: String,
    /// The class; `None` (JSON `null`) for an entity with no known type.
    pub class: Option<Class>,
}

impl From<&NodeData> for EntityRef {
    fn from(node: &NodeData) -> Self {
        Self {
            iri: node.iri.clone(),
            label: node.label.clone(),
            class: node.class,
        }
    }
}

/// The entity a query is about: `{iri, label, class, aliases, attributes}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityInfo {
    /// The full entity IRI.
    pub iri: String,
    /// The canonical name.
    pub label: String,
    /// The class; `None` (JSON `null`) for an entity with no known type.
    pub class: Option<Class>,
    /// Every other name, sorted, without the label.
    pub aliases: Vec<String>,
    /// Literal facts (`date`, `killed`, `injured`) by predicate local name, as lexical forms.
    pub attributes: BTreeMap<String, String>,
}

impl From<&NodeData> for EntityInfo {
    fn from(node: &NodeData) -> Self {
        Self {
            iri: node.iri.clone(),
            label: node.label.clone(),
            class: node.class,
            aliases: node.aliases.clone(),
            attributes: node.attributes.clone(),
        }
    }
}

/// One piece of evidence: `{sentence, document}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct EvidenceOut {
    /// The sentence verbatim; `None` (JSON `null`) for lexicon-derived facts.
    pub sentence: Option<String>,
    /// The IRI of the document or lexicon the evidence comes from.
    pub document: String,
}

impl From<&EvidenceRef> for EvidenceOut {
    fn from(ev: &EvidenceRef) -> Self {
        Self {
            sentence: ev.sentence.clone().filter(|s| !s.is_empty()),
            document: ev.document.clone(),
        }
    }
}

impl EvidenceOut {
    /// The evidence to show for a triple: the first piece that has a sentence,
    /// else the first piece, else `None`.
    pub fn first<'a, I>(evidence: I) -> Option<Self>
    where
        I: IntoIterator<Item = &'a EvidenceRef>,
        I::IntoIter: Clone,
    {
        let iter = evidence.into_iter();
        let has_sentence = |e: &&EvidenceRef| e.sentence.as_deref().is_some_and(|s| !s.is_empty());
        iter.clone()
            .find(has_sentence)
            .or_else(|| iter.clone().next())
            .map(Self::from)
    }
}

/// Which way a relation of the looked-up entity points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationDirection {
    /// `entity predicate other` (also every symmetric relation).
    Outgoing,
    /// `other predicate entity`.
    Incoming,
}

/// One relation of the looked-up entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// The predicate; serialized as its local name (`"leaderOf"`).
    pub predicate: Predicate,
    /// `"outgoing"` or `"incoming"`.
    pub direction: RelationDirection,
    /// The entity at the other end.
    pub other: EntityRef,
    /// Number of distinct pieces of evidence for the triple (both stored directions for symmetric predicates).
    pub evidence_count: usize,
    /// The evidence to show, see [`EvidenceOut::first`].
    pub evidence: Option<EvidenceOut>,
}

/// The answer of [`GraphView::lookup`](crate::GraphView::lookup).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lookup {
    /// The resolved entity.
    pub entity: EntityInfo,
    /// Its relations, sorted by (predicate name, direction, other label, other IRI).
    pub relations: Vec<Relation>,
}

/// Whether a hop follows the stored triple or walks it backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HopDirection {
    /// The stored triple is `hop.from predicate hop.to`.
    Forward,
    /// The stored triple is `hop.to predicate hop.from`.
    Backward,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// Where the step starts.
    pub from: EntityRef,
    /// The predicate of the traversed triple; serialized as its local name.
    pub predicate: Predicate,
    /// `"forward"` or `"backward"` relative to the stored triple.
    pub direction: HopDirection,
    /// Where the step ends.
    pub to: EntityRef,
    /// The evidence to show for the traversed triple.
    pub evidence: Option<EvidenceOut>,
}

/// The answer of [`GraphView::path`](crate::GraphView::path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathResult {
    /// The resolved start entity.
    pub from: EntityRef,
    /// The resolved end entity.
    pub to: EntityRef,
    /// The steps from `from` to `to`; empty when both are the same entity.
    pub hops: Vec<Hop>,
}

/// An entity near the queried one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbor {
    /// The neighbouring entity.
    pub entity: EntityRef,
    /// Number of hops from the queried entity (at least 1).
    pub distance: usize,
    /// Predicate of the edge over which breadth-first search first reached it.
    pub via: Predicate,
}

/// The answer of [`GraphView::neighbors`](crate::GraphView::neighbors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbors {
    /// The resolved entity.
    pub entity: EntityInfo,
    /// Entities within the hop limit, sorted by (distance, label, IRI), without the entity itself.
    pub neighbors: Vec<Neighbor>,
}
