//! One document through the extractor: sentences, names, references, rules,
//! events, assembled into an [`Extraction`].

use std::collections::{BTreeMap, BTreeSet};

use foldhash::{HashMap, HashMapExt, HashSet};

use tkg_model::{Class, Entity, Evidence, Extraction, Fact, Modality, Object, Predicate, iri};

use crate::norm::{ALNUM, Folded, fold_append, fold_name};
use crate::rules::class_letter;
use crate::text::{Sentence, split};
use crate::{ClassKeys, Extractor, NameMatcher, Word, words_append};

/// An entity as known within one document.
#[derive(Debug, Clone)]
pub(crate) struct DocEnt {
    pub class: Class,
    pub label: String,
    pub key: String,
    pub surfaces: BTreeSet<String>,
    pub lexicon: Option<usize>,
    /// A capitalised name with no cue yet: a person only if a rule says so.
    pub tentative: bool,
    pub site: bool,
    /// Mentioned in a sentence that is not a heading.
    pub mentioned: bool,
}

/// A mention of an entity in a sentence, as a byte range of the folded sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub ent: usize,
    /// A pronoun or description resolved to `ent`.
    pub reference: bool,
}

/// A sentence ready for rules.
pub(crate) struct Prepared<'a> {
    pub sentence: Sentence<'a>,
    /// Its folding, in the buffer of all the document's foldings.
    pub folded: Folded<&'a str>,
    /// Where names may start in `folded`.
    pub words: &'a [Word],
    pub mentions: Vec<Mention>,
    /// Character offsets of the sentence in the document.
    pub char_start: usize,
    pub char_end: usize,
}

/// Entities of one document, by class and key.
#[derive(Debug, Default)]
pub(crate) struct DocEnts {
    pub ents: Vec<DocEnt>,
    by_key: ClassKeys,
    /// Lexicon entry → its entity, `None` for entries not seen yet: a
    /// lookup per lexicon hit, by index rather than by hash.
    by_lexicon: Vec<Option<usize>>,
    /// Name → [`crate::Lexicon::key`], for names seen before: most
    /// names recur many times in a document.
    keys: std::cell::RefCell<HashMap<String, String>>,
}

impl DocEnts {
    /// The lexicon key of `name`, computed once per document.
    fn key(&self, ex: &Extractor, name: &str) -> String {
        self.with_key(ex, name, str::to_owned)
    }

    /// `f` of the lexicon key of `name`, computed once per document: most
    /// keys are only looked up, and need no copy of their own. (`f` runs
    /// while the cache may be borrowed, so must not ask for a key itself.)
    fn with_key<R>(&self, ex: &Extractor, name: &str, f: impl FnOnce(&str) -> R) -> R {
        if let Some(k) = self.keys.borrow().get(name) {
            return f(k);
        }
        let k = ex.key(name);
        let r = f(&k);
        self.keys.borrow_mut().insert(name.to_owned(), k);
        r
    }

    fn of_lexicon(&mut self, ex: &Extractor, idx: usize) -> usize {
        if let Some(&Some(i)) = self.by_lexicon.get(idx) {
            return i;
        }
        let e = &ex.lexicon.entries[idx];
        let i = self.push(DocEnt {
            class: e.class,
            label: e.name.clone(),
            key: ex.name_keys.entries[idx].clone(),
            surfaces: BTreeSet::new(),
            lexicon: Some(idx),
            tentative: false,
            site: e.kind.as_deref() == Some("site"),
            mentioned: false,
        });
        if self.by_lexicon.len() <= idx {
            self.by_lexicon.resize(idx + 1, None);
        }
        self.by_lexicon[idx] = Some(i);
        i
    }

    fn push(&mut self, ent: DocEnt) -> usize {
        let i = self.ents.len();
        self.by_key.insert(ent.class, ent.key.clone(), i);
        self.ents.push(ent);
        i
    }

    /// The entity a discovered name refers to, created when new.
    fn register(
        &mut self,
        ex: &Extractor,
        class: Class,
        name: &str,
        surface: &str,
        site: bool,
    ) -> Option<usize> {
        /// Where the name's key leads.
        enum Known {
            Lexicon(usize),
            Doc(usize),
            New,
            Refused,
        }
        // A surface that is another class's name in the lexicon ("Khorasan
        // Province" the group) is not a new name for this one.
        let other_class = |key: &str| {
            Class::ALL
                .iter()
                .any(|c| *c != class && ex.lexicon_keys.contains(*c, key))
        };
        if self.with_key(ex, surface, other_class) {
            return None;
        }
        let known = self.with_key(ex, name, |key| {
            if key.is_empty() {
                Known::Refused
            } else if let Some(lex) = ex.lexicon_keys.get(class, key) {
                Known::Lexicon(lex)
            } else if let Some(i) = self.by_key.get(class, key) {
                Known::Doc(i)
            } else if ex.lexicon_keys.any(key).is_some() || self.by_key.any(key).is_some() {
                // A name known under another class keeps that class.
                Known::Refused
            } else {
                Known::New
            }
        });
        let i = match known {
            Known::Refused => return None,
            Known::Lexicon(lex) => self.of_lexicon(ex, lex),
            Known::Doc(i) => i,
            Known::New => self.push(DocEnt {
                class,
                label: name.to_owned(),
                key: self.key(ex, name),
                surfaces: BTreeSet::new(),
                lexicon: None,
                tentative: false,
                site,
                mentioned: false,
            }),
        };
        let e = &mut self.ents[i];
        if e.tentative && class == Class::Person {
            e.tentative = false;
        }
        // Most names are seen before (and the surface is often the name):
        // a copy only for a new one.
        for s in [name, surface] {
            if !e.surfaces.contains(s) {
                e.surfaces.insert(s.to_owned());
            }
        }
        Some(i)
    }

    /// The entity already known under `name` in any class.
    fn find(&self, ex: &Extractor, name: &str) -> Option<usize> {
        self.with_key(ex, name, |key| {
            self.by_key.any(key).or_else(|| {
                ex.lexicon_keys
                    .any(key)
                    .and_then(|lex| self.by_lexicon.get(lex).copied().flatten())
            })
        })
    }
}

