//! Folding text to lower-case ASCII for matching, with offset maps both ways.
//!
//! Matching (lexicon names, rule patterns) happens on the folded form; every
//! match is mapped back to the original text so that evidence stays verbatim.

use crate::text::is_superscript;

/// A folded copy of a string with a map back to it.
#[derive(Debug, Clone)]
pub struct Folded {
    /// Lower-case ASCII; hyphens read as spaces, em dashes as commas, curly
    /// quotes as straight ones, footnote markers dropped, whitespace collapsed.
    pub text: String,
    /// The map back, as runs of `text` that come byte for byte from the
    /// original: `(offset in text, offset in the original)` of each run's
    /// first byte, by offset. Most texts are a few runs, so no offset is
    /// stored per byte.
    runs: Vec<(usize, usize)>,
}

impl Folded {
    /// The byte offset in the original that byte `i` of `text` came from
    /// (never decreasing in `i`).
    pub fn orig(&self, i: usize) -> usize {
        let k = self.runs.partition_point(|&(f, _)| f <= i);
        k.checked_sub(1)
            .map_or(0, |k| self.runs[k].1 + (i - self.runs[k].0))
    }

    /// The original byte range of folded range `a..b` (`b > a`).
    pub fn orig_range(&self, a: usize, b: usize, orig: &str) -> (usize, usize) {
        let s = self.orig(a);
        let last = self.orig(b - 1);
        let e = last + orig[last..].chars().next().map_or(1, char::len_utf8);
        (s, e)
    }

