//! Reading the union graph back: statistics and the graph view.
//!
//! Oxigraph's union default graph is a bag (a triple stored by two documents
//! matches twice), so every query here uses `DISTINCT`.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::Term;
use serde::Serialize;
use tkg_model::{Class, DateValue, EdgeData, EvidenceRef, GraphData, NodeData, Predicate, iri};

use crate::{Store, StoreError};

/// Counts over the union of all document graphs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Documents (`tkg:Document` nodes).
    pub documents: usize,
    /// Distinct entities by class name; all four classes are present, 0 if
    /// none. `tkg:Leader` is not a key: leaders are counted as `Person`.
    pub entities_by_class: BTreeMap<String, usize>,
    /// Distinct asserted triples by predicate local name; all 15 predicates
    /// are present, 0 if none. Symmetric predicates count both stored
    /// directions (one `alliedWith` fact counts 2).
    pub relations_by_predicate: BTreeMap<String, usize>,
    /// Distinct evidence nodes (including those of alleged or denied claims).
    pub evidence: usize,
    /// Distinct triples in the union graph (everything: documents, entities,
    /// facts, evidence).
    pub triples: usize,
}

fn values(list: impl IntoIterator<Item = String>) -> String {
    list.into_iter()
        .map(|i| format!("<{i}>"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn class_values() -> String {
    values(Class::ALL.map(Class::iri))
}

fn predicate_values(filter: impl Fn(Predicate) -> bool) -> String {
    values(
        Predicate::ALL
            .into_iter()
            .filter(|p| filter(*p))
            .map(Predicate::iri),
    )
}

fn count(term: Option<&Term>) -> usize {
    match term {
        Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
        _ => 0,
    }
}

fn iri_of(term: Option<&Term>) -> Option<&str> {
    match term {
        Some(Term::NamedNode(n)) => Some(n.as_str()),
        _ => None,
    }
}

fn literal_of(term: Option<&Term>) -> Option<&str> {
    match term {
        Some(Term::Literal(l)) => Some(l.value()),
        _ => None,
    }
}

impl Store {
    fn prefixed_rows(&self, body: &str) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        self.select_rows(&format!("{}{body}", iri::PREFIXES))
    }

    fn single_count(&self, body: &str) -> Result<usize, StoreError> {
        let rows = self.prefixed_rows(body)?;
        Ok(count(
            rows.first()
                .and_then(|r| r.first())
                .and_then(Option::as_ref),
        ))
    }

    /// Counts of documents, entities, relations, evidence and triples, all
    /// distinct over the union graph (see [`Stats`] for what is counted how).
    ///
    /// # Errors
    ///
    /// Storage or evaluation errors of the underlying queries.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let documents =
            self.single_count("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a tkg:Document }")?;
        let evidence =
            self.single_count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a tkg:Evidence }")?;
        let triples = self.single_count(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
        )?;

        let mut entities_by_class: BTreeMap<String, usize> = Class::ALL
            .iter()
            .map(|c| (c.name().to_owned(), 0))
            .collect();
        let rows = self.prefixed_rows(&format!(
            "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?t {{ {} }} ?e a ?t }} GROUP BY ?t",
            class_values()
        ))?;
        for row in &rows {
            if let Some(class) = iri_of(row[0].as_ref()).and_then(Class::from_iri) {
                entities_by_class.insert(class.name().to_owned(), count(row[1].as_ref()));
            }
        }

        let mut relations_by_predicate: BTreeMap<String, usize> = Predicate::ALL
            .iter()
            .map(|p| (p.name().to_owned(), 0))
            .collect();
        let rows = self.prefixed_rows(&format!(
            "SELECT ?p (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {} }} ?s ?p ?o }} }} GROUP BY ?p",
            predicate_values(|_| true)
        ))?;
        for row in &rows {
            if let Some(p) = iri_of(row[0].as_ref()).and_then(Predicate::from_iri) {
                relations_by_predicate.insert(p.name().to_owned(), count(row[1].as_ref()));
            }
        }
        Ok(Stats {
            documents,
            entities_by_class,
            relations_by_predicate,
            evidence,
            triples,
        })
    }

    /// The whole graph view, deterministic for a given store content.
    ///
    /// * One [`NodeData`] per entity (IRI typed with one of the four classes,
    ///   `tkg:Leader` counting as `Person`) and per untyped IRI that is the
    ///   end of an edge (class `None`, label = last IRI segment). Label from
    ///   `rdfs:label` (the least if ever several), aliases = sorted distinct
    ///   `skos:altLabel`s other than the label.
    /// * Attributes: the literal-valued facts `date`, `killed`, `injured`
    ///   by predicate name, as lexical forms. When documents disagree, the
    ///   value kept is, for `date`, the most precise then the earliest, and
    ///   for counts the largest (every stated count is a lower bound).
    /// * One [`EdgeData`] per distinct asserted entity-to-entity triple (a
    ///   symmetric fact gives both stored directions), with the evidence of
    ///   asserted statements reifying it — for symmetric predicates, of either
    ///   direction. Evidence marked alleged or denied is not attached: those
    ///   claims are not what the edge asserts. Evidence is sorted and
    ///   deduplicated.
    /// * Nodes sorted by IRI; edges by (source, predicate name, target).
    ///
    /// # Errors
    ///
    /// Storage or evaluation errors of the underlying queries.
    pub fn graph_data(&self) -> Result<GraphData, StoreError> {
        let mut classes = self.entity_classes()?;
        let edges = self.edges_with_evidence(&mut classes)?;
        let mut labels = self.labels(&classes)?;
        let mut aliases = self.aliases(&classes)?;
        let mut attributes = self.attributes(&classes)?;
        let nodes = classes
            .into_iter()
            .map(|(iri, class)| {
                let label = labels.remove(&iri).unwrap_or_else(|| fallback_label(&iri));
                let aliases = aliases
                    .remove(&iri)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|a| *a != label)
                    .collect();
                let attributes = attributes.remove(&iri).unwrap_or_default();
                NodeData {
                    iri,
                    label,
                    class,
                    aliases,
                    attributes,
                }
            })
            .collect();
        let edges = edges
            .into_iter()
            .map(|((source, _, target), (predicate, evidence))| EdgeData {
                source,
                target,
                predicate,
                evidence: evidence.into_iter().collect(),
            })
            .collect();
        Ok(GraphData { nodes, edges })
    }

    /// Entities by IRI with their class (`tkg:Leader` alone counts as Person).
    fn entity_classes(&self) -> Result<BTreeMap<String, Option<Class>>, StoreError> {
        let mut classes: BTreeMap<String, Option<Class>> = BTreeMap::new();
        let rows = self.prefixed_rows(&format!(
            "SELECT DISTINCT ?e ?t WHERE {{ VALUES ?t {{ {} tkg:Leader }} ?e a ?t FILTER(isIRI(?e)) }}",
            class_values()
        ))?;
        for row in &rows {
            let (Some(e), Some(t)) = (iri_of(row[0].as_ref()), iri_of(row[1].as_ref())) else {
                continue;
            };
            let is_leader = t == iri::tkg("Leader");
            let slot = classes.entry(e.to_owned()).or_insert(None);
            if let Some(class) = Class::from_iri(t) {
                // A base class beats the Person implied by Leader; among
                // conflicting base classes the least wins, for determinism.
                *slot = match *slot {
                    None => Some(class),
                    Some(old) if is_leader => Some(old),
                    Some(old) => Some(old.min(class)),
                };
            }
        }
        Ok(classes)
    }

    /// Distinct asserted entity-to-entity triples keyed for sorting, each with
    /// the evidence of asserted statements; adds untyped ends to `classes`.
    fn edges_with_evidence(
        &self,
        classes: &mut BTreeMap<String, Option<Class>>,
    ) -> Result<Edges, StoreError> {
        let mut edges = Edges::new();
        let rows = self.prefixed_rows(&format!(
            "SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {} }} ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }}",
            predicate_values(|p| !p.is_literal())
        ))?;
        for row in &rows {
            let Some((s, p, o)) = relation(row) else {
                continue;
            };
            classes.entry(s.to_owned()).or_insert(None);
            classes.entry(o.to_owned()).or_insert(None);
            edges.insert((s.to_owned(), p.name(), o.to_owned()), (p, BTreeSet::new()));
        }

        let rows = self.prefixed_rows(&format!(
            "SELECT DISTINCT ?s ?p ?o ?src ?start ?sentence ?rule WHERE {{
                VALUES ?p {{ {} }}
                ?ev a tkg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                OPTIONAL {{ ?ev prov:wasDerivedFrom ?src }}
                OPTIONAL {{ ?ev tkg:start ?start }}
                OPTIONAL {{ ?ev tkg:sentence ?sentence }}
                OPTIONAL {{ ?ev tkg:rule ?rule }}
                FILTER NOT EXISTS {{ ?ev tkg:modality ?m FILTER(?m != \"asserted\") }}
            }}",
            predicate_values(|p| !p.is_literal())
        ))?;
        for row in &rows {
            let Some((s, p, o)) = relation(row) else {
                continue;
            };
            let evidence = EvidenceRef {
                document: iri_of(row[3].as_ref()).unwrap_or_default().to_owned(),
                start: literal_of(row[4].as_ref()).and_then(|v| v.parse().ok()),
                sentence: literal_of(row[5].as_ref()).map(str::to_owned),
                rule: literal_of(row[6].as_ref()).map(str::to_owned),
            };
            let mut keys = vec![(s.to_owned(), p.name(), o.to_owned())];
            if p.is_symmetric() {
                keys.push((o.to_owned(), p.name(), s.to_owned()));
            }
            for key in keys {
                if let Some((_, list)) = edges.get_mut(&key) {
                    list.insert(evidence.clone());
                }
            }
        }
        Ok(edges)
    }

    /// The least `rdfs:label` of each node.
    fn labels(
        &self,
        nodes: &BTreeMap<String, Option<Class>>,
    ) -> Result<BTreeMap<String, String>, StoreError> {
        let mut labels: BTreeMap<String, String> = BTreeMap::new();
        for row in self
            .prefixed_rows("SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label ?l FILTER(isIRI(?e)) }")?
        {
            if let (Some(e), Some(l)) = (iri_of(row[0].as_ref()), literal_of(row[1].as_ref()))
                && nodes.contains_key(e)
            {
                labels
                    .entry(e.to_owned())
                    .and_modify(|old| {
                        if l < old.as_str() {
                            l.clone_into(old);
                        }
                    })
                    .or_insert_with(|| l.to_owned());
            }
        }
        Ok(labels)
    }

    /// The distinct `skos:altLabel`s of each node.
    fn aliases(
        &self,
        nodes: &BTreeMap<String, Option<Class>>,
    ) -> Result<BTreeMap<String, BTreeSet<String>>, StoreError> {
        let mut aliases: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for row in self.prefixed_rows(
            "SELECT DISTINCT ?e ?a WHERE { ?e skos:altLabel ?a FILTER(isIRI(?e)) }",
        )? {
            if let (Some(e), Some(a)) = (iri_of(row[0].as_ref()), literal_of(row[1].as_ref()))
                && nodes.contains_key(e)
            {
                aliases
                    .entry(e.to_owned())
                    .or_default()
                    .insert(a.to_owned());
            }
        }
        Ok(aliases)
    }

    /// One value per literal-valued predicate of each node (see [`preferred`]).
    fn attributes(
        &self,
        nodes: &BTreeMap<String, Option<Class>>,
    ) -> Result<BTreeMap<String, BTreeMap<String, String>>, StoreError> {
        let mut attributes: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let rows = self.prefixed_rows(&format!(
            "SELECT DISTINCT ?e ?p ?v WHERE {{ VALUES ?p {{ {} }} ?e ?p ?v FILTER(isIRI(?e) && isLiteral(?v)) }}",
            predicate_values(Predicate::is_literal)
        ))?;
        for row in &rows {
            let (Some(e), Some(p), Some(v)) = (
                iri_of(row[0].as_ref()),
                iri_of(row[1].as_ref()).and_then(Predicate::from_iri),
                literal_of(row[2].as_ref()),
            ) else {
                continue;
            };
            if !nodes.contains_key(e) {
                continue;
            }
            let attrs = attributes.entry(e.to_owned()).or_default();
            match attrs.get_mut(p.name()) {
                Some(old) => {
                    if preferred(p, v, old) {
                        v.clone_into(old);
                    }
                }
                None => {
                    attrs.insert(p.name().to_owned(), v.to_owned());
                }
            }
        }
        Ok(attributes)
    }
}

