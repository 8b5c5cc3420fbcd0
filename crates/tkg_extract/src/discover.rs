//! Finding names no lexicon holds, by their shape: group-name prefixes and
//! suffixes, personal titles, reporting verbs and role appositives, place cue
//! words, site words, and acronyms defined in parentheses.

use foldhash::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use regex::Regex;
use tkg_model::Class;

use crate::rules::Cues;

/// A name found in a sentence, with the class its shape implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub class: Class,
    /// The canonical form: titles and place cue words removed.
    pub name: String,
    /// The surface as written (becomes an alias when it differs).
    pub surface: String,
    /// True for places named with a site word (airport, hall, gate …).
    pub site: bool,
}

/// An acronym defined in the text: `Name Words (NW)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcronymDef {
    pub name: String,
    pub acronym: String,
}

/// Compiled discovery patterns.
#[derive(Debug, Clone)]
pub struct Discoverer {
    /// The specification of [`Discoverer::acronym_matches`].
    #[cfg(test)]
    acronym: Regex,
    /// What may stand before the `(` of an acronym, up to the end of the
    /// text: the name, maybe `’s`, blanks.
    acronym_name: Regex,
    known_as: Regex,
    coordinated_places: Regex,
    places_of: Regex,
    citation: Regex,
    state_actor: Option<Regex>,
    /// Literal cues that each pattern above needs on its line, so that the
    /// patterns run only on the few lines that can hold a match.
    gates: Gates,
    sets: Sets,
    /// Cue lists as sets of exact words.
    pub(crate) exact: Exact,
}

/// Cue words as sets, matched exactly as written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Exact {
    pub non_name_words: HashSet<String>,
    pub name_adjectives: HashSet<String>,
    pub group_suffixes: HashSet<String>,
    pub site_suffixes: HashSet<String>,
}

/// What tells the lines a capture pattern can match on: automata and word
/// lists of the literal words it cannot match without.
#[derive(Debug, Clone)]
struct Gates {
    /// Place cue words, longest first.
    place_words: AhoCorasick,
    /// Place cue words as listed (`coordinated_places`).
    place_word_list: Vec<String>,
    /// "government", "armed forces" … (`state_actor`).
    state: AhoCorasick,
    /// The demonyms of `state_actor`, trailing blanks removed.
    demonyms: Vec<String>,
}

impl Gates {
    /// # Panics
    /// Never: the automata are small and built from plain strings.
    fn new(cues: &Cues, demonyms: &[(String, String)]) -> Self {
        let build = |kind, words: &[String]| {
            AhoCorasickBuilder::new()
                .match_kind(kind)
                .build(words)
                .expect("cue words build an automaton")
        };
        let owned = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        Self {
            place_words: build(MatchKind::LeftmostLongest, &cues.location_suffixes),
            place_word_list: cues.location_suffixes.clone(),
            state: build(MatchKind::LeftmostFirst, &owned(STATE_NOUNS)),
            demonyms: demonyms
                .iter()
                .map(|(a, _)| a.trim_end_matches(is_blank).to_owned())
                .collect(),
        }
    }
}

/// Nouns before "of" that open a list of places ("the provinces of A and B").
const PLACES_OF: &[&str] = &[
    "provinces",
    "districts",
    "cities",
    "towns",
    "regions",
    "areas",
    "town",
    "city",
    "village",
    "district",
    "province",
    "region",
];

/// Whether byte `at` lies in one of `cites`, which are ordered and do not overlap.
fn in_citation(cites: &[(usize, usize)], at: usize) -> bool {
    let k = cites.partition_point(|&(s, _)| s <= at);
    k > 0 && at < cites[k - 1].1
}

/// The byte ranges of the lines of `text` around each `(start, end)` of
/// `hits` (given in order), each line once.
fn lines_at(text: &str, hits: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut covered = 0;
    for (s, e) in hits {
        if s < covered {
            continue;
        }
        let start = memchr::memrchr(b'\n', &b[..s]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &b[e..]).map_or(b.len(), |i| e + i);
        out.push((start, end));
        covered = end;
    }
    out
}

/// The lines of `text` that hold a match of `cues`.
#[cfg(test)]
fn lines_with(cues: &AhoCorasick, text: &str) -> Vec<(usize, usize)> {
    lines_at(text, cues.find_iter(text).map(|m| (m.start(), m.end())))
}

/// The phrases the `known_as` pattern needs, less the " as" all end with.
const KNOWN_AS_HEADS: [&[u8]; 3] = [b"known", b"referred to", b"called"];

/// The lines of `text` with "known as", "referred to as" or "called as":
/// found by their common " as", which one fast search finds, instead of an
/// automaton that visits every byte.
fn lines_with_known_as(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let hits = memchr::memmem::find_iter(b, b" as")
        .filter(|&at| KNOWN_AS_HEADS.iter().any(|h| b[..at].ends_with(h)))
        .map(|at| (at, at + 3));
    lines_at(text, hits)
}

/// The pattern of a name with the article "al-" ("al-Zarqa Brigade"): its
/// group, which [`al_names`] finds by hand, is the name.
#[cfg(test)]
fn al_name_pattern() -> String {
    format!(
        r"(?:^|[^A-Za-zÀ-ÖØ-öø-ÿĀ-ſ])((?:al|Al|el|El)-[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ’']+(?:[ \t\xA0]+{WORD})*)"
    )
}

/// The groups of the matches of [`al_name_pattern`] on each line of `text`,
/// scanned by hand from each hyphen, as a regex search per line costs far
/// more: "al-", "Al-", "el-" or "El-" that starts a line or follows a char
/// that is no letter (apostrophes are not letters here) and no part of the
/// name before, then a capital and letters, then words of [`WORD`] after blanks.
fn al_names(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    // The end of the name found last: a match of the pattern starts after it.
    let mut from = 0;
    memchr::memchr_iter(b'-', b).filter_map(move |hyphen| {
        let start = hyphen.checked_sub(2)?;
        if !matches!(&b[start..hyphen], b"al" | b"Al" | b"el" | b"El") {
            return None;
        }
        // A newline is no letter: a line start, where `^` matches, passes.
        if let Some(c) = text[..start].chars().next_back()
            && (start - c.len_utf8() < from
                || char_class(c) & LETTER != 0 && !matches!(c, '\'' | '’'))
        {
            return None;
        }
        let word = hyphen + 1;
        let (_, len) = class_at(text, word).filter(|&(class, _)| class & CAPITAL != 0)?;
        let mut end = run_end(text, word + len, LETTER);
        if end == word + len {
            return None;
        }
        loop {
            let spaced = run_end(text, end, BLANK);
            match name_word_end(text, spaced).filter(|_| spaced > end) {
                Some(e) => end = e,
                None => break,
            }
        }
        from = end;
        Some((start, end))
    })
}

/// Whether `head` ends with a word of [`PLACES_OF`].
fn ends_in_places_of_word(head: &[u8]) -> bool {
    // Compare the last letters first: most words before "of" end in no cue's.
    PLACES_OF
        .iter()
        .any(|w| head.last() == w.as_bytes().last() && head.ends_with(w.as_bytes()))
}

/// Place words, with a table of the bytes that start one: most words after
/// a capitalised one start with none, which spares comparing them with
/// every place word.
struct PlaceWords<'w> {
    words: &'w [String],
    firsts: [bool; 256],
}

impl<'w> PlaceWords<'w> {
    fn new(words: &'w [String]) -> Self {
        let mut firsts = [false; 256];
        for w in words {
            match w.as_bytes().first() {
                Some(&c) => firsts[usize::from(c)] = true,
                // An empty place word starts everywhere.
                None => firsts = [true; 256],
            }
        }
        Self { words, firsts }
    }

    /// Whether one or two name words, blanks and a place word start at
    /// byte `at` of `text`: the end of a `coordinated_places` match
    /// ("Tolk districts", "Kelt Zor town").
    fn end_at(&self, text: &str, mut at: usize) -> bool {
        for _ in 0..2 {
            let Some(end) = name_word_end(text, at) else {
                return false;
            };
            at = run_end(text, end, BLANK);
            if at == end {
                return false;
            }
            if text
                .as_bytes()
                .get(at)
                .is_none_or(|&c| self.firsts[usize::from(c)])
                && self
                    .words
                    .iter()
                    .any(|w| text[at..].starts_with(w.as_str()))
            {
                return true;
            }
        }
        false
    }
}

/// Whether `b[..at]` ends with a blank of [`is_blank`] (one byte or two).
fn blank_before(b: &[u8], at: usize) -> bool {
    matches!(b[..at], [.., b' ' | b'\t'] | [.., 0xC2, 0xA0])
}

/// The lines of `text` that hold the end of a `coordinated_places` match:
/// "and" or "&" between blanks, one or two capitalised words, blanks and one
/// of `place_words` ("… and Tolk districts"). The specification of the
/// first lines [`place_list_lines`] gives, which finds them from the capitals.
#[cfg(test)]
fn lines_with_coordinated_places(text: &str, place_words: &[String]) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let place_words = PlaceWords::new(place_words);
    let joins = |(at, len): (usize, usize)| {
        let spaced = run_end(text, at + len, BLANK);
        blank_before(b, at) && spaced > at + len && place_words.end_at(text, spaced)
    };
    let ands = memchr::memmem::find_iter(b, b"and").map(|at| (at, 3));
    let mut lines = lines_at(
        text,
        ands.filter(|&h| joins(h)).map(|(at, len)| (at, at + len)),
    );
    let amps = memchr::memchr_iter(b'&', b).map(|at| (at, 1));
    lines.extend(lines_at(
        text,
        amps.filter(|&h| joins(h)).map(|(at, len)| (at, at + len)),
    ));
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// Byte ranges of lines of a text.
type Lines = Vec<(usize, usize)>;

