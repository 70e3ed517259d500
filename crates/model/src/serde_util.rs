//! Serialisation helpers shared by the model's types.

use serde::Serializer;

/// Writes whole numbers as JSON integers (1000, not 1000.0), as the JSON contract has it.
pub(crate) fn whole_or_fraction<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}