/// A relation found in a sentence, before facts are merged.
#[derive(Debug, Clone)]
pub(crate) struct RawFact {
    pub subject: usize,
    pub predicate: Predicate,
    pub object: RawObject,
    pub sentence: usize,
    pub rule: String,
    pub confidence_milli: u16,
    pub modality: Modality,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum RawObject {
    Ent(usize),
    Literal(Object),
}

#[expect(
    clippy::too_many_lines,
    reason = "the pipeline's stages in order, each a few lines; splitting hides the order"
)]
pub(crate) fn run(ex: &Extractor, doc: &str) -> Extraction {
    let sentences = split(doc);
    let mut ents = DocEnts::default();
    let char_offsets = char_offsets(doc, &sentences);
    // All sentences' foldings in one buffer and all their words in one
    // vector, instead of two allocations per sentence; each sentence's words
    // are found right after its folding is written, while it is in cache.
    let mut folded_texts = String::with_capacity(doc.len());
    let mut all_words: Vec<Word> = Vec::with_capacity(doc.len() / 4);
    let foldings: Vec<_> = sentences
        .iter()
        .map(|sentence| {
            let folded = fold_append(&sentence.text, &mut folded_texts);
            let first_word = all_words.len();
            words_append(&folded_texts[folded.text.clone()], &mut all_words);
            (folded, first_word..all_words.len())
        })
        .collect();
    let mut prepared: Vec<Prepared> = sentences
        .into_iter()
        .zip(char_offsets)
        .zip(foldings)
        .map(
            |((sentence, (char_start, char_end)), (folded, words))| Prepared {
                sentence,
                folded: folded.within(&folded_texts),
                words: &all_words[words],
                mentions: Vec::new(),
                char_start,
                char_end,
            },
        )
        .collect();

    // 1. Names the lexicon knows, and names found by their shape.
    // All sentences' hits in one list; sentence `i`'s are `lexicon_hits[ends[i-1]..ends[i]]`.
    let mut lexicon_hits: Vec<Mention> = Vec::new();
    let mut lexicon_ends: Vec<usize> = Vec::with_capacity(prepared.len());
    for p in &prepared {
        matches(&ex.names, p, &mut lexicon_hits);
        lexicon_ends.push(lexicon_hits.len());
    }
    // Each hit now names its document entity instead of its lexicon entry.
    for m in &mut lexicon_hits {
        m.ent = ents.of_lexicon(ex, m.ent);
    }
    // Shape discovery runs once over all statements, one per line.
    let mut statements = String::with_capacity(doc.len() + prepared.len());
    let mut statement_starts: Vec<(usize, usize)> = Vec::new();
    for (si, p) in prepared
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.sentence.heading)
    {
        statement_starts.push((si, statements.len()));
        statements.push_str(&p.sentence.text);
        statements.push('\n');
    }
    // Where names can start: one scan for both searches of capitalised words.
    let capitals = crate::discover::Capitals::of(&statements);
    for c in ex.discoverer.candidates(&statements, &capitals) {
        ents.register(ex, c.class, &c.name, &c.surface, c.site);
    }
    {
        for def in ex.discoverer.acronyms(&statements) {
            let (fitted, name) = match def.name.strip_prefix('\u{0}') {
                Some(n) => (false, n),
                None => (true, def.name.as_str()),
            };
            // The longest tail of the name that is a known entity: the tails
            // from each word on, as the name's words joined by single spaces
            // (a name so written is its own tails, sliced without a copy;
            // one with tabs, no-break or double spaces is joined anew).
            let known = if name
                .split(' ')
                .all(|w| !w.is_empty() && !w.contains(char::is_whitespace))
            {
                std::iter::once(0)
                    .chain(name.match_indices(' ').map(|(at, _)| at + 1))
                    .find_map(|at| ents.find(ex, &name[at..]))
            } else {
                let words: Vec<&str> = name.split_whitespace().collect();
                (0..words.len()).find_map(|i| ents.find(ex, &words[i..].join(" ")))
            };
            if let Some(i) = known.filter(|_| fitted || def.acronym.len() >= 2)
                && ents.find(ex, &def.acronym).is_none_or(|j| j == i)
            {
                ents.ents[i].surfaces.insert(def.acronym.clone());
            }
        }
    }
    add_short_form_aliases(&mut ents, &ex.rules.cues.short_form_suffixes);

    // 2. Every surface of every entity, matched everywhere in the document.
    // (Names the lexicon's matcher holds as they are found no second time.)
    let doc_names = NameMatcher::for_document(
        ents.ents
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.surfaces.iter().map(move |s| (i, s.as_str()))),
        &ex.own_spellings,
        &ex.lexicon,
        &ex.name_keys.plain,
    );
    // Capitalised word sequences, found in one pass over all statements and
    // handed to their sentences (offsets relative to the sentence).
    // They come in sentence order: `(sentence, start, end)`.
    let mut capitalised: Vec<(usize, usize, usize)> = Vec::new();
    // The runs come in text order: each one's statement is found by moving
    // on from the last one's rather than by a search of all statements.
    let mut k = 0;
    for m in crate::discover::capitalised_runs(&statements, &capitals) {
        while statement_starts
            .get(k + 1)
            .is_some_and(|&(_, at)| at <= m.start())
        {
            k += 1;
        }
        let (si, at) = statement_starts[k];
        capitalised.push((si, m.start() - at, m.end() - at));
    }
    let mut capitalised = capitalised.as_slice();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut found: Vec<Mention> = Vec::new();
    let mut lex_from = 0;
    for (si, (p, &lex_to)) in prepared.iter_mut().zip(&lexicon_ends).enumerate() {
        // The lexicon's first: on ties they win.
        found.clear();
        found.extend_from_slice(&lexicon_hits[lex_from..lex_to]);
        lex_from = lex_to;
        matches(&doc_names, p, &mut found);
        let mut all = merge_mentions(&mut found);
        // (Citations only take mentions out: none to take, none to look for.)
        if !all.is_empty() {
            let cites = ex.discoverer.citations(&p.sentence.text);
            all.retain(|m| {
                let at = p.folded.orig(m.start);
                !cites.iter().any(|&(s, e)| at >= s && at < e)
            });
        }
        // The runs are in sentence order and those of earlier sentences
        // are gone, so this sentence's come first.
        let here = capitalised
            .iter()
            .take_while(|&&(at, _, _)| at == si)
            .count();
        spans.clear();
        spans.extend(capitalised[..here].iter().map(|&(_, s, e)| (s, e)));
        capitalised = &capitalised[here..];
        if !p.sentence.heading {
            add_unknown_names(ex, p, &spans, &mut all, &mut ents);
        }
        p.mentions = all;
    }
    for p in prepared.iter().filter(|p| !p.sentence.heading) {
        for m in &p.mentions {
            ents.ents[m.ent].mentioned = true;
        }
    }
    // Record each surface as written.
    let mut seen: HashSet<(usize, &str)> = HashSet::default();
    let mut previous: Vec<&str> = vec![""; ents.ents.len()];
    for p in &prepared {
        if p.sentence.heading {
            continue;
        }
        for m in &p.mentions {
            let (a, b) = p.folded.orig_range(m.start, m.end, &p.sentence.text);
            // Each written form once per entity: most mentions repeat the
            // entity's previous one, which needs no hashing.
            let written = &p.sentence.text[a..b];
            if std::mem::replace(&mut previous[m.ent], written) == written
                || !seen.insert((m.ent, written))
            {
                continue;
            }
            let surface = clean_surface(written);
            let surfaces = &mut ents.ents[m.ent].surfaces;
            if !surface.is_empty() && !surfaces.contains(surface) {
                surfaces.insert(surface.to_owned());
            }
        }
    }

    // 3. References resolve to the latest compatible entity.
    resolve_references(ex, &mut prepared, &ents);

    // 4. Relations by rule; 5. attack events.
    let mut raw: Vec<RawFact> = Vec::new();
    let mut promoted: BTreeSet<usize> = BTreeSet::new();
    let mut buffers = RuleBuffers::default();
    for (si, p) in prepared.iter().enumerate() {
        // Every fact relates two entities (`apply_rules` drops a pair of
        // mentions of one): a sentence that names only one, however often,
        // needs no template.
        if p.sentence.heading || p.mentions.iter().all(|m| m.ent == p.mentions[0].ent) {
            continue;
        }
        apply_rules(ex, si, p, &ents, &mut raw, &mut promoted, &mut buffers);
    }
    for &i in &promoted {
        ents.ents[i].tentative = false;
        ents.ents[i].class = Class::Person;
    }
    let attacks = ex.events.find(ex, &prepared, &mut ents);
    raw.extend(attacks);

    // 6. Places the lexicon says contain each other, both mentioned here.
    let lexicon_facts = containment(ex, &ents);

    assemble(ex, &prepared, &ents, raw, lexicon_facts)
}

