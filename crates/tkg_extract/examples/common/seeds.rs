//! The texts of `seeds/`, in file-name order: the input of the extraction
//! benchmark and of the examples that time or profile it (each includes
//! this file with `#[path]`).

/// Every readable file of `seeds/`, sorted by name.
///
/// # Panics
/// When `seeds/` cannot be listed.
pub fn texts() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}
