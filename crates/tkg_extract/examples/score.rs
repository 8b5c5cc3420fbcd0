//! Scores the extraction of TEXT against gold PREFIX: `score PREFIX TEXT`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [prefix, text] = &args[..] else {
        eprintln!("usage: score PREFIX TEXT");
        std::process::exit(2);
    };
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let gold = tkg_extract::eval::Gold::parse(
        &read(&format!("{prefix}.entities.tsv")),
        &read(&format!("{prefix}.triples.tsv")),
        prefix,
    )
    .expect("gold");
    let ex = tkg_extract::Extractor::builtin().extract(&read(text));
    let r = tkg_extract::eval::evaluate(&ex, &gold);
    println!(
        "entities P {:.2} R {:.2} F1 {:.2}",
        r.entities.precision, r.entities.recall, r.entities.f1
    );
    println!(
        "triples  P {:.2} R {:.2} F1 {:.2}",
        r.triples.precision, r.triples.recall, r.triples.f1
    );
    for (p, s) in &r.triples_by_predicate {
        println!(
            "  {p:12} P {:.2} R {:.2} ({}/{} gold)",
            s.precision, s.recall, s.matched_gold, s.gold
        );
    }
    for m in &r.missed {
        println!(
            "MISSED {} {} {} | {}",
            m.subject, m.predicate, m.object, m.sentence
        );
    }
    for m in &r.spurious {
        println!(
            "SPURIOUS {} {} {} | {}",
            m.subject,
            m.predicate,
            m.object,
            m.sentence.chars().take(120).collect::<String>()
        );
    }
    for (c, s) in &r.entities_by_class {
        println!("  {c:9} P {:.2} R {:.2}", s.precision, s.recall);
    }
}
