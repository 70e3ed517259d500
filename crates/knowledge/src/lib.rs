//! faultline's knowledge: the readable data files under `data/` that every stage reads
//! (actors, places, event wording, the closed-class English lexicon ...), with a user's own
//! folder laid over them.
//!
//! - The shipped files are embedded at build time (see `build.rs`), so the binary works
//!   from any directory. A file is named by its folder and file name: `("actors",
//!   "people.tsv")`, `("lexicon", "prepositions.txt")`.
//! - A user folder (`--dict DIR`) mirrors `data/`: `DIR/actors/people.tsv`,
//!   `DIR/lexicon/weekdays.txt`. Its files are read once, when the knowledge is opened,
//!   and checked then, so a bad file is reported before any article is read. Actor files
//!   placed directly in `DIR` (the older layout) are read as `DIR/actors/`.
//! - Tables (`.tsv`) are handed to their stage as layers ([`Knowledge::sources`]): the
//!   shipped text first, then the user's; each stage says how a later row overrides an
//!   earlier one (same id replaces, as a rule).
//! - Word lists (`.txt`, [`Knowledge::words`]) hold one entry per line; `#` starts a
//!   comment line; `@folder/list` includes another list (so a list such as the weekdays is
//!   written once and used by several stages); `!word` removes an entry listed or included
//!   before it (a stage's list may be "the prepositions but `of`"). A user's file is read
//!   after the shipped one, so its lines add entries and its `!word` lines remove them.
//!
//! The knowledge in use by a process is [`active`]: the shipped files unless a user folder
//! was [`install`]ed first. Stages whose tables are built on first use read it; stages
//! with a loaded value (the actor dictionary, the gazetteer, the event wording) take a
//! [`Knowledge`] explicitly.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// Why knowledge could not be opened or read.
#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("cannot read the dictionary folder {path}: {source} (check the path given to --dict)")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is not UTF-8 text: save it as UTF-8")]
    NotUtf8 { path: PathBuf },
    #[error("{label}:{line}: `@{include}` names no word list (write @folder/list, as in @lexicon/weekdays)")]
    UnknownInclude { label: String, line: usize, include: String },
    #[error("{label}:{line}: `@{include}` includes itself through other lists")]
    IncludeCycle { label: String, line: usize, include: String },
    #[error("no knowledge file data/{folder}/{file}")]
    Missing { folder: String, file: String },
    #[error(
        "another dictionary folder is already in use by this process ({active}); open the knowledge once, before reading any article"
    )]
    AlreadyActive { active: String },
}

/// One layer of a knowledge file: where it comes from (for messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source<'a> {
    /// `data/actors/people.tsv` for a shipped file, the file's path for a user's.
    pub label: Cow<'a, str>,
    pub text: &'a str,
}

/// The shipped knowledge files, and a user's folder over them.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    user_dir: Option<PathBuf>,
    /// The user's files by (folder, file name): their path and text.
    user_files: BTreeMap<(String, String), (PathBuf, String)>,
    /// Files of the user's folder that faultline does not read (a misspelt name, say).
    warnings: Vec<String>,
}

