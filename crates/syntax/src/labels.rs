//! The two closed label sets the layer predicts: Universal POS tags ([`Upos`]) and the
//! Universal Dependencies relations with the subtypes English treebanks use ([`Relation`]).

use std::fmt;

macro_rules! label_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The label as written in CoNLL-U.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The value written `text` in CoNLL-U, if there is one.
            pub fn from_exact(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

label_enum! {
    /// A Universal POS tag (UD v2).
    Upos {
        Adj = "ADJ",
        Adp = "ADP",
        Adv = "ADV",
        Aux = "AUX",
        Cconj = "CCONJ",
        Det = "DET",
        Intj = "INTJ",
        Noun = "NOUN",
        Num = "NUM",
        Part = "PART",
        Pron = "PRON",
        Propn = "PROPN",
        Punct = "PUNCT",
        Sconj = "SCONJ",
        Sym = "SYM",
        Verb = "VERB",
        X = "X",
    }
}

label_enum! {
    /// A dependency relation: the UD v2 universal relations and the subtypes of the UD
    /// English treebanks.
    Relation {
        Acl = "acl",
        AclRelcl = "acl:relcl",
        Advcl = "advcl",
        AdvclRelcl = "advcl:relcl",
        Advmod = "advmod",
        Amod = "amod",
        Appos = "appos",
        Aux = "aux",
        AuxPass = "aux:pass",
        Case = "case",
        Cc = "cc",
        CcPreconj = "cc:preconj",
        Ccomp = "ccomp",
        Clf = "clf",
        Compound = "compound",
        CompoundPrt = "compound:prt",
        Conj = "conj",
        Cop = "cop",
        Csubj = "csubj",
        CsubjOuter = "csubj:outer",
        CsubjPass = "csubj:pass",
        Dep = "dep",
        Det = "det",
        DetPredet = "det:predet",
        Discourse = "discourse",
        Dislocated = "dislocated",
        Expl = "expl",
        Fixed = "fixed",
        Flat = "flat",
        Goeswith = "goeswith",
        Iobj = "iobj",
        List = "list",
        Mark = "mark",
        Nmod = "nmod",
        NmodDesc = "nmod:desc",
        NmodPoss = "nmod:poss",
        NmodUnmarked = "nmod:unmarked",
        Nsubj = "nsubj",
        NsubjOuter = "nsubj:outer",
        NsubjPass = "nsubj:pass",
        Nummod = "nummod",
        Obj = "obj",
        Obl = "obl",
        OblAgent = "obl:agent",
        OblUnmarked = "obl:unmarked",
        Orphan = "orphan",
        Parataxis = "parataxis",
        Punct = "punct",
        Reparandum = "reparandum",
        Root = "root",
        Vocative = "vocative",
        Xcomp = "xcomp",
    }
}

impl Upos {
    /// The tag written `text`; anything else is `X`.
    pub fn parse(text: &str) -> Upos {
        Upos::from_exact(text).unwrap_or(Upos::X)
    }
}

impl Relation {
    /// The relation written `text`: an unknown subtype falls back to its universal
    /// relation, an unknown relation to `dep`. Older names of the English subtypes
    /// (`obl:tmod`, `obl:npmod`, `nmod:tmod`, `nmod:npmod`) map to their current ones.
    pub fn parse(text: &str) -> Relation {
        if let Some(relation) = Relation::from_exact(text) {
            return relation;
        }
        match text {
            "obl:tmod" | "obl:npmod" => Relation::OblUnmarked,
            "nmod:tmod" | "nmod:npmod" => Relation::NmodUnmarked,
            _ => {
                let universal = text.split(':').next().unwrap_or(text);
                Relation::from_exact(universal).unwrap_or(Relation::Dep)
            }
        }
    }

    /// The universal relation without its subtype (`nsubj` for `nsubj:pass`).
    pub fn universal(self) -> &'static str {
        let text = self.as_str();
        text.split(':').next().unwrap_or(text)
    }

    /// A subject: `nsubj`, `nsubj:pass`, `nsubj:outer`, `csubj` and its subtypes.
    pub fn is_subject(self) -> bool {
        matches!(self.universal(), "nsubj" | "csubj")
    }

    /// A clause that modifies a noun or a predicate: `acl`, `acl:relcl`, `advcl`,
    /// `advcl:relcl`.
    pub fn is_modifier_clause(self) -> bool {
        matches!(self.universal(), "acl" | "advcl")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_back_as_written() {
        for &relation in Relation::ALL {
            assert_eq!(Relation::parse(relation.as_str()), relation);
        }
        for &upos in Upos::ALL {
            assert_eq!(Upos::parse(upos.as_str()), upos);
        }
        assert_eq!(Relation::parse("obl:tmod"), Relation::OblUnmarked);
        assert_eq!(Relation::parse("nmod:gmod"), Relation::Nmod);
        assert_eq!(Relation::parse("nonsense"), Relation::Dep);
        assert_eq!(Upos::parse("NNP"), Upos::X);
        assert!(Relation::NsubjPass.is_subject() && !Relation::Obj.is_subject());
    }
}
