//! From the model to RDF quads, in exactly the shape of `shared/ontology.md`.
//!
//! Pure functions: nothing here touches the store. Every IRI derived from
//! input goes through [`named`] (validating); the only unchecked terms are the
//! constants of [`crate::vocab`].

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use oxigraph::model::{
    BlankNode, GraphName, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad,
    Term, TermRef,
};
use sha2::{Digest, Sha256};
use tkg_model::{
    Class, DocumentInfo, Evidence, Extraction, Fact, Modality, Object, Predicate, iri,
};

use crate::StoreError;
use crate::vocab::{
    PROV_WAS_DERIVED_FROM, SKOS_ALT_LABEL, TKG_CONFIDENCE, TKG_DOCUMENT, TKG_END, TKG_EVIDENCE,
    TKG_INGESTED, TKG_LEADER, TKG_MODALITY, TKG_RULE, TKG_SENTENCE, TKG_SHA256, TKG_START, rdf,
    rdfs, xsd,
};

/// A validated IRI, or [`StoreError::InvalidIri`].
pub(crate) fn named(iri: &str) -> Result<NamedNode, StoreError> {
    NamedNode::new(iri).map_err(|e| StoreError::invalid_iri(iri, &e))
}

/// The IRI of `doc:{slug}`, validated.
pub(crate) fn document_node(slug: &str) -> Result<NamedNode, StoreError> {
    named(&iri::document(slug))
}

/// Checks that `value` is a valid `xsd:dateTime` lexical form.
pub(crate) fn check_datetime(value: &str) -> Result<(), StoreError> {
    oxsdatatypes::DateTime::from_str(value)
        .map(drop)
        .map_err(|e| StoreError::InvalidLiteral {
            value: value.to_owned(),
            datatype: "xsd:dateTime",
            message: e.to_string(),
        })
}

/// The RDF term of a fact's object: an IRI, a typed date or an `xsd:integer`.
pub(crate) fn object_term(object: &Object) -> Result<Term, StoreError> {
    Ok(match object {
        Object::Entity(iri) => named(iri)?.into(),
        Object::Date(d) => Literal::new_typed_literal(d.lexical(), named(&d.datatype())?).into(),
        Object::Integer(n) => Literal::from(*n).into(),
    })
}

fn integer(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}

/// The blank node of one piece of evidence.
///
/// Invariant: a pure function of (document slug, subject, predicate, object,
/// start, end, rule, modality, lexicon), so re-ingesting the same extraction
/// writes the very same quads, and two documents never share an evidence
/// node. Fields are length-prefixed so that no two inputs hash alike by
/// concatenation. 128 bits of SHA-256 make collisions negligible.
pub(crate) fn evidence_node(slug: &str, fact: &Fact, ev: &Evidence) -> BlankNode {
    let object = match &fact.object {
        Object::Entity(iri) => format!("iri:{iri}"),
        Object::Date(d) => format!("date:{}^^{}", d.lexical(), d.datatype()),
        Object::Integer(n) => format!("int:{n}"),
    };
    let (start, end) = (ev.start.to_string(), ev.end.to_string());
    let lexicon = ev
        .lexicon
        .as_ref()
        .map_or_else(String::new, |l| format!("lexicon:{l}"));
    let mut hasher = Sha256::new();
    for part in [
        slug,
        &fact.subject,
        fact.predicate.name(),
        &object,
        &start,
        &end,
        &ev.rule,
        ev.modality.as_str(),
        &lexicon,
    ] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut id = [0_u8; 16];
    id.copy_from_slice(&digest[..16]);
    BlankNode::new_from_unique_id(u128::from_be_bytes(id))
}

