//! Folding text to lower-case ASCII for matching, with offset maps both ways.
//!
//! Matching (lexicon names, rule patterns) happens on the folded form; every
//! match is mapped back to the original text so that evidence stays verbatim.

use std::ops::Range;

use crate::text::is_superscript;

/// A folded copy of a string with a map back to it. The text is a `String`
/// of its own, or (`T = &str`) a piece of a buffer that holds the folded
/// texts of many strings (see [`fold_append`]), or (`T = Range<usize>`)
/// where that piece is while the buffer still grows.
#[derive(Debug, Clone)]
pub struct Folded<T = String> {
    /// Lower-case ASCII; hyphens read as spaces, em dashes as commas, curly
    /// quotes as straight ones, footnote markers dropped, whitespace collapsed.
    pub text: T,
    /// The map back, as runs of `text` that come byte for byte from the
    /// original: `(offset in text, offset in the original)` of each run's
    /// first byte, by offset. Most texts are a few runs, so no offset is
    /// stored per byte; most are one run of ASCII, so the first run is kept
    /// apart (`(0, 0)` for an empty text) and the vector of the others
    /// allocates nothing for them.
    first: (usize, usize),
    more: Vec<(usize, usize)>,
}

impl<T: AsRef<str>> Folded<T> {
    /// The byte offset in the original that byte `i` of `text` came from
    /// (never decreasing in `i`; `i` is meant to be below `text.len()`).
    pub fn orig(&self, i: usize) -> usize {
        let (f, o) = match self.more.first() {
            Some(&(f, _)) if f <= i => {
                let k = self.more.partition_point(|&(f, _)| f <= i);
                self.more[k - 1]
            }
            _ => self.first,
        };
        o + (i - f)
    }

    /// The original byte range of folded range `a..b` (`b > a`).
    pub fn orig_range(&self, a: usize, b: usize, orig: &str) -> (usize, usize) {
        let s = self.orig(a);
        let last = self.orig(b - 1);
        // The last byte's character ends the range; an ASCII one (most) needs no decoding.
        let e = last
            + match orig.as_bytes().get(last) {
                Some(c) if c.is_ascii() => 1,
                _ => orig[last..].chars().next().map_or(1, char::len_utf8),
            };
        (s, e)
    }

    /// The first byte of `text` that comes from original byte `at` or a
    /// later one (`text.len()` when none does).
    pub fn from_orig(&self, at: usize) -> usize {
        if self.more.is_empty() {
            // One run (most texts): its bytes map one to one.
            let (f, o) = self.first;
            return (f + at.saturating_sub(o)).min(self.text.as_ref().len());
        }
        let (mut lo, mut hi) = (0, self.text.as_ref().len());
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

impl Folded<Range<usize>> {
    /// The folding with its text read from `buffer`, the one it was appended to.
    pub fn within(self, buffer: &str) -> Folded<&str> {
        Folded {
            text: &buffer[self.text],
            first: self.first,
            more: self.more,
        }
    }
}

/// How each ASCII byte folds: letters to lower case, hyphen-like marks to
/// spaces, whitespace to a space, the backtick to an apostrophe.
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

/// Whether ASCII byte `c` is folded on its own by [`Out::push_ascii`]: a
/// control character (whitespace among them), a space (runs of them
/// collapse), or a mark that folds to a space or an apostrophe. Every byte
/// that [`ends_plain`] is one of them, so a stretch follows them.
fn folds_alone(c: u8) -> bool {
    c <= b' ' || marked(c)
}

/// Whether `c` is a mark that folds to a space (`-`, `_`, `~`, `*`) or to an
/// apostrophe (the backtick).
#[expect(
    clippy::needless_bitwise_bool,
    reason = "without branches, so that a block of bytes is tested at once"
)]
#[inline]
fn marked(c: u8) -> bool {
    (c == b'-') | (c == b'_') | (c == b'~') | (c == b'*') | (c == b'`')
}

/// Whether the byte `c` before `next` ends a stretch that
/// [`Out::push_ascii`] copies as it is: a byte that folds to another one
/// (not counting case), two spaces, or a byte of a non-ASCII character.
/// (The whitespace controls are tested as the range `'\t'..='\r'`, with
/// the vertical tab, which folds to itself: fewer operations per block of
/// bytes. Other control characters fold to themselves, so are copied.)
#[expect(
    clippy::needless_bitwise_bool,
    reason = "without branches, so that a block of bytes is tested at once"
)]
#[inline]
fn ends_plain(c: u8, next: u8) -> bool {
    let whitespace = c.wrapping_sub(b'\t') <= b'\r' - b'\t';
    whitespace | marked(c) | ((c == b' ') & (next == b' ')) | !c.is_ascii()
}

