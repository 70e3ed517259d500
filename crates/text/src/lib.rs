//! The tokeniser shared by the stages that read words: one scanner over the text and
//! lower-casing helpers, so that every stage agrees on what a letter, a digit, a space and
//! a line break are.
//!
//! [`pieces`] cuts a text into [`Piece`]s, the smallest units any stage's word is made of:
//!
//! - a run of letters ([`Kind::Letters`]: alphanumeric characters other than the ASCII
//!   digits, so the digits of other scripts count as letters),
//! - a run of ASCII digits ([`Kind::Digits`]),
//! - any other character that is not white space, alone ([`Kind::Symbol`]).
//!
//! Each piece has its byte span, its first character and the [`Gap`] before it: none, spaces,
//! or a line break. The pieces cover every character that is not white space, so a stage
//! composes its own words from them without looking at the text again: the number
//! annotator joins digit groups into "6,600", the event coder joins letters and digits into
//! one word and splits "n't" off, the actor recogniser joins words across inner hyphens and
//! apostrophes, the quote reader takes glued pieces as one whitespace-delimited chunk.
//!
//! The scanner allocates nothing, and lower case needs no `String` per word: it is written
//! into a buffer the caller owns ([`push_lowercase`]), or handed to a closure from the
//! stack ([`with_lowercase`]), and a word that is its own lower case need not be copied at
//! all ([`is_own_lowercase`]). Only rare words allocate: one with a capital sigma, or a
//! long or non-ASCII one handed to a closure.

mod case;
mod scan;

pub use case::{
    is_own_lowercase, push_lowercase, push_lowercase_chars, with_ascii_lowercase, with_lowercase,
};
pub use scan::{Gap, Kind, Piece, Pieces, pieces, pieces_in};
