//! Sentence splitting that survives real layout: page headers repeated in the
//! middle of a sentence, headings, bullet lists, tables, footnote markers and
//! soft line wraps.
//!
//! The output sentences are *cleaned* (soft wraps and removed page headers read
//! as one space) but keep byte offsets into the original document.

use std::borrow::Cow;

use foldhash::{HashMap, HashMapExt};

/// One sentence (or one heading, bullet or table row) of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offsets of the first and one past the last character in the document.
    pub start: usize,
    pub end: usize,
    /// The sentence as read: soft line breaks and skipped page furniture become one space.
    pub text: String,
    /// Index of the paragraph (block of text) the sentence belongs to.
    pub paragraph: usize,
    /// A title or table-of-contents line: not a statement, so no relations come from it.
    pub heading: bool,
    /// A list item (`- `, `• `, `1. `, …).
    pub bullet: bool,
}

/// A run of text that reads continuously, with the document spans it is made of.
struct Unit {
    spans: Vec<(usize, usize)>,
    paragraph: usize,
    bullet: bool,
    heading: bool,
}

/// Splits a document into sentences. Never panics; empty input gives none.
pub fn split(doc: &str) -> Vec<Sentence> {
    let lines = trimmed_lines(doc);
    let furniture = repeated_lines(doc, &lines);
    let units = units(doc, &lines, &furniture);
    // Every unit gives at least one sentence.
    let mut out = Vec::with_capacity(units.len());
    for unit in &units {
        sentences_of_unit(doc, unit, &mut out);
    }
    out
}

/// The byte range of each line without its leading and trailing whitespace.
fn trimmed_lines(doc: &str) -> Vec<(usize, usize)> {
    let trimmed = |start: usize, end: usize| {
        let t = doc[start..end].trim_start();
        let start = end - t.len();
        (start, start + t.trim_end().len())
    };
    let mut lines = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', doc.as_bytes()) {
        lines.push(trimmed(start, i));
        start = i + 1;
    }
    if start < doc.len() {
        lines.push(trimmed(start, doc.len()));
    }
    lines
}

/// Page furniture: short lines repeated three or more times (running headers,
/// footers, form fields), bare page numbers and lines with no letters.
fn repeated_lines<'a>(doc: &'a str, lines: &[(usize, usize)]) -> HashMap<&'a str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::with_capacity(lines.len());
    for &(s, e) in lines {
        let t = &doc[s..e];
        if !t.is_empty() && t.len() <= 100 {
            *counts.entry(t).or_default() += 1;
        }
    }
    counts.retain(|_, n| *n >= 3);
    counts
}

/// Whether a (trimmed) line is page furniture.
fn is_furniture(t: &str, repeated: &HashMap<&str, usize>) -> bool {
    t.is_empty()
        || !t.chars().any(char::is_alphabetic)
        || repeated.contains_key(t)
        || is_footnote_url(t)
}

/// `¹ <https://…>` and bare URL lines carry no statements.
fn is_footnote_url(t: &str) -> bool {
    let rest = t
        .trim_start_matches(|c: char| is_superscript(c) || c.is_ascii_digit() || c.is_whitespace());
    (rest.starts_with("<http") || rest.starts_with("http")) && !rest.contains(' ')
}

pub(crate) fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁰' | '⁴'..='⁹')
}

