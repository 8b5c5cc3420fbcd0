//! Relation rules: data in `data/rules.toml`, matched over sentence
//! templates token by token (module `token_match`) or, for a pattern with regex
//! elements, by the byte regex each pattern compiles to (see the file's
//! header for the syntax).

use std::fmt::Write as _;

use regex::bytes::Regex;
use serde::Deserialize;
use tkg_model::{Class, Predicate};

use crate::WordTable;
use crate::error::ExtractError;
pub(crate) use crate::token_match::RuleMatch;
use crate::token_match::{self, Firsts, Gap, Piece, Takes};

const BUILTIN: &str = include_str!("../data/rules.toml");

/// Word lists that drive entity discovery, coreference, events and modality.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Cues {
    pub group_prefixes: Vec<String>,
    pub group_suffixes: Vec<String>,
    pub short_form_suffixes: Vec<String>,
    pub person_titles: Vec<String>,
    pub name_titles: Vec<String>,
    pub location_suffixes: Vec<String>,
    pub site_suffixes: Vec<String>,
    pub reporting_verbs: Vec<String>,
    pub role_nouns: Vec<String>,
    pub non_name_words: Vec<String>,
    pub name_adjectives: Vec<String>,
    pub group_references: Vec<String>,
    pub person_references: Vec<String>,
    pub attack_triggers: Vec<String>,
    pub allegation_cues: Vec<String>,
    pub negation_cues: Vec<String>,
    pub negation_exceptions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    cues: Option<Cues>,
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    predicate: String,
    pattern: String,
    confidence: f64,
    #[serde(default)]
    extend: bool,
    object_kind: Option<String>,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub predicate: Predicate,
    pub confidence_milli: u16,
    pub extend: bool,
    pub object_kind: Option<String>,
    pub regex: Regex,
    /// Word groups of which the template must hold one word each for the
    /// rule to match (see [`layout`]).
    anchors: Vec<Vec<Vec<u8>>>,
    /// How far from a slot each anchor group's word must lie (see [`layout`]).
    reaches: Vec<Reach>,
    /// The pattern for [`token_match`], when it can match it.
    pieces: Option<Vec<Piece>>,
    /// Capture group indices of the slots `{S}`, `{O}` and `{PAIR}`.
    pub(crate) slots: Slots,
    /// The class letters each slot accepts, as [`letter_bits`]: a template
    /// without a mention of such a class cannot match.
    subject_letters: u32,
    object_letters: u32,
}

impl Rule {
    /// The rule's matches in `template`, in order: token by token when
    /// the pattern allows it (see [`token_match`]), else by the regex.
    /// `tokens` are the template's tokens (see [`token_match::tokens`]).
    pub(crate) fn matches(&self, template: &[u8], tokens: &[(usize, usize)]) -> Vec<RuleMatch> {
        match &self.pieces {
            Some(pieces) => token_match::find(
                pieces,
                Takes {
                    subject: self.subject_letters,
                    object: self.object_letters,
                },
                template,
                tokens,
            ),
            None => self.captured(template),
        }
    }

    /// The rule's matches in `template`, with slots from the regex's captures.
    fn captured(&self, template: &[u8]) -> Vec<RuleMatch> {
        self.regex
            .captures_iter(template)
            .map(|caps| {
                let slot = |i: Option<usize>| i.and_then(|i| caps.get(i)).map(|m| m.range());
                RuleMatch {
                    whole: caps.get(0).expect("a match").range(),
                    subject: slot(self.slots.subject),
                    object: slot(self.slots.object),
                    pair: slot(self.slots.pair),
                }
            })
            .collect()
    }
}

/// Where a rule's slots are among its regex's capture groups.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Slots {
    pub subject: Option<usize>,
    pub object: Option<usize>,
    pub pair: Option<usize>,
}

/// The anchor groups of a rule that the prefilter tells (any further ones
/// are left to matching).
const MAX_GROUPS: usize = 64;

/// All rules, each with the anchor words that must occur for it to match.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub cues: Cues,
    pub rules: Vec<Rule>,
    /// Anchor word → its number, which indexes `marks`.
    index: WordTable,
    /// Per anchor word, the groups it satisfies, as bits to set in
    /// [`Scratch::seen`]: `(place, rules)` sets `rules` at `place`. Those
    /// of word `w` are `marks[mark_starts[w]..mark_starts[w + 1]]` (one
    /// flat list: a lookup reads no list header first).
    marks: Vec<(usize, u64)>,
    mark_starts: Vec<u32>,
    /// Per rule and anchor group, a bit per anchor word of the group, in
    /// one flat list: those of group `g` of rule `r` are the `word_blocks`
    /// from `group_words_at[r] + g * word_blocks`.
    group_words: Vec<u64>,
    group_words_at: Vec<usize>,
    word_blocks: usize,
    /// The rules in blocks of 64, a bit each: block `c` holds rules
    /// `64 * c..64 * c + 64`.
    blocks: usize,
    /// At `group * blocks + c`, the bits of the rules of block `c` that have
    /// no anchor group `group`: they need no word for it.
    lacking: Vec<u64>,
}

