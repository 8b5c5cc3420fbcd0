//! `tkg_extract`: plain text in, typed entities and relations with evidence out.
//!
//! The extractor never opens files, prints or touches a store: it turns one
//! document's text into a [`tkg_model::Extraction`].
//!
//! ```
//! use tkg_extract::Extractor;
//!
//! let ex = Extractor::builtin();
//! let out = ex.extract("The Karst Liberation Army, led by Commander Ivo Darnel, operates in Zorvan province.");
//! let labels: Vec<&str> = out.entities.values().map(|e| e.label.as_str()).collect();
//! assert!(labels.contains(&"Karst Liberation Army") && labels.contains(&"Ivo Darnel"));
//! assert!(out.facts.iter().any(|f| f.predicate == tkg_model::Predicate::LeaderOf));
//! ```
//!
//! Pipeline, per document:
//! 1. [`text::split`] cuts the text into sentences with offsets;
//! 2. names are found by the lexicon (a first-word index over folded text,
//!    every spelling variant, word-bounded) and by their shape
//!    ([`discover`]); acronyms defined in the text and surnames become
//!    aliases for the rest of the document;
//! 3. pronouns and descriptions ("the group", "its", "he") resolve to the
//!    latest compatible entity in the paragraph;
//! 4. each sentence becomes a template in which rules ([`rules`]) find
//!    relations, matched token by token;
//! 5. attack events are assembled from trigger words, dates, counts, places and
//!    perpetrators ([`events`]);
//! 6. statements that the text reports as allegations or denies are kept only
//!    as evidence with a modality.

pub mod discover;
mod error;
pub mod eval;
pub mod events;
pub mod lexicon;
pub mod norm;
mod pipeline;
pub mod rules;
pub mod text;
mod token_match;

pub use error::ExtractError;
pub use lexicon::Lexicon;
pub use rules::RuleSet;

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use tkg_model::Extraction;

use crate::discover::Discoverer;
use crate::events::EventFinder;

/// A compiled name matcher: every spelling of every name, folded, found
/// only where it starts and ends on a word boundary.
///
/// Names are grouped by the [`word_bit`] of their first word, so a search
/// costs a bit test per word of the text, and a short scan of the names
/// filed under that bit for the few words whose bit is set: the same
/// matches as an overlapping Aho-Corasick search kept to word boundaries.
///
/// A matcher is built per document from its few names, so names are filed
/// in fewer buckets than there are bits (a bucket is the bit's low bits):
/// a table of where each bucket starts costs its size to build and to
/// zero, and a name of another first word in the bucket never matches
/// (see [`NameMatcher::find`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct NameMatcher {
    /// The bits of the first words: most words of a text start no name,
    /// and this rules them out with one bit test.
    first_words: WordBits,
    /// Where each bucket's names start in `entries` (those of the bucket
    /// `k` are `entries[starts[k]..starts[k + 1]]`); empty only in `Default`.
    starts: Box<[u32]>,
    /// The bucket of a bit is `bit & bucket_mask` (buckets are a power of two).
    bucket_mask: usize,
    /// The names, by the bucket of their first word's bit, then in the
    /// order they were added (so matches at one start come out in that order).
    entries: Vec<Entry>,
    patterns: Vec<String>,
    /// Per pattern: the target index and the surface the pattern came from.
    pub targets: Vec<(usize, String)>,
}

/// A name filed under its first word's bit, with its first and last 8
/// bytes at hand: one comparison of two integers tells most names that do
/// not start at a word from one that may, and a second one all of a name
/// of up to 16 bytes, without reading the pattern's bytes elsewhere. (Many
/// names share their first 8 bytes, "pakistan" and "pakistan taliban":
/// a byte-by-byte compare after the first 8, a branch per byte, cost more.)
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The pattern's first (up to) 8 bytes, little-endian, zero beyond its end.
    head: u64,
    /// The bytes of `head` that belong to the pattern.
    mask: u64,
    /// The pattern's last 8 bytes when it is longer than 8 (they overlap
    /// `head` when it is shorter than 16), else 0.
    last: u64,
    /// The pattern's length in bytes.
    len: u32,
    /// Its index in `patterns` and `targets`.
    id: u32,
}

/// Entries filed in `buckets` buckets (`bucket < buckets`), as one list
/// sorted by bucket (stably: the order given stays within a bucket) and
/// where each bucket's entries start (those of bucket `k` are
/// `entries[starts[k]..starts[k + 1]]`).
fn file_by_bucket<E: Copy>(filed: &[(usize, E)], buckets: usize) -> (Box<[u32]>, Vec<E>) {
    // A counting sort: the number of entries of each bucket, where each
    // bucket's entries start, then each entry to its place.
    let mut starts = vec![0u32; buckets + 1];
    for &(bit, _) in filed {
        starts[bit + 1] += 1;
    }
    for k in 0..buckets {
        starts[k + 1] += starts[k];
    }
    let Some(&(_, any)) = filed.first() else {
        return (starts.into_boxed_slice(), Vec::new());
    };
    let mut entries = vec![any; filed.len()];
    // `starts[bucket]` is the next free place of the bucket, and ends as
    // the start of the next bucket: shifted by one place afterwards.
    for &(bit, e) in filed {
        entries[starts[bit] as usize] = e;
        starts[bit] += 1;
    }
    starts.copy_within(..buckets, 1);
    starts[0] = 0;
    (starts.into_boxed_slice(), entries)
}

/// Words with a number each, filed by their [`word_bit`] in one flat table
/// with their first 8 bytes as an integer, like [`NameMatcher`]'s names:
/// looking a word up takes no hashing, only a bit test (most words looked
/// up are not in the table) and integer compares with the entries of one
/// bucket. As there, a bucket holds the bits equal under
/// `bucket_mask`, at least four times as many buckets as words: a table of
/// a few hundred words keeps a few KB of bucket starts, which stay in L1
/// where one start per bit (32 KB) was read at random.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordTable {
    /// The bits of the words: a word whose bit is clear is not here.
    bits: WordBits,
    bucket_mask: usize,
    /// Where each bucket's words start in `entries`; empty when there are
    /// no words.
    starts: Box<[u32]>,
    entries: Vec<TableEntry>,
    /// The words, one after another.
    bytes: Vec<u8>,
}

