//! `tkg lookup`, `path`, `neighbors`: exit codes and JSON shape.

use crate::util::{run, small_store as store};

#[test]
fn lookup_json_has_the_documented_fields() {
    let (_dir, store) = store();
    let r = run(&store, &["lookup", "Karst Liberation Army"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let entity = &v["entity"];
    for field in ["iri", "label", "class", "aliases", "attributes"] {
        assert!(entity.get(field).is_some(), "entity.{field} missing in {v}");
    }
    assert_eq!(entity["class"], "Group");
    let relations = v["relations"].as_array().unwrap();
    assert!(!relations.is_empty());
    for r in relations {
        for field in [
            "predicate",
            "direction",
            "other",
            "evidence_count",
            "evidence",
        ] {
            assert!(r.get(field).is_some(), "relation.{field} missing in {r}");
        }
    }
    assert!(relations.iter().any(|r| r["predicate"] == "leaderOf"
        && r["direction"] == "incoming"
        && r["other"]["label"] == "Ivo Darnel"));
}

#[test]
fn lookup_ignores_case_and_punctuation() {
    let (_dir, store) = store();
    let iri = |name: &str| {
        let r = run(&store, &["lookup", name]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()["entity"]["iri"].clone()
    };
    let expected = iri("Karst Liberation Army");
    assert_eq!(iri("karst liberation army"), expected);
    assert_eq!(iri("KARST-LIBERATION ARMY!"), expected);
}

#[test]
fn lookup_of_an_unknown_name_exits_1_with_suggestions() {
    let (_dir, store) = store();
    let r = run(&store, &["lookup", "Karst Liberation Armee"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("tkg: no entity named 'Karst Liberation Armee'"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Karst Liberation Army"), "{}", r.stderr);
    let table = run(
        &store,
        &[
            "lookup",
            "Vellor Front",
            "--format",
            "table",
            "--relation",
            "operatesIn",
        ],
    );
    assert_eq!(table.code, 0);
    assert!(
        table.stdout.contains("Tessel") && !table.stdout.contains("leaderOf"),
        "{}",
        table.stdout
    );
}

#[test]
fn path_exit_codes() {
    let (_dir, store) = store();
    let found = run(
        &store,
        &["path", "Ivo Darnel", "Zorvan", "--format", "json"],
    );
    assert_eq!(found.code, 0, "{}", found.stderr);
    let v: serde_json::Value = serde_json::from_str(&found.stdout).unwrap();
    assert_eq!(v["hops"].as_array().unwrap().len(), 2);
    let none = run(&store, &["path", "Ivo Darnel", "Tessel"]);
    assert_eq!(none.code, 1);
    assert!(none.stderr.contains("no path"), "{}", none.stderr);
    let short = run(&store, &["path", "Ivo Darnel", "Zorvan", "--max-hops", "1"]);
    assert_eq!(short.code, 1);
    assert_eq!(run(&store, &["path", "Nobody", "Zorvan"]).code, 1);
}

#[test]
fn neighbors_within_hops() {
    let (_dir, store) = store();
    let labels = |hops: &str| {
        let r = run(
            &store,
            &[
                "neighbors",
                "Ivo Darnel",
                "--hops",
                hops,
                "--format",
                "json",
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        v["neighbors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["entity"]["label"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(labels("1"), ["Karst Liberation Army"]);
    assert_eq!(labels("2"), ["Karst Liberation Army", "Zorvan"]);
}
