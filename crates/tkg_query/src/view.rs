//! The graph view: one petgraph node per entity, one edge per triple.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, Graph, NodeIndex};
use petgraph::visit::EdgeRef;
use tkg_model::{Class, EvidenceRef, GraphData, NodeData, Predicate, fold, iri};

use crate::error::QueryError;
use crate::normalize::normalize;
use crate::schema::{
    EntityInfo, EntityRef, EvidenceOut, Hop, HopDirection, Lookup, Neighbor, Neighbors, PathResult,
    Relation, RelationDirection,
};

/// Most suggestions a [`QueryError::NotFound`] carries.
const MAX_SUGGESTIONS: usize = 5;

/// Longest folded name (in characters) compared by edit distance, which is
/// quadratic; longer names are only matched by containment and shared words.
const MAX_EDIT_LEN: usize = 200;

/// A read-only graph view over [`GraphData`] answering lookups, paths and
/// neighbourhoods.
///
/// Holds a compact petgraph [`Graph`] whose node `i` is `data().nodes[i]` and
/// whose edge `j` is `data().edges[j]` (edge weight: the predicate). Building
/// the view normalizes the data (see [`GraphView::data`]), indexes every label
/// and alias by its [`fold`]ed form and sorts each node's incident edges once,
/// so that every query below is deterministic.
///
/// ```text
///  Emir Zed ──leaderOf──▶ Northern Front ──operatesIn──▶ Valley Town
///                              ▲   │
///                     alliedWith   alliedWith (stored both ways)
///                              │   ▼
///                          Southern Brigade
/// ```
#[derive(Debug, Clone)]
pub struct GraphView {
    data: GraphData,
    graph: Graph<(), Predicate>,
    by_iri: HashMap<String, NodeIndex>,
    /// Folded label or alias → the nodes carrying it.
    names: HashMap<String, Vec<NameHit>>,
    /// The same without spaces (`"N.F."` ~ `"NF"`, `"ISISK"` ~ `"ISIS-K"`), the fallback.
    compact_names: HashMap<String, Vec<NameHit>>,
    /// Every (folded, original) label and alias, for suggestions.
    surfaces: BTreeSet<(String, String)>,
    /// `fold(label)` per node, the primary sort key of labels.
    folded_labels: Vec<String>,
    /// Incident edges per node, both directions, sorted by (predicate name, other IRI, forward first, edge).
    adjacency: Vec<Vec<Adjacent>>,
}

#[derive(Debug, Clone, Copy)]
struct NameHit {
    node: NodeIndex,
    alias: bool,
}

#[derive(Debug, Clone, Copy)]
struct Adjacent {
    predicate: Predicate,
    other: NodeIndex,
    edge: EdgeIndex,
    /// The stored triple points from this node to `other`.
    forward: bool,
}

impl GraphView {
    /// Builds the view.
    ///
    /// # Complexity
    ///
    /// *O((V + E) log(V + E))* time for sorting and indexing, *O(V + E)* extra space.
    pub fn new(data: GraphData) -> Self {
        let data = normalize(data);
        let mut graph = Graph::with_capacity(data.nodes.len(), data.edges.len());
        let mut by_iri = HashMap::with_capacity(data.nodes.len());
        let mut names: HashMap<String, Vec<NameHit>> = HashMap::new();
        let mut compact_names: HashMap<String, Vec<NameHit>> = HashMap::new();
        let mut surfaces = BTreeSet::new();
        let mut folded_labels = Vec::with_capacity(data.nodes.len());
        for node in &data.nodes {
            let index = graph.add_node(());
            by_iri.insert(node.iri.clone(), index);
            let folded_label = fold(&node.label);
            for (name, alias) in
                std::iter::once((&node.label, false)).chain(node.aliases.iter().map(|a| (a, true)))
            {
                let folded = if alias {
                    fold(name)
                } else {
                    folded_label.clone()
                };
                if folded.is_empty() {
                    continue;
                }
                let hit = NameHit { node: index, alias };
                compact_names
                    .entry(folded.replace(' ', ""))
                    .or_default()
                    .push(hit);
                names.entry(folded.clone()).or_default().push(hit);
                surfaces.insert((folded, name.clone()));
            }
            folded_labels.push(folded_label);
        }
        for edge in &data.edges {
            // `normalize` synthesizes a node for every endpoint, so both are
            // present and edge `j` stays `data.edges[j]`.
            if let (Some(&source), Some(&target)) =
                (by_iri.get(&edge.source), by_iri.get(&edge.target))
            {
                graph.add_edge(source, target, edge.predicate);
            }
        }
        let adjacency = graph
            .node_indices()
            .map(|node| {
                let outgoing = graph
                    .edges_directed(node, Direction::Outgoing)
                    .map(|e| Adjacent {
                        predicate: *e.weight(),
                        other: e.target(),
                        edge: e.id(),
                        forward: true,
                    });
                let incoming = graph
                    .edges_directed(node, Direction::Incoming)
                    .map(|e| Adjacent {
                        predicate: *e.weight(),
                        other: e.source(),
                        edge: e.id(),
                        forward: false,
                    });
                let mut adjacent: Vec<Adjacent> = outgoing.chain(incoming).collect();
                adjacent.sort_by(|a, b| {
                    (
                        a.predicate.name(),
                        &data.nodes[a.other.index()].iri,
                        !a.forward,
                        a.edge,
                    )
                        .cmp(&(
                            b.predicate.name(),
                            &data.nodes[b.other.index()].iri,
                            !b.forward,
                            b.edge,
                        ))
                });
                adjacent
            })
            .collect();
        Self {
            data,
            graph,
            by_iri,
            names,
            compact_names,
            surfaces,
            folded_labels,
            adjacency,
        }
    }

