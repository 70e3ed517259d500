//! The trained [`Parser`]: the three weight tables, how they are run on a sentence, and
//! the file they are kept in.
//!
//! The file (`data/syntax/model.bin.gz`) is gzip over: the magic `FLSYNTX1`; the number of
//! relations and each relation's name (a length byte and UTF-8); then the tagger's, the
//! transition classifier's and the labeller's tables ([`crate::perceptron::Table`]).

use crate::conllu;
use crate::features::{Features, WordInfo};
use crate::labeller::{self, Tree};
use crate::labels::{Relation, Upos};
use crate::parse::Parse;
use crate::perceptron::{Table, read_u32, write_u32};
use crate::tagger::{self, best};
use crate::transitions::{self, MOVES, State};
use crate::words::Token;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"FLSYNTX1";

/// The weights shipped with the crate, embedded at build time (empty if the build found
/// no `data/syntax/model.bin.gz`).
static SHIPPED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.bin.gz"));

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error("cannot read the syntax model {path}: {source} (retrain it with scripts/train-syntax)")]
    Read { path: String, source: io::Error },
    #[error(
        "the syntax model is not a faultline model or is damaged: {0} (retrain it with scripts/train-syntax)"
    )]
    Format(String),
}

/// A part-of-speech tagger, a dependency parser and an arc labeller, trained together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parser {
    pub(crate) tagger: Table,
    pub(crate) transitions: Table,
    pub(crate) labeller: Table,
    /// The labeller's classes.
    pub(crate) relations: Vec<Relation>,
}

/// What the three models say of one sentence: tags (index + 1), heads, relations.
pub(crate) struct Analysis {
    pub(crate) tags: Vec<u8>,
    pub(crate) heads: Vec<Option<usize>>,
    pub(crate) relations: Vec<Relation>,
}