#[derive(Debug, Clone, Copy)]
struct TableEntry {
    /// The word's first (up to) 8 bytes, as [`le_prefix`] reads them.
    head: u64,
    /// Where the word is in `bytes`, and its length.
    at: u32,
    len: u32,
    number: u32,
}

impl WordTable {
    /// A table of non-empty `words`, each with its number.
    pub fn new<'a>(words: impl IntoIterator<Item = (&'a [u8], u32)>) -> Self {
        let mut by_bit: Vec<(usize, TableEntry)> = Vec::new();
        let mut bytes = Vec::new();
        for (word, number) in words.into_iter().filter(|(w, _)| !w.is_empty()) {
            let entry = TableEntry {
                head: le_prefix(word),
                at: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
                len: u32::try_from(word.len()).unwrap_or(u32::MAX),
                number,
            };
            bytes.extend_from_slice(word);
            by_bit.push((word_bit(word), entry));
        }
        if by_bit.is_empty() {
            return Self::default();
        }
        let mut bits = WordBits::default();
        for &(bit, _) in &by_bit {
            bits.insert(bit);
        }
        let buckets = (4 * by_bit.len()).next_power_of_two().min(WORD_BITS);
        let bucket_mask = buckets - 1;
        for (bit, _) in &mut by_bit {
            *bit &= bucket_mask;
        }
        let (starts, entries) = file_by_bucket(&by_bit, buckets);
        Self {
            bits,
            bucket_mask,
            starts,
            entries,
            bytes,
        }
    }

    /// The entries of the words whose [`word_bit`] is `bit`.
    #[inline]
    fn bucket(&self, bit: usize) -> Option<&[TableEntry]> {
        if !self.bits.contains(bit) {
            return None;
        }
        let k = bit & self.bucket_mask;
        let (from, to) = (self.starts[k], self.starts[k + 1]);
        Some(&self.entries[from as usize..to as usize])
    }

    /// The number of `word`, whose [`word_bit`] is `bit`.
    #[inline]
    pub fn get(&self, word: &[u8], bit: usize) -> Option<u32> {
        let head = le_prefix(word);
        self.bucket(bit)?
            .iter()
            .find(|e| {
                e.head == head
                    && e.len as usize == word.len()
                    && (word.len() <= 8
                        || self.bytes[e.at as usize + 8..(e.at + e.len) as usize] == word[8..])
            })
            .map(|e| e.number)
    }

    /// [`WordTable::get`] of the word `text[a..b]` (non-empty), whose
    /// [`word_bit`] is `bit`. A word of up to 8 bytes with 8 bytes of
    /// `text` from its start (most words of a template) is read as one
    /// integer, masked to its length, and compared with an entry's head and
    /// length alone: no byte-by-byte read, no compare of the rest.
    #[inline]
    pub fn get_in(&self, text: &[u8], a: usize, b: usize, bit: usize) -> Option<u32> {
        // The bit first: most words looked up are not here.
        let entries = self.bucket(bit)?;
        let len = b - a;
        match text[a..].first_chunk::<8>() {
            Some(chunk) if (1..=8).contains(&len) => {
                let head = u64::from_le_bytes(*chunk) & (u64::MAX >> (64 - 8 * len));
                entries
                    .iter()
                    .find(|e| e.head == head && e.len as usize == len)
                    .map(|e| e.number)
            }
            _ => self.get(&text[a..b], bit),
        }
    }
}

/// Bits in a [`WordBits`]: 1 KB per set, still in L1, and twice as many
/// as 4096, which left common words ("to", "at") sharing bits with names.
const WORD_BITS: usize = 1 << 13;
// `bit_of` keeps the top log2(WORD_BITS) bits of a 64-bit product.
const _: () = assert!(WORD_BITS.is_power_of_two() && WORD_BITS > 1 && WORD_BITS < 1 << 32);

/// A set of words kept as one bit per [`word_bit`]: a word whose bit is
/// clear is surely not in the set, one whose bit is set may be. The filter
/// in front of every first-word index (names, references, triggers, rule
/// anchors).
#[derive(Debug, Clone)]
pub(crate) struct WordBits([u64; WORD_BITS / 64]);

impl Default for WordBits {
    fn default() -> Self {
        Self([0; WORD_BITS / 64])
    }
}

impl WordBits {
    pub fn insert(&mut self, bit: usize) {
        self.0[bit % WORD_BITS / 64] |= 1 << (bit % 64);
    }

    /// Whether the bit is set (`% WORD_BITS` only spares a bounds check:
    /// every [`word_bit`] is below it).
    #[inline]
    pub fn contains(&self, bit: usize) -> bool {
        self.0[bit % WORD_BITS / 64] & (1 << (bit % 64)) != 0
    }

    /// The first of `words` whose bit is set, leaving `words` at the ones
    /// after it. Most words of a text have their bit clear: a loop of its
    /// own skips them in a few instructions each, where the caller's loop,
    /// with all it keeps at hand for a candidate, costs twice that.
    #[inline]
    pub(crate) fn next_in<'w>(&self, words: &mut std::slice::Iter<'w, Word>) -> Option<&'w Word> {
        words.find(|w| self.contains(w.bit()))
    }
}

/// The bit of [`WordBits`] for `word` (non-empty): a cheap
/// mix of its length and its first and last bytes.
pub(crate) fn word_bit(word: &[u8]) -> usize {
    bit_of(word[0], word[word.len() - 1], word.len())
}

/// [`word_bit`] of a word of `len` bytes from `first` to `last`: the top
/// bits of a multiplicative (Fibonacci) hash of the three, which spreads
/// words that differ in one letter; an XOR of small multiples did not.
#[inline]
#[expect(
    clippy::cast_possible_truncation,
    reason = "the shift leaves log2(WORD_BITS) bits"
)]
fn bit_of(first: u8, last: u8, len: usize) -> usize {
    let key = u64::from(first) | u64::from(last) << 8 | (len as u64) << 16;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - WORD_BITS.trailing_zeros())) as usize
}

