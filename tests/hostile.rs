//! Hostile names survive build, export and lookup.

use crate::export::networkx_counts;
use crate::util::{KARST, build, run, texts};

const HOSTILE: &str = "The <script>&\"' Front\u{7}\u{1b}[31m, led by Commander <b>Ivo</b> Darnel&amp;, operates in Zorvan province. \
    The Ashen Brigade\u{1}, led by Mira \"Oskan\" O'Neil <x>, operates in Tessel & <Halden> province.\n";

#[test]
fn hostile_names_do_not_break_anything() {
    let dir = texts(&[
        ("hostile <x>&.txt", HOSTILE.as_bytes()),
        ("karst.txt", KARST.as_bytes()),
    ]);
    let store = dir.path().join("store");
    build(&store, &[dir.path()]);
    let file = dir.path().join("g.graphml");
    let r = run(&store, &["export", "-o", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (nodes, _) = networkx_counts(&file);
    assert!(nodes > 0);
    for format in ["turtle", "ntriples"] {
        assert_eq!(run(&store, &["export", "--format", format]).code, 0);
    }
    for name in [
        "<script>&\"' Front\u{7}",
        "Ashen Brigade",
        "\u{1b}[31m",
        "&amp;",
    ] {
        for format in ["json", "table"] {
            let r = run(&store, &["lookup", name, "--format", format]);
            assert!(
                r.code == 0 || r.code == 1,
                "lookup {name:?}: {} {}",
                r.code,
                r.stderr
            );
            assert!(
                !r.stderr.contains('\u{1b}'),
                "control characters echoed: {:?}",
                r.stderr
            );
        }
    }
    let r = run(
        &store,
        &[
            "query",
            "--format",
            "xml",
            "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}
