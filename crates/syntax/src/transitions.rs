//! The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011) with the
//! root after the last word, its dynamic oracle (Goldberg and Nivre 2013) and the
//! parser's features.
//!
//! A state is a stack, the front of a buffer and the arcs so far. SHIFT pushes the
//! buffer's front; LEFT pops the top of the stack and makes it a dependent of the
//! buffer's front; RIGHT pops the top and makes it a dependent of the word under it. The
//! root sits at the end of the buffer and takes a dependent (by LEFT) only when that word
//! is alone on the stack, so every tree has exactly one root word. Every sequence of
//! valid moves ends in a projective tree.

use crate::features::{Features, WordInfo};
use std::sync::LazyLock;

pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;
pub(crate) const MOVES: usize = 3;

const NONE: usize = usize::MAX;

/// A parser state over a sentence of `n` words; the root is word `n`.
#[derive(Debug, Clone)]
pub(crate) struct State {
    n: usize,
    stack: Vec<usize>,
    /// The buffer's front; `n` is the root, the last item of the buffer.
    front: usize,
    /// Each word's head so far (`NONE` if it has none yet; `n` for the root).
    pub(crate) heads: Vec<usize>,
    /// Leftmost and second leftmost, rightmost and second rightmost dependents.
    left1: Vec<usize>,
    left2: Vec<usize>,
    right1: Vec<usize>,
    right2: Vec<usize>,
    lefts: Vec<u8>,
    rights: Vec<u8>,
}

impl State {
    pub(crate) fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            front: 0,
            heads: vec![NONE; n],
            left1: vec![NONE; n + 1],
            left2: vec![NONE; n + 1],
            right1: vec![NONE; n + 1],
            right2: vec![NONE; n + 1],
            lefts: vec![0; n + 1],
            rights: vec![0; n + 1],
        }
    }

    pub(crate) fn is_final(&self) -> bool {
        self.stack.is_empty() && self.front == self.n
    }

    /// Which moves are allowed now.
    pub(crate) fn valid(&self) -> [bool; MOVES] {
        let depth = self.stack.len();
        [self.front < self.n, depth >= 1 && (self.front < self.n || depth == 1), depth >= 2]
    }

    pub(crate) fn apply(&mut self, action: usize) {
        match action {
            SHIFT => {
                self.stack.push(self.front);
                self.front += 1;
            }
            LEFT => {
                let child = self.stack.pop().expect("LEFT needs a stack");
                self.attach(self.front, child);
            }
            _ => {
                let child = self.stack.pop().expect("RIGHT needs a stack of two");
                let head = *self.stack.last().expect("RIGHT needs a stack of two");
                self.attach(head, child);
            }
        }
    }

    fn attach(&mut self, head: usize, child: usize) {
        self.heads[child] = head;
        if child < head {
            // Left dependents arrive from the nearest outwards.
            self.left2[head] = self.left1[head];
            self.left1[head] = child;
            self.lefts[head] = self.lefts[head].saturating_add(1);
        } else {
            self.right2[head] = self.right1[head];
            self.right1[head] = child;
            self.rights[head] = self.rights[head].saturating_add(1);
        }
    }

    /// How many gold arcs that can still be built each move makes impossible (`u32::MAX`
    /// for a move that is not allowed). `gold[i]` is word `i`'s head, `n` for the root.
    pub(crate) fn costs(&self, gold: &[usize]) -> [u32; MOVES] {
        let valid = self.valid();
        let mut costs = [u32::MAX; MOVES];
        let (n, b, depth) = (self.n, self.front, self.stack.len());
        let buffer = b.min(n)..n;
        if valid[SHIFT] {
            let head = gold[b];
            let mut cost = u32::from(if head == n {
                depth > 0
            } else {
                self.stack[..depth.saturating_sub(1)].contains(&head)
            });
            cost += self.stack.iter().filter(|&&d| gold[d] == b).count() as u32;
            costs[SHIFT] = cost;
        }
        if depth >= 1 {
            let s0 = self.stack[depth - 1];
            let children = buffer.clone().filter(|&d| gold[d] == s0).count() as u32;
            let head = gold[s0];
            if valid[LEFT] {
                let lost_head = head != b
                    && ((depth >= 2 && head == self.stack[depth - 2])
                        || (head > b && head < n)
                        || (head == n && depth == 1));
                costs[LEFT] = children + u32::from(lost_head);
            }
            if valid[RIGHT] {
                costs[RIGHT] = children + u32::from(head >= b && head < n);
            }
        }
        costs
    }
}

static PADDING: LazyLock<(WordInfo, WordInfo)> =
    LazyLock::new(|| (WordInfo::padding("-NONE-"), WordInfo::padding("-ROOT-")));

