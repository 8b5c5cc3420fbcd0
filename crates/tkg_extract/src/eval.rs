//! Scoring an extraction against a gold annotation.
//!
//! Gold comes as two tab-separated files with a header row:
//! `PREFIX.entities.tsv` (canonical, class, aliases separated by `|`, tier) and
//! `PREFIX.triples.tsv` (subject, predicate, object, tier, evidence).
//!
//! Matching: an entity matches a gold entity of the same class when any of its
//! labels equals any gold name after case, punctuation and diacritics folding.
//! Facts that only the lexicon supports (geographic containment known in
//! advance, with no sentence) are background knowledge, not extraction: they
//! count when they match a gold triple and are otherwise left out of
//! precision (listed under `background`, not `spurious`).
//! Symmetric predicates match in either direction; dates compare to month
//! precision and counts as integers; an attack matches a gold attack with the
//! same perpetrator and the same place or year.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tkg_model::{Class, DateValue, Extraction, Object, Predicate, fold};

use crate::error::ExtractError;

/// One gold entity.
#[derive(Debug, Clone)]
pub struct GoldEntity {
    pub canonical: String,
    pub class: Class,
    pub names: BTreeSet<String>,
}

/// One gold triple; `object` is a gold entity name or a literal.
#[derive(Debug, Clone)]
pub struct GoldTriple {
    pub subject: String,
    pub predicate: Predicate,
    pub object: String,
    pub evidence: String,
}

/// A gold annotation of one text.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    pub entities: Vec<GoldEntity>,
    pub triples: Vec<GoldTriple>,
}

impl Gold {
    /// Parses the two gold files' contents; `name` is used in errors.
    ///
    /// # Errors
    /// A row with too few columns, an unknown class or predicate.
    pub fn parse(entities_tsv: &str, triples_tsv: &str, name: &str) -> Result<Self, ExtractError> {
        let err = |file: &str, line: usize, message: String| ExtractError::Lexicon {
            file: format!("{name}.{file}"),
            line,
            message,
        };
        let mut gold = Self::default();
        for (n, line) in entities_tsv.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 {
                return Err(err(
                    "entities.tsv",
                    n + 1,
                    "expected canonical, class, aliases, tier".into(),
                ));
            }
            let class: Class = cols[1]
                .trim()
                .parse()
                .map_err(|e| err("entities.tsv", n + 1, e))?;
            let mut names: BTreeSet<String> = BTreeSet::from([fold(cols[0])]);
            if let Some(aliases) = cols.get(2) {
                names.extend(aliases.split('|').map(fold).filter(|a| !a.is_empty()));
            }
            gold.entities.push(GoldEntity {
                canonical: cols[0].trim().to_owned(),
                class,
                names,
            });
        }
        for (n, line) in triples_tsv.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                return Err(err(
                    "triples.tsv",
                    n + 1,
                    "expected subject, predicate, object, tier, evidence".into(),
                ));
            }
            let predicate: Predicate = cols[1]
                .trim()
                .parse()
                .map_err(|e| err("triples.tsv", n + 1, e))?;
            gold.triples.push(GoldTriple {
                subject: cols[0].trim().to_owned(),
                predicate,
                object: cols[2].trim().to_owned(),
                evidence: cols.get(4).map_or(String::new(), |e| e.trim().to_owned()),
            });
        }
        Ok(gold)
    }
}

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    pub predicted: usize,
    pub gold: usize,
    pub matched_predicted: usize,
    pub matched_gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn new(predicted: usize, gold: usize, matched_predicted: usize, matched_gold: usize) -> Self {
        #[expect(clippy::cast_precision_loss, reason = "counts are small")]
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let precision = ratio(matched_predicted, predicted);
        let recall = ratio(matched_gold, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Self {
            predicted,
            gold,
            matched_predicted,
            matched_gold,
            precision,
            recall,
            f1,
        }
    }
}

/// A triple named by labels, with the sentence behind it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct NamedTriple {
    pub subject: String,
    pub predicate: String,
    pub object: String,
    pub sentence: String,
}