/// The lines of `text` that can hold a `coordinated_places` match, and
/// those that can hold a `places_of` match, found from the `capitals` of
/// `text` in one scan instead of a search for each of the many "and"s and
/// " of"s. Both patterns need a capital right after blanks: after "and" or
/// "&" with a blank before, which the first lines hold exactly when they
/// hold the rest of a match ([`lines_with_coordinated_places`]), or after
/// " of" that ends a word of [`PLACES_OF`], which the second lines hold
/// (fewer than [`lines_with_places_of`], on which the pattern finds no more).
fn place_list_lines(text: &str, capitals: &Capitals, place_words: &[String]) -> (Lines, Lines) {
    let b = text.as_bytes();
    let place_words = PlaceWords::new(place_words);
    let mut coordinated = Vec::new();
    let mut places_of = Vec::new();
    for &capital in &capitals.at {
        // Back over the blanks before the capital: most capitals follow
        // one space, some no blank, few more blanks.
        let Some(before) = capital.checked_sub(1) else {
            continue;
        };
        let mut spaced = match b[before] {
            b' ' | b'\t' => before,
            0xA0 if before > 0 && b[before - 1] == 0xC2 => before - 1,
            _ => continue,
        };
        // Then over any more blanks to what stands before them, mostly
        // none of the words wanted, told by its last byte.
        loop {
            let mut coordinate = |at: usize| {
                if blank_before(b, at) && place_words.end_at(text, capital) {
                    coordinated.push((at, spaced));
                }
            };
            match b[..spaced] {
                [.., b' ' | b'\t'] => spaced -= 1,
                [.., 0xC2, 0xA0] => spaced -= 2,
                [.., b'a', b'n', b'd'] => break coordinate(spaced - 3),
                [.., b'&'] => break coordinate(spaced - 1),
                [.., b' ', b'o', b'f'] => {
                    if ends_in_places_of_word(&b[..spaced - 3]) {
                        places_of.push((spaced - 3, spaced));
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    (
        lines_at(text, coordinated.into_iter()),
        lines_at(text, places_of.into_iter()),
    )
}

/// The lines of `text` where a word of [`PLACES_OF`] ends right before " of":
/// the gate [`place_list_lines`] narrowed, kept as its specification.
#[cfg(test)]
fn lines_with_places_of(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let hits = memchr::memmem::find_iter(b, b" of")
        .filter(|&at| {
            let head = &b[..at];
            ends_in_places_of_word(head)
        })
        .map(|at| (at, at + 3));
    lines_at(text, hits)
}

/// `[ \t\xA0]`: a blank between the words of a name.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}')
}

/// The lines of `text` where one of the state nouns `nouns` finds follows
/// blanks after what `state_actor` puts before it: one of `demonyms`, or a
/// capitalised word ("Valerian army", not "the army").
fn lines_with_state_actors(
    text: &str,
    nouns: &AhoCorasick,
    demonyms: &[String],
) -> Vec<(usize, usize)> {
    // Every start of a noun: each search resumes right after the last start,
    // as a noun may begin inside the one before ("…forcesecurity forces").
    let mut from = 0;
    let starts = std::iter::from_fn(|| {
        let m = nouns.find(Input::new(text).span(from..text.len()))?;
        from = m.start() + 1;
        Some(m)
    });
    let hits = starts.filter(|m| {
        let before = &text[..m.start()];
        let head = before.trim_end_matches(is_blank);
        let lower =
            head.trim_end_matches(|c| matches!(c, 'a'..='z' | 'ß'..='ö' | 'ø'..='ÿ' | 'Ā'..='ſ'));
        let capitalised = lower.len() < head.len()
            && lower
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, 'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ'));
        head.len() < before.len()
            && (capitalised || demonyms.iter().any(|d| head.ends_with(d.as_str())))
    });
    lines_at(text, hits.map(|m| (m.start(), m.end())))
}

/// Where a match of the `acronym` pattern whose `(` is the one at byte
/// `open` of `text` ends, if the part from that `(` on matches: blanks, a
/// capital, one to nine letters (no apostrophes) or hyphens, maybe a
/// capital in parentheses after at most one blank, blanks and `)`. That
/// part has one way to match: none of what may follow the letters is one.
fn acronym_end(text: &str, open: usize) -> Option<usize> {
    let b = text.as_bytes();
    let at = run_end(text, open + 1, BLANK);
    let (_, len) = class_at(text, at).filter(|&(class, _)| class & CAPITAL != 0)?;
    let mut end = at + len;
    let mut letters = 0;
    while let Some(c) = char_at(text, end)
        && char_class(c) & (LETTER | HYPHEN) != 0
        && !matches!(c, '\'' | '’')
    {
        letters += 1;
        end += c.len_utf8();
    }
    if !(1..=9).contains(&letters) {
        return None;
    }
    // `(?:[ \t\xA0]?\([A-ZÀ-ÖØ-Þ]\))?`, taken when it matches.
    let blank = class_at(text, end)
        .filter(|&(class, _)| class & BLANK != 0)
        .map_or(0, |(_, len)| len);
    let inner = end + blank;
    if b.get(inner) == Some(&b'(')
        && let Some((class, len)) = class_at(text, inner + 1)
        && class & CAPITAL != 0
        && b.get(inner + 1 + len) == Some(&b')')
    {
        end = inner + len + 2;
    }
    let close = run_end(text, end, BLANK);
    (b.get(close) == Some(&b')')).then_some(close + 1)
}

/// The byte ranges of the two groups of a match `m` of the `acronym`
/// pattern in `text`: the name and the acronym.
///
/// Read from the match alone, as no capture engine needs to run: the name
/// ends at the first `(` with blanks before it removed (its last word takes
/// any `’s`, as letters, apostrophes and `s` are name word chars), and the
/// acronym runs from the capital after that `(` to the last `)`, again less
/// blanks.
fn acronym_groups(text: &str, m: (usize, usize)) -> ((usize, usize), (usize, usize)) {
    let span = &text[m.0..m.1];
    let open = span.find('(').unwrap_or(span.len());
    let name = span[..open].trim_end_matches(is_blank);
    // Between the `(` and the last `)`.
    let inner = span.get(open + 1..span.len() - 1).unwrap_or("");
    let acronym = inner.trim_matches(is_blank);
    let acronym_start = open + 1 + (inner.len() - inner.trim_start_matches(is_blank).len());
    let at = m.0;
    (
        (at, at + name.len()),
        (at + acronym_start, at + acronym_start + acronym.len()),
    )
}

/// Whether `inner`, the text between a `(` and the next parenthesis, a `)`,
/// makes a citation of the `citation` pattern: at most 200 chars, a year
/// 1800-2099 that starts a word (by ASCII), maybe a lower-case letter.
/// Told by hand, as a regex search costs far more than these few byte
/// tests; `None` when a digit of the year is not ASCII (`\d` takes any
/// script's digits, which only the pattern tells), so the pattern decides.
fn cites_year(inner: &[u8]) -> Option<bool> {
    let inner = match inner {
        [rest @ .., letter] if letter.is_ascii_lowercase() => rest,
        inner => inner,
    };
    // Two ASCII digits and two digits of at least one byte each.
    let [head @ .., century_1, century_2, tens, ones] = inner else {
        return Some(false);
    };
    if !tens.is_ascii() || !ones.is_ascii() {
        return None;
    }
    let ascii_year = matches!([century_1, century_2], [b'1', b'8' | b'9'] | [b'2', b'0'])
        && tens.is_ascii_digit()
        && ones.is_ascii_digit();
    // `(?-u:\b)` before the year's first digit: no ASCII word byte before it.
    let word_start = head
        .last()
        .is_none_or(|&c| !(c.is_ascii_alphanumeric() || c == b'_'));
    // `[^()]{0,200}`: chars, so UTF-8 continuation bytes do not count.
    let short =
        head.len() <= 200 || head.iter().filter(|&&c| !(0x80..0xC0).contains(&c)).count() <= 200;
    Some(ascii_year && word_start && short)
}

/// Every capture of `re` on the given lines of `text`, with group 0's start
/// and the groups as `text` offsets.
fn captures_on<'t>(
    re: &'t Regex,
    text: &'t str,
    lines: &'t [(usize, usize)],
) -> impl Iterator<Item = (usize, regex::Captures<'t>)> + 't {
    lines
        .iter()
        .flat_map(move |&(s, e)| re.captures_iter(&text[s..e]).map(move |c| (s, c)))
}

/// Every match of `re` on the given lines of `text`, as `text` ranges: for
/// the patterns whose groups the match alone tells, so that no capture
/// engine runs.
fn matches_on<'t>(
    re: &'t Regex,
    text: &'t str,
    lines: &'t [(usize, usize)],
) -> impl Iterator<Item = (usize, usize)> + 't {
    lines.iter().flat_map(move |&(s, e)| {
        re.find_iter(&text[s..e])
            .map(move |m| (s + m.start(), s + m.end()))
    })
}

/// The group of a `places_of` match `(start, end)` of `text`: what follows the first
/// " of" and the blanks after it (the group starts with a capital).
fn places_of_group(text: &str, (start, end): (usize, usize)) -> (usize, usize) {
    let span = &text[start..end];
    let of = span.find(" of").map_or(0, |k| k + 3);
    let blanks = run_end(span, of, BLANK);
    (start + blanks, end)
}

/// Cue words as sets, for constant-time lookups (a trailing period ignored).
#[derive(Debug, Clone, Default)]
struct Sets {
    group_prefixes: CueSet,
    group_suffixes: CueSet,
    site_suffixes: CueSet,
    location_suffixes: CueSet,
    person_titles: CueSet,
    name_titles: CueSet,
    reporting_verbs: CueSet,
    role_nouns: CueSet,
    name_adjectives: CueSet,
    /// `Exact::non_name_words`, as written (periods kept).
    non_name_words: CueSet,
}

/// A set of cue words, trailing periods removed, with a bit per length for
/// each first byte and a bit per last byte of its words, so that most words
/// that are no cue are told without hashing.
#[derive(Debug, Clone)]
struct CueSet {
    words: HashSet<String>,
    /// By a word's first byte (its low six bits), the bits of its lengths.
    lengths_by_first: [u64; 64],
    lasts: u64,
}

impl Default for CueSet {
    fn default() -> Self {
        Self {
            words: HashSet::default(),
            lengths_by_first: [0; 64],
            lasts: 0,
        }
    }
}

impl CueSet {
    fn new(words: &[String]) -> Self {
        Self::of(words.iter().map(|w| w.trim_end_matches('.')))
    }

    /// The set of `words` as they are.
    fn of<'w>(words: impl Iterator<Item = &'w str>) -> Self {
        let mut set = Self::default();
        for w in words {
            let (first, length, last) = Self::bits(w);
            set.lengths_by_first[first] |= length;
            set.lasts |= last;
            set.words.insert(w.to_owned());
        }
        set
    }

    /// The first-byte index, the length bit and the last-byte bit of `w`
    /// (long words share a length bit, bytes their low six bits).
    #[inline]
    fn bits(w: &str) -> (usize, u64, u64) {
        let b = w.as_bytes();
        let first = b.first().copied().unwrap_or(0);
        let last = b.last().copied().unwrap_or(0);
        (
            usize::from(first & 63),
            1 << w.len().min(63),
            1 << (last & 63),
        )
    }

    #[inline]
    fn contains(&self, w: &str) -> bool {
        let (first, length, last) = Self::bits(w);
        self.lengths_by_first[first] & length != 0
            && self.lasts & last != 0
            && self.words.contains(w)
    }
}

/// Whether `w` (trailing period ignored) is in `set`.
#[inline]
fn has(set: &CueSet, w: &str) -> bool {
    // `trim_end_matches('.')` by bytes: a period is one byte.
    let kept = w.bytes().rposition(|b| b != b'.').map_or(0, |i| i + 1);
    set.contains(&w[..kept])
}

/// Nouns after which a state actor may be named ("Afghan government").
const STATE_NOUNS: &[&str] = &[
    "government",
    "regime",
    "security forces",
    "armed forces",
    "army",
    "military",
    "intelligence",
    "authorities",
];

/// One capitalised word, possibly hyphenated ("Al-Azaim", "Khalil-ur-Rahman").
const WORD: &str = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ’'0-9]*(?:-[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ’']+)*";
/// Lower-case particles allowed inside names, in the order they are tried.
const PARTICLES: &[&str] = &[
    "of the", "of", "for", "al", "el", "ul", "ud", "ur", "bin", "ibn", "e", "i", "de", "la", "du",
    "van", "von",
];

/// For each byte, the particles that start with it, as bits by their index.
const PARTICLES_BY_FIRST: [u32; 256] = {
    assert!(PARTICLES.len() <= 32);
    let mut t = [0; 256];
    let mut i = 0;
    while i < PARTICLES.len() {
        t[PARTICLES[i].as_bytes()[0] as usize] |= 1 << i;
        i += 1;
    }
    t
};

/// The pattern of a name: capitalised words, joined by blanks, hyphens and
/// particles ("Khalil-ur-Rahman", "Ahmad bin Ali", "Valley of the Kings").
fn name_pattern() -> String {
    let particle = PARTICLES.join("|");
    format!(r"{WORD}(?:(?:[ \t\xA0]+(?:{particle}))?[ \t\xA0-]+{WORD})*")
}

/// Char classes of the name pattern, as bits: `[A-ZÀ-ÖØ-Þ]` starts a word
/// of [`WORD`], `[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ’']` continues one (digits too, before
/// a hyphen), `[ \t\xA0]` and `-` join words.
const CAPITAL: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
const BLANK: u8 = 8;
const HYPHEN: u8 = 16;
/// `[[a-zß-öø-ÿĀ-ſ]’']`, the letters after the capital of `CAPITALISED`.
const LOWER: u8 = 32;

/// Not a class: marks the bytes of wide chars in [`BYTE_CLASSES`].
const WIDE: u8 = 64;

