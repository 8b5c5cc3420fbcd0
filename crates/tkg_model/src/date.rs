//! Dates as precise as the text states them.

use std::fmt;

use serde::{Serialize, Serializer};

/// A date at year, month or day precision (`xsd:gYear`, `xsd:gYearMonth`, `xsd:date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateValue {
    Year(i32),
    YearMonth(i32, u8),
    Day(i32, u8, u8),
}

impl DateValue {
    /// The lexical form: `2021`, `2021-08`, `2021-08-26`.
    pub fn lexical(self) -> String {
        self.to_string()
    }

    /// The XSD datatype IRI.
    pub fn datatype(self) -> String {
        let local = match self {
            Self::Year(_) => "gYear",
            Self::YearMonth(..) => "gYearMonth",
            Self::Day(..) => "date",
        };
        format!("{}{local}", crate::iri::XSD)
    }

    pub fn year(self) -> i32 {
        match self {
            Self::Year(y) | Self::YearMonth(y, _) | Self::Day(y, _, _) => y,
        }
    }

    pub fn month(self) -> Option<u8> {
        match self {
            Self::Year(_) => None,
            Self::YearMonth(_, m) | Self::Day(_, m, _) => Some(m),
        }
    }

    /// Both could name the same time: equal where both are precise.
    pub fn overlaps(self, other: Self) -> bool {
        self.year() == other.year()
            && match (self.month(), other.month()) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
            && match (self, other) {
                (Self::Day(_, _, a), Self::Day(_, _, b)) => a == b,
                _ => true,
            }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (as stored).
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.trim().splitn(3, '-');
        let y: i32 = parts.next()?.parse().ok()?;
        let Some(m) = parts.next() else {
            return Some(Self::Year(y));
        };
        let m: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
        let Some(d) = parts.next() else {
            return Some(Self::YearMonth(y, m));
        };
        let d: u8 = d
            .get(..2)
            .unwrap_or(d)
            .parse()
            .ok()
            .filter(|d| (1..=31).contains(d))?;
        Some(Self::Day(y, m, d))
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Year(y) => write!(f, "{y:04}"),
            Self::YearMonth(y, m) => write!(f, "{y:04}-{m:02}"),
            Self::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_forms_and_datatypes() {
        assert_eq!(DateValue::YearMonth(2021, 8).lexical(), "2021-08");
        assert!(
            DateValue::YearMonth(2021, 8)
                .datatype()
                .ends_with("#gYearMonth")
        );
        assert_eq!(DateValue::Day(2025, 3, 14).to_string(), "2025-03-14");
        assert_eq!(
            DateValue::parse("2021-08"),
            Some(DateValue::YearMonth(2021, 8))
        );
        assert_eq!(DateValue::parse("2021-13"), None);
        assert_eq!(DateValue::parse("2024"), Some(DateValue::Year(2024)));
    }

    #[test]
    fn overlap_respects_precision() {
        assert!(DateValue::Year(2021).overlaps(DateValue::Day(2021, 8, 26)));
        assert!(DateValue::YearMonth(2021, 8).overlaps(DateValue::Day(2021, 8, 26)));
        assert!(!DateValue::YearMonth(2021, 7).overlaps(DateValue::Day(2021, 8, 26)));
        assert!(!DateValue::Year(2020).overlaps(DateValue::Year(2021)));
    }
}
