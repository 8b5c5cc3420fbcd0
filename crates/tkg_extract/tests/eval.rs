//! Extraction quality may not fall below the level reached: every annotated
//! text in `tests/data/eval/` is scored against its gold annotation, with the
//! floors in `tests/data/eval/floors.tsv` (shared with the `tkg eval` test).

use tkg_extract::Extractor;
use tkg_extract::eval::{Gold, evaluate};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/eval");

/// (text, minimum entity F1, minimum triple F1) from `floors.tsv`.
fn floors() -> Vec<(String, f64, f64)> {
    let text = std::fs::read_to_string(format!("{DIR}/floors.tsv")).expect("floors.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (
                c[0].to_owned(),
                c[1].parse().expect("entity floor"),
                c[2].parse().expect("triple floor"),
            )
        })
        .collect()
}

#[test]
fn f1_stays_at_or_above_the_level_reached() {
    let ex = Extractor::builtin();
    let mut failures = Vec::new();
    for (name, entity_floor, triple_floor) in floors() {
        let read = |ext: &str| {
            std::fs::read_to_string(format!("{DIR}/{name}.{ext}"))
                .unwrap_or_else(|e| panic!("{name}.{ext}: {e}"))
        };
        let gold =
            Gold::parse(&read("entities.tsv"), &read("triples.tsv"), &name).expect("gold parses");
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
