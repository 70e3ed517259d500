//! The syntactic layer: Universal POS tags and labelled Universal Dependencies trees for
//! English sentences, fast enough to run on every sentence the event coder reads.
//!
//! - [`tokens`] cuts a sentence into words the way the UD English treebanks do (with
//!   hyphenated words kept whole), from the pieces of the shared tokeniser.
//! - [`Parser::parse`] tags the words (a greedy averaged-perceptron tagger), builds a
//!   projective tree with a greedy arc-hybrid transition parser (averaged perceptron,
//!   trained with a dynamic oracle) and labels each arc (a third perceptron that sees the
//!   finished tree). All three score hashed features against sparse 16-bit weight tables.
//! - [`Parse`] answers what the event coder asks: subjects, objects, the agent of a
//!   passive, what a participle or relative clause modifies, appositions, conjuncts and
//!   case markers.
//!
//! The weights (`data/syntax/model.bin.gz`, embedded at build time) are trained by
//! `scripts/train-syntax` on UD English EWT gold trees and silver trees of news text;
//! `data/syntax/README.md` gives the data, the licence (CC BY-SA 4.0) and the scores.
//!
//! ```
//! use faultline_syntax::{Parser, Relation, tokens};
//!
//! let text = "Rebels shelled the town.";
//! let words = tokens(text, 0..text.len());
//! let parse = Parser::shipped().parse(&words);
//! let verb = parse.root().expect("a sentence with words has a root");
//! assert_eq!(parse.word(verb), "shelled");
//! assert_eq!(parse.subjects(verb).map(|s| parse.word(s)).collect::<Vec<_>>(), ["Rebels"]);
//! assert_eq!(parse.relation(3), Relation::Obj);
//! ```

pub mod conllu;
mod features;
mod labeller;
mod labels;
mod model;
mod parse;
mod perceptron;
pub mod score;
mod tagger;
pub mod train;
mod transitions;
mod words;

pub use labels::{Relation, Upos};
pub use model::{Parser, SyntaxError};
pub use parse::Parse;
pub use words::{Token, tokens};
