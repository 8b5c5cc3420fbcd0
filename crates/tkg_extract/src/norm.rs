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
    /// For each byte of `text`, the byte offset in the original it came from
    /// (never decreasing).
    pub to_orig: Vec<usize>,
}

impl Folded {
    /// The original byte range of folded range `a..b` (`b > a`).
    pub fn orig_range(&self, a: usize, b: usize, orig: &str) -> (usize, usize) {
        let s = self.to_orig[a];
        let last = self.to_orig[b - 1];
        let e = last + orig[last..].chars().next().map_or(1, char::len_utf8);
        (s, e)
    }

    /// The first byte of `text` that comes from original byte `at` or a
    /// later one (`text.len()` when none does).
    pub fn from_orig(&self, at: usize) -> usize {
        self.to_orig.partition_point(|&o| o < at)
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

/// The folded bytes being built, with the original offset of each. Both
/// buffers are kept at least as long as what is written; `len` is the
/// length written.
struct Out {
    text: Vec<u8>,
    to_orig: Vec<usize>,
    len: usize,
    /// The text is empty or ends with a space.
    at_space: bool,
}

impl Out {
    /// Makes room for `more` bytes.
    fn reserve(&mut self, more: usize) {
        let need = self.len + more;
        if self.text.len() < need {
            self.text.resize(need, 0);
            self.to_orig.resize(need, 0);
        }
    }

    /// Appends one folded byte that came from original byte `at`; runs of
    /// spaces collapse and the text never starts with one.
    #[inline]
    fn push(&mut self, c: u8, at: usize) {
        self.reserve(1);
        let space = c == b' ';
        if space && self.at_space {
            return;
        }
        self.at_space = space;
        self.text[self.len] = c;
        self.to_orig[self.len] = at;
        self.len += 1;
    }
}

/// Folds `s`. Never panics.
pub fn fold_text(s: &str) -> Folded {
    let bytes = s.as_bytes();
    let mut out = Out {
        text: vec![0; bytes.len()],
        to_orig: vec![0; bytes.len()],
        len: 0,
        at_space: true,
    };
    let mut i = 0;
    while i < bytes.len() {
        // The common case: ASCII, folded by table without decoding. Each
        // byte is written, and kept unless it is a second space in a row.
        out.reserve(bytes.len() - i);
        let (text, to_orig) = (&mut out.text[..], &mut out.to_orig[..]);
        let (mut len, mut at_space) = (out.len, out.at_space);
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii()) {
            let c = ASCII_FOLD[usize::from(b)];
            let space = c == b' ';
            text[len] = c;
            to_orig[len] = i;
            len += usize::from(!(space && at_space));
            at_space = space;
            i += 1;
        }
        (out.len, out.at_space) = (len, at_space);
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
    out.text.truncate(out.len);
    out.to_orig.truncate(out.len);
    Folded {
        // Every byte written is ASCII.
        text: String::from_utf8(out.text).unwrap_or_default(),
        to_orig: out.to_orig,
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
            if c.is_ascii_alphanumeric() {
                let mut i = s;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
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