/// The end of the word of folded `s` that starts at byte `at`: a run of
/// ASCII letters and digits, or that one byte when it is neither. The one
/// definition of a word for both the names indexed and the text searched.
#[inline]
fn word_end(s: &[u8], at: usize) -> usize {
    let mut end = at + 1;
    // Eight bytes at once: most words are shorter, and then their end is
    // found without a loop whose exit the processor mispredicts once a
    // word (this runs on every word of every sentence).
    if let Some(chunk) = s[at..].first_chunk::<8>() {
        let run = alnum_run(u64::from_le_bytes(*chunk));
        if run < 8 {
            // A byte that is no letter or digit is a word of its own.
            return at + run.max(1);
        }
        end = at + 8;
    } else if !norm::ALNUM[usize::from(s[at])] {
        return end;
    }
    // The rest of a long word, or of one near the end of `s`.
    while s.get(end).is_some_and(|&c| norm::ALNUM[usize::from(c)]) {
        end += 1;
    }
    end
}

/// How many of the eight bytes of `w` (little-endian) from the first on are
/// ASCII letters or digits, by arithmetic on all eight at once.
#[inline]
fn alnum_run(w: u64) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const TOPS: u64 = ONES * 0x80;
    // Bytes below 0x80, so that no sum below carries into the next byte;
    // the top bit of `x + (0x80 - lo)` is set where x >= lo.
    let low = w & !TOPS;
    let at_least = |x: u64, lo: u8| x + ONES * u64::from(0x80 - lo);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    // (Setting bit 5 maps capitals onto small letters and keeps other
    // bytes out of `a..=z`.)
    let cased = low | (ONES * 0x20);
    let letter = at_least(cased, b'a') & !at_least(cased, b'z' + 1);
    // Bytes from 0x80 on are none.
    let alnum = (digit | letter) & !w & TOPS;
    (!alnum & TOPS).trailing_zeros() as usize / 8
}

/// The spellings of a name that a [`NameMatcher`] files: its folding with
/// every variant of its words (`plain` tells the names that have none),
/// those of fewer than 2 bytes left out.
fn spellings_of(
    surface: &str,
    lexicon: &Lexicon,
    plain: &PlainNames,
) -> impl Iterator<Item = String> {
    let folded = norm::fold_name(surface);
    // A plain name is its own only spelling, without a vector for it.
    let (own, variants) = if plain.is_plain(&folded) {
        (Some(folded), Vec::new())
    } else {
        (None, lexicon.spellings(&folded))
    };
    own.into_iter()
        .chain(variants)
        .filter(|spelling| spelling.len() >= 2)
}

/// The lexicon's names whose every spelling the lexicon's [`NameMatcher`]
/// files under that very name, with those spellings. A document's
/// name that is one of them needs no pattern of its own: each of its
/// matches is one of the lexicon's, at the same place after the same
/// capitalisation test, and of two mentions with one span the lexicon's,
/// which comes first, is the one kept ([`crate::pipeline`]'s `merge_mentions`).
#[derive(Debug, Clone, Default)]
pub(crate) struct OwnSpellings(foldhash::HashMap<String, Box<[String]>>);

impl OwnSpellings {
    /// Those of `names`, the names `matcher` was built from.
    fn new<'a>(
        names: impl IntoIterator<Item = (usize, &'a str)>,
        matcher: &NameMatcher,
        lexicon: &Lexicon,
        plain: &PlainNames,
    ) -> Self {
        let filed: foldhash::HashSet<(&str, &str)> = matcher
            .targets
            .iter()
            .zip(&matcher.patterns)
            .map(|((_, surface), spelling)| (surface.as_str(), spelling.as_str()))
            .collect();
        let mut own = Self::default();
        for (_, surface) in names {
            let found: Option<Box<[String]>> = spellings_of(surface, lexicon, plain)
                .map(|spelling| {
                    filed
                        .contains(&(surface, spelling.as_str()))
                        .then_some(spelling)
                })
                .collect();
            if let Some(found) = found {
                own.0.entry(surface.to_owned()).or_insert(found);
            }
        }
        own
    }
}

impl NameMatcher {
    /// Builds a matcher over `(target, surface)` names, with spelling
    /// variants; `plain` tells the names that have none (built once per
    /// lexicon, see [`PlainNames`]).
    pub fn new<'a>(
        names: impl IntoIterator<Item = (usize, &'a str)>,
        lexicon: &Lexicon,
        plain: &PlainNames,
    ) -> Self {
        Self::build(names, lexicon, plain, None)
    }

    /// [`NameMatcher::new`] over a document's names, without the patterns
    /// of those that `own` tells (see [`OwnSpellings`]): the lexicon's
    /// matcher, which `own` was built from, finds them. Their spellings
    /// still count as seen, so that another name of the target with one of
    /// them files no pattern for it, as before.
    pub fn for_document<'a>(
        names: impl IntoIterator<Item = (usize, &'a str)>,
        own: &'a OwnSpellings,
        lexicon: &Lexicon,
        plain: &PlainNames,
    ) -> Self {
        Self::build(names, lexicon, plain, Some(own))
    }