/// Edges keyed by (source, predicate name, target), the graph view's order.
type Edges = BTreeMap<(String, &'static str, String), (Predicate, BTreeSet<EvidenceRef>)>;

/// The (subject IRI, predicate, object IRI) of the first three columns.
fn relation(row: &[Option<Term>]) -> Option<(&str, Predicate, &str)> {
    Some((
        iri_of(row.first()?.as_ref())?,
        iri_of(row.get(1)?.as_ref()).and_then(Predicate::from_iri)?,
        iri_of(row.get(2)?.as_ref())?,
    ))
}

/// The last segment of an IRI (after `/` or `#`), or the IRI itself.
fn fallback_label(iri: &str) -> String {
    iri.rsplit(['/', '#'])
        .find(|s| !s.is_empty())
        .unwrap_or(iri)
        .to_owned()
}

/// Whether `new` should replace `old` as the value of literal attribute `p`:
/// dates by precision then earliest, counts by largest, else lexical least.
fn preferred(p: Predicate, new: &str, old: &str) -> bool {
    fn precision(d: DateValue) -> u8 {
        match d {
            DateValue::Year(_) => 0,
            DateValue::YearMonth(..) => 1,
            DateValue::Day(..) => 2,
        }
    }
    match p {
        Predicate::Date => match (DateValue::parse(new), DateValue::parse(old)) {
            (Some(n), Some(o)) => {
                (precision(n), std::cmp::Reverse(n)) > (precision(o), std::cmp::Reverse(o))
            }
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => new < old,
        },
        _ => match (new.parse::<i128>(), old.parse::<i128>()) {
            (Ok(n), Ok(o)) => n > o,
            (Ok(_), Err(_)) => true,
            (Err(_), Ok(_)) => false,
            (Err(_), Err(_)) => new < old,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{doc_info, entity, evidence, fact, sample, temp_store};
    use tkg_model::{Extraction, Modality, Object};

    fn node<'a>(g: &'a GraphData, iri: &str) -> &'a NodeData {
        g.nodes
            .iter()
            .find(|n| n.iri == iri)
            .unwrap_or_else(|| panic!("no node {iri}"))
    }

    #[test]
    fn stats_count_distinct_things_with_all_keys_present() {
        let (_dir, store) = temp_store();
        let empty = store.stats().unwrap();
        assert_eq!(empty.entities_by_class.len(), 4);
        assert_eq!(empty.relations_by_predicate.len(), 15);
        assert_eq!(empty.triples, 0);

        store
            .put_document(&doc_info("a"), &sample(), "2026-01-01T00:00:00Z")
            .unwrap();
        let one = store.stats().unwrap();
        store
            .put_document(&doc_info("b"), &sample(), "2026-01-01T00:00:00Z")
            .unwrap();
        let two = store.stats().unwrap();
        for s in [&one, &two] {
            assert_eq!(s.entities_by_class["Group"], 3);
            assert_eq!(s.entities_by_class["Person"], 1);
            assert_eq!(s.entities_by_class["Location"], 2);
            assert_eq!(s.entities_by_class["Attack"], 1);
            assert_eq!(s.relations_by_predicate["alliedWith"], 2, "both directions");
            assert_eq!(s.relations_by_predicate["rivalOf"], 0, "alleged only");
            assert_eq!(s.relations_by_predicate["killed"], 1);
            assert_eq!(s.relations_by_predicate["injured"], 0);
        }
        assert_eq!((one.documents, two.documents), (1, 2));
        assert_eq!(one.evidence, sample().evidence_count());
        assert_eq!(two.evidence, 2 * sample().evidence_count());
        assert!(two.triples > one.triples && two.triples < 2 * one.triples);
        assert!(one.triples <= store.len().unwrap());
    }

    #[test]
    fn graph_data_has_entities_edges_attributes_and_evidence() {
        let (_dir, store) = temp_store();
        store
            .put_document(&doc_info("a"), &sample(), "2026-01-01T00:00:00Z")
            .unwrap();
        let g = store.graph_data().unwrap();
        let x = sample();
        assert_eq!(g.nodes.len(), x.entities.len());
        let iskp = node(&g, &entity(Class::Group, "ISKP").iri);
        assert_eq!(iskp.label, "ISKP");
        assert_eq!(iskp.aliases, ["Islamic State Khorasan Province"]);
        assert_eq!(
            node(&g, &entity(Class::Person, "Noor Wali Mehsud").iri).class,
            Some(Class::Person)
        );
        let attack = node(&g, &entity(Class::Attack, "Kabul 2021").iri);
        assert_eq!(
            attack.attributes.get("date").map(String::as_str),
            Some("2021-08")
        );
        assert_eq!(
            attack.attributes.get("killed").map(String::as_str),
            Some("170")
        );

        let names: Vec<_> = g.edges.iter().map(|e| e.predicate.name()).collect();
        assert_eq!(names.iter().filter(|n| **n == "alliedWith").count(), 2);
        assert!(!names.contains(&"rivalOf"), "alleged claims are no edges");
        assert!(!names.contains(&"killed"), "literals are no edges");
        assert_eq!(g.edges.len(), 7);
        for edge in &g.edges {
            assert!(!edge.evidence.is_empty(), "{edge:?}");
        }
        let reverse = g
            .edges
            .iter()
            .find(|e| {
                e.predicate == Predicate::AlliedWith
                    && e.source == entity(Class::Group, "Lashkar-e-Jhangvi").iri
            })
            .unwrap();
        assert_eq!(reverse.evidence[0].document, iri::document("a"));
        assert_eq!(reverse.evidence[0].start, Some(100));
        let located = g
            .edges
            .iter()
            .find(|e| e.predicate == Predicate::LocatedIn)
            .unwrap();
        assert_eq!(located.evidence[0].document, iri::lexicon("places"));
        assert_eq!(located.evidence[0].sentence, None);

        let mut sorted = g.edges.clone();
        sorted.sort_by(|a, b| {
            (&a.source, a.predicate.name(), &a.target).cmp(&(
                &b.source,
                b.predicate.name(),
                &b.target,
            ))
        });
        assert_eq!(sorted, g.edges);
        assert!(g.nodes.windows(2).all(|w| w[0].iri < w[1].iri));
    }

    #[test]
    fn graph_data_is_deterministic_across_reopen_and_reingest() {
        let dir = tempfile::TempDir::new().unwrap();
        let first = {
            let store = Store::open(dir.path()).unwrap();
            store
                .put_document(&doc_info("b"), &sample(), "2026-01-01T00:00:00Z")
                .unwrap();
            store
                .put_document(&doc_info("a"), &sample(), "2026-01-01T00:00:00Z")
                .unwrap();
            store.graph_data().unwrap()
        };
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.graph_data().unwrap(), first);
        store
            .put_document(&doc_info("a"), &sample(), "2026-02-01T00:00:00Z")
            .unwrap();
        assert_eq!(store.graph_data().unwrap(), first);
        let allied = first
            .edges
            .iter()
            .find(|e| e.predicate == Predicate::AlliedWith)
            .unwrap();
        let docs: Vec<_> = allied
            .evidence
            .iter()
            .map(|e| e.document.as_str())
            .collect();
        assert_eq!(docs, [iri::document("a"), iri::document("b")]);
    }

    #[test]
    fn two_documents_keep_their_own_evidence_and_removing_one_keeps_the_other() {
        let (_dir, store) = temp_store();
        store
            .put_document(&doc_info("a"), &sample(), "2026-01-01T00:00:00Z")
            .unwrap();
        store
            .put_document(&doc_info("b"), &sample(), "2026-01-01T00:00:00Z")
            .unwrap();
        let operates = |g: &GraphData| {
            g.edges
                .iter()
                .find(|e| e.predicate == Predicate::OperatesIn)
                .cloned()
        };
        let both = operates(&store.graph_data().unwrap()).unwrap();
        assert_eq!(both.evidence.len(), 2);
        assert!(store.remove_document("a").unwrap());
        let left = operates(&store.graph_data().unwrap()).expect("the fact survives in b");
        assert_eq!(left.evidence.len(), 1);
        assert_eq!(left.evidence[0].document, iri::document("b"));
        assert!(store.remove_document("b").unwrap());
        assert!(operates(&store.graph_data().unwrap()).is_none());
        assert_eq!(store.len().unwrap(), 0);
    }

    #[test]
    fn an_entity_has_one_label_across_documents() {
        let (_dir, store) = temp_store();
        let mut a = Extraction::default();
        let ttp = entity(Class::Group, "TTP");
        a.entities.insert(ttp.iri.clone(), ttp.clone());
        store
            .put_document(&doc_info("a"), &a, "2026-01-01T00:00:00Z")
            .unwrap();
        let mut b = Extraction::default();
        let mut other = ttp.clone();
        other.label = "Tehrik-e-Taliban Pakistan".into();
        other.add_alias("TTP");
        b.entities.insert(other.iri.clone(), other);
        store
            .put_document(&doc_info("b"), &b, "2026-01-01T00:00:00Z")
            .unwrap();
        store
            .put_document(&doc_info("b"), &b, "2026-01-01T00:00:00Z")
            .unwrap();

        let labels = store
            .select_rows(&format!(
                "SELECT ?l WHERE {{ <{}> <{}label> ?l }}",
                ttp.iri,
                iri::RDFS
            ))
            .unwrap();
        let labels: BTreeSet<_> = labels
            .iter()
            .map(|r| literal_of(r[0].as_ref()).unwrap().to_owned())
            .collect();
        assert_eq!(labels, BTreeSet::from(["TTP".to_owned()]));
        let g = store.graph_data().unwrap();
        assert_eq!(node(&g, &ttp.iri).label, "TTP");
        assert_eq!(node(&g, &ttp.iri).aliases, ["Tehrik-e-Taliban Pakistan"]);
    }

    #[test]
    fn leaders_are_typed_and_stay_persons_in_the_graph_view() {
        let (_dir, store) = temp_store();
        store
            .put_document(&doc_info("a"), &sample(), "2026-01-01T00:00:00Z")
            .unwrap();
        let noor = entity(Class::Person, "Noor Wali Mehsud");
        let q = format!(
            "{}ASK {{ <{}> a tkg:Leader, tkg:Person }}",
            iri::PREFIXES,
            noor.iri
        );
        assert_eq!(store.query(&q).unwrap(), crate::QueryAnswer::Boolean(true));
        assert_eq!(
            node(&store.graph_data().unwrap(), &noor.iri).class,
            Some(Class::Person)
        );
    }

    #[test]
    fn conflicting_attributes_keep_the_most_precise_date_and_largest_count() {
        let (_dir, store) = temp_store();
        let attack = entity(Class::Attack, "Kabul 2021");
        for (slug, date, killed) in [
            ("a", DateValue::Day(2021, 8, 26), 183),
            ("b", DateValue::Year(2021), 170),
        ] {
            let mut x = Extraction::default();
            x.entities.insert(attack.iri.clone(), attack.clone());
            x.facts.push(fact(
                &attack.iri,
                Predicate::Date,
                Object::Date(date),
                vec![evidence(1, Modality::Asserted)],
            ));
            x.facts.push(fact(
                &attack.iri,
                Predicate::Killed,
                Object::Integer(killed),
                vec![evidence(1, Modality::Asserted)],
            ));
            store
                .put_document(&doc_info(slug), &x, "2026-01-01T00:00:00Z")
                .unwrap();
        }
        let g = store.graph_data().unwrap();
        let n = node(&g, &attack.iri);
        assert_eq!(n.attributes["date"], "2021-08-26");
        assert_eq!(n.attributes["killed"], "183");
    }

    #[test]
    fn untyped_edge_ends_become_nodes_without_class() {
        let (_dir, store) = temp_store();
        let mut x = Extraction::default();
        let kabul = entity(Class::Location, "Kabul");
        x.entities.insert(kabul.iri.clone(), kabul.clone());
        let afg = entity(Class::Location, "Afghanistan");
        x.facts.push(fact(
            &kabul.iri,
            Predicate::LocatedIn,
            Object::Entity(afg.iri.clone()),
            vec![evidence(1, Modality::Asserted)],
        ));
        store
            .put_document(&doc_info("a"), &x, "2026-01-01T00:00:00Z")
            .unwrap();
        let g = store.graph_data().unwrap();
        let n = node(&g, &afg.iri);
        assert_eq!((n.class, n.label.as_str()), (None, "afghanistan"));
        assert_eq!(g.edges.len(), 1);
    }
}