    /// The data behind the view, normalized: nodes sorted by IRI and unique,
    /// a node (label = IRI) for every edge endpoint that had none, blank
    /// labels replaced by the IRI, aliases sorted without the label, edges
    /// sorted by (source, predicate name, target) and unique, evidence sorted.
    pub fn data(&self) -> &GraphData {
        &self.data
    }

    /// The petgraph graph: node `i` is `data().nodes[i]`, edge `j` is
    /// `data().edges[j]`, the edge weight is its predicate.
    pub fn graph(&self) -> &Graph<(), Predicate> {
        &self.graph
    }

    /// The graph node of the entity with exactly this IRI.
    pub fn node_index(&self, entity_iri: &str) -> Option<NodeIndex> {
        self.by_iri.get(entity_iri).copied()
    }

    /// The entity of a graph node.
    pub fn node(&self, index: NodeIndex) -> Option<&NodeData> {
        self.data.nodes.get(index.index())
    }

    /// Resolves a user-typed name to one entity.
    ///
    /// Accepts an exact entity IRI (also as `ent:{kind}/{slug}` or in angle
    /// brackets), or any label or alias compared after [`fold`]: case,
    /// punctuation and diacritics do not matter, so `"ISIS-K"`, `"isis k"`
    /// and `"Isis–K"` find the same entity. Failing that, names are compared
    /// with spaces removed as well (`"N.F."` finds `"NF"`).
    ///
    /// When several entities carry the name, the choice is deterministic: an
    /// exact (unfolded) label match wins, then a folded label match, then an
    /// exact alias, then a folded alias; ties go by class (Group, Person,
    /// Location, Attack, untyped), then IRI.
    ///
    /// # Errors
    ///
    /// [`QueryError::NotFound`] with up to five close labels or aliases when
    /// nothing matches; [`QueryError::InvalidArgument`] when the name has no
    /// letter or digit (and is no IRI).
    ///
    /// # Complexity
    ///
    /// *O(|name|)* expected when found; when not found, *O(N · |name|)* over
    /// the N distinct names, for the suggestions.
    pub fn resolve(&self, name: &str) -> Result<&NodeData, QueryError> {
        self.resolve_index(name)
            .map(|index| &self.data.nodes[index.index()])
    }

    fn resolve_index(&self, name: &str) -> Result<NodeIndex, QueryError> {
        let trimmed = name.trim();
        let unbracketed = trimmed
            .strip_prefix('<')
            .and_then(|s| s.strip_suffix('>'))
            .unwrap_or(trimmed);
        if let Some(index) = self.node_index(unbracketed) {
            return Ok(index);
        }
        if let Some(index) = unbracketed
            .strip_prefix("ent:")
            .and_then(|rest| self.node_index(&format!("{}{rest}", iri::ENT)))
        {
            return Ok(index);
        }
        let folded = fold(trimmed);
        if folded.is_empty() {
            return Err(QueryError::InvalidArgument(format!(
                "{name:?} names no entity: it has no letter or digit"
            )));
        }
        let best = self
            .names
            .get(&folded)
            .or_else(|| self.compact_names.get(&folded.replace(' ', "")))
            .and_then(|hits| self.best_hit(hits, trimmed));
        best.ok_or_else(|| QueryError::NotFound {
            name: name.to_owned(),
            suggestions: self.suggestions(&folded),
        })
    }