/// Every quad of document `info`'s named graph.
///
/// `known_labels` maps entity IRIs to the `rdfs:label` they already carry in
/// other graphs of the store; such an entity keeps that label (so that the
/// union graph has exactly one label per entity) and this document's label
/// becomes a `skos:altLabel`. An alt label never equals the label.
pub(crate) fn document_quads(
    info: &DocumentInfo,
    extraction: &Extraction,
    ingested: &str,
    known_labels: &BTreeMap<String, String>,
) -> Result<Vec<Quad>, StoreError> {
    check_datetime(ingested)?;
    let doc = document_node(&info.slug)?;
    let mut out = Writer {
        graph: GraphName::NamedNode(doc.clone()),
        quads: Vec::new(),
    };

    out.add(&doc, rdf::TYPE, TKG_DOCUMENT);
    out.add(
        &doc,
        rdfs::LABEL,
        LiteralRef::new_simple_literal(&info.file_name),
    );
    out.add(
        &doc,
        TKG_SHA256,
        LiteralRef::new_simple_literal(&info.sha256),
    );
    out.add(
        &doc,
        TKG_INGESTED,
        LiteralRef::new_typed_literal(ingested, xsd::DATE_TIME),
    );

    let leaders: BTreeSet<&str> = extraction
        .facts
        .iter()
        .filter(|f| f.predicate == Predicate::LeaderOf && f.is_asserted())
        .map(|f| f.subject.as_str())
        .collect();
    for entity in extraction.entities.values() {
        let node = named(&entity.iri)?;
        out.add(&node, rdf::TYPE, &named(&entity.class.iri())?);
        if entity.class == Class::Person && leaders.contains(entity.iri.as_str()) {
            out.add(&node, rdf::TYPE, TKG_LEADER);
        }
        let label = known_labels.get(&entity.iri).unwrap_or(&entity.label);
        out.add(&node, rdfs::LABEL, LiteralRef::new_simple_literal(label));
        let alts: BTreeSet<&String> = entity
            .alt_labels
            .iter()
            .chain([&entity.label])
            .filter(|a| *a != label)
            .collect();
        for alt in alts {
            out.add(&node, SKOS_ALT_LABEL, LiteralRef::new_simple_literal(alt));
        }
    }

    for fact in &extraction.facts {
        let subject = named(&fact.subject)?;
        let predicate = named(&fact.predicate.iri())?;
        let object = object_term(&fact.object)?;
        if fact.is_asserted() {
            out.add(&subject, &predicate, &object);
            if let (true, Term::NamedNode(o)) = (fact.predicate.is_symmetric(), &object) {
                out.add(o, &predicate, &subject);
            }
        }
        for ev in &fact.evidence {
            let node = evidence_node(&info.slug, fact, ev);
            out.add(&node, rdf::TYPE, TKG_EVIDENCE);
            out.add(&node, rdf::TYPE, rdf::STATEMENT);
            out.add(&node, rdf::SUBJECT, &subject);
            out.add(&node, rdf::PREDICATE, &predicate);
            out.add(&node, rdf::OBJECT, &object);
            out.evidence_details(&node, &doc, ev)?;
        }
    }
    Ok(out.quads)
}

struct Writer {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Writer {
    fn add<'a>(
        &mut self,
        s: &(impl Clone + Into<NamedOrBlankNode>),
        p: impl Into<NamedNodeRef<'a>>,
        o: impl Into<TermRef<'a>>,
    ) {
        let quad = Quad::new(
            s.clone(),
            p.into().into_owned(),
            o.into().into_owned(),
            self.graph.clone(),
        );
        self.quads.push(quad);
    }

