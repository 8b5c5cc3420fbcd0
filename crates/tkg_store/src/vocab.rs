//! Fixed vocabulary terms as Oxigraph terms.
//!
//! These are compile-time constants of the ontology (never derived from
//! input), so `new_unchecked` is safe here; a test checks each one against
//! the IRIs of `tkg_model::iri` and that it parses as an IRI.

use oxigraph::model::NamedNodeRef;

pub(crate) use oxigraph::model::vocab::{rdf, rdfs, xsd};

pub(crate) const TKG_DOCUMENT: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#Document");
pub(crate) const TKG_EVIDENCE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#Evidence");
pub(crate) const TKG_LEADER: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#Leader");
pub(crate) const TKG_SHA256: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#sha256");
pub(crate) const TKG_INGESTED: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#ingested");
pub(crate) const TKG_SENTENCE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#sentence");
pub(crate) const TKG_START: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#start");
pub(crate) const TKG_END: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#end");
pub(crate) const TKG_RULE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#rule");
pub(crate) const TKG_CONFIDENCE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#confidence");
pub(crate) const TKG_MODALITY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/tkg/ontology#modality");
pub(crate) const SKOS_ALT_LABEL: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel");
pub(crate) const PROV_WAS_DERIVED_FROM: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#wasDerivedFrom");

/// Prefixes used to shorten IRIs for display and in Turtle output, in the
/// order of `tkg_model::iri::PREFIXES`. No namespace is a prefix of another.
pub(crate) const PREFIXES: [(&str, &str); 8] = [
    ("tkg", tkg_model::iri::TKG),
    ("ent", tkg_model::iri::ENT),
    ("doc", tkg_model::iri::DOC),
    ("rdf", tkg_model::iri::RDF),
    ("rdfs", tkg_model::iri::RDFS),
    ("skos", tkg_model::iri::SKOS),
    ("prov", tkg_model::iri::PROV),
    ("xsd", tkg_model::iri::XSD),
];

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;
    use tkg_model::iri;

    #[test]
    fn constants_match_the_model_namespaces_and_are_valid_iris() {
        let tkg = [
            (TKG_DOCUMENT, "Document"),
            (TKG_EVIDENCE, "Evidence"),
            (TKG_LEADER, "Leader"),
            (TKG_SHA256, "sha256"),
            (TKG_INGESTED, "ingested"),
            (TKG_SENTENCE, "sentence"),
            (TKG_START, "start"),
            (TKG_END, "end"),
            (TKG_RULE, "rule"),
            (TKG_CONFIDENCE, "confidence"),
            (TKG_MODALITY, "modality"),
        ];
        for (term, local) in tkg {
            assert_eq!(term.as_str(), iri::tkg(local));
        }
        assert_eq!(SKOS_ALT_LABEL.as_str(), format!("{}altLabel", iri::SKOS));
        assert_eq!(
            PROV_WAS_DERIVED_FROM.as_str(),
            format!("{}wasDerivedFrom", iri::PROV)
        );
        for term in tkg
            .map(|(t, _)| t)
            .iter()
            .chain([&SKOS_ALT_LABEL, &PROV_WAS_DERIVED_FROM])
        {
            assert!(NamedNode::new(term.as_str()).is_ok(), "{term}");
        }
    }

    #[test]
    fn no_namespace_is_a_prefix_of_another() {
        for (a, ia) in PREFIXES {
            for (b, ib) in PREFIXES {
                assert!(a == b || !ib.starts_with(ia), "{a} is a prefix of {b}");
            }
        }
    }
}
