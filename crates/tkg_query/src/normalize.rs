//! One canonical form of a [`GraphData`], shared by the graph view and the
//! writers so that both see the same nodes and edges in the same order.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use tkg_model::{Class, EdgeData, GraphData, NodeData, iri};

/// Returns `data` in canonical form:
///
/// - nodes sorted by IRI, one per IRI (later duplicates only add aliases and
///   attributes the first one lacks, and a class if it has none);
/// - a node synthesized for every edge endpoint without `NodeData` (label =
///   IRI, class from the `ent:{kind}/` segment), so no edge dangles;
/// - an empty or blank label replaced by the IRI; aliases sorted, deduplicated,
///   without blanks and without the label;
/// - edges sorted by (source, predicate local name, target), one per triple
///   (duplicates merge their evidence); evidence sorted and deduplicated.
///
/// Normalizing normalized data changes nothing.
pub(crate) fn normalize(data: GraphData) -> GraphData {
    let GraphData { nodes, edges } = data;

    let mut by_iri: BTreeMap<String, NodeData> = BTreeMap::new();
    for node in nodes {
        match by_iri.entry(node.iri.clone()) {
            Entry::Vacant(slot) => {
                slot.insert(node);
            }
            Entry::Occupied(mut slot) => merge_node(slot.get_mut(), node),
        }
    }

    let mut by_triple: BTreeMap<(String, &'static str, String), EdgeData> = BTreeMap::new();
    for edge in edges {
        for end in [&edge.source, &edge.target] {
            if !by_iri.contains_key(end) {
                by_iri.insert(end.clone(), synthesized(end));
            }
        }
        match by_triple.entry((
            edge.source.clone(),
            edge.predicate.name(),
            edge.target.clone(),
        )) {
            Entry::Vacant(slot) => {
                slot.insert(edge);
            }
            Entry::Occupied(mut slot) => slot.get_mut().evidence.extend(edge.evidence),
        }
    }

    let nodes = by_iri
        .into_values()
        .map(|mut node| {
            if node.label.trim().is_empty() {
                node.label.clone_from(&node.iri);
            }
            node.aliases
                .retain(|a| !a.trim().is_empty() && *a != node.label);
            node.aliases.sort();
            node.aliases.dedup();
            node
        })
        .collect();
    let edges = by_triple
        .into_values()
        .map(|mut edge| {
            edge.evidence.sort();
            edge.evidence.dedup();
            edge
        })
        .collect();
    GraphData { nodes, edges }
}

fn merge_node(kept: &mut NodeData, other: NodeData) {
    if kept.class.is_none() {
        kept.class = other.class;
    }
    if kept.label.trim().is_empty() {
        kept.label = other.label;
    } else if other.label != kept.label {
        kept.aliases.push(other.label);
    }
    kept.aliases.extend(other.aliases);
    for (name, value) in other.attributes {
        kept.attributes.entry(name).or_insert(value);
    }
}

/// A node for an IRI that edges mention but no `NodeData` describes.
fn synthesized(entity_iri: &str) -> NodeData {
    let class = entity_iri
        .strip_prefix(iri::ENT)
        .and_then(|rest| rest.split_once('/'))
        .and_then(|(kind, _)| Class::ALL.into_iter().find(|c| c.kind() == kind));
    NodeData {
        iri: entity_iri.to_owned(),
        label: entity_iri.to_owned(),
        class,
        aliases: Vec::new(),
        attributes: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tkg_model::{EvidenceRef, Predicate};

    fn node(iri: &str, label: &str) -> NodeData {
        NodeData {
            iri: iri.into(),
            label: label.into(),
            class: None,
            aliases: vec![],
            attributes: BTreeMap::new(),
        }
    }

    fn edge(s: &str, p: Predicate, t: &str, doc: &str) -> EdgeData {
        EdgeData {
            source: s.into(),
            target: t.into(),
            predicate: p,
            evidence: vec![EvidenceRef {
                document: doc.into(),
                start: Some(0),
                sentence: None,
                rule: None,
            }],
        }
    }

    #[test]
    fn dangling_endpoints_get_a_node_with_class_from_the_iri() {
        let g = normalize(GraphData {
            nodes: vec![],
            edges: vec![edge(
                &format!("{}group/a", iri::ENT),
                Predicate::OperatesIn,
                "urn:x",
                "d",
            )],
        });
        assert_eq!(g.nodes.len(), 2);
        assert_eq!(g.nodes[0].class, Some(Class::Group));
        assert_eq!(g.nodes[1].class, None);
        assert_eq!(g.nodes[1].label, "urn:x");
    }

    #[test]
    fn duplicates_merge_and_order_is_canonical() {
        let mut b = node("b", "B");
        b.aliases = vec!["B".into(), "  ".into(), "Bee".into(), "Bee".into()];
        let g = normalize(GraphData {
            nodes: vec![b, node("a", ""), node("b", "Bravo")],
            edges: vec![
                edge("b", Predicate::RivalOf, "a", "d2"),
                edge("a", Predicate::RivalOf, "b", "d1"),
                edge("b", Predicate::RivalOf, "a", "d1"),
                edge("b", Predicate::RivalOf, "a", "d1"),
            ],
        });
        let iris: Vec<_> = g.nodes.iter().map(|n| n.iri.as_str()).collect();
        assert_eq!(iris, ["a", "b"]);
        assert_eq!(g.nodes[0].label, "a");
        assert_eq!(g.nodes[1].aliases, ["Bee", "Bravo"]);
        assert_eq!(g.edges.len(), 2);
        assert_eq!(g.edges[1].evidence.len(), 2);
        assert_eq!(normalize(g.clone()), g);
    }
}