    /// The first byte of `text` that comes from original byte `at` or a
    /// later one (`text.len()` when none does).
    pub fn from_orig(&self, at: usize) -> usize {
        let (mut lo, mut hi) = (0, self.text.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.orig(mid) < at {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// How each ASCII byte folds: letters to lower case, hyphen-like marks to
/// spaces, whitespace to a space, the backtick to an apostrophe. The
/// specification of [`Out::push_ascii`], which does it by whole slices.
#[cfg(test)]
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        #[expect(clippy::cast_possible_truncation, reason = "i < 128")]
        let b = i as u8;
        t[i] = match b {
            b'A'..=b'Z' => b.to_ascii_lowercase(),
            b'-' | b'_' | b'~' | b'*' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c => b' ',
            b'`' => b'\'',
            _ => b,
        };
        i += 1;
    }
    t
};

/// The ASCII marks that fold to another byte, three at a time for
/// `memchr3`: to a space, except the backtick to an apostrophe.
const ASCII_MARKS: [[u8; 3]; 3] = [
    [b'-', b'_', b'~'],
    [b'*', b'\t', b'\n'],
    [b'\r', 0x0c, b'`'],
];

/// Whether each byte is an ASCII letter or digit, by table: the test runs
/// once per byte of every sentence.
pub(crate) const ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        #[expect(clippy::cast_possible_truncation, reason = "i < 256")]
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// The folded bytes being built and their runs (see [`Folded::runs`]).
struct Out {
    text: Vec<u8>,
    runs: Vec<(usize, usize)>,
}

impl Out {
    /// Notes that the byte about to be written at the end came from
    /// original byte `at`, opening a run unless it continues the last one.
    fn mark(&mut self, at: usize) {
        let len = self.text.len();
        match self.runs.last_mut() {
            Some(&mut (f, o)) if o + (len - f) == at => {}
            // A run left without bytes gives way.
            Some(last) if last.0 == len => *last = (len, at),
            _ => self.runs.push((len, at)),
        }
    }

    /// Appends one folded byte that came from original byte `at`; runs of
    /// spaces collapse and the text never starts with one.
    fn push(&mut self, c: u8, at: usize) {
        if c == b' ' && self.text.last().is_none_or(|&l| l == b' ') {
            return;
        }
        self.mark(at);
        self.text.push(c);
    }

    /// Appends the folding of `ascii`, which starts at original byte `at`.
    fn push_ascii(&mut self, ascii: &[u8], at: usize) {
        let from = self.text.len();
        self.mark(at);
        self.text.extend_from_slice(ascii);
        let new = &mut self.text[from..];
        new.make_ascii_lowercase();
        for [a, b, c] in ASCII_MARKS {
            let mut k = 0;
            while let Some(n) = memchr::memchr3(a, b, c, &new[k..]) {
                k += n;
                new[k] = if new[k] == b'`' { b'\'' } else { b' ' };
                k += 1;
            }
        }
        // Collapse spaces: rare after the first, so found by a fast search.
        let first = if from == 0 && self.text.first() == Some(&b' ') {
            Some(0)
        } else {
            let lo = from.saturating_sub(1);
            memchr::memmem::find(&self.text[lo..], b"  ").map(|p| lo + p + 1)
        };
        let Some(first) = first else { return };
        let mut w = first;
        let mut dropped = false;
        for r in first..self.text.len() {
            let c = self.text[r];
            if c == b' ' && (w == 0 || self.text[w - 1] == b' ') {
                dropped = true;
                continue;
            }
            if dropped {
                // Every kept byte after a dropped one opens a run.
                let orig = at + (r - from);
                match self.runs.last_mut() {
                    Some(last) if last.0 == w => *last = (w, orig),
                    _ => self.runs.push((w, orig)),
                }
                dropped = false;
            }
            self.text[w] = c;
            w += 1;
        }
        self.text.truncate(w);
    }
}

/// The length of the ASCII start of `b`, checked a block at a time.
fn ascii_prefix(b: &[u8]) -> usize {
    let blocks = b.chunks_exact(16).take_while(|c| c.is_ascii()).count() * 16;
    blocks
        + b[blocks..]
            .iter()
            .position(|c| !c.is_ascii())
            .unwrap_or(b.len() - blocks)
}

/// Folds `s`. Never panics.
pub fn fold_text(s: &str) -> Folded {
    let bytes = s.as_bytes();
    let mut out = Out {
        text: Vec::with_capacity(bytes.len()),
        runs: Vec::new(),
    };
    let mut i = 0;
    while i < bytes.len() {
        // The common case: a run of ASCII, folded by table without decoding.
        let ascii = i + ascii_prefix(&bytes[i..]);
        if ascii > i {
            out.push_ascii(&bytes[i..ascii], i);
            i = ascii;
        }
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let prev_space = s[..i].chars().next_back().is_none_or(char::is_whitespace);
        let len = c.len_utf8();
        let next_space = s[i + len..].chars().next().is_none_or(char::is_whitespace);
        match c {
            '–' if prev_space || next_space => out.push(b',', i),
            '—' | '―' => out.push(b',', i),
            c if c.is_whitespace() || matches!(c, '‐' | '‑' | '‒' | '−' | '–') => {
                out.push(b' ', i);
            }
            '’' | '‘' | 'ʼ' | '´' => out.push(b'\'', i),
            '“' | '”' => out.push(b'"', i),
            c if is_superscript(c) => {}
            c => {
                let mut any = false;
                for d in deunicode::deunicode_char(c).unwrap_or(" ").bytes() {
                    if d.is_ascii_alphanumeric() {
                        out.push(d.to_ascii_lowercase(), i);
                        any = true;
                    }
                }
                if !any {
                    out.push(b' ', i);
                }
            }
        }
        i += len;
    }
    Folded {
        // Every byte written is ASCII.
        text: String::from_utf8(out.text).unwrap_or_default(),
        runs: out.runs,
    }
}

/// Folds a name to the key it is matched by: folded text, trimmed.
pub fn fold_name(s: &str) -> String {
    let f = fold_text(s);
    f.text.trim().to_owned()
}

/// A token of the template that rules match against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok<'a> {
    Word(&'a str),
    Punct(&'a str),
}

/// Splits folded text into words (`[a-z0-9]+`, numbers with `,`/`.` inside),
/// the possessive `'s`, and single punctuation marks, as byte ranges.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        b: text.as_bytes(),
        i: 0,
    }
}

/// The iterator of [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    b: &'a [u8],
    i: usize,
}

