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
pub struct Sentence<'a> {
    /// Byte offsets of the first and one past the last character in the document.
    pub start: usize,
    pub end: usize,
    /// The sentence as read: soft line breaks and skipped page furniture become one space.
    /// Borrowed from the document when it is written there as it is (most
    /// sentences), so that it costs no allocation.
    pub text: Cow<'a, str>,
    /// Index of the paragraph (block of text) the sentence belongs to.
    pub paragraph: usize,
    /// A title or table-of-contents line: not a statement, so no relations come from it.
    pub heading: bool,
    /// A list item (`- `, `• `, `1. `, …).
    pub bullet: bool,
}

/// A line of the document, without its leading and trailing whitespace.
struct Line {
    start: usize,
    end: usize,
    /// No tab or carriage return anywhere on the line (most lines): none to look for.
    plain: bool,
}

/// A run of text that reads continuously, with the document spans it is made of.
struct Unit {
    spans: Vec<(usize, usize)>,
    paragraph: usize,
    bullet: bool,
    heading: bool,
    /// All its lines are plain.
    plain: bool,
}

impl Unit {
    /// The number of document bytes in the unit.
    fn len(&self) -> usize {
        self.spans.iter().map(|(a, b)| b - a).sum()
    }
}

/// Splits a document into sentences. Never panics; empty input gives none.
pub fn split(doc: &str) -> Vec<Sentence<'_>> {
    let lines = lines(doc);
    let furniture = repeated_lines(doc, &lines);
    // A guess that saves regrowing the vector (prose runs at a sentence per 100-200 bytes).
    let mut out = Vec::with_capacity(doc.len() / 100);
    // One buffer for the joined text of every unit that needs one.
    let mut joined = Joined::default();
    units(doc, &lines, &furniture, |unit| {
        sentences_of_unit(doc, unit, &mut joined, &mut out);
    });
    out
}

/// The document's lines.
fn lines(doc: &str) -> Vec<Line> {
    let line = |start: usize, end: usize, plain: bool| {
        let t = trim_start_fast(&doc[start..end]);
        let start = end - t.len();
        Line {
            start,
            end: start + trim_end_fast(t).len(),
            plain,
        }
    };
    let bytes = doc.as_bytes();
    // A guess that saves most regrowing of the vector.
    let mut lines = Vec::with_capacity(doc.len() / 64);
    let (mut start, mut plain) = (0, true);
    // Tabs and carriage returns are found in the same pass as the line ends.
    for i in memchr::memchr3_iter(b'\n', b'\t', b'\r', bytes) {
        if bytes[i] == b'\n' {
            lines.push(line(start, i, plain));
            (start, plain) = (i + 1, true);
        } else {
            plain = false;
        }
    }
    if start < doc.len() {
        lines.push(line(start, doc.len(), plain));
    }
    lines
}

/// [`str::trim_start`], faster: ASCII whitespace is skipped on bytes and only a
/// non-ASCII or control character after it needs decoding.
fn trim_start_fast(t: &str) -> &str {
    let t = t.trim_ascii_start();
    if t.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        t
    } else {
        t.trim_start()
    }
}

/// [`str::trim_end`], faster (see [`trim_start_fast`]).
fn trim_end_fast(t: &str) -> &str {
    let t = t.trim_ascii_end();
    if t.as_bytes().last().is_some_and(u8::is_ascii_graphic) {
        t
    } else {
        t.trim_end()
    }
}

/// The length of the longest line that counts as repeated page furniture.
const MAX_REPEATED: usize = 100;

/// Page furniture: short lines repeated three or more times (running headers,
/// footers, form fields), bare page numbers and lines with no letters.
fn repeated_lines<'a>(doc: &'a str, lines: &[Line]) -> HashMap<&'a str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::with_capacity(lines.len());
    for line in lines {
        let t = &doc[line.start..line.end];
        if !t.is_empty() && t.len() <= MAX_REPEATED {
            *counts.entry(t).or_default() += 1;
        }
    }
    counts.retain(|_, n| *n >= 3);
    counts
}

/// Whether a (trimmed) line is page furniture.
fn is_furniture(t: &str, repeated: &HashMap<&str, usize>) -> bool {
    t.is_empty()
        || !has_letter(t)
        // A long line is never counted as repeated: not hashed to look for it.
        || t.len() <= MAX_REPEATED && repeated.contains_key(t)
        || is_footnote_url(t)
}

/// Whether `t` holds a letter: an ASCII one is found without decoding characters.
fn has_letter(t: &str) -> bool {
    t.bytes().any(|b| b.is_ascii_alphabetic()) || t.chars().any(char::is_alphabetic)
}