/// The classes of each ASCII char; [`WIDE`] for the bytes of wider chars,
/// whose classes only their decoding tells.
const BYTE_CLASSES: [u8; 256] = {
    let mut t = [0; 256];
    let mut c: u8 = 0;
    loop {
        t[c as usize] = match c {
            b'A'..=b'Z' => CAPITAL | LETTER,
            b'a'..=b'z' | b'\'' => LETTER | LOWER,
            b'0'..=b'9' => DIGIT,
            b' ' | b'\t' => BLANK,
            b'-' => HYPHEN,
            0x80.. => WIDE,
            _ => 0,
        };
        if c == u8::MAX {
            break t;
        }
        c += 1;
    }
};

/// The classes of the char at byte `at` of `s` (a char boundary), and its length.
#[inline]
fn class_at(s: &str, at: usize) -> Option<(u8, usize)> {
    let b = *s.as_bytes().get(at)?;
    let class = BYTE_CLASSES[usize::from(b)];
    if class != WIDE {
        return Some((class, 1));
    }
    let c = s[at..].chars().next()?;
    Some((char_class(c), c.len_utf8()))
}

/// The classes of `c`.
fn char_class(c: char) -> u8 {
    match c {
        '\0'..='\x7f' => BYTE_CLASSES[c as usize],
        'À'..='Ö' | 'Ø'..='Þ' => CAPITAL | LETTER,
        'ß'..='ö' | 'ø'..='ÿ' | 'Ā'..='ſ' | '’' => LETTER | LOWER,
        '\u{a0}' => BLANK,
        _ => 0,
    }
}

/// The end of the run of chars in one of `classes` from byte `at` of `s`.
#[inline]
fn run_end(s: &str, mut at: usize, classes: u8) -> usize {
    let b = s.as_bytes();
    // One table load per ASCII byte; only wide chars are decoded.
    while let Some(&c) = b.get(at) {
        let class = BYTE_CLASSES[usize::from(c)];
        if class & classes != 0 {
            at += 1;
        } else if class == WIDE
            && let Some(len) = wide_in(s, at, classes)
        {
            at += len;
        } else {
            break;
        }
    }
    at
}

/// The length of the wide char at byte `at` of `s` if it is in one of
/// `classes`: kept out of line so that [`run_end`] stays small enough to inline.
#[cold]
#[inline(never)]
fn wide_in(s: &str, at: usize, classes: u8) -> Option<usize> {
    class_at(s, at)
        .filter(|&(class, _)| class & classes != 0)
        .map(|(_, len)| len)
}

/// Where [`WORD`] matched at byte `at` of `s` ends, if it matches there.
fn name_word_end(s: &str, at: usize) -> Option<usize> {
    name_word_stem_end(s, at).map(|stem| hyphen_parts_end(s, stem))
}

/// Where the part of [`WORD`] before its first hyphen ends, if [`WORD`]
/// matches at byte `at` of `s`: a capital, then letters and digits.
#[inline]
fn name_word_stem_end(s: &str, at: usize) -> Option<usize> {
    let (_, len) = class_at(s, at).filter(|&(class, _)| class & CAPITAL != 0)?;
    Some(run_end(s, at + len, LETTER | DIGIT))
}

/// Where the hyphenated parts of [`WORD`] ("-ur-Rahman" of
/// "Khalil-ur-Rahman") that follow its stem, which ends at byte `end` of `s`, end.
#[inline]
fn hyphen_parts_end(s: &str, mut end: usize) -> usize {
    while s.as_bytes().get(end) == Some(&b'-') {
        let part = run_end(s, end + 1, LETTER);
        if part == end + 1 {
            break;
        }
        end = part;
    }
    end
}

/// Where the next word of a name that ends at byte `end` of `s` ends, if a
/// word follows: `(?:[ \t\xA0]+PARTICLE)?[ \t\xA0-]+WORD`, the first of
/// [`PARTICLES`] that leads to a word tried first, as the regex does.
#[inline]
fn next_name_word(s: &str, end: usize) -> Option<usize> {
    let b = s.as_bytes();
    // Most names end before punctuation, or before a space and a word in
    // lower case that no particle starts ("and", "said"): told from those
    // ASCII bytes alone, as no word can follow.
    let ascii_stop = |c: u8| BYTE_CLASSES[usize::from(c)] & (BLANK | HYPHEN | WIDE) == 0;
    match b.get(end) {
        Some(b' ')
            if b.get(end + 1).is_some_and(|&c| {
                ascii_stop(c) && c & 0x20 != 0 && PARTICLES_BY_FIRST[usize::from(c)] == 0
            }) =>
        {
            return None;
        }
        Some(&c) if ascii_stop(c) => return None,
        None => return None,
        _ => {}
    }
    joined_name_word(s, end)
}

/// [`next_name_word`] past its quick tests: kept out of line, so that
/// those inline without the cost of a call for most words.
#[inline(never)]
fn joined_name_word(s: &str, end: usize) -> Option<usize> {
    let joined = run_end(s, end, BLANK | HYPHEN);
    if joined == end {
        return None;
    }
    let spaced = run_end(s, end, BLANK);
    let rest = &s.as_bytes()[spaced..];
    // Only the particles that start with the next byte, in their order.
    let mut particles = match rest.first() {
        Some(&b) if spaced > end => PARTICLES_BY_FIRST[usize::from(b)],
        _ => 0,
    };
    while particles != 0 {
        let p = PARTICLES[particles.trailing_zeros() as usize];
        particles &= particles - 1;
        if !rest.starts_with(p.as_bytes()) {
            continue;
        }
        let at = spaced + p.len();
        let joined = run_end(s, at, BLANK | HYPHEN);
        if joined > at
            && let Some(e) = name_word_end(s, joined)
        {
            return Some(e);
        }
    }
    name_word_end(s, joined)
}

/// The byte offsets of the capitals of a text (the chars of class
/// [`CAPITAL`], `[A-ZÀ-ÖØ-Þ]`), in order: where a name sequence or a
/// capitalised run can start. Found in one scan that both searches share.
/// With them, the name sequences of the text, found once: shape discovery
/// reads them all, and the search for capitalised runs only those of two
/// or more words, the only ones that can hold a run.
#[derive(Debug, Clone, Default)]
pub struct Capitals {
    at: Vec<usize>,
    sequences: Vec<Sequence>,
}

/// A name sequence of a text (see [`name_sequences`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sequence {
    start: usize,
    end: usize,
    /// One word without hyphens: no `[ \t\xA0-]` in it.
    one_word: bool,
    /// Two or more words, joined by blanks, hyphens or particles.
    joined: bool,
    /// The index in [`Capitals::at`] of its first capital: its capitals
    /// run up to the next sequence's first, as every capital that follows
    /// a sequence starts the next one.
    first_capital: usize,
}

impl Capitals {
    pub fn of(text: &str) -> Self {
        let at = capital_offsets(text);
        // Each sequence starts at a capital: room for all at once, not
        // grown and copied a few times over.
        let mut sequences = Vec::with_capacity(at.len());
        sequences.extend(name_sequences(text, &at));
        Self { at, sequences }
    }

    /// The capitals of the name sequence `k`.
    fn of_sequence(&self, k: usize) -> &[usize] {
        let next = self
            .sequences
            .get(k + 1)
            .map_or(self.at.len(), |s| s.first_capital);
        &self.at[self.sequences[k].first_capital..next]
    }
}

/// The byte offsets of the capitals of `text`, in order.
///
/// # Panics
/// Never: the chunks of `chunks_exact(8)` have eight bytes.
fn capital_offsets(text: &str) -> Vec<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const TOPS: u64 = ONES * 0x80;
    let b = text.as_bytes();
    // Prose holds about one capital in 25 bytes: room for most texts' at
    // once, not grown and copied a few times over.
    let mut out = Vec::with_capacity(text.len() / 16);
    // Byte by byte from `at`: ASCII capitals, and the wide chars that
    // start there (no char starts at a continuation byte) and are capitals.
    let by_bytes = |at: usize, bytes: &[u8], out: &mut Vec<usize>| {
        for (i, &c) in bytes.iter().enumerate() {
            if c.is_ascii_uppercase()
                || c >= 0xC0 && text[at + i..].chars().next().map_or(0, char_class) & CAPITAL != 0
            {
                out.push(at + i);
            }
        }
    };
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if w & TOPS == 0 {
            // With only ASCII bytes no sum carries into the next byte, and
            // the top bit of a byte x of `w + 0x3F` is set where x >= 'A',
            // of `w + 0x25` where x > 'Z'.
            let mut capitals = w.wrapping_add(ONES * 0x3F) & !w.wrapping_add(ONES * 0x25) & TOPS;
            while capitals != 0 {
                // Little-endian: the lowest set bit is in the first capital byte.
                out.push(at + (capitals.trailing_zeros() / 8) as usize);
                capitals &= capitals - 1;
            }
        } else {
            by_bytes(at, chunk, &mut out);
        }
        at += 8;
    }
    by_bytes(at, chunks.remainder(), &mut out);
    out
}

/// Of `capitals` (offsets in order), the first at or after offsets that
/// only grow, with its index, for one scan of the text.
fn cursor(capitals: &[usize]) -> impl FnMut(usize) -> Option<(usize, usize)> + '_ {
    let mut i = 0;
    move |from| {
        while let Some(&c) = capitals.get(i)
            && c < from
        {
            i += 1;
        }
        capitals.get(i).map(|&c| (i, c))
    }
}

/// The byte ranges of the name sequences of `text`, as the regex
/// `(?:[Aa]l-)?` + [`name_pattern`] finds them, scanned by hand: the regex
/// engine spends a forward and a reverse search on each of the many matches.
/// `capitals` are the offsets of those of `text`. Each comes with whether
/// it is one word without hyphens and whether it is more than one word,
/// which the scan tells for free.
fn name_sequences<'t>(text: &'t str, capitals: &'t [usize]) -> impl Iterator<Item = Sequence> + 't {
    let b = text.as_bytes();
    let mut from = 0;
    let mut next_capital = cursor(capitals);
    std::iter::from_fn(move || {
        let (first_capital, at) = next_capital(from)?;
        // "al-Qaeda" starts before its capital ("Al-" starts at one): told
        // by the hyphen first, as few capitals follow or precede one.
        let start = if at >= from + 3 && b[at - 1] == b'-' && b[at - 3..at - 1] == *b"al" {
            at - 3
        } else {
            at
        };
        let prefixed =
            b.get(start + 2) == Some(&b'-') && matches!(&b[start..start + 2], b"al" | b"Al");
        // The first word's end, and whether it holds no hyphen.
        let (first, unhyphenated) =
            if let Some(end) = prefixed.then(|| name_word_end(text, start + 3)).flatten() {
                (end, false)
            } else {
                // A word after "al-" starts at its capital, so here the
                // sequence starts at one: an ASCII byte or a char of
                // `À-Þ`, two bytes.
                debug_assert_eq!(start, at);
                let stem = run_end(text, at + 1 + usize::from(b[at] >= 0x80), LETTER | DIGIT);
                let end = hyphen_parts_end(text, stem);
                (end, end == stem)
            };
        let mut end = first;
        while let Some(e) = next_name_word(text, end) {
            end = e;
        }
        from = end;
        Some(Sequence {
            start,
            end,
            one_word: unhyphenated && end == first,
            joined: end != first,
            first_capital,
        })
    })
}

/// Runs of two or more capitalised words, joined by blanks and maybe a
/// particle: the specification of [`capitalised_runs`], which a test checks.
#[cfg(test)]
const CAPITALISED: &str = r"[A-ZÀ-ÖØ-Þ][[a-zß-öø-ÿĀ-ſ]’']+(?:-[A-ZÀ-ÖØ-Þ][[a-zß-öø-ÿĀ-ſ]’']+)*(?:[ \t]+(?:(?:bin|ibn|al|ul|ur)[ \t-]+)?[A-ZÀ-ÖØ-Þ][[a-zß-öø-ÿĀ-ſ]’']+(?:-[A-ZÀ-ÖØ-Þ][[a-zß-öø-ÿĀ-ſ]’']+)*)+";

/// The particles of `CAPITALISED`; none starts another, so at most one matches.
const CAPITALISED_PARTICLES: [&[u8]; 5] = [b"bin", b"ibn", b"al", b"ul", b"ur"];