    /// The preferred node among those carrying a name, see [`GraphView::resolve`].
    fn best_hit(&self, hits: &[NameHit], typed: &str) -> Option<NodeIndex> {
        hits.iter()
            .map(|hit| {
                let node = &self.data.nodes[hit.node.index()];
                let exact = match (hit.alias, node.label == typed) {
                    (false, true) => 0,
                    (false, false) => 1,
                    (true, _) if node.aliases.iter().any(|a| a == typed) => 2,
                    (true, _) => 3,
                };
                ((exact, class_rank(node.class), node.iri.as_str()), hit.node)
            })
            .min()
            .map(|(_, index)| index)
    }

    /// Up to [`MAX_SUGGESTIONS`] labels or aliases close to `query` (folded),
    /// closest first: small edit distance, then containment, then shared words.
    fn suggestions(&self, query: &str) -> Vec<String> {
        let query_len = query.chars().count();
        let max_distance = (query_len / 3).max(1);
        let query_words: BTreeSet<&str> = query.split(' ').filter(|w| w.len() >= 3).collect();
        let mut scored: Vec<(u8, usize, &str, &str)> = Vec::new();
        for (folded, original) in &self.surfaces {
            let len = folded.chars().count();
            let len_diff = len.abs_diff(query_len);
            let typo =
                (len_diff <= max_distance && len <= MAX_EDIT_LEN && query_len <= MAX_EDIT_LEN)
                    .then(|| strsim::levenshtein(query, folded))
                    .filter(|&d| d <= max_distance)
                    .map(|d| (0, d));
            let contained = || {
                let (short, long) = if len <= query_len {
                    (folded.as_str(), query)
                } else {
                    (query, folded.as_str())
                };
                // Containment is an edit distance of exactly `len_diff`.
                (short.len() >= 3 && long.contains(short)).then_some((1, len_diff))
            };
            let shared_words = || {
                let shared = folded
                    .split(' ')
                    .filter(|w| query_words.contains(w))
                    .count();
                (shared > 0).then(|| (2, query_words.len().saturating_sub(shared)))
            };
            if let Some((tier, distance)) = typo.or_else(contained).or_else(shared_words) {
                scored.push((tier, distance, folded, original));
            }
        }
        scored.sort_unstable();
        let mut out: Vec<String> = Vec::new();
        for (_, _, _, original) in scored {
            if out.len() == MAX_SUGGESTIONS {
                break;
            }
            if !out.iter().any(|o| o == original) {
                out.push(original.to_owned());
            }
        }
        out
    }

