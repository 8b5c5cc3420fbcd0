//! Rule patterns matched token by token, without a regex.
//!
//! A rule pattern made only of slots, gaps (`~N`, `~~N`, `~~~N`) and plain
//! words (every bundled rule is) is matched here over the
//! template's tokens in the order a backtracking regex tries its choices:
//! alternatives in the order written, an optional element first taken then
//! left out, a gap first as short as it can be. That order is what makes
//! the regex's leftmost-first match, so the matches are the regex's (a test
//! in `rules.rs` compares the two). Each regex search costs a walk over its
//! own automaton's tables, which are cold in memory by the time a rule runs
//! again; the token walk touches only the template and the pattern.

use std::ops::Range;

use crate::rules::Slot;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// `^`: the match starts at the template's first token.
    Start,
    /// `{S}`, `{O}`, `{PAIR}`: one mention token of a class the slot takes
    /// (never [`Slot::Start`]).
    Slot(Slot),
    /// Up to `max` tokens of a kind, as few as will do.
    Gap { max: usize, takes: Gap },
    /// Plain words: one of the alternatives, each a sequence of tokens, in
    /// order; when `optional`, none of them as the last choice.
    Words {
        alternatives: Vec<Vec<Vec<u8>>>,
        optional: bool,
        /// What the alternatives' first tokens can be (see [`Firsts`]).
        firsts: Firsts,
    },
}

/// The lengths (below 64) and first bytes of the alternatives' first
/// tokens, as bits: a token whose length or first byte is missing is not
/// one of them. Most tokens a pattern's words are tried on fail this one
/// test. And which alternatives have a first token of each length: a token
/// is compared only with those (the others cannot take it), in their order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Firsts {
    lengths: u64,
    bytes: [u64; 4],
    /// The alternatives' indices, by the length of their first token (63
    /// for any longer), in order within a length.
    by_length: Vec<usize>,
    /// Where each length's indices start in `by_length` (those of length
    /// `n` are `by_length[starts[n]..starts[n + 1]]`).
    starts: Vec<usize>,
}

impl Firsts {
    /// Of the alternatives' first tokens, in the alternatives' order.
    pub fn of<'a>(tokens: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut f = Self::default();
        let mut lengths = Vec::new();
        for t in tokens {
            lengths.push(t.len().min(63));
            f.lengths |= 1 << t.len().min(63);
            if let Some(&b) = t.first() {
                f.bytes[usize::from(b / 64)] |= 1 << (b % 64);
            }
        }
        f.by_length = (0..lengths.len()).collect();
        f.by_length.sort_by_key(|&i| lengths[i]);
        f.starts = (0..=64)
            .map(|n| lengths.iter().filter(|&&l| l < n).count())
            .collect();
        f
    }

    /// The alternatives that may take `token`, in order.
    fn alternatives(&self, token: &[u8]) -> &[usize] {
        let may_hold = self.lengths & 1 << token.len().min(63) != 0
            && token
                .first()
                .is_some_and(|&b| self.bytes[usize::from(b / 64)] & 1 << (b % 64) != 0);
        if may_hold {
            let n = token.len().min(63);
            &self.by_length[self.starts[n]..self.starts[n + 1]]
        } else {
            &[]
        }
    }
}

/// The tokens a gap takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// `~N`: tokens that open with a letter, digit or one of `'"&/%$`, so
    /// no mention and no punctuation that breaks a clause.
    Clause,
    /// `~~N`: tokens that are no mention.
    NoMention,
    /// `~~~N`: any tokens.
    Any,
}

/// What a slot takes: the class letters as bits (`1 << (letter - b'A')`)
/// of a subject and of an object (a pair takes the subject's, and needs a
/// token that lists several mentions).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Takes {
    pub subject: u32,
    pub object: u32,
}

/// One match: the bytes of the whole match (from the space before its
/// first token to the space after its last) and what each slot took (the
/// mention token without its `\x01` and `\x02`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RuleMatch {
    pub whole: Range<usize>,
    pub subject: Option<Range<usize>>,
    pub object: Option<Range<usize>>,
    pub pair: Option<Range<usize>>,
}

/// The tokens of `template`: what lies between two spaces, as byte ranges.
#[cfg(test)]
pub(crate) fn tokens(template: &[u8]) -> Vec<(usize, usize)> {
    let mut spaces = memchr::memchr_iter(b' ', template);
    let mut tokens = Vec::with_capacity(template.len() / 4);
    if let Some(mut prev) = spaces.next() {
        for space in spaces {
            tokens.push((prev + 1, space));
            prev = space;
        }
    }
    tokens
}

