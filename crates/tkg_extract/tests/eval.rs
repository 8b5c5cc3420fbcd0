//! Extraction quality may not fall below the level reached: every annotated
//! text in `tests/data/eval/` is scored against its gold annotation.

use tkg_extract::Extractor;
use tkg_extract::eval::{Gold, evaluate};

/// (text, minimum entity F1, minimum triple F1) as measured when these floors were set.
const FLOORS: &[(&str, f64, f64)] = &[
    ("seed002", 0.93, 0.89),
    ("seed004", 0.84, 0.88),
    ("valeria", 0.87, 0.96),
];

#[test]
fn f1_stays_at_or_above_the_level_reached() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/eval");
    let ex = Extractor::builtin();
    let mut failures = Vec::new();
    for &(name, entity_floor, triple_floor) in FLOORS {
        let read = |ext: &str| {
            std::fs::read_to_string(format!("{dir}/{name}.{ext}"))
                .unwrap_or_else(|e| panic!("{name}.{ext}: {e}"))
        };
        let gold =
            Gold::parse(&read("entities.tsv"), &read("triples.tsv"), name).expect("gold parses");
        let report = evaluate(&ex.extract(&read("txt")), &gold);
        if report.entities.f1 < entity_floor || report.triples.f1 < triple_floor {
            failures.push(format!(
                "{name}: entity F1 {:.3} (floor {entity_floor}), triple F1 {:.3} (floor {triple_floor}); missed {:?}",
                report.entities.f1, report.triples.f1, report.missed
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_annotated_text_has_a_floor() {
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .expect("eval data")
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .into_string()
                .ok()?
                .strip_suffix(".entities.tsv")
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut with_floor: Vec<String> = floors().into_iter().map(|f| f.0).collect();
    with_floor.sort_unstable();
    assert_eq!(names, with_floor);
}
