//! Name folding and slugs.

use deunicode::deunicode;

/// Folds a name for matching: diacritics and case removed, every run of
/// non-alphanumeric characters (hyphens, apostrophes, dots) made one space.
/// `"ISIS-K"`, `"isis k"` and `"Isis–K"` all fold to `"isis k"`.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_onto(name, ' ', &mut out);
    out
}

/// Appends the folding of `name` to `out`, its words joined by `gap`
/// (`fold` joins them by spaces, slugs by dashes).
fn fold_onto(name: &str, gap: char, out: &mut String) {
    // ASCII needs no transliteration (and no copy for it), but for DEL,
    // which transliterates to nothing.
    let ascii = if name.bytes().all(|b| b < 0x7f) {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(deunicode(name))
    };
    let base = out.len();
    let mut in_gap = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if in_gap && out.len() > base {
                out.push(gap);
            }
            in_gap = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            // An apostrophe joins (`Shi'a` ~ `Shia`); everything else separates.
            in_gap = true;
        }
    }
}

/// A stable IRI slug: lower-case ASCII words joined by `-`. Never empty and
/// never anything but `[a-z0-9-]`, whatever the input.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    slug_onto(name, &mut slug);
    slug
}

/// Appends [`slugify`] of `name` to `out`: an IRI is made in one allocation.
pub(crate) fn slug_onto(name: &str, out: &mut String) {
    let base = out.len();
    // Folded words joined by dashes, none at either end.
    fold_onto(name, '-', out);
    if out.len() - base > 80 {
        out.truncate(base + 80);
        while out.ends_with('-') {
            out.pop();
        }
    }
    if out.len() == base {
        // Names with no letters or digits in any script still get a stable slug.
        let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        // Writing to a `String` cannot fail.
        let _ = std::fmt::Write::write_fmt(out, format_args!("x{hash:016x}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`slugify`] as first written, the specification: the folding with
    /// its spaces made dashes, cut to 80 bytes, else a hash.
    fn slugify_spec(name: &str) -> String {
        let mut slug = fold(name).replace(' ', "-");
        if slug.len() > 80 {
            slug.truncate(80);
            while slug.ends_with('-') {
                slug.pop();
            }
        }
        if slug.is_empty() {
            let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
            slug = format!("x{hash:016x}");
        }
        slug
    }

    proptest::proptest! {
        /// Slugs written onto an IRI are the specification's, long names
        /// and names without letters included.
        #[test]
        fn slugs_written_in_place_are_the_specified_ones(
            name in "[ a-zA-Z0-9'’.,\\-–éİß<>]{0,12}( [a-z]{0,30}){0,4}",
        ) {
            let slug = slugify(&name);
            proptest::prop_assert_eq!(&slug, &slugify_spec(&name));
            for class in crate::Class::ALL {
                proptest::prop_assert_eq!(
                    crate::iri::entity_named(class, &name),
                    crate::iri::entity(class, &slug)
                );
            }
        }
        /// Folded names are words joined by single spaces, which is what
        /// lets `slugify_spec` turn each space into a dash.
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