    /// The matcher over `names`, but for those that `own` tells: their
    /// spellings are only seen.
    fn build<'a>(
        names: impl IntoIterator<Item = (usize, &'a str)>,
        lexicon: &Lexicon,
        plain: &PlainNames,
        own: Option<&'a OwnSpellings>,
    ) -> Self {
        // Every spelling of every name, in order: (target, surface,
        // spelling, whether to file it when it comes first).
        let mut all: Vec<(usize, &str, Cow<'a, str>, bool)> = Vec::new();
        for (target, surface) in names {
            match own.and_then(|own| own.0.get(surface)) {
                Some(spellings) => all.extend(
                    spellings
                        .iter()
                        .map(|spelling| (target, surface, Cow::Borrowed(spelling.as_str()), false)),
                ),
                None => all.extend(
                    spellings_of(surface, lexicon, plain)
                        .map(|spelling| (target, surface, Cow::Owned(spelling), true)),
                ),
            }
        }
        // Each (target, spelling) once, the first time it comes: told by a
        // set that borrows the spellings instead of copying them.
        let mut seen: foldhash::HashSet<(usize, &str)> =
            foldhash::HashSetExt::with_capacity(all.len());
        let first: Vec<bool> = all
            .iter()
            .map(|(target, _, spelling, file)| seen.insert((*target, spelling)) && *file)
            .collect();
        drop(seen);
        let mut m = Self::default();
        // At least four times as many buckets as names (a power of two): few
        // names share one.
        let buckets = (4 * all.len()).next_power_of_two().min(WORD_BITS);
        m.bucket_mask = buckets - 1;
        // (bucket of the first word's bit, entry), in the order added.
        let mut filed: Vec<(usize, Entry)> = Vec::with_capacity(all.len());
        for ((target, surface, spelling, _), first) in all.into_iter().zip(first) {
            if !first {
                continue;
            }
            let b = spelling.as_bytes();
            let bit = word_bit(&b[..word_end(b, 0)]);
            m.first_words.insert(bit);
            let len = b.len().min(8);
            filed.push((
                bit & m.bucket_mask,
                Entry {
                    head: le_prefix(b),
                    mask: u64::MAX >> (64 - 8 * len),
                    last: b
                        .last_chunk::<8>()
                        .filter(|_| b.len() > 8)
                        .map_or(0, |last| u64::from_le_bytes(*last)),
                    len: u32::try_from(b.len()).unwrap_or(u32::MAX),
                    id: u32::try_from(m.patterns.len()).unwrap_or(u32::MAX),
                },
            ));
            m.patterns.push(spelling.into_owned());
            m.targets.push((target, surface.to_owned()));
        }
        (m.starts, m.entries) = file_by_bucket(&filed, buckets);
        m
    }

    /// The names whose first word has the bucket of `w`'s bit, and the
    /// first 8 bytes of the text from `w` to compare their heads with.
    #[inline]
    fn candidates(&self, b: &[u8], w: Word) -> (&[Entry], u64) {
        let k = w.bit() & self.bucket_mask;
        let (from, to) = (self.starts[k], self.starts[k + 1]);
        (
            &self.entries[from as usize..to as usize],
            le_prefix(&b[w.start()..]),
        )
    }

    /// Whether `e`'s pattern is written in `b` from `at`, where the text's
    /// first 8 bytes are `text_head`.
    #[inline]
    fn starts_at(&self, e: &Entry, b: &[u8], at: usize, text_head: u64) -> bool {
        let len = e.len as usize;
        text_head & e.mask == e.head
            && at + len <= b.len()
            && (len <= 8 || {
                // The text's last 8 bytes under the pattern, there since
                // the pattern fits; then any bytes between those and the head.
                let end = at + len;
                b[end - 8..end]
                    .first_chunk::<8>()
                    .is_some_and(|last| u64::from_le_bytes(*last) == e.last)
                    && (len <= 16
                        || b[at + 8..end - 8]
                            == self.patterns[e.id as usize].as_bytes()[8..len - 8])
            })
    }

    /// Calls `found(start, end, pattern)` for every match in folded `text`,
    /// whose [`words_append`] are `words`, that starts and ends on a word
    /// boundary: by start, then in the order the patterns were added.
    pub fn find(&self, text: &str, words: &[Word], mut found: impl FnMut(usize, usize, usize)) {
        let b = text.as_bytes();
        let mut rest = words.iter();
        while let Some(w) = self.first_words.next_in(&mut rest) {
            // A name matched here has the word as its first word: it is a
            // word-bounded run of the text from the word's start. So names
            // filed in the same bucket with another first word never match.
            let (entries, text_head) = self.candidates(b, *w);
            for e in entries {
                let end = w.start() + e.len as usize;
                if self.starts_at(e, b, w.start(), text_head)
                    && b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric())
                {
                    found(w.start(), end, e.id as usize);
                }
            }
        }
    }
}

impl NameMatcher {
    /// The matches a leftmost-longest search for the patterns finds that
    /// start and end on word boundaries, searched from word starts only: at
    /// each word start outside the last match taken, the longest pattern
    /// there is taken, and kept when it ends on a word boundary. For
    /// patterns of whole words (what [`Extractor::new`] checks) this is what
    /// an automaton over the whole text keeps, without stopping at every
    /// pattern inside a word ("he" in "the"). The one difference: a pattern
    /// of several words that starts inside a word ("the group" in "lathe
    /// group") is not taken here, so it hides nothing that starts under it.
    pub fn leftmost_longest(&self, text: &str, words: &[Word], out: &mut Vec<(usize, usize)>) {
        let b = text.as_bytes();
        let mut taken = 0;
        let mut rest = words.iter();
        while let Some(w) = self.first_words.next_in(&mut rest) {
            if w.start() < taken {
                continue;
            }
            let (entries, text_head) = self.candidates(b, *w);
            // (A name filed in the bucket with another first word may be a
            // piece of the word, never longer than it: it may end the
            // longest here only when no name matches, and then ends inside
            // the word, so is not kept and hides nothing.)
            let longest = entries
                .iter()
                .filter(|e| self.starts_at(e, b, w.start(), text_head))
                .map(|e| e.len as usize)
                .max();
            if let Some(len) = longest {
                let end = w.start() + len;
                taken = end;
                if b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric()) {
                    out.push((w.start(), end));
                }
            }
        }
    }
}

/// The first (up to) 8 bytes of `b` as a little-endian integer, zero beyond
/// the end of `b`.
#[inline]
fn le_prefix(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(head) => u64::from_le_bytes(*head),
        None => b.iter().rev().fold(0, |key, &c| key << 8 | u64::from(c)),
    }
}

/// `text.starts_with(prefix)` by a plain loop: names are short and most
/// differ early, where a call to `memcmp` costs more than the comparison.
#[inline]
pub(crate) fn starts_with(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text.iter().zip(prefix).all(|(a, b)| a == b)
}