/// `¹ <https://…>` and bare URL lines carry no statements.
fn is_footnote_url(t: &str) -> bool {
    let rest = match t.as_bytes().first() {
        // Nothing to skip before a visible ASCII character other than a digit (most lines).
        Some(b) if b.is_ascii_graphic() && !b.is_ascii_digit() => t,
        _ => t.trim_start_matches(|c: char| {
            is_superscript(c) || c.is_ascii_digit() || c.is_whitespace()
        }),
    };
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
    // Characters are counted only when there can be 120 of them.
    if text.len() >= 120 && text.chars().count() >= 120 {
        return false;
    }
    let (mut words, mut capitalised) = (0, 0);
    let mut in_word = false;
    for c in text.chars() {
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

/// Groups lines into units (continuous runs of prose, bullets and table
/// rows) and hands each unit to `emit` once it is complete.
fn units(doc: &str, lines: &[Line], repeated: &HashMap<&str, usize>, mut emit: impl FnMut(&Unit)) {
    // The unit being read: no spans until the first line is kept.
    let mut unit = Unit {
        spans: Vec::new(),
        paragraph: 0,
        bullet: false,
        heading: false,
        plain: true,
    };
    let mut paragraph = 0;
    // Whether a blank line or page furniture came since the last kept line.
    let mut gap = true;
    for line in lines {
        let text = &doc[line.start..line.end];
        if is_furniture(text, repeated) {
            gap = true;
            continue;
        }
        let marker = bullet_marker(text);
        let tabular = !line.plain && has_tab(text);
        let continues = match unit.spans.last() {
            Some(&(start, end)) if marker.is_none() && !tabular => {
                let prev = &doc[start..end];
                let open = !ends_sentence(prev) && (unit.plain || !has_tab(prev));
                if gap {
                    // Across a blank line or a page header, a sentence goes on only
                    // when it was left open and the text resumes mid-sentence or
                    // the previous block was long prose (not a heading).
                    open && (starts_lowercase(text) || !unit.heading && unit.len() > 150)
                } else {
                    // A title is followed by text, not continued by it.
                    open && (!unit.heading || starts_lowercase(text))
                }
            }
            _ => false,
        };
        if continues {
            unit.spans.push((line.start, line.end));
            unit.heading = false;
            unit.plain &= line.plain;
        } else {
            if !unit.spans.is_empty() {
                emit(&unit);
            }
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
            unit.spans.clear();
            unit.spans
                .push((line.start + marker.unwrap_or(0), line.end));
            unit.paragraph = paragraph;
            unit.bullet = marker.is_some();
            unit.heading = heading;
            unit.plain = line.plain;
        }
        gap = false;
    }
    if !unit.spans.is_empty() {
        emit(&unit);
    }
}

/// Whether `word`, in any case, is an abbreviation after which a period does
/// not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    if !word.is_ascii() {
        // Lowercasing can turn non-ASCII into ASCII (the Kelvin sign into `k`).
        let lower = word.to_lowercase();
        return lower.is_ascii() && is_abbreviation(&lower);
    }
    // Lowercased on the stack: none is longer than "approx".
    let mut lower = [0; 6];
    let Some(lower) = lower.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"dr"
            | b"mr"
            | b"mrs"
            | b"ms"
            | b"prof"
            | b"gen"
            | b"lt"
            | b"col"
            | b"maj"
            | b"capt"
            | b"sgt"
            | b"st"
            | b"no"
            | b"vs"
            | b"etc"
            | b"e.g"
            | b"i.e"
            | b"u.s"
            | b"u.n"
            | b"u.k"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"approx"
            | b"fig"
            | b"vol"
            | b"pp"
            | b"jr"
            | b"sr"
            | b"inc"
            | b"ltd"
            | b"co"
            | b"cf"
            | b"al"
            | b"govt"
            | b"dept"
            | b"est"
            | b"mt"
    )
}

/// The text of a unit that is not written in the document as it is read
/// (several lines joined, or tabs and carriage returns read as spaces),
/// kept between units so that its buffers are allocated once per document.
#[derive(Default)]
struct Joined {
    text: String,
    /// Where each span starts: (offset in `text`, offset in the document);
    /// empty for a unit of one span.
    starts: Vec<(usize, usize)>,
}

impl Joined {
    /// Writes the text of `unit`: its spans joined by one space, tabs and
    /// carriage returns read as spaces.
    fn write(&mut self, doc: &str, unit: &Unit) {
        self.text.clear();
        self.starts.clear();
        let several = unit.spans.len() > 1;
        for &(s, e) in &unit.spans {
            if several {
                if !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.starts.push((self.text.len(), s));
            }
            let span = &doc[s..e];
            if unit.plain {
                self.text.push_str(span);
            } else {
                for (k, piece) in span.split(['\t', '\r']).enumerate() {
                    if k > 0 {
                        self.text.push(' ');
                    }
                    self.text.push_str(piece);
                }
            }
        }
    }
}

/// The document offset of byte `i` of the text of a unit whose first span
/// starts at `first_start`, and whose spans start at `starts` in that text
/// ([`Joined::starts`]; empty for a text of one span, which maps one to
/// one). A join space maps to the next span.
fn origin(starts: &[(usize, usize)], first_start: usize, i: usize) -> usize {
    if starts.is_empty() {
        return first_start + i;
    }
    let k = starts.partition_point(|&(t, _)| t <= i).saturating_sub(1);
    let (t, d) = starts[k];
    if i >= t { d + (i - t) } else { d }
}

