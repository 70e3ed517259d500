//! Sentences in CoNLL-U, the Universal Dependencies file format: reading, writing, and
//! joining a treebank's words the way [`crate::tokens`] cuts text.
//!
//! Only what the layer learns and is scored on is kept: form, UPOS, head, relation and
//! whether a space follows. Multiword-token lines (`3-4 don't`) give their SpaceAfter to
//! their last word; empty nodes (`8.1`) are skipped.

use crate::labels::{Relation, Upos};
use crate::words::tokens;
use std::fmt::Write as _;

/// One word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub upos: Upos,
    /// The head's index in the sentence, from 0; `None` for the root word.
    pub head: Option<usize>,
    pub relation: Relation,
    pub space_after: bool,
}

/// A treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The `# sent_id` comment, or the sentence's number in its file.
    pub id: String,
    pub words: Vec<Word>,
}

/// Why a CoNLL-U text could not be read.
#[derive(Debug, thiserror::Error)]
#[error("CoNLL-U line {line}: {problem}")]
pub struct ConlluError {
    pub line: usize,
    pub problem: String,
}

/// Reads every sentence of a CoNLL-U text.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut id = None;
    let mut words: Vec<Word> = Vec::new();
    let mut range_end: Option<(usize, bool)> = None;
    let finish = |id: &mut Option<String>, words: &mut Vec<Word>, sentences: &mut Vec<Sentence>| {
        if !words.is_empty() {
            let id = id.take().unwrap_or_else(|| (sentences.len() + 1).to_string());
            sentences.push(Sentence { id, words: std::mem::take(words) });
        }
        *id = None;
    };
    for (number, line) in text.lines().enumerate() {
        let error = |problem: &str| ConlluError { line: number + 1, problem: problem.to_string() };
        if line.trim().is_empty() {
            finish(&mut id, &mut words, &mut sentences);
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(value) = comment.trim().strip_prefix("sent_id") {
                id = Some(value.trim_start_matches([' ', '=']).trim().to_string());
            }
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 10 {
            return Err(error("expected 10 tab-separated fields"));
        }
        let space_after = !fields[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((_, last)) = fields[0].split_once('-') {
            let last: usize = last.parse().map_err(|_| error("bad multiword range"))?;
            range_end = Some((last, space_after));
            continue;
        }
        if fields[0].contains('.') {
            continue;
        }
        let index: usize = fields[0].parse().map_err(|_| error("bad word index"))?;
        if index != words.len() + 1 {
            return Err(error("word indices must count from 1 without gaps"));
        }
        let head: usize = fields[6].parse().map_err(|_| error("bad head"))?;
        let mut word = Word {
            form: fields[1].to_string(),
            upos: Upos::parse(fields[3]),
            head: head.checked_sub(1),
            relation: Relation::parse(fields[7]),
            space_after,
        };
        if let Some((last, space)) = range_end {
            if index == last {
                word.space_after = space;
                range_end = None;
            } else {
                word.space_after = false;
            }
        }
        words.push(word);
    }
    finish(&mut id, &mut words, &mut sentences);
    for (s, sentence) in sentences.iter().enumerate() {
        let n = sentence.words.len();
        if sentence.words.iter().any(|w| w.head.is_some_and(|h| h >= n)) {
            return Err(ConlluError {
                line: 0,
                problem: format!("sentence {} has a head past its end", s + 1),
            });
        }
    }
    Ok(sentences)
}

/// Writes sentences as CoNLL-U (the columns this module keeps; the others `_`).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for sentence in sentences {
        let _ = writeln!(out, "# sent_id = {}", sentence.id);
        let _ = writeln!(out, "# text = {}", sentence.text());
        for (i, word) in sentence.words.iter().enumerate() {
            let head = word.head.map_or(0, |h| h + 1);
            let misc = if word.space_after { "_" } else { "SpaceAfter=No" };
            let _ = writeln!(
                out,
                "{}\t{}\t_\t{}\t_\t_\t{head}\t{}\t_\t{misc}",
                i + 1,
                word.form,
                word.upos,
                word.relation
            );
        }
        out.push('\n');
    }
    out
}

