//! Typed event queries: each filter value is checked when it is parsed ([`PloverType`],
//! [`CountryCode`], [`DatePrefix`] implement `FromStr` with messages a user can act on),
//! and a whole query is checked for consistency before a store runs it
//! ([`EventQuery::validate`]). The CLI's flags and a server's query parameters parse into
//! the same values, so both reject the same input with the same words.

use faultline_model::PLOVER_TYPES;
use std::fmt;
use std::str::FromStr;

/// A filter value that cannot match anything, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("{0:?} is not a PLOVER event type; use one of {types}", types = PLOVER_TYPES.join(", "))]
    EventType(String),
    #[error("{0:?} is not an ISO 3166 alpha-3 country code; write it like UKR, RUS or ARM")]
    Country(String),
    #[error("{0:?} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (2024, 2024-02, 2024-02-12)")]
    Date(String),
    #[error("{0:?} is not an incident status; write asserted, claimed, denied or disputed")]
    Status(String),
    #[error("since {since} is after until {until}: no event can match; swap them")]
    Reversed { since: String, until: String },
}

/// One of PLOVER's sixteen event types, in upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PloverType(&'static str);

impl PloverType {
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl FromStr for PloverType {
    type Err = QueryError;

    /// Any case, surrounding spaces ignored: `assault` is `ASSAULT`.
    fn from_str(value: &str) -> Result<Self, QueryError> {
        let upper = value.trim().to_uppercase();
        PLOVER_TYPES
            .iter()
            .find(|name| **name == upper)
            .map(|name| PloverType(name))
            .ok_or_else(|| QueryError::EventType(value.to_string()))
    }
}

impl fmt::Display for PloverType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// An ISO 3166 alpha-3 country code, in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for CountryCode {
    type Err = QueryError;

    /// Three ASCII letters in any case: `ukr` is `UKR`.
    fn from_str(value: &str) -> Result<Self, QueryError> {
        let code = value.trim();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(CountryCode(code.to_ascii_uppercase()))
        } else {
            Err(QueryError::Country(value.to_string()))
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A year, month or day as an ISO prefix (`2024`, `2024-02`, `2024-02-12`) naming a real
/// period of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DatePrefix(String);

impl DatePrefix {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for DatePrefix {
    type Err = QueryError;

    fn from_str(value: &str) -> Result<Self, QueryError> {
        let bad = || QueryError::Date(value.to_string());
        let padded = match value.len() {
            4 => format!("{value}-01-01"),
            7 => format!("{value}-01"),
            10 => value.to_string(),
            _ => return Err(bad()),
        };
        let shaped = value
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        if !shaped {
            return Err(bad());
        }
        chrono::NaiveDate::parse_from_str(&padded, "%Y-%m-%d").map_err(|_| bad())?;
        Ok(DatePrefix(value.to_string()))
    }
}

impl fmt::Display for DatePrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which events [`crate::Store::events`] returns. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventQuery {
    /// An event of any of these types matches.
    pub types: Vec<PloverType>,
    /// An actor id (`COUNTRY:RUS`, any case), or a case-insensitive part of an actor's
    /// name; matches the source or the target.
    pub actor: Option<String>,
    /// Matches the source's or the target's country, or the place's.
    pub country: Option<CountryCode>,
    /// Inclusive bounds on the event's date ([`crate::StoredEvent::date`]): an event
    /// matches when its period (a day, a month, a year) overlaps the range.
    pub since: Option<DatePrefix>,
    pub until: Option<DatePrefix>,
    /// Whether to keep events the article recalls rather than reports.
    pub include_background: bool,
    /// Whether to keep events said not to have happened, or only planned, demanded or
    /// possible (modality other than `actual`).
    pub include_unreal: bool,
    pub limit: Option<usize>,
}

impl EventQuery {
    /// Checks that the filters can match together: `since` is not after `until` (compared
    /// at the coarser of their two precisions).
    pub fn validate(&self) -> Result<(), QueryError> {
        if let (Some(since), Some(until)) = (&self.since, &self.until) {
            let common = since.0.len().min(until.0.len());
            if since.0[..common] > until.0[..common] {
                return Err(QueryError::Reversed { since: since.0.clone(), until: until.0.clone() });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_types_and_countries_are_checked() {
        let date = |value: &str| value.parse::<DatePrefix>().map(|d| d.to_string());
        assert_eq!(date("2024").unwrap(), "2024");
        assert_eq!(date("2024-02").unwrap(), "2024-02");
        assert_eq!(date("2024-02-29").unwrap(), "2024-02-29");
        for bad in ["2023-02-29", "2024-13", "24-02", "2024/02", "yesterday", "2024-2-1"] {
            assert!(date(bad).is_err(), "{bad}");
        }
        assert_eq!("assault".parse::<PloverType>().unwrap().as_str(), "ASSAULT");
        assert!("ATTACK".parse::<PloverType>().unwrap_err().to_string().contains("ASSAULT"));
        assert_eq!("ukr".parse::<CountryCode>().unwrap().as_str(), "UKR");
        assert!("Ukraine".parse::<CountryCode>().is_err());
    }

    #[test]
    fn a_range_that_ends_before_it_starts_is_refused() {
        let query = |since: &str, until: &str| EventQuery {
            since: Some(since.parse().unwrap()),
            until: Some(until.parse().unwrap()),
            ..EventQuery::default()
        };
        assert!(query("2024-02-12", "2024-02").validate().is_ok(), "the same month at its precision");
        assert!(query("2024", "2024-12-31").validate().is_ok());
        let reversed = query("2024-03", "2024-02").validate().unwrap_err();
        assert!(reversed.to_string().contains("swap"), "{reversed}");
    }
}