/// The parser's features for the state; `tags` holds tag indices + 1.
pub(crate) fn features(state: &State, words: &[WordInfo], tags: &[u8], out: &mut Features) {
    out.clear();
    let n = state.n;
    let (none, root) = (&PADDING.0, &PADDING.1);
    let word = |i: usize| {
        if i == NONE {
            none.form
        } else if i >= n {
            root.form
        } else {
            words[i].form
        }
    };
    let tag = |i: usize| {
        if i == NONE {
            0
        } else if i >= n {
            u64::from(crate::tagger::TAGS as u8 + 1)
        } else {
            u64::from(tags[i])
        }
    };
    let depth = state.stack.len();
    let stack = |k: usize| if k < depth { state.stack[depth - 1 - k] } else { NONE };
    let buffer = |k: usize| if state.front + k <= n { state.front + k } else { NONE };
    let child = |list: &Vec<usize>, i: usize| if i == NONE { NONE } else { list[i] };
    let (s0, s1, s2) = (stack(0), stack(1), stack(2));
    let (b0, b1, b2) = (buffer(0), buffer(1), buffer(2));
    let (s0l, s0l2, s0r, s0r2) = (
        child(&state.left1, s0),
        child(&state.left2, s0),
        child(&state.right1, s0),
        child(&state.right2, s0),
    );
    let (s1l, s1r) = (child(&state.left1, s1), child(&state.right1, s1));
    let (b0l, b0l2) = (child(&state.left1, b0), child(&state.left2, b0));
    let (s0w, s0t, s1w, s1t, s2t) = (word(s0), tag(s0), word(s1), tag(s1), tag(s2));
    let (b0w, b0t, b1w, b1t, b2w, b2t) = (word(b0), tag(b0), word(b1), tag(b1), word(b2), tag(b2));
    let distance = if s0 != NONE && b0 != NONE { (b0 - s0).min(6) as u64 } else { 0 };
    let s1_distance = if s1 != NONE && s0 != NONE { (s0 - s1).min(6) as u64 } else { 0 };
    let valency = |counts: &Vec<u8>, i: usize| if i == NONE { 9 } else { u64::from(counts[i].min(4)) };
    let (s0_lefts, s0_rights, b0_lefts) =
        (valency(&state.lefts, s0), valency(&state.rights, s0), valency(&state.lefts, b0));

    out.add1(1, s0w);
    out.add1(2, s0t);
    out.add2(3, s0w, s0t);
    out.add1(4, s1w);
    out.add1(5, s1t);
    out.add2(6, s1w, s1t);
    out.add1(7, b0w);
    out.add1(8, b0t);
    out.add2(9, b0w, b0t);
    out.add1(10, b1w);
    out.add1(11, b1t);
    out.add2(12, b1w, b1t);
    out.add1(13, b2w);
    out.add1(14, b2t);
    out.add1(15, s2t);
    out.add1(16, word(s2));

    out.add4(20, s0w, s0t, b0w, b0t);
    out.add3(21, s0w, s0t, b0w);
    out.add3(22, s0w, b0w, b0t);
    out.add3(23, s0w, s0t, b0t);
    out.add3(24, s0t, b0w, b0t);
    out.add2(25, s0w, b0w);
    out.add2(26, s0t, b0t);
    out.add2(27, b0t, b1t);
    out.add2(28, s1t, s0t);
    out.add2(29, s1w, s0w);
    out.add3(30, s1t, s0w, b0t);
    out.add3(31, s1t, s0t, b0w);

    out.add3(40, b0t, b1t, b2t);
    out.add3(41, s0t, b0t, b1t);
    out.add3(42, s1t, s0t, b0t);
    out.add3(43, s0t, tag(s0l), b0t);
    out.add3(44, s0t, tag(s0r), b0t);
    out.add3(45, s0t, b0t, tag(b0l));
    out.add3(46, s1t, tag(s1r), s0t);
    out.add3(47, s1t, tag(s1l), s0t);
    out.add3(48, s2t, s1t, s0t);
    out.add3(49, s0t, tag(s0l), tag(s0l2));
    out.add3(50, s0t, tag(s0r), tag(s0r2));
    out.add3(51, b0t, tag(b0l), tag(b0l2));
    out.add3(52, s1t, s0t, tag(s0l));

    out.add2(60, s0w, distance);
    out.add2(61, s0t, distance);
    out.add2(62, b0w, distance);
    out.add2(63, b0t, distance);
    out.add3(64, s0t, b0t, distance);
    out.add3(65, s1t, s0t, s1_distance);

    out.add2(70, s0w, s0_lefts);
    out.add2(71, s0t, s0_lefts);
    out.add2(72, s0w, s0_rights);
    out.add2(73, s0t, s0_rights);
    out.add2(74, b0w, b0_lefts);
    out.add2(75, b0t, b0_lefts);

    out.add1(80, word(s0l));
    out.add1(81, tag(s0l));
    out.add1(82, word(s0r));
    out.add1(83, tag(s0r));
    out.add1(84, tag(s0l2));
    out.add1(85, tag(s0r2));
    out.add1(86, word(b0l));
    out.add1(87, tag(b0l));
    out.add1(88, tag(b0l2));
    out.add1(89, tag(s1r));
    out.add2(90, s0t, word(s0r));
    out.add2(91, b0t, word(b0l));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the zero-cost moves from the start and checks that they rebuild the gold
    /// tree exactly.
    fn oracle_parse(gold: &[usize]) -> Vec<usize> {
        let mut state = State::new(gold.len());
        while !state.is_final() {
            let costs = state.costs(gold);
            let action = (0..MOVES).min_by_key(|&m| costs[m]).unwrap_or(SHIFT);
            assert_eq!(costs[action], 0, "no zero-cost move for {gold:?} at {state:?}");
            state.apply(action);
        }
        state.heads
    }

    #[test]
    fn the_oracle_rebuilds_projective_trees() {
        // "The man who left saw her ." with root 4 ("saw"), written with root = n.
        for gold in [vec![1, 4, 3, 1, 7, 4, 4], vec![1], vec![2, 2, 3], vec![1, 3, 1]] {
            assert_eq!(oracle_parse(&gold), gold);
        }
    }

    #[test]
    fn a_wrong_move_costs_the_arcs_it_loses() {
        // "a b": b heads a, b is the root. After SHIFT a, shifting b would lose a's head.
        let gold = [1, 2];
        let mut state = State::new(2);
        state.apply(SHIFT);
        let costs = state.costs(&gold);
        assert_eq!(costs[LEFT], 0);
        assert_eq!(costs[SHIFT], 1 + 1);
        assert_eq!(costs[RIGHT], u32::MAX);
    }
}