/// Character offsets of each sentence, computed in one pass: sentences
/// come in document order, so each count goes on from the last one (a
/// point before the last starts again from the document's start).
fn char_offsets(doc: &str, sentences: &[Sentence<'_>]) -> Vec<(usize, usize)> {
    let (mut count, mut at) = (0usize, 0usize);
    let mut of = |byte: usize| {
        if byte < at {
            (count, at) = (0, 0);
        }
        count += doc.get(at..byte).map_or(0, |s| s.chars().count());
        at = byte;
        count
    };
    sentences
        .iter()
        .map(|s| {
            let start = of(s.start);
            (start, of(s.end))
        })
        .collect()
}

/// Short forms that resolve within a document when only one entity has
/// them: a person's surname ("Darnel"), a group's last cue word ("the Front").
fn add_short_form_aliases(ents: &mut DocEnts, short_form_suffixes: &[String]) {
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in ents.ents.iter().enumerate() {
        let mut words = e.label.split_whitespace();
        let Some(last) = words
            .next_back()
            .filter(|_| words.next().is_some() && !e.tentative)
        else {
            continue;
        };
        let short = match e.class {
            Class::Person => last.chars().count() >= 4,
            Class::Group => short_form_suffixes.iter().any(|s| s == last),
            _ => false,
        };
        if short && last.starts_with(char::is_uppercase) {
            by_surname.entry(last.to_owned()).or_default().push(i);
        }
    }
    for (surname, owners) in by_surname {
        if let [only] = owners[..]
            && ents.find_key(&surname).is_none()
        {
            ents.ents[only].surfaces.insert(surname);
        }
    }
}

impl DocEnts {
    /// The attack at `place` on `date` (by `perp` when there is no place),
    /// created when new. Same place and date give the same attack.
    pub(crate) fn attack(
        &mut self,
        ex: &Extractor,
        place: Option<usize>,
        perp: Option<usize>,
        date: Option<tkg_model::DateValue>,
    ) -> Option<usize> {
        // The city-level name keeps attacks at different sites of one city apart only by date.
        let anchor = place.or(perp)?;
        let anchor_label = self.ents[anchor].label.clone();
        let when = date.map(|d| match d {
            tkg_model::DateValue::Day(y, m, _) => tkg_model::DateValue::YearMonth(y, m).to_string(),
            other => other.to_string(),
        });
        let label = match (&when, place.is_some()) {
            (Some(w), true) => format!("Attack in {anchor_label} ({w})"),
            (Some(w), false) => format!("Attack by {anchor_label} ({w})"),
            (None, true) => format!("Attack in {anchor_label}"),
            (None, false) => return None,
        };
        let key = ex.key(&label);
        if let Some(i) = self.by_key.get(Class::Attack, &key) {
            return Some(i);
        }
        Some(self.push(DocEnt {
            class: Class::Attack,
            label,
            key,
            surfaces: BTreeSet::new(),
            lexicon: None,
            tentative: false,
            site: false,
            mentioned: true,
        }))
    }

    fn find_key(&self, name: &str) -> Option<usize> {
        self.by_key.any(&fold_name(name))
    }
}

/// Word-bounded, capitalisation-checked matches of `matcher` in a sentence;
/// `ent` is the matcher's target index (a lexicon entry or a document entity).
fn matches(matcher: &NameMatcher, p: &Prepared, out: &mut Vec<Mention>) {
    // Every match, overlapping: "Kunar province" may fail the word test in
    // "Kunar provinces" while "Kunar" passes. The caller keeps the longest.
    matcher.find(p.folded.text, p.words, |start, end, id| {
        let (target, surface) = &matcher.targets[id];
        let (a, b) = p.folded.orig_range(start, end, &p.sentence.text);
        if capitalisation_fits(surface, &p.sentence.text[a..b]) {
            out.push(Mention {
                start,
                end,
                ent: *target,
                reference: false,
            });
        }
    });
}

/// A name written with capitals matches only text with those capitals
/// ("Islamic State" is not "an Islamic state"); all-capital short names
/// ("IS", "US") match only in capitals.
fn capitalisation_fits(name: &str, text: &str) -> bool {
    // Most mentions are written as the name is.
    if name == text {
        return true;
    }
    // Most names and texts are ASCII: read by bytes, without decoding.
    if name.is_ascii() && text.is_ascii() {
        return capitalisation_fits_ascii(name.as_bytes(), text.as_bytes());
    }
    // Names of another word count (a variant spelling) are not judged.
    let count = alnum_words(name).count();
    if count != alnum_words(text).count() {
        return true;
    }
    let last = count.saturating_sub(1);
    alnum_words(name)
        .zip(alnum_words(text))
        .enumerate()
        .all(|(i, (n, t))| {
            // A generic last word may be written in lower case: "the Kunar
            // valley", "the Durand line".
            if i == last && i > 0 && GENERIC_LAST_WORDS.contains(&n) {
                return true;
            }
            let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let no_lower = |w: &str| w.chars().all(|c| !c.is_lowercase());
            let n_len = n.chars().count();
            if (2..=4).contains(&n_len) && no_lower(n) {
                no_lower(t)
            } else {
                !upper(n) || upper(t)
            }
        })
}

/// [`capitalisation_fits`] of an ASCII name and text, the same tests on
/// bytes: a letter's case is its byte's, a word a run of ASCII letters and
/// digits.
fn capitalisation_fits_ascii(name: &[u8], text: &[u8]) -> bool {
    fn words(s: &[u8]) -> impl Iterator<Item = &[u8]> {
        s.split(|c| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    }
    let count = words(name).count();
    if count != words(text).count() {
        return true;
    }
    let last = count.saturating_sub(1);
    words(name).zip(words(text)).enumerate().all(|(i, (n, t))| {
        if i == last && i > 0 && GENERIC_LAST_WORDS.iter().any(|g| g.as_bytes() == n) {
            return true;
        }
        let no_lower = |w: &[u8]| !w.iter().any(u8::is_ascii_lowercase);
        if (2..=4).contains(&n.len()) && no_lower(n) {
            no_lower(t)
        } else {
            // (Words are not empty.)
            !n[0].is_ascii_uppercase() || t[0].is_ascii_uppercase()
        }
    })
}

/// Last words of place names that text may write in lower case.
const GENERIC_LAST_WORDS: &[&str] = &[
    "Line", "Province", "District", "Valley", "River", "Pass", "City", "Region", "Agency",
    "Border", "Crossing",
];

/// The runs of alphanumeric characters of `s`.
fn alnum_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The longest of overlapping mentions, the earlier in `all` on ties, in
/// text order (`all` is left sorted by length).
fn merge_mentions(all: &mut [Mention]) -> Vec<Mention> {
    // Longest first; at one length and start the earlier first (the sort
    // is stable).
    all.sort_by_key(|m| (std::cmp::Reverse(m.end - m.start), m.start));
    let mut kept: Vec<Mention> = Vec::with_capacity(all.len());
    for &m in &*all {
        if !kept.iter().any(|k| m.start < k.end && k.start < m.end) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    kept
}

/// The surface as written, without a possessive or footnote marks.
fn clean_surface(s: &str) -> &str {
    let s = s
        .trim()
        .trim_end_matches(|c: char| crate::text::is_superscript(c));
    let s = s
        .strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s);
    s.trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '.')
}

/// The words of `s` as [`str::split_whitespace`] gives them, found by
/// bytes: only a non-ASCII character is decoded to ask whether it is white
/// space (most text is ASCII, which the standard iterator decodes too).
fn whitespace_words(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    // Where the run from `at` of white space (`space`) or of other
    // characters ends.
    let run_end = move |mut at: usize, space: bool| {
        while let Some(&c) = b.get(at) {
            if c.is_ascii() {
                if matches!(c, b' ' | b'\t'..=b'\r') != space {
                    break;
                }
                at += 1;
            } else {
                let c = s[at..].chars().next().unwrap_or(' ');
                if c.is_whitespace() != space {
                    break;
                }
                at += c.len_utf8();
            }
        }
        at
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = run_end(at, true);
        at = run_end(start, false);
        (at > start).then(|| &s[start..at])
    })
}

/// Capitalised names no cue typed: tentative persons that a rule may confirm.
fn add_unknown_names(
    ex: &Extractor,
    p: &Prepared,
    spans: &[(usize, usize)],
    mentions: &mut Vec<Mention>,
    ents: &mut DocEnts,
) {
    let exact = &ex.discoverer.exact;
    let text = &p.sentence.text;
    // New mentions must not overlap the ones found before.
    let before = mentions.len();
    let mut name = String::new();
    for &(a, b) in spans {
        if crate::discover::glued_at(text, a) {
            continue;
        }
        // Two to four words, kept without a vector: a fifth one rejects.
        let mut words = [""; 4];
        let mut n = 0;
        for w in whitespace_words(&text[a..b]) {
            if n == words.len() {
                n += 1;
                break;
            }
            words[n] = w;
            n += 1;
        }
        if !(2..=4).contains(&n) {
            continue;
        }
        let words = &words[..n];
        // The cheap tests first (a word in capitals, an overlap with an
        // earlier mention), then the cue sets, which hash every word.
        if words.iter().any(|w| w.chars().all(|c| !c.is_lowercase())) {
            continue;
        }
        let (fs, fe) = (p.folded.from_orig(a), p.folded.from_orig(b));
        if fe <= fs
            || mentions[..before]
                .iter()
                .any(|m| fs < m.end && m.start < fe)
        {
            continue;
        }
        if words.iter().any(|w| {
            exact.non_name_words.contains(*w)
                || exact.name_adjectives.contains(*w)
                || exact.group_suffixes.contains(*w)
                || exact.site_suffixes.contains(*w)
        }) {
            continue;
        }
        name.clear();
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                name.push(' ');
            }
            name.push_str(w);
        }
        // A name known in any class is not a new person (nor, then, is its
        // key a person's already).
        if ents.find(ex, &name).is_some() {
            continue;
        }
        let i = ents.push(DocEnt {
            class: Class::Person,
            label: name.clone(),
            key: ents.key(ex, &name),
            surfaces: BTreeSet::from([name.clone()]),
            lexicon: None,
            tentative: true,
            site: false,
            mentioned: false,
        });
        mentions.push(Mention {
            start: fs,
            end: fe,
            ent: i,
            reference: false,
        });
    }
    mentions.sort_by_key(|m| m.start);
}