impl Parser {
    /// The model shipped in `data/syntax/`, loaded once per process.
    ///
    /// Panics if the build had no model file or the file is damaged: a fresh checkout has
    /// it, and `scripts/train-syntax` writes it.
    pub fn shipped() -> &'static Parser {
        static PARSER: OnceLock<Parser> = OnceLock::new();
        PARSER.get_or_init(|| {
            Parser::from_bytes(SHIPPED)
                .unwrap_or_else(|err| panic!("the shipped syntax model does not load: {err}"))
        })
    }

    /// A model written by [`Parser::save`] (or by `scripts/train-syntax`).
    pub fn load(path: &Path) -> Result<Parser, SyntaxError> {
        let bytes = std::fs::read(path)
            .map_err(|source| SyntaxError::Read { path: path.display().to_string(), source })?;
        Parser::from_bytes(&bytes)
    }

    /// A model from the bytes of its file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, SyntaxError> {
        let format = |err: io::Error| SyntaxError::Format(err.to_string());
        let mut input = GzDecoder::new(bytes);
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic).map_err(format)?;
        if &magic != MAGIC {
            return Err(SyntaxError::Format("wrong magic number".to_string()));
        }
        let count = read_u32(&mut input).map_err(format)? as usize;
        let mut relations = Vec::with_capacity(count.min(256));
        for _ in 0..count {
            let mut length = [0u8; 1];
            input.read_exact(&mut length).map_err(format)?;
            let mut name = vec![0u8; usize::from(length[0])];
            input.read_exact(&mut name).map_err(format)?;
            let name = String::from_utf8(name).map_err(|e| SyntaxError::Format(e.to_string()))?;
            relations.push(Relation::parse(&name));
        }
        let tagger = Table::read(&mut input).map_err(format)?;
        let transitions = Table::read(&mut input).map_err(format)?;
        let labeller = Table::read(&mut input).map_err(format)?;
        if tagger.classes() != tagger::TAGS || transitions.classes() != MOVES || labeller.classes() != count {
            return Err(SyntaxError::Format("the tables do not match the label sets".to_string()));
        }
        Ok(Parser { tagger, transitions, labeller, relations })
    }

    /// The model's file contents.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = GzEncoder::new(Vec::new(), Compression::best());
        self.write(&mut out).and_then(|()| out.finish()).expect("writing to memory does not fail")
    }

    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(MAGIC)?;
        write_u32(out, self.relations.len() as u32)?;
        for relation in &self.relations {
            let name = relation.as_str();
            out.write_all(&[name.len() as u8])?;
            out.write_all(name.as_bytes())?;
        }
        self.tagger.write(out)?;
        self.transitions.write(out)?;
        self.labeller.write(out)
    }

    /// Writes the model to `path`.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        std::fs::write(path, self.to_bytes())
    }

    /// How many features each table keeps: tagger, transitions, labeller.
    pub fn feature_counts(&self) -> [usize; 3] {
        [self.tagger.len(), self.transitions.len(), self.labeller.len()]
    }

    /// Tags and parses one sentence, given as its words (see [`crate::tokens`]).
    pub fn parse<'t>(&self, tokens: &[Token<'t>]) -> Parse<'t> {
        let words: Vec<WordInfo> = tokens.iter().map(|t| WordInfo::of(t.text)).collect();
        let analysis = self.analyse(&words);
        Parse {
            words: tokens.iter().map(|t| t.text).collect(),
            upos: analysis.tags.iter().map(|&t| Upos::ALL[usize::from(t - 1)]).collect(),
            heads: analysis.heads,
            relations: analysis.relations,
        }
    }

    /// Only the part-of-speech tags of a sentence.
    pub fn tag(&self, tokens: &[Token]) -> Vec<Upos> {
        let words: Vec<WordInfo> = tokens.iter().map(|t| WordInfo::of(t.text)).collect();
        let tags = tagger::tag(&self.tagger, &words, &mut Features::default());
        tags.iter().map(|&t| Upos::ALL[usize::from(t - 1)]).collect()
    }

    /// A treebank sentence as this model reads it: the same words, with its own tags,
    /// heads and relations.
    pub fn parse_sentence(&self, sentence: &conllu::Sentence) -> conllu::Sentence {
        let forms = sentence.forms();
        let parse = self.parse(&Token::from_words(&forms));
        let words = sentence
            .words
            .iter()
            .enumerate()
            .map(|(i, word)| conllu::Word {
                form: word.form.clone(),
                upos: parse.upos(i),
                head: parse.head(i),
                relation: parse.relation(i),
                space_after: word.space_after,
            })
            .collect();
        conllu::Sentence { id: sentence.id.clone(), words }
    }

    pub(crate) fn analyse(&self, words: &[WordInfo]) -> Analysis {
        let mut features = Features::default();
        let tags = tagger::tag(&self.tagger, words, &mut features);
        let heads = self.heads(words, &tags, &mut features);
        let relations = self.label(words, &tags, &heads, &mut features);
        Analysis { tags, heads, relations }
    }

    pub(crate) fn heads(
        &self,
        words: &[WordInfo],
        tags: &[u8],
        features: &mut Features,
    ) -> Vec<Option<usize>> {
        let n = words.len();
        let mut state = State::new(n);
        let mut scores = [0i32; MOVES];
        while !state.is_final() {
            transitions::features(&state, words, tags, features);
            self.transitions.scores(&features.0, &mut scores);
            let valid = state.valid();
            let action = (0..MOVES).filter(|&m| valid[m]).max_by_key(|&m| (scores[m], MOVES - m));
            state.apply(action.expect("a state that is not final has a valid move"));
        }
        state.heads.iter().map(|&h| (h < n).then_some(h)).collect()
    }

    pub(crate) fn label(
        &self,
        words: &[WordInfo],
        tags: &[u8],
        heads: &[Option<usize>],
        features: &mut Features,
    ) -> Vec<Relation> {
        let children = labeller::children(heads);
        let mut given = vec![0u8; words.len()];
        let root = self.relations.iter().position(|&r| r == Relation::Root);
        let mut scores = vec![0i32; self.relations.len()];
        for d in labeller::order(heads, &children) {
            let class = if heads[d].is_none() {
                root.unwrap_or(0)
            } else {
                let tree = Tree { words, tags, heads, children: &children, given: &given };
                labeller::features(&tree, d, features);
                self.labeller.scores(&features.0, &mut scores);
                if let Some(root) = root {
                    scores[root] = i32::MIN;
                }
                best(&scores)
            };
            given[d] = class as u8 + 1;
        }
        given
            .iter()
            .map(|&g| g.checked_sub(1).map_or(Relation::Dep, |c| self.relations[usize::from(c)]))
            .collect()
    }
}