impl RuleSet {
    /// The rules bundled into the binary.
    ///
    /// # Panics
    /// Never: the bundled file is parsed by the test suite.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN, "builtin").expect("the bundled rules compile")
    }

    /// Parses a rule file; `source` names it in errors.
    ///
    /// # Errors
    /// TOML syntax, an unknown predicate, a bad pattern or confidence, or a duplicate id.
    pub fn parse(text: &str, source: &str) -> Result<Self, ExtractError> {
        let err = |message: String| ExtractError::Rules {
            file: source.to_owned(),
            message,
        };
        let file: RuleFile = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        let mut out = Self {
            cues: file.cues.unwrap_or_default(),
            rules: Vec::new(),
            index: WordTable::default(),
            marks: Vec::new(),
            mark_starts: Vec::new(),
            group_words: Vec::new(),
            group_words_at: Vec::new(),
            word_blocks: 0,
            blocks: 0,
            lacking: Vec::new(),
        };
        for spec in file.rule {
            out.push(spec, source)?;
        }
        out.reindex();
        Ok(out)
    }

    /// Adds the rules (and cue words) of another file; a rule with an id
    /// already present replaces it.
    ///
    /// # Errors
    /// As [`RuleSet::parse`].
    pub fn extend_from(&mut self, text: &str, source: &str) -> Result<(), ExtractError> {
        let other = Self::parse(text, source)?;
        let c = &mut self.cues;
        let o = other.cues;
        for (mine, theirs) in [
            (&mut c.group_prefixes, o.group_prefixes),
            (&mut c.group_suffixes, o.group_suffixes),
            (&mut c.short_form_suffixes, o.short_form_suffixes),
            (&mut c.person_titles, o.person_titles),
            (&mut c.name_titles, o.name_titles),
            (&mut c.location_suffixes, o.location_suffixes),
            (&mut c.site_suffixes, o.site_suffixes),
            (&mut c.reporting_verbs, o.reporting_verbs),
            (&mut c.role_nouns, o.role_nouns),
            (&mut c.non_name_words, o.non_name_words),
            (&mut c.name_adjectives, o.name_adjectives),
            (&mut c.group_references, o.group_references),
            (&mut c.person_references, o.person_references),
            (&mut c.attack_triggers, o.attack_triggers),
            (&mut c.allegation_cues, o.allegation_cues),
            (&mut c.negation_cues, o.negation_cues),
            (&mut c.negation_exceptions, o.negation_exceptions),
        ] {
            mine.extend(theirs);
        }
        for rule in other.rules {
            match self.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(r) => *r = rule,
                None => self.rules.push(rule),
            }
        }
        self.reindex();
        Ok(())
    }

    fn reindex(&mut self) {
        // Each anchor word's number, and the (rule, group) pairs it satisfies.
        let mut numbers: foldhash::HashMap<&[u8], usize> = foldhash::HashMap::default();
        let mut satisfies: Vec<Vec<(usize, usize)>> = Vec::new();
        for (ri, rule) in self.rules.iter().enumerate() {
            for (gi, group) in rule.anchors.iter().enumerate().take(MAX_GROUPS) {
                for word in group {
                    let next = satisfies.len();
                    let w = *numbers.entry(word.as_slice()).or_insert(next);
                    if w == next {
                        satisfies.push(Vec::new());
                    }
                    satisfies[w].push((ri, gi));
                }
            }
        }
        self.index = WordTable::new(
            numbers
                .into_iter()
                .map(|(word, w)| (word, u32::try_from(w).unwrap_or(u32::MAX))),
        );
        self.word_blocks = satisfies.len().div_ceil(64);
        self.group_words_at.clear();
        let mut at = 0;
        for r in &self.rules {
            self.group_words_at.push(at);
            at += r.anchors.len().min(MAX_GROUPS) * self.word_blocks;
        }
        self.group_words = vec![0; at];
        for (w, pairs) in satisfies.iter().enumerate() {
            for &(ri, gi) in pairs {
                let at = self.group_words_at[ri] + gi * self.word_blocks;
                self.group_words[at + w / 64] |= 1 << (w % 64);
            }
        }
        self.blocks = self.rules.len().div_ceil(64);
        let blocks = self.blocks;
        self.marks.clear();
        self.mark_starts = vec![0];
        for pairs in &satisfies {
            let from = self.marks.len();
            for &(ri, gi) in pairs {
                let place = gi * blocks + ri / 64;
                match self.marks[from..].iter_mut().find(|(p, _)| *p == place) {
                    Some((_, rules)) => *rules |= 1 << (ri % 64),
                    None => self.marks.push((place, 1 << (ri % 64))),
                }
            }
            self.mark_starts
                .push(u32::try_from(self.marks.len()).unwrap_or(u32::MAX));
        }
        let groups = self
            .rules
            .iter()
            .map(|r| r.anchors.len().min(MAX_GROUPS))
            .max()
            .unwrap_or(0);
        self.lacking = vec![0; groups * blocks];
        for (ri, rule) in self.rules.iter().enumerate() {
            for gi in rule.anchors.len().min(MAX_GROUPS)..groups {
                self.lacking[gi * blocks + ri / 64] |= 1 << (ri % 64);
            }
        }
    }

    /// The rules each of whose anchor groups has a word where `seen` (as
    /// [`Scratch::seen`]) says.
    fn anchored<'a>(&'a self, seen: &'a [u64]) -> impl Iterator<Item = usize> + 'a {
        (0..self.blocks).flat_map(move |c| {
            let all = match self.rules.len() - 64 * c {
                64.. => u64::MAX,
                n => (1 << n) - 1,
            };
            let rules = (c..seen.len())
                .step_by(self.blocks)
                .fold(all, |rules, place| {
                    rules & (seen[place] | self.lacking[place])
                });
            std::iter::successors(Some(rules), |r| Some(r & (r - 1)))
                .take_while(|&r| r != 0)
                .map(move |r| 64 * c + r.trailing_zeros() as usize)
        })
    }

    fn push(&mut self, spec: RuleSpec, source: &str) -> Result<(), ExtractError> {
        let err = |message: String| ExtractError::Rules {
            file: source.to_owned(),
            message: format!("rule '{}': {message}", spec.id),
        };
        if self.rules.iter().any(|r| r.id == spec.id) {
            return Err(err("duplicate rule id".into()));
        }
        let predicate: Predicate = spec.predicate.parse().map_err(err)?;
        if predicate.domain() == [Class::Attack] {
            return Err(err(
                "attack predicates come from event extraction, not rules".into(),
            ));
        }
        if !(0.0..=1.0).contains(&spec.confidence) {
            return Err(err(format!(
                "confidence {} is not in [0, 1]",
                spec.confidence
            )));
        }
        let compiled = compile(&spec.pattern, predicate).map_err(err)?;
        let regex =
            Regex::new(&compiled).map_err(|e| err(format!("pattern does not compile: {e}")))?;
        let Layout {
            anchors,
            reaches,
            pieces,
        } = layout(&spec.pattern);
        let group = |name: &str| regex.capture_names().position(|n| n == Some(name));
        let slots = Slots {
            subject: group("s"),
            object: group("o"),
            pair: group("p"),
        };
        // A pair's two mentions are both of the domain.
        let subject_letters = letter_bits(&letters(predicate.domain()));
        let object_letters = if slots.pair.is_some() {
            subject_letters
        } else {
            letter_bits(&letters(predicate.range()))
        };
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "confidence checked to be in [0, 1]"
        )]
        let confidence_milli = (spec.confidence * 1000.0).round() as u16;
        self.rules.push(Rule {
            id: spec.id,
            predicate,
            confidence_milli,
            extend: spec.extend,
            object_kind: spec.object_kind,
            regex,
            anchors,
            reaches,
            pieces,
            slots,
            subject_letters,
            object_letters,
        });
        Ok(())
    }

    /// Indices of the rules that can match `template`: those whose every
    /// anchor group has a word in it, at a distance from a mention of the
    /// class a slot takes that the pattern allows (see `layout`). This
    /// keeps most sentences away from most rules; matching decides.
    pub fn candidates(&self, template: &[u8]) -> Vec<usize> {
        let mut tokens = Vec::new();
        let mut start = 0;
        for (i, &b) in template.iter().enumerate() {
            if b == b' ' {
                if i > start {
                    tokens.push((start, i));
                }
                start = i + 1;
            }
        }
        if template.len() > start {
            tokens.push((start, template.len()));
        }
        self.candidates_with(template, &tokens, &mut Scratch::default())
            .to_vec()
    }

    /// [`RuleSet::candidates`] of a template given with its tokens (as byte
    /// ranges of `template`, in order), with buffers kept from one template
    /// to the next.
    pub(crate) fn candidates_with<'s>(
        &self,
        template: &[u8],
        tokens: &[(usize, usize)],
        scratch: &'s mut Scratch,
    ) -> &'s [usize] {
        let Scratch {
            seen,
            hits,
            mentions,
            out,
        } = scratch;
        // At `group * blocks + c`, a bit per rule of block `c` whose anchor
        // group `group` has a word in the template.
        seen.clear();
        seen.resize(self.lacking.len(), 0);
        // Where anchor words and mention tokens stand, by token index
        // (from 1: what comes before the template's first space is 0).
        hits.clear();
        mentions.clear();
        for (at, &(a, b)) in (1..).zip(tokens) {
            let word = &template[a..b];
            if let [1, letter, rest @ ..] = word
                && letter.is_ascii_uppercase()
            {
                mentions.push(TokenMention {
                    at,
                    letter: 1 << (letter - b'A'),
                    listed: rest.contains(&b'+'),
                });
                continue;
            }
            // (No anchor word is empty: only a plain word is an anchor.)
            let Some(bit) = (!word.is_empty()).then(|| crate::word_bit(word)) else {
                continue;
            };
            // (Most words of a template are no anchor: the table tells
            // those by their bit alone.)
            if let Some(w) = self.index.get_in(template, a, b, bit).map(|w| w as usize) {
                let (from, to) = (self.mark_starts[w], self.mark_starts[w + 1]);
                for &(place, rules) in &self.marks[from as usize..to as usize] {
                    seen[place] |= rules;
                }
                hits.push(Hit { word: w, at });
            }
        }
        let single = mentions.iter().fold(0, |b, m| b | m.letter);
        let listed = mentions
            .iter()
            .filter(|m| m.listed)
            .fold(0, |b, m| b | m.letter);
        out.clear();
        // The rules each of whose anchor groups has a word in the template.
        let anchored = self.anchored(seen);
        for ri in anchored {
            let rule = &self.rules[ri];
            let slots_fit = if rule.slots.pair.is_some() {
                listed & rule.subject_letters != 0
            } else {
                single & rule.subject_letters != 0 && single & rule.object_letters != 0
            };
            if slots_fit
                && rule
                    .reaches
                    .iter()
                    .all(|r| self.within(ri, r, hits, mentions))
            {
                out.push(ri);
            }
        }
        out
    }

    /// Whether a word of the reach's anchor group stands at a distance it
    /// allows from a mention its slot takes.
    fn within(&self, ri: usize, reach: &Reach, hits: &[Hit], mentions: &[TokenMention]) -> bool {
        let rule = &self.rules[ri];
        let (letters, listed) = match reach.slot {
            Slot::Subject => (rule.subject_letters, false),
            Slot::Object => (rule.object_letters, false),
            Slot::Pair => (rule.subject_letters, true),
            Slot::Start => (0, false),
        };
        let fits = |d: i32| reach.lo <= d && d <= reach.hi;
        let at = self.group_words_at[ri] + reach.group * self.word_blocks;
        let words = &self.group_words[at..at + self.word_blocks];
        hits.iter()
            .filter(|h| words[h.word / 64] & (1 << (h.word % 64)) != 0)
            .any(|h| match reach.slot {
                Slot::Start => fits(h.at),
                _ => mentions
                    .iter()
                    .any(|m| m.letter & letters != 0 && (m.listed || !listed) && fits(h.at - m.at)),
            })
    }
}