/// Resolves "the group", "its", "he" … to the latest compatible entity in the
/// same paragraph (or the previous one), and adds them as reference mentions.
fn resolve_references(ex: &Extractor, prepared: &mut [Prepared], ents: &DocEnts) {
    let person_refs: BTreeSet<String> = ex
        .rules
        .cues
        .person_references
        .iter()
        .map(|r| fold_name(r))
        .collect();
    // Per class, the topic of the latest sentence that named one: its first
    // mention of that class, with the paragraph. Within a sentence the nearest
    // earlier mention wins; across sentences the earlier sentence's topic.
    let mut last: [Option<(usize, usize)>; 4] = [None; 4];
    let mut spans = Vec::new();
    // The mentions with references, written here and then swapped with the
    // sentence's when it took any: the old list's buffer serves the next
    // sentence.
    let mut out: Vec<Mention> = Vec::new();
    let mut refs: Vec<(usize, usize, Class)> = Vec::new();
    for p in prepared.iter_mut() {
        let para = p.sentence.paragraph;
        // Per class, the first subject-like mention, then the first other one.
        let mut topic: [[Option<(usize, usize)>; 2]; 4] = [[None; 2]; 4];
        refs.clear();
        let text = p.folded.text.as_bytes();
        spans.clear();
        match &ex.reference_words {
            Some(words) => words.leftmost_longest(p.folded.text, p.words, &mut spans),
            None => spans.extend(
                ex.references
                    .find_iter(p.folded.text)
                    .map(|m| (m.start(), m.end())),
            ),
        }
        for &(s, e) in &spans {
            let bounded = (s == 0 || !text[s - 1].is_ascii_alphanumeric())
                && (e == text.len() || !text[e].is_ascii_alphanumeric());
            if !bounded || p.mentions.iter().any(|x| s < x.end && x.start < e) {
                continue;
            }
            let class = if person_refs.contains(&p.folded.text[s..e]) {
                Class::Person
            } else {
                Class::Group
            };
            refs.push((s, e, class));
        }
        // A list item that opens with a verb ("- Targets Valeria") has the
        // group of the text before the list as its subject.
        if p.sentence.bullet
            && opens_with_verb(ex, &p.sentence.text)
            && p.mentions.first().is_none_or(|m| m.start != 0)
            && last[ClassKeys::slot(Class::Group)].is_some_and(|(at, _)| at + 2 >= para)
        {
            refs.insert(0, (0, 0, Class::Group));
        }
        out.clear();
        out.reserve(p.mentions.len() + refs.len());
        let mut mi = p.mentions.iter().peekable();
        let mut ri = refs.iter().copied().peekable();
        loop {
            let take_mention = match (mi.peek(), ri.peek()) {
                (Some(m), Some(r)) => m.start < r.0,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_mention {
                let m = *mi.next().expect("peeked");
                let e = &ents.ents[m.ent];
                if !e.tentative {
                    let c = ClassKeys::slot(e.class);
                    last[c] = Some((para, m.ent));
                    let slot = usize::from(!is_subject_like(p.folded.text, m.start, m.end));
                    topic[c][slot].get_or_insert((para, m.ent));
                }
                out.push(m);
            } else {
                let (s, e, class) = ri.next().expect("peeked");
                let reach = if s == e { 2 } else { 1 };
                if let Some((at, ent)) = last[ClassKeys::slot(class)]
                    && at + reach >= para
                    && !p.sentence.heading
                {
                    out.push(Mention {
                        start: s,
                        end: e,
                        ent,
                        reference: true,
                    });
                    // A pronoun opening the sentence carries the topic on.
                    if whitespace_words(&p.folded.text[..s]).take(3).count() <= 2 {
                        topic[ClassKeys::slot(class)][0].get_or_insert((para, ent));
                    }
                }
            }
        }
        // The next sentence's references start from this sentence's topic: its
        // first subject-like mention, else its first mention.
        for (last, [subject, other]) in last.iter_mut().zip(topic) {
            if let Some(t) = subject.or(other) {
                *last = Some(t);
            }
        }
        // `out` holds every mention and the references taken: with none
        // taken it is the sentence's list, which then stays (and `out`
        // keeps its room for the next sentence).
        if out.len() != p.mentions.len() {
            std::mem::swap(&mut p.mentions, &mut out);
        }
    }
}

/// Whether `text` opens with a word that looks like a verb ("Targets"):
/// capitalised, in lower case after that, ending in -s or -ed, no cue word.
fn opens_with_verb(ex: &Extractor, text: &str) -> bool {
    let first_word = whitespace_words(text).next().unwrap_or("");
    first_word.len() > 3
        && first_word.starts_with(char::is_uppercase)
        && first_word.chars().skip(1).all(char::is_lowercase)
        && (first_word.ends_with('s') || first_word.ends_with("ed"))
        && !ex.discoverer.exact.non_name_words.contains(first_word)
}

/// Whether a mention can be the topic of its sentence: not a possessive
/// ("the Taliban's efforts") and not the object of a preposition.
fn is_subject_like(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    if after.starts_with("'s") || after.starts_with(" 's") {
        return false;
    }
    let before = trim_end(&text[..start]);
    let before = trim_end(before.strip_suffix("the").unwrap_or(before));
    // The last run of ASCII letters and digits (a byte after any other
    // byte starts a character).
    let b = before.as_bytes();
    let word = b
        .iter()
        .rposition(|c| !c.is_ascii_alphanumeric())
        .map_or(b, |k| &b[k + 1..]);
    !is_preposition(word)
}

/// Whether `word` is a preposition that makes the mention after it no
/// subject ([`is_subject_like`]); one `match`, which the compiler sorts by
/// length, instead of a comparison with each in turn.
fn is_preposition(word: &[u8]) -> bool {
    matches!(
        word,
        b"of"
            | b"by"
            | b"with"
            | b"against"
            | b"to"
            | b"from"
            | b"in"
            | b"on"
            | b"at"
            | b"for"
            | b"despite"
            | b"toward"
            | b"towards"
            | b"into"
            | b"than"
            | b"between"
            | b"among"
            | b"alongside"
            | b"unlike"
            | b"like"
            | b"including"
            | b"after"
            | b"before"
            | b"beside"
            | b"besides"
            | b"over"
            | b"under"
    )
}

/// [`str::trim_end`] that reads ASCII white space by bytes and decodes a
/// character only where the text ends with a non-ASCII one.
fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 && matches!(b[end - 1], b' ' | b'\t'..=b'\r') {
        end -= 1;
    }
    match end.checked_sub(1).map(|k| b[k]) {
        Some(c) if !c.is_ascii() => s[..end].trim_end(),
        _ => &s[..end],
    }
}

/// What may stand between two mentions of one entity for the second to
/// restate the first ("Front (NF)", "X, also known as Y").
const APPOSITION_PHRASES: &[&[&str]] = &[
    &[],
    &["or"],
    &["commonly", "known", "as"],
    &["also", "known", "as"],
    &["known", "as"],
    &["aka"],
    &["also", "called"],
    &["called"],
    &["popularly", "known", "as"],
    &["better", "known", "as"],
];

/// What may join two mentions of one class into one coordinated token
/// ("A, B and C"); the longest has four words.
const COORDINATION_PHRASES: &[&[&str]] = &[
    &[","],
    &["and"],
    &[",", "and"],
    &["or"],
    &[",", "or"],
    &["&"],
    &["/"],
    &["and", "the"],
    &[",", "and", "the"],
    &["as", "well", "as"],
    &["and", "other"],
    &[",", "as", "well", "as"],
];

/// Builds the template of a sentence: folded tokens, each mention one token,
/// coordinated mentions of one class one token, an entity restated in
/// apposition ("Front (NF)") folded into its first mention.
///
/// A mention token reads `\x01` + class letter + mention indices joined by
/// `+` + `\x02`; other tokens are folded words and punctuation, each followed
/// by one space; clause-breaking conjunctions carry a leading `#`.
pub(crate) fn template(p: &Prepared, ents: &DocEnts) -> Template {
    let mut out = Template::default();
    template_into(p, ents, &mut out);
    out
}

/// [`template`] written into `out`, whose buffers are reused.
///
/// One pass over the sentence's tokens writes the template as it goes:
/// a word is written at once, a mention opens a group token, and only the
/// last group ever changes (a mention coordinated with it or restating it
/// takes back the words written after it), so every change is at the end
/// of the template.
fn template_into(p: &Prepared, ents: &DocEnts, out: &mut Template) {
    #[expect(
        clippy::redundant_closure_for_method_calls,
        reason = "`Builder::words` names one lifetime of `Builder`; the closure takes any"
    )]
    build_template(p, ents, out, |b, text, from, to| b.words(text, from, to));
}

/// [`template_into`] with `words` to add the tokens of each stretch
/// `text[from..to]` of the sentence's folded text between its mentions.
fn build_template(
    p: &Prepared,
    ents: &DocEnts,
    out: &mut Template,
    words: impl Fn(&mut Builder<'_>, &[u8], usize, usize),
) {
    let mut ms = std::mem::take(&mut out.ms);
    let mut groups = std::mem::take(&mut out.groups);
    ms.clear();
    groups.clear();
    out.text.clear();
    out.tokens.clear();
    // Room for the words and their spaces (and the 16 bytes `plain_word`
    // may copy past a word), so that writing them rarely grows the buffers.
    let text = p.folded.text.as_bytes();
    out.text.reserve(2 * text.len() + 17);
    out.tokens.reserve(text.len() / 2 + 1);
    out.text.push(b' ');
    let mut b = Builder {
        p,
        ents,
        out,
        ms,
        groups,
        closing: false,
    };
    // The tokens of the text between mentions, and the mentions, in order.
    let mut at = 0;
    for (mi, m) in p.mentions.iter().enumerate() {
        if m.start < at {
            continue;
        }
        words(&mut b, text, at, m.start);
        b.mention(mi);
        at = m.end;
    }
    words(&mut b, text, at, text.len());
    b.end_group();
    let Builder { ms, groups, .. } = b;
    out.ms = ms;
    out.groups = groups;
}

/// The state of [`template_into`] between two tokens of the sentence.
struct Builder<'a> {
    p: &'a Prepared<'a>,
    ents: &'a DocEnts,
    out: &'a mut Template,
    /// Each group's mentions, group after group.
    ms: Vec<usize>,
    groups: Vec<Group>,
    /// After "Front (NF" the closing bracket goes with the dropped restatement.
    closing: bool,
}

