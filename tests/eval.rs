//! `tkg eval` on every annotated text: F1 may not fall below `floors.tsv`.

use std::path::Path;

use crate::util::run;

fn eval_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eval")
}

#[test]
fn eval_scores_every_annotated_text_at_or_above_its_floor() {
    let dir = eval_dir();
    let floors = std::fs::read_to_string(dir.join("floors.tsv")).expect("floors.tsv");
    let store = tempfile::tempdir().expect("temp dir");
    let mut checked = 0;
    for line in floors
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, entity_floor, triple_floor): (&str, f64, f64) =
            (cols[0], cols[1].parse().unwrap(), cols[2].parse().unwrap());
        let gold = dir.join(name).display().to_string();
        let text = dir.join(format!("{name}.txt")).display().to_string();
        let r = run(
            store.path(),
            &["eval", "--gold", &gold, &text, "--format", "json"],
        );
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let report: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON report");
        let entity_f1 = report["entities"]["f1"].as_f64().expect("entities.f1");
        let triple_f1 = report["triples"]["f1"].as_f64().expect("triples.f1");
        assert!(
            entity_f1 >= entity_floor,
            "{name}: entity F1 {entity_f1:.3} < {entity_floor}"
        );
        assert!(
            triple_f1 >= triple_floor,
            "{name}: triple F1 {triple_f1:.3} < {triple_floor}; missed {}",
            report["missed"]
        );
        for key in [
            "entities_by_class",
            "triples_by_predicate",
            "missed",
            "spurious",
        ] {
            assert!(!report[key].is_null(), "{name}: no {key}");
        }
        checked += 1;
    }
    assert!(checked >= 3, "floors.tsv lists {checked} texts");
}

#[test]
fn eval_table_names_missed_triples_with_their_sentence() {
    let dir = eval_dir();
    let (gold, text) = (
        dir.join("seed002").display().to_string(),
        dir.join("seed002.txt").display().to_string(),
    );
    let json = run(
        Path::new("unused"),
        &["eval", "--gold", &gold, &text, "--format", "json"],
    );
    let table = run(Path::new("unused"), &["eval", "--gold", &gold, &text]);
    assert_eq!(
        (json.code, table.code),
        (0, 0),
        "{}{}",
        json.stderr,
        table.stderr
    );
    assert!(
        table.stdout.contains("all triples") && table.stdout.contains("precision"),
        "{}",
        table.stdout
    );
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    for missed in report["missed"].as_array().unwrap() {
        let sentence = missed["sentence"].as_str().unwrap();
        let start: String = sentence.chars().take(40).collect();
        assert!(
            table.stdout.contains(&start),
            "table lacks the sentence of {missed}"
        );
    }
}

#[test]
fn eval_reports_a_missing_or_bad_gold_file_by_name() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let text = tmp.path().join("t.txt");
    std::fs::write(&text, "The Front operates in Valeria.").unwrap();
    let missing = tmp.path().join("nope");
    let r = run(
        tmp.path(),
        &[
            "eval",
            "--gold",
            &missing.display().to_string(),
            &text.display().to_string(),
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nope.entities.tsv"), "{}", r.stderr);

    let bad = tmp.path().join("bad");
    std::fs::write(
        tmp.path().join("bad.entities.tsv"),
        "canonical\tclass\taliases\ttier\nFront\tWeapon\t\tcore\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("bad.triples.tsv"),
        "subject\tpredicate\tobject\ttier\tevidence\n",
    )
    .unwrap();
    let r = run(
        tmp.path(),
        &[
            "eval",
            "--gold",
            &bad.display().to_string(),
            &text.display().to_string(),
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("bad.entities.tsv") && r.stderr.contains("line 2"),
        "{}",
        r.stderr
    );
}