/// Buffers of [`RuleSet::candidates_with`], kept from one template to the next.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    seen: Vec<u64>,
    hits: Vec<Hit>,
    mentions: Vec<TokenMention>,
    /// The candidates.
    out: Vec<usize>,
}

/// An anchor word (by its number in the index) at a token index of a template.
#[derive(Debug)]
struct Hit {
    word: usize,
    at: i32,
}

/// A mention token at a token index of a template: its class letter as a
/// bit, and whether it lists several mentions.
#[derive(Debug)]
struct TokenMention {
    at: i32,
    letter: u32,
    listed: bool,
}

/// What an anchor group's position is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Subject,
    Object,
    Pair,
    /// The start of the template, for a pattern that begins with `^`
    /// (token index 0 is the empty piece before the template's first space).
    Start,
}

/// In every match of a rule, the token index of a word of anchor group
/// `group` minus that of the `slot`'s mention is in `lo..=hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reach {
    group: usize,
    slot: Slot,
    lo: i32,
    hi: i32,
}

/// One element of a pattern: the slot or anchor group it is, and its
/// width in tokens (`None`: unknown).
struct Element {
    slot: Option<Slot>,
    group: Option<usize>,
    min: i32,
    max: Option<i32>,
    /// The element for [`token_match`], when it is one it can match.
    piece: Option<Piece>,
}

