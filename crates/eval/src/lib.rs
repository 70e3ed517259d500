//! Evaluation of faultline's stages against external gold data.
//!
//! One module per task; each reads the gold data in its published layout and reports
//! the measures its literature reports, so our numbers sit beside published ones.

pub mod boilerplate;
pub mod documents;
pub mod events;
pub mod geo;
pub mod incidents;
pub mod measures;
pub mod ner;
pub mod parse;
#[cfg(test)]
mod test_support;
pub mod timex;
pub mod ucdp;
pub mod violence;