/// The length of the start of `b` that [`ends_plain`] lets through: ASCII
/// that folds to itself but for case.
fn plain_len(b: &[u8]) -> usize {
    let mut i = 0;
    while let Some(w) = b[i..].first_chunk::<17>() {
        if let Some(j) = first_spacing(w) {
            return i + j;
        }
        i += 16;
    }
    // The last bytes, padded with zeros, which end nothing.
    let rest = &b[i..];
    let mut padded = [0; 17];
    padded[..rest.len()].copy_from_slice(rest);
    first_spacing(&padded).map_or(b.len(), |j| i + j)
}

/// The first of the first sixteen bytes of `w` that [`ends_plain`] (the
/// last byte only follows them), found by a test without branches that the
/// compiler vectorises: a byte 0 or 1 per byte, the lowest 1 found in
/// them read as one number.
#[inline]
fn first_spacing(w: &[u8; 17]) -> Option<usize> {
    let mut ends = [0u8; 16];
    for j in 0..16 {
        ends[j] = u8::from(ends_plain(w[j], w[j + 1]));
    }
    let ends = u128::from_le_bytes(ends);
    (ends != 0).then(|| ends.trailing_zeros() as usize / 8)
}

/// The folded text being built at the end of `text`, from byte `base` on,
/// and its runs (see [`Folded::first`]).
struct Out<'t> {
    text: &'t mut String,
    base: usize,
    first: Option<(usize, usize)>,
    more: Vec<(usize, usize)>,
}

impl<'t> Out<'t> {
    /// Folding to be appended to `text`, with room for `capacity` bytes.
    fn new(text: &'t mut String, capacity: usize) -> Self {
        text.reserve(capacity);
        Self {
            base: text.len(),
            text,
            first: None,
            more: Vec::new(),
        }
    }

    /// Notes that the byte about to be written at the end came from
    /// original byte `at`, opening a run unless it continues the last one.
    fn mark(&mut self, at: usize) {
        let len = self.text.len() - self.base;
        let last = match (self.more.last_mut(), &mut self.first) {
            (Some(last), _) | (None, Some(last)) => last,
            (None, first @ None) => {
                *first = Some((len, at));
                return;
            }
        };
        let (f, o) = *last;
        if o + (len - f) == at {
            return;
        }
        if f == len {
            // A run left without bytes gives way.
            *last = (len, at);
        } else {
            self.more.push((len, at));
        }
    }

    /// Appends one folded (ASCII) byte that came from original byte `at`;
    /// runs of spaces collapse and the text never starts with one.
    fn push(&mut self, c: u8, at: usize) {
        if c == b' '
            && self.text.as_bytes()[self.base..]
                .last()
                .is_none_or(|&l| l == b' ')
        {
            return;
        }
        self.mark(at);
        self.text.push(char::from(c));
    }

    /// Appends the folding of the ASCII start of `rest`, which starts at
    /// original byte `at`, and returns its length: the stretches that fold
    /// to themselves but for case are copied whole, the bytes between them
    /// folded one at a time.
    fn push_ascii(&mut self, rest: &str, at: usize) -> usize {
        let from = self.text.len();
        let b = rest.as_bytes();
        let mut k = 0;
        while b.get(k).is_some_and(u8::is_ascii) {
            // Spaces, marks and control characters, one at a time (spaces collapse).
            while let Some(&c) = b.get(k).filter(|&&c| folds_alone(c)) {
                self.push(ASCII_FOLD[usize::from(c)], at + k);
                k += 1;
            }
            let e = k + plain_len(&b[k..]);
            if e > k {
                self.mark(at + k);
                self.text.push_str(&rest[k..e]);
            }
            k = e;
        }
        self.text[from..].make_ascii_lowercase();
        k
    }

    /// The folding, its text as where it is in the buffer.
    fn finish(self) -> Folded<Range<usize>> {
        Folded {
            text: self.base..self.text.len(),
            first: self.first.unwrap_or((0, 0)),
            more: self.more,
        }
    }
}

/// Folds `s`. Never panics.
pub fn fold_text(s: &str) -> Folded {
    let mut text = String::new();
    let folded = fold_with(s, Out::push_ascii, &mut text);
    Folded {
        text,
        first: folded.first,
        more: folded.more,
    }
}

/// Folds `s` onto the end of `buffer`, so that many texts are folded into
/// one allocation: the folding's text is where it was written.
pub fn fold_append(s: &str, buffer: &mut String) -> Folded<Range<usize>> {
    fold_with(s, Out::push_ascii, buffer)
}

