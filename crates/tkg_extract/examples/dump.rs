//! Prints what the extractor finds in the files given as arguments
//! (everything, evidence included, with `TKG_DUMP_DEBUG=1`).

fn main() {
    let ex = tkg_extract::Extractor::builtin();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read as UTF-8 text");
            continue;
        };
        let out = ex.extract(&text);
        if std::env::var_os("TKG_DUMP_DEBUG").is_some() {
            println!("== {path}\n{out:#?}");
            continue;
        }
        println!(
            "== {path}: {} entities, {} facts",
            out.entities.len(),
            out.facts.len()
        );
        for e in out.entities.values() {
            println!(
                "E {:8} {} | {}",
                e.class.name(),
                e.label,
                e.alt_labels.iter().cloned().collect::<Vec<_>>().join(" | ")
            );
        }
        let label = |iri: &str| {
            out.entities
                .get(iri)
                .map_or(iri.to_owned(), |e| e.label.clone())
        };
        for f in &out.facts {
            let o = match &f.object {
                tkg_model::Object::Entity(i) => label(i),
                other => format!("{other:?}"),
            };
            let ev = &f.evidence[0];
            println!(
                "F {} -{}-> {} [{} {:?}] {}",
                label(&f.subject),
                f.predicate,
                o,
                ev.rule,
                ev.modality,
                ev.sentence.chars().take(160).collect::<String>()
            );
        }
    }
}
