//! Sentence splitting that survives real layout: page headers repeated in the
//! middle of a sentence, headings, bullet lists, tables, footnote markers and
//! soft line wraps.
//!
//! The output sentences are *cleaned* (soft wraps and removed page headers read
//! as one space) but keep byte offsets into the original document.

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
    let lines = lines_with_offsets(doc);
    let furniture = repeated_lines(doc, &lines);
    let units = units(doc, &lines, &furniture);
    let mut out = Vec::new();
    for unit in &units {
        sentences_of_unit(doc, unit, &mut out);
    }
    out
}

fn lines_with_offsets(doc: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', doc.as_bytes()) {
        lines.push((start, i));
        start = i + 1;
    }
    if start < doc.len() {
        lines.push((start, doc.len()));
    }
    lines
}

/// Page furniture: short lines repeated three or more times (running headers,
/// footers, form fields), bare page numbers and lines with no letters.
fn repeated_lines<'a>(doc: &'a str, lines: &[(usize, usize)]) -> HashMap<&'a str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &(s, e) in lines {
        let t = doc[s..e].trim();
        if !t.is_empty() && t.len() <= 100 {
            *counts.entry(t).or_default() += 1;
        }
    }
    counts.retain(|_, n| *n >= 3);
    counts
}

fn is_furniture(line: &str, repeated: &HashMap<&str, usize>) -> bool {
    let t = line.trim();
    t.is_empty()
        || repeated.contains_key(t)
        || !t.chars().any(char::is_alphabetic)
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
    for m in ["- ", "• ", "* ", "→ ", "↳ ", "o ", "– ", "▪ ", "· "] {
        if t.starts_with(m) {
            return Some(m.len());
        }
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

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || is_superscript(c));
    t.ends_with(['.', '!', '?', ':', ';', '"', '”', '’']) || t.ends_with(".)")
}

fn starts_lowercase(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

/// A line without closing punctuation is a title when it is short or mostly
/// capitalised ("Origins and Ideology"), not when it reads as prose.
fn looks_like_title(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    text.chars().count() < 120 && (words.len() <= 8 || capitalised * 2 >= words.len())
}

/// Groups lines into units: continuous runs of prose, bullets and table rows.
fn units(doc: &str, lines: &[(usize, usize)], repeated: &HashMap<&str, usize>) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut paragraph = 0;
    // Whether a blank line or page furniture came since the last kept line.
    let mut gap = true;
    for &(ls, le) in lines {
        let raw = &doc[ls..le];
        if is_furniture(raw, repeated) {
            gap = true;
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let (s, e) = (ls + lead, ls + raw.trim_end().len());
        let text = &doc[s..e];
        let marker = bullet_marker(text);
        let tabular = text.contains('\t');
        let prev = units.last();
        let prev_text = prev.map(|u| {
            let (a, b) = *u.spans.last().unwrap_or(&(0, 0));
            &doc[a..b]
        });
        let prev_len = prev.map_or(0, |u| u.spans.iter().map(|(a, b)| b - a).sum::<usize>());
        let continues = match prev_text {
            Some(p) if marker.is_none() && !tabular => {
                let open = !ends_sentence(p) && !p.contains('\t');
                let heading = prev.is_some_and(|u| u.heading);
                if gap {
                    // Across a blank line or a page header, a sentence goes on only
                    // when it was left open and the text resumes mid-sentence or
                    // the previous block was long prose (not a heading).
                    open && (starts_lowercase(text) || prev_len > 150 && !heading)
                } else {
                    // A title is followed by text, not continued by it.
                    open && (!heading || starts_lowercase(text))
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
            let start = s + marker.unwrap_or(0);
            units.push(Unit {
                spans: vec![(start, e)],
                paragraph,
                bullet: marker.is_some(),
                heading: tabular,
            });
            // A short line with no closing punctuation is a heading until text continues it.
            let u = units.last_mut().expect("just pushed");
            u.heading |= marker.is_none()
                && !ends_sentence(text)
                && !text.ends_with([',', '-'])
                && looks_like_title(text);
        }
        gap = false;
    }
    units
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs",
    "etc", "e.g", "i.e", "u.s", "u.n", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "approx", "fig", "vol", "pp", "jr", "sr", "inc", "ltd",
    "co", "cf", "al", "govt", "dept", "est", "mt",
];

fn sentences_of_unit(doc: &str, unit: &Unit, out: &mut Vec<Sentence>) {
    // The unit's text with one space at each join, and where each span
    // starts in it: (offset in `text`, offset in the document).
    let mut text = String::new();
    let mut starts: Vec<(usize, usize)> = Vec::with_capacity(unit.spans.len());
    for &(s, e) in &unit.spans {
        if !text.is_empty() {
            text.push(' ');
        }
        starts.push((text.len(), s));
        text.push_str(&doc[s..e]);
    }
    if text.contains(['\t', '\r']) {
        text = text.replace(['\t', '\r'], " ");
    }
    // The document offset of byte `i` of `text` (a join space maps to the next span).
    let origin = |i: usize| {
        let k = starts.partition_point(|&(t, _)| t <= i).saturating_sub(1);
        let (t, d) = starts[k];
        if i >= t { d + (i - t) } else { d }
    };
    let last_end = unit.spans.last().map_or(0, |&(_, e)| e);
    let mut push = |a: usize, b: usize| {
        let piece = &text[a..b];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            return;
        }
        let a = a + lead;
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
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    let letters: Vec<char> = word.chars().collect();
    // "J." or "U.S" style initials.
    !(letters.len() == 1 && letters[0].is_uppercase()
        || letters.len() >= 2 && letters[letters.len() - 2] == '.')
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
