//! The arc labeller: once the tree is built, each arc gets its relation from an
//! averaged perceptron over the dependent, its head, their distance and direction, the
//! function words around them (the dependent's case marker, the head's auxiliaries) and
//! the relations already given. Arcs are labelled from the root down and, under one
//! head, from left to right, so the head's own relation and its earlier dependents'
//! relations are known ("the verb already has a subject").

use crate::features::{Features, WordInfo};
use crate::labels::Upos;

/// A tree being labelled: tags as indices + 1, heads (`None` for the root word), and the
/// relations given so far (class + 1; 0 when not given yet).
pub(crate) struct Tree<'a> {
    pub(crate) words: &'a [WordInfo],
    pub(crate) tags: &'a [u8],
    pub(crate) heads: &'a [Option<usize>],
    pub(crate) children: &'a [Vec<usize>],
    pub(crate) given: &'a [u8],
}

/// The order arcs are labelled in: breadth first from the root word, each head's
/// dependents from left to right.
pub(crate) fn order(heads: &[Option<usize>], children: &[Vec<usize>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..heads.len()).filter(|&i| heads[i].is_none()).collect();
    let mut next = 0;
    while next < order.len() {
        order.extend_from_slice(&children[order[next]]);
        next += 1;
    }
    order
}

/// Each word's dependents, from left to right.
pub(crate) fn children(heads: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); heads.len()];
    for (i, head) in heads.iter().enumerate() {
        if let Some(h) = *head {
            children[h].push(i);
        }
    }
    children
}

fn is_function_tag(tag: u8) -> bool {
    let upos = tag.checked_sub(1).and_then(|t| Upos::ALL.get(usize::from(t)));
    matches!(
        upos,
        Some(
            Upos::Adp
                | Upos::Sconj
                | Upos::Part
                | Upos::Aux
                | Upos::Det
                | Upos::Cconj
                | Upos::Pron
                | Upos::Punct
        )
    )
}

/// The features for labelling the arc into word `d`, which has a head.
pub(crate) fn features(tree: &Tree, d: usize, out: &mut Features) {
    out.clear();
    let Some(h) = tree.heads[d] else { return };
    let (words, tags) = (tree.words, tree.tags);
    let (dw, dt, hw, ht) = (words[d].form, u64::from(tags[d]), words[h].form, u64::from(tags[h]));
    let right = u64::from(d > h);
    let gap = d.abs_diff(h);
    let distance = match gap {
        1..=3 => gap as u64,
        4..=5 => 4,
        6..=9 => 5,
        _ => 6,
    };
    let parent = u64::from(tree.heads[h].map_or(255, |_| tree.given[h]));
    let grand = tree.heads[h].map_or(255, |g| u64::from(tags[g]));
    out.add1(1, dw);
    out.add1(2, dt);
    out.add2(3, dw, dt);
    out.add1(4, hw);
    out.add1(5, ht);
    out.add2(6, hw, ht);
    out.add2(7, right, distance);
    out.add3(8, dt, ht, right);
    out.add3(9, dw, ht, right);
    out.add3(10, dt, hw, right);
    out.add3(11, dw, hw, right);
    out.add4(12, parent, dt, ht, right);
    out.add2(13, words[d].suffix3, dt);
    out.add3(14, words[d].shape, dt, right);
    out.add3(15, grand, ht, dt);
    out.add4(16, dt, ht, right, distance);
    let before = d.checked_sub(1).map_or(0, |k| u64::from(tags[k]));
    let after = tags.get(d + 1).map_or(0, |&t| u64::from(t));
    out.add3(17, dt, before, after);
    out.add2(18, dt, u64::from(d == 0));

    let own = &tree.children[d];
    out.add2(20, dt, own.len().min(5) as u64);
    for &c in own {
        let side = u64::from(c > d);
        out.add3(21, u64::from(tags[c]), side, dt);
        if is_function_tag(tags[c]) {
            out.add4(22, words[c].form, u64::from(tags[c]), side, dt);
            out.add4(23, words[c].form, side, dt, ht);
        }
    }
    let siblings = &tree.children[h];
    let rank = siblings.iter().filter(|&&s| (s > h) == (d > h) && s.abs_diff(h) < gap).count();
    out.add4(30, rank.min(3) as u64, right, dt, ht);
    for &s in siblings {
        if s == d {
            continue;
        }
        let side = u64::from(s > h);
        if is_function_tag(tags[s]) && s.abs_diff(h) <= 4 {
            out.add4(31, words[s].form, side, dt, right);
        }
        if tree.given[s] != 0 {
            out.add4(32, u64::from(tree.given[s]), side, dt, right);
        }
    }
}