impl Knowledge {
    /// The shipped files alone.
    pub fn shipped() -> &'static Knowledge {
        static SHIPPED_ONLY: OnceLock<Knowledge> = OnceLock::new();
        SHIPPED_ONLY.get_or_init(Knowledge::default)
    }

    /// The shipped files with the user's folder laid over them. Every file of the folder is
    /// read and checked now.
    pub fn with_user_dir(dir: &Path) -> Result<Knowledge, KnowledgeError> {
        let mut knowledge = Knowledge { user_dir: Some(dir.to_path_buf()), ..Knowledge::default() };
        for entry in sorted_entries(dir)? {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                knowledge.read_user_folder(&path, &name)?;
            } else if name.ends_with(".tsv") && shipped_text("actors", &name).is_some() {
                // An actor table at the top: the layout before folders.
                knowledge.read_user_file(&path, "actors", &name)?;
            } else {
                knowledge.warnings.push(format!(
                    "{} is not read: put knowledge files in a folder named like those of data/ (actors/, places/, events/, lexicon/ ...)",
                    path.display()
                ));
            }
        }
        knowledge.check_includes()?;
        Ok(knowledge)
    }

    fn read_user_folder(&mut self, dir: &Path, folder: &str) -> Result<(), KnowledgeError> {
        let known_folder = SHIPPED.iter().any(|(shipped, _, _)| *shipped == folder);
        for entry in sorted_entries(dir)? {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if known_folder && shipped_text(folder, &name).is_some() {
                self.read_user_file(&path, folder, &name)?;
            } else {
                self.warnings.push(format!(
                    "{} is not read: faultline reads no data/{folder}/{name} (see the README for the files a dictionary folder may hold)",
                    path.display()
                ));
            }
        }
        Ok(())
    }

    fn read_user_file(&mut self, path: &Path, folder: &str, name: &str) -> Result<(), KnowledgeError> {
        let bytes = std::fs::read(path)
            .map_err(|source| KnowledgeError::Read { path: path.to_path_buf(), source })?;
        let text =
            String::from_utf8(bytes).map_err(|_| KnowledgeError::NotUtf8 { path: path.to_path_buf() })?;
        self.user_files.insert((folder.to_string(), name.to_string()), (path.to_path_buf(), text));
        Ok(())
    }

    /// Resolves every word list once, so a bad `@include` in a user's file is reported now.
    fn check_includes(&self) -> Result<(), KnowledgeError> {
        for (folder, file) in self.user_files.keys() {
            if let Some(list) = file.strip_suffix(".txt") {
                self.words(folder, list)?;
            }
        }
        Ok(())
    }

    /// The user's folder, if one was given.
    pub fn user_dir(&self) -> Option<&Path> {
        self.user_dir.as_deref()
    }

    /// Files of the user's folder that are not read, each with what to do about it.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The layers of one file: the shipped text, then the user's when there is one. Empty
    /// when the file exists in neither.
    pub fn sources(&self, folder: &str, file: &str) -> Vec<Source<'_>> {
        let mut sources = Vec::with_capacity(2);
        if let Some(text) = shipped_text(folder, file) {
            sources.push(Source { label: Cow::Owned(format!("data/{folder}/{file}")), text });
        }
        if let Some((path, text)) = self.user_files.get(&(folder.to_string(), file.to_string())) {
            sources.push(Source { label: Cow::Owned(path.display().to_string()), text });
        }
        sources
    }

    /// The layers of a file that must exist (a shipped file the code reads).
    pub fn required_sources(&self, folder: &str, file: &str) -> Result<Vec<Source<'_>>, KnowledgeError> {
        let sources = self.sources(folder, file);
        if sources.is_empty() {
            return Err(KnowledgeError::Missing { folder: folder.to_string(), file: file.to_string() });
        }
        Ok(sources)
    }

    /// The entries of the word list `data/<folder>/<list>.txt` with the user's additions and
    /// removals, includes resolved, in file order without repeats.
    pub fn words(&self, folder: &str, list: &str) -> Result<Vec<&str>, KnowledgeError> {
        let mut words = Vec::new();
        self.collect_words(folder, list, &mut words, &mut Vec::new())?;
        let mut seen = std::collections::HashSet::with_capacity(words.len());
        words.retain(|word| seen.insert(*word));
        Ok(words)
    }

    fn collect_words<'a>(
        &'a self,
        folder: &str,
        list: &str,
        words: &mut Vec<&'a str>,
        open: &mut Vec<String>,
    ) -> Result<(), KnowledgeError> {
        let file = format!("{list}.txt");
        let sources = self.required_sources(folder, &file)?;
        open.push(format!("{folder}/{list}"));
        for source in &sources {
            for (index, line) in source.text.lines().enumerate() {
                let entry = line.trim();
                if entry.is_empty() || entry.starts_with('#') {
                    continue;
                }
                if let Some(include) = entry.strip_prefix('@') {
                    let fail = |cycle: bool| {
                        let (label, line, include) =
                            (source.label.to_string(), index + 1, include.to_string());
                        if cycle {
                            KnowledgeError::IncludeCycle { label, line, include }
                        } else {
                            KnowledgeError::UnknownInclude { label, line, include }
                        }
                    };
                    let Some((include_folder, include_list)) = include.split_once('/') else {
                        return Err(fail(false));
                    };
                    if open.iter().any(|name| name == include) {
                        return Err(fail(true));
                    }
                    if self.sources(include_folder, &format!("{include_list}.txt")).is_empty() {
                        return Err(fail(false));
                    }
                    self.collect_words(include_folder, include_list, words, open)?;
                } else if let Some(removed) = entry.strip_prefix('!') {
                    let removed = removed.trim();
                    words.retain(|word| *word != removed);
                } else {
                    words.push(entry);
                }
            }
        }
        open.pop();
        Ok(())
    }

    /// A short name for messages: the user's folder, or `shipped`.
    fn describe(&self) -> String {
        match &self.user_dir {
            Some(dir) => dir.display().to_string(),
            None => "the shipped knowledge".to_string(),
        }
    }
}

/// The entries of a folder of the user's, by name.
fn sorted_entries(dir: &Path) -> Result<Vec<std::fs::DirEntry>, KnowledgeError> {
    let folder_error = |source| KnowledgeError::Folder { path: dir.to_path_buf(), source };
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).map_err(folder_error)?.collect::<Result<_, _>>().map_err(folder_error)?;
    entries.sort_by_key(|entry| entry.file_name());
    Ok(entries)
}

/// The text of a shipped file, if there is one.
pub fn shipped_text(folder: &str, file: &str) -> Option<&'static str> {
    SHIPPED.binary_search_by(|(f, n, _)| (*f, *n).cmp(&(folder, file))).ok().map(|index| SHIPPED[index].2)
}