impl Element {
    /// Element `i` of a pattern, written `e`; an anchor group is added to `groups`.
    fn read(i: usize, e: &str, groups: &mut Vec<Vec<Vec<u8>>>) -> Self {
        let plain = |a: &str| {
            !a.is_empty()
                && a.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'\'' | b',')
                })
        };
        let mut element = Element {
            slot: None,
            group: None,
            min: 0,
            max: None,
            piece: None,
        };
        match e {
            "^" if i == 0 => {
                element.slot = Some(Slot::Start);
                (element.min, element.max) = (1, Some(1));
                element.piece = Some(Piece::Start);
            }
            "{S}" | "{O}" | "{PAIR}" => {
                let slot = match e {
                    "{S}" => Slot::Subject,
                    "{O}" => Slot::Object,
                    _ => Slot::Pair,
                };
                element.slot = Some(slot);
                element.piece = Some(Piece::Slot(slot));
                (element.min, element.max) = (1, Some(1));
            }
            gap if gap.starts_with('~') => {
                let n = gap.trim_start_matches('~');
                let max: Option<usize> = n.parse().ok();
                element.max = max.and_then(|m| i32::try_from(m).ok());
                element.piece = max.and_then(|max| {
                    let takes = match gap.len() - n.len() {
                        1 => Gap::Clause,
                        2 => Gap::NoMention,
                        3 => Gap::Any,
                        _ => return None,
                    };
                    Some(Piece::Gap { max, takes })
                });
            }
            _ => {
                // As `compile` reads an optional element.
                let (body, optional) = match e.strip_suffix('?') {
                    Some(b) if !b.is_empty() && !b.ends_with('\\') => (b, true),
                    _ => (e, false),
                };
                let body = body
                    .strip_prefix('(')
                    .and_then(|b| b.strip_suffix(')'))
                    .unwrap_or(body);
                let alternatives: Vec<&str> = body.split('|').collect();
                // Words as written; a leading `#` marks a clause-breaking
                // conjunction in templates ("#and").
                let literal = |a: &&str| a.strip_prefix('#').is_some_and(&plain) || plain(a);
                if alternatives.iter().all(literal) {
                    let words: Vec<Vec<Vec<u8>>> = alternatives
                        .iter()
                        .map(|a| a.split('_').map(|w| w.as_bytes().to_vec()).collect())
                        .collect();
                    let firsts = Firsts::of(
                        words
                            .iter()
                            .map(|a| a.first().map_or(&[][..], Vec::as_slice)),
                    );
                    // An alternative is as many tokens wide as it has words.
                    let width = |a: &Vec<Vec<u8>>| i32::try_from(a.len()).unwrap_or(i32::MAX);
                    let min = words.iter().map(width).min().unwrap_or(0);
                    element.min = if optional { 0 } else { min };
                    element.max = words.iter().map(width).max();
                    element.piece = Some(Piece::Words {
                        alternatives: words,
                        optional,
                        firsts,
                    });
                }
                if !e.ends_with('?')
                    && !e.starts_with('{')
                    && e != "^"
                    && alternatives.iter().all(|a| plain(a))
                {
                    element.group = Some(groups.len());
                    groups.push(
                        alternatives
                            .iter()
                            .map(|a| a.split('_').next().unwrap_or(a).as_bytes().to_vec())
                            .collect(),
                    );
                }
            }
        }
        element
    }
}