impl Iterator for Tokens<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let b = self.b;
        while let Some(&c) = b.get(self.i) {
            let s = self.i;
            if ALNUM[usize::from(c)] {
                let mut i = s;
                while i < b.len()
                    && (ALNUM[usize::from(b[i])]
                        || (matches!(b[i], b',' | b'.')
                            && b[s].is_ascii_digit()
                            && i + 1 < b.len()
                            && b[i + 1].is_ascii_digit()
                            && b[i - 1].is_ascii_digit()))
                {
                    i += 1;
                }
                self.i = i;
                return Some((s, i));
            } else if c == b'\'' {
                if b.get(s + 1) == Some(&b's')
                    && !b.get(s + 2).is_some_and(u8::is_ascii_alphanumeric)
                {
                    self.i = s + 2;
                    return Some((s, s + 2));
                }
                self.i = s + 1;
            } else if c == b' ' {
                self.i = s + 1;
            } else {
                self.i = s + 1;
                return Some((s, s + 1));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_maps_back_to_the_original() {
        let s = "ISKP’s  chief—Shahab al‑Muhajir¹ (Kābul)";
        let f = fold_text(s);
        assert_eq!(f.text, "iskp's chief,shahab al muhajir (kabul)");
        let at = f.text.find("kabul").unwrap();
        let (a, b) = f.orig_range(at, at + 5, s);
        assert_eq!(&s[a..b], "Kābul");
        assert_eq!(
            f.from_orig(s.find("Shahab").unwrap()),
            f.text.find("shahab").unwrap()
        );
        assert_eq!(
            f.from_orig(s.find("¹").unwrap()),
            f.text.find(" (").unwrap()
        );
        assert_eq!(f.from_orig(s.len()), f.text.len());
    }

    proptest::proptest! {
        /// Every folded byte maps back to the character it came from, in
        /// order, and `from_orig` inverts the map.
        #[test]
        fn folded_bytes_map_back_to_their_characters(
            s in "[aZ9 \t\n\\-_*`'.,é–—’¹Æ\u{2009}]{0,40}"
        ) {
            let f = fold_text(&s);
            let t = f.text.as_bytes();
            for (i, &folded) in t.iter().enumerate() {
                let o = f.orig(i);
                proptest::prop_assert!(s.is_char_boundary(o) && o < s.len());
                if i > 0 {
                    let p = f.orig(i - 1);
                    proptest::prop_assert!(p <= o);
                    // Only a character folded to several bytes repeats an offset.
                    proptest::prop_assert!(p < o || !s.as_bytes()[o].is_ascii());
                }
                let b = s.as_bytes()[o];
                if b.is_ascii() {
                    proptest::prop_assert_eq!(folded, ASCII_FOLD[usize::from(b)]);
                }
                proptest::prop_assert!(f.from_orig(o) <= i && f.from_orig(o + 1) > i);
            }
            proptest::prop_assert_eq!(f.from_orig(s.len()), t.len());
        }
    }

    #[test]
    fn every_ascii_byte_folds_as_the_table_says() {
        for b in 0..128u8 {
            let want = match ASCII_FOLD[usize::from(b)] {
                b' ' => "x x".to_owned(),
                c => format!("x{}x", char::from(c)),
            };
            let got = fold_text(&format!("x{}x", char::from(b))).text;
            assert_eq!(got, want, "byte {b:#x}");
        }
    }

    #[test]
    fn tokens_keep_numbers_and_possessives() {
        let t = "isis k's 2,546 deaths, at 1.5 km.";
        let toks: Vec<&str> = tokens(t).map(|(a, b)| &t[a..b]).collect();
        assert_eq!(
            toks,
            [
                "isis", "k", "'s", "2,546", "deaths", ",", "at", "1.5", "km", "."
            ]
        );
    }

    #[test]
    fn en_dash_between_words_is_a_hyphen_and_spaced_dash_a_comma() {
        assert_eq!(fold_name("Afghanistan–Pakistan"), "afghanistan pakistan");
        assert_eq!(fold_text("Kabul – then").text, "kabul , then");
    }
}
