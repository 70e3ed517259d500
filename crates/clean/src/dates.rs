//! Parsing of publication dates as pages and text copies state them. (Interface: to be implemented.)

use faultline_model::Published;

/// Parses a publication date string ("2024-12-28", "28-12-2024 20:33 IST",
/// "Dec. 28, 2024", "2024-12-28T20:33:00+05:30") into an ISO 8601 value with its precision.
/// `found_in` is recorded as given.
pub fn parse_publication_date(raw: &str, found_in: &str) -> Option<Published> {
    let _ = (raw, found_in);
    None
}