impl Sentence {
    /// The sentence's text: the words with a space where the treebank has one.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for word in &self.words {
            text.push_str(&word.form);
            if word.space_after {
                text.push(' ');
            }
        }
        text.truncate(text.trim_end().len());
        text
    }

    /// The forms of the words.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// The sentence with the words that [`crate::tokens`] reads as one word joined into
    /// one ("long", "-", "term" written without spaces become "long-term"), so training
    /// and scoring see words as the parser will at run time. A joined word takes the tag,
    /// head and relation of its head word, the one word of the group whose head lies
    /// outside it; a group that is not a subtree with one such word stays apart.
    pub fn joined_as_tokenised(&self) -> Sentence {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(self.words.len());
        for word in &self.words {
            spans.push((text.len(), text.len() + word.form.len()));
            text.push_str(&word.form);
            if word.space_after {
                text.push(' ');
            }
        }
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for token in tokens(&text, 0..text.len()) {
            let first = spans.iter().position(|&(start, _)| start == token.start);
            let last = spans.iter().position(|&(_, end)| end == token.end);
            if let (Some(first), Some(last)) = (first, last)
                && last > first
            {
                groups.push((first, last));
            }
        }
        let mut new_index: Vec<usize> = (0..self.words.len()).collect();
        let mut keep = vec![true; self.words.len()];
        let mut head_of_group = Vec::new();
        for &(first, last) in &groups {
            let outside: Vec<usize> = (first..=last)
                .filter(|&i| self.words[i].head.is_none_or(|h| h < first || h > last))
                .collect();
            if let [head] = outside[..] {
                head_of_group.push((first, last, head));
                for (i, kept) in keep.iter_mut().enumerate().take(last + 1).skip(first) {
                    *kept = i == head;
                }
            }
        }
        let mut next = 0;
        for i in 0..self.words.len() {
            if keep[i] {
                new_index[i] = next;
                next += 1;
            }
        }
        for &(first, last, head) in &head_of_group {
            for i in first..=last {
                new_index[i] = new_index[head];
            }
        }
        let mut words = Vec::with_capacity(next);
        for (i, word) in self.words.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            let mut joined = word.clone();
            joined.head = word.head.map(|h| new_index[h]);
            if let Some(&(first, last, _)) = head_of_group.iter().find(|g| g.2 == i) {
                joined.form = text[spans[first].0..spans[last].1].to_string();
                joined.space_after = self.words[last].space_after;
            }
            words.push(joined);
        }
        Sentence { id: self.id.clone(), words }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = A long-term plan didn't fail.\n\
1\tA\ta\tDET\tDT\t_\t5\tdet\t_\t_\n\
2\tlong\tlong\tADJ\tJJ\t_\t4\tamod\t_\tSpaceAfter=No\n\
3\t-\t-\tPUNCT\tHYPH\t_\t4\tpunct\t_\tSpaceAfter=No\n\
4\tterm\tterm\tNOUN\tNN\t_\t5\tcompound\t_\t_\n\
5\tplan\tplan\tNOUN\tNN\t_\t8\tnsubj\t_\t_\n\
6-7\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
6\tdid\tdo\tAUX\tVBD\t_\t8\taux\t_\t_\n\
7\tn't\tnot\tPART\tRB\t_\t8\tadvmod\t_\t_\n\
8\tfail\tfail\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
8.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\
9\t.\t.\tPUNCT\t.\t_\t8\tpunct\t_\t_\n";

    #[test]
    fn reads_words_spaces_and_multiword_tokens() {
        let sentences = parse(SAMPLE).expect("a valid sample");
        assert_eq!(sentences.len(), 1);
        let sentence = &sentences[0];
        assert_eq!(sentence.id, "s1");
        assert_eq!(sentence.text(), "A long-term plan didn't fail.");
        assert_eq!(sentence.words[4].head, Some(7));
        assert_eq!(sentence.words[7].head, None);
        assert_eq!(sentence.words[7].relation, Relation::Root);
        assert_eq!(parse(&write(&sentences)).expect("written back"), sentences);
    }

    #[test]
    fn joins_hyphenated_words_into_their_head() {
        let joined = parse(SAMPLE).expect("a valid sample")[0].joined_as_tokenised();
        assert_eq!(joined.forms(), ["A", "long-term", "plan", "did", "n't", "fail", "."]);
        assert_eq!(joined.words[1].upos, Upos::Noun);
        assert_eq!(joined.words[1].relation, Relation::Compound);
        assert_eq!(joined.words[1].head, Some(2));
        assert_eq!(joined.words[2].head, Some(5));
        assert_eq!(joined.words[0].head, Some(2));
    }

    #[test]
    fn rejects_broken_lines() {
        assert!(parse("1\tA\n").is_err());
        assert!(parse("1\tA\ta\tDET\tDT\t_\t9\tdet\t_\t_\n").is_err());
    }
}
