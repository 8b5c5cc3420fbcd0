//! `tkg export`: GraphML readable by networkx, deterministic, atomic.

use std::path::Path;
use std::process::Command;

use crate::util::{PREFIXES, build, count, run, seeds};

/// (nodes, edges) of a GraphML file as networkx reads it.
pub fn networkx_counts(file: &Path) -> (usize, usize) {
    let out = Command::new("python3")
        .args(["-c", "import networkx as nx, sys; g = nx.read_graphml(sys.argv[1]); print(g.number_of_nodes(), g.number_of_edges())"])
        .arg(file)
        .output();
    let out = match out {
        Ok(out) if out.status.success() => out,
        Ok(out) => panic!(
            "python3 could not read the GraphML with networkx ({}); install networkx with `bash scripts/setup.sh`, then run `bash scripts/test.sh`",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!(
            "python3 is missing ({e}); run `bash scripts/setup.sh`, then `bash scripts/test.sh`"
        ),
    };
    let text = String::from_utf8(out.stdout).unwrap();
    let mut it = text.split_whitespace().map(|n| n.parse::<usize>().unwrap());
    (it.next().unwrap(), it.next().unwrap())
}

#[test]
fn graphml_matches_the_sparql_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&store, &[&seeds()]);
    let file = dir.path().join("graph.graphml");
    let r = run(&store, &["export", "-o", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let entities = count(
        &store,
        &format!(
            "{PREFIXES} SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?c VALUES ?c {{ tkg:Group tkg:Person tkg:Location tkg:Attack }} }}"
        ),
    );
    let edges = count(
        &store,
        &format!(
            "{PREFIXES} SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o . \
             ?s a ?cs . ?o a ?co . VALUES ?cs {{ tkg:Group tkg:Person tkg:Location tkg:Attack }} \
             VALUES ?co {{ tkg:Group tkg:Person tkg:Location tkg:Attack }} FILTER(STRSTARTS(STR(?p), STR(tkg:))) }} }}"
        ),
    );
    assert!(entities > 0 && edges > 0);
    assert_eq!(networkx_counts(&file), (entities, edges));
}

#[test]
fn exports_are_byte_identical_and_atomic() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&store, &[&seeds()]);
    for format in ["graphml", "turtle", "ntriples"] {
        let a = run(&store, &["export", "--format", format]);
        let b = run(&store, &["export", "--format", format]);
        assert_eq!(a.code, 0, "{}", a.stderr);
        assert!(!a.stdout.is_empty());
        assert!(a.stdout == b.stdout, "{format} export differs between runs");
    }
    let file = dir.path().join("out.nt");
    let r = run(
        &store,
        &[
            "export",
            "--format",
            "ntriples",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        run(&store, &["export", "--format", "ntriples"]).stdout
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "temporary files left behind: {leftovers:?}"
    );
}
