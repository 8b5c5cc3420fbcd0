//! `tkg query`: errors, named queries, parameters.

use crate::util::{run, small_store as store};

#[test]
fn malformed_sparql_exits_2_with_position() {
    let (_dir, store) = store();
    let r = run(&store, &["query", "SELECT ?x WHERE { ?x ?y"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("tkg: error:"), "{}", r.stderr);
    assert!(r.stderr.contains("1:"), "no position in {}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
}

#[test]
fn unknown_query_name_lists_the_available_ones() {
    let (_dir, store) = store();
    let r = run(&store, &["query", "no-such-query"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("leaders") && r.stderr.contains("alliances"),
        "{}",
        r.stderr
    );
}

#[test]
fn named_and_file_queries_agree() {
    let (_dir, store) = store();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/queries/leaders.rq");
    let named = run(&store, &["query", "--format", "csv", "leaders"]);
    let at = run(&store, &["query", "--format", "csv", &format!("@{file}")]);
    assert_eq!(named.code, 0, "{}", named.stderr);
    assert_eq!(named.stdout, at.stdout);
    assert!(named.stdout.contains("Mira Oskan"), "{}", named.stdout);
}

#[test]
fn param_binds_a_literal_without_splicing() {
    let (_dir, store) = store();
    let q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
             SELECT ?name ?e WHERE { ?e rdfs:label ?l FILTER(LCASE(?l) = LCASE(?name)) } ORDER BY ?e";
    let r = run(
        &store,
        &[
            "query",
            "--format",
            "csv",
            "--param",
            "name=vellor front",
            q,
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert!(r.stdout.contains("vellor-front"));
    let hostile = run(
        &store,
        &["query", "--format", "csv", "--param", "name=x\" ) } #", q],
    );
    assert_eq!(hostile.code, 0, "{}", hostile.stderr);
    assert_eq!(hostile.stdout.lines().count(), 1);
    let evidence = run(
        &store,
        &[
            "query",
            "--format",
            "csv",
            "--param",
            "name=KARST LIBERATION ARMY",
            "evidence",
        ],
    );
    assert_eq!(evidence.code, 0, "{}", evidence.stderr);
    assert!(
        evidence.stdout.contains("Ivo Darnel"),
        "{}",
        evidence.stdout
    );
    assert!(
        !evidence.stdout.contains("Mira Oskan"),
        "{}",
        evidence.stdout
    );
}

#[test]
fn construct_prints_ntriples_and_formats_are_valid() {
    let (_dir, store) = store();
    let r = run(
        &store,
        &["query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.lines().all(|l| l.ends_with(" .")), "{}", r.stdout);
    let json = run(&store, &["query", "--format", "json", "leaders"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(v["head"]["vars"].is_array() && v["results"]["bindings"].is_array());
}
