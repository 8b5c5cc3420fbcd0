//! Fixtures shared by the unit tests: a real on-disk store in a temp dir and
//! a small extraction that exercises every shape of the data model.

use tempfile::TempDir;
use tkg_model::{
    Class, DateValue, DocumentInfo, Entity, Evidence, Extraction, Fact, Modality, Object, Predicate,
};

use crate::Store;

/// A fresh store in its own temporary directory (kept alive by the `TempDir`).
pub(crate) fn temp_store() -> (TempDir, Store) {
    let dir = TempDir::new().expect("temp dir");
    let store = Store::open(dir.path()).expect("open store");
    (dir, store)
}

pub(crate) fn doc_info(slug: &str) -> DocumentInfo {
    DocumentInfo {
        slug: slug.to_owned(),
        file_name: format!("{slug}.txt"),
        sha256: format!("{:064x}", slug.len()),
    }
}

pub(crate) fn entity(class: Class, label: &str) -> Entity {
    Entity::new(class, label)
}

pub(crate) fn evidence(start: usize, modality: Modality) -> Evidence {
    Evidence {
        sentence: format!("Sentence at {start} with \"quotes\"."),
        start,
        end: start + 40,
        rule: "test-rule".to_owned(),
        confidence_milli: 900,
        modality,
        lexicon: None,
    }
}

pub(crate) fn fact(
    subject: &str,
    predicate: Predicate,
    object: Object,
    evidence: Vec<Evidence>,
) -> Fact {
    Fact {
        subject: subject.to_owned(),
        predicate,
        object,
        evidence,
    }
}

/// Groups `TTP`, `ISKP` (with an alias), Lashkar-e-Jhangvi; person Noor Wali
/// Mehsud (leads `TTP`); locations Kabul, Afghanistan; attack Kabul 2021.
/// Facts: `ISKP alliedWith LeJ` (symmetric), `TTP operatesIn Kabul`,
/// `Noor leaderOf TTP`, `ISKP rivalOf TTP` (alleged only),
/// `Kabul locatedIn Afghanistan` (lexicon), and the attack's perpetrator,
/// location, date and killed.
pub(crate) fn sample() -> Extraction {
    let ttp = entity(Class::Group, "TTP");
    let mut iskp = entity(Class::Group, "ISKP");
    iskp.add_alias("Islamic State Khorasan Province");
    let lej = entity(Class::Group, "Lashkar-e-Jhangvi");
    let noor = entity(Class::Person, "Noor Wali Mehsud");
    let kabul = entity(Class::Location, "Kabul");
    let afghanistan = entity(Class::Location, "Afghanistan");
    let attack = entity(Class::Attack, "Kabul 2021");
    let e = |iri: &Entity| Object::Entity(iri.iri.clone());
    let lexicon = Evidence {
        sentence: String::new(),
        start: 0,
        end: 0,
        rule: "gazetteer".to_owned(),
        confidence_milli: 1000,
        modality: Modality::Asserted,
        lexicon: Some("places".to_owned()),
    };
    let mut facts = vec![
        fact(
            &iskp.iri,
            Predicate::AlliedWith,
            e(&lej),
            vec![evidence(100, Modality::Asserted)],
        ),
        fact(
            &ttp.iri,
            Predicate::OperatesIn,
            e(&kabul),
            vec![evidence(200, Modality::Asserted)],
        ),
        fact(
            &noor.iri,
            Predicate::LeaderOf,
            e(&ttp),
            vec![evidence(300, Modality::Asserted)],
        ),
        fact(
            &iskp.iri,
            Predicate::RivalOf,
            e(&ttp),
            vec![evidence(400, Modality::Alleged)],
        ),
        fact(
            &kabul.iri,
            Predicate::LocatedIn,
            e(&afghanistan),
            vec![lexicon],
        ),
        fact(
            &attack.iri,
            Predicate::Perpetrator,
            e(&iskp),
            vec![evidence(500, Modality::Asserted)],
        ),
        fact(
            &attack.iri,
            Predicate::Location,
            e(&kabul),
            vec![evidence(500, Modality::Asserted)],
        ),
        fact(
            &attack.iri,
            Predicate::Date,
            Object::Date(DateValue::YearMonth(2021, 8)),
            vec![evidence(500, Modality::Asserted)],
        ),
        fact(
            &attack.iri,
            Predicate::Killed,
            Object::Integer(170),
            vec![evidence(500, Modality::Asserted)],
        ),
    ];
    facts.sort_by(|a, b| {
        (&a.subject, a.predicate, &a.object).cmp(&(&b.subject, b.predicate, &b.object))
    });
    let entities = [ttp, iskp, lej, noor, kabul, afghanistan, attack]
        .into_iter()
        .map(|x| (x.iri.clone(), x))
        .collect();
    Extraction { entities, facts }
}