/// The anchor groups of a pattern and how far they reach from its slots.
///
/// An anchor group is a mandatory element made only of plain words; the
/// group holds the first word of each alternative: `(led|headed) by {S}`
/// gives `[[led, headed], [by]]`. A template can match only if it holds a
/// word of every group.
///
/// Every element of a compiled pattern matches whole tokens, so each has a
/// width in tokens: one for a slot, `0..=N` for a gap `~N`, the number of
/// `_`-joined words of its alternatives for plain words (from zero when
/// optional), unknown for any other regex. Summing the widths between an
/// anchor group and a slot bounds their distance in any match:
/// `{S} ,? ~2 in {O}` puts `in` one to four tokens after `{S}` and one
/// before `{O}`. An unknown width leaves that side unbounded.
fn layout(pattern: &str) -> Layout {
    let mut groups = Vec::new();
    let elements: Vec<Element> = pattern
        .split_whitespace()
        .enumerate()
        .map(|(i, e)| Element::read(i, e, &mut groups))
        .collect();
    let mut reaches = Vec::new();
    for (a, anchor) in elements.iter().enumerate() {
        let Some(group) = anchor.group.filter(|&g| g < MAX_GROUPS) else {
            continue;
        };
        for (s, slot) in elements.iter().enumerate() {
            let Some(slot_kind) = slot.slot else {
                continue;
            };
            // The widths from the earlier of the two up to the later one.
            let between = &elements[a.min(s)..a.max(s)];
            let min: i32 = between.iter().map(|e| e.min).sum();
            let max: Option<i32> = between.iter().map(|e| e.max).sum();
            let (lo, hi) = if s < a {
                (min, max.unwrap_or(i32::MAX))
            } else {
                (max.map_or(i32::MIN, |m| -m), -min)
            };
            reaches.push(Reach {
                group,
                slot: slot_kind,
                lo,
                hi,
            });
        }
    }
    Layout {
        anchors: groups,
        reaches,
        pieces: elements.into_iter().map(|e| e.piece).collect(),
    }
}

/// What [`layout`] reads off a pattern.
struct Layout {
    anchors: Vec<Vec<Vec<u8>>>,
    reaches: Vec<Reach>,
    /// The pattern for [`token_match`], when every element is one it can
    /// match: slots, `~N`, `~~N` and plain words.
    pieces: Option<Vec<Piece>>,
}

/// A bit per upper-case letter of `letters`.
fn letter_bits(letters: &str) -> u32 {
    letters
        .bytes()
        .filter(u8::is_ascii_uppercase)
        .fold(0, |bits, b| bits | 1 << (b - b'A'))
}

/// The token class letters a slot accepts.
fn letters(classes: &[Class]) -> String {
    let mut s = String::new();
    for c in classes {
        s.push(class_letter(*c));
        if *c == Class::Person {
            // Capitalised names no cue has typed yet can fill a person slot.
            s.push('U');
        }
    }
    s
}