/// The length of a list marker at the start of `t` (already left-trimmed), if any.
fn bullet_marker(t: &str) -> Option<usize> {
    // A marker is one of these characters followed by a space.
    let c = t.chars().next()?;
    if matches!(c, '-' | '•' | '*' | '→' | '↳' | 'o' | '–' | '▪' | '·')
        && t[c.len_utf8()..].starts_with(' ')
    {
        return Some(c.len_utf8() + 1);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
        && t.as_bytes().get(digits + 1) == Some(&b' ')
    {
        return Some(digits + 2);
    }
    None
}

/// Whether `t` holds a tab (as table rows do).
fn has_tab(t: &str) -> bool {
    memchr::memchr(b'\t', t.as_bytes()).is_some()
}

fn ends_sentence(t: &str) -> bool {
    let t = match t.as_bytes().last() {
        // Nothing to trim after a visible ASCII character (the common case).
        Some(b) if b.is_ascii_graphic() => t,
        _ => t.trim_end_matches(|c: char| c.is_whitespace() || is_superscript(c)),
    };
    t.ends_with(['.', '!', '?', ':', ';', '"', '”', '’']) || t.ends_with(".)")
}

fn starts_lowercase(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

/// A line without closing punctuation is a title when it is short or mostly
/// capitalised ("Origins and Ideology"), not when it reads as prose.
fn looks_like_title(text: &str) -> bool {
    let (mut chars, mut words, mut capitalised) = (0, 0, 0);
    let mut in_word = false;
    for c in text.chars() {
        chars += 1;
        if chars >= 120 {
            return false;
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if c.is_uppercase() || c.is_ascii_digit() {
                capitalised += 1;
            }
        }
    }
    words <= 8 || capitalised * 2 >= words
}

impl Unit {
    /// The number of document bytes in the unit.
    fn len(&self) -> usize {
        self.spans.iter().map(|(a, b)| b - a).sum()
    }
}

/// Groups lines into units: continuous runs of prose, bullets and table rows.
fn units(doc: &str, lines: &[(usize, usize)], repeated: &HashMap<&str, usize>) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut paragraph = 0;
    // Whether a blank line or page furniture came since the last kept line.
    let mut gap = true;
    for &(s, e) in lines {
        let text = &doc[s..e];
        if is_furniture(text, repeated) {
            gap = true;
            continue;
        }
        let marker = bullet_marker(text);
        let tabular = has_tab(text);
        let continues = match units.last() {
            Some(prev) if marker.is_none() && !tabular => {
                let (a, b) = *prev.spans.last().unwrap_or(&(0, 0));
                let p = &doc[a..b];
                let open = !ends_sentence(p) && !has_tab(p);
                if gap {
                    // Across a blank line or a page header, a sentence goes on only
                    // when it was left open and the text resumes mid-sentence or
                    // the previous block was long prose (not a heading).
                    open && (starts_lowercase(text) || !prev.heading && prev.len() > 150)
                } else {
                    // A title is followed by text, not continued by it.
                    open && (!prev.heading || starts_lowercase(text))
                }
            }
            _ => false,
        };
        if continues {
            let unit = units.last_mut().expect("continues implies a previous unit");
            unit.spans.push((s, e));
            unit.heading = false;
        } else {
            if gap {
                paragraph += 1;
            }
            // A table row, or a short line with no closing punctuation, is a
            // heading until text continues it.
            let heading = tabular
                || marker.is_none()
                    && !ends_sentence(text)
                    && !text.ends_with([',', '-'])
                    && looks_like_title(text);
            units.push(Unit {
                spans: vec![(s + marker.unwrap_or(0), e)],
                paragraph,
                bullet: marker.is_some(),
                heading,
            });
        }
        gap = false;
    }
    units
}

/// Abbreviations after which a period does not end a sentence, sorted for a binary search.
const ABBREVIATIONS: &[&str] = &[
    "al", "approx", "apr", "aug", "capt", "cf", "co", "col", "dec", "dept", "dr", "e.g", "est",
    "etc", "feb", "fig", "gen", "govt", "i.e", "inc", "jan", "jr", "jul", "jun", "lt", "ltd",
    "maj", "mar", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "pp", "prof", "sep", "sept", "sgt",
    "sr", "st", "u.k", "u.n", "u.s", "vol", "vs",
];

/// Whether `word`, lowercased, is one of the [`ABBREVIATIONS`].
fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        // Compared lowercased byte by byte, without allocating.
        let lower = word.bytes().map(|b| b.to_ascii_lowercase());
        ABBREVIATIONS
            .binary_search_by(|a| a.bytes().cmp(lower.clone()))
            .is_ok()
    } else {
        // Lowercasing can turn non-ASCII into ASCII (the Kelvin sign into `k`).
        ABBREVIATIONS
            .binary_search(&word.to_lowercase().as_str())
            .is_ok()
    }
}

