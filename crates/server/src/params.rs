//! Query parameters: the CLI's filters (`type`, `actor`, `country`, `since`, `until`,
//! `include_background`, `include_unreal`; for incidents also `status` and the full-text
//! `q`, the CLI's `--status` and `--search`) and paging (`page`, `per_page`), parsed from
//! the raw query string into the store's typed queries ([`EventQuery`],
//! [`IncidentQuery`]) so the API rejects the same values with the same words as the CLI.
//!
//! Lists take a repeated parameter or a comma list (`type=ASSAULT&type=COERCE`,
//! `type=ASSAULT,COERCE`). A parameter the endpoint does not know is an error, so a typo
//! never silently widens a filter.

use crate::error::ApiError;
use faultline_store::{CountryCode, DatePrefix, EventQuery, IncidentQuery, PloverType};
use utoipa::IntoParams;

/// The most rows one page holds.
pub const MAX_PER_PAGE: usize = 1000;
/// Rows per page when `per_page` is not given.
pub const DEFAULT_PER_PAGE: usize = 100;

/// The raw query string as name and value pairs, percent-decoded.
pub fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Which page of a listing: 1-based `page` of `per_page` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// The page, from 1
    pub page: usize,
    /// Rows per page (1 to 1000, default 100)
    pub per_page: usize,
}

impl Default for Paging {
    fn default() -> Self {
        Paging { page: 1, per_page: DEFAULT_PER_PAGE }
    }
}

impl Paging {
    /// Rows to skip before this page.
    pub fn offset(&self) -> usize {
        (self.page - 1) * self.per_page
    }

    /// How many rows to ask the store for: this page and the ones before it, and one more
    /// to tell whether a next page exists.
    pub fn fetch_limit(&self) -> usize {
        self.offset() + self.per_page + 1
    }

    /// A query string that holds only `page` and `per_page`.
    pub fn parse(pairs: &[(String, String)]) -> Result<Paging, ApiError> {
        let mut paging = Paging::default();
        for (name, value) in pairs {
            if !paging.set(name, value)? {
                return Err(unknown(name, "page and per_page"));
            }
        }
        Ok(paging)
    }