/// A place in folded text where a name may start: a run of ASCII letters
/// and digits, or one byte that is neither those nor a space.
///
/// Eight bytes, offsets as `u32`: the pipeline keeps a word per 5 or 6
/// bytes of every text at once, so their size is memory touched per byte.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    start: u32,
    /// Its [`word_bit`] (below [`WORD_BITS`]).
    bit: u32,
}

impl Word {
    /// The byte offset of its first byte in its text.
    #[inline]
    pub(crate) fn start(self) -> usize {
        self.start as usize
    }

    /// Its [`word_bit`].
    #[inline]
    pub(crate) fn bit(self) -> usize {
        self.bit as usize
    }
}

/// The [`Word`]s of folded `text` (the pipeline appends all its texts'
/// words to one vector with [`words_append`]).
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 4);
    words_append(text, &mut out);
    out
}

/// Appends the [`Word`]s of folded `text` to `out`, so that the words of
/// many texts take one allocation.
///
/// Words are found in the first 4 GiB of `text` only, where their offsets
/// fit a [`Word`]'s (a sentence is never near that long).
#[expect(
    clippy::cast_possible_truncation,
    reason = "offsets are below u32::MAX and bits below WORD_BITS"
)]
pub(crate) fn words_append(text: &str, out: &mut Vec<Word>) {
    let b = text.as_bytes();
    let b = &b[..b.len().min(u32::MAX as usize)];
    let mut i = 0;
    while let Some(&first) = b.get(i) {
        if first == b' ' {
            i += 1;
            continue;
        }
        let end = word_end(b, i);
        out.push(Word {
            start: i as u32,
            bit: bit_of(first, b[end - 1], end - i) as u32,
        });
        // The one space between two words, skipped without a branch.
        i = end + usize::from(b.get(end) == Some(&b' '));
    }
}

/// Folded name keys → an index per class, looked up without building a
/// `(class, key)` pair.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClassKeys(foldhash::HashMap<String, [Option<usize>; 4]>);

impl ClassKeys {
    /// The index of `class` in [`tkg_model::Class::ALL`].
    pub(crate) fn slot(class: tkg_model::Class) -> usize {
        use tkg_model::Class;
        match class {
            Class::Group => 0,
            Class::Person => 1,
            Class::Location => 2,
            Class::Attack => 3,
        }
    }

    pub fn get(&self, class: tkg_model::Class, key: &str) -> Option<usize> {
        self.0.get(key).and_then(|v| v[Self::slot(class)])
    }

    pub fn contains(&self, class: tkg_model::Class, key: &str) -> bool {
        self.get(class, key).is_some()
    }

    /// The entry of `key` in the first class of [`tkg_model::Class::ALL`] that has one.
    pub fn any(&self, key: &str) -> Option<usize> {
        self.0.get(key).and_then(|v| v.iter().find_map(|i| *i))
    }

    /// Sets the entry, replacing any before.
    pub fn insert(&mut self, class: tkg_model::Class, key: String, i: usize) {
        self.0.entry(key).or_default()[Self::slot(class)] = Some(i);
    }

    /// Sets the entry unless there is one.
    pub fn insert_first(&mut self, class: tkg_model::Class, key: String, i: usize) {
        self.0.entry(key).or_default()[Self::slot(class)].get_or_insert(i);
    }
}

/// The extractor: lexicon, rules and compiled matchers. Build once, use for
/// many documents (it is `Sync`).
#[derive(Debug, Clone)]
pub struct Extractor {
    pub(crate) lexicon: Lexicon,
    pub(crate) rules: RuleSet,
    pub(crate) names: NameMatcher,
    pub(crate) discoverer: Discoverer,
    pub(crate) events: EventFinder,
    /// Pronouns and descriptions that refer back ("the group", "its", "he"), folded.
    pub(crate) references: AhoCorasick,
    /// The same, indexed by first word, when each is whole words
    /// (`[a-z0-9]+` joined by single spaces), to be found from word starts.
    pub(crate) reference_words: Option<NameMatcher>,
    pub(crate) modal: events::Modal,
    /// Folded key → lexicon entry index, per class.
    pub(crate) lexicon_keys: ClassKeys,
    /// What [`Extractor::key`] needs to skip most of [`Lexicon::key`]'s work.
    pub(crate) name_keys: NameKeys,
    /// The lexicon's names that a document's matcher can leave to `names`.
    pub(crate) own_spellings: OwnSpellings,
}

/// [`Lexicon::key`] prepared once per extractor: documents ask for the keys
/// of hundreds of names, and most names have no variant word.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameKeys {
    pub plain: PlainNames,
    /// The key of each lexicon entry's name.
    pub entries: Vec<String>,
}

/// Tells the folded names that have neither a variant word nor an empty
/// word (two spaces in a row): such a name is its own only spelling
/// ([`Lexicon::spellings`]) and its own key ([`Lexicon::key`]), so neither
/// needs to look its words up among the variants. Most names are plain.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlainNames {
    /// The [`word_bit`] of every variant word: a word whose bit is clear
    /// is no variant word.
    variant_bits: WordBits,
    /// Some variant word is empty (then no name is taken for plain).
    empty_variant: bool,
}

impl PlainNames {
    fn new(lexicon: &Lexicon) -> Self {
        let mut plain = Self::default();
        for v in lexicon.variants.iter().flatten() {
            match v.as_bytes() {
                [] => plain.empty_variant = true,
                word => plain.variant_bits.insert(word_bit(word)),
            }
        }
        plain
    }

    /// Whether folded `name` is surely plain (a name that is not may
    /// still be).
    fn is_plain(&self, name: &str) -> bool {
        if self.empty_variant {
            return false;
        }
        // Its words split at each space, by bytes: `str::split` costs more
        // than the test of a word, for names of two or three short words.
        let b = name.as_bytes();
        let mut start = 0;
        loop {
            let end = b[start..]
                .iter()
                .position(|&c| c == b' ')
                .map_or(b.len(), |n| start + n);
            if end == start
                || self
                    .variant_bits
                    .contains(bit_of(b[start], b[end - 1], end - start))
            {
                return false;
            }
            if end == b.len() {
                return true;
            }
            start = end + 1;
        }
    }