/// Folds `s` onto the end of `buffer`, the ASCII start of what is left by
/// `push_ascii` (the tests hand in a specification).
fn fold_with<'t>(
    s: &str,
    push_ascii: fn(&mut Out<'t>, &str, usize) -> usize,
    buffer: &'t mut String,
) -> Folded<Range<usize>> {
    let bytes = s.as_bytes();
    let mut out = Out::new(buffer, bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // The common case: a run of ASCII, folded without decoding.
        i += push_ascii(&mut out, &s[i..], i);
        let Some(c) = s[i..].chars().next() else {
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
    out.finish()
}

/// Folds a name to the key it is matched by: folded text, trimmed.
pub fn fold_name(s: &str) -> String {
    let mut text = fold_text(s).text;
    // Trimmed in place, without a copy: folding never leaves a space at the
    // start, so only the end has any to trim but for odd whitespace.
    text.truncate(text.trim_end().len());
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
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

/// The end of the word or number of template tokens that starts at `s`
/// with an ASCII letter or digit: letters and digits by a loop of their own
/// (most words), then a ',' or '.' between two digits of a number goes on.
#[inline]
pub(crate) fn token_end(b: &[u8], s: usize) -> usize {
    let number = b[s].is_ascii_digit();
    let mut i = s + 1;
    loop {
        while b.get(i).is_some_and(|&c| ALNUM[usize::from(c)]) {
            i += 1;
        }
        if number
            && matches!(b.get(i), Some(b',' | b'.'))
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            i += 1;
        } else {
            return i;
        }
    }
}

/// Whether the apostrophe at `s` begins the possessive `'s` token: an `s`
/// that no letter or digit follows.
#[inline]
pub(crate) fn is_possessive(b: &[u8], s: usize) -> bool {
    b.get(s + 1) == Some(&b's') && !b.get(s + 2).is_some_and(u8::is_ascii_alphanumeric)
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
                self.i = token_end(b, s);
                return Some((s, self.i));
            } else if c == b'\'' {
                if is_possessive(b, s) {
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

    /// The specification of [`Out::push_ascii`]: each byte folded by the
    /// table and pushed on its own.
    fn push_ascii_bytewise(out: &mut Out<'_>, rest: &str, at: usize) -> usize {
        let ascii = rest.bytes().take_while(u8::is_ascii);
        let mut n = 0;
        for (k, c) in ascii.enumerate() {
            out.push(ASCII_FOLD[usize::from(c)], at + k);
            n += 1;
        }
        n
    }

    proptest::proptest! {
        /// Folding ASCII by stretches gives the text and the runs that
        /// folding it byte by byte gives, also when appended to a buffer
        /// that holds text already (the folding still drops a space at
        /// its start though the buffer does not end in one).
        #[test]
        fn ascii_folds_by_stretches_as_byte_by_byte(
            s in "([a-zA-Z0-9]{0,20}[ \t\n\r\x0b\x0c\x00\x01\x1f`_~*'.,é’—-]{0,3}){0,12}"
        ) {
            let mut buffer = "Before".to_owned();
            let fast = fold_append(&s, &mut buffer);
            let fast = fast.within(&buffer);
            let mut alone = String::new();
            let spec = fold_with(&s, push_ascii_bytewise, &mut alone).within(&alone);
            proptest::prop_assert_eq!(&buffer[..6], "Before");
            proptest::prop_assert_eq!(fast.text, spec.text);
            proptest::prop_assert_eq!(fast.first, spec.first);
            proptest::prop_assert_eq!(&fast.more, &spec.more);
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

    /// The specification of [`tokens`]: one loop over the bytes of a
    /// word, a ',' or '.' taken when a digit is on each side of it in a
    /// token that starts with a digit.
    fn tokens_bytewise(text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut s = 0;
        while s < b.len() {
            if ALNUM[usize::from(b[s])] {
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
                out.push((s, i));
                s = i;
            } else if b[s] == b'\'' {
                if b.get(s + 1) == Some(&b's')
                    && !b.get(s + 2).is_some_and(u8::is_ascii_alphanumeric)
                {
                    out.push((s, s + 2));
                    s += 2;
                } else {
                    s += 1;
                }
            } else if b[s] == b' ' {
                s += 1;
            } else {
                out.push((s, s + 1));
                s += 1;
            }
        }
        out
    }

    proptest::proptest! {
        /// Tokens are what the byte-by-byte specification finds.
        #[test]
        fn tokens_are_the_bytewise_ones(text in "[a1 ,.'s(-]{0,30}") {
            proptest::prop_assert_eq!(tokens(&text).collect::<Vec<_>>(), tokens_bytewise(&text));
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
