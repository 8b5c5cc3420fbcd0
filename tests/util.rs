//! Shared helpers: a `tkg` command with deterministic settings, invented texts.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Invented texts (not from the seeds), with the facts the extractor finds in them.
pub const KARST: &str =
    "The Karst Liberation Army, led by Commander Ivo Darnel, operates in Zorvan province.\n";
pub const VELLOR: &str = "The Vellor Front, led by Mira Oskan, operates in Tessel province.\n";

pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// `tkg --store STORE ARGS…` with a fixed `SOURCE_DATE_EPOCH` and no `TKG_STORE`.
pub fn tkg(store: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tkg"));
    cmd.env("SOURCE_DATE_EPOCH", "1700000000")
        .env_remove("TKG_STORE")
        .arg("--store")
        .arg(store)
        .args(args);
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(store: &Path, args: &[&str]) -> Run {
    let out = tkg(store, args).output().expect("run tkg");
    Run {
        code: out.status.code().expect("tkg exited by a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Builds `inputs` into `store`, asserting success.
pub fn build(store: &Path, inputs: &[&Path]) {
    let mut args = vec!["build"];
    let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    args.extend(inputs.iter().map(String::as_str));
    let r = run(store, &args);
    assert_eq!(r.code, 0, "build failed: {}", r.stderr);
}

/// The single integer a `SELECT (COUNT(…) AS ?n)` query returns.
pub fn count(store: &Path, sparql: &str) -> usize {
    let r = run(store, &["query", "--format", "csv", sparql]);
    assert_eq!(r.code, 0, "query failed: {}", r.stderr);
    r.stdout
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count in {:?}", r.stdout))
}

pub fn ask(store: &Path, sparql: &str) -> bool {
    let r = run(store, &["query", "--format", "csv", sparql]);
    assert_eq!(r.code, 0, "query failed: {}", r.stderr);
    r.stdout.contains("true")
}

pub const PREFIXES: &str = "PREFIX tkg: <https://w3id.org/tkg/ontology#> PREFIX doc: <https://w3id.org/tkg/doc/> \
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ";

pub fn all_quads(store: &Path) -> usize {
    count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    )
}

/// Writes `files` (name, bytes) into a new temp dir.
pub fn texts(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// A store built from the two invented texts `KARST` and `VELLOR`; the temp
/// dir must outlive the store path.
pub fn small_store() -> (tempfile::TempDir, PathBuf) {
    let dir = texts(&[
        ("karst.txt", KARST.as_bytes()),
        ("vellor.txt", VELLOR.as_bytes()),
    ]);
    let store = dir.path().join("store");
    build(&store, &[dir.path()]);
    (dir, store)
}