    /// Source, position, rule, confidence and modality of one evidence node.
    fn evidence_details(
        &mut self,
        node: &BlankNode,
        doc: &NamedNode,
        ev: &Evidence,
    ) -> Result<(), StoreError> {
        if let Some(lexicon) = &ev.lexicon {
            self.add(node, PROV_WAS_DERIVED_FROM, &named(&iri::lexicon(lexicon))?);
        } else {
            self.add(node, PROV_WAS_DERIVED_FROM, doc);
            self.add(
                node,
                TKG_SENTENCE,
                LiteralRef::new_simple_literal(&ev.sentence),
            );
            self.add(node, TKG_START, &integer(ev.start));
            self.add(node, TKG_END, &integer(ev.end));
        }
        self.add(node, TKG_RULE, LiteralRef::new_simple_literal(&ev.rule));
        let confidence = Literal::new_typed_literal(ev.confidence_lexical(), xsd::DECIMAL);
        self.add(node, TKG_CONFIDENCE, &confidence);
        if ev.modality != Modality::Asserted {
            self.add(
                node,
                TKG_MODALITY,
                LiteralRef::new_simple_literal(ev.modality.as_str()),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{entity, evidence, fact};
    use tkg_model::DateValue;

    #[test]
    fn evidence_ids_are_deterministic_and_distinct_per_document_and_offset() {
        let f = fact(
            "ent:a",
            Predicate::AlliedWith,
            Object::Entity("ent:b".into()),
            vec![evidence(10, Modality::Asserted)],
        );
        let ev = &f.evidence[0];
        assert_eq!(evidence_node("d1", &f, ev), evidence_node("d1", &f, ev));
        assert_ne!(evidence_node("d1", &f, ev), evidence_node("d2", &f, ev));
        let mut later = ev.clone();
        later.start = 11;
        assert_ne!(evidence_node("d1", &f, ev), evidence_node("d1", &f, &later));
        let mut lex = ev.clone();
        lex.lexicon = Some(String::new());
        assert_ne!(evidence_node("d1", &f, ev), evidence_node("d1", &f, &lex));
    }

    #[test]
    fn objects_become_iris_typed_dates_and_integers() {
        let date = object_term(&Object::Date(DateValue::YearMonth(2021, 8))).unwrap();
        assert_eq!(
            date.to_string(),
            "\"2021-08\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"
        );
        let n = object_term(&Object::Integer(170)).unwrap();
        assert_eq!(
            n.to_string(),
            "\"170\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        );
        assert!(matches!(
            object_term(&Object::Entity("not an iri".into())),
            Err(StoreError::InvalidIri { .. })
        ));
    }

    #[test]
    fn invalid_ingested_time_is_rejected_before_anything_is_built() {
        let info = DocumentInfo {
            slug: "d".into(),
            file_name: "d.txt".into(),
            sha256: "00".into(),
        };
        let r = document_quads(&info, &Extraction::default(), "yesterday", &BTreeMap::new());
        assert!(matches!(r, Err(StoreError::InvalidLiteral { .. })));
        assert!(
            document_quads(
                &info,
                &Extraction::default(),
                "2026-11-21T10:00:00Z",
                &BTreeMap::new()
            )
            .is_ok()
        );
    }

    #[test]
    fn known_label_wins_and_own_label_becomes_alt_label() {
        let info = DocumentInfo {
            slug: "d".into(),
            file_name: "d.txt".into(),
            sha256: "00".into(),
        };
        let mut x = Extraction::default();
        let mut e = entity(Class::Group, "Pakistani Taliban");
        e.add_alias("TTP");
        x.entities.insert(e.iri.clone(), e.clone());
        let known = BTreeMap::from([(e.iri.clone(), "TTP".to_owned())]);
        let quads = document_quads(&info, &x, "2026-11-21T10:00:00Z", &known).unwrap();
        let about: Vec<String> = quads
            .iter()
            .filter(|q| q.subject.to_string() == format!("<{}>", e.iri))
            .map(|q| format!("{} {}", q.predicate, q.object))
            .collect();
        assert!(about.contains(&format!("<{}> \"TTP\"", rdfs::LABEL.as_str())));
        assert!(about.contains(&format!(
            "<{}> \"Pakistani Taliban\"",
            SKOS_ALT_LABEL.as_str()
        )));
        assert!(!about.contains(&format!("<{}> \"TTP\"", SKOS_ALT_LABEL.as_str())));
    }
}