impl Builder<'_> {
    /// The class letter of mention `mi` in the template.
    fn class_of(&self, mi: usize) -> u8 {
        let e = &self.ents.ents[self.p.mentions[mi].ent];
        if e.tentative {
            b'U'
        } else {
            class_letter(e.class) as u8
        }
    }

    /// The template's token `k`.
    fn token(&self, k: usize) -> &[u8] {
        let (a, b) = self.out.tokens[k];
        &self.out.text[a..b]
    }

    /// Adds the tokens of `text[from..to]` (the sentence's folded text) as
    /// [`crate::norm::tokens`] splits `text[from..to]`: words and numbers,
    /// the possessive `'s`, single punctuation marks. Each word is copied
    /// as soon as its end is found, without a second pass over the text.
    fn words(&mut self, text: &[u8], from: usize, to: usize) {
        // (Bounded at `to`, as `tokens` of the slice sees it.)
        let b = &text[..to];
        let mut i = from;
        while let Some(&c) = b.get(i) {
            let s = i;
            i += 1;
            if ALNUM[usize::from(c)] {
                i = crate::norm::token_end(b, s);
                self.plain_word(text, s, i);
                // Most words are followed by a space: skipped here, not by
                // another round of the loop.
                if b.get(i) == Some(&b' ') {
                    i += 1;
                }
            } else if c == b'\'' {
                if crate::norm::is_possessive(b, s) {
                    i += 1;
                    self.word(&b[s..i]);
                }
            } else if c != b' ' {
                self.word(&b[s..i]);
            }
        }
    }

    /// Adds the word or number `text[s..e]`: [`Builder::word`] for a token
    /// that is neither `)` nor `'s`.
    #[expect(
        clippy::inline_always,
        reason = "runs once per word of every template; as a call it costs a tenth more"
    )]
    #[inline(always)]
    fn plain_word(&mut self, text: &[u8], s: usize, e: usize) {
        self.closing = false;
        let w = &text[s..e];
        let out = &mut self.out.text;
        let start = out.len();
        if is_conjunction(w) {
            out.push(b'#');
        }
        // Most words are 8 bytes or shorter: copied as 8 bytes of the text
        // (one move where `extend_from_slice` of a slice of unknown length
        // calls `memcpy`), the bytes past the word cut off again; most
        // others fit 16.
        let end = out.len() + w.len();
        match (text[s..].first_chunk::<8>(), text[s..].first_chunk::<16>()) {
            (Some(head), _) if w.len() <= 8 => out.extend_from_slice(head),
            (_, Some(head)) if w.len() <= 16 => out.extend_from_slice(head),
            _ => out.extend_from_slice(w),
        }
        out.truncate(end);
        self.out.end_token(start);
    }

    /// Adds the token `w` of the sentence.
    fn word(&mut self, w: &[u8]) {
        if std::mem::take(&mut self.closing) && w == b")" {
            return;
        }
        if let Some(g) = self.groups.last()
            // "A and B's alliance": B starts a new clause, it is not listed with A.
            && w == b"'s"
            && g.token + 1 == self.out.tokens.len()
            && self.ms.len() - g.ms > 1
        {
            let k = g.token;
            self.groups.push(Group {
                ms: self.ms.len() - 1,
                token: 0,
            });
            self.out.truncate(k);
            self.write_groups(self.groups.len() - 2);
        }
        let start = self.out.text.len();
        if is_conjunction(w) {
            self.out.text.push(b'#');
        }
        // Most of these tokens are one mark: pushed, not copied (a call).
        match w {
            [c] => self.out.text.push(*c),
            _ => self.out.text.extend_from_slice(w),
        }
        self.out.end_token(start);
    }

    /// Adds mention `mi` of the sentence: to the last group when it
    /// restates or joins that group's mentions, else as a new group.
    fn mention(&mut self, mi: usize) {
        if let Some(g) = self.groups.last() {
            let after = g.token + 1..self.out.tokens.len();
            let last = *self.ms.last().expect("a group has a mention");
            let mentions = &self.p.mentions;
            let same_entity = mentions[last].ent == mentions[mi].ent;
            let words = || after.clone().map(|k| unmarked(self.token(k)));
            let bare = || words().filter(|w| !matches!(*w, b"(" | b")" | b"," | b"/" | b"\""));
            let apposition = same_entity
                && APPOSITION_PHRASES
                    .iter()
                    .any(|phrase| words_are(bare(), phrase));
            if apposition {
                // "Front (NF)": keep the first, drop the restatement and its bracket.
                self.closing = !after.is_empty() && self.token(after.end - 1) == b"(";
                self.out.truncate(after.start);
                return;
            }
            // The longest joining phrase has four words.
            let coordinated = !same_entity
                && after.len() <= 4
                && !modifies_next(self.p, mi)
                && self.class_of(last) == self.class_of(mi)
                && !mentions[mi].reference
                && !mentions[last].reference
                && COORDINATION_PHRASES
                    .iter()
                    .any(|phrase| words_are(words(), phrase));
            if coordinated {
                self.ms.push(mi);
                self.out.truncate(g.token);
                self.write_groups(self.groups.len() - 1);
                return;
            }
        }
        self.closing = false;
        self.end_group();
        self.groups.push(Group {
            ms: self.ms.len(),
            token: 0,
        });
        self.ms.push(mi);
        self.write_groups(self.groups.len() - 1);
    }

    /// Writes the tokens of the groups from `first` on at the end of the
    /// template.
    fn write_groups(&mut self, first: usize) {
        for gi in first..self.groups.len() {
            let ms_end = self.groups.get(gi + 1).map_or(self.ms.len(), |n| n.ms);
            let start = self.out.text.len();
            self.groups[gi].token = self.out.tokens.len();
            let letter = self.class_of(self.ms[self.groups[gi].ms]);
            self.out.text.push(1);
            self.out.text.push(letter);
            for (k, &m) in self.ms[self.groups[gi].ms..ms_end].iter().enumerate() {
                if k > 0 {
                    self.out.text.push(b'+');
                }
                push_decimal(&mut self.out.text, m);
            }
            self.out.text.push(2);
            self.out.end_token(start);
        }
    }

    /// Ends the last group: the words after it lose a leading appositive.
    fn end_group(&mut self) {
        let Some(g) = self.groups.last() else {
            return;
        };
        let from = g.token + 1;
        let dropped = appositive_len(&self.out.text, &self.out.tokens[from..]);
        if dropped > 0 {
            self.out.remove(from..from + dropped);
        }
    }
}

/// A sentence as rules see it (see [`template`]): its text, and where each
/// token of the text starts and ends.
#[derive(Debug, Default)]
pub(crate) struct Template {
    pub text: Vec<u8>,
    pub tokens: Vec<(usize, usize)>,
    /// Buffers of [`template_into`]'s mention groups.
    ms: Vec<usize>,
    groups: Vec<Group>,
}

impl Template {
    /// Ends the token written since `start`, and the space after it.
    fn end_token(&mut self, start: usize) {
        self.tokens.push((start, self.text.len()));
        self.text.push(b' ');
    }

    /// Drops tokens `k..` (and what follows them).
    fn truncate(&mut self, k: usize) {
        if let Some(&(start, _)) = self.tokens.get(k) {
            self.text.truncate(start);
            self.tokens.truncate(k);
        }
    }

    /// Drops tokens `range` (with the space after each).
    fn remove(&mut self, range: std::ops::Range<usize>) {
        let from = self.tokens[range.start].0;
        let to = self.tokens.get(range.end).map_or(self.text.len(), |t| t.0);
        self.text.drain(from..to);
        self.tokens.drain(range.clone());
        for t in &mut self.tokens[range.start..] {
            t.0 -= to - from;
            t.1 -= to - from;
        }
    }
}

/// Where one group of [`template`] starts: its first mention in the list of
/// all groups' mentions, and its token.
#[derive(Debug)]
struct Group {
    ms: usize,
    token: usize,
}

#[cfg(test)]
mod template_tests {
    use super::*;

    /// [`template_into`] as first written, the specification: the tokens
    /// of [`crate::norm::tokens`], each added by [`Builder::word`].
    fn template_by_tokens(p: &Prepared, ents: &DocEnts) -> Template {
        let mut out = Template::default();
        build_template(p, ents, &mut out, |b, text, from, to| {
            let stretch = std::str::from_utf8(&text[from..to]).expect("ASCII");
            for (s, e) in crate::norm::tokens(stretch) {
                b.word(&text[from + s..from + e]);
            }
        });
        out
    }

