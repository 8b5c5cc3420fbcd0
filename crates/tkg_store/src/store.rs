//! Opening the store and writing documents.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use oxigraph::model::{GraphNameRef, Term};
use oxigraph::store::StorageError;
use tkg_model::{DocumentInfo, Extraction};

use crate::StoreError;
use crate::encode::{document_node, document_quads, named};
use crate::vocab::{TKG_SHA256, rdfs};

/// The on-disk knowledge graph: one named graph `doc:{slug}` per document.
///
/// Invariants kept by every write:
/// * a document's quads live only in its own graph, and [`Store::put_document`]
///   replaces that graph atomically;
/// * every entity has exactly one `rdfs:label` in the union of all graphs;
/// * identical input gives identical quads (evidence nodes have derived ids).
///
/// Cloning is cheap and shares the same open database.
#[derive(Clone)]
pub struct Store {
    pub(crate) inner: oxigraph::store::Store,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

/// The current time as an `xsd:dateTime` lexical form (UTC, whole seconds),
/// suitable as the `ingested` argument of [`Store::put_document`].
pub fn now_xsd_datetime() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

impl Store {
    /// Opens or creates the on-disk store at `path`, creating the directory.
    ///
    /// Only one handle may have a directory open at a time (`RocksDB` `LOCK`
    /// file), whether from another process or from this one: a second open
    /// gives [`StoreError::Locked`]. Never panics.
    ///
    /// # Errors
    ///
    /// [`StoreError::Locked`], [`StoreError::CreateDir`], or
    /// [`StoreError::Storage`] for any other failure to open the database.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(path).map_err(|source| StoreError::CreateDir {
            path: path.to_owned(),
            source,
        })?;
        match oxigraph::store::Store::open(path) {
            Ok(inner) => Ok(Self { inner }),
            Err(e) if is_lock_error(&e) => Err(StoreError::Locked {
                path: path.to_owned(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// The sha256 recorded for `doc:{slug}`, if that document is in the store.
    ///
    /// # Errors
    ///
    /// [`StoreError::InvalidIri`] if `slug` makes no valid IRI; storage errors.
    pub fn document_sha256(&self, slug: &str) -> Result<Option<String>, StoreError> {
        let doc = document_node(slug)?;
        let mut found: Option<String> = None;
        for quad in self.inner.quads_for_pattern(
            Some(doc.as_ref().into()),
            Some(TKG_SHA256),
            None,
            Some(doc.as_ref().into()),
        ) {
            if let Term::Literal(l) = quad?.object {
                // Exactly one by construction; take the least for determinism anyway.
                if found.as_deref().is_none_or(|f| l.value() < f) {
                    found = Some(l.value().to_owned());
                }
            }
        }
        Ok(found)
    }

    /// Replaces the named graph `doc:{slug}` in one transaction: every quad of
    /// that graph is deleted, then the document's description and everything
    /// in `extraction` is inserted (see `shared/ontology.md`).
    ///
    /// `ingested` must be an `xsd:dateTime` lexical form (see
    /// [`now_xsd_datetime`]). An entity already labelled in another graph
    /// keeps that label, and this document's label becomes an alt label.
    /// Nothing is written if anything fails.
    ///
    /// # Errors
    ///
    /// [`StoreError::InvalidIri`] for an IRI (slug, entity, lexicon) that does
    /// not parse, [`StoreError::InvalidLiteral`] for a bad `ingested`, and
    /// storage errors; in every case the store is left unchanged.
    pub fn put_document(
        &self,
        info: &DocumentInfo,
        extraction: &Extraction,
        ingested: &str,
    ) -> Result<(), StoreError> {
        let doc = document_node(&info.slug)?;
        let mut tx = self.inner.start_transaction()?;
        let mut known_labels = BTreeMap::new();
        for entity in extraction.entities.values() {
            let node = named(&entity.iri)?;
            let mut best: Option<String> = None;
            for quad in
                tx.quads_for_pattern(Some(node.as_ref().into()), Some(rdfs::LABEL), None, None)
            {
                let quad = quad?;
                if quad.graph_name.as_ref() == GraphNameRef::NamedNode(doc.as_ref()) {
                    continue;
                }
                if let Term::Literal(l) = quad.object
                    && best.as_deref().is_none_or(|b| l.value() < b)
                {
                    best = Some(l.value().to_owned());
                }
            }
            if let Some(label) = best {
                known_labels.insert(entity.iri.clone(), label);
            }
        }
        let quads = document_quads(info, extraction, ingested, &known_labels)?;
        tx.remove_named_graph(doc.as_ref())?;
        tx.insert_named_graph(doc.as_ref());
        for quad in &quads {
            tx.insert(quad);
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes the named graph of document `slug` with all its quads; true if
    /// it was there.
    ///
    /// # Errors
    ///
    /// [`StoreError::InvalidIri`] if `slug` makes no valid IRI; storage errors.
    pub fn remove_document(&self, slug: &str) -> Result<bool, StoreError> {
        let doc = document_node(slug)?;
        let mut tx = self.inner.start_transaction()?;
        let existed = tx.contains_named_graph(doc.as_ref())?;
        if existed {
            tx.remove_named_graph(doc.as_ref())?;
            tx.commit()?;
        }
        Ok(existed)
    }

    /// Slugs of the documents in the store, sorted.
    ///
    /// # Errors
    ///
    /// Storage errors.
    pub fn document_slugs(&self) -> Result<Vec<String>, StoreError> {
        let mut slugs = Vec::new();
        for graph in self.inner.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = graph?
                && let Some(slug) = n.as_str().strip_prefix(tkg_model::iri::DOC)
            {
                slugs.push(slug.to_owned());
            }
        }
        slugs.sort();
        Ok(slugs)
    }

    /// Number of quads in the store, over all graphs (a full scan).
    ///
    /// # Errors
    ///
    /// Storage errors.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.inner.len()?)
    }

    /// True when the store holds no quad.
    ///
    /// # Errors
    ///
    /// Storage errors.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.inner.is_empty()?)
    }

    /// Writes everything to disk now (`RocksDB` flushes on its own otherwise).
    ///
    /// # Errors
    ///
    /// Storage errors.
    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(self.inner.flush()?)
    }

    /// Quads of one predicate in any graph (internal convenience).
    #[cfg(test)]
    pub(crate) fn count_predicate(&self, p: oxigraph::model::NamedNodeRef<'_>) -> usize {
        self.inner
            .quads_for_pattern(None, Some(p), None, None)
            .count()
    }
}

/// True for the errors `RocksDB` gives when its `LOCK` file is held: by another
/// process ("While lock file: …/LOCK: Resource temporarily unavailable") or
/// by this one ("lock hold by current process … No locks available").
/// Matches whole words only, so that e.g. "block checksum" is not a lock error.
fn is_lock_error(e: &StorageError) -> bool {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    text.contains("Resource temporarily unavailable")
        || text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("lock") || w.eq_ignore_ascii_case("locks"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{doc_info, sample, temp_store};
    use crate::vocab::TKG_EVIDENCE;
    use oxigraph::model::vocab::rdf;
    use tkg_model::{Modality, Object, Predicate};

    #[test]
    fn putting_the_same_document_twice_changes_nothing() {
        let (_dir, store) = temp_store();
        let x = sample();
        store
            .put_document(&doc_info("a"), &x, "2026-01-01T00:00:00Z")
            .unwrap();
        let before = store.len().unwrap();
        assert!(before > 0);
        store
            .put_document(&doc_info("a"), &x, "2026-01-01T00:00:00Z")
            .unwrap();
        assert_eq!(store.len().unwrap(), before);
    }

    #[test]
    fn putting_a_changed_extraction_replaces_the_old_facts() {
        let (_dir, store) = temp_store();
        let mut x = sample();
        store
            .put_document(&doc_info("a"), &x, "2026-01-01T00:00:00Z")
            .unwrap();
        let ttp_kab = x
            .facts
            .iter()
            .position(|f| f.predicate == Predicate::OperatesIn)
            .unwrap();
        x.facts.remove(ttp_kab);
        store
            .put_document(&doc_info("a"), &x, "2026-01-02T00:00:00Z")
            .unwrap();
        let operates_in = named(&Predicate::OperatesIn.iri()).unwrap();
        assert_eq!(store.count_predicate(operates_in.as_ref()), 0);
        let ingested: Vec<_> = store
            .inner
            .quads_for_pattern(None, Some(crate::vocab::TKG_INGESTED), None, None)
            .map(|q| q.unwrap().object.to_string())
            .collect();
        assert_eq!(ingested.len(), 1);
        assert!(ingested[0].contains("2026-01-02"));
    }

    #[test]
    fn a_failing_put_writes_nothing() {
        let (_dir, store) = temp_store();
        store
            .put_document(&doc_info("a"), &sample(), "2026-01-01T00:00:00Z")
            .unwrap();
        let before = store.len().unwrap();
        let mut bad = sample();
        bad.facts[0].subject = "not an iri at all".into();
        assert!(matches!(
            store.put_document(&doc_info("a"), &bad, "2026-01-01T00:00:00Z"),
            Err(StoreError::InvalidIri { .. })
        ));
        assert!(
            store
                .put_document(&doc_info("a"), &sample(), "not a date")
                .is_err()
        );
        assert_eq!(store.len().unwrap(), before);
    }

    #[test]
    fn document_sha256_is_recorded_and_absent_documents_give_none() {
        let (_dir, store) = temp_store();
        assert_eq!(store.document_sha256("a").unwrap(), None);
        store
            .put_document(&doc_info("a"), &sample(), &now_xsd_datetime())
            .unwrap();
        assert_eq!(
            store.document_sha256("a").unwrap().as_deref(),
            Some(doc_info("a").sha256.as_str())
        );
        assert_eq!(store.document_slugs().unwrap(), ["a"]);
    }

    #[test]
    fn removing_a_document_drops_its_graph_only() {
        let (_dir, store) = temp_store();
        store
            .put_document(&doc_info("a"), &sample(), "2026-01-01T00:00:00Z")
            .unwrap();
        let one = store.len().unwrap();
        store
            .put_document(&doc_info("b"), &sample(), "2026-01-01T00:00:00Z")
            .unwrap();
        assert!(store.remove_document("a").unwrap());
        assert!(!store.remove_document("a").unwrap());
        assert_eq!(store.len().unwrap(), one);
        assert_eq!(store.document_slugs().unwrap(), ["b"]);
    }

    #[test]
    fn alleged_only_fact_is_no_triple_but_keeps_evidence_with_modality() {
        let (_dir, store) = temp_store();
        let x = sample();
        store
            .put_document(&doc_info("a"), &x, "2026-01-01T00:00:00Z")
            .unwrap();
        let alleged = x.facts.iter().find(|f| !f.is_asserted()).unwrap();
        assert_eq!(alleged.evidence[0].modality, Modality::Alleged);
        let s = named(&alleged.subject).unwrap();
        let p = named(&alleged.predicate.iri()).unwrap();
        let Object::Entity(o) = &alleged.object else {
            panic!()
        };
        let o = named(o).unwrap();
        assert_eq!(
            store
                .inner
                .quads_for_pattern(
                    Some(s.as_ref().into()),
                    Some(p.as_ref()),
                    Some(o.as_ref().into()),
                    None
                )
                .count(),
            0
        );
        let reified: Vec<_> = store
            .inner
            .quads_for_pattern(None, Some(rdf::SUBJECT), Some(s.as_ref().into()), None)
            .map(|q| q.unwrap().subject)
            .filter(|e| {
                store
                    .inner
                    .quads_for_pattern(
                        Some(e.as_ref()),
                        Some(rdf::PREDICATE),
                        Some(p.as_ref().into()),
                        None,
                    )
                    .count()
                    == 1
            })
            .collect();
        assert_eq!(reified.len(), 1);
        let modality: Vec<_> = store
            .inner
            .quads_for_pattern(
                Some(reified[0].as_ref()),
                Some(crate::vocab::TKG_MODALITY),
                None,
                None,
            )
            .map(|q| q.unwrap().object.to_string())
            .collect();
        assert_eq!(modality, ["\"alleged\""]);
        assert_eq!(
            store
                .inner
                .quads_for_pattern(
                    Some(reified[0].as_ref()),
                    Some(rdf::TYPE),
                    Some(TKG_EVIDENCE.into()),
                    None
                )
                .count(),
            1
        );
    }

    #[test]
    fn symmetric_facts_are_stored_both_ways() {
        let (_dir, store) = temp_store();
        let x = sample();
        store
            .put_document(&doc_info("a"), &x, "2026-01-01T00:00:00Z")
            .unwrap();
        let allied = x
            .facts
            .iter()
            .find(|f| f.predicate == Predicate::AlliedWith)
            .unwrap();
        let s = named(&allied.subject).unwrap();
        let Object::Entity(o) = &allied.object else {
            panic!()
        };
        let o = named(o).unwrap();
        let p = named(&Predicate::AlliedWith.iri()).unwrap();
        for (a, b) in [(&s, &o), (&o, &s)] {
            assert!(
                store
                    .inner
                    .contains(oxigraph::model::QuadRef::new(
                        a,
                        &p,
                        b,
                        GraphNameRef::NamedNode(document_node("a").unwrap().as_ref())
                    ))
                    .unwrap()
            );
        }
    }

    #[test]
    fn opening_an_open_directory_again_is_a_clean_locked_error() {
        let (dir, store) = temp_store();
        let second = Store::open(dir.path());
        assert!(
            matches!(second, Err(StoreError::Locked { .. })),
            "{second:?}"
        );
        let message = second.unwrap_err().to_string();
        assert!(
            message.contains(&dir.path().display().to_string()) && message.contains("in use"),
            "{message}"
        );
        drop(store);
        assert!(
            Store::open(dir.path()).is_ok(),
            "the lock goes with the first handle"
        );
    }

    /// Holds a store open for the test below when run as its child process;
    /// does nothing in a normal test run.
    #[test]
    fn lock_holder_child_process() {
        let Some(path) = std::env::var_os("TKG_STORE_TEST_HOLD") else {
            return;
        };
        let path = std::path::PathBuf::from(path);
        let store = Store::open(&path).unwrap();
        std::fs::write(path.with_extension("ready"), b"").unwrap();
        std::thread::sleep(std::time::Duration::from_secs(60));
        drop(store);
    }

    #[test]
    fn a_directory_held_by_another_process_is_locked() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("store");
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "store::tests::lock_holder_child_process",
                "--test-threads=1",
            ])
            .env("TKG_STORE_TEST_HOLD", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let ready = path.with_extension("ready");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !ready.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let second = Store::open(&path);
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(ready.exists(), "the child never opened the store");
        assert!(
            matches!(second, Err(StoreError::Locked { .. })),
            "{second:?}"
        );
        assert!(Store::open(&path).is_ok(), "the lock goes with the process");
    }

    #[test]
    fn lock_detection_matches_words_not_substrings() {
        let lock = StorageError::Io(std::io::Error::other(
            "IO error: While lock file: /x/LOCK: Resource temporarily unavailable",
        ));
        let mine = StorageError::Io(std::io::Error::other(
            "IO error: lock hold by current process, acquire time 1: /x/LOCK: No locks available",
        ));
        let block = StorageError::Io(std::io::Error::other("Corruption: block checksum mismatch"));
        assert!(is_lock_error(&lock) && is_lock_error(&mine));
        assert!(!is_lock_error(&block));
    }

    #[test]
    fn open_creates_missing_directories() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("deep/er/store");
        let store = Store::open(&path).unwrap();
        assert!(store.is_empty().unwrap());
        assert!(path.is_dir());
    }
}