/// The end of the bytes of `s` from `at` on that `keep` accepts.
fn bytes_end(s: &str, at: usize, keep: impl Fn(u8) -> bool) -> usize {
    s.as_bytes()[at..]
        .iter()
        .position(|&b| !keep(b))
        .map_or(s.len(), |k| at + k)
}

/// Where a word of `CAPITALISED` at byte `at` of `s` ends, if one starts
/// there: a capital and lower-case letters, maybe more such parts after hyphens.
/// Letter runs are never given back: no char that may follow one is a letter.
fn capitalised_word_end(s: &str, at: usize) -> Option<usize> {
    // Most places where a word is sought hold an ASCII byte that is no
    // capital ("and"), or an ASCII capital that an ASCII byte that is no
    // lower-case letter follows ("ISKP"): told by those bytes alone.
    let b = s.as_bytes();
    if let Some(&c) = b.get(at)
        && c.is_ascii()
        && (!c.is_ascii_uppercase()
            || b.get(at + 1)
                .is_none_or(|&c| BYTE_CLASSES[usize::from(c)] & (LOWER | WIDE) == 0))
    {
        return None;
    }
    let part_end = |at: usize| {
        let (_, len) = class_at(s, at).filter(|&(class, _)| class & CAPITAL != 0)?;
        let end = run_end(s, at + len, LOWER);
        (end > at + len).then_some(end)
    };
    let mut end = part_end(at)?;
    while s.as_bytes().get(end) == Some(&b'-')
        && let Some(e) = part_end(end + 1)
    {
        end = e;
    }
    Some(end)
}

/// Where the next word of a `CAPITALISED` run that ends at byte `end` of
/// `s` ends, if one follows: blanks, maybe a particle and blanks or hyphens,
/// and a word.
fn next_capitalised_word(s: &str, end: usize) -> Option<usize> {
    let spaced = bytes_end(s, end, |b| matches!(b, b' ' | b'\t'));
    if spaced == end {
        return None;
    }
    let rest = &s.as_bytes()[spaced..];
    // A particle is lower-case, so without it no word could start there.
    let at = match CAPITALISED_PARTICLES.iter().find(|p| rest.starts_with(p)) {
        Some(p) => {
            let at = spaced + p.len();
            let joined = bytes_end(s, at, |b| matches!(b, b' ' | b'\t' | b'-'));
            if joined == at {
                return None;
            }
            joined
        }
        None => spaced,
    };
    capitalised_word_end(s, at)
}

/// A run of capitalised words in a text, by byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// The byte offset of the first word.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte offset just after the last word.
    pub fn end(&self) -> usize {
        self.end
    }
}

/// The matches of `CAPITALISED` in `text`, scanned by hand; `capitals`
/// are those of `text`.
///
/// Only the name sequences of two or more words are scanned: every run
/// lies in one. A run's first word lies in the sequence that holds its
/// capital, as no joiner of a name holds a capital; a name word that holds
/// a byte of a run's word ends where that word ends (both take the letters
/// and the hyphenated parts up to a blank); and each blank, particle and
/// blank or hyphen that joins two words of a run joins them in a name too.
/// So a scan from a capital of one sequence finds a run in that sequence
/// or none, as a scan of all capitals would.
pub(crate) fn capitalised_runs<'t>(
    text: &'t str,
    capitals: &'t Capitals,
) -> impl Iterator<Item = Span> + 't {
    (0..capitals.sequences.len())
        .filter(|&k| capitals.sequences[k].joined)
        .flat_map(|k| runs_from(text, capitals.of_sequence(k)))
}

/// The matches of `CAPITALISED` in `text` that start at one of `capitals`.
fn runs_from<'t>(text: &'t str, capitals: &'t [usize]) -> impl Iterator<Item = Span> + 't {
    let mut from = 0;
    let mut next_capital = cursor(capitals);
    std::iter::from_fn(move || {
        loop {
            let (_, start) = next_capital(from)?;
            let Some(first) = capitalised_word_end(text, start) else {
                // `from` may fall inside a wide capital: it is only compared
                // with the capitals' offsets, never used to slice.
                from = start + 1;
                continue;
            };
            // A run from a later capital of this word would end where this one
            // does, so no run starts before `first` when no word follows it.
            let Some(mut end) = next_capitalised_word(text, first) else {
                from = first;
                continue;
            };
            while let Some(e) = next_capitalised_word(text, end) {
                end = e;
            }
            from = end;
            return Some(Span { start, end });
        }
    })
}

fn alternation(words: &[String]) -> String {
    let mut w: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    w.sort_by_key(|s| std::cmp::Reverse(s.len()));
    w.join("|")
}

impl Discoverer {
    /// `demonyms` are adjectives of places ("Afghan"): with a word such as
    /// "government" they name a state actor, a group.
    ///
    /// # Panics
    /// Never: cue words are escaped before they enter a pattern.
    pub fn new(cues: &Cues, demonyms: &[(String, String)]) -> Self {
        let state_actor = (!demonyms.is_empty()).then(|| {
            let adjectives: Vec<String> = demonyms.iter().map(|(a, _)| a.clone()).collect();
            Regex::new(&format!(
                r"(?-u:\b)((?:{}|[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿĀ-ſ]+(?:ian|an|i|ese|ish))[ \t\xA0]+(?:{}))(?-u:\b)",
                alternation(&adjectives),
                STATE_NOUNS.join("|")
            ))
            .expect("state actor pattern")
        });
        let name = name_pattern();
        let place_word = alternation(&cues.location_suffixes);
        Self {
            #[cfg(test)]
            acronym: Regex::new(&format!(r"({name})(?:’s|'s)?[ \t\xA0]*\([ \t\xA0]*([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ-]{{1,9}}(?:[ \t\xA0]?\([A-ZÀ-ÖØ-Þ]\))?)[ \t\xA0]*\)")).expect("acronym pattern"),
            acronym_name: Regex::new(&format!(r"(?:{name})(?:’s|'s)?[ \t\xA0]*$")).expect("acronym name pattern"),
            known_as: Regex::new(&format!(
                r"({name})(?:[ \t\xA0]*\([^)]*\))?,?[ \t\xA0]+(?:commonly |also |widely |popularly |better |often |locally )?(?:known|referred to|called) as[ \t\xA0]+(?:the[ \t\xA0]+)?({name})"
            ))
            .expect("known-as pattern"),
            coordinated_places: Regex::new(&format!(
                r"((?:{WORD}[ \t\xA0]+)?{WORD})((?:,[ \t\xA0]+(?:{WORD}[ \t\xA0]+)?{WORD})*),?[ \t\xA0]+(?:and|&)[ \t\xA0]+((?:{WORD}[ \t\xA0]+)?{WORD})[ \t\xA0]+(?:{place_word})"
            ))
            .expect("coordinated places pattern"),
            places_of: Regex::new(&format!(
                r"(?:{}) of[ \t\xA0]+((?:{WORD}[ \t\xA0]+)?{WORD}(?:(?:,[ \t\xA0]+(?:{WORD}[ \t\xA0]+)?{WORD})*,?[ \t\xA0]+(?:and|&)[ \t\xA0]+(?:{WORD}[ \t\xA0]+)?{WORD})?)",
                PLACES_OF.join("|")
            ))
            .expect("places-of pattern"),
            citation: Regex::new(r"\([^()]{0,200}?(?-u:\b)(?:1[89]|20)\d\d[a-z]?\)").expect("citation pattern"),
            state_actor,
            gates: Gates::new(cues, demonyms),
            exact: Exact {
                non_name_words: cues.non_name_words.iter().cloned().collect(),
                name_adjectives: cues.name_adjectives.iter().cloned().collect(),
                group_suffixes: cues.group_suffixes.iter().cloned().collect(),
                site_suffixes: cues.site_suffixes.iter().cloned().collect(),
            },
            sets: Sets {
                group_prefixes: CueSet::new(&cues.group_prefixes),
                group_suffixes: CueSet::new(&cues.group_suffixes),
                site_suffixes: CueSet::new(&cues.site_suffixes),
                location_suffixes: CueSet::new(&cues.location_suffixes),
                person_titles: CueSet::new(&cues.person_titles),
                name_titles: CueSet::new(&cues.name_titles),
                reporting_verbs: CueSet::new(&cues.reporting_verbs),
                role_nouns: CueSet::new(&cues.role_nouns),
                name_adjectives: CueSet::new(&cues.name_adjectives),
                non_name_words: CueSet::of(cues.non_name_words.iter().map(String::as_str)),
            },
        }
    }

    /// Byte ranges of parenthesised citations ("(Eggink, 2026)"), which name
    /// sources, not actors.
    pub fn citations(&self, sentence: &str) -> Vec<(usize, usize)> {
        let b = sentence.as_bytes();
        let mut out = Vec::new();
        // A citation holds no parenthesis but its own, so each "(" can only
        // match up to the next parenthesis, a ")" after a year's last digit
        // (and maybe a letter); the pattern runs on those few groups alone.
        for open in memchr::memchr_iter(b'(', b) {
            let Some(k) = memchr::memchr2(b'(', b')', &b[open + 1..]) else {
                break;
            };
            let close = open + 1 + k;
            if b[close] != b')' {
                continue;
            }
            let cited = cites_year(&b[open + 1..close])
                .unwrap_or_else(|| self.citation.is_match(&sentence[open..=close]));
            if cited {
                out.push((open, close + 1));
            }
        }
        out
    }

    /// Every name in `sentence` whose shape tells its class. `sentence` may
    /// be many sentences joined by newlines: no pattern crosses a line.
    /// `capitals` are those of `sentence`.
    pub(crate) fn candidates(&self, sentence: &str, capitals: &Capitals) -> Vec<Candidate> {
        let mut out = Vec::new();
        let cites = self.citations(sentence);
        self.shaped(sentence, capitals, &cites, &mut out);
        self.listed(sentence, capitals, &cites, &mut out);
        out
    }

    #[inline(never)]
    fn shaped(
        &self,
        sentence: &str,
        capitals: &Capitals,
        cites: &[(usize, usize)],
        out: &mut Vec<Candidate>,
    ) {
        let mut cites = cites.iter().peekable();
        // Room for the words of most names at once, not grown a word at a time.
        let mut words = Vec::with_capacity(8);
        for &Sequence {
            start,
            end,
            one_word,
            ..
        } in &capitals.sequences
        {
            // Names come in order: a citation that ends before this one holds no later name.
            while cites.next_if(|&&(_, e)| e <= start).is_some() {}
            if glued_at(sentence, start) || cites.peek().is_some_and(|&&(s, _)| s <= start) {
                continue;
            }
            // Most capitalised words stand alone and name nothing ("The", "In",
            // "However"): decide those without allocating.
            let raw = &sentence[start..end];
            // (Words joined by tabs or no-break spaces alone pass as one word too.)
            if one_word || !raw.bytes().any(|b| b == b' ' || b == b'-') {
                // A plain word is its own one piece, and when it never starts a
                // name `classify` skips it and is left with no words: no name,
                // whatever stands around it. Told first, as such words are common.
                let never_starts = self.sets.non_name_words.contains(raw)
                    && raw.bytes().all(|b| b.is_ascii_alphanumeric());
                if never_starts
                    || !self.single_word_may_name(raw, &sentence[..start], &sentence[end..])
                {
                    continue;
                }
            }
            // "Rabbani-led Jamiat-i-Islami" holds two names.
            split_at_modifiers(raw, |a, b| {
                let (a, b) = (start + a, start + b);
                out.extend(self.classify(
                    &sentence[a..b],
                    &sentence[..a],
                    &sentence[b..],
                    &mut words,
                ));
            });
        }
    }