    /// [`template_into`] as written before it became one pass (b560421):
    /// words collected first, groups rewritten in lists, then copied out.
    /// The specification of the grouping steps.
    #[expect(
        clippy::too_many_lines,
        reason = "kept as it was written, to be the specification"
    )]
    fn template_as_first_written(p: &Prepared, ents: &DocEnts) -> Template {
        struct Group {
            ms: usize,
            after: usize,
        }
        // A token of the text between mentions (as a byte range), or a mention.
        enum At {
            Word(usize, usize),
            Ment(usize),
        }
        let mut out = Template::default();
        let out = &mut out;
        let text = p.folded.text;
        let class_of = |mi: usize| {
            let e = &ents.ents[p.mentions[mi].ent];
            if e.tentative {
                'U'
            } else {
                class_letter(e.class)
            }
        };
        // Group mention tokens: apposition of the same entity, then coordination.
        // Groups live in two flat lists: `ms` holds each group's mentions and
        // `words` the words before the first group, then each group's words after
        // it. Only the last group ever changes, and its parts end both lists.
        // (`ms` and `groups` keep their buffers from sentence to sentence.)
        let mut ms: Vec<usize> = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut words: Vec<&str> = Vec::with_capacity(text.len() / 4);
        // After "Front (NF" the closing bracket goes with the dropped restatement.
        let mut closing = false;
        let mut step = |token: At| {
            match token {
                At::Word(a, b) if closing && &text[a..b] == ")" => closing = false,
                At::Word(a, b) => {
                    let w = &text[a..b];
                    closing = false;
                    if let Some(g) = groups.last()
                        // "A and B's alliance": B starts a new clause, it is not listed with A.
                        && w == "'s"
                        && g.after == words.len()
                        && ms.len() - g.ms > 1
                    {
                        groups.push(Group {
                            ms: ms.len() - 1,
                            after: words.len(),
                        });
                    }
                    words.push(w);
                }
                At::Ment(mi) => {
                    if let Some(g) = groups.last() {
                        let after = &words[g.after..];
                        let last = *ms.last().expect("a group has a mention");
                        let same_entity = p.mentions[last].ent == p.mentions[mi].ent;
                        let bare = || {
                            after
                                .iter()
                                .copied()
                                .filter(|w| !matches!(*w, "(" | ")" | "," | "/" | "\""))
                        };
                        let apposition = same_entity
                            && APPOSITION_PHRASES
                                .iter()
                                .any(|phrase| words_are(bare().map(str::as_bytes), phrase));
                        if apposition {
                            // "Front (NF)": keep the first, drop the restatement and its bracket.
                            closing = after.last() == Some(&"(");
                            words.truncate(g.after);
                            return;
                        }
                        // The longest joining phrase has four words.
                        let coordinated = !same_entity
                            && after.len() <= 4
                            && !modifies_next(p, mi)
                            && class_of(last) == class_of(mi)
                            && !p.mentions[mi].reference
                            && !p.mentions[last].reference
                            && COORDINATION_PHRASES.iter().any(|phrase| {
                                words_are(after.iter().map(|w| w.as_bytes()), phrase)
                            });
                        if coordinated {
                            ms.push(mi);
                            words.truncate(g.after);
                            return;
                        }
                    }
                    closing = false;
                    groups.push(Group {
                        ms: ms.len(),
                        after: words.len(),
                    });
                    ms.push(mi);
                }
            }
        };
        // The tokens of the text between mentions, and the mentions, in order.
        let mut at = 0;
        for (mi, m) in p.mentions.iter().enumerate() {
            if m.start < at {
                continue;
            }
            for (a, b) in crate::norm::tokens(&text[at..m.start]) {
                step(At::Word(at + a, at + b));
            }
            step(At::Ment(mi));
            at = m.end;
        }
        for (a, b) in crate::norm::tokens(&text[at..]) {
            step(At::Word(at + a, at + b));
        }
        out.text.clear();
        out.tokens.clear();
        out.text.push(b' ');
        let push_words = |out: &mut Template, words: &[&str]| {
            for w in words {
                let start = out.text.len();
                if matches!(
                    *w,
                    "while" | "but" | "whereas" | "although" | "though" | "and"
                ) {
                    out.text.push(b'#');
                }
                out.text.extend_from_slice(w.as_bytes());
                out.end_token(start);
            }
        };
        push_words(
            out,
            &words[..groups.first().map_or(words.len(), |g| g.after)],
        );
        for (k, g) in groups.iter().enumerate() {
            let next = groups.get(k + 1);
            let group_ms = &ms[g.ms..next.map_or(ms.len(), |n| n.ms)];
            let start = out.text.len();
            out.text.push(1);
            out.text.push(class_of(group_ms[0]) as u8);
            for (k, &m) in group_ms.iter().enumerate() {
                if k > 0 {
                    out.text.push(b'+');
                }
                push_decimal(&mut out.text, m);
            }
            out.text.push(2);
            out.end_token(start);
            let after = &words[g.after..next.map_or(words.len(), |n| n.after)];
            push_words(out, drop_appositive(after));
        }
        std::mem::take(out)
    }

    /// The appositive ", the ... ," after a group, dropped (first version).
    fn drop_appositive<'a, 'b>(after: &'b [&'a str]) -> &'b [&'a str] {
        if after.len() > 3
            && after[0] == ","
            && matches!(after[1], "a" | "an" | "the")
            && let Some(k) = after.iter().skip(2).take(7).position(|w| *w == ",")
        {
            return &after[k + 3..];
        }
        after
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]
        /// Templates are the specification's, with mentions anywhere, also
        /// inside words and numbers and next to a possessive.
        #[test]
        fn templates_are_the_tokens_ones(
            text in "(?:[a-z]{1,3}|and|while|[0-9]{1,2}|[,.()'&#-]|'s| |  |(?:a|the) | , (?:a|an|the) [a-z]{1,3} , |abcdefghij){0,24}",
            spans in proptest::collection::vec((0usize..60, 0usize..8, 0usize..4, proptest::bool::ANY), 0..6),
        ) {
            let mut buffer = String::new();
            let folded = fold_append(&text, &mut buffer).within(&buffer);
            let words = crate::words(folded.text);
            let len = folded.text.len();
            let mut mentions: Vec<Mention> = spans
                .iter()
                .map(|&(start, n, ent, reference)| {
                    let start = start.min(len);
                    Mention { start, end: (start + n).min(len), ent, reference }
                })
                .collect();
            mentions.sort_by_key(|m| m.start);
            let ent = |class, tentative| DocEnt {
                class,
                label: String::new(),
                key: String::new(),
                surfaces: BTreeSet::new(),
                lexicon: None,
                tentative,
                site: false,
                mentioned: true,
            };
            let ents = DocEnts {
                ents: vec![
                    ent(Class::Group, false),
                    ent(Class::Group, false),
                    ent(Class::Person, true),
                    ent(Class::Location, false),
                ],
                ..DocEnts::default()
            };
            let p = Prepared {
                sentence: Sentence {
                    start: 0,
                    end: text.len(),
                    text: text.as_str().into(),
                    paragraph: 0,
                    heading: false,
                    bullet: false,
                },
                words: &words,
                folded,
                mentions,
                char_start: 0,
                char_end: text.len(),
            };
            let (want, got) = (template_by_tokens(&p, &ents), template(&p, &ents));
            proptest::prop_assert_eq!(
                (&got.text, &got.tokens),
                (&want.text, &want.tokens),
                "{:?}",
                String::from_utf8_lossy(&want.text)
            );
            let first = template_as_first_written(&p, &ents);
            proptest::prop_assert_eq!(
                (&got.text, &got.tokens),
                (&first.text, &first.tokens),
                "{:?}",
                String::from_utf8_lossy(&first.text)
            );
        }
    }
}

/// Whether `w` is a conjunction that breaks a clause: the template marks it
/// with a leading `#`.
#[expect(
    clippy::inline_always,
    reason = "runs once per word of every template, most often to say no"
)]
#[inline(always)]
fn is_conjunction(w: &[u8]) -> bool {
    matches!(
        w,
        b"while" | b"but" | b"whereas" | b"although" | b"though" | b"and"
    )
}

/// Appends `n` in decimal digits.
fn push_decimal(out: &mut Vec<u8>, n: usize) {
    // Most mention numbers have one or two digits: written as bytes of a
    // known length, without a copy of a slice of unknown length (a call).
    #[expect(clippy::cast_possible_truncation, reason = "digits")]
    match n {
        0..=9 => return out.push(b'0' + n as u8),
        10..=99 => return out.extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]),
        _ => {}
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        // A remainder of 10 is below 10.
        #[expect(clippy::cast_possible_truncation, reason = "a digit")]
        let digit = (n % 10) as u8;
        digits[at] = b'0' + digit;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Whether `words` are exactly the words of `phrase`.
fn words_are<'a>(mut words: impl Iterator<Item = &'a [u8]>, phrase: &[&str]) -> bool {
    phrase.iter().all(|w| words.next() == Some(w.as_bytes())) && words.next().is_none()
}

/// A template word without the `#` that marks a clause-breaking conjunction
/// (a `#` of the text is a token of its own, which no phrase holds either way).
fn unmarked(word: &[u8]) -> &[u8] {
    word.strip_prefix(b"#").unwrap_or(word)
}

/// Whether mention `mi` is the first part of a hyphenated modifier
/// ("Rabbani-led Jamiat"): such a name qualifies what follows and is never
/// one item of a list.
fn modifies_next(p: &Prepared, mi: usize) -> bool {
    let m = &p.mentions[mi];
    if m.end <= m.start {
        return false;
    }
    let (_, end) = p.folded.orig_range(m.start, m.end, &p.sentence.text);
    p.sentence.text[end..].strip_prefix('-').is_some_and(|r| {
        let word = r
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        crate::discover::MODIFIERS.contains(&word.as_str())
    })
}

/// How many of the words after a mention (tokens `after` of `text`) are a
/// leading appositive that names no entity: "Front , the regional army ,
/// has fought" reads "Front has fought".
fn appositive_len(text: &[u8], after: &[(usize, usize)]) -> usize {
    let word = |k: usize| &text[after[k].0..after[k].1];
    if after.len() > 3
        && word(0) == b","
        && matches!(word(1), b"a" | b"an" | b"the")
        && let Some(k) = (2..after.len().min(9)).position(|k| word(k) == b",")
    {
        return k + 3;
    }
    0
}

/// Mention indices of a captured slot (`G3+4`).
fn slot_tokens(cap: &[u8]) -> impl Iterator<Item = usize> + '_ {
    std::str::from_utf8(&cap[1..])
        .unwrap_or("")
        .split('+')
        .filter_map(|n| n.parse().ok())
}

/// Buffers the rule stage keeps from one sentence (and match) to the next.
#[derive(Default)]
struct RuleBuffers {
    template: Template,
    candidates: crate::rules::Scratch,
    /// A match's subject (or pair) and object mentions, and the pairs of them.
    subjects: Vec<usize>,
    objects: Vec<usize>,
    pairs: Vec<(usize, usize)>,
}