/// The matches of `pieces` in `template`, whose [`tokens`] are `tokens`,
/// in order, not overlapping.
pub(crate) fn find(
    pieces: &[Piece],
    takes: Takes,
    template: &[u8],
    tokens: &[(usize, usize)],
) -> Vec<RuleMatch> {
    let opens_template = template.first() == Some(&b' ');
    let m = Matcher {
        template,
        tokens,
        takes,
    };
    let mut out = Vec::new();
    let mut at = 0;
    // A pattern that opens with a slot can start only at a mention token.
    let opens_with_slot = matches!(pieces.first(), Some(Piece::Slot(_)));
    while at < tokens.len() {
        if pieces.first() == Some(&Piece::Start) && (at > 0 || !opens_template) {
            break;
        }
        if opens_with_slot && template[tokens[at].0..].first() != Some(&1) {
            at += 1;
            continue;
        }
        let mut slots = [None, None, None];
        match m.from(pieces, at, &mut slots) {
            // A match takes at least one token: every pattern has a slot.
            Some(end) if end > at => {
                let token = |i: Option<usize>| {
                    i.map(|i: usize| tokens[i].0 + 1..tokens[i].1.saturating_sub(1))
                };
                out.push(RuleMatch {
                    whole: tokens[at].0 - 1..tokens[end - 1].1 + 1,
                    subject: token(slots[0]),
                    object: token(slots[1]),
                    pair: token(slots[2]),
                });
                // The match took the space before the next token, so the
                // next match starts a token later, as a regex search does.
                at = end + 1;
            }
            _ => at += 1,
        }
    }
    out
}

struct Matcher<'a> {
    template: &'a [u8],
    tokens: &'a [(usize, usize)],
    takes: Takes,
}

impl Matcher<'_> {
    fn token(&self, i: usize) -> &[u8] {
        let (a, b) = self.tokens[i];
        &self.template[a..b]
    }

    /// Where the first way for `pieces` to match from token `at` ends,
    /// trying choices in the regex's order; `slots` get the tokens the
    /// slots took on that way.
    fn from(&self, pieces: &[Piece], at: usize, slots: &mut [Option<usize>; 3]) -> Option<usize> {
        let Some((piece, rest)) = pieces.split_first() else {
            return Some(at);
        };
        match piece {
            Piece::Start => self.from(rest, at, slots),
            Piece::Slot(slot) => {
                let token = self.tokens.get(at).map(|_| self.token(at))?;
                let (letters, index, listed) = match slot {
                    Slot::Subject => (self.takes.subject, 0, false),
                    Slot::Object => (self.takes.object, 1, false),
                    Slot::Pair => (self.takes.subject, 2, true),
                    Slot::Start => return None,
                };
                if !is_mention(token, letters, listed) {
                    return None;
                }
                slots[index] = Some(at);
                self.from(rest, at + 1, slots)
            }
            Piece::Gap { max, takes } => {
                for n in 0..=*max {
                    if n > 0 {
                        let i = at + n - 1;
                        if i >= self.tokens.len() || !gap_takes(self.token(i), *takes) {
                            return None;
                        }
                    }
                    if let Some(end) = self.from(rest, at + n, slots) {
                        return Some(end);
                    }
                }
                None
            }
            Piece::Words {
                alternatives,
                optional,
                firsts,
            } => {
                let tried = match self.tokens.get(at) {
                    Some(_) => firsts.alternatives(self.token(at)),
                    None => &[],
                };
                for words in tried.iter().map(|&i| &alternatives[i]) {
                    let fits = at + words.len() <= self.tokens.len()
                        && words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| same(self.token(at + k), w));
                    if fits && let Some(end) = self.from(rest, at + words.len(), slots) {
                        return Some(end);
                    }
                }
                if *optional {
                    self.from(rest, at, slots)
                } else {
                    None
                }
            }
        }
    }
}

/// `a == b` by a plain loop (see [`crate::starts_with`]).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && crate::starts_with(a, b)
}

/// Whether `token` is a mention token (`\x01`, a class letter, indices
/// joined by `+`, `\x02`) of a class in `letters`; when `listed`, one that
/// lists several mentions.
fn is_mention(token: &[u8], letters: u32, listed: bool) -> bool {
    let [1, letter, indices @ .., 2] = token else {
        return false;
    };
    letter.is_ascii_uppercase()
        && letters & 1 << (letter - b'A') != 0
        && if listed {
            // `[0-9]+(?:\+[0-9]+)+`
            let mut parts = indices.split(|&b| b == b'+');
            parts.clone().count() >= 2
                && parts.all(|p| !p.is_empty() && p.iter().all(u8::is_ascii_digit))
        } else {
            // `[0-9+]+`
            !indices.is_empty() && indices.iter().all(|&b| b.is_ascii_digit() || b == b'+')
        }
}

/// Whether a gap takes `token` (see [`Piece::Gap`]).
fn gap_takes(token: &[u8], takes: Gap) -> bool {
    match (token.first(), takes) {
        (Some(_), Gap::Any) => true,
        (None | Some(1), _) => false,
        (Some(&b), Gap::Clause) => {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b"'\"&/%$".contains(&b)
        }
        (Some(_), Gap::NoMention) => true,
    }
}