fn sentences_of_unit<'a>(
    doc: &'a str,
    unit: &Unit,
    joined: &mut Joined,
    out: &mut Vec<Sentence<'a>>,
) {
    let first_start = unit.spans.first().map_or(0, |&(s, _)| s);
    // A single span with no tab or carriage return (most units) is read
    // from the document as it is; any other unit from its joined text.
    let as_written = match unit.spans[..] {
        [(s, e)] => unit.plain || memchr::memchr2(b'\t', b'\r', &doc.as_bytes()[s..e]).is_none(),
        _ => false,
    };
    let (text, starts): (&str, &[(usize, usize)]) = if as_written {
        let (s, e) = unit.spans[0];
        (&doc[s..e], &[])
    } else {
        joined.write(doc, unit);
        (&joined.text, &joined.starts)
    };
    let last_end = unit.spans.last().map_or(0, |&(_, e)| e);
    let mut push = |a: usize, b: usize| {
        let piece = &text[a..b];
        let piece_from_start = trim_start_fast(piece);
        let trimmed = trim_end_fast(piece_from_start);
        if trimmed.is_empty() {
            return;
        }
        let a = a + piece.len() - piece_from_start.len();
        let b = a + trimmed.len();
        let start = origin(starts, first_start, a);
        // Bytes of a span map one to one, so the last byte's offset + 1 ends the sentence.
        let end = if b >= text.len() {
            last_end
        } else {
            origin(starts, first_start, b - 1) + 1
        };
        // A sentence of a joined text that lies within one span and holds no
        // tab (most of them) reads as the document does: borrowed from it.
        let text = match doc.get(start..end) {
            Some(written) if as_written || written == trimmed => Cow::Borrowed(written),
            _ => Cow::Owned(trimmed.to_owned()),
        };
        out.push(Sentence {
            start,
            end,
            text,
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
        if is_boundary(text, i) {
            // Take closing quotes, brackets and footnote markers with the sentence.
            let mut j = i + 1;
            while j < bytes.len() {
                let rest = &text[j..];
                let c = rest.chars().next().unwrap_or(' ');
                if closes_sentence(c) {
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

/// Closing quotes, brackets and footnote markers, taken with the sentence they end.
fn closes_sentence(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']') || is_superscript(c)
}

/// Whether the terminal punctuation at byte `i` of `text` ends a sentence.
fn is_boundary(text: &str, i: usize) -> bool {
    let after = &text[i + 1..];
    let after = match after.as_bytes().first() {
        // Nothing to skip unless a quote, a bracket or a non-ASCII character follows.
        Some(b) if b.is_ascii() && !matches!(b, b'"' | b'\'' | b')' | b']') => after,
        _ => after.trim_start_matches(closes_sentence),
    };
    let Some(rest) = after.strip_prefix(|c: char| c.is_whitespace()) else {
        return after.is_empty();
    };
    let next = trim_start_fast(rest).chars().next();
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
    // (The space before it may be wider than a byte: a no-break or em space.)
    let word_start = before
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(0, |(p, c)| p + c.len_utf8());
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
        split(doc)
            .into_iter()
            .map(|s| s.text.into_owned())
            .collect()
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
    fn a_wide_space_before_a_period_word_is_no_panic() {
        assert_eq!(texts("a\u{a0}b. Cde fgh."), ["a\u{a0}b.", "Cde fgh."]);
        // "p.m." reads as initials, as "U.S." does.
        assert_eq!(
            texts("Seen at 5\u{2003}p.m. Then it left."),
            ["Seen at 5\u{2003}p.m. Then it left."]
        );
        assert_eq!(
            texts("Met Dr.\u{2003}Roe\u{2003}J. Smith."),
            ["Met Dr.\u{2003}Roe\u{2003}J. Smith."]
        );
    }

    #[test]
    fn abbreviations_match_in_any_case() {
        assert!(is_abbreviation("Approx") && !is_abbreviation("approxi"));
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
    fn sentences_read_as_written_are_borrowed_from_the_document() {
        // One unit of two lines, and a table row.
        let doc = "The group grew. It split\nin 2020. Then it ended.\nAspect\tBefore\n";
        let s = split(doc);
        let texts: Vec<&str> = s.iter().map(|x| &*x.text).collect();
        assert_eq!(
            texts,
            [
                "The group grew.",
                "It split in 2020.",
                "Then it ended.",
                "Aspect Before"
            ]
        );
        // Only those that cross the line break or hold the tab are copies.
        let borrowed: Vec<bool> = s
            .iter()
            .map(|x| matches!(x.text, Cow::Borrowed(_)))
            .collect();
        assert_eq!(borrowed, [true, false, true, false]);
        for x in &s[..3] {
            assert_eq!(doc[x.start..x.end].replace('\n', " "), x.text);
        }
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