/// The names of the shipped files of a folder (`people.tsv` ...), sorted.
pub fn shipped_files(folder: &str) -> impl Iterator<Item = &'static str> + '_ {
    SHIPPED.iter().filter(move |(f, _, _)| *f == folder).map(|(_, name, _)| *name)
}

static ACTIVE: OnceLock<Knowledge> = OnceLock::new();

/// Makes `knowledge` the process's knowledge, read by every stage from then on. Installing
/// the same user folder again is harmless; another one, once knowledge is in use, is an
/// error (tables built on first use cannot be rebuilt).
pub fn install(knowledge: Knowledge) -> Result<&'static Knowledge, KnowledgeError> {
    let wanted = knowledge.user_dir.clone();
    let active = ACTIVE.get_or_init(|| knowledge);
    if active.user_dir != wanted {
        return Err(KnowledgeError::AlreadyActive { active: active.describe() });
    }
    Ok(active)
}

/// The process's knowledge: the installed one, else the shipped files (from then on).
pub fn active() -> &'static Knowledge {
    ACTIVE.get_or_init(Knowledge::default)
}

/// A shipped word list of the active knowledge, for tables built on first use. The shipped
/// lists are checked by this crate's tests and user lists when their folder is opened, so
/// a failure here is a bug.
pub fn active_words(folder: &str, list: &str) -> Vec<&'static str> {
    active().words(folder, list).unwrap_or_else(|err| panic!("knowledge list {folder}/{list}: {err}"))
}

/// The layers of a shipped file of the active knowledge, for tables built on first use.
pub fn active_sources(folder: &str, file: &str) -> Vec<Source<'static>> {
    active().required_sources(folder, file).unwrap_or_else(|err| panic!("knowledge file: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_word_list_resolves() {
        let shipped = Knowledge::shipped();
        for (folder, file, _) in SHIPPED {
            if let Some(list) = file.strip_suffix(".txt") {
                let words = shipped.words(folder, list).unwrap_or_else(|err| panic!("{err}"));
                assert!(!words.is_empty(), "data/{folder}/{file} is empty");
            }
        }
    }

    #[test]
    fn shipped_files_are_found_by_folder_and_name() {
        assert!(shipped_text("actors", "countries.tsv").is_some_and(|text| text.contains("ARM")));
        assert!(shipped_text("actors", "nothing.tsv").is_none());
        assert!(shipped_files("actors").any(|name| name == "people.tsv"));
    }

    #[test]
    fn a_user_folder_adds_removes_and_includes() {
        let dir = tempfile::tempdir().unwrap();
        let lexicon = dir.path().join("lexicon");
        std::fs::create_dir(&lexicon).unwrap();
        let (list, first) = SHIPPED
            .iter()
            .filter(|(folder, _, _)| *folder == "lexicon")
            .find_map(|(_, file, text)| {
                let first =
                    text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with(['#', '@']))?;
                Some((file.strip_suffix(".txt")?, first))
            })
            .expect("a lexicon list with a plain entry");
        std::fs::write(lexicon.join(format!("{list}.txt")), format!("# mine\nzzword\n!{first}\n")).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not knowledge").unwrap();
        let knowledge = Knowledge::with_user_dir(dir.path()).unwrap();
        let words = knowledge.words("lexicon", list).unwrap();
        assert!(words.contains(&"zzword"));
        assert!(!words.contains(&first), "{first} removed");
        assert_eq!(knowledge.sources("lexicon", &format!("{list}.txt")).len(), 2);
        assert_eq!(knowledge.warnings().len(), 1, "{:?}", knowledge.warnings());
    }

    #[test]
    fn bad_user_files_are_reported_when_the_folder_is_opened() {
        let dir = tempfile::tempdir().unwrap();
        let lexicon = dir.path().join("lexicon");
        std::fs::create_dir(&lexicon).unwrap();
        let list = shipped_files("lexicon").next().expect("a lexicon list");
        std::fs::write(lexicon.join(list), "@lexicon/no_such_list\n").unwrap();
        let err = Knowledge::with_user_dir(dir.path()).unwrap_err();
        assert!(err.to_string().contains("no_such_list"), "{err}");
        std::fs::write(lexicon.join(list), [0xff, 0xfe, 0x00]).unwrap();
        assert!(matches!(Knowledge::with_user_dir(dir.path()), Err(KnowledgeError::NotUtf8 { .. })));
        assert!(matches!(
            Knowledge::with_user_dir(&dir.path().join("missing")),
            Err(KnowledgeError::Folder { .. })
        ));
    }

    #[test]
    fn actor_files_at_the_top_of_a_user_folder_are_actor_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("people.tsv"), "id\tname\n").unwrap();
        let knowledge = Knowledge::with_user_dir(dir.path()).unwrap();
        assert_eq!(knowledge.sources("actors", "people.tsv").len(), 2);
        assert!(knowledge.warnings().is_empty());
    }
}
