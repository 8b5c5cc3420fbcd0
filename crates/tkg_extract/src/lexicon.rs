//! The lexicon: names, classes, aliases and place containment, read from a
//! tab-separated file a user can read and extend.
//!
//! ```text
//! # class    name                 aliases (|)          within        kind
//! Group      Tehrik-e-Taliban Pakistan   TTP|Pakistani Taliban
//! Location   Nangarhar            Nangarhar Province   Afghanistan   province
//! Demonym    Afghan               Afghans              Afghanistan
//! Variant    tehrik               tehreek|tahrik
//! ```
//!
//! `Group`, `Person` and `Location` rows name entities. `Demonym` rows map an
//! adjective to the place it refers to (used by rules such as "Afghan
//! government"). `Variant` rows list interchangeable spellings of one word;
//! every name is matched in all its spellings. Blank lines and `#` comments are
//! ignored. A lexicon never states a relation except `within` (geographic
//! containment), which becomes a `tkg:locatedIn` fact with lexicon provenance
//! when a document mentions both places.

use tkg_model::Class;

use crate::error::ExtractError;
use crate::norm::fold_name;

/// One named entity known in advance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexEntry {
    pub class: Class,
    pub name: String,
    pub aliases: Vec<String>,
    /// The name of the place that contains this one (locations only).
    pub within: Option<String>,
    /// Free-form kind: country, province, district, city, region, site.
    pub kind: Option<String>,
    /// The lexicon the entry comes from (`builtin` or a file name).
    pub source: String,
}

/// A set of lexicon entries, demonyms and spelling variants.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entries: Vec<LexEntry>,
    /// (adjective, place name).
    pub demonyms: Vec<(String, String)>,
    /// Groups of interchangeable folded words.
    pub variants: Vec<Vec<String>>,
}

const BUILTIN: &str = include_str!("../data/lexicon.tsv");

