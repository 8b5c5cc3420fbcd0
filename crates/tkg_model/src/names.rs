//! Name folding and slugs.

use deunicode::deunicode;

/// Folds a name for matching: diacritics and case removed, every run of
/// non-alphanumeric characters (hyphens, apostrophes, dots) made one space.
/// `"ISIS-K"`, `"isis k"` and `"Isis–K"` all fold to `"isis k"`.
pub fn fold(name: &str) -> String {
    // ASCII needs no transliteration (and no copy for it), but for DEL,
    // which transliterates to nothing.
    let ascii = if name.bytes().all(|b| b < 0x7f) {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(deunicode(name))
    };
    let mut out = String::with_capacity(ascii.len());
    let mut gap = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            // An apostrophe joins (`Shi'a` ~ `Shia`); everything else separates.
            gap = true;
        }
    }
    out
}

/// A stable IRI slug: lower-case ASCII words joined by `-`. Never empty and
/// never anything but `[a-z0-9-]`, whatever the input.
pub fn slugify(name: &str) -> String {
    // `fold` writes words joined by single spaces, none at either end.
    let mut slug = fold(name).replace(' ', "-");
    if slug.len() > 80 {
        slug.truncate(80);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    if slug.is_empty() {
        // Names with no letters or digits in any script still get a stable slug.
        let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        slug = format!("x{hash:016x}");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Folded names are words joined by single spaces, which is what
        /// lets `slugify` turn each space into a dash.
        #[test]
        fn folded_words_are_single_spaced(name in "[ a-zA-Z0-9'’.,()\\-–éİß<>\\x00-\\x7f]{0,24}") {
            let folded = fold(&name);
            proptest::prop_assert!(
                folded.split(' ').all(|w| !w.is_empty()) || folded.is_empty(),
                "{:?} folds to {:?}", name, folded
            );
            if name.bytes().all(|b| b < 0x7f) {
                proptest::prop_assert_eq!(deunicode(&name), name.clone());
            }
            let slug = slugify(&name);
            let joined = folded.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-");
            if !joined.is_empty() && joined.len() <= 80 {
                proptest::prop_assert_eq!(slug, joined);
            }
        }
    }

    #[test]
    fn folding_ignores_case_punctuation_and_diacritics() {
        assert_eq!(fold("ISIS-K"), "isis k");
        assert_eq!(fold("  Isis–K "), "isis k");
        assert_eq!(fold("Shi’a"), fold("Shia"));
        assert_eq!(fold("Mullā Omar"), "mulla omar");
    }

    #[test]
    fn slugs_are_safe_for_iris() {
        assert_eq!(slugify("Lashkar-e-Jhangvi (LeJ)"), "lashkar-e-jhangvi-lej");
        assert_eq!(slugify("<script>\"x\"</script>"), "script-x-script");
        let s = slugify("\u{0}\u{1}>>");
        assert!(s.starts_with('x') && s.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(slugify("داعش"), slugify("داعش"));
        assert!(slugify(&"a".repeat(500)).len() <= 80);
    }
}
