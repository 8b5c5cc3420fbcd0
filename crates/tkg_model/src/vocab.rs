//! Classes, predicates and IRIs of the ontology.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// IRI namespaces and constructors.
pub mod iri {
    use super::Class;

    pub const TKG: &str = "https://w3id.org/tkg/ontology#";
    pub const ENT: &str = "https://w3id.org/tkg/id/";
    pub const DOC: &str = "https://w3id.org/tkg/doc/";
    pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
    pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
    pub const PROV: &str = "http://www.w3.org/ns/prov#";
    pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

    /// The SPARQL prologue every bundled query may rely on.
    pub const PREFIXES: &str = "PREFIX tkg: <https://w3id.org/tkg/ontology#>\n\
        PREFIX ent: <https://w3id.org/tkg/id/>\n\
        PREFIX doc: <https://w3id.org/tkg/doc/>\n\
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n\
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
        PREFIX prov: <http://www.w3.org/ns/prov#>\n\
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

    /// `ent:{kind}/{slug}`; `slug` must already be a slug.
    pub fn entity(class: Class, slug: &str) -> String {
        let mut iri = entity_prefix(class, slug.len());
        iri.push_str(slug);
        iri
    }

    /// `ent:{kind}/`, with room for `more` bytes after it. Written by hand:
    /// this runs for every entity of every document, and `format!` costs
    /// ten times as much.
    fn entity_prefix(class: Class, more: usize) -> String {
        let kind = class.kind();
        let mut iri = String::with_capacity(ENT.len() + kind.len() + 1 + more);
        for part in [ENT, kind, "/"] {
            iri.push_str(part);
        }
        iri
    }

    /// `ent:{kind}/{slug}` with the slug of `name`: [`entity`] of
    /// [`crate::slugify`], written straight into the IRI (for an ASCII
    /// name with letters, one allocation instead of three).
    pub fn entity_named(class: Class, name: &str) -> String {
        // A slug is at most 80 bytes, or a 17-byte hash for a name without letters.
        let mut iri = entity_prefix(class, name.len().clamp(17, 80));
        crate::names::slug_onto(name, &mut iri);
        iri
    }

    /// `doc:{slug}`, the document node and its named graph.
    pub fn document(slug: &str) -> String {
        format!("{DOC}{slug}")
    }

    /// `doc:lexicon/{name}`, the source of lexicon-derived facts.
    pub fn lexicon(name: &str) -> String {
        format!("{DOC}lexicon/{name}")
    }

    /// A term of the tkg ontology, `tkg:{local}`.
    pub fn tkg(local: &str) -> String {
        format!("{TKG}{local}")
    }
}

/// The entity classes of the ontology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Class {
    Group,
    Person,
    Location,
    Attack,
}

impl Class {
    pub const ALL: [Class; 4] = [Self::Group, Self::Person, Self::Location, Self::Attack];

    /// The class name as in `tkg:{name}`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Group => "Group",
            Self::Person => "Person",
            Self::Location => "Location",
            Self::Attack => "Attack",
        }
    }

    /// The path segment of entity IRIs, `ent:{kind}/…`.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Group => "group",
            Self::Person => "person",
            Self::Location => "location",
            Self::Attack => "attack",
        }
    }

    pub fn iri(self) -> String {
        iri::tkg(self.name())
    }

    /// The class whose IRI is `iri`, if it is one of ours (`tkg:Leader` maps to `Person`).
    pub fn from_iri(iri: &str) -> Option<Self> {
        let local = iri.strip_prefix(iri::TKG)?;
        if local == "Leader" {
            return Some(Self::Person);
        }
        Self::ALL.into_iter().find(|c| c.name() == local)
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Class {
    type Err = String;

    /// Case-insensitive class name (`group`, `Person`, …).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("unknown class '{s}' (expected Group, Person, Location or Attack)")
            })
    }
}

/// The relation predicates of the ontology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Predicate {
    LeaderOf,
    FounderOf,
    MemberOf,
    OperatesIn,
    AlliedWith,
    RivalOf,
    AffiliateOf,
    SplinterOf,
    LocatedIn,
    Perpetrator,
    Location,
    Target,
    Date,
    Killed,
    Injured,
}

