//! Every bundled query, run against the graph of `seeds/`, snapshot-tested.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::util::{build, run, seeds};

/// The store built from `seeds/` once for all query tests.
fn seed_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        build(&store, &[&seeds()]);
        (dir, store)
    });
    path
}

fn query_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_query_states_its_question() {
    let files = query_files();
    assert!(files.len() >= 7, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("# "),
            "{} must open with a `# question` comment",
            file.display()
        );
    }
}

#[test]
fn query_snapshots() {
    let store = seed_store();
    for file in query_files() {
        let name = file.file_stem().unwrap().to_str().unwrap().to_owned();
        let r = run(
            store,
            &["query", "--format", "csv", &format!("@{}", file.display())],
        );
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(
            r.stdout.lines().count() > 1 || name == "claims",
            "{name} found nothing"
        );
        insta::assert_snapshot!(name, r.stdout);
    }
}
