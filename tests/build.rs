//! `tkg build`: incremental, replacing, and robust to bad inputs.

use crate::util::{KARST, PREFIXES, VELLOR, all_quads, ask, build, count, run, seeds, texts};

#[test]
fn rebuilding_seeds_changes_nothing() {
    let store = tempfile::tempdir().unwrap();
    let store = store.path().join("g");
    build(&store, &[&seeds()]);
    let before = all_quads(&store);
    assert!(before > 0);
    let r = run(&store, &["build", seeds().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let seed_files = std::fs::read_dir(seeds()).unwrap().count();
    let unchanged = r.stdout.lines().find(|l| l.contains("unchanged")).unwrap();
    assert!(unchanged.contains(&seed_files.to_string()), "{unchanged}");
    assert_eq!(all_quads(&store), before);
}

#[test]
fn changed_file_replaces_its_facts() {
    let dir = texts(&[
        ("army.txt", KARST.as_bytes()),
        ("other.txt", VELLOR.as_bytes()),
    ]);
    let store = dir.path().join("store");
    build(
        &store,
        &[&dir.path().join("army.txt"), &dir.path().join("other.txt")],
    );
    let karst = format!("{PREFIXES} ASK {{ ?e rdfs:label \"Karst Liberation Army\" }}");
    assert!(ask(&store, &karst));
    assert_eq!(run(&store, &["lookup", "Ivo Darnel"]).code, 0);

    std::fs::write(
        dir.path().join("army.txt"),
        "The Obsidian Guard, led by Tomas Wrell, operates in Halden province.\n",
    )
    .unwrap();
    let r = run(
        &store,
        &[
            "build",
            dir.path().join("army.txt").to_str().unwrap(),
            dir.path().join("other.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !ask(&store, &karst),
        "old facts of the changed file must be gone"
    );
    assert_eq!(run(&store, &["lookup", "Ivo Darnel"]).code, 1);
    assert_eq!(run(&store, &["lookup", "Obsidian Guard"]).code, 0);
    assert_eq!(
        run(&store, &["lookup", "Vellor Front"]).code,
        0,
        "the other file keeps its facts"
    );
    let docs = count(
        &store,
        &format!("{PREFIXES} SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a tkg:Document }}"),
    );
    assert_eq!(docs, 2);
}

#[test]
fn bad_inputs_are_reported_and_skipped() {
    let dir = texts(&[
        ("good.txt", KARST.as_bytes()),
        ("victim.txt", VELLOR.as_bytes()),
    ]);
    let store = dir.path().join("store");
    build(&store, &[dir.path()]);
    let sha = |store: &std::path::Path| {
        run(
            store,
            &[
                "query",
                "--format",
                "csv",
                &format!("{PREFIXES} SELECT ?h WHERE {{ doc:victim tkg:sha256 ?h }}"),
            ],
        )
        .stdout
    };
    let victim_before = sha(&store);
    let quads_before = all_quads(&store);

    std::fs::write(
        dir.path().join("victim.txt"),
        b"The Vellor \xff\xfe Front\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("binary.txt"),
        b"The Ash\0\0\0 Front\0 operates in Tessel.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.md"), b"  \n\n").unwrap();
    std::fs::write(
        dir.path().join("new.txt"),
        "The Obsidian Guard, led by Tomas Wrell, operates in Halden province.\n",
    )
    .unwrap();
    let missing = dir.path().join("missing.txt");
    let r = run(
        &store,
        &[
            "build",
            dir.path().to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    for name in ["victim.txt", "binary.txt", "missing.txt"] {
        let line = r
            .stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no line for {name}: {}", r.stderr));
        assert!(line.starts_with("tkg: "), "{line}");
    }
    assert!(r.stderr.contains("UTF-8"), "{}", r.stderr);
    let empty = r
        .stderr
        .lines()
        .find(|l| l.contains("empty.md"))
        .expect("a warning for the empty file");
    assert!(empty.contains("warning"), "{empty}");
    assert!(!r.stderr.contains("panicked"));

    assert_eq!(
        sha(&store),
        victim_before,
        "a bad file leaves its stored copy untouched"
    );
    assert!(!ask(
        &store,
        &format!("{PREFIXES} ASK {{ GRAPH doc:binary {{ ?s ?p ?o }} }}")
    ));
    assert_eq!(run(&store, &["lookup", "Vellor Front"]).code, 0);
    assert_eq!(
        run(&store, &["lookup", "Obsidian Guard"]).code,
        0,
        "good files are still ingested"
    );
    assert!(all_quads(&store) > quads_before);
}

#[test]
fn two_files_with_the_same_slug_fail_the_second() {
    let dir = texts(&[
        ("Army One.txt", KARST.as_bytes()),
        ("army-one.md", VELLOR.as_bytes()),
    ]);
    let store = dir.path().join("store");
    let r = run(&store, &["build", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains("army-one.md") && l.contains("Army One.txt")),
        "{}",
        r.stderr
    );
    assert_eq!(run(&store, &["lookup", "Karst Liberation Army"]).code, 0);
}

#[test]
fn read_commands_do_not_create_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("nothing-here");
    for args in [
        &["stats"][..],
        &["query", "leaders"],
        &["lookup", "x"],
        &["export"],
    ] {
        let r = run(&store, args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains("run `tkg build` first"), "{}", r.stderr);
    }
    assert!(!store.exists());
}

#[test]
fn a_locked_store_gives_a_clean_error() {
    let dir = texts(&[("karst.txt", KARST.as_bytes())]);
    let store = dir.path().join("store");
    build(&store, &[dir.path()]);
    // This test process holds the RocksDB lock while the binary tries to open it.
    let held = tkg_store::Store::open(&store).unwrap();
    for args in [&["stats"][..], &["build", dir.path().to_str().unwrap()]] {
        let r = run(&store, args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.starts_with("tkg: error:") && r.stderr.contains("in use"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"));
    }
    drop(held);
    assert_eq!(run(&store, &["stats"]).code, 0);
}