    fn set(&mut self, name: &str, value: &str) -> Result<bool, ApiError> {
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| ApiError::bad_request(format!("{name}={value:?} is not a whole number")))
        };
        match name {
            "page" => {
                self.page = number()?;
                if self.page == 0 {
                    return Err(ApiError::bad_request("page counts from 1"));
                }
            }
            "per_page" => {
                self.per_page = number()?;
                if !(1..=MAX_PER_PAGE).contains(&self.per_page) {
                    return Err(ApiError::bad_request(format!(
                        "per_page must lie between 1 and {MAX_PER_PAGE}"
                    )));
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// The filters of `faultline events`.
#[derive(Debug, Clone, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventFilters {
    /// PLOVER event types (repeat or comma list: ASSAULT,COERCE)
    #[param(rename = "type")]
    pub types: Vec<String>,
    /// An actor id (COUNTRY:RUS) or part of an actor's name, as source or target
    pub actor: Option<String>,
    /// ISO 3166 alpha-3 code of the source's, the target's or the place's country
    pub country: Option<String>,
    /// Events on or after this date: YYYY, YYYY-MM or YYYY-MM-DD
    pub since: Option<String>,
    /// Events on or before this date: YYYY, YYYY-MM or YYYY-MM-DD
    pub until: Option<String>,
    /// Also keep background (recalled) events: true or false
    pub include_background: Option<bool>,
    /// Also keep negated, future, demanded or possible events: true or false
    pub include_unreal: Option<bool>,
}

/// The filters of `faultline incidents`, and a full-text search over their articles.
#[derive(Debug, Clone, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncidentFilters {
    /// PLOVER event types (repeat or comma list)
    #[param(rename = "type")]
    pub types: Vec<String>,
    /// Actors every incident must involve (repeat for several, all required): a country
    /// code (ARM), an actor id (COUNTRY:RUS) or part of a name
    pub actor: Vec<String>,
    /// ISO 3166 alpha-3 codes of an actor's or the place's country (repeat for any of several)
    pub country: Vec<String>,
    /// Incidents on or after this date: YYYY, YYYY-MM or YYYY-MM-DD
    pub since: Option<String>,
    /// Incidents on or before this date: YYYY, YYYY-MM or YYYY-MM-DD
    pub until: Option<String>,
    /// Let the filters match recalled (background) reports too: true or false
    pub include_background: Option<bool>,
    /// Incident status: asserted, claimed, denied or disputed (repeat for any of several)
    pub status: Vec<String>,
    /// Words the incident's articles must contain (full-text search, as `faultline search`)
    pub q: Option<String>,
}

/// Splits comma lists and drops empty items.
fn items(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split(',').map(str::trim).filter(|item| !item.is_empty()).map(str::to_string)
}

fn flag(name: &str, value: &str) -> Result<bool, ApiError> {
    match value {
        "" | "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(ApiError::bad_request(format!("{name}={value:?}: write true or false"))),
    }
}

fn unknown(name: &str, known: &str) -> ApiError {
    ApiError::bad_request(format!("unknown parameter {name:?}: this endpoint takes {known}"))
}

fn single(name: &str, slot: &mut Option<String>, value: String) -> Result<(), ApiError> {
    if slot.is_some() {
        return Err(ApiError::bad_request(format!("{name} given twice: give it once")));
    }
    *slot = Some(value);
    Ok(())
}

fn date(value: &Option<String>) -> Result<Option<DatePrefix>, ApiError> {
    Ok(value.as_deref().map(str::parse).transpose()?)
}

fn types(values: &[String]) -> Result<Vec<PloverType>, ApiError> {
    Ok(values.iter().map(|value| value.parse()).collect::<Result<_, _>>()?)
}

impl EventFilters {
    const KNOWN: &'static str =
        "type, actor, country, since, until, include_background, include_unreal, page, per_page";

    /// The filters and the page of a query string.
    pub fn parse(pairs: &[(String, String)]) -> Result<(EventFilters, Paging), ApiError> {
        let mut filters = EventFilters::default();
        let mut paging = Paging::default();
        for (name, value) in pairs {
            match name.as_str() {
                "type" => filters.types.extend(items(value)),
                "actor" => single(name, &mut filters.actor, value.clone())?,
                "country" => single(name, &mut filters.country, value.clone())?,
                "since" => single(name, &mut filters.since, value.clone())?,
                "until" => single(name, &mut filters.until, value.clone())?,
                "include_background" => filters.include_background = Some(flag(name, value)?),
                "include_unreal" => filters.include_unreal = Some(flag(name, value)?),
                _ if paging.set(name, value)? => {}
                _ => return Err(unknown(name, Self::KNOWN)),
            }
        }
        Ok((filters, paging))
    }

    /// The store query, with at most `limit` events.
    pub fn to_query(&self, limit: Option<usize>) -> Result<EventQuery, ApiError> {
        let query = EventQuery {
            types: types(&self.types)?,
            actor: self.actor.clone().filter(|actor| !actor.trim().is_empty()),
            country: self.country.as_deref().map(str::parse::<CountryCode>).transpose()?,
            since: date(&self.since)?,
            until: date(&self.until)?,
            include_background: self.include_background.unwrap_or(false),
            include_unreal: self.include_unreal.unwrap_or(false),
            limit,
        };
        query.validate()?;
        Ok(query)
    }
}

impl IncidentFilters {
    const KNOWN: &'static str =
        "type, actor, country, since, until, include_background, status, q, page, per_page";

    /// The filters and the page of a query string.
    pub fn parse(pairs: &[(String, String)]) -> Result<(IncidentFilters, Paging), ApiError> {
        let mut filters = IncidentFilters::default();
        let mut paging = Paging::default();
        for (name, value) in pairs {
            match name.as_str() {
                "type" => filters.types.extend(items(value)),
                "actor" => filters.actor.extend(items(value)),
                "country" => filters.country.extend(items(value)),
                "status" => filters.status.extend(items(value)),
                "since" => single(name, &mut filters.since, value.clone())?,
                "until" => single(name, &mut filters.until, value.clone())?,
                "q" => single(name, &mut filters.q, value.clone())?,
                "include_background" => filters.include_background = Some(flag(name, value)?),
                _ if paging.set(name, value)? => {}
                _ => return Err(unknown(name, Self::KNOWN)),
            }
        }
        if filters.q.as_deref().is_some_and(|q| q.trim().is_empty()) {
            filters.q = None;
        }
        Ok((filters, paging))
    }

    /// The store query, with at most `limit` incidents.
    pub fn to_query(&self, limit: Option<usize>) -> Result<IncidentQuery, ApiError> {
        let query = IncidentQuery {
            types: types(&self.types)?,
            actors: self.actor.clone(),
            countries: self.country.iter().map(|c| c.parse()).collect::<Result<_, _>>()?,
            since: date(&self.since)?,
            until: date(&self.until)?,
            include_background: self.include_background.unwrap_or(false),
            statuses: self.status.iter().map(|s| IncidentQuery::parse_status(s)).collect::<Result<_, _>>()?,
            text: self.q.clone(),
            limit,
        };
        query.validate()?;
        Ok(query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_incidents(query: &str) -> Result<(IncidentFilters, Paging), ApiError> {
        IncidentFilters::parse(&pairs(Some(query)))
    }

    #[test]
    fn lists_repeat_or_take_commas_and_typos_are_refused() {
        let (filters, paging) =
            parse_incidents("type=assault,coerce&actor=ARM&actor=AZE&page=2&per_page=10").unwrap();
        let query = filters.to_query(None).unwrap();
        assert_eq!(query.types.iter().map(|t| t.as_str()).collect::<Vec<_>>(), ["ASSAULT", "COERCE"]);
        assert_eq!(query.actors, ["ARM", "AZE"]);
        assert_eq!((paging.offset(), paging.fetch_limit()), (10, 21));
        let typo = parse_incidents("contry=ARM").unwrap_err();
        assert!(typo.message.contains("country"), "{}", typo.message);
    }

    #[test]
    fn bad_values_say_what_to_write() {
        let bad_date = parse_incidents("since=yesterday").unwrap().0.to_query(None).unwrap_err();
        assert!(bad_date.message.contains("YYYY-MM-DD"), "{}", bad_date.message);
        let reversed = EventFilters::parse(&pairs(Some("since=2024-03&until=2024-02"))).unwrap().0;
        assert!(reversed.to_query(None).unwrap_err().message.contains("swap"));
        assert!(parse_incidents("per_page=0").is_err());
        let status = parse_incidents("status=rumoured").unwrap().0.to_query(None).unwrap_err();
        assert!(status.message.contains("disputed"), "{}", status.message);
        assert!(EventFilters::parse(&pairs(Some("include_unreal=maybe"))).is_err());
    }
}