    /// The relations of one entity, outgoing and incoming.
    ///
    /// # Arguments
    ///
    /// * `name`: the entity, resolved by [`GraphView::resolve`].
    /// * `relation`: only relations with this predicate; `None` for all.
    ///   Literal predicates (`date`, `killed`, `injured`) are never edges: they
    ///   are in the entity's `attributes` and select no relation.
    ///
    /// # Returns
    ///
    /// The entity with its aliases and attributes, and its relations sorted by
    /// (predicate name, direction, other label, other IRI). Each partner of a
    /// symmetric predicate appears once, as outgoing, with the evidence of
    /// both stored triples merged.
    ///
    /// # Errors
    ///
    /// The errors of [`GraphView::resolve`].
    ///
    /// # Complexity
    ///
    /// *O(d log d)* for an entity with *d* incident edges (plus the evidence they carry).
    pub fn lookup(&self, name: &str, relation: Option<Predicate>) -> Result<Lookup, QueryError> {
        let index = self.resolve_index(name)?;
        let mut merged: BTreeMap<(Predicate, RelationDirection, NodeIndex), Vec<&EvidenceRef>> =
            BTreeMap::new();
        for adjacent in &self.adjacency[index.index()] {
            if relation.is_some_and(|r| r != adjacent.predicate) {
                continue;
            }
            let direction = if adjacent.forward || adjacent.predicate.is_symmetric() {
                RelationDirection::Outgoing
            } else {
                RelationDirection::Incoming
            };
            merged
                .entry((adjacent.predicate, direction, adjacent.other))
                .or_default()
                .extend(&self.data.edges[adjacent.edge.index()].evidence);
        }
        let mut keyed: Vec<_> = merged
            .into_iter()
            .map(|((predicate, direction, other), mut evidence)| {
                evidence.sort();
                evidence.dedup();
                let relation = Relation {
                    predicate,
                    direction,
                    other: self.entity_ref(other),
                    evidence_count: evidence.len(),
                    evidence: EvidenceOut::first(evidence.iter().copied()),
                };
                (
                    (predicate.name(), direction, self.label_key(other)),
                    relation,
                )
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Lookup {
            entity: EntityInfo::from(&self.data.nodes[index.index()]),
            relations: keyed.into_iter().map(|(_, relation)| relation).collect(),
        })
    }

    /// The shortest connection between two entities, ignoring edge direction.
    ///
    /// Breadth-first search from `from`, visiting each node's edges in
    /// (predicate name, other IRI, forward before backward) order, so among
    /// several shortest paths the same one is always returned.
    ///
    /// # Arguments
    ///
    /// * `from`, `to`: the end points, resolved by [`GraphView::resolve`].
    /// * `max_hops`: the longest path accepted, in edges. With `0` only a
    ///   path from an entity to itself exists.
    ///
    /// # Returns
    ///
    /// `Ok(Some(path))` with one [`Hop`] per edge, each saying whether it
    /// follows the stored triple (`forward`) or walks it backwards; an empty
    /// `hops` when `from` and `to` are the same entity. `Ok(None)` when no
    /// path of at most `max_hops` edges exists.
    ///
    /// # Errors
    ///
    /// The errors of [`GraphView::resolve`], for either name.
    ///
    /// # Complexity
    ///
    /// *O(V + E)* time and *O(V)* space in the worst case; the search stops
    /// at depth `max_hops` or as soon as `to` is reached.
    pub fn path(
        &self,
        from: &str,
        to: &str,
        max_hops: usize,
    ) -> Result<Option<PathResult>, QueryError> {
        let source = self.resolve_index(from)?;
        let target = self.resolve_index(to)?;
        let mut parent: Vec<Option<(NodeIndex, Adjacent)>> = vec![None; self.data.nodes.len()];
        let mut seen = vec![false; self.data.nodes.len()];
        seen[source.index()] = true;
        let mut frontier = vec![source];
        let mut depth = 0;
        while !seen[target.index()] && !frontier.is_empty() && depth < max_hops {
            depth += 1;
            let mut next = Vec::new();
            for &node in &frontier {
                for adjacent in &self.adjacency[node.index()] {
                    let other = adjacent.other.index();
                    if !seen[other] {
                        seen[other] = true;
                        parent[other] = Some((node, *adjacent));
                        next.push(adjacent.other);
                    }
                }
            }
            frontier = next;
        }
        if !seen[target.index()] {
            return Ok(None);
        }
        let mut hops = Vec::new();
        let mut current = target;
        while let Some((previous, adjacent)) = parent[current.index()] {
            hops.push(Hop {
                from: self.entity_ref(previous),
                predicate: adjacent.predicate,
                direction: if adjacent.forward {
                    HopDirection::Forward
                } else {
                    HopDirection::Backward
                },
                to: self.entity_ref(current),
                evidence: EvidenceOut::first(&self.data.edges[adjacent.edge.index()].evidence),
            });
            current = previous;
        }
        hops.reverse();
        Ok(Some(PathResult {
            from: self.entity_ref(source),
            to: self.entity_ref(target),
            hops,
        }))
    }

    /// The entities within `hops` hops of one entity, ignoring edge direction.
    ///
    /// # Arguments
    ///
    /// * `name`: the entity, resolved by [`GraphView::resolve`].
    /// * `hops`: the largest distance, in edges; `0` gives no neighbours.
    /// * `relation`: walk only edges with this predicate; `None` for all.
    ///
    /// # Returns
    ///
    /// The entity, and every other entity reachable within `hops` edges with
    /// its distance and the predicate of the edge over which breadth-first
    /// search (in the order of [`GraphView::path`]) first reached it, sorted
    /// by (distance, label, IRI).
    ///
    /// # Errors
    ///
    /// The errors of [`GraphView::resolve`].
    ///
    /// # Complexity
    ///
    /// *O(V + E)* time and *O(V)* space in the worst case, plus sorting the
    /// *k* neighbours found: *O(k log k)*.
    pub fn neighbors(
        &self,
        name: &str,
        hops: usize,
        relation: Option<Predicate>,
    ) -> Result<Neighbors, QueryError> {
        let source = self.resolve_index(name)?;
        let mut seen = vec![false; self.data.nodes.len()];
        seen[source.index()] = true;
        let mut found: Vec<(NodeIndex, usize, Predicate)> = Vec::new();
        let mut frontier = vec![source];
        let mut depth = 0;
        while !frontier.is_empty() && depth < hops {
            depth += 1;
            let mut next = Vec::new();
            for &node in &frontier {
                for adjacent in &self.adjacency[node.index()] {
                    let other = adjacent.other.index();
                    if !seen[other] && relation.is_none_or(|r| r == adjacent.predicate) {
                        seen[other] = true;
                        found.push((adjacent.other, depth, adjacent.predicate));
                        next.push(adjacent.other);
                    }
                }
            }
            frontier = next;
        }
        found.sort_by(|a, b| (a.1, self.label_key(a.0)).cmp(&(b.1, self.label_key(b.0))));
        Ok(Neighbors {
            entity: EntityInfo::from(&self.data.nodes[source.index()]),
            neighbors: found
                .into_iter()
                .map(|(node, distance, via)| Neighbor {
                    entity: self.entity_ref(node),
                    distance,
                    via,
                })
                .collect(),
        })
    }

    /// Writes the view as GraphML; see [`crate::graphml`].
    ///
    /// # Errors
    ///
    /// Only the writer's I/O errors.
    pub fn write_graphml<W: std::io::Write>(&self, writer: W) -> std::io::Result<()> {
        crate::graphml::write_normalized(&self.data, writer)
    }

    fn entity_ref(&self, index: NodeIndex) -> EntityRef {
        EntityRef::from(&self.data.nodes[index.index()])
    }

    /// Sort key of an entity by label: folded label, exact label, IRI.
    fn label_key(&self, index: NodeIndex) -> (&str, &str, &str) {
        let node = &self.data.nodes[index.index()];
        (&self.folded_labels[index.index()], &node.label, &node.iri)
    }
}

/// Group, Person, Location, Attack, then untyped.
fn class_rank(class: Option<Class>) -> usize {
    class
        .and_then(|c| Class::ALL.iter().position(|&k| k == c))
        .unwrap_or(Class::ALL.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENT: &str = iri::ENT;

    fn ent(kind: &str, slug: &str) -> String {
        format!("{ENT}{kind}/{slug}")
    }

    fn node(class: Class, label: &str, aliases: &[&str]) -> NodeData {
        NodeData {
            iri: iri::entity_named(class, label),
            label: label.into(),
            class: Some(class),
            aliases: aliases.iter().map(|&a| a.to_owned()).collect(),
            attributes: BTreeMap::new(),
        }
    }

    fn edge(
        source: &str,
        predicate: Predicate,
        target: &str,
        sentence: &str,
    ) -> tkg_model::EdgeData {
        tkg_model::EdgeData {
            source: source.into(),
            target: target.into(),
            predicate,
            evidence: vec![EvidenceRef {
                document: "https://w3id.org/tkg/doc/report".into(),
                start: Some(0),
                sentence: Some(sentence.into()),
                rule: Some("test".into()),
            }],
        }
    }

    /// ```text
    /// Emir Zed ─leaderOf─▶ Northern Front ─operatesIn─▶ Valley Town ─locatedIn─▶ Red Province
    ///                        ▲        ▲  ⇅ alliedWith
    ///           memberOf ────┘        │  Southern Brigade ─operatesIn─▶ Red Province
    ///           Scribe Kay            └─perpetrator─ Valley Town bombing ─location─▶ Valley Town
    /// ```
    fn sample() -> GraphView {
        let mut bombing = node(Class::Attack, "Valley Town bombing", &[]);
        bombing.attributes.insert("date".into(), "2021-08".into());
        bombing.attributes.insert("killed".into(), "12".into());
        GraphView::new(GraphData {
            nodes: vec![
                node(
                    Class::Group,
                    "Northern Front",
                    &["NF", "Jabhat al-Shamal", "ISIS-K"],
                ),
                node(Class::Person, "Emir Zed", &["Zed"]),
                node(Class::Person, "Scribe Kay", &[]),
                node(Class::Group, "Southern Brigade", &["SB"]),
                node(Class::Location, "Valley Town", &[]),
                node(Class::Location, "Red Province", &[]),
                bombing,
            ],
            edges: vec![
                edge(
                    &ent("person", "emir-zed"),
                    Predicate::LeaderOf,
                    &ent("group", "northern-front"),
                    "Zed leads NF.",
                ),
                edge(
                    &ent("person", "scribe-kay"),
                    Predicate::MemberOf,
                    &ent("group", "northern-front"),
                    "Kay joined.",
                ),
                edge(
                    &ent("group", "northern-front"),
                    Predicate::AlliedWith,
                    &ent("group", "southern-brigade"),
                    "Allies.",
                ),
                edge(
                    &ent("group", "southern-brigade"),
                    Predicate::AlliedWith,
                    &ent("group", "northern-front"),
                    "Allies.",
                ),
                edge(
                    &ent("group", "northern-front"),
                    Predicate::OperatesIn,
                    &ent("location", "valley-town"),
                    "NF in VT.",
                ),
                edge(
                    &ent("group", "southern-brigade"),
                    Predicate::OperatesIn,
                    &ent("location", "red-province"),
                    "SB in RP.",
                ),
                edge(
                    &ent("location", "valley-town"),
                    Predicate::LocatedIn,
                    &ent("location", "red-province"),
                    "",
                ),
                edge(
                    &ent("attack", "valley-town-bombing"),
                    Predicate::Perpetrator,
                    &ent("group", "northern-front"),
                    "NF did it.",
                ),
                edge(
                    &ent("attack", "valley-town-bombing"),
                    Predicate::Location,
                    &ent("location", "valley-town"),
                    "In VT.",
                ),
            ],
        })
    }

    #[test]
    fn resolve_ignores_case_punctuation_and_diacritics_including_aliases() {
        let view = sample();
        for name in [
            "Northern Front",
            "northern-front",
            "  NORTHERN   front ",
            "nf",
            "N.F.",
            "isis k",
            "ISIS-K",
            "ISISK",
            "Jabhat al Shamal",
            "Jabhat al-Shámal",
        ] {
            assert_eq!(
                view.resolve(name).map(|n| n.label.as_str()),
                Ok("Northern Front"),
                "{name}"
            );
        }
        assert_eq!(
            view.resolve(&ent("person", "emir-zed")).unwrap().label,
            "Emir Zed"
        );
        assert_eq!(
            view.resolve("ent:person/emir-zed").unwrap().label,
            "Emir Zed"
        );
        assert_eq!(
            view.resolve(&format!("<{}>", ent("person", "emir-zed")))
                .unwrap()
                .label,
            "Emir Zed"
        );
    }

    #[test]
    fn ambiguous_names_prefer_label_then_class_then_iri() {
        let view = GraphView::new(GraphData {
            nodes: vec![
                node(Class::Location, "Delta", &[]),
                node(Class::Group, "Delta", &[]),
                node(Class::Person, "Delta Chief", &["Delta"]),
                node(Class::Group, "Gamma Force", &["delta"]),
            ],
            edges: vec![],
        });
        assert_eq!(view.resolve("Delta").unwrap().class, Some(Class::Group));
        assert_eq!(view.resolve("DELTA").unwrap().class, Some(Class::Group));
        let only_aliases = GraphView::new(GraphData {
            nodes: vec![
                node(Class::Person, "Delta Chief", &["Delta"]),
                node(Class::Group, "Gamma Force", &["delta"]),
            ],
            edges: vec![],
        });
        assert_eq!(
            only_aliases.resolve("Delta").unwrap().label,
            "Delta Chief",
            "exact alias beats folded alias"
        );
        assert_eq!(
            only_aliases.resolve("DELTA").unwrap().label,
            "Gamma Force",
            "then class order"
        );
    }

    #[test]
    fn unknown_names_get_close_suggestions() {
        let view = sample();
        let Err(QueryError::NotFound { name, suggestions }) = view.resolve("Nothern Frnt") else {
            panic!()
        };
        assert_eq!(name, "Nothern Frnt");
        assert_eq!(
            suggestions.first().map(String::as_str),
            Some("Northern Front")
        );
        let Err(QueryError::NotFound { suggestions, .. }) = view.resolve("valley") else {
            panic!()
        };
        assert_eq!(suggestions, ["Valley Town", "Valley Town bombing"]);
        let Err(QueryError::NotFound { suggestions, .. }) = view.resolve("Brigade of the South")
        else {
            panic!()
        };
        assert_eq!(suggestions, ["Southern Brigade"]);
        let Err(QueryError::NotFound { suggestions, .. }) = view.resolve("qqqqqqqqqq") else {
            panic!()
        };
        assert!(suggestions.is_empty());
        assert!(matches!(
            view.resolve("?!"),
            Err(QueryError::InvalidArgument(_))
        ));
        assert!(matches!(
            view.resolve(""),
            Err(QueryError::InvalidArgument(_))
        ));
    }

    #[test]
    fn suggestions_are_at_most_five_and_unique() {
        let nodes = (0..20)
            .map(|i| {
                node(
                    Class::Group,
                    &format!("Front {i}"),
                    &[&format!("Front {i}")],
                )
            })
            .collect();
        let view = GraphView::new(GraphData {
            nodes,
            edges: vec![],
        });
        let Err(QueryError::NotFound { suggestions, .. }) = view.resolve("Front") else {
            panic!()
        };
        assert_eq!(suggestions.len(), 5);
        let unique: BTreeSet<_> = suggestions.iter().collect();
        assert_eq!(unique.len(), 5);
    }

    #[test]
    fn lookup_lists_both_directions_and_symmetric_partners_once() {
        let view = sample();
        let lookup = view.lookup("NF", None).unwrap();
        assert_eq!(lookup.entity.label, "Northern Front");
        let rows: Vec<_> = lookup
            .relations
            .iter()
            .map(|r| {
                (
                    r.predicate.name(),
                    r.direction,
                    r.other.label.as_str(),
                    r.evidence_count,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "alliedWith",
                    RelationDirection::Outgoing,
                    "Southern Brigade",
                    1
                ),
                ("leaderOf", RelationDirection::Incoming, "Emir Zed", 1),
                ("memberOf", RelationDirection::Incoming, "Scribe Kay", 1),
                ("operatesIn", RelationDirection::Outgoing, "Valley Town", 1),
                (
                    "perpetrator",
                    RelationDirection::Incoming,
                    "Valley Town bombing",
                    1
                ),
            ]
        );
        assert_eq!(
            lookup.relations[1]
                .evidence
                .as_ref()
                .and_then(|e| e.sentence.as_deref()),
            Some("Zed leads NF.")
        );
        let sb = view
            .lookup("Southern Brigade", Some(Predicate::AlliedWith))
            .unwrap();
        assert_eq!(sb.relations.len(), 1);
        assert_eq!(sb.relations[0].direction, RelationDirection::Outgoing);
    }

    #[test]
    fn lookup_filters_and_carries_attributes() {
        let view = sample();
        let lookup = view
            .lookup("valley town bombing", Some(Predicate::Location))
            .unwrap();
        assert_eq!(
            lookup.entity.attributes.get("killed").map(String::as_str),
            Some("12")
        );
        assert_eq!(lookup.relations.len(), 1);
        assert_eq!(lookup.relations[0].other.label, "Valley Town");
        assert!(
            view.lookup("valley town bombing", Some(Predicate::Date))
                .unwrap()
                .relations
                .is_empty()
        );
        let lookup = view
            .lookup("Valley Town", Some(Predicate::LocatedIn))
            .unwrap();
        let evidence = lookup.relations[0].evidence.as_ref().unwrap();
        assert_eq!(evidence.sentence, None, "an empty sentence is no sentence");
    }

    #[test]
    fn lookup_json_has_the_documented_field_order() {
        let json = serde_json::to_string(&sample().lookup("Emir Zed", None).unwrap()).unwrap();
        assert_eq!(
            json,
            concat!(
                r#"{"entity":{"iri":"https://w3id.org/tkg/id/person/emir-zed","label":"Emir Zed","class":"Person","#,
                r#""aliases":["Zed"],"attributes":{}},"relations":[{"predicate":"leaderOf","direction":"outgoing","#,
                r#""other":{"iri":"https://w3id.org/tkg/id/group/northern-front","label":"Northern Front","class":"Group"},"#,
                r#""evidence_count":1,"evidence":{"sentence":"Zed leads NF.","document":"https://w3id.org/tkg/doc/report"}}]}"#
            )
        );
    }

    #[test]
    fn path_finds_the_shortest_and_reports_direction() {
        let view = sample();
        let path = view.path("Emir Zed", "Red Province", 10).unwrap().unwrap();
        let steps: Vec<_> = path
            .hops
            .iter()
            .map(|h| {
                (
                    h.from.label.as_str(),
                    h.predicate.name(),
                    h.direction,
                    h.to.label.as_str(),
                )
            })
            .collect();
        // Two three-hop paths exist (via Southern Brigade and via Valley Town);
        // alliedWith sorts before operatesIn.
        assert_eq!(
            steps,
            [
                (
                    "Emir Zed",
                    "leaderOf",
                    HopDirection::Forward,
                    "Northern Front"
                ),
                (
                    "Northern Front",
                    "alliedWith",
                    HopDirection::Forward,
                    "Southern Brigade"
                ),
                (
                    "Southern Brigade",
                    "operatesIn",
                    HopDirection::Forward,
                    "Red Province"
                ),
            ]
        );
        let back = view.path("Valley Town", "Emir Zed", 5).unwrap().unwrap();
        assert_eq!(back.hops.len(), 2);
        assert_eq!(back.hops[0].direction, HopDirection::Backward);
        assert_eq!(back.hops[1].to.label, "Emir Zed");
        assert_eq!(back.hops[1].direction, HopDirection::Backward);
    }

    #[test]
    fn path_respects_max_hops() {
        let view = sample();
        assert!(view.path("Emir Zed", "Red Province", 2).unwrap().is_none());
        assert!(view.path("Emir Zed", "Red Province", 3).unwrap().is_some());
        assert!(
            view.path("Emir Zed", "Northern Front", 0)
                .unwrap()
                .is_none()
        );
        let to_self = view.path("Emir Zed", "zed", 0).unwrap().unwrap();
        assert!(to_self.hops.is_empty());
    }

    #[test]
    fn path_between_disconnected_entities_is_none() {
        let mut data = sample().data().clone();
        data.nodes.push(node(Class::Group, "Lone Cell", &[]));
        let view = GraphView::new(data);
        assert!(
            view.path("Lone Cell", "Emir Zed", usize::MAX)
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            view.path("Lone Cell", "Nobody", 3),
            Err(QueryError::NotFound { .. })
        ));
    }

    #[test]
    fn neighbors_respect_hops_and_relation() {
        let view = sample();
        let n = view.neighbors("Emir Zed", 1, None).unwrap();
        assert_eq!(n.neighbors.len(), 1);
        assert_eq!(
            (
                n.neighbors[0].entity.label.as_str(),
                n.neighbors[0].distance,
                n.neighbors[0].via
            ),
            ("Northern Front", 1, Predicate::LeaderOf)
        );
        let n = view.neighbors("Emir Zed", 2, None).unwrap();
        let rows: Vec<_> = n
            .neighbors
            .iter()
            .map(|x| (x.distance, x.entity.label.as_str(), x.via.name()))
            .collect();
        assert_eq!(
            rows,
            [
                (1, "Northern Front", "leaderOf"),
                (2, "Scribe Kay", "memberOf"),
                (2, "Southern Brigade", "alliedWith"),
                (2, "Valley Town", "operatesIn"),
                (2, "Valley Town bombing", "perpetrator"),
            ]
        );
        assert!(
            view.neighbors("Emir Zed", 0, None)
                .unwrap()
                .neighbors
                .is_empty()
        );
        assert_eq!(
            view.neighbors("Emir Zed", 100, None)
                .unwrap()
                .neighbors
                .len(),
            6
        );
        let n = view
            .neighbors("Valley Town", 5, Some(Predicate::LocatedIn))
            .unwrap();
        assert_eq!(n.neighbors.len(), 1);
        assert_eq!(n.neighbors[0].entity.label, "Red Province");
    }

    #[test]
    fn empty_graph_answers_without_panicking() {
        let view = GraphView::new(GraphData::default());
        assert!(matches!(
            view.resolve("anything"),
            Err(QueryError::NotFound { .. })
        ));
        assert!(view.lookup("x", None).is_err());
        assert!(view.path("x", "y", 0).is_err());
        assert!(view.neighbors("x", usize::MAX, None).is_err());
        assert_eq!(view.graph().node_count(), 0);
    }

    #[test]
    fn graph_indices_match_the_data() {
        let view = GraphView::new(GraphData {
            nodes: vec![],
            edges: vec![
                edge("urn:b", Predicate::RivalOf, "urn:a", "s"),
                edge("urn:a", Predicate::RivalOf, "urn:a", "s"),
            ],
        });
        assert_eq!(view.graph().node_count(), view.data().nodes.len());
        assert_eq!(view.graph().edge_count(), view.data().edges.len());
        for e in view.graph().edge_indices() {
            let (s, t) = view.graph().edge_endpoints(e).unwrap();
            let data = &view.data().edges[e.index()];
            assert_eq!(view.node(s).unwrap().iri, data.source);
            assert_eq!(view.node(t).unwrap().iri, data.target);
        }
        let self_loop = view.lookup("urn:a", None).unwrap();
        assert_eq!(self_loop.relations.len(), 2, "a->a once and b once");
    }
}