impl Lexicon {
    /// The lexicon bundled into the binary (`data/lexicon.tsv`).
    ///
    /// # Panics
    /// Never: the bundled file is parsed by the test suite.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN, "builtin").expect("the bundled lexicon parses")
    }

    /// Parses lexicon text; `source` names it in errors and provenance.
    ///
    /// # Errors
    /// A line with an unknown class or a missing name, with its line number.
    pub fn parse(text: &str, source: &str) -> Result<Self, ExtractError> {
        let mut lex = Self::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let err = |message: String| ExtractError::Lexicon {
                file: source.to_owned(),
                line: n + 1,
                message,
            };
            let name = cols.get(1).copied().unwrap_or("");
            if name.is_empty() || fold_name(name).is_empty() {
                return Err(err(
                    "missing name in column 2 (columns are separated by tabs)".into(),
                ));
            }
            let list = |i: usize| -> Vec<String> {
                cols.get(i)
                    .map(|c| {
                        c.split('|')
                            .map(str::trim)
                            .filter(|a| !a.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let opt = |i: usize| {
                cols.get(i)
                    .filter(|c| !c.is_empty())
                    .map(|c| (*c).to_owned())
            };
            match cols[0] {
                "Demonym" => {
                    let place = opt(3)
                        .or_else(|| opt(2))
                        .ok_or_else(|| err("a Demonym needs the place it refers to".into()))?;
                    lex.demonyms.push((name.to_owned(), place.clone()));
                    for a in list(2) {
                        if a != place {
                            lex.demonyms.push((a, place.clone()));
                        }
                    }
                }
                "Variant" => {
                    let mut group = vec![fold_name(name)];
                    group.extend(list(2).iter().map(|v| fold_name(v)));
                    lex.variants.push(group);
                }
                class => {
                    let class: Class = class.parse().map_err(err)?;
                    if class == Class::Attack {
                        return Err(err(
                            "attacks are events found in text, not lexicon entries".into()
                        ));
                    }
                    lex.entries.push(LexEntry {
                        class,
                        name: name.to_owned(),
                        aliases: list(2),
                        within: opt(3),
                        kind: opt(4),
                        source: source.to_owned(),
                    });
                }
            }
        }
        Ok(lex)
    }

    /// Adds another lexicon's rows; entries with the same class and folded
    /// name merge their aliases (the later file may add `within` and `kind`).
    pub fn extend(&mut self, other: Lexicon) {
        for e in other.entries {
            let key = fold_name(&e.name);
            if let Some(have) = self
                .entries
                .iter_mut()
                .find(|h| h.class == e.class && fold_name(&h.name) == key)
            {
                for a in e.aliases {
                    if !have.aliases.contains(&a) {
                        have.aliases.push(a);
                    }
                }
                have.within = e.within.or(have.within.take());
                have.kind = e.kind.or(have.kind.take());
            } else {
                self.entries.push(e);
            }
        }
        self.demonyms.extend(other.demonyms);
        self.variants.extend(other.variants);
    }

    /// The canonical spelling of a folded word (first of its variant group).
    pub fn canonical_word<'a>(&'a self, word: &'a str) -> &'a str {
        self.variants
            .iter()
            .find(|g| g.iter().any(|v| v == word))
            .map_or(word, |g| g[0].as_str())
    }

    /// All spellings of a folded name, through its variant words (bounded):
    /// the first 64 combinations of the words' choices, the last word's
    /// choice changing fastest, sorted, without repeats or empty spellings.
    pub fn spellings(&self, folded: &str) -> Vec<String> {
        /// The spellings of one word: its variant group, or the word itself.
        enum Alts<'a> {
            Group(&'a [String]),
            Word(&'a str),
        }
        impl Alts<'_> {
            fn len(&self) -> usize {
                match self {
                    Alts::Group(g) => g.len(),
                    Alts::Word(_) => 1,
                }
            }
            fn get(&self, i: usize) -> &str {
                match self {
                    Alts::Group(g) => &g[i],
                    Alts::Word(w) => w,
                }
            }
        }
        let alts: Vec<Alts> = folded
            .split(' ')
            .map(|word| {
                self.variants
                    .iter()
                    .find(|g| g.iter().any(|v| v == word))
                    .map_or(Alts::Word(word), |g| Alts::Group(g))
            })
            .collect();
        // Most names have no variant word: one spelling, its words as they are.
        if alts.iter().all(|a| matches!(a, Alts::Word(_))) {
            let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
            return if words.is_empty() {
                Vec::new()
            } else {
                vec![words.join(" ")]
            };
        }
        // The choices as an odometer, each spelling written once (no
        // spelling is built from copies of shorter ones).
        let count = alts
            .iter()
            .fold(1usize, |n, a| n.saturating_mul(a.len()).min(64));
        let mut choice = vec![0; alts.len()];
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            let mut s = String::with_capacity(folded.len() + 16);
            for (a, &i) in alts.iter().zip(&choice) {
                let alt = a.get(i);
                if !s.is_empty() && !alt.is_empty() {
                    s.push(' ');
                }
                s.push_str(alt);
            }
            out.push(s);
            // The next choice: the last word that has one more moves on,
            // the words after it start again.
            for (a, i) in alts.iter().zip(&mut choice).rev() {
                *i += 1;
                if *i < a.len() {
                    break;
                }
                *i = 0;
            }
        }
        out.sort();
        out.dedup();
        out.retain(|s| !s.is_empty());
        out
    }

    /// The key two spellings of one name share: folded, each word in its canonical variant.
    pub fn key(&self, name: &str) -> String {
        self.key_of_folded(&fold_name(name))
    }

    /// [`Lexicon::key`] of a name already folded.
    pub(crate) fn key_of_folded(&self, folded: &str) -> String {
        let mut key = String::with_capacity(folded.len());
        for w in folded.split(' ').map(|w| self.canonical_word(w)) {
            if !w.is_empty() {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(w);
            }
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses_and_has_every_class() {
        let lex = Lexicon::builtin();
        for class in [Class::Group, Class::Person, Class::Location] {
            assert!(lex.entries.iter().any(|e| e.class == class), "{class:?}");
        }
    }

    #[test]
    fn bad_rows_name_the_source_and_line() {
        let err = Lexicon::parse("# ok\nGroup\tFront\nWeapon\tAK-47\n", "mine.tsv").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("mine.tsv") && msg.contains("line 3") && msg.contains("Weapon"),
            "{msg}"
        );
        assert!(Lexicon::parse("Group\t\n", "x").is_err());
        assert!(Lexicon::parse("Attack\tBig one\n", "x").is_err());
    }

    #[test]
    fn variants_give_every_spelling_and_one_key() {
        let lex = Lexicon::parse("Variant\ttehrik\ttehreek|tahrik\nVariant\te\ti\n", "v").unwrap();
        let all = lex.spellings("tehrik e nifaz");
        assert_eq!(all.len(), 6);
        assert_eq!(lex.spellings(" kelt  front"), ["kelt front"]);
        assert!(lex.spellings("  ").is_empty());
        assert_eq!(lex.key("Tehreek-i-Nifaz"), lex.key("Tahrik-e-Nifaz"));
    }

    /// The specification of [`Lexicon::spellings`]: every spelling built
    /// word by word from the spellings so far, 64 kept after each word.
    fn spellings_by_words(lex: &Lexicon, folded: &str) -> Vec<String> {
        let group = |word: &str| lex.variants.iter().find(|g| g.iter().any(|v| v == word));
        let mut out = vec![String::new()];
        for word in folded.split(' ') {
            let alts: Vec<&str> = match group(word) {
                Some(g) => g.iter().map(String::as_str).collect(),
                None => vec![word],
            };
            let mut next = Vec::new();
            for prefix in &out {
                for alt in &alts {
                    let mut s = prefix.clone();
                    if !s.is_empty() && !alt.is_empty() {
                        s.push(' ');
                    }
                    s.push_str(alt);
                    next.push(s);
                }
            }
            next.truncate(64);
            out = next;
        }
        out.sort();
        out.dedup();
        out.retain(|s| !s.is_empty());
        out
    }

    proptest::proptest! {
        /// Spellings by odometer are the spellings built word by word, also
        /// past the bound of 64, with empty words and an empty variant.
        #[test]
        fn spellings_are_the_word_by_word_ones(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "tehrik", "tahrik", "e", "i", "al", "el", "qaeda", "front", "", "x", "z",
            ]), 0..9),
        ) {
            let lex = Lexicon::parse(
                "Variant\ttehrik\ttehreek|tahrik|tehrick\nVariant\te\ti\nVariant\tal\tel\nVariant\tqaeda\tqaida|qa'ida\n",
                "v",
            )
            .unwrap();
            let mut with_empty = lex.clone();
            with_empty.variants.push(vec!["z".into(), String::new()]);
            let folded = words.join(" ");
            for lex in [&lex, &with_empty] {
                proptest::prop_assert_eq!(
                    lex.spellings(&folded),
                    spellings_by_words(lex, &folded),
                    "{:?}",
                    folded
                );
            }
        }
    }

    #[test]
    fn extending_merges_aliases_of_the_same_name() {
        let mut a = Lexicon::parse("Group\tNorth Front\tNF\n", "a").unwrap();
        a.extend(
            Lexicon::parse(
                "Group\tnorth front\tNorthern Front\nLocation\tValeria\t\t\tcountry\n",
                "b",
            )
            .unwrap(),
        );
        assert_eq!(a.entries.len(), 2);
        assert_eq!(a.entries[0].aliases, ["NF", "Northern Front"]);
        assert_eq!(a.entries[1].kind.as_deref(), Some("country"));
    }
}
