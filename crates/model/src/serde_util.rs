//! Writing figures: whole numbers as integers (1000, not 1000.0), as the JSON contract and
//! the exports have it.

use serde::Serializer;

/// The integer a whole figure is, for writing it without a decimal point; None for a
/// fraction (or a figure too large to be exact).
pub fn whole(value: f64) -> Option<i64> {
    (value.fract() == 0.0 && value.abs() < 9.0e15).then_some(value as i64)
}

/// Serialises a figure with [`whole`]: `3`, `2.5`, `null`.
pub(crate) fn whole_or_fraction<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => match whole(*v) {
            Some(integer) => s.serialize_i64(integer),
            None => s.serialize_f64(*v),
        },
        None => s.serialize_none(),
    }
}