fn sentences_of_unit(doc: &str, unit: &Unit, out: &mut Vec<Sentence>) {
    // The unit's text with one space at each join, and where each span
    // starts in it: (offset in `text`, offset in the document).
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut text = if let [(s, e)] = unit.spans[..] {
        // A single span (most units) is read from the document as it is.
        Cow::Borrowed(&doc[s..e])
    } else {
        let mut joined = String::with_capacity(unit.len() + unit.spans.len());
        starts.reserve_exact(unit.spans.len());
        for &(s, e) in &unit.spans {
            if !joined.is_empty() {
                joined.push(' ');
            }
            starts.push((joined.len(), s));
            joined.push_str(&doc[s..e]);
        }
        Cow::Owned(joined)
    };
    if memchr::memchr2(b'\t', b'\r', text.as_bytes()).is_some() {
        text = Cow::Owned(text.replace(['\t', '\r'], " "));
    }
    let first_start = unit.spans.first().map_or(0, |&(s, _)| s);
    // The document offset of byte `i` of `text` (a join space maps to the next span).
    let origin = |i: usize| {
        if starts.is_empty() {
            return first_start + i;
        }
        let k = starts.partition_point(|&(t, _)| t <= i).saturating_sub(1);
        let (t, d) = starts[k];
        if i >= t { d + (i - t) } else { d }
    };
    let last_end = unit.spans.last().map_or(0, |&(_, e)| e);
    let mut push = |a: usize, b: usize| {
        let piece = &text[a..b];
        let piece_from_start = piece.trim_start();
        let trimmed = piece_from_start.trim_end();
        if trimmed.is_empty() {
            return;
        }
        let a = a + piece.len() - piece_from_start.len();
        let b = a + trimmed.len();
        let start = origin(a);
        // Bytes of a span map one to one, so the last byte's offset + 1 ends the sentence.
        let end = if b >= text.len() {
            last_end
        } else {
            origin(b - 1) + 1
        };
        out.push(Sentence {
            start,
            end,
            text: trimmed.to_owned(),
            paragraph: unit.paragraph,
            heading: unit.heading,
            bullet: unit.bullet,
        });
    };
    if unit.heading {
        push(0, text.len());
        return;
    }
    let bytes = text.as_bytes();
    let mut begin = 0;
    let mut from = 0;
    while let Some(at) = memchr::memchr3(b'.', b'!', b'?', &bytes[from..]) {
        let i = from + at;
        from = i + 1;
        if is_boundary(&text, i) {
            // Take closing quotes, brackets and footnote markers with the sentence.
            let mut j = i + 1;
            while j < bytes.len() {
                let rest = &text[j..];
                let c = rest.chars().next().unwrap_or(' ');
                if matches!(c, '"' | '”' | '’' | '\'' | ')' | ']') || is_superscript(c) {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            push(begin, j);
            begin = j;
            from = j;
        }
    }
    push(begin, text.len());
}

/// Whether the terminal punctuation at byte `i` of `text` ends a sentence.
fn is_boundary(text: &str, i: usize) -> bool {
    let after = &text[i + 1..];
    let after = after.trim_start_matches(|c: char| {
        matches!(c, '"' | '”' | '’' | '\'' | ')' | ']') || is_superscript(c)
    });
    let Some(rest) = after.strip_prefix(|c: char| c.is_whitespace()) else {
        return after.is_empty();
    };
    let next = rest.trim_start().chars().next();
    if !next.is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '(' | '[')
    }) {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    // The word before the period: an abbreviation or an initial does not end a sentence.
    let before = &text[..i];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(')
        .map_or(0, |p| p + 1);
    let word = &before[word_start..];
    if is_abbreviation(word) {
        return false;
    }
    let mut letters = word.chars().rev();
    let (last, second_last) = (letters.next(), letters.next());
    // "J." or "U.S" style initials.
    !(second_last.is_none() && last.is_some_and(char::is_uppercase) || second_last == Some('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &str) -> Vec<String> {
        split(doc).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn sentences_split_after_periods_but_not_abbreviations() {
        let doc =
            "Dr. Jane Roe leads the Front. It was founded in 2001 by U.S. critics. Is it? Yes.";
        assert_eq!(
            texts(doc),
            [
                "Dr. Jane Roe leads the Front.",
                "It was founded in 2001 by U.S. critics.",
                "Is it?",
                "Yes."
            ]
        );
    }

    #[test]
    fn abbreviations_match_in_any_case() {
        assert!(
            ABBREVIATIONS.is_sorted(),
            "the binary search needs them sorted"
        );
        assert_eq!(
            texts("DR. Roe came. See Annex B, E.G. The list. Approx. Ten."),
            [
                "DR. Roe came.",
                "See Annex B, E.G. The list.",
                "Approx. Ten."
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_original() {
        let doc = "Intro line\n\nThe Front operates in Valeria. Its chief is Max Roe.\n";
        for s in split(doc) {
            assert_eq!(&doc[s.start..s.end], s.text);
        }
    }

    #[test]
    fn repeated_page_headers_are_cut_out_of_a_sentence() {
        let header = "Journal of Things\n\nISSN 1234\n\n";
        let doc = format!(
            "{header}The group carried out an attack\n\n{header}at the gate that killed 12 people.\n\n{header}Other text here."
        );
        let s = split(&doc);
        assert_eq!(
            s[0].text,
            "The group carried out an attack at the gate that killed 12 people."
        );
        assert_eq!(&doc[s[0].start..s[0].start + 3], "The");
        assert!(doc[..s[0].end].ends_with("people."));
    }

    #[test]
    fn headings_bullets_and_tables_stand_alone() {
        let doc = "Who are the Front?\nOrigins of the Front\n\nThe Front grew.\n- Targets Valeria.\n- Draws defectors\nAspect\tBefore\tAfter\n";
        let s = split(doc);
        let heads: Vec<bool> = s.iter().map(|x| x.heading).collect();
        assert_eq!(s[1].text, "Origins of the Front");
        assert!(s[1].heading);
        assert_eq!(s[2].text, "The Front grew.");
        assert_eq!(s[3].text, "Targets Valeria.");
        assert!(s[3].bullet);
        assert_eq!(heads.last(), Some(&true));
    }

    #[test]
    fn soft_wrapped_lines_join() {
        let doc = "Accepted on 28 June,\n2026 after review.\n";
        assert_eq!(texts(doc), ["Accepted on 28 June, 2026 after review."]);
    }

    #[test]
    fn footnote_urls_and_markers_are_not_sentences() {
        let doc =
            "The group grew in the region⁴. In 2020 it split.\n\n¹ <https://example.org/x.pdf>\n";
        assert_eq!(
            texts(doc),
            ["The group grew in the region⁴.", "In 2020 it split."]
        );
    }

    #[test]
    fn sentences_ending_in_multibyte_characters_keep_valid_offsets() {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
        let mut docs: Vec<String> = vec![
            "Kābul grew⁰. Then “it” split…\n\nShi’a areas — mostly.⁴\nNext line ends in é".into(),
        ];
        docs.extend(
            std::fs::read_dir(seeds)
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| std::fs::read_to_string(e.path()).ok()),
        );
        for doc in &docs {
            for s in split(doc) {
                assert!(
                    doc.is_char_boundary(s.start) && doc.is_char_boundary(s.end),
                    "{s:?}"
                );
                let original = &doc[s.start..s.end];
                assert!(
                    original.starts_with(s.text.chars().next().unwrap()),
                    "{s:?}"
                );
                assert!(original.ends_with(s.text.chars().last().unwrap()), "{s:?}");
            }
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for doc in [
            "",
            "\n\n\n",
            ".",
            "...",
            "a.\u{0}b",
            "¹²³",
            "\t\t",
            "é.É. É",
            "- ",
            "1. ",
        ] {
            let _ = split(doc);
        }
    }
}
