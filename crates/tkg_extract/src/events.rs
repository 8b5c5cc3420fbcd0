//! Attack events: a trigger word ("bombing", "suicide attack") plus a date or
//! a casualty count makes an attack; its place, perpetrator and target come
//! from the sentence (and the paragraph's subject when the sentence names no
//! group). One node per attack: the same place and month within and across
//! documents give the same IRI.
//!
//! Also here: modality, whether a sentence asserts, alleges or denies.

use aho_corasick::AhoCorasick;
use regex::Regex;
use regex::bytes::Regex as BytesRegex;
use tkg_model::{Class, DateValue, Modality, Object, Predicate};

use crate::norm::fold_name;
use crate::pipeline::{DocEnts, Mention, Prepared, RawFact, RawObject, template};
use crate::rules::Cues;
use crate::{Extractor, Word, WordBits, word_bit, word_end};

/// Compiled event patterns.
#[derive(Debug, Clone)]
pub struct EventFinder {
    trigger: Triggers,
    dates: Vec<(Regex, DatePrecision)>,
    killed: Counter,
    injured: Counter,
    perpetrator: Vec<(BytesRegex, &'static str, u16)>,
    target: BytesRegex,
}

#[derive(Debug, Clone, Copy)]
enum DatePrecision {
    DayMonthYear,
    MonthDayYear,
    MonthYear,
    Year,
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const MONTH: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
const NUMBER: &str = r"(\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|one hundred|hundred)";
const QUALIFIER: &str = r"(?:at least |more than |over |nearly |around |about |some |almost |up to |roughly |an estimated |approximately |as many as |no fewer than |upwards of )?";

impl EventFinder {
    /// Compiles the event patterns from the cue words.
    ///
    /// # Panics
    /// Never: cue words are escaped before they enter a pattern.
    pub fn new(cues: &Cues) -> Self {
        let mut triggers: Vec<String> = cues
            .attack_triggers
            .iter()
            .map(|t| regex::escape(&fold_name(t)))
            .collect();
        triggers.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let trig = triggers.join("|");
        let g = r"\x01(G[0-9+]+)\x02 ";
        let perpetrator = vec![
            (format!(r"{g}(?:[^\x01 ][^ ]* ){{0,4}}?(?:claimed|claims|has claimed|later claimed) (?:responsibility|credit|the (?:{trig})|(?:this|that) (?:{trig}))"), "attack.perpetrator.claimed", 900),
            (format!(r"(?:carried out|conducted|perpetrated|staged|launched|executed|mounted|claimed|orchestrated|committed|masterminded) by (?:the )?{g}"), "attack.perpetrator.by", 900),
            (format!(r"attributed to (?:the )?{g}"), "attack.perpetrator.attributed", 800),
            (format!(r"{g}(?:[^\x01 ][^ ]* ){{0,3}}?(?:was|were|is|are|has been|have been) (?:held )?responsible for"), "attack.perpetrator.responsible", 800),
            (format!(r"{g}(?:'s )?(?:[^\x01 ][^ ]* ){{0,3}}?(?:{trig}) "), "attack.perpetrator.possessive", 800),
            (format!(r"{g}(?:[^\x01 ][^ ]* ){{0,5}}?(?:carried out|conducted|perpetrated|staged|launched|executed|mounted|orchestrated|committed|stormed|attacked|ambushed|raided|bombed) "), "attack.perpetrator.agent", 850),
        ]
        .into_iter()
        .map(|(p, id, c)| (BytesRegex::new(&format!("(?-u){p}")).expect("perpetrator pattern"), id, c))
        .collect();
        Self {
            trigger: Triggers::new(&cues.attack_triggers),
            dates: vec![
                (Regex::new(&format!(r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+((?:19|20)\d\d)(?-u:\b)")).expect("date"), DatePrecision::DayMonthYear),
                (Regex::new(&format!(r"(?-u:\b){MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?-u:\b)")).expect("date"), DatePrecision::MonthDayYear),
                (Regex::new(&format!(r"(?-u:\b){MONTH},?\s+((?:19|20)\d\d)(?-u:\b)")).expect("date"), DatePrecision::MonthYear),
                (Regex::new(r"(?i)(?-u:\b)(?:in|since|during|of|early|late|mid|by|on|the|from)[\s-]+((?:19|20)\d\d)(?-u:\b)").expect("date"), DatePrecision::Year),
            ],
            killed: Counter::new(
                &[
                    format!(r"(?-u:\b)(?:killed|killing|kills|claimed the lives of|death toll (?:of|rose to|reached|stood at)) {QUALIFIER}{NUMBER}(?-u:\b)"),
                    format!(r"(?-u:\b){QUALIFIER}{NUMBER} (?:\w+ ){{0,2}}?(?:were |was |are |had been )?(?:killed|dead|deaths|died|fatalities|lives were lost)(?-u:\b)"),
                ],
                &["kill", "dea", "died", "fatalities", "lives"],
            ),
            injured: Counter::new(
                &[
                    format!(r"(?-u:\b)(?:injured|injuring|wounded|wounding|injuries to) {QUALIFIER}{NUMBER}(?-u:\b)"),
                    format!(r"(?-u:\b){QUALIFIER}{NUMBER} (?:\w+ ){{0,2}}?(?:were |was |are |others )?(?:injured|wounded|injuries)(?-u:\b)"),
                ],
                &["injur", "wound"],
            ),
            perpetrator,
            target: BytesRegex::new(&format!(
                r"(?-u)(?:{trig}) (?:on|against|targeting|at) (?:the |a |an )?(?:[^\x01 ][^ ]* ){{0,3}}?\x01([GP][0-9+]+)\x02"
            ))
            .expect("target pattern"),
        }
    }

    /// Attack facts of a document; attack entities are added to `ents`.
    pub(crate) fn find(
        &self,
        ex: &Extractor,
        prepared: &[Prepared],
        ents: &mut DocEnts,
    ) -> Vec<RawFact> {
        let modal = &ex.modal;
        let mut out = Vec::new();
        for (si, p) in prepared.iter().enumerate() {
            if p.sentence.heading {
                continue;
            }
            // An attack needs a date or a place (see below): most sentences
            // have neither a year nor a place, and need no trigger search.
            // (The place test is the cheaper one.)
            if !p.mentions.iter().any(|m| is_place(m, ents))
                && !has_year(p.sentence.text.as_bytes())
            {
                continue;
            }
            let folded = &p.folded.text;
            let Some(trigger) = self.trigger.find(folded, p.words) else {
                continue;
            };
            let trigger_at = p.folded.orig(trigger);
            let date = self.date(&p.sentence.text, trigger_at);
            let killed = self.killed.count(folded);
            let injured = self.injured.count(folded);
            if date.is_none() && killed.is_none() && injured.is_none() {
                continue;
            }
            let tpl = template(p, ents).text;
            let modality = modal.of(&tpl, 0, tpl.len());
            let place = Self::place(ex, p, ents, trigger);
            let perp = self.perpetrator(&tpl, p, prepared, si, ents);
            if date.is_none() && place.is_none() {
                continue;
            }
            // A site names the attack by its town when the sentence gives one, so
            // that "Abbey Gate" and "Kabul's airport" in August 2021 meet.
            let anchor = place
                .filter(|&pl| ents.ents[pl].site)
                .and_then(|_| Self::town(ex, p, ents))
                .or(place);
            let Some(attack) = ents.attack(ex, anchor, perp.as_ref().map(|x| x.0), date) else {
                continue;
            };
            let mut push =
                |predicate: Predicate, object: RawObject, rule: &str, confidence_milli: u16| {
                    out.push(RawFact {
                        subject: attack,
                        predicate,
                        object,
                        sentence: si,
                        rule: rule.to_owned(),
                        confidence_milli,
                        modality,
                    });
                };
            if let Some(place) = place {
                push(
                    Predicate::Location,
                    RawObject::Ent(place),
                    "attack.location",
                    800,
                );
            }
            if let Some((g, rule, c)) = perp {
                push(Predicate::Perpetrator, RawObject::Ent(g), rule, c);
            }
            if let Some(d) = date {
                push(
                    Predicate::Date,
                    RawObject::Literal(Object::Date(d)),
                    "attack.date",
                    850,
                );
            }
            if let Some(k) = killed {
                push(
                    Predicate::Killed,
                    RawObject::Literal(Object::Integer(k)),
                    "attack.killed",
                    850,
                );
            }
            if let Some(k) = injured {
                push(
                    Predicate::Injured,
                    RawObject::Literal(Object::Integer(k)),
                    "attack.injured",
                    850,
                );
            }
            if let Some(caps) = self.target.captures(&tpl) {
                for m in slot(&caps[1]) {
                    if let Some(mention) = p.mentions.get(m) {
                        push(
                            Predicate::Target,
                            RawObject::Ent(mention.ent),
                            "attack.target",
                            700,
                        );
                    }
                }
            }
        }
        out
    }

    /// The date nearest the trigger, as precise as written.
    fn date(&self, text: &str, trigger_at: usize) -> Option<DateValue> {
        if !has_year(text.as_bytes()) {
            return None;
        }
        let mut best: Option<(usize, DateValue)> = None;
        for (re, precision) in &self.dates {
            for c in re.captures_iter(text) {
                let whole = c.get(0).expect("match");
                // Month names match as written, so in ASCII.
                let month = |s: &str| {
                    MONTHS
                        .iter()
                        .position(|m| s.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(m)))
                        .and_then(|i| u8::try_from(i + 1).ok())
                };
                let value = match precision {
                    DatePrecision::DayMonthYear => Some(DateValue::Day(
                        c[3].parse().ok()?,
                        month(&c[2])?,
                        c[1].parse().ok()?,
                    )),
                    DatePrecision::MonthDayYear => Some(DateValue::Day(
                        c[3].parse().ok()?,
                        month(&c[1])?,
                        c[2].parse().ok()?,
                    )),
                    DatePrecision::MonthYear => {
                        Some(DateValue::YearMonth(c[2].parse().ok()?, month(&c[1])?))
                    }
                    DatePrecision::Year => Some(DateValue::Year(c[1].parse().ok()?)),
                };
                let Some(value) =
                    value.filter(|v| !matches!(v, DateValue::Day(_, _, d) if *d == 0 || *d > 31))
                else {
                    continue;
                };
                let distance = whole
                    .start()
                    .abs_diff(trigger_at)
                    .min(whole.end().abs_diff(trigger_at));
                // A more precise date at the same place wins (patterns run most precise first).
                if best.is_none_or(|(d, _)| distance + 2 < d) {
                    best = Some((distance, value));
                }
            }
        }
        best.map(|(_, v)| v)
    }

    /// The most specific place in the sentence, nearest the trigger on ties.
    fn place(ex: &Extractor, p: &Prepared, ents: &DocEnts, trigger: usize) -> Option<usize> {
        p.mentions
            .iter()
            .filter(|m| is_place(m, ents))
            .min_by_key(|m| {
                let e = &ents.ents[m.ent];
                let kind = e
                    .lexicon
                    .and_then(|l| ex.lexicon.entries[l].kind.as_deref());
                let rank = match (e.site, kind) {
                    (true, _) | (_, Some("site")) => 0,
                    (_, Some("city")) => 1,
                    (_, None | Some("district")) => 2,
                    (_, Some("province")) => 3,
                    _ => 4,
                };
                (rank, m.start.abs_diff(trigger))
            })
            .map(|m| m.ent)
    }

    /// A town-level place (city or district, not a site) named in the sentence.
    fn town(ex: &Extractor, p: &Prepared, ents: &DocEnts) -> Option<usize> {
        p.mentions
            .iter()
            .filter(|m| !m.reference)
            .map(|m| m.ent)
            .find(|&i| {
                let e = &ents.ents[i];
                e.class == Class::Location
                    && !e.site
                    && e.lexicon
                        .and_then(|l| ex.lexicon.entries[l].kind.as_deref())
                        .is_some_and(|k| k == "city" || k == "district")
            })
    }

    /// Who carried it out: by rule, else the only group in the sentence, else
    /// the latest group of the paragraph.
    fn perpetrator(
        &self,
        tpl: &[u8],
        p: &Prepared,
        prepared: &[Prepared],
        si: usize,
        ents: &DocEnts,
    ) -> Option<(usize, &'static str, u16)> {
        for (re, id, conf) in &self.perpetrator {
            if let Some(c) = re.captures(tpl)
                && let Some(&m) = slot(&c[1]).first()
                && let Some(mention) = p.mentions.get(m)
            {
                let conf = if mention.reference {
                    conf - conf / 5
                } else {
                    *conf
                };
                return Some((mention.ent, id, conf));
            }
        }
        // "… killed 32. The TNV claimed responsibility for the attack."
        if let Some(next) = prepared
            .get(si + 1)
            .filter(|q| q.sentence.paragraph == p.sentence.paragraph && !q.sentence.heading)
        {
            let next_tpl = template(next, ents).text;
            let (re, _, conf) = &self.perpetrator[0];
            if let Some(c) = re.captures(&next_tpl)
                && let Some(&m) = slot(&c[1]).first()
                && let Some(mention) = next.mentions.get(m)
            {
                return Some((
                    mention.ent,
                    "attack.perpetrator.claimed-next-sentence",
                    conf - 100,
                ));
            }
        }
        let groups: Vec<usize> = p
            .mentions
            .iter()
            .filter(|m| ents.ents[m.ent].class == Class::Group)
            .map(|m| m.ent)
            .collect();
        if let Some(&g) = groups.first()
            && groups.iter().all(|&x| x == g)
        {
            return Some((g, "attack.perpetrator.sentence-subject", 550));
        }
        if !groups.is_empty() {
            return None;
        }
        // The paragraph's topic: the first group of the latest sentence naming one.
        let para = p.sentence.paragraph;
        prepared[..si]
            .iter()
            .rev()
            .take_while(|q| q.sentence.paragraph == para)
            .find_map(|q| {
                q.mentions
                    .iter()
                    .find(|m| ents.ents[m.ent].class == Class::Group)
                    .map(|m| m.ent)
            })
            .map(|g| (g, "attack.perpetrator.paragraph-subject", 450))
    }
}

/// Whether `text` may hold a date: every date pattern needs a year, "19.."
/// or "20..".
fn has_year(b: &[u8]) -> bool {
    memchr::memchr2_iter(b'1', b'2', b).any(|i| {
        matches!(
            (b[i], b.get(i + 1)),
            (b'1', Some(b'9')) | (b'2', Some(b'0'))
        )
    })
}

/// Whether a mention can be an attack's place.
fn is_place(m: &Mention, ents: &DocEnts) -> bool {
    !m.reference && ents.ents[m.ent].class == Class::Location
}

/// The attack trigger words, folded, found word by word: where the leftmost
/// of them starts that has a word boundary (ASCII, `_` a word byte) at both
/// ends, as the regex `\b(?:t1|t2|…)\b` finds it, at the cost of a bit test
/// per word of the text.
#[derive(Debug, Clone)]
struct Triggers {
    /// Each trigger, folded, with the [`word_bit`] of its first word.
    folded: Vec<(Box<[u8]>, usize)>,
    /// A bit per first word of a trigger.
    first_words: WordBits,
    /// An empty trigger matches at any word boundary (so does an empty
    /// list, as the regex's empty alternation did).
    empty: bool,
}

impl Triggers {
    fn new(triggers: &[String]) -> Self {
        let mut first_words = WordBits::default();
        let mut empty = triggers.is_empty();
        let mut folded = Vec::new();
        for t in triggers {
            let t = fold_name(t).into_bytes();
            if t.is_empty() {
                empty = true;
                continue;
            }
            let bit = word_bit(&t[..word_end(&t, 0)]);
            first_words.insert(bit);
            folded.push((t.into_boxed_slice(), bit));
        }
        Self {
            folded,
            first_words,
            empty,
        }
    }

    /// Where the first trigger in folded `text`, whose [`words`](crate::words_append)
    /// are `words`, starts.
    ///
    /// Only a word can start a match: a byte after a space or after any
    /// byte but a letter or digit starts one, and a match starting with a
    /// letter or digit needs a non-word byte before it. A match's first
    /// word is then the trigger's first word, so has its bit.
    fn find(&self, text: &str, words: &[Word]) -> Option<usize> {
        let b = text.as_bytes();
        let is_word = |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_');
        let boundary = |i: usize| is_word(i.checked_sub(1).map(|j| &b[j])) != is_word(b.get(i));
        if self.empty {
            // Every match starts on a boundary, and the empty trigger matches on any.
            return words.iter().map(|w| w.start()).find(|&s| boundary(s));
        }
        let mut words = words.iter();
        // The bit test alone in its own loop, which then compiles tight.
        while let Some(w) = words.find(|w| self.first_words.contains(w.bit())) {
            let s = w.start();
            if self.folded.iter().any(|(t, bit)| {
                *bit == w.bit() && b[s..].starts_with(t) && boundary(s) && boundary(s + t.len())
            }) {
                return Some(s);
            }
        }
        None
    }
}

fn slot(cap: &[u8]) -> Vec<usize> {
    std::str::from_utf8(&cap[1..])
        .unwrap_or("")
        .split('+')
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// Casualty patterns in order of trust, and the words that rule them out.
#[derive(Debug, Clone)]
struct Counter {
    patterns: Vec<Regex>,
    /// Every match of every pattern holds one of these: most sentences hold
    /// none, and then no pattern need run.
    cues: Vec<memchr::memmem::Finder<'static>>,
}

impl Counter {
    fn new(patterns: &[String], cues: &[&str]) -> Self {
        Self {
            patterns: patterns
                .iter()
                .map(|p| Regex::new(p).expect("count pattern"))
                .collect(),
            cues: cues
                .iter()
                .map(|c| memchr::memmem::Finder::new(c).into_owned())
                .collect(),
        }
    }

    /// The count the first matching pattern finds ("more than 170" gives 170).
    fn count(&self, text: &str) -> Option<i64> {
        if !self.cues.iter().any(|c| c.find(text.as_bytes()).is_some()) {
            return None;
        }
        // Patterns are in order of trust: "injured 70" beats "32 people and injured".
        self.patterns
            .iter()
            .find_map(|re| re.captures_iter(text).find_map(|c| number(&c[1])))
    }
}

fn number(s: &str) -> Option<i64> {
    const WORDS: &[(&str, i64)] = &[
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("a hundred", 100),
        ("one hundred", 100),
        ("hundred", 100),
    ];
    if let Some(&(_, n)) = WORDS.iter().find(|(w, _)| *w == s) {
        return Some(n);
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    // "2,546" is a count; "1.5" is not.
    if s.contains('.') || digits.is_empty() || digits.len() > 7 {
        return None;
    }
    digits.parse().ok()
}

/// Decides whether a stretch of a template is asserted, alleged or denied.
#[derive(Debug, Clone)]
pub struct Modal {
    /// Allegation cues, padded with spaces, in one automaton.
    allegation: AhoCorasick,
    negation: Vec<String>,
    exceptions: Vec<String>,
    /// Allegation, negation and exception cues, padded, ordered by their
    /// second byte (the first of the cue word, after the padding space).
    cues: Vec<CueEntry>,
    /// Where the cues whose second byte is `b` lie in `cues`: from
    /// `by_second[b]` to `by_second[b + 1]`. Most words of a template
    /// start with a byte no cue word starts with, and cost one look-up.
    by_second: Box<[u32; 257]>,
    /// Allegation, negation and exception cues, padded, in this order, in
    /// one automaton: the specification of the scan over `cues`.
    #[cfg(test)]
    automaton: AhoCorasick,
    /// How many of `cues` are allegations, and how many negations after them.
    #[cfg(test)]
    allegations: usize,
    #[cfg(test)]
    negations: usize,
    /// No cue holds two spaces in a row: then one more space at either end
    /// of a text that already has one there adds no match, and the text can
    /// be searched in place instead of padded copies.
    single_spaced: bool,
}

/// The kind of a modality cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Allegation,
    Negation,
    Exception,
}

/// Bytes [`Modal::hits`] looks for spaces in at a time.
const SPACE_BLOCK: usize = 32;

/// The spaces of `block` as the bits of a mask (bit `k` for byte `k`).
#[inline]
fn space_mask(block: &[u8; SPACE_BLOCK]) -> u32 {
    block
        .iter()
        .enumerate()
        .fold(0, |mask, (k, &b)| mask | u32::from(b == b' ') << k)
}

/// A padded modality cue, with its first (up to) 8 bytes as an integer:
/// most cues a word is tried on differ from it there, and one comparison
/// of integers rules them out.
#[derive(Debug, Clone)]
struct CueEntry {
    head: u64,
    /// The bits of `head` the cue fills (all when it is 8 bytes or longer).
    mask: u64,
    bytes: Box<[u8]>,
    kind: Cue,
}

impl CueEntry {
    fn new(bytes: &[u8], kind: Cue) -> Self {
        let n = bytes.len().min(8);
        let mut head = [0; 8];
        head[..n].copy_from_slice(&bytes[..n]);
        Self {
            head: u64::from_le_bytes(head),
            mask: u64::MAX >> (8 * (8 - n)),
            bytes: bytes.into(),
            kind,
        }
    }

    /// Whether the cue starts `text`, whose first 8 bytes (zero beyond its
    /// end) are `head`.
    #[inline]
    fn starts(&self, text: &[u8], head: u64) -> bool {
        head & self.mask == self.head
            && text.len() >= self.bytes.len()
            && (self.bytes.len() <= 8 || text[8..self.bytes.len()] == self.bytes[8..])
    }
}

/// What the cues found in a stretch of a template say (see [`Modal::of`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CueHits {
    alleged: bool,
    negated: bool,
    /// An exception in the window: then the padded copies decide.
    excepted: bool,
}

impl Modal {
    /// # Panics
    /// Only if the cues do not fit an automaton, a size limit far beyond
    /// any rule file.
    pub fn new(cues: &Cues) -> Self {
        let pad = |v: &[String]| -> Vec<String> {
            v.iter().map(|c| format!(" {} ", fold_name(c))).collect()
        };
        let (allegation, negation, exceptions) = (
            pad(&cues.allegation_cues),
            pad(&cues.negation_cues),
            pad(&cues.negation_exceptions),
        );
        let mut all: Vec<CueEntry> = [
            (&allegation, Cue::Allegation),
            (&negation, Cue::Negation),
            (&exceptions, Cue::Exception),
        ]
        .into_iter()
        .flat_map(|(v, kind)| v.iter().map(move |c| CueEntry::new(c.as_bytes(), kind)))
        .collect();
        // Every padded cue holds at least its two spaces.
        all.sort_by_key(|c| c.bytes[1]);
        let mut by_second = Box::new([0; 257]);
        for (b, start) in by_second.iter_mut().enumerate() {
            *start = u32::try_from(all.partition_point(|c| usize::from(c.bytes[1]) < b))
                .expect("fewer than 2^32 cues");
        }
        #[cfg(test)]
        let automaton =
            aho_corasick::AhoCorasick::new(allegation.iter().chain(&negation).chain(&exceptions))
                .expect("modality cues build an automaton");
        Self {
            single_spaced: all.iter().all(|c| !c.bytes.windows(2).any(|w| w == b"  ")),
            cues: all,
            by_second,
            #[cfg(test)]
            automaton,
            #[cfg(test)]
            allegations: allegation.len(),
            #[cfg(test)]
            negations: negation.len(),
            // No prefilter: every padded cue starts with a space, so one
            // would stop at every word of the text.
            allegation: aho_corasick::AhoCorasickBuilder::new()
                .prefilter(false)
                .build(&allegation)
                .expect("modality cues build an automaton"),
            negation,
            exceptions,
        }
    }

    /// Allegation cues anywhere up to the end of the match; negation inside the
    /// match or in the four tokens before it.
    pub fn of(&self, tpl: &[u8], start: usize, end: usize) -> Modality {
        let end = end.min(tpl.len());
        let start = start.min(end);
        // The window opens at the fourth space back from `start`, passing
        // over trailing whitespace.
        let before = &tpl[..start];
        let trimmed = before
            .iter()
            .rposition(|&b| !char::from(b).is_whitespace())
            .map_or(0, |i| i + 1);
        let window_start = memchr::memrchr_iter(b' ', &before[..trimmed])
            .nth(3)
            .unwrap_or(0);
        // Templates open with a space and end each token with one: then the
        // text up to `end`, with the space after it, reads as the padded copy.
        let padded_end = if tpl[..end].ends_with(b" ") {
            Some(end)
        } else {
            (tpl.get(end) == Some(&b' ')).then_some(end + 1)
        };
        if let Some(padded_end) = padded_end.filter(|_| {
            self.single_spaced && tpl.get(window_start) == Some(&b' ') && tpl.is_ascii()
        }) {
            let hits = self.hits(&tpl[..padded_end], window_start);
            if !hits.excepted {
                return if hits.negated {
                    Modality::Denied
                } else if hits.alleged {
                    Modality::Alleged
                } else {
                    Modality::Asserted
                };
            }
        }
        self.of_copied(tpl, start, end)
    }

    /// Every match of every cue in `text`: an exception or a negation
    /// counts when it starts at or after `window_start`, an allegation
    /// anywhere. A cue starts with a space, so at a space, and is one of
    /// those filed under the byte after it. The spaces are read 32 bytes at
    /// a time, as the bits of a mask (a few vector instructions): a byte
    /// loop cost 7 instructions a byte.
    fn hits(&self, text: &[u8], window_start: usize) -> CueHits {
        let mut hits = CueHits::default();
        let blocks = text.chunks_exact(SPACE_BLOCK);
        let mut last = [0; SPACE_BLOCK];
        last[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
        let masks = blocks
            .map(|block| space_mask(block.try_into().expect("a whole block")))
            .chain(std::iter::once(space_mask(&last)));
        for (n, mut spaces) in masks.enumerate() {
            while spaces != 0 {
                let i = n * SPACE_BLOCK + spaces.trailing_zeros() as usize;
                spaces &= spaces - 1;
                let Some(&b) = text.get(i + 1) else {
                    return hits;
                };
                let b = usize::from(b);
                let (from, to) = (self.by_second[b] as usize, self.by_second[b + 1] as usize);
                if from == to {
                    continue;
                }
                let here = &text[i..];
                let head = match here.first_chunk::<8>() {
                    Some(h) => u64::from_le_bytes(*h),
                    None => here.iter().rev().fold(0, |h, &c| h << 8 | u64::from(c)),
                };
                for cue in &self.cues[from..to] {
                    if !cue.starts(here, head) {
                        continue;
                    }
                    match cue.kind {
                        Cue::Allegation => hits.alleged = true,
                        _ if i < window_start => {}
                        Cue::Negation => hits.negated = true,
                        Cue::Exception => {
                            // The copies decide it: no need to read on.
                            hits.excepted = true;
                            return hits;
                        }
                    }
                }
            }
        }
        hits
    }

    /// [`Modal::hits`] by the automaton of all the cues (its specification).
    #[cfg(test)]
    fn hits_by_automaton(&self, text: &[u8], window_start: usize) -> CueHits {
        let mut hits = CueHits::default();
        for m in self.automaton.find_overlapping_iter(text) {
            let id = m.pattern().as_usize();
            if id < self.allegations {
                hits.alleged = true;
            } else if m.start() >= window_start {
                if id < self.allegations + self.negations {
                    hits.negated = true;
                } else {
                    hits.excepted = true;
                    return hits;
                }
            }
        }
        hits
    }

    /// [`Modal::of`] on padded copies, with exceptions cut out first.
    fn of_copied(&self, tpl: &[u8], start: usize, end: usize) -> Modality {
        let text = String::from_utf8_lossy(tpl);
        let (start, end) = (start.min(text.len()), end.min(text.len()));
        let window_start = text[..start]
            .trim_end()
            .rmatch_indices(' ')
            .nth(3)
            .map_or(0, |(i, _)| i);
        let mut window = format!(" {} ", &text[window_start..end]);
        for e in &self.exceptions {
            window = window.replace(e.as_str(), " ");
        }
        if self.negation.iter().any(|n| window.contains(n.as_str())) {
            return Modality::Denied;
        }
        let prefix = format!("{} ", &text[..end]);
        if self.allegation.is_match(&prefix) {
            return Modality::Alleged;
        }
        Modality::Asserted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_digits_and_words() {
        assert_eq!(number("2,546"), Some(2546));
        assert_eq!(number("twelve"), Some(12));
        assert_eq!(number("1.5"), None);
        let f = EventFinder::new(&crate::RuleSet::builtin().cues);
        assert_eq!(
            f.killed
                .count("the blast killed more than 170 people and 13 others"),
            Some(170)
        );
        assert_eq!(
            f.killed.count("at least twelve people were killed"),
            Some(12)
        );
        assert_eq!(f.killed.count("it killed dozens of people"), None);
        assert_eq!(f.injured.count("wounding 45"), Some(45));
    }

    #[test]
    fn dates_keep_the_precision_written() {
        let f = EventFinder::new(&crate::RuleSet::builtin().cues);
        assert_eq!(
            f.date("an attack in August 2021 on the gate", 3),
            Some(DateValue::YearMonth(2021, 8))
        );
        assert_eq!(
            f.date("on 14 March 2025 a bombing", 20),
            Some(DateValue::Day(2025, 3, 14))
        );
        assert_eq!(
            f.date("the bombing of March 14, 2025", 4),
            Some(DateValue::Day(2025, 3, 14))
        );
        assert_eq!(
            f.date("a raid in early 2024", 2),
            Some(DateValue::Year(2024))
        );
        assert_eq!(f.date("a raid with 2024 fighters", 2), None);
    }

    #[test]
    fn modality_from_cues() {
        let m = Modal::new(&crate::RuleSet::builtin().cues);
        let t = b" the front has been accused of supporting \x01G1\x02 . ";
        assert_eq!(m.of(t, 0, t.len()), Modality::Alleged);
        let t = b" \x01G0\x02 has not pledged allegiance to \x01G1\x02 . ";
        assert_eq!(m.of(t, 0, t.len()), Modality::Denied);
        let t = b" \x01G0\x02 not only attacked but pledged allegiance to \x01G1\x02 . ";
        assert_eq!(m.of(t, 0, t.len()), Modality::Asserted);
    }

    proptest::proptest! {
        /// The word-by-word trigger search finds where the regex alternation
        /// it stands for starts, in any text and for odd trigger lists.
        #[test]
        fn triggers_agree_with_the_regex(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "attack", "attacks", "suicide", "bombing", "car", "shot", "dead", "_", "x",
                "'s", ",", "-", "İ", "a_b", "",
            ]), 0..10),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", "", ",", "_"]), 10),
            list in proptest::sample::subsequence(vec![
                "attack", "suicide attack", "car bombing", "bombing", "shot dead", "_x",
                "a_b", ",", "'s attack", "", "s",
            ], 0..5),
        ) {
            let text: String = words.iter().zip(&seps).flat_map(|(w, s)| [*w, *s]).collect();
            let list: Vec<String> = list.into_iter().map(String::from).collect();
            let mut alts: Vec<String> = list.iter().map(|t| regex::escape(&fold_name(t))).collect();
            alts.sort_by_key(|t| std::cmp::Reverse(t.len()));
            let re = Regex::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", alts.join("|"))).expect("regex");
            proptest::prop_assert_eq!(
                re.find(&text).map(|m| m.start()),
                Triggers::new(&list).find(&text, &crate::words(&text))
            );
        }

        /// The scan for cues at spaces finds what the automaton of all cues
        /// finds, in any text (long enough for several blocks of spaces),
        /// with the window opening anywhere.
        #[test]
        fn cue_scan_agrees_with_the_automaton(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "not", "only", "no", "longer", "accused", "of", "alleged", "allegedly",
                "denied", "the", "\x01G0\x02", ",", "", " ", "nothing", "but", "claims",
                "that", "suspected", "evidence", "least", "unsubstantiated", "rejected",
                "a", "n", "nota", "without",
            ]), 0..40),
            window in 0usize..300,
        ) {
            let m = Modal::new(&crate::RuleSet::builtin().cues);
            let t: String = words.iter().flat_map(|w| [" ", w]).chain([" "]).collect();
            proptest::prop_assert_eq!(
                m.hits(t.as_bytes(), window),
                m.hits_by_automaton(t.as_bytes(), window)
            );
        }

        /// The in-place search agrees with the padded copies it stands for,
        /// on any stretch of any template-like text.
        #[test]
        fn modality_in_place_agrees_with_padded_copies(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "not", "only", "no", "longer", "accused", "of", "alleged", "denied",
                "the", "front", "\x01G0\x02", ",", "", " ", "  ", "nothing", "but",
                "claims", "that", "suspected", "evidence", "least",
            ]), 0..14),
            lead in proptest::bool::ANY,
            a in 0usize..80,
            b in 0usize..80,
        ) {
            let m = Modal::new(&crate::RuleSet::builtin().cues);
            let mut t = String::from(if lead { " " } else { "" });
            for w in &words {
                t.push_str(w);
                t.push(' ');
            }
            let (a, b) = (a.min(b), a.max(b));
            proptest::prop_assert_eq!(
                m.of(t.as_bytes(), a, b),
                m.of_copied(t.as_bytes(), a.min(t.len()), b.min(t.len()))
            );
        }
    }
}
