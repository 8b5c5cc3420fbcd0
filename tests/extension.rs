//! `--lexicon` and `--rules`: users extend what the extractor knows.

use crate::util::{run, texts};

const TEXT: &str = "Blue Lantern operates in Zorvan province. The Karst Liberation Army befriends the Vellor Front.\n";

fn relation_count(store: &std::path::Path, predicate: &str) -> usize {
    let q = format!("SELECT ?s ?o WHERE {{ ?s <https://w3id.org/tkg/ontology#{predicate}> ?o }}");
    let r = run(store, &["query", &q, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout.lines().count() - 1
}

#[test]
fn a_user_lexicon_names_what_no_cue_would() {
    let dir = texts(&[
        ("t.txt", TEXT.as_bytes()),
        ("extra.tsv", b"# mine\nGroup\tBlue Lantern\tBL\n"),
    ]);
    let plain = dir.path().join("plain");
    let text = dir.path().join("t.txt").display().to_string();
    assert_eq!(run(&plain, &["build", &text]).code, 0);
    assert_eq!(
        run(&plain, &["lookup", "Blue Lantern"]).code,
        1,
        "no cue names it without the lexicon"
    );

    let with = dir.path().join("with");
    let lexicon = dir.path().join("extra.tsv").display().to_string();
    let r = run(&with, &["build", &text, "--lexicon", &lexicon]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(
        &with,
        &["lookup", "blue lantern", "--relation", "operatesIn"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["entity"]["class"], "Group");
    assert_eq!(v["relations"][0]["other"]["label"], "Zorvan");
}

#[test]
fn a_user_rule_adds_a_relation_with_its_id_on_the_evidence() {
    let rule = "[[rule]]\nid = \"mine.befriends\"\npredicate = \"alliedWith\"\npattern = \"{S} befriends (the)? {O}\"\nconfidence = 0.6\n";
    let dir = texts(&[("t.txt", TEXT.as_bytes()), ("mine.toml", rule.as_bytes())]);
    let text = dir.path().join("t.txt").display().to_string();
    let plain = dir.path().join("plain");
    assert_eq!(run(&plain, &["build", &text]).code, 0);
    assert_eq!(relation_count(&plain, "alliedWith"), 0);

    let with = dir.path().join("with");
    let rules = dir.path().join("mine.toml").display().to_string();
    let r = run(&with, &["build", &text, "--rules", &rules]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        relation_count(&with, "alliedWith"),
        2,
        "symmetric: stored both ways"
    );
    let r = run(
        &with,
        &[
            "query",
            "SELECT ?r WHERE { ?e <https://w3id.org/tkg/ontology#rule> ?r }",
            "--format",
            "csv",
        ],
    );
    assert!(r.stdout.contains("mine.befriends"), "{}", r.stdout);
}

#[test]
fn bad_extension_files_are_errors_that_name_them() {
    let dir = texts(&[
        ("t.txt", TEXT.as_bytes()),
        ("bad.tsv", b"Group\tFine Name\nWeapon\tAK-47\n"),
        ("bad.toml", b"[[rule]]\nid = \"oops\"\npredicate = \"alliedWith\"\npattern = \"{S} likes\"\nconfidence = 0.5\n"),
    ]);
    let store = dir.path().join("store");
    let text = dir.path().join("t.txt").display().to_string();
    let r = run(
        &store,
        &[
            "build",
            &text,
            "--lexicon",
            &dir.path().join("bad.tsv").display().to_string(),
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("bad.tsv") && r.stderr.contains("line 2"),
        "{}",
        r.stderr
    );
    let r = run(
        &store,
        &[
            "build",
            &text,
            "--rules",
            &dir.path().join("bad.toml").display().to_string(),
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("bad.toml") && r.stderr.contains("oops"),
        "{}",
        r.stderr
    );
    assert!(
        !store.exists(),
        "a bad extension file stops the build before the store is touched"
    );
}