/// The evaluation of one text.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub entities: Score,
    pub entities_by_class: BTreeMap<String, Score>,
    pub triples: Score,
    pub triples_by_predicate: BTreeMap<String, Score>,
    pub missed: Vec<NamedTriple>,
    pub spurious: Vec<NamedTriple>,
    /// Lexicon-only facts that match no gold triple (not counted as errors).
    pub background: Vec<NamedTriple>,
}

/// Scores `extraction` against `gold`.
#[expect(
    clippy::too_many_lines,
    reason = "entity, attack and triple matching share the closures defined here"
)]
pub fn evaluate(extraction: &Extraction, gold: &Gold) -> Report {
    // Predicted entity → gold entity index.
    let mut ent_match: BTreeMap<&str, usize> = BTreeMap::new();
    for (iri, e) in &extraction.entities {
        let labels: BTreeSet<String> = std::iter::once(&e.label)
            .chain(&e.alt_labels)
            .map(|l| fold(l))
            .collect();
        if let Some(g) = gold
            .entities
            .iter()
            .position(|g| g.class == e.class && g.names.iter().any(|n| labels.contains(n)))
        {
            ent_match.insert(iri.as_str(), g);
        }
    }

    let gold_index = |name: &str| {
        let f = fold(name);
        gold.entities
            .iter()
            .position(|g| fold(&g.canonical) == f || g.names.contains(&f))
    };
    let label = |iri: &str| {
        extraction
            .entities
            .get(iri)
            .map_or_else(|| iri.to_owned(), |e| e.label.clone())
    };
    let object_label = |o: &Object| match o {
        Object::Entity(i) => label(i),
        Object::Date(d) => d.to_string(),
        Object::Integer(n) => n.to_string(),
    };
    // Attack entities match through their perpetrator and place or year.
    let attack_facts = |iri: &str, p: Predicate| -> Vec<&Object> {
        extraction
            .facts
            .iter()
            .filter(|f| f.subject == iri && f.predicate == p && f.is_asserted())
            .map(|f| &f.object)
            .collect()
    };
    let gold_attack_facts = |name: &str, p: Predicate| -> Vec<&str> {
        gold.triples
            .iter()
            .filter(|t| t.subject == name && t.predicate == p)
            .map(|t| t.object.as_str())
            .collect()
    };
    let same_entity = |iri: &str, gold_name: &str| -> bool {
        let Some(gi) = gold_index(gold_name) else {
            return false;
        };
        if let Some(&m) = ent_match.get(iri) {
            return m == gi;
        }
        let is_attack = extraction
            .entities
            .get(iri)
            .is_some_and(|e| e.class == Class::Attack);
        if !is_attack || gold.entities[gi].class != Class::Attack {
            return false;
        }
        let gname = &gold.entities[gi].canonical;
        let perp = attack_facts(iri, Predicate::Perpetrator).into_iter().any(|o| {
            gold_attack_facts(gname, Predicate::Perpetrator)
                .iter()
                .any(|g| matches!(o, Object::Entity(i) if ent_match.get(i.as_str()) == gold_index(g).as_ref()))
        });
        let place = attack_facts(iri, Predicate::Location).into_iter().any(|o| {
            gold_attack_facts(gname, Predicate::Location)
                .iter()
                .any(|g| matches!(o, Object::Entity(i) if ent_match.get(i.as_str()) == gold_index(g).as_ref()))
        });
        let year = attack_facts(iri, Predicate::Date).into_iter().any(|o| {
            gold_attack_facts(gname, Predicate::Date)
                .iter()
                .any(|g| matches!(o, Object::Date(d) if DateValue::parse(g).is_some_and(|gd| gd.year() == d.year())))
        });
        perp && (place || year)
    };
    let object_matches = |o: &Object, gold_object: &str| match o {
        Object::Entity(i) => same_entity(i, gold_object),
        Object::Date(d) => DateValue::parse(gold_object).is_some_and(|g| {
            g.year() == d.year()
                && (g.month().is_none() || d.month().is_none() || g.month() == d.month())
        }),
        Object::Integer(n) => gold_object.replace(',', "").parse::<i64>().ok() == Some(*n),
    };
    // Attacks match gold attacks by perpetrator and place or year, not by label.
    let attack_match: BTreeMap<&str, usize> = extraction
        .entities
        .iter()
        .filter(|(_, e)| e.class == Class::Attack)
        .filter_map(|(iri, _)| {
            gold.entities
                .iter()
                .position(|g| g.class == Class::Attack && same_entity(iri, &g.canonical))
                .map(|g| (iri.as_str(), g))
        })
        .collect();
    let matched = |iri: &str| {
        ent_match
            .get(iri)
            .or_else(|| attack_match.get(iri))
            .copied()
    };
    let gold_classes: BTreeSet<Class> = gold.entities.iter().map(|g| g.class).collect();
    let mut entities_by_class = BTreeMap::new();
    let (mut tp_pred, mut n_pred, mut tp_gold, mut n_gold) = (0, 0, 0, 0);
    for class in Class::ALL {
        if class == Class::Attack && !gold_classes.contains(&class) {
            continue;
        }
        let preds: Vec<&str> = extraction
            .entities
            .iter()
            .filter(|(_, e)| e.class == class)
            .map(|(i, _)| i.as_str())
            .collect();
        let golds: Vec<usize> = (0..gold.entities.len())
            .filter(|&g| gold.entities[g].class == class)
            .collect();
        let mp = preds.iter().filter(|i| matched(i).is_some()).count();
        let found: BTreeSet<usize> = preds.iter().filter_map(|i| matched(i)).collect();
        let mg = golds.iter().filter(|g| found.contains(g)).count();
        entities_by_class.insert(
            class.name().to_owned(),
            Score::new(preds.len(), golds.len(), mp, mg),
        );
        (tp_pred, n_pred, tp_gold, n_gold) = (
            tp_pred + mp,
            n_pred + preds.len(),
            tp_gold + mg,
            n_gold + golds.len(),
        );
    }
    let entities = Score::new(n_pred, n_gold, tp_pred, tp_gold);
    let predicted: Vec<&tkg_model::Fact> = extraction
        .facts
        .iter()
        .filter(|f| f.is_asserted())
        .collect();
    let fact_matches = |f: &tkg_model::Fact, t: &GoldTriple| {
        f.predicate == t.predicate
            && ((same_entity(&f.subject, &t.subject) && object_matches(&f.object, &t.object))
                || (f.predicate.is_symmetric()
                    && matches!(&f.object, Object::Entity(o) if same_entity(o, &t.subject))
                    && same_entity(&f.subject, &t.object)))
    };
    let mut triples_by_predicate = BTreeMap::new();
    let (mut tp_pred, mut tp_gold, mut n_counted) = (0, 0, 0);
    let mut missed = Vec::new();
    let mut spurious = Vec::new();
    let mut background = Vec::new();
    for p in Predicate::ALL {
        let preds: Vec<_> = predicted.iter().filter(|f| f.predicate == p).collect();
        let golds: Vec<_> = gold.triples.iter().filter(|t| t.predicate == p).collect();
        if preds.is_empty() && golds.is_empty() {
            continue;
        }
        let mut mp = 0;
        let mut counted = 0;
        for f in &preds {
            let lexicon_only = f.evidence.iter().all(|e| e.lexicon.is_some());
            if golds.iter().any(|t| fact_matches(f, t)) {
                mp += 1;
                counted += 1;
            } else if lexicon_only {
                background.push(NamedTriple {
                    subject: label(&f.subject),
                    predicate: p.name().into(),
                    object: object_label(&f.object),
                    sentence: String::new(),
                });
            } else {
                counted += 1;
                let object = object_label(&f.object);
                let sentence = f
                    .evidence
                    .iter()
                    .find(|e| e.modality == tkg_model::Modality::Asserted)
                    .map_or(String::new(), |e| e.sentence.clone());
                spurious.push(NamedTriple {
                    subject: label(&f.subject),
                    predicate: p.name().into(),
                    object,
                    sentence,
                });
            }
        }
        let mut mg = 0;
        for t in &golds {
            if preds.iter().any(|f| fact_matches(f, t)) {
                mg += 1;
            } else {
                missed.push(NamedTriple {
                    subject: t.subject.clone(),
                    predicate: p.name().into(),
                    object: t.object.clone(),
                    sentence: t.evidence.clone(),
                });
            }
        }
        tp_pred += mp;
        tp_gold += mg;
        n_counted += counted;
        triples_by_predicate.insert(
            p.name().to_owned(),
            Score::new(counted, golds.len(), mp, mg),
        );
    }
    let triples = Score::new(n_counted, gold.triples.len(), tp_pred, tp_gold);
    missed.sort();
    spurious.sort();
    background.sort();
    Report {
        entities,
        entities_by_class,
        triples,
        triples_by_predicate,
        missed,
        spurious,
        background,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    const ENTITIES: &str = "canonical\tclass\taliases\ttier\nKarst Liberation Army\tGroup\tKLA\tcore\nIvo Darnel\tPerson\tCommander Ivo Darnel\tcore\nZorvan\tLocation\tZorvan province\tcore\nMissing Front\tGroup\t\tcore\n";
    const TRIPLES: &str = "subject\tpredicate\tobject\ttier\tevidence\nIvo Darnel\tleaderOf\tKLA\tcore\tx\nKLA\toperatesIn\tZorvan\tcore\ty\nMissing Front\talliedWith\tKLA\tcore\tz\n";

    #[test]
    fn scores_count_matches_by_alias_and_report_misses() {
        let gold = Gold::parse(ENTITIES, TRIPLES, "t").unwrap();
        let ex = Extractor::builtin().extract("The Karst Liberation Army (KLA), led by Commander Ivo Darnel, operates in Zorvan province.");
        let r = evaluate(&ex, &gold);
        assert_eq!(r.entities.gold, 4);
        assert_eq!(r.entities.matched_gold, 3);
        assert_eq!(r.triples.matched_gold, 2, "{r:#?}");
        assert_eq!(r.missed.len(), 1);
        assert_eq!(r.missed[0].predicate, "alliedWith");
        assert!(r.triples.recall > 0.6 && r.triples.recall < 0.7);
    }

    #[test]
    fn lexicon_only_facts_are_background_not_errors() {
        let gold = Gold::parse("h\nKabul\tLocation\t\tcore\n", "h\n", "g").unwrap();
        let ex = Extractor::builtin().extract("Fighting spread from Kabul across Afghanistan.");
        let r = evaluate(&ex, &gold);
        assert!(
            r.background
                .iter()
                .any(|t| t.subject == "Kabul" && t.predicate == "locatedIn"),
            "{r:#?}"
        );
        assert!(r.spurious.iter().all(|t| t.predicate != "locatedIn"));
        assert_eq!(r.triples.predicted, 0);
    }

    #[test]
    fn attacks_match_by_perpetrator_and_place_not_by_label() {
        let entities = "h\nKarst Liberation Army\tGroup\tKLA\tcore\nAmberfall\tLocation\t\tcore\nAmberfall market bombing\tAttack\t\tcore\n";
        let triples = "h\nAmberfall market bombing\tperpetrator\tKLA\tcore\te\nAmberfall market bombing\tlocation\tAmberfall\tcore\te\n";
        let gold = Gold::parse(entities, triples, "g").unwrap();
        let ex = Extractor::builtin().extract(
            "On 14 March 2025 a bombing at the market of Amberfall killed 9 people. The Karst Liberation Army claimed responsibility for the attack. Amberfall is a town in Zorvan province.",
        );
        let r = evaluate(&ex, &gold);
        assert_eq!(r.entities_by_class["Attack"].matched_gold, 1, "{r:#?}");
        assert_eq!(
            r.triples_by_predicate["perpetrator"].matched_gold, 1,
            "{r:#?}"
        );
    }

    #[test]
    fn bad_gold_rows_are_errors() {
        assert!(Gold::parse("h\nX\tWeapon\t\tcore\n", "h\n", "g").is_err());
        assert!(Gold::parse("h\n", "h\nA\tleads\tB\n", "g").is_err());
    }
}