fn apply_rules(
    ex: &Extractor,
    si: usize,
    p: &Prepared,
    ents: &DocEnts,
    raw: &mut Vec<RawFact>,
    promoted: &mut BTreeSet<usize>,
    buffers: &mut RuleBuffers,
) {
    let RuleBuffers {
        template,
        candidates: scratch,
        subjects,
        objects,
        pairs,
    } = buffers;
    template_into(p, ents, template);
    let candidates = ex
        .rules
        .candidates_with(&template.text, &template.tokens, scratch);
    let Template {
        text: tpl, tokens, ..
    } = &*template;
    if candidates.is_empty() {
        return;
    }
    let modal = &ex.modal;
    for &ri in candidates {
        let rule = &ex.rules.rules[ri];
        for found in rule.matches(tpl, tokens) {
            let modality = modal.of(tpl, found.whole.start, found.whole.end);
            pairs.clear();
            let mentions = |r: &std::ops::Range<usize>, into: &mut Vec<usize>| {
                into.clear();
                into.extend(slot_tokens(&tpl[r.clone()]).filter(|&m| m < p.mentions.len()));
            };
            if let Some(pair) = &found.pair {
                mentions(pair, subjects);
                for (i, &a) in subjects.iter().enumerate() {
                    for &b in &subjects[i + 1..] {
                        pairs.push((a, b));
                    }
                }
            } else if let (Some(s), Some(o)) = (&found.subject, &found.object) {
                mentions(s, subjects);
                mentions(o, objects);
                if rule.extend {
                    objects.extend(extension(tpl, o.end, p, rule.predicate));
                }
                for &s in subjects.iter() {
                    for &o in objects.iter() {
                        pairs.push((s, o));
                    }
                }
            }
            for &(sm, om) in pairs.iter() {
                let (s, o) = (&p.mentions[sm], &p.mentions[om]);
                if s.ent == o.ent {
                    continue;
                }
                if let Some(kind) = &rule.object_kind {
                    let lex_kind = ents.ents[o.ent]
                        .lexicon
                        .and_then(|l| ex.lexicon.entries[l].kind.as_deref());
                    if lex_kind != Some(kind.as_str()) {
                        continue;
                    }
                }
                if rule.predicate == Predicate::LocatedIn && is_country(ex, ents, s.ent) {
                    continue;
                }
                for m in [s, o] {
                    if ents.ents[m.ent].tentative {
                        promoted.insert(m.ent);
                    }
                }
                // A pronoun in a slot costs a fifth of the rule's confidence.
                let confidence_milli = rule.confidence_milli
                    - rule.confidence_milli / 5 * u16::from(s.reference || o.reference);
                raw.push(RawFact {
                    subject: s.ent,
                    predicate: rule.predicate,
                    object: RawObject::Ent(o.ent),
                    sentence: si,
                    rule: rule.id.clone(),
                    confidence_milli,
                    modality,
                });
            }
        }
    }
}

fn is_country(ex: &Extractor, ents: &DocEnts, i: usize) -> bool {
    ents.ents[i]
        .lexicon
        .is_some_and(|l| ex.lexicon.entries[l].kind.as_deref() == Some("country"))
}

/// Further objects of the object's class after `from` in the same clause:
/// "in Afghanistan, especially Nangarhar and Kunar".
fn extension(tpl: &[u8], from: usize, p: &Prepared, predicate: Predicate) -> Vec<usize> {
    let want: Vec<char> = predicate.range().iter().map(|c| class_letter(*c)).collect();
    let mut out = Vec::new();
    let mut words = 0;
    // `from` is inside the object's token: start at the next token.
    let from = tpl[from..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(tpl.len(), |i| from + i);
    let toks: Vec<&[u8]> = tpl[from..]
        .split(|&b| b == b' ')
        .filter(|t| !t.is_empty())
        .collect();
    for (k, &tok) in toks.iter().enumerate() {
        if tok[0] == 1 {
            // "… with A and the B's alliance": B opens a new clause.
            if toks.get(k + 1) == Some(&&b"'s"[..]) {
                break;
            }
            let letter = tok.get(1).map_or(' ', |&b| b as char);
            if !want.contains(&letter) {
                break;
            }
            let inner = &tok[1..tok.len() - 1];
            out.extend(
                slot_tokens(inner).filter(|&m| m < p.mentions.len() && !p.mentions[m].reference),
            );
            words = 0;
            continue;
        }
        // Only words that continue a list of places or partners.
        let listing = matches!(
            tok,
            b"," | b"and"
                | b"#and"
                | b"or"
                | b"especially"
                | b"notably"
                | b"particularly"
                | b"specifically"
                | b"including"
                | b"such"
                | b"as"
                | b"the"
                | b"in"
                | b"at"
                | b"times"
                | b"with"
                | b"along"
                | b"near"
                | b"border"
                | b"regions"
                | b"region"
                | b"areas"
                | b"provinces"
                | b"districts"
                | b"province"
                | b"district"
                | b"parts"
                | b"of"
                | b"eastern"
                | b"western"
                | b"northern"
                | b"southern"
                | b"central"
                | b"also"
                | b"mainly"
                | b"primarily"
                | b"into"
                | b"across"
                | b"neighboring"
                | b"neighbouring"
        );
        words += 1;
        if !listing || words > 8 {
            break;
        }
    }
    out
}

/// Lexicon containment between places this document mentions.
fn containment(ex: &Extractor, ents: &DocEnts) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (i, e) in ents.ents.iter().enumerate() {
        let Some(l) = e.lexicon else { continue };
        let entry = &ex.lexicon.entries[l];
        let Some(within) = &entry.within else {
            continue;
        };
        if e.class != Class::Location || !e.mentioned {
            continue;
        }
        if let Some(j) = ents
            .find(ex, within)
            .filter(|&j| ents.ents[j].mentioned && ents.ents[j].class == Class::Location && j != i)
        {
            out.push((i, j, entry.source.clone()));
        }
    }
    out
}

fn entity_iri(ex: &Extractor, e: &DocEnt) -> String {
    match e.lexicon {
        Some(l) => iri::entity_named(e.class, &ex.lexicon.entries[l].name),
        None => iri::entity_named(e.class, &e.key),
    }
}