    #[inline(never)]
    fn listed(
        &self,
        text: &str,
        capitals: &Capitals,
        cites: &[(usize, usize)],
        out: &mut Vec<Candidate>,
    ) {
        let gates = &self.gates;
        if let Some(re) = &self.state_actor {
            let lines = lines_with_state_actors(text, &gates.state, &gates.demonyms);
            // The group is the whole match: only word boundaries stand outside it.
            for (start, end) in matches_on(re, text, &lines) {
                let name = text[start..end].to_owned();
                out.push(Candidate {
                    class: Class::Group,
                    name: name.clone(),
                    surface: name,
                    site: false,
                });
            }
        }
        // Place lists only in a text that uses a place cue as a word.
        let place_words = gates.place_words.find_iter(text).any(|m| {
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            !alnum(text[..m.start()].chars().next_back()) && !alnum(text[m.end()..].chars().next())
        });
        if place_words {
            let (coordinated, places_of) = place_list_lines(text, capitals, &gates.place_word_list);
            for (_, caps) in captures_on(&self.coordinated_places, text, &coordinated) {
                let mut names = vec![caps[1].to_owned()];
                names.extend(
                    caps[2]
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned),
                );
                names.push(caps[3].to_owned());
                out.extend(names.into_iter().filter_map(|n| self.place(&n)));
            }
            for m in matches_on(&self.places_of, text, &places_of) {
                let (start, end) = places_of_group(text, m);
                for n in text[start..end]
                    .split([',', '&'])
                    .flat_map(|p| p.split(" and "))
                {
                    out.extend(self.place(n));
                }
            }
        }
        // The surfaces found so far, one a line: a name from one line is in one
        // of them exactly when it is in this text, which one search tells.
        let mut surfaces: Option<String> = None;
        for (start, end) in al_names(text) {
            // "Abu Musab al-Zarqawi": part of a person's name, not a group.
            let after_name = last_word(&text[..start]).starts_with(char::is_uppercase);
            if !after_name && !in_citation(cites, start) {
                let name = trim_name(&text[start..end]);
                let surfaces = surfaces.get_or_insert_with(|| {
                    out.iter()
                        .flat_map(|c| [c.surface.as_str(), "\n"])
                        .collect()
                });
                if !name.is_empty() && !surfaces.contains(name.as_str()) {
                    surfaces.push_str(&name);
                    surfaces.push('\n');
                    out.push(Candidate {
                        class: Class::Group,
                        name: name.clone(),
                        surface: name,
                        site: false,
                    });
                }
            }
        }
    }

    fn place(&self, name: &str) -> Option<Candidate> {
        let name = strip_words(
            name.trim().trim_end_matches(['.', ',', ';', ':']),
            &self.exact.non_name_words,
        );
        let name = name.trim();
        (!name.is_empty() && name.starts_with(char::is_uppercase)).then(|| Candidate {
            class: Class::Location,
            name: name.to_owned(),
            surface: name.to_owned(),
            site: false,
        })
    }

    /// Whether a lone capitalised word can be a name by the rules of
    /// [`Discoverer::classify`]: a group prefix ("Jundallah"), a place cue after
    /// it ("Zorvan province", "Amberfall is a town"), or a title before it.
    fn single_word_may_name(&self, word: &str, before: &str, after: &str) -> bool {
        let sets = &self.sets;
        if has(&sets.group_prefixes, word) {
            return true;
        }
        let next = first_word(after);
        if matches!(next, "is" | "was" | "a" | "the") || has(&sets.location_suffixes, next) {
            return true;
        }
        has(&sets.person_titles, last_word(before))
    }

    /// Classifies one capitalised sequence by its own words and its neighbours.
    #[expect(
        clippy::too_many_lines,
        reason = "one decision list, in priority order"
    )]
    /// `words` is a buffer for the words of `raw`.
    fn classify<'t>(
        &self,
        raw: &'t str,
        before: &str,
        after: &str,
        words: &mut Vec<&'t str>,
    ) -> Option<Candidate> {
        let sets = &self.sets;
        // The words of the name: `trim_name`, then `strip_words`, as slices.
        words.clear();
        name_pieces(raw, words);
        words.retain(|w| !w.is_empty());
        let skip = words
            .iter()
            .take_while(|w| sets.non_name_words.contains(w))
            .count();
        let words = &words[skip..];
        let (&first, &last) = (words.first()?, words.last()?);
        let seq = || words.join(" ");
        let found = |class, name: String, site| Candidate {
            class,
            surface: name.clone(),
            name,
            site,
        };
        // Groups: "… Army", "Tehrik-e-…".
        let prefix_hit = has(&sets.group_prefixes, first)
            || first
                .split_once('-')
                .is_some_and(|(head, _)| has(&sets.group_prefixes, head));
        if has(&sets.group_suffixes, last) && words.len() >= 2 || prefix_hit {
            return Some(found(Class::Group, seq(), false));
        }
        // Places: "Tirah Valley", "Crocus City Hall", "Nangarhar province".
        if has(&sets.site_suffixes, last) && words.len() >= 2 {
            return Some(found(Class::Location, seq(), true));
        }
        // "Amberfall is a city in …", "Tolk, a town near …".
        // Words after the first are read only when it can open an apposition.
        // The first word after, found once for both readings below.
        let (word_start, word_end) = first_word_range(after);
        let first_after = &after[word_start..word_end];
        let mut after_words = std::iter::once(first_after)
            .filter(|w| !w.is_empty())
            .chain(runs(&after[word_end..], char::is_alphanumeric));
        let kind = match after_words.next() {
            Some("is" | "was") => match after_words.next() {
                Some("a" | "the") => after_words.next(),
                _ => None,
            },
            Some("a" | "the") => after_words.next(),
            _ => None,
        };
        let place_apposition = kind.is_some_and(|kind| {
            matches!(
                kind,
                "city"
                    | "town"
                    | "village"
                    | "district"
                    | "province"
                    | "region"
                    | "valley"
                    | "country"
                    | "capital"
            )
        });
        if place_apposition && !has(&sets.name_adjectives, first) {
            return Some(found(Class::Location, seq(), false));
        }
        let next_word = opening_word(after, (word_start, word_end));
        if has(&sets.location_suffixes, next_word) && !has(&sets.name_adjectives, last) {
            return Some(found(Class::Location, seq(), false));
        }
        if words.len() >= 2 && has(&sets.location_suffixes, last) {
            return Some(Candidate {
                class: Class::Location,
                name: words[..words.len() - 1].join(" "),
                surface: seq(),
                site: false,
            });
        }
        // Persons: a title before or inside, a reporting verb after, a role appositive.
        let title_before = || has(&sets.person_titles, last_word(before));
        // Titles open a name ("Lt. Gen Talat Masood"); a title word later in
        // it is part of the name ("Muhammad Amir Rana").
        let title_at = words
            .iter()
            .take_while(|w| has(&sets.person_titles, w))
            .count()
            .checked_sub(1);
        let reporting = || has(&sets.reporting_verbs, next_word);
        let appositive = || {
            after.trim_start().strip_prefix(',').is_some_and(|rest| {
                let rest = rest.trim_start();
                let rest = rest
                    .strip_prefix("the ")
                    .or_else(|| rest.strip_prefix("a "))
                    .or_else(|| rest.strip_prefix("an "))
                    .unwrap_or(rest);
                rest.split_whitespace().take(3).any(|w| {
                    has(
                        &sets.role_nouns,
                        w.trim_matches(|c: char| !c.is_alphanumeric()),
                    )
                })
            })
        };
        if title_at.is_some()
            || title_before()
            || (words.len() >= 2 && (reporting() || appositive()))
        {
            let (name, surface) = match title_at {
                Some(i) if i + 1 < words.len() => {
                    let mut keep = i + 1;
                    // Keep a title that is part of the name ("Hafiz Saeed Khan"), or
                    // any title when one word would be left ("Mufti Muzahim").
                    if has(&sets.name_titles, words[i]) || words.len() - keep == 1 {
                        keep = i;
                    }
                    let start = words[..i]
                        .iter()
                        .rposition(|w| !has(&sets.person_titles, w))
                        .map_or(0, |p| p + 1);
                    (&words[keep..], &words[start..])
                }
                Some(_) => return None,
                None => (words, words),
            };
            if name
                .iter()
                .any(|w| has(&sets.name_adjectives, w) || has(&sets.group_suffixes, w))
            {
                return None;
            }
            return Some(Candidate {
                class: Class::Person,
                name: name.join(" "),
                surface: surface.join(" "),
                site: false,
            });
        }
        None
    }

    /// The matches of the `acronym` pattern in `text`, found from their
    /// `(`: a match is a name (and what may follow it) that ends the text
    /// before its `(`, which can only be the first `(` after the name's
    /// start, and the rest after it ([`acronym_end`]). So the `(`s are tried
    /// in order, and for each the leftmost name before it, searched only
    /// back from it, instead of a search over the whole line from each
    /// start that the lines' many capitals offer.
    fn acronym_matches<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        // Where the next match may start: after the last one.
        let mut from = 0;
        memchr::memchr_iter(b'(', text.as_bytes()).filter_map(move |open| {
            if open < from {
                return None;
            }
            let end = acronym_end(text, open)?;
            // A name never crosses a line: the search starts no earlier
            // than the line of the `(`, so its cost stays within a line
            // whatever search the regex engine picks.
            let line = memchr::memrchr(b'\n', &text.as_bytes()[..open]).map_or(0, |at| at + 1);
            let at = from.max(line);
            let name = self.acronym_name.find(&text[at..open])?;
            let start = at + name.start();
            from = end;
            Some((start, end))
        })
    }

    /// Acronyms defined in parentheses whose letters fit the name before them.
    pub fn acronyms(&self, sentence: &str) -> Vec<AcronymDef> {
        let mut out = Vec::new();
        let matches = self
            .acronym_matches(sentence)
            .map(|m| acronym_groups(sentence, m));
        for ((name_start, name_end), (acronym_start, acronym_end)) in matches {
            let acronym = sentence[acronym_start..acronym_end].to_owned();
            let name = strip_words(
                &trim_name(&sentence[name_start..name_end]),
                &self.exact.non_name_words,
            );
            if let Some(name) = fit_acronym(&name, &acronym) {
                out.push(AcronymDef { name, acronym });
            } else {
                // The acronym may still stand for a known name; the caller decides.
                out.push(AcronymDef {
                    name: format!("\u{0}{name}"),
                    acronym,
                });
            }
        }
        let lines = lines_with_known_as(sentence);
        for (_, caps) in captures_on(&self.known_as, sentence, &lines) {
            let name = strip_words(&trim_name(&caps[1]), &self.exact.non_name_words);
            let alias = trim_name(&caps[2]);
            if !name.is_empty() && !alias.is_empty() {
                out.push(AcronymDef {
                    name: format!("\u{0}{name}"),
                    acronym: alias,
                });
            }
        }
        out
    }
}

/// Words after a hyphen that make a name a modifier ("Rabbani-led").
pub(crate) const MODIFIERS: &[&str] = &[
    "led",
    "backed",
    "based",
    "ruled",
    "linked",
    "affiliated",
    "aligned",
    "inspired",
    "run",
    "controlled",
    "style",
    "type",
    "era",
    "dominated",
    "sponsored",
    "funded",
    "centric",
    "related",
];

/// The first letters of [`MODIFIERS`], as bits by their byte (modulo 64).
const MODIFIER_FIRSTS: u64 = {
    let mut bits = 0;
    let mut i = 0;
    while i < MODIFIERS.len() {
        bits |= 1 << (MODIFIERS[i].as_bytes()[0] & 63);
        i += 1;
    }
    bits
};

/// Whether `word`, lower-cased, is one of [`MODIFIERS`].
fn is_modifier(word: &str) -> bool {
    // A lower-cased word that starts with an ASCII byte starts with that
    // byte lower-cased: most words start with no modifier's first letter.
    if let Some(&c) = word.as_bytes().first()
        && c.is_ascii()
        && MODIFIER_FIRSTS & (1 << (c.to_ascii_lowercase() & 63)) == 0
    {
        return false;
    }
    if word.is_ascii() {
        // All modifiers are ASCII: compare without lower-casing into a new string.
        MODIFIERS.iter().any(|m| word.eq_ignore_ascii_case(m))
    } else {
        MODIFIERS.contains(&word.to_lowercase().as_str())
    }
}

