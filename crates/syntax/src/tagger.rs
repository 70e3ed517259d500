//! The part-of-speech tagger: greedy, left to right, one averaged-perceptron decision per
//! word over the word's form, affixes and shape, its neighbours' forms and the two tags
//! already chosen before it (Collins 2002; the feature set follows Honnibal's
//! "A good part-of-speech tagger in about 200 lines of Python").

use crate::features::{Features, WordInfo};
use crate::labels::Upos;
use crate::perceptron::Table;
use std::sync::LazyLock;

/// How many tags the tagger chooses from.
pub(crate) const TAGS: usize = Upos::ALL.len();

static PADDING: LazyLock<[WordInfo; 4]> = LazyLock::new(|| {
    [
        WordInfo::padding("-START2-"),
        WordInfo::padding("-START-"),
        WordInfo::padding("-END-"),
        WordInfo::padding("-END2-"),
    ]
});

/// The word at `i` (which may lie outside the sentence by up to two).
#[inline]
fn at(words: &[WordInfo], i: isize) -> &WordInfo {
    if i < 0 {
        &PADDING[(i + 2).max(0) as usize]
    } else {
        let i = i as usize;
        words.get(i).unwrap_or_else(|| &PADDING[(2 + i - words.len()).min(3)])
    }
}

/// The features for tagging word `i`, given the tags (index + 1) chosen before it.
pub(crate) fn features(words: &[WordInfo], previous: &[u8], i: usize, out: &mut Features) {
    out.clear();
    let w = &words[i];
    let j = i as isize;
    let t1 = u64::from(i.checked_sub(1).map_or(0, |k| previous[k]));
    let t2 = u64::from(i.checked_sub(2).map_or(0, |k| previous[k]));
    let (before, after) = (at(words, j - 1), at(words, j + 1));
    out.add1(0, 0);
    out.add1(1, w.form);
    out.add1(2, w.suffix1);
    out.add1(3, w.suffix2);
    out.add1(4, w.suffix3);
    out.add1(5, w.suffix4);
    out.add1(6, w.prefix1);
    out.add1(7, w.shape);
    out.add1(8, t1);
    out.add2(9, t1, t2);
    out.add2(10, t1, w.form);
    out.add1(11, before.form);
    out.add1(12, before.suffix3);
    out.add1(13, after.form);
    out.add1(14, after.suffix3);
    out.add1(15, after.shape);
    out.add1(16, at(words, j - 2).form);
    out.add1(17, at(words, j + 2).form);
    out.add2(18, u64::from(i == 0), w.shape);
    out.add2(19, w.form, after.form);
    out.add2(20, before.form, w.form);
    out.add2(21, t1, after.form);
    out.add2(22, t1, w.suffix3);
}

/// The index of the highest score (the first on a tie).
#[inline]
pub(crate) fn best<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, &score) in scores.iter().enumerate() {
        if score > scores[best] {
            best = i;
        }
    }
    best
}

/// Tags a sentence with the frozen weights; returns the tags as indices + 1 (0 stands
/// for "none" in the parser's features).
pub(crate) fn tag(table: &Table, words: &[WordInfo], features_buffer: &mut Features) -> Vec<u8> {
    let mut tags = Vec::with_capacity(words.len());
    let mut scores = [0i32; TAGS];
    for i in 0..words.len() {
        features(words, &tags, i, features_buffer);
        table.scores(&features_buffer.0, &mut scores);
        tags.push(best(&scores) as u8 + 1);
    }
    tags
}