impl Predicate {
    pub const ALL: [Predicate; 15] = [
        Self::LeaderOf,
        Self::FounderOf,
        Self::MemberOf,
        Self::OperatesIn,
        Self::AlliedWith,
        Self::RivalOf,
        Self::AffiliateOf,
        Self::SplinterOf,
        Self::LocatedIn,
        Self::Perpetrator,
        Self::Location,
        Self::Target,
        Self::Date,
        Self::Killed,
        Self::Injured,
    ];

    /// The local name, as in `tkg:{name}`.
    pub fn name(self) -> &'static str {
        match self {
            Self::LeaderOf => "leaderOf",
            Self::FounderOf => "founderOf",
            Self::MemberOf => "memberOf",
            Self::OperatesIn => "operatesIn",
            Self::AlliedWith => "alliedWith",
            Self::RivalOf => "rivalOf",
            Self::AffiliateOf => "affiliateOf",
            Self::SplinterOf => "splinterOf",
            Self::LocatedIn => "locatedIn",
            Self::Perpetrator => "perpetrator",
            Self::Location => "location",
            Self::Target => "target",
            Self::Date => "date",
            Self::Killed => "killed",
            Self::Injured => "injured",
        }
    }

    pub fn iri(self) -> String {
        iri::tkg(self.name())
    }

    pub fn from_iri(iri: &str) -> Option<Self> {
        iri.strip_prefix(iri::TKG).and_then(|l| l.parse().ok())
    }

    /// Stored in both directions.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Self::AlliedWith | Self::RivalOf)
    }

    /// Its object is a literal, not an entity.
    pub fn is_literal(self) -> bool {
        matches!(self, Self::Date | Self::Killed | Self::Injured)
    }

    /// Classes allowed as subject.
    pub fn domain(self) -> &'static [Class] {
        match self {
            Self::LeaderOf | Self::FounderOf | Self::MemberOf => &[Class::Person],
            Self::OperatesIn
            | Self::AlliedWith
            | Self::RivalOf
            | Self::AffiliateOf
            | Self::SplinterOf => &[Class::Group],
            Self::LocatedIn => &[Class::Location],
            Self::Perpetrator
            | Self::Location
            | Self::Target
            | Self::Date
            | Self::Killed
            | Self::Injured => &[Class::Attack],
        }
    }

    /// Classes allowed as object (empty for literal-valued predicates).
    pub fn range(self) -> &'static [Class] {
        match self {
            Self::LeaderOf
            | Self::FounderOf
            | Self::MemberOf
            | Self::AlliedWith
            | Self::RivalOf
            | Self::AffiliateOf
            | Self::SplinterOf
            | Self::Perpetrator => &[Class::Group],
            Self::OperatesIn | Self::LocatedIn | Self::Location => &[Class::Location],
            Self::Target => &[Class::Group, Class::Person, Class::Location],
            Self::Date | Self::Killed | Self::Injured => &[],
        }
    }
}

impl fmt::Display for Predicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Predicate {
    type Err = String;

    /// The local name, case-insensitive, with or without a `tkg:` prefix.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let local = s.strip_prefix("tkg:").unwrap_or(s);
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(local))
            .ok_or_else(|| {
                let names: Vec<_> = Self::ALL.iter().map(|p| p.name()).collect();
                format!(
                    "unknown predicate '{s}' (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicate_names_round_trip() {
        for p in Predicate::ALL {
            assert_eq!(p.name().parse::<Predicate>(), Ok(p));
            assert_eq!(Predicate::from_iri(&p.iri()), Some(p));
        }
        assert_eq!("tkg:LEADEROF".parse::<Predicate>(), Ok(Predicate::LeaderOf));
        assert!("leads".parse::<Predicate>().is_err());
    }

    #[test]
    fn classes_round_trip_and_leader_is_a_person() {
        for c in Class::ALL {
            assert_eq!(Class::from_iri(&c.iri()), Some(c));
        }
        assert_eq!(Class::from_iri(&iri::tkg("Leader")), Some(Class::Person));
        assert_eq!(Class::from_iri("http://example.org/Group"), None);
    }

    #[test]
    fn literal_predicates_have_no_range() {
        for p in Predicate::ALL {
            assert_eq!(p.is_literal(), p.range().is_empty());
        }
    }
}