/// `word` split at its last hyphen, as `rsplit_once('-')` does.
fn split_last_hyphen(word: &str) -> Option<(&str, &str)> {
    // A plain byte loop: name words are short, and memrchr's setup costs more.
    let at = word.bytes().rposition(|b| b == b'-')?;
    Some((&word[..at], &word[at + 1..]))
}

/// Calls `part` with the byte ranges of the parts of a name sequence
/// separated by hyphenated modifiers: "Kolvar-led Dariak Front" gives
/// "Kolvar" and "Dariak Front".
fn split_at_modifiers(seq: &str, mut part: impl FnMut(usize, usize)) {
    // Most sequences hold no hyphen, so no modifier: one part, no words to split.
    if !seq.as_bytes().contains(&b'-') {
        if !seq.is_empty() {
            part(0, seq.len());
        }
        return;
    }
    let mut start = 0;
    let mut at = 0;
    for word in seq.split_inclusive(char::is_whitespace) {
        if let Some((head, tail)) = split_last_hyphen(word.trim_end())
            && is_modifier(tail)
        {
            if at + head.len() > start {
                part(start, at + head.len());
            }
            start = at + word.len();
        }
        at += word.len();
    }
    if start < seq.len() {
        part(start, seq.len());
    }
}

/// Removes leading words of `list` ("The", "In", …).
fn strip_words(seq: &str, list: &HashSet<String>) -> String {
    let mut words = seq.split_whitespace().skip_while(|w| list.contains(*w));
    let mut out = String::with_capacity(seq.len());
    if let Some(first) = words.next() {
        out.push_str(first);
        for w in words {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

/// The first run of alphanumeric chars in `text`.
fn first_word(text: &str) -> &str {
    let (start, end) = first_word_range(text);
    &text[start..end]
}

/// The byte range of [`first_word`] in `text` (empty at the end when none).
fn first_word_range(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    // ASCII bytes are told by themselves, by index (cheaper than iterator
    // adapters on these short scans); where a scan stops at a wide char, ask the chars.
    let mut start = 0;
    while let Some(&c) = b.get(start)
        && c.is_ascii()
        && !crate::norm::ALNUM[usize::from(c)]
    {
        start += 1;
    }
    let mut end = start;
    while let Some(&c) = b.get(end)
        && crate::norm::ALNUM[usize::from(c)]
    {
        end += 1;
    }
    if b.get(end).is_some_and(|c| !c.is_ascii()) {
        let alnum_from = |from: usize, alnum: bool| {
            text[from..]
                .char_indices()
                .find(|&(_, c)| c.is_alphanumeric() == alnum)
                .map_or(text.len(), |(i, _)| from + i)
        };
        let start = alnum_from(start, true);
        return (start, alnum_from(start, false));
    }
    (start, end)
}

/// The alphanumeric chars that open `text` less leading whitespace, given
/// the range of its [`first_word`]: that word when only whitespace comes
/// before it, else none.
fn opening_word(text: &str, (start, end): (usize, usize)) -> &str {
    if text[..start].trim_start().is_empty() {
        &text[start..end]
    } else {
        ""
    }
}

/// Whether a name at byte `at` of `text` is glued to the word before it,
/// so does not start a word ("anti-ISKP", "McName"): the char before is a
/// letter, a digit, an apostrophe or a hyphen. An ASCII char is told by its byte.
pub(crate) fn glued_at(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(&c) if c.is_ascii() => c.is_ascii_alphanumeric() || matches!(c, b'\'' | b'-'),
        Some(_) => text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '’'),
    }
}

/// ASCII whitespace as `char::is_whitespace` tells it.
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t'..=b'\r')
}

/// The last whitespace-separated word of `text`, trailing whitespace ignored.
fn last_word(text: &str) -> &str {
    let b = text.as_bytes();
    // Back over ASCII bytes by index, trailing whitespace first, then the
    // word; where a scan stops at a wide char, ask the chars.
    let mut end = b.len();
    while end > 0 && is_ascii_space(b[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && b[start - 1].is_ascii() && !is_ascii_space(b[start - 1]) {
        start -= 1;
    }
    if start > 0 && !b[start - 1].is_ascii() {
        return text
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
    }
    &text[start..end]
}

/// The char that starts at byte `at` of `s` (a char boundary).
fn char_at(s: &str, at: usize) -> Option<char> {
    let b = *s.as_bytes().get(at)?;
    // An ASCII byte is a whole char: no decoding.
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        s[at..].chars().next()
    }
}

/// The runs of chars of `text` that `keep` accepts, in order: the pieces of
/// `text.split(|c| !keep(c))` that are not empty.
fn runs(text: &str, keep: impl Fn(char) -> bool) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(c) = char_at(text, at).filter(|&c| !keep(c)) {
            at += c.len_utf8();
        }
        let start = at;
        while let Some(c) = char_at(text, at).filter(|&c| keep(c)) {
            at += c.len_utf8();
        }
        (at > start).then(|| &text[start..at])
    })
}

/// The whitespace-separated words of `raw`, each with whether it is all
/// ASCII letters and digits, told in the one pass over its bytes that finds
/// it: a char is decoded only from a byte that is not ASCII.
fn plain_words(raw: &str) -> impl Iterator<Item = (&str, bool)> {
    let b = raw.as_bytes();
    let mut at = 0;
    // The length of the wide char at `at` if it is no whitespace
    // (`char::is_whitespace`); ASCII bytes are told inline below, as a call
    // per byte costs more than the test.
    let wide_word_char = move |at: usize| {
        raw[at..]
            .chars()
            .next()
            .filter(|c| !c.is_whitespace())
            .map(char::len_utf8)
    };
    std::iter::from_fn(move || {
        loop {
            match *b.get(at)? {
                c if is_ascii_space(c) => at += 1,
                c if c.is_ascii() => break,
                _ => match wide_word_char(at) {
                    Some(_) => break,
                    None => at += raw[at..].chars().next()?.len_utf8(),
                },
            }
        }
        let start = at;
        let mut plain = true;
        while let Some(&c) = b.get(at) {
            if c.is_ascii() {
                if is_ascii_space(c) {
                    break;
                }
                plain &= crate::norm::ALNUM[usize::from(c)];
                at += 1;
            } else if let Some(len) = wide_word_char(at) {
                plain = false;
                at += len;
            } else {
                break;
            }
        }
        Some((&raw[start..at], plain))
    })
}

/// Pushes the words of `raw` that [`trim_name`] keeps, some maybe empty.
fn name_pieces<'a>(raw: &'a str, out: &mut Vec<&'a str>) {
    for (word, plain) in plain_words(raw) {
        // Most words are plain letters and digits, which none of the cuts below change.
        if plain {
            out.push(word);
            continue;
        }
        let mut w = word.trim_end_matches(['.', ',']);
        for suffix in ["’s", "'s", "’", "'"] {
            if let Some(s) = w.strip_suffix(suffix) {
                w = s;
                break;
            }
        }
        if let Some((head, tail)) = split_last_hyphen(w)
            && is_modifier(tail)
        {
            out.push(head);
            return;
        }
        out.push(w);
        if word.ends_with(['’', '\'']) || word.ends_with("’s") || word.ends_with("'s") {
            return;
        }
    }
}

