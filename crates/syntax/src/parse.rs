//! A parsed sentence ([`Parse`]) and the questions the event coder asks of it: who is the
//! subject, the object, the agent of a passive; what a participle or relative clause
//! hangs on; which words stand in apposition or coordination; which preposition marks a
//! phrase.

use crate::labels::{Relation, Upos};

/// A sentence with a UPOS tag, a head and a relation per word. Word indices count from 0
/// in the order of the tokens given to [`crate::Parser::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse<'t> {
    pub(crate) words: Vec<&'t str>,
    pub(crate) upos: Vec<Upos>,
    pub(crate) heads: Vec<Option<usize>>,
    pub(crate) relations: Vec<Relation>,
}

impl<'t> Parse<'t> {
    /// A parse from its parts (all of one length, heads within it).
    pub fn new(
        words: Vec<&'t str>,
        upos: Vec<Upos>,
        heads: Vec<Option<usize>>,
        relations: Vec<Relation>,
    ) -> Parse<'t> {
        let n = words.len();
        assert!(upos.len() == n && heads.len() == n && relations.len() == n, "parts of one length");
        assert!(heads.iter().flatten().all(|&h| h < n), "heads within the sentence");
        Parse { words, upos, heads, relations }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn word(&self, i: usize) -> &'t str {
        self.words[i]
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.upos[i]
    }

    /// The word's head; `None` for the root word.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads[i]
    }

    pub fn relation(&self, i: usize) -> Relation {
        self.relations[i]
    }

    /// The root word (the main predicate), if the sentence has words.
    pub fn root(&self) -> Option<usize> {
        self.heads.iter().position(Option::is_none)
    }

    /// The word's dependents, from left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(move |&c| self.heads[c] == Some(i))
    }

    /// The word's dependents with the relation `relation`.
    pub fn children_with(&self, i: usize, relation: Relation) -> impl Iterator<Item = usize> + '_ {
        self.children(i).filter(move |&c| self.relations[c] == relation)
    }

    /// The subjects of a predicate: `nsubj`, `nsubj:pass`, `nsubj:outer`, `csubj` and
    /// its subtypes. For a copular clause ("X is a doctor") the predicate is the noun or
    /// adjective, as in UD.
    pub fn subjects(&self, predicate: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(predicate).filter(move |&c| self.relations[c].is_subject())
    }

    /// The objects of a predicate: `obj` and `iobj`.
    pub fn objects(&self, predicate: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(predicate).filter(move |&c| matches!(self.relations[c], Relation::Obj | Relation::Iobj))
    }

    /// Whether the predicate is passive: it has a passive subject or auxiliary.
    pub fn is_passive(&self, predicate: usize) -> bool {
        self.children(predicate).any(|c| {
            matches!(self.relations[c], Relation::NsubjPass | Relation::CsubjPass | Relation::AuxPass)
        })
    }

    /// The agents of a passive predicate ("killed by the soldiers" gives "soldiers"): an
    /// `obl:agent` dependent, or an `obl` marked by "by" when the predicate is passive or
    /// a past participle that modifies a noun ("a village shelled by the army").
    pub fn agents(&self, predicate: usize) -> impl Iterator<Item = usize> + '_ {
        let passive = self.is_passive(predicate)
            || (self.relations[predicate] == Relation::Acl && self.upos[predicate] == Upos::Verb);
        self.children(predicate).filter(move |&c| match self.relations[c] {
            Relation::OblAgent => true,
            Relation::Obl => {
                passive && self.case_markers(c).any(|m| self.words[m].eq_ignore_ascii_case("by"))
            }
            _ => false,
        })
    }

    /// What a clause modifies, for a participle, relative or adverbial clause (`acl`,
    /// `acl:relcl`, `advcl`, `advcl:relcl`): "the village [shelled] by the army" gives
    /// "village". `None` for any other word.
    pub fn clause_governor(&self, i: usize) -> Option<usize> {
        self.relations[i].is_modifier_clause().then(|| self.heads[i]).flatten()
    }

    /// The words in apposition to this one ("Ilham Aliyev, the president" gives
    /// "president" for "Aliyev").
    pub fn appositions(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.children_with(i, Relation::Appos)
    }

    /// The word this one is in apposition to, if it is an `appos`.
    pub fn apposition_of(&self, i: usize) -> Option<usize> {
        (self.relations[i] == Relation::Appos).then(|| self.heads[i]).flatten()
    }

    /// Every member of the word's coordination, itself included, from left to right
    /// ("Armenia and Azerbaijan" gives both for either). A word outside any coordination
    /// gives itself alone.
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut first = i;
        while self.relations[first] == Relation::Conj {
            match self.heads[first] {
                Some(h) => first = h,
                None => break,
            }
        }
        let mut members = vec![first];
        let mut next = 0;
        while next < members.len() {
            let member = members[next];
            members.extend(self.children_with(member, Relation::Conj));
            next += 1;
        }
        members.sort_unstable();
        members
    }

    /// The case markers of a nominal: its `case` dependents, usually a preposition ("in",
    /// "by", "of") or the possessive "'s".
    pub fn case_markers(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.children_with(i, Relation::Case)
    }

    /// The first case marker's word ("by" for "by the soldiers"), if there is one.
    pub fn preposition(&self, i: usize) -> Option<&'t str> {
        self.case_markers(i).next().map(|m| self.words[m])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Relation as R;

    /// "Villages shelled by the army and rebels were hit ." written by hand.
    fn sample() -> Parse<'static> {
        let rows: [(&str, Upos, Option<usize>, Relation); 10] = [
            ("Villages", Upos::Noun, Some(8), R::NsubjPass),
            ("shelled", Upos::Verb, Some(0), R::Acl),
            ("by", Upos::Adp, Some(4), R::Case),
            ("the", Upos::Det, Some(4), R::Det),
            ("army", Upos::Noun, Some(1), R::Obl),
            ("and", Upos::Cconj, Some(6), R::Cc),
            ("rebels", Upos::Noun, Some(4), R::Conj),
            ("were", Upos::Aux, Some(8), R::AuxPass),
            ("hit", Upos::Verb, None, R::Root),
            (".", Upos::Punct, Some(8), R::Punct),
        ];
        Parse::new(
            rows.iter().map(|r| r.0).collect(),
            rows.iter().map(|r| r.1).collect(),
            rows.iter().map(|r| r.2).collect(),
            rows.iter().map(|r| r.3).collect(),
        )
    }

    #[test]
    fn roles_read_from_the_tree() {
        let parse = sample();
        assert_eq!(parse.root(), Some(8));
        assert_eq!(parse.subjects(8).collect::<Vec<_>>(), [0]);
        assert!(parse.is_passive(8) && !parse.is_passive(1));
        assert_eq!(parse.agents(1).collect::<Vec<_>>(), [4]);
        assert_eq!(parse.agents(8).count(), 0);
        assert_eq!(parse.clause_governor(1), Some(0));
        assert_eq!(parse.clause_governor(4), None);
        assert_eq!(parse.conjuncts(6), [4, 6]);
        assert_eq!(parse.conjuncts(0), [0]);
        assert_eq!(parse.preposition(4), Some("by"));
        assert_eq!(parse.objects(8).count(), 0);
        assert_eq!(parse.appositions(0).count(), 0);
    }
}