    /// The specification of [`PlainNames::is_plain`].
    #[cfg(test)]
    fn is_plain_spec(&self, name: &str) -> bool {
        !self.empty_variant
            && name
                .split(' ')
                .all(|w| !w.is_empty() && !self.variant_bits.contains(word_bit(w.as_bytes())))
    }
}

impl Extractor {
    /// The extractor with the bundled lexicon and rules.
    ///
    /// # Panics
    /// Never with the bundled data, which the test suite parses.
    pub fn builtin() -> Self {
        Self::new(Lexicon::builtin(), RuleSet::builtin())
    }

    /// An extractor over the given lexicon and rules.
    ///
    /// # Panics
    /// Only if the automaton over reference words ("the group", "he")
    /// cannot be built, a size limit far beyond any rule file.
    pub fn new(lexicon: Lexicon, rules: RuleSet) -> Self {
        let plain = PlainNames::new(&lexicon);
        let lexicon_names = || {
            lexicon.entries.iter().enumerate().flat_map(|(i, e)| {
                std::iter::once((i, e.name.as_str()))
                    .chain(e.aliases.iter().map(move |a| (i, a.as_str())))
            })
        };
        let names = NameMatcher::new(lexicon_names(), &lexicon, &plain);
        let own_spellings = OwnSpellings::new(lexicon_names(), &names, &lexicon, &plain);
        let entries: Vec<String> = lexicon
            .entries
            .iter()
            .map(|e| lexicon.key(&e.name))
            .collect();
        let mut lexicon_keys = ClassKeys::default();
        for (i, e) in lexicon.entries.iter().enumerate() {
            lexicon_keys.insert_first(e.class, entries[i].clone(), i);
            for a in &e.aliases {
                lexicon_keys.insert_first(e.class, lexicon.key(a), i);
            }
        }
        let name_keys = NameKeys { plain, entries };
        let refs: Vec<String> = rules
            .cues
            .group_references
            .iter()
            .chain(&rules.cues.person_references)
            .map(|r| norm::fold_name(r))
            .filter(|r| !r.is_empty())
            .collect();
        let whole_words = |r: &str| {
            r.split(' ')
                .all(|w| !w.is_empty() && w.bytes().all(|b| norm::ALNUM[usize::from(b)]))
        };
        let reference_words = refs
            .iter()
            .all(|r| r.len() >= 2 && whole_words(r))
            .then(|| {
                NameMatcher::new(
                    refs.iter().enumerate().map(|(i, r)| (i, r.as_str())),
                    &Lexicon::default(),
                    &PlainNames::default(),
                )
            });
        let references = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&refs)
            .expect("reference words build an automaton");
        Self {
            discoverer: Discoverer::new(&rules.cues, &lexicon.demonyms),
            events: EventFinder::new(&rules.cues),
            modal: events::Modal::new(&rules.cues),
            lexicon,
            rules,
            names,
            references,
            reference_words,
            lexicon_keys,
            name_keys,
            own_spellings,
        }
    }

    /// [`Lexicon::key`] of `name`, without looking up the words that have
    /// no variant.
    pub(crate) fn key(&self, name: &str) -> String {
        let folded = norm::fold_name(name);
        if self.name_keys.plain.is_plain(&folded) {
            return folded;
        }
        self.lexicon.key_of_folded(&folded)
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Extracts entities and facts from one document's text. Deterministic:
    /// the same text always gives the same extraction. Never panics.
    pub fn extract(&self, text: &str) -> Extraction {
        pipeline::run(self, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tkg_model::Predicate;

    #[test]
    fn a_short_form_resolves_to_the_full_name_in_its_document() {
        let out = Extractor::builtin().extract(
            "The Zarvani Liberation Front grew in 2020. Dorin Vasko, the emir of the Front, was killed. Vasko led the Front for a decade.",
        );
        let front = out
            .entities
            .values()
            .find(|e| e.label == "Zarvani Liberation Front")
            .expect("the group");
        assert!(front.alt_labels.contains("Front"), "{front:?}");
        let leads: Vec<_> = out
            .facts
            .iter()
            .filter(|f| f.predicate == Predicate::LeaderOf)
            .collect();
        assert!(
            !leads.is_empty()
                && leads
                    .iter()
                    .all(|f| f.object == tkg_model::Object::Entity(front.iri.clone())),
            "{leads:?}"
        );
        assert_eq!(
            out.entities
                .values()
                .filter(|e| e.class == tkg_model::Class::Group)
                .count(),
            1
        );
    }

    #[test]
    fn a_name_in_a_hyphenated_modifier_is_not_a_list_item() {
        let out = Extractor::builtin().extract(
            "The Harakat-ul-Zil, led by Mufti Ivo Darnel, and Commander Ostap Bire-led Kelt Popular Front fought on.",
        );
        let leads: Vec<(String, String)> = out
            .facts
            .iter()
            .filter(|f| f.predicate == Predicate::LeaderOf)
            .filter_map(|f| match &f.object {
                tkg_model::Object::Entity(o) => Some((
                    out.entities[&f.subject].label.clone(),
                    out.entities[o].label.clone(),
                )),
                _ => None,
            })
            .collect();
        assert!(
            leads.contains(&("Ivo Darnel".into(), "Harakat-ul-Zil".into())),
            "{leads:?}"
        );
        assert!(
            leads.contains(&("Ostap Bire".into(), "Kelt Popular Front".into())),
            "{leads:?}"
        );
        assert_eq!(leads.len(), 2, "{leads:?}");
    }

    #[test]
    fn names_match_on_word_boundaries_even_when_they_open_with_punctuation() {
        let lexicon = Lexicon::builtin();
        let m = NameMatcher::new(
            [(0, "'Abd Group"), (1, "Kelt")],
            &lexicon,
            &PlainNames::new(&lexicon),
        );
        let text = norm::fold_text("The 'Abd Group met Kelts and Kelt.").text;
        let mut found = Vec::new();
        m.find(&text, &words(&text), |s, e, id| found.push((s, e, id)));
        let hits: Vec<(&str, usize)> = found
            .iter()
            .map(|&(s, e, id)| (&text[s..e], m.targets[id].0))
            .collect();
        assert_eq!(hits, [("'abd group", 0), ("kelt", 1)]);
    }

    #[test]
    fn references_take_the_longest_pattern_at_a_word_start() {
        let m = NameMatcher::new(
            [(0, "he"), (1, "he said"), (2, "it")],
            &Lexicon::default(),
            &PlainNames::default(),
        );
        let find = |text: &str| -> Vec<String> {
            let mut out = Vec::new();
            m.leftmost_longest(text, &words(text), &mut out);
            out.iter().map(|&(s, e)| text[s..e].to_owned()).collect()
        };
        assert_eq!(find("he said it"), ["he said", "it"]);
        // The longest runs on into a word, so nothing is kept there.
        assert_eq!(find("he saidx it"), ["it"]);
        assert!(find("the with its").is_empty());
    }

    proptest::proptest! {
        /// A word table finds exactly its words, with their numbers, also
        /// among words that share a bit or their first 8 bytes.
        #[test]
        fn word_table_finds_exactly_its_words(
            words in proptest::collection::btree_set(
                proptest::sample::select(vec![
                    "a", "in", "of", "axb", "ayb", "by", "led", "'s", ",", "the",
                    "headquartered", "headquarters", "headquarter", "#and", "x9",
                ]),
                0..10,
            ),
            probes in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "in", "of", "axb", "ayb", "azb", "by", "led", "'s", ",", "the",
                    "headquartered", "headquarters", "headquarter", "headquartersx", "headquarterxd",
                    "#and", "and", "x9", "b",
                ]),
                0..20,
            ),
        ) {
            let words: Vec<&str> = words.into_iter().collect();
            let table = WordTable::new(
                words.iter().zip(0u32..).map(|(w, n)| (w.as_bytes(), n)),
            );
            for p in probes {
                let want = words.iter().position(|w| *w == p).and_then(|n| u32::try_from(n).ok());
                let bit = word_bit(p.as_bytes());
                proptest::prop_assert_eq!(table.get(p.as_bytes(), bit), want);
                // Read from a text, with fewer or more than 8 bytes from the word on.
                for (before, after) in [("", ""), ("x ", " "), ("", " headquarters xyz")] {
                    let text = format!("{before}{p}{after}");
                    let a = before.len();
                    proptest::prop_assert_eq!(
                        table.get_in(text.as_bytes(), a, a + p.len(), bit),
                        want
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// References found from word starts are the word-bounded matches
        /// of the leftmost-longest automaton over the whole text.
        #[test]
        fn references_from_word_starts_agree_with_the_automaton(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "the", "group", "groups", "the group", "he", "his", "him", "it", "its",
                "itself", "lathe", "with", "network", "the network", "said", ",", ".",
                "(", ")", "'s", "the militant group", "militant",
            ]), 0..16),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", "", ", ", "-"]), 16),
        ) {
            static EX: std::sync::LazyLock<Extractor> = std::sync::LazyLock::new(Extractor::builtin);
            let ex = &*EX;
            let mut raw = String::new();
            for (part, sep) in parts.iter().zip(&seps) {
                raw.push_str(part);
                raw.push_str(sep);
            }
            let text = norm::fold_text(&raw).text;
            let b = text.as_bytes();
            let bounded = |s: usize, e: usize| {
                (s == 0 || !b[s - 1].is_ascii_alphanumeric())
                    && b.get(e).is_none_or(|c| !c.is_ascii_alphanumeric())
            };
            let want: Vec<(usize, usize)> = ex
                .references
                .find_iter(&text)
                .map(|m| (m.start(), m.end()))
                .filter(|&(s, e)| bounded(s, e))
                .collect();
            let mut got = Vec::new();
            ex.reference_words
                .as_ref()
                .expect("the bundled references are whole words")
                .leftmost_longest(&text, &words(&text), &mut got);
            proptest::prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    type Spans = Vec<(usize, usize)>;

    /// The specification of [`NameMatcher::find`] and
    /// [`NameMatcher::leftmost_longest`]: every pattern tried at every word
    /// start, a pattern's first word compared with the text's word as a whole.
    fn spec_matches(patterns: &[String], text: &str) -> (Vec<(usize, usize, usize)>, Spans) {
        let b = text.as_bytes();
        let bounded = |end: usize| b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
        let (mut all, mut longest) = (Vec::new(), Vec::new());
        let mut taken = 0;
        for w in words(text) {
            let word = &b[w.start()..word_end(b, w.start())];
            let here: Vec<(usize, usize)> = patterns
                .iter()
                .enumerate()
                .map(|(id, p)| (id, p.as_bytes()))
                .filter(|(_, p)| p[..word_end(p, 0)] == *word && b[w.start()..].starts_with(p))
                .map(|(id, p)| (id, w.start() + p.len()))
                .collect();
            all.extend(
                here.iter()
                    .filter(|&&(_, end)| bounded(end))
                    .map(|&(id, end)| (w.start(), end, id)),
            );
            if w.start() >= taken
                && let Some(end) = here.iter().map(|&(_, end)| end).max()
            {
                taken = end;
                if bounded(end) {
                    longest.push((w.start(), end));
                }
            }
        }
        (all, longest)
    }

    #[test]
    fn long_names_match_only_where_all_their_bytes_are_written() {
        // First and last 8 bytes written, a byte between them not: 17,
        // 20 and 12 bytes long.
        let names = ["abcdefgh abcdefgh", "abcdefgh xyz abcdefgh", "abcdefgh xyz"];
        let m = NameMatcher::new(
            names.iter().enumerate().map(|(i, n)| (i, *n)),
            &Lexicon::default(),
            &PlainNames::default(),
        );
        for text in [
            "abcdefgh-abcdefgh abcdefgh abcdefgh",
            "abcdefgh xyz-abcdefgh, abcdefgh xyz abcdefgh",
            "abcdefgh xyzabcdefgh abcdefgh-xyz abcdefgh xyz",
        ] {
            let (want, _) = spec_matches(&m.patterns, text);
            let mut all = Vec::new();
            m.find(text, &words(text), |s, e, id| all.push((s, e, id)));
            assert_eq!(all, want, "{text:?}");
        }
    }

    proptest::proptest! {
        /// Names filed by the bit of their first word are found as the
        /// specification finds them, also when first words share a bit
        /// ("axb" and "ayb" do: same first and last byte and length), and
        /// names of over 8 or 16 bytes whose first and last 8 bytes are
        /// written but not those between ("abcdefgh abcdefgh" in
        /// "abcdefgh-abcdefgh").
        #[test]
        fn names_are_found_as_every_pattern_tried_at_every_word_finds_them(
            names in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(vec![
                    "axb", "ayb", "ab", "a", "b", "axbx", "ayb-axb", "'", "axbxaxbx",
                    "abcdefgh",
                ]), 1..4),
                1..8,
            ),
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "axb", "ayb", "ab", "a", "b", "axbx", "axbxy", "ayb", "'", "ba", "x",
                "axbxaxbx", "ayb-axb", "abcdefgh", "abcdefghx",
            ]), 0..20),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", "", "-", ", "]), 20),
        ) {
            let names: Vec<String> = names.iter().map(|n| n.join(" ")).collect();
            let m = NameMatcher::new(
                names.iter().enumerate().map(|(i, n)| (i, n.as_str())),
                &Lexicon::default(),
                &PlainNames::default(),
            );
            let mut raw = String::new();
            for (part, sep) in parts.iter().zip(&seps) {
                raw.push_str(part);
                raw.push_str(sep);
            }
            let text = norm::fold_text(&raw).text;
            let (want_all, want_longest) = spec_matches(&m.patterns, &text);
            let (mut all, mut longest) = (Vec::new(), Vec::new());
            m.find(&text, &words(&text), |s, e, id| all.push((s, e, id)));
            m.leftmost_longest(&text, &words(&text), &mut longest);
            proptest::prop_assert_eq!(all, want_all, "{:?} in {:?}", &m.patterns, text);
            proptest::prop_assert_eq!(longest, want_longest, "{:?} in {:?}", &m.patterns, text);
        }
    }

    proptest::proptest! {
        /// The extractor's shortcut to a name's key gives the lexicon's key,
        /// and a plain name has no spelling but itself.
        #[test]
        fn keys_are_the_lexicon_keys(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "Tehreek", "tehrik", "e", "I", "al", "Qa'ida", "Qaeda", "Front", "Kelt",
                "Zoë", "'", "", "-", "Al-Qaeda", "NF", "x",
            ]), 0..6),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", "  ", "-", ", ", ""]), 6),
        ) {
            static EX: std::sync::LazyLock<Extractor> = std::sync::LazyLock::new(Extractor::builtin);
            let mut name = String::new();
            for (part, sep) in parts.iter().zip(&seps) {
                name.push_str(part);
                name.push_str(sep);
            }
            proptest::prop_assert_eq!(EX.key(&name), EX.lexicon.key(&name), "{:?}", name);
            // A name taken for plain is its own only spelling.
            let folded = norm::fold_name(&name);
            let plain = PlainNames::new(&EX.lexicon);
            for n in [&name, &folded] {
                proptest::prop_assert_eq!(plain.is_plain(n), plain.is_plain_spec(n), "{:?}", n);
            }
            if plain.is_plain(&folded) {
                proptest::prop_assert_eq!(EX.lexicon.spellings(&folded), [folded.clone()]);
            }
        }
    }

    #[test]
    fn keys_of_a_lexicon_with_an_empty_variant_word_are_its_keys() {
        let lexicon = Lexicon::parse("Variant\tfront\t-\nGroup\tKelt Front\n", "v").unwrap();
        let ex = Extractor::new(lexicon, RuleSet::builtin());
        for name in ["Kelt  Front", "Kelt Front", "Kelt - Front", "Kelt"] {
            assert_eq!(ex.key(name), ex.lexicon.key(name), "{name:?}");
        }
        assert_eq!(ex.name_keys.entries, ["kelt front"]);
    }

    #[test]
    fn alnum_run_counts_the_leading_letters_and_digits_of_any_bytes() {
        for c in 0..=u8::MAX {
            for k in 0..8 {
                let mut chunk = *b"a0Zz9Aq7";
                chunk[k] = c;
                let want = if c.is_ascii_alphanumeric() { 8 } else { k };
                assert_eq!(alnum_run(u64::from_le_bytes(chunk)), want, "{c:#x} at {k}");
            }
        }
    }

    proptest::proptest! {
        /// Words are found as the specification defines them: a word starts
        /// at every byte but a space that is not a letter or digit after one,
        /// and runs over letters and digits or is that one byte.
        #[test]
        fn words_are_runs_of_letters_and_digits_or_single_bytes(
            text in "[a-zA-Z0-9 ,.'é@\\[`{/:\u{10}-\u{19}\u{7f}-]{0,60}"
        ) {
            let b = text.as_bytes();
            let spec: Vec<(usize, usize)> = (0..b.len())
                .filter(|&i| {
                    b[i] != b' '
                        && (!b[i].is_ascii_alphanumeric() || i == 0 || !b[i - 1].is_ascii_alphanumeric())
                })
                .map(|i| {
                    let end = if b[i].is_ascii_alphanumeric() {
                        b[i..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |n| i + n)
                    } else {
                        i + 1
                    };
                    (i, word_bit(&b[i..end]))
                })
                .collect();
            let got: Vec<(usize, usize)> = words(&text).iter().map(|w| (w.start(), w.bit())).collect();
            proptest::prop_assert_eq!(got, spec);
        }
    }

    #[test]
    fn a_short_form_two_groups_share_stays_unresolved() {
        let out = Extractor::builtin().extract(
            "The Zarvani Liberation Front and the Kelt Popular Front met. The Front said nothing.",
        );
        assert!(
            out.entities
                .values()
                .all(|e| !e.alt_labels.contains("Front"))
        );
    }
}
