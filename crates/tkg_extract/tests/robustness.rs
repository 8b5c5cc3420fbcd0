//! No input makes the extractor panic, and every piece of evidence points at
//! the sentence it quotes.

use proptest::prelude::*;
use tkg_extract::Extractor;

/// Text made of the pieces that trip up parsers: names, titles, cue words,
/// punctuation of every kind, footnote marks, control characters, layout.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The Karst Liberation Army (KLA)".to_owned()),
        Just(", led by Commander Ivo Darnel,".to_owned()),
        Just(" operates in Zorvan province".to_owned()),
        Just(" claimed responsibility for the bombing on 14 March 2025 that killed 12".to_owned()),
        Just(" Tehreek-e-Nusrat".to_owned()),
        Just(" it ".to_owned()),
        Just(". ".to_owned()),
        Just("\n\n".to_owned()),
        Just("\n- ".to_owned()),
        Just("—".to_owned()),
        Just("’s".to_owned()),
        Just("¹".to_owned()),
        Just("\t".to_owned()),
        Just("\u{0}\u{1}\u{1b}".to_owned()),
        Just("Kābul Şehir ﷺ 🙂".to_owned()),
        Just("(Eggink, 2026)".to_owned()),
        // Spaces wider than a byte before a word that ends in a period.
        Just("\u{a0}b. \u{2003}Gen. ".to_owned()),
        "[\\PC]{0,12}",
        ".{0,8}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    // Fewer cases in unoptimised builds; the test command runs optimised.
    #![proptest_config(ProptestConfig::with_cases(if cfg!(debug_assertions) { 40 } else { 300 }))]

    #[test]
    fn extraction_never_panics_and_evidence_points_at_its_sentence(text in messy_text()) {
        let ex = Extractor::builtin();
        let out = ex.extract(&text);
        let chars: Vec<char> = text.chars().collect();
        for fact in &out.facts {
            for ev in fact.evidence.iter().filter(|e| e.lexicon.is_none()) {
                prop_assert!(ev.start <= ev.end && ev.end <= chars.len(), "{ev:?}");
                let quoted: String = chars[ev.start..ev.end].iter().collect();
                // The sentence is the quoted span with layout collapsed.
                let first = ev.sentence.chars().next();
                prop_assert_eq!(quoted.chars().next(), first, "{:?} vs {:?}", quoted, ev.sentence);
            }
        }
        prop_assert_eq!(ex.extract(&text), out, "extraction is deterministic");
    }
}

#[test]
fn huge_and_degenerate_inputs_do_not_panic() {
    let ex = Extractor::builtin();
    for text in [
        String::new(),
        "\n".repeat(10_000),
        ".".repeat(50_000),
        "A ".repeat(20_000),
        "The Karst Liberation Army operates in Zorvan province. ".repeat(2_000),
        "\u{feff}\u{200b}\u{202e}ISKP\u{202c}".to_owned(),
        String::from_utf8_lossy(&(0u8..=255).cycle().take(20_000).collect::<Vec<u8>>())
            .into_owned(),
    ] {
        let _ = ex.extract(&text);
    }
}