/// Cuts a sequence at a hyphenated modifier ("Rabbani-led"), trailing
/// possessives and punctuation.
fn trim_name(raw: &str) -> String {
    let mut pieces = Vec::with_capacity(8);
    name_pieces(raw, &mut pieces);
    // The pieces and the blanks between them are never longer than `raw`.
    let mut out = String::with_capacity(raw.len());
    for piece in pieces {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// The part of `name` whose word initials spell `acronym`, if any.
/// Lower-case particles may be skipped; the last name word must be used.
fn fit_acronym(name: &str, acronym: &str) -> Option<String> {
    let letters: Vec<char> = acronym
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if letters.len() < 2 {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    // Try the shortest suffix of the name first that spells the acronym.
    for start in (0..words.len()).rev() {
        let parts: Vec<char> = words[start..]
            .iter()
            .flat_map(|w| w.split('-'))
            .filter_map(|p| p.chars().next())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if spells(&parts, &letters) && words[start].starts_with(char::is_uppercase) {
            return Some(words[start..].join(" "));
        }
    }
    None
}

/// Whether `letters` is a subsequence of `initials` that starts at the first initial
/// and uses every capitalised part in order (particles may be skipped).
fn spells(initials: &[char], letters: &[char]) -> bool {
    if initials.first() != letters.first() {
        return false;
    }
    let mut i = 0;
    for &c in initials {
        if i < letters.len() && c == letters[i] {
            i += 1;
        }
    }
    i == letters.len() && initials.len() <= letters.len() + 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use proptest::strategy::Strategy;

    fn disc() -> Discoverer {
        Discoverer::new(
            &RuleSet::builtin().cues,
            &[("Valerian".into(), "Valeria".into())],
        )
    }

    /// One discoverer for the generated cases: building one compiles every pattern.
    static DISC: std::sync::LazyLock<Discoverer> = std::sync::LazyLock::new(disc);

    /// The lines of `text`, each with the offset where it starts.
    fn lines_at_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
        text.split('\n').scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            Some((start, line))
        })
    }

    fn found(sentence: &str) -> Vec<(Class, String)> {
        disc()
            .candidates(sentence, &Capitals::of(sentence))
            .into_iter()
            .map(|c| (c.class, c.name))
            .collect()
    }

    #[test]
    fn groups_by_prefix_and_suffix() {
        let f = found(
            "The Zarvani Liberation Front and Tehreek-e-Nusrat-e-Valoria clashed with the Harakat-ul-Zil.",
        );
        assert!(
            f.contains(&(Class::Group, "Zarvani Liberation Front".into())),
            "{f:?}"
        );
        assert!(
            f.contains(&(Class::Group, "Tehreek-e-Nusrat-e-Valoria".into())),
            "{f:?}"
        );
        assert!(
            f.contains(&(Class::Group, "Harakat-ul-Zil".into())),
            "{f:?}"
        );
    }

    #[test]
    fn persons_by_title_verb_and_appositive() {
        let f = found(
            "Mufti Qadir Zorlan met Commander Ostap Bire. Lena Farrow observes that Dorin Vasko, the emir of the front, left.",
        );
        assert!(f.contains(&(Class::Person, "Qadir Zorlan".into())), "{f:?}");
        assert!(f.contains(&(Class::Person, "Ostap Bire".into())), "{f:?}");
        assert!(f.contains(&(Class::Person, "Lena Farrow".into())), "{f:?}");
        assert!(f.contains(&(Class::Person, "Dorin Vasko".into())), "{f:?}");
        let kept = found("Hafiz Saeed Ranok was named.");
        assert!(
            kept.contains(&(Class::Person, "Hafiz Saeed Ranok".into())),
            "{kept:?}"
        );
    }

    #[test]
    fn state_actors_from_demonyms() {
        let f = found("It clashed with the Valerian government and Valerian security forces.");
        assert!(
            f.contains(&(Class::Group, "Valerian government".into())),
            "{f:?}"
        );
        assert!(
            f.contains(&(Class::Group, "Valerian security forces".into())),
            "{f:?}"
        );
    }

    #[test]
    fn places_by_cue_words_and_lists() {
        let f = found(
            "Fighters moved from Zorvan province to the Kelt Valley, near Amber and Tolk districts and the provinces of Orm, Pell, and Sarn.",
        );
        for want in [
            "Zorvan",
            "Kelt Valley",
            "Amber",
            "Tolk",
            "Orm",
            "Pell",
            "Sarn",
        ] {
            assert!(f.contains(&(Class::Location, want.into())), "{want}: {f:?}");
        }
    }

    #[test]
    fn patterns_gated_by_cues_find_matches_on_any_line() {
        let d = disc();
        let text = "Nothing here.\nFighters held the provinces of Orm and Pell.\nThey met the al-Zarqa Brigade.\nThe Valerian army moved.\nThe Dariak Front (DF) grew.\nThe Kelt Front, also known as the Dariak Movement, grew.";
        let f: Vec<(Class, String)> = d
            .candidates(text, &Capitals::of(text))
            .into_iter()
            .map(|c| (c.class, c.name))
            .collect();
        for want in [
            (Class::Location, "Orm"),
            (Class::Location, "Pell"),
            (Class::Group, "al-Zarqa Brigade"),
            (Class::Group, "Valerian army"),
        ] {
            assert!(f.contains(&(want.0, want.1.into())), "{want:?}: {f:?}");
        }
        let a = d.acronyms(text);
        assert!(
            a.iter()
                .any(|x| x.acronym == "DF" && x.name == "Dariak Front"),
            "{a:?}"
        );
        assert!(a.iter().any(|x| x.acronym == "Dariak Movement"), "{a:?}");
        assert_eq!(
            lines_with_places_of("x\nthe province of Y\nz of"),
            [(2, 19)]
        );
        let nouns = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(STATE_NOUNS)
            .expect("nouns");
        assert_eq!(
            lines_with_state_actors(
                "the army moved\nValerian army\nafghan  government\nx security forces",
                &nouns,
                &["afghan".to_owned()]
            ),
            [(15, 28), (29, 47)]
        );
        let places = ["districts".to_owned(), "town".to_owned()];
        assert_eq!(
            lines_with_coordinated_places(
                "Amber and Tolk districts\nx and y districts\nA & B C town",
                &places
            ),
            [(0, 24), (43, 55)]
        );
    }

    /// The name sequences of `t`, each checked to be told one word exactly
    /// when no blank or hyphen stands in it.
    fn name_sequences_of(t: &str) -> Vec<(usize, usize)> {
        let capitals = Capitals::of(t);
        for (k, s) in capitals.sequences.iter().enumerate() {
            let (start, end) = (s.start, s.end);
            let joined = t[start..end].contains([' ', '\t', '\u{a0}', '-']);
            assert_eq!(s.one_word, !joined, "{:?}", &t[start..end]);
            // More than one word: more than the pattern's first word.
            let one = ONE_NAME_WORD.is_match(&t[start..end]);
            assert_eq!(s.joined, !one, "{:?}", &t[start..end]);
            let inside = capitals.at.iter().filter(|&&c| (start..end).contains(&c));
            assert!(
                capitals.of_sequence(k).iter().eq(inside),
                "{:?}",
                &t[start..end]
            );
        }
        capitals
            .sequences
            .iter()
            .map(|s| (s.start, s.end))
            .collect()
    }

    /// One word of a name sequence, with its "al-", and nothing more.
    static ONE_NAME_WORD: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(&format!("^(?:[Aa]l-)?{WORD}$")).expect("name word pattern")
    });

    /// The specification of [`name_sequences`].
    static NAME_SEQUENCE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(&format!("(?:[Aa]l-)?{}", name_pattern())).expect("name pattern")
    });

    #[test]
    fn name_sequences_are_the_matches_of_the_name_pattern() {
        let re = &NAME_SEQUENCE;
        let texts = [
            "They met al-Qaeda, Al-Shabaab and Al-X9 Foo, not xal-Bar Baz or al-bar Baz.",
            "An anti-ISKP Front; McName and iPhone; Khalil-ur-Rahman-e Khan; Al- and al-.",
            "Ahmad bin Ali, the Valley of the Kings, Foo of  the Bar, Foo of theBar, Foo of-Bar.",
            "Foo - Bar, Foo -Bar, Foo--Bar, Foo- Bar, Foo e-Bar i Baz el Qux, X1-9 Y, R2-D2 A.",
            "Foo\tBar\u{a0}Baz\nQux  Quux, Émile Zola, Ünal × Öz, Şahin, İstanbul, ÀÖØÞ ß Ā.",
            "D’Souza O'Brien’s Kolvar-led Dariak Front, Tehrik-e-Nusrat’ Valoria, A B C.",
        ];
        agrees_with_pattern(re, &texts, name_sequences_of);
    }

    /// `scan` finds what `re` finds in each text and in all of them as lines.
    fn agrees_with_pattern(re: &Regex, texts: &[&str], scan: impl Fn(&str) -> Vec<(usize, usize)>) {
        // Each text, then all of them joined (one text is its own joining).
        let all = texts.join("\n");
        for text in texts
            .iter()
            .copied()
            .chain((texts.len() > 1).then_some(all.as_str()))
        {
            let want: Vec<(usize, usize)> =
                re.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(scan(text), want, "{text}");
        }
    }

    /// The specification of [`capitalised_runs`].
    static CAPITALISED_RUN: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(CAPITALISED).expect("capitalised run pattern"));

    /// The runs [`capitalised_runs`] finds in `t`.
    fn capitalised_runs_of(t: &str) -> Vec<(usize, usize)> {
        capitalised_runs(t, &Capitals::of(t))
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// Texts of the words and joiners of capitalised runs and name
    /// sequences: words that run into the next, glued, hyphenated, with
    /// digits, apostrophes or wide letters, and particles of either pattern.
    fn run_texts() -> impl proptest::strategy::Strategy<Value = String> {
        let word = "(Dariak|Front|McDonald|MacX|Ab-Cd|Ab-cd|Al-Kelt|al-Zor|Foo1|X9|R2-D2|ÉMILE|Émile|Øst|O'Brien|D’Souza|Foo’|the|of|x|[a-z]{1,3}|,|\\.)";
        let join =
            "( |  |\t|\u{a0}|-|--| - | of the | of | bin | ibn | al | ul | ur- | e |bin |\n|)";
        texts_of(&format!("{word}({join}{word}){{0,4}}|[ ,.\n]"))
    }

    proptest::proptest! {
        /// See `capitalised_sequences_are_the_matches_of_their_pattern`.
        #[test]
        fn capitalised_runs_are_the_pattern_matches(text in run_texts()) {
            agrees_with_pattern(&CAPITALISED_RUN, &[&text], capitalised_runs_of);
        }

        /// See `name_sequences_are_the_matches_of_the_name_pattern`.
        #[test]
        fn name_sequences_are_the_pattern_matches_on_run_texts(text in run_texts()) {
            agrees_with_pattern(&NAME_SEQUENCE, &[&text], name_sequences_of);
        }
    }

    #[test]
    fn capitalised_sequences_are_the_matches_of_their_pattern() {
        let re = &CAPITALISED_RUN;
        let texts = [
            "Dariak Front and Karst Liberation Army met McDonald Smith in Ab-Cd-Ef x.",
            "Ahmad bin Ali, Abu ibn  Saud, Omar al-Bashir, Khalil ul\tRahman, X ur- Yz.",
            "Ab al Cd, Ab al-cd Ef, Ab bint Cd, Ab ur Cd-ef Gh, Ab-Cd Ef-gh Ij, A B Cd Ef.",
            "D’Souza O'Brien’s Foo’ Bar, Foo\tBar\u{a0}Baz\nQux  Quux-, Foo -Bar Baz.",
            "Émile Zola, Ünal × Öz, Şahin İstanbul, Þór Øst, ÀÖ Ab, ß Āb Ab Aſ, \u{212A}elvin Ab.",
            "FOO Bar Baz, Foo1 Bar Baz, Foo-Bar-Baz Qux, Foo--Bar Baz, Foo bin\u{a0}Bar Ab.",
        ];
        agrees_with_pattern(re, &texts, capitalised_runs_of);
    }

    /// The groups of each match of `re`, as its capture engine finds them
    /// and as `groups` reads them from the match, in `text` and on its lines.
    fn groups_agree(
        re: &Regex,
        text: &str,
        groups: impl Fn(&str, regex::Match) -> Vec<(usize, usize)>,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        for line in text.split('\n').chain([text]) {
            let want: Vec<Vec<(usize, usize)>> = re
                .captures_iter(line)
                .map(|c| {
                    c.iter()
                        .skip(1)
                        .map(|g| g.map_or((0, 0), |g| (g.start(), g.end())))
                        .collect()
                })
                .collect();
            let got: Vec<Vec<(usize, usize)>> =
                re.find_iter(line).map(|m| groups(line, m)).collect();
            proptest::prop_assert_eq!(got, want, "{:?}", line);
        }
        Ok(())
    }

    /// `al_names` finds in `text` the groups of the al- pattern on its lines.
    fn al_names_agree(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        static AL: std::sync::LazyLock<Regex> =
            std::sync::LazyLock::new(|| Regex::new(&al_name_pattern()).expect("al- pattern"));
        let mut want = Vec::new();
        let mut at = 0;
        for line in text.split('\n') {
            want.extend(
                AL.captures_iter(line)
                    .filter_map(|c| c.get(1))
                    .map(|g| (at + g.start(), at + g.end())),
            );
            at += line.len() + 1;
        }
        let got: Vec<(usize, usize)> = al_names(text).collect();
        proptest::prop_assert_eq!(got, want, "{:?}", text);
        Ok(())
    }

    #[test]
    fn al_names_are_the_groups_of_their_pattern() {
        for text in [
            "al-Foo al-Bar, xal-Baz 'al-Qux ’el-Quux9 El-Ab-Cd El-A al-9 Al-Éz\u{a0}Xy-z\tAb1 cd",
            "al-Foo\nal-Bar Baz\n\nAl-Ab1al-Cd Éal-Ef ×al-Gh al-Ij-al-Kl al-Mnal-Op x-al-Qr-",
        ] {
            al_names_agree(text).expect("agree");
        }
    }

    /// Up to seven pieces, each drawn from the regex `pieces`, joined.
    fn texts_of(pieces: &str) -> impl proptest::strategy::Strategy<Value = String> + use<> {
        proptest::collection::vec(
            proptest::string::string_regex(pieces).expect("piece pattern"),
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    /// Names and what may follow them before a `(`, and near-acronyms in
    /// parentheses: letters, apostrophes, hyphens, wide letters, around the
    /// limit of ten chars, maybe with a letter in parentheses.
    fn acronym_texts() -> impl proptest::strategy::Strategy<Value = String> {
        let word = "(Dariak|Front|Al-Kelt|Émile|ÖZ|Foo’s|O'Brien|X9|the|x|of the|bin|,|\\(|\\))";
        let acronym = "([AÉé(][Aaé'’\\-]{0,3}|[AÉ][Aaé-]{8,10})";
        let phrase = format!(
            "{word}([ \t\u{a0}-]{{1,2}}{word}){{0,3}}(’s|'s)?[ \u{a0}]{{0,2}}\\([ \t]?{acronym}([ \u{a0}]{{0,2}}\\([Aé]\\))?[ \t]?\\)"
        );
        texts_of(&format!("{phrase}|{word}|[ ,.()\n]"))
    }

    /// [`Discoverer::acronym_matches`] finds the pattern's matches on each line.
    fn acronym_matches_agree(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let want: Vec<(usize, usize)> = lines_at_starts(text)
            .flat_map(|(at, line)| {
                DISC.acronym
                    .find_iter(line)
                    .map(move |m| (at + m.start(), at + m.end()))
            })
            .collect();
        let got: Vec<(usize, usize)> = DISC.acronym_matches(text).collect();
        proptest::prop_assert_eq!(got, want, "{:?}", text);
        Ok(())
    }

    /// Texts made of the pieces the discovery patterns are about, often
    /// in the order that makes them match.
    fn pattern_texts() -> impl proptest::strategy::Strategy<Value = String> {
        let word = "(Dariak|Front|Al-Kelt|al-Zor|Émile|ÖZ|Foo’s|O'Brien|Valerian|Zorvanese|X9|the|and|x|[a-z]{1,3}|,)";
        let join = "( |  |\t|\u{a0}|-| of the | bin | e | ur )";
        let phrase = format!(
            "{word}({join}{word}){{0,3}}((’s|'s)?[ \u{a0}]?\\([ ]?(DF|D-F|Df|ABCDEFGHIJK|[A-Z][a-z]{{0,3}})( ?\\([A-Z]\\))?[ \t]?\\)|,? (also |commonly )?(known|called|referred to|referred) as (the )?{word}({join}{word}){{0,2}}| (and|&) {word}( {word})? (districts|town)| (government|army|security forces))?|(the provinces of|town of|xregions of) {word}(, {word}){{0,2}},?( and {word})?|(al|Al|el|El|xal)-{word}"
        );
        texts_of(&format!("{phrase}|[ ,.()\n]"))
    }

    /// A gate keeps every line on which its pattern matches: the
    /// coordinated-places and state-actor patterns see only those lines.
    fn gates_keep_matching_lines(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let d = &*DISC;
        let state = d.state_actor.as_ref().expect("demonyms given");
        let (coordinated, places_of) =
            place_list_lines(text, &Capitals::of(text), &d.gates.place_word_list);
        let gated = [
            (&d.coordinated_places, coordinated),
            (&d.places_of, places_of),
            (
                state,
                lines_with_state_actors(text, &d.gates.state, &d.gates.demonyms),
            ),
        ];
        let mut start = 0;
        for line in text.split('\n') {
            let span = (start, start + line.len());
            for (re, lines) in &gated {
                if re.is_match(line) {
                    proptest::prop_assert!(
                        lines.contains(&span),
                        "{:?} matches line {:?} the gate drops",
                        re.as_str(),
                        line
                    );
                }
            }
            start = span.1 + 1;
        }
        Ok(())
    }

    #[test]
    fn gates_keep_lines_of_each_pattern() {
        for text in [
            "The Valerian army struck.\nZorvanese security forces said so.",
            "The Dariak Front (DF) grew.",
            "It raided Kelt and Zor districts.",
        ] {
            gates_keep_matching_lines(text).expect("the gates keep the lines");
        }
    }

    proptest::proptest! {
        /// The lines `lines_with_known_as` finds hold a phrase the automaton finds.
        #[test]
        fn known_as_lines_are_the_phrase_lines(text in pattern_texts()) {
            let phrases = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostFirst)
                .build(["known as", "referred to as", "called as"])
                .expect("phrases");
            proptest::prop_assert_eq!(lines_with_known_as(&text), lines_with(&phrases, &text));
        }

        /// See `gates_keep_matching_lines`.
        #[test]
        fn gates_keep_every_line_their_pattern_matches(text in pattern_texts()) {
            gates_keep_matching_lines(&text)?;
        }

        /// The place-list gates found from the capitals keep the lines of
        /// the searches they replace: the same for coordinated places, and
        /// for places-of lines on which the pattern finds the same matches.
        #[test]
        fn place_list_lines_are_those_of_the_searches(text in pattern_texts()) {
            let d = &*DISC;
            let (coordinated, places_of) =
                place_list_lines(&text, &Capitals::of(&text), &d.gates.place_word_list);
            proptest::prop_assert_eq!(
                coordinated,
                lines_with_coordinated_places(&text, &d.gates.place_word_list)
            );
            let old = lines_with_places_of(&text);
            proptest::prop_assert!(places_of.iter().all(|l| old.contains(l)));
            let matches = |lines: &[(usize, usize)]| {
                matches_on(&d.places_of, &text, lines).collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(matches(&places_of), matches(&old));
        }


        /// The groups of the list patterns read from their matches are the captures.
        #[test]
        fn list_groups_are_the_captures(text in pattern_texts()) {
            let whole = |m: regex::Match| (m.start(), m.end());
            let state = DISC.state_actor.as_ref().expect("demonyms given");
            groups_agree(state, &text, |_, m| vec![whole(m)])?;
            groups_agree(&DISC.places_of, &text, |t, m| vec![places_of_group(t, whole(m))])?;
        }

        /// See `name_sequences_are_the_matches_of_the_name_pattern`.
        #[test]
        fn name_sequences_are_the_pattern_matches(text in pattern_texts()) {
            agrees_with_pattern(&NAME_SEQUENCE, &[&text], name_sequences_of);
        }

        /// `al_names` finds the groups of the al- pattern on each line.
        #[test]
        fn al_names_are_the_pattern_groups(text in pattern_texts()) {
            al_names_agree(&text)?;
        }

        /// The acronym matches found from their `(` are those of the pattern.
        #[test]
        fn acronym_matches_are_those_of_the_pattern(text in pattern_texts()) {
            acronym_matches_agree(&text)?;
        }

        /// The same on texts made of near-acronyms.
        #[test]
        fn acronym_matches_are_those_of_the_pattern_on_acronym_texts(text in acronym_texts()) {
            acronym_matches_agree(&text)?;
        }

        /// The groups of an acronym match read from the match are the captures.
        #[test]
        fn acronym_groups_are_the_captures(text in pattern_texts()) {
            groups_agree(&DISC.acronym, &text, |t, m| {
                let (name, acronym) = acronym_groups(t, (m.start(), m.end()));
                vec![name, acronym]
            })?;
        }
    }

    #[test]
    fn citations_are_the_matches_of_the_citation_pattern() {
        let d = disc();
        let text = "A (Eggink, 2026) b (ibid. 1999a) (see above) (19٤٥) ((2020) (x_2020) (é2020)\n\
                    (a(1999)) (20201) (Zed,\n1920) )1999) (2020)(2021) (1899z (2020";
        let long = format!("({} 2020) ({} 2020)", "x".repeat(200), "é".repeat(201));
        for text in [text, long.as_str()] {
            let want: Vec<(usize, usize)> = d
                .citation
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(d.citations(text), want, "{text}");
        }
    }

    proptest::proptest! {
        /// `plain_words` are the words split at whitespace, told plain as by their bytes.
        #[test]
        fn plain_words_are_the_whitespace_runs(raw in "[a-zA-Z09 \t\n\x0B\u{a0}\u{85}\u{2003}’'é.,-]{0,12}") {
            let want: Vec<(&str, bool)> = raw
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .map(|w| (w, w.bytes().all(|b| b.is_ascii_alphanumeric())))
                .collect();
            let got: Vec<(&str, bool)> = plain_words(&raw).collect();
            proptest::prop_assert_eq!(got, want);
        }

        /// `cites_year` tells what the citation pattern tells, where it tells anything.
        #[test]
        fn cited_years_are_the_pattern_matches(
            inner in "[a-zA-Z_ ,.é]{0,3}( |x|_|é|٤|\\.)?((18|19|20)[0-9]{2}|(17|21|1|١٩)(٤|[0-9]){1,3}|[0-9]{1,5})[a-zA]?",
            pad in 195..205_usize,
            wide in proptest::bool::ANY,
        ) {
            let pad = if wide { "é" } else { "x" }.repeat(pad);
            for inner in [inner.clone(), format!("{pad}{inner}")] {
                let group = format!("({inner})");
                if let Some(cited) = cites_year(inner.as_bytes()) {
                    proptest::prop_assert_eq!(cited, DISC.citation.is_match(&group), "{}", group);
                } else {
                    proptest::prop_assert!(!inner.is_ascii(), "{}", group);
                }
            }
        }
    }

    proptest::proptest! {
        /// `Capitals::of` finds the chars of class `CAPITAL`, told one by one.
        #[test]
        fn capitals_are_the_capital_chars(text in "[a-zA-Z@\\[ 0-9.\n’éÀÖ×ØÞßĀ]{0,40}") {
            capitals_agree(&text)?;
        }

        /// See `capitals_are_the_capital_chars`.
        #[test]
        fn capitals_of_pattern_texts(text in pattern_texts()) {
            capitals_agree(&text)?;
        }

        /// `first_word` is the first run of alphanumeric chars.
        #[test]
        fn first_word_is_the_first_alphanumeric_run(text in "[a-zA-Z09.,\\- \t\n\u{a0}’éß٤]{0,12}") {
            let want = runs(&text, char::is_alphanumeric).next().unwrap_or("");
            proptest::prop_assert_eq!(first_word(&text), want);
        }

        /// `opening_word` is the alphanumeric prefix of the text less leading whitespace.
        #[test]
        fn opening_word_is_the_trimmed_alphanumeric_prefix(text in "[a-zA-Z09.,\\- \t\n\u{a0}’éß٤]{0,12}") {
            let want = text.trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            proptest::prop_assert_eq!(opening_word(&text, first_word_range(&text)), want);
        }

        /// `glued_at` tells what the char before tells, decoded.
        #[test]
        fn glued_is_the_char_before(text in "[a-zA-Z09.,'\\- \t\u{a0}’éß٤]{0,6}", at in 0..20_usize) {
            if text.is_char_boundary(at.min(text.len())) {
                let at = at.min(text.len());
                let want = text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, '’' | '\'' | '-'));
                proptest::prop_assert_eq!(glued_at(&text, at), want);
            }
        }

        /// `last_word` is the last whitespace-separated word of the trimmed text.
        #[test]
        fn last_word_is_the_last_split_word(text in "[a-zA-Z. \t\n\x0B\u{a0}\u{85}\u{2003}’é]{0,12}") {
            let text = text.as_str();
            let want = text.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
            proptest::prop_assert_eq!(last_word(text), want);
        }

        /// A cue set's bit filters never drop a word of the set: `has` is
        /// the set lookup of the word less its trailing periods.
        #[test]
        fn cue_sets_hold_their_words(
            cues in proptest::collection::vec("[A-Da-d.é]{0,5}", 0..6),
            w in "[A-Da-d.é]{0,5}",
        ) {
            let set = CueSet::new(&cues);
            let words: HashSet<&str> = cues.iter().map(|c| c.trim_end_matches('.')).collect();
            proptest::prop_assert_eq!(has(&set, &w), words.contains(w.trim_end_matches('.')));
            for c in &cues {
                proptest::prop_assert!(has(&set, c), "{:?}", c);
            }
        }
    }

    /// `Capitals::of` finds in `text` the chars of class `CAPITAL`.
    fn capitals_agree(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let want: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| char_class(c) & CAPITAL != 0)
            .map(|(i, _)| i)
            .collect();
        proptest::prop_assert_eq!(&Capitals::of(text).at, &want, "{:?}", text);
        Ok(())
    }

    #[test]
    fn modifiers_are_told_in_any_case() {
        for m in MODIFIERS {
            assert!(is_modifier(m), "{m}");
            assert!(is_modifier(&m.to_uppercase()), "{m}");
        }
        for w in [
            "Pakistan", "K", "Qaeda", "i", "", "9", "lede", "Émile", "LEDs",
        ] {
            assert!(!is_modifier(w), "{w}");
        }
    }

    #[test]
    fn citation_lookup_finds_the_enclosing_range() {
        let cites = [(2, 5), (9, 12)];
        let inside: Vec<usize> = (0..14).filter(|&a| in_citation(&cites, a)).collect();
        assert_eq!(inside, [2, 3, 4, 9, 10, 11]);
        assert!(!in_citation(&[], 0));
    }

    #[test]
    fn citations_and_hyphen_modifiers_are_not_names() {
        let f = found(
            "Violence rose (Valerian Institute of Peace, 2024) in the Kolvar-led Dariak Front.",
        );
        assert!(!f.iter().any(|(_, n)| n.contains("Institute")), "{f:?}");
        assert!(f.contains(&(Class::Group, "Dariak Front".into())), "{f:?}");
    }

    #[test]
    fn acronyms_fit_their_names() {
        let d = disc();
        let a = d.acronyms("The Tehrik-e-Nusrat Valoria (TNV) and the Karst Liberation Army (KLA) and Something Else (XYZ).");
        assert_eq!(
            a[0],
            AcronymDef {
                name: "Tehrik-e-Nusrat Valoria".into(),
                acronym: "TNV".into()
            }
        );
        assert_eq!(
            a[1],
            AcronymDef {
                name: "Karst Liberation Army".into(),
                acronym: "KLA".into()
            }
        );
        assert!(a[2].name.starts_with('\u{0}'));
        let k = d.acronyms("The Dariak Front, commonly known as Dariak-F, grew.");
        assert_eq!(k[0].acronym, "Dariak-F");
    }
}