/// The letter of a class in templates.
pub fn class_letter(c: Class) -> char {
    match c {
        Class::Group => 'G',
        Class::Person => 'P',
        Class::Location => 'L',
        Class::Attack => 'A',
    }
}

/// Compiles a rule pattern to a byte regex over templates.
fn compile(pattern: &str, predicate: Predicate) -> Result<String, String> {
    let mut out = String::from("(?-u)");
    let mut elements = pattern.split_whitespace().peekable();
    if elements.peek() == Some(&"^") {
        elements.next();
        out.push('^');
    }
    out.push(' ');
    let (mut s, mut o, mut pair) = (false, false, false);
    for e in elements {
        match e {
            "{S}" => {
                s = true;
                let _ = write!(
                    out,
                    "\\x01(?P<s>[{}][0-9+]+)\\x02 ",
                    letters(predicate.domain())
                );
            }
            "{O}" => {
                o = true;
                let _ = write!(
                    out,
                    "\\x01(?P<o>[{}][0-9+]+)\\x02 ",
                    letters(predicate.range())
                );
            }
            "{PAIR}" => {
                if !predicate.is_symmetric() {
                    return Err(format!(
                        "{{PAIR}} needs a symmetric predicate, not {predicate}"
                    ));
                }
                pair = true;
                let _ = write!(
                    out,
                    "\\x01(?P<p>[{}][0-9]+(?:\\+[0-9]+)+)\\x02 ",
                    letters(predicate.domain())
                );
            }
            gap if gap.starts_with('~') => {
                let tildes = gap.bytes().take_while(|&b| b == b'~').count();
                let n: u32 = gap[tildes..]
                    .parse()
                    .map_err(|_| format!("bad gap '{gap}' (use ~N, ~~N or ~~~N)"))?;
                let token = match tildes {
                    1 => "[a-z0-9'\"&/%$][^ ]*",
                    2 => "[^\\x01 ][^ ]*",
                    3 => "[^ ]+",
                    _ => return Err(format!("bad gap '{gap}'")),
                };
                let _ = write!(out, "(?:{token} ){{0,{n}}}?");
            }
            other => {
                if other.contains(['{', '}']) && !other.contains(',') {
                    return Err(format!(
                        "unknown slot '{other}' (slots are {{S}}, {{O}} and {{PAIR}})"
                    ));
                }
                let (body, optional) = match other.strip_suffix('?') {
                    Some(b) if !b.is_empty() && !b.ends_with('\\') => (b, true),
                    _ => (other, false),
                };
                let body = body.replace('_', " ");
                if optional {
                    let _ = write!(out, "(?:(?:{body}) )?");
                } else {
                    let _ = write!(out, "(?:{body}) ");
                }
            }
        }
    }
    match (s, o, pair) {
        (true, true, false) | (false, false, true) => Ok(out),
        _ => Err("a pattern needs both {S} and {O}, or one {PAIR}".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_compile_and_cover_every_text_predicate() {
        let rules = RuleSet::builtin();
        for p in Predicate::ALL
            .into_iter()
            .filter(|p| p.domain() != [Class::Attack])
        {
            assert!(
                rules.rules.iter().any(|r| r.predicate == p),
                "no rule for {p}"
            );
        }
        assert!(!rules.cues.person_titles.is_empty());
    }

    #[test]
    fn a_pattern_matches_a_template() {
        let rules = RuleSet::parse(
            "[[rule]]\nid = \"t\"\npredicate = \"leaderOf\"\npattern = \"{O} ,? (led|headed) by ~2 {S}\"\nconfidence = 0.9\n",
            "t",
        )
        .unwrap();
        let template = b" the \x01G0\x02 , led by its emir \x01P1\x02 . ";
        assert_eq!(rules.candidates(template), [0]);
        assert!(
            rules
                .candidates(b" \x01G0\x02 founded \x01P1\x02 ")
                .is_empty()
        );
        let caps = rules.rules[0].regex.captures(template).unwrap();
        assert_eq!(&caps["o"], b"G0");
        assert_eq!(&caps["s"], b"P1");
        // A person slot does not take a group, so the rule is no candidate
        // where no person is mentioned.
        assert!(
            !rules.rules[0]
                .regex
                .is_match(b" \x01G0\x02 led by \x01G1\x02 ")
        );
        assert!(
            rules
                .candidates(b" \x01G0\x02 led by \x01G1\x02 ")
                .is_empty()
        );
        assert_eq!(rules.candidates(b" \x01G0\x02 led by \x01U1\x02 "), [0]);
    }

    #[test]
    fn a_pair_needs_a_listed_mention_of_its_class() {
        let rules = RuleSet::parse(
            "[[rule]]\nid = \"p\"\npredicate = \"alliedWith\"\npattern = \"{PAIR} allied\"\nconfidence = 0.9\n",
            "t",
        )
        .unwrap();
        assert_eq!(rules.candidates(b" \x01G0+1\x02 allied "), [0]);
        assert!(
            rules
                .candidates(b" \x01G0\x02 and \x01G1\x02 allied ")
                .is_empty()
        );
        assert!(rules.candidates(b" \x01L0+1\x02 allied ").is_empty());
    }

    #[test]
    fn anchors_are_the_first_mandatory_word_choice() {
        assert_eq!(
            layout("{O} ,? (which|who)? (led|headed_up) by {S}").anchors,
            [
                vec![b"led".to_vec(), b"headed".to_vec()],
                vec![b"by".to_vec()]
            ]
        );
        assert_eq!(
            layout("{S} 's? ~4 (allegiance|loyalty) to {O}")
                .anchors
                .len(),
            2
        );
        assert!(layout("{S} (\\w+) {O}").anchors.is_empty());
    }

    #[test]
    fn reaches_bound_where_an_anchor_stands_from_each_slot() {
        let reach = |group, slot, lo, hi| Reach {
            group,
            slot,
            lo,
            hi,
        };
        // "in" is one to four tokens after {S} (",?" and "~2" may be empty)
        // and just before {O}.
        assert_eq!(
            layout("{S} ,? ~2 in {O}").reaches,
            [
                reach(0, Slot::Subject, 1, 4),
                reach(0, Slot::Object, -1, -1)
            ]
        );
        // `^` fixes the first element at token 1; "(the)?" may be empty.
        assert_eq!(
            layout("^ (in|across) {O} , (the)? {S}").reaches,
            [
                reach(0, Slot::Start, 1, 1),
                reach(0, Slot::Object, -1, -1),
                reach(0, Slot::Subject, -4, -3),
                reach(1, Slot::Start, 3, 3),
                reach(1, Slot::Object, 1, 1),
                reach(1, Slot::Subject, -2, -1),
            ]
        );
        // A regex element has no known width: that side is unbounded, and
        // words joined by "_" are one element of several tokens.
        assert_eq!(
            layout("{S} (\\w+) led_by {PAIR}").reaches,
            [
                reach(0, Slot::Subject, 1, i32::MAX),
                reach(0, Slot::Pair, -2, -2)
            ]
        );
    }

    /// `n` templates drawn from the anchor words of the bundled rules,
    /// common words and mention tokens, the same on every run.
    fn drawn_templates(rules: &RuleSet, n: usize) -> Vec<Vec<u8>> {
        let mut anchors: Vec<String> = rules
            .rules
            .iter()
            .flat_map(|r| r.anchors.iter().flatten())
            .map(|w| String::from_utf8_lossy(w).into_owned())
            .collect();
        anchors.sort();
        anchors.dedup();
        let common: Vec<String> = [
            "\x01G0\x02",
            "\x01G1+2\x02",
            "\x01P3\x02",
            "\x01U4\x02",
            "\x01L5\x02",
            "\x01L6+7\x02",
            "\x01A8\x02",
            "the",
            "a",
            ",",
            "'s",
            "in",
            "of",
            "by",
            "led",
            "and",
            "#and",
            "x",
            "is",
            "was",
            "with",
            "from",
            "to",
            "(",
            ")",
            ".",
            "province",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).expect("below n")
        };
        (0..n)
            .map(|_| {
                let mut template = String::from(" ");
                for _ in 0..=next(14) {
                    let pool = if next(4) == 0 { &anchors } else { &common };
                    template.push_str(&pool[next(pool.len())]);
                    template.push(' ');
                }
                template.into_bytes()
            })
            .collect()
    }

    /// Every rule a regex matches is a candidate: the prefilter only ever
    /// drops rules that cannot match.
    #[test]
    fn candidates_keep_every_rule_that_matches() {
        candidates_keep_every_matching_rule_of(&RuleSet::builtin(), 60_000);
        // Three copies of the bundled rules: more than one block of 64.
        let mut tripled = RuleSet::builtin();
        for copy in ["copy1.", "copy2."] {
            let renamed = BUILTIN.replace("id = \"", &format!("id = \"{copy}"));
            tripled
                .extend_from(&renamed, copy)
                .expect("renamed rules parse");
        }
        assert!(tripled.rules.len() > 128, "{} rules", tripled.rules.len());
        candidates_keep_every_matching_rule_of(&tripled, 30_000);
    }

    fn candidates_keep_every_matching_rule_of(rules: &RuleSet, templates: usize) {
        // The same rules without reaches: what anchor words and classes keep.
        let mut bare = rules.clone();
        for rule in &mut bare.rules {
            rule.reaches.clear();
        }
        let (mut matched, mut unfiltered, mut kept) = (0, 0, 0);
        let mut rules_matched = std::collections::BTreeSet::new();
        for template in drawn_templates(rules, templates) {
            let template = template.as_slice();
            let candidates = rules.candidates(template);
            kept += candidates.len();
            for (ri, rule) in rules.rules.iter().enumerate() {
                if rule.regex.is_match(template) {
                    matched += 1;
                    rules_matched.insert(ri);
                    assert!(
                        candidates.contains(&ri),
                        "rule {} matches {:?} but is no candidate",
                        rule.id,
                        String::from_utf8_lossy(template)
                    );
                }
            }
            unfiltered += bare.candidates(template).len();
        }
        // The draw reaches matches, and the reaches drop rules the anchor
        // words and slot classes alone would keep.
        assert!(matched > 500, "only {matched} matches");
        assert!(
            rules_matched.len() > 20,
            "{} rules matched",
            rules_matched.len()
        );
        assert!(
            kept < unfiltered,
            "{kept} candidates, {unfiltered} without reaches"
        );
    }

    /// Token by token, a rule matches where its regex matches, and its slots
    /// take what the regex captures.
    #[test]
    fn token_matches_are_the_regex_matches() {
        let rules = RuleSet::builtin();
        let fast: Vec<&Rule> = rules.rules.iter().filter(|r| r.pieces.is_some()).collect();
        // Every bundled rule is matched token by token.
        assert_eq!(fast.len(), rules.rules.len());
        let mut compared = 0;
        for template in drawn_templates(&rules, 60_000) {
            for rule in &fast {
                let found = rule.matches(&template, &token_match::tokens(&template));
                compared += found.len();
                assert_eq!(
                    found,
                    rule.captured(&template),
                    "rule {} on {:?}",
                    rule.id,
                    String::from_utf8_lossy(&template)
                );
            }
        }
        assert!(compared > 500, "only {compared} matches compared");
        // A regex element is left to the regex.
        assert!(layout("{S} ~~~3 #and led {O}").pieces.is_some());
        assert!(layout("{S} (\\w+) led {O}").pieces.is_none());
        assert!(layout("{S} led|by. {O}").pieces.is_none());
        assert_eq!(
            layout("^ (in|up_to) {O} ~~2 ,? {S}").pieces,
            Some(vec![
                Piece::Start,
                Piece::Words {
                    alternatives: vec![vec![b"in".to_vec()], vec![b"up".to_vec(), b"to".to_vec()]],
                    optional: false,
                    firsts: Firsts::of([&b"in"[..], b"up"]),
                },
                Piece::Slot(Slot::Object),
                Piece::Gap {
                    max: 2,
                    takes: Gap::NoMention
                },
                Piece::Words {
                    alternatives: vec![vec![b",".to_vec()]],
                    optional: true,
                    firsts: Firsts::of([&b","[..]]),
                },
                Piece::Slot(Slot::Subject),
            ])
        );
    }

    /// Alternatives whose first words have one length are tried in the
    /// order written, as the regex tries them: which is first decides
    /// where a match ends.
    #[test]
    fn same_length_alternatives_keep_their_order() {
        let template = b" \x01P0\x02 leads \x01G1\x02 now again . ";
        for (pattern, whole) in [
            (
                "{S} leads {O} (now|now_again)",
                &b" \x01P0\x02 leads \x01G1\x02 now "[..],
            ),
            (
                "{S} leads {O} (now_again|now)",
                b" \x01P0\x02 leads \x01G1\x02 now again ",
            ),
        ] {
            let text = format!(
                "[[rule]]\nid = \"t\"\npredicate = \"leaderOf\"\npattern = \"{pattern}\"\nconfidence = 0.9\n"
            );
            let rules = RuleSet::parse(&text, "t").unwrap();
            let rule = &rules.rules[0];
            assert!(rule.pieces.is_some());
            let found = rule.matches(template, &token_match::tokens(template));
            assert_eq!(found, rule.captured(template), "{pattern}");
            assert_eq!(found.len(), 1, "{pattern}");
            assert_eq!(&template[found[0].whole.clone()], whole, "{pattern}");
        }
    }

    #[test]
    fn bad_rules_are_reported_with_their_id() {
        let bad = [
            (
                "predicate = \"leads\"\npattern = \"{S} leads {O}\"",
                "unknown predicate",
            ),
            (
                "predicate = \"leaderOf\"\npattern = \"{S} leads\"",
                "needs both",
            ),
            (
                "predicate = \"leaderOf\"\npattern = \"{S} (leads {O}\"",
                "does not compile",
            ),
            (
                "predicate = \"alliedWith\"\npattern = \"{S} ~x {O}\"",
                "bad gap",
            ),
            (
                "predicate = \"killed\"\npattern = \"{S} ~1 {O}\"",
                "event extraction",
            ),
        ];
        for (body, want) in bad {
            let text = format!("[[rule]]\nid = \"bad\"\n{body}\nconfidence = 0.5\n");
            let msg = RuleSet::parse(&text, "mine.toml").unwrap_err().to_string();
            assert!(
                msg.contains("mine.toml") && msg.contains("'bad'") && msg.contains(want),
                "{msg}"
            );
        }
        assert!(RuleSet::parse("[[rule]]\nid = 1", "x").is_err());
    }
}