fn assemble(
    ex: &Extractor,
    prepared: &[Prepared],
    ents: &DocEnts,
    raw: Vec<RawFact>,
    lexicon_facts: Vec<(usize, usize, String)>,
) -> Extraction {
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let keep = |e: &DocEnt| e.mentioned && !e.tentative;
    let mut facts: BTreeMap<(String, Predicate, Object), Vec<Evidence>> = BTreeMap::new();
    // Each entity's IRI, made when first needed: most entities of a
    // document are never kept.
    let mut iris: Vec<Option<String>> = vec![None; ents.ents.len()];
    let mut iri_of = |i: usize| {
        iris[i]
            .get_or_insert_with(|| entity_iri(ex, &ents.ents[i]))
            .clone()
    };
    for f in raw {
        let s = &ents.ents[f.subject];
        if !(keep(s) || s.class == Class::Attack) || !f.predicate.domain().contains(&s.class) {
            continue;
        }
        let object = match &f.object {
            RawObject::Ent(o) => {
                let oe = &ents.ents[*o];
                if !keep(oe) || !f.predicate.range().contains(&oe.class) {
                    continue;
                }
                used.insert(*o);
                Object::Entity(iri_of(*o))
            }
            RawObject::Literal(l) => l.clone(),
        };
        used.insert(f.subject);
        let p = &prepared[f.sentence];
        let ev = Evidence {
            sentence: p.sentence.text.to_string(),
            start: p.char_start,
            end: p.char_end,
            rule: f.rule,
            confidence_milli: f.confidence_milli,
            modality: f.modality,
            lexicon: None,
        };
        let mut key = (iri_of(f.subject), f.predicate, object);
        if f.predicate.is_symmetric()
            && let Object::Entity(o) = &key.2
            && o < &key.0
        {
            // One direction per symmetric fact; the store writes both.
            key = (o.clone(), key.1, Object::Entity(key.0.clone()));
        }
        facts.entry(key).or_default().push(ev);
    }
    for (i, j, source) in lexicon_facts {
        let ev = Evidence {
            sentence: String::new(),
            start: 0,
            end: 0,
            rule: "lexicon.within".into(),
            confidence_milli: 1000,
            modality: Modality::Asserted,
            lexicon: Some(source),
        };
        used.insert(i);
        used.insert(j);
        facts
            .entry((iri_of(i), Predicate::LocatedIn, Object::Entity(iri_of(j))))
            .or_default()
            .push(ev);
    }
    let mut entities = BTreeMap::new();
    for (i, e) in ents.ents.iter().enumerate() {
        if !(keep(e) || used.contains(&i) && e.class == Class::Attack) {
            continue;
        }
        // The facts are made: the entity's IRI is needed here only.
        let iri = iris[i]
            .take()
            .unwrap_or_else(|| entity_iri(ex, &ents.ents[i]));
        let entity = entities.entry(iri.clone()).or_insert_with(|| Entity {
            iri,
            class: e.class,
            label: e.label.clone(),
            alt_labels: BTreeSet::new(),
        });
        for s in &e.surfaces {
            entity.add_alias(s);
        }
    }
    let facts = facts
        .into_iter()
        .map(|((subject, predicate, object), mut evidence)| {
            evidence.sort();
            evidence
                .dedup_by(|a, b| a.start == b.start && a.rule == b.rule && a.lexicon == b.lexicon);
            Fact {
                subject,
                predicate,
                object,
                evidence,
            }
        })
        .collect();
    Extraction { entities, facts }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`char_offsets`] as first written, the specification: every
    /// sentence's start and end sorted, each counted on from the one before.
    fn char_offsets_sorted(doc: &str, sentences: &[Sentence<'_>]) -> Vec<(usize, usize)> {
        let mut points: Vec<usize> = sentences.iter().flat_map(|s| [s.start, s.end]).collect();
        points.sort_unstable();
        points.dedup();
        let mut chars = Vec::with_capacity(points.len());
        let (mut count, mut at) = (0usize, 0usize);
        for &p in &points {
            count += doc.get(at..p).map_or(0, |s| s.chars().count());
            at = p;
            chars.push(count);
        }
        let of = |byte: usize| chars[points.partition_point(|&p| p < byte)];
        sentences.iter().map(|s| (of(s.start), of(s.end))).collect()
    }

    proptest::proptest! {
        /// Character offsets counted on in document order are the ones
        /// counted over sorted points, also for sentences out of order.
        #[test]
        fn char_offsets_are_the_sorted_counts(
            doc in "([aZé¹—]{0,6}[ .\n]{0,2}){0,20}",
            reversed in proptest::bool::ANY,
        ) {
            let mut sentences = split(&doc);
            if reversed {
                sentences.reverse();
            }
            proptest::prop_assert_eq!(
                char_offsets(&doc, &sentences),
                char_offsets_sorted(&doc, &sentences)
            );
        }
    }

    proptest::proptest! {
        /// [`whitespace_words`] are the words of [`str::split_whitespace`],
        /// with ASCII and other white space, and wide characters in words.
        #[test]
        fn whitespace_words_are_split_whitespace(
            s in "[aZé—\u{a0}\u{2009}\u{3000}\u{85}\u{b}\u{1f} \t\n\r]{0,24}",
        ) {
            proptest::prop_assert_eq!(
                whitespace_words(&s).collect::<Vec<_>>(),
                s.split_whitespace().collect::<Vec<_>>()
            );
        }
    }

    /// [`is_subject_like`] as first written: the specification.
    fn is_subject_like_spec(text: &str, start: usize, end: usize) -> bool {
        const PREPOSITIONS: &[&str] = &[
            "of",
            "by",
            "with",
            "against",
            "to",
            "from",
            "in",
            "on",
            "at",
            "for",
            "despite",
            "toward",
            "towards",
            "into",
            "than",
            "between",
            "among",
            "alongside",
            "unlike",
            "like",
            "including",
            "after",
            "before",
            "beside",
            "besides",
            "over",
            "under",
        ];
        let after = &text[end..];
        if after.starts_with("'s") || after.starts_with(" 's") {
            return false;
        }
        let before = text[..start].trim_end();
        let before = before.strip_suffix("the").unwrap_or(before).trim_end();
        let word = before
            .rsplit(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("");
        !PREPOSITIONS.contains(&word)
    }

    proptest::proptest! {
        /// [`is_subject_like`] and [`trim_end`] agree with their
        /// specifications, with prepositions, "the", possessives, ASCII and
        /// other white space and wide characters before the mention.
        #[test]
        fn subject_like_as_specified(
            text in "(?:of|by|in|the|towards|besides|under|x|é|'s| 's|\u{a0}|\u{2009}| |\t|,|-){0,10}",
            cut in 0usize..40,
            len in 0usize..6,
        ) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let start = bounds[cut % bounds.len()];
            let end = bounds[(cut % bounds.len() + len).min(bounds.len() - 1)];
            proptest::prop_assert_eq!(trim_end(&text[..start]), text[..start].trim_end());
            proptest::prop_assert_eq!(
                is_subject_like(&text, start, end),
                is_subject_like_spec(&text, start, end),
                "{:?} {} {}", text, start, end
            );
        }
    }

    /// [`capitalisation_fits`] as first written: the specification.
    fn capitalisation_fits_spec(name: &str, text: &str) -> bool {
        if name == text {
            return true;
        }
        let split = |s| {
            let s: &str = s;
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
        };
        if split(name).count() != split(text).count() {
            return true;
        }
        let last = split(name).count().wrapping_sub(1);
        split(name).zip(split(text)).enumerate().all(|(i, (n, t))| {
            if i == last && i > 0 && GENERIC_LAST_WORDS.contains(&n) {
                return true;
            }
            let n_upper = n.chars().next().is_some_and(char::is_uppercase);
            let t_upper = t.chars().next().is_some_and(char::is_uppercase);
            let n_len = n.chars().count();
            let n_caps = n_len >= 2 && n.chars().all(|c| !c.is_lowercase());
            if n_caps && n_len <= 4 {
                t.chars().all(|c| !c.is_lowercase())
            } else {
                !n_upper || t_upper
            }
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        #[test]
        fn capitalisation_fits_as_specified(
            name in "(?:[A-Za-zÉéİß0-9]{1,6}[ \\-'’.]{0,2}){0,4}(?:Province|Valley|Line|line|valley)?",
            text in "(?:[A-Za-zÉéİß0-9]{1,6}[ \\-'’.]{0,2}){0,4}(?:Province|Valley|Line|line|valley)?",
            same_words in proptest::bool::ANY,
        ) {
            // Half the cases compare a name with a recased copy of itself,
            // so that word counts agree and the word tests run.
            let text = if same_words {
                name.chars()
                    .zip(text.chars().cycle())
                    .map(|(n, t)| if t.is_uppercase() { n.to_uppercase().next().unwrap_or(n) } else { n.to_lowercase().next().unwrap_or(n) })
                    .collect()
            } else {
                text
            };
            proptest::prop_assert_eq!(
                capitalisation_fits(&name, &text),
                capitalisation_fits_spec(&name, &text),
                "{:?} {:?}", name, text
            );
        }
    }

    proptest::proptest! {
        /// A document's matcher that leaves the names the lexicon's matcher
        /// holds as they are to it keeps the mentions of one over all the
        /// document's names, with variant spellings, names that two entries
        /// share and names that differ only in capitals.
        #[test]
        fn names_the_lexicon_holds_are_matched_once(
            entries in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::collection::vec(proptest::sample::select(NAME_WORDS[..6].to_vec()), 1..3),
                    1..5,
                ),
                1..4,
            ),
            others in 0usize..3,
            surfaces in proptest::collection::vec(
                (0usize..6, proptest::collection::vec(proptest::sample::select(NAME_WORDS.to_vec()), 1..3)),
                0..8,
            ),
            parts in proptest::collection::vec(proptest::sample::select(NAME_WORDS.to_vec()), 0..16),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", ", ", "-", ". "]), 16),
        ) {
            // Entry `i`'s names are its name then its aliases.
            let mut tsv = String::from("Variant\tqaeda\tqaida\n");
            for names in &entries {
                let names: Vec<String> = names.iter().map(|n| n.join(" ")).collect();
                for part in ["Group\t", &names[0], "\t", &names[1..].join("|"), "\n"] {
                    tsv.push_str(part);
                }
            }
            let lexicon = crate::Lexicon::parse(&tsv, "test").expect("lexicon");
            let plain = crate::PlainNames::new(&lexicon);
            let lexicon_names: Vec<(usize, String)> = entries
                .iter()
                .enumerate()
                .flat_map(|(i, names)| names.iter().map(move |n| (i, n.join(" "))))
                .collect();
            let pairs = || lexicon_names.iter().map(|(i, n)| (*i, n.as_str()));
            let known = NameMatcher::new(pairs(), &lexicon, &plain);
            let own = crate::OwnSpellings::new(pairs(), &known, &lexicon, &plain);
            // The `others` come first, then lexicon entry `i` as document
            // entity `others + i`: the two numberings differ, as they do
            // in a document. Their names: each entry's own, and the
            // surfaces drawn.
            let ents = entries.len() + others;
            let mut names: Vec<BTreeSet<String>> = vec![BTreeSet::new(); ents];
            for (i, n) in &lexicon_names {
                names[others + i].insert(n.clone());
            }
            for (i, words) in &surfaces {
                names[i % ents].insert(words.join(" "));
            }
            let doc_pairs = || {
                names
                    .iter()
                    .enumerate()
                    .flat_map(|(i, s)| s.iter().map(move |n| (i, n.as_str())))
            };
            let all = NameMatcher::new(doc_pairs(), &lexicon, &plain);
            let fewer =
                NameMatcher::for_document(doc_pairs(), &own, &lexicon, &plain);
            let raw: String = parts.iter().zip(&seps).flat_map(|(p, s)| [*p, *s]).collect();
            for sentence in split(&raw) {
                let mut buffer = String::new();
                let folded = fold_append(&sentence.text, &mut buffer);
                let mut words = Vec::new();
                words_append(&buffer[folded.text.clone()], &mut words);
                let p = Prepared {
                    sentence,
                    folded: folded.within(&buffer),
                    words: &words,
                    mentions: Vec::new(),
                    char_start: 0,
                    char_end: 0,
                };
                let mut lexicon_hits = Vec::new();
                matches(&known, &p, &mut lexicon_hits);
                // Each hit names its document entity, as `run` does.
                for m in &mut lexicon_hits {
                    m.ent += others;
                }
                let (mut want, mut got) = (lexicon_hits.clone(), lexicon_hits);
                matches(&all, &p, &mut want);
                matches(&fewer, &p, &mut got);
                proptest::prop_assert_eq!(
                    merge_mentions(&mut got),
                    merge_mentions(&mut want),
                    "{:?} in {:?}",
                    names,
                    raw
                );
            }
        }
    }

    /// Words of names for [`names_the_lexicon_holds_are_matched_once`].
    /// (The first six make the lexicon's names: few, so that an entry's
    /// names often differ only in capitals or spelling.)
    const NAME_WORDS: &[&str] = &[
        "Kelt", "kelt", "Qaeda", "qaida", "Front", "front", "Al", "al", "Zor", "NF",
    ];
}
