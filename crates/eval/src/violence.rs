//! Violence where there is none: how many violent events the whole pipeline codes on news
//! that is not about armed conflict, a measure that needs no gold events.
//!
//! # The texts (all in `../shared/eval`, read in place)
//!
//! - `geovirus`: `geoparsing-gritta/Corpora/GeoVirus.xml`, 229 Wikinews articles on
//!   disease outbreaks (id: the article's URL, or `#N`, its position in the file, for the
//!   three that share one), as plain text.
//! - `meantime`: `meantime-en/intra_cross-doc_annotation/*/*.xml`, 120 Wikinews articles
//!   on business (Airbus, Apple, GM, stock markets), rebuilt from their tokens: the title,
//!   the dateline and the body as three paragraphs, published on the creation time.
//! - `timebank` and `aquaint`: `tempeval3/TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml`, general
//!   news of 1989–2000 (business, politics, some of it violent), the TimeML text with its
//!   creation time as the publication date.
//! - `fundus-news`, `wcxb-articles`, `readability-test-pages`: the HTML pages of the
//!   main-text extraction sets (news from many outlets, web articles, magazine pages), run
//!   as HTML exactly as `ingest` runs them; only English pages (by `pages.tsv`).
//!
//! Each document goes through the caller's pipeline (cleaning and every annotation stage)
//! on one thread, timed.
//!
//! # What counts
//!
//! - A violent event: an ASSAULT of any mode, or a PROTEST of mode `riot` (the two kinds
//!   ACLED files as political violence), in the default view: actual (not negated,
//!   future, demanded or possible) and not background, as `faultline events` and the
//!   exports show by default. The same count over every event, background and unreal
//!   included, is reported beside it.
//! - Coercive events (COERCE and MOBILIZE: arrests, seizures, curfews, deployments) are
//!   conflictual but not violence in ACLED's sense ("strategic developments"); they are
//!   reported per 100 articles beside the violent ones and are not part of the target.
//! - A death toll: a default-view event with a fatality figure. An absurd toll is one
//!   above 10,000 in one event, or one whose figure is no count of the sentences it comes
//!   from: a money amount or a percentage has that value, or no cardinal number does (one
//!   person needs none: "a man was killed")
//!   ("the S&P 500 losing 39 points" made 500 dead, "$65 million" 1,000,000).
//!
//! Some of these articles do report real violence (an ambush in South Sudan, the 1998
//! embassy bombings, a murder). `data/violence-reported.tsv` in this crate lists them,
//! made by reading the texts before the system was run on them (how is said in its
//! header); their events are counted apart, as "reporting violence", and the measure that
//! matters (target: at most 2 violent events per 100 articles) is read on the others.
//!
//! # Held-out split
//!
//! Every document is assigned by the same hash as the event gold (of `corpus/id`) to dev or
//! held-out. The events behind the figures ([`ViolenceReport::dev_findings`], printed by
//! `faultline eval violence --show-errors`) are listed for dev documents only, so rules are
//! fixed by reading dev output and the held-out column stays an honest estimate.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use faultline_model::{
    ContentFormat, DeclaredMetadata, Document, Event, Modality, NumberKind, NumberMention, Processed,
};
use serde::Serialize;

use crate::events::Split;
use crate::timex::parse_timeml;

/// The documents known to report real violence, by corpus and id.
const VIOLENCE_REPORTED: &str = include_str!("../data/violence-reported.tsv");
/// A death toll above this in one event is absurd on these texts.
const ABSURD_DEATHS: f64 = 10_000.0;
/// How much of an evidence sentence a finding shows.
const EVIDENCE_SHOWN: usize = 300;

/// Why the texts could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ViolenceEvalError {
    #[error("cannot read {path} (point at the ../shared/eval folder)")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}

/// One corpus's place in the eval folder and how its documents are read.
struct Corpus {
    name: &'static str,
    what: &'static str,
    read: fn(&Path) -> Result<Vec<Text>, ViolenceEvalError>,
}

const CORPORA: [Corpus; 7] = [
    Corpus { name: "geovirus", what: "disease news (Wikinews)", read: read_geovirus },
    Corpus { name: "meantime", what: "business news (Wikinews)", read: read_meantime },
    Corpus { name: "timebank", what: "general news 1989-98 (TimeBank)", read: read_timebank },
    Corpus { name: "aquaint", what: "general news 1998-2000 (AQUAINT)", read: read_aquaint },
    Corpus { name: "fundus-news", what: "news pages, English (HTML)", read: read_fundus },
    Corpus { name: "wcxb-articles", what: "web articles (HTML)", read: read_wcxb },
    Corpus {
        name: "readability-test-pages",
        what: "news and magazine pages, English (HTML)",
        read: read_readability,
    },
];

/// One document of a corpus, ready for the pipeline.
struct Text {
    id: String,
    document: Document,
}

/// Counts over a set of articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    pub articles: usize,
    /// Violent events in the default view.
    pub violent: usize,
    /// Violent events, background and unreal ones included.
    pub violent_any: usize,
    /// COERCE and MOBILIZE events in the default view.
    pub coercive: usize,
    /// Default-view events with a fatality figure.
    pub death_tolls: usize,
    pub absurd_tolls: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.articles += other.articles;
        self.violent += other.violent;
        self.violent_any += other.violent_any;
        self.coercive += other.coercive;
        self.death_tolls += other.death_tolls;
        self.absurd_tolls += other.absurd_tolls;
    }

    /// A count per 100 articles.
    pub fn per_100(&self, count: usize) -> f64 {
        if self.articles == 0 { 0.0 } else { 100.0 * count as f64 / self.articles as f64 }
    }
}

/// Counts on the dev half, the held-out half and both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Halves {
    pub dev: Counts,
    pub held_out: Counts,
    pub all: Counts,
}

impl Halves {
    fn add(&mut self, split: Split, counts: &Counts) {
        match split {
            Split::Dev => self.dev.add(counts),
            Split::HeldOut => self.held_out.add(counts),
        }
        self.all.add(counts);
    }

    fn merge(&mut self, other: &Halves) {
        self.dev.add(&other.dev);
        self.held_out.add(&other.held_out);
        self.all.add(&other.all);
    }
}

/// One corpus's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorpusReport {
    pub name: String,
    pub what: String,
    /// The articles that report no violence: the measure.
    pub no_violence: Halves,
    /// The articles listed as reporting real violence, counted apart.
    pub reporting_violence: Halves,
}

/// A dev event behind a figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub corpus: String,
    pub id: String,
    /// `violent`, `absurd toll`, or `violent, absurd toll`.
    pub why: String,
    pub event: String,
    pub evidence: String,
}

/// The figures on every corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViolenceReport {
    pub dir: String,
    pub corpora: Vec<CorpusReport>,
    /// Every corpus's articles that report no violence.
    pub total: Halves,
    /// Every corpus's articles listed as reporting violence.
    pub total_reporting_violence: Halves,
    /// Wall-clock time of the pipeline over every document, on one thread.
    pub seconds: f64,
    pub articles_per_second: f64,
    /// Dev documents only; held-out ones are never listed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dev_findings: Vec<Finding>,
}

impl ViolenceReport {
    /// Forgets the dev findings, so that neither the table nor the JSON lists them.
    pub fn drop_dev_findings(&mut self) {
        self.dev_findings.clear();
    }
}

/// Runs `process` (the whole pipeline on one document) over every corpus in `dir` (the
/// `../shared/eval` folder) and counts the violent events, coercive events and death
/// tolls it codes. A document the pipeline fails on counts as an article with no events.
pub fn evaluate_with(
    dir: &Path,
    process: impl Fn(&Document) -> Option<Processed>,
) -> Result<ViolenceReport, ViolenceEvalError> {
    let reported = violence_reported();
    let mut corpora = Vec::new();
    let mut dev_findings = Vec::new();
    let mut seconds = 0.0;
    let mut documents = 0;
    for corpus in &CORPORA {
        let texts = (corpus.read)(dir)?;
        let mut report = CorpusReport {
            name: corpus.name.to_string(),
            what: corpus.what.to_string(),
            no_violence: Halves::default(),
            reporting_violence: Halves::default(),
        };
        for text in texts {
            let started = Instant::now();
            let processed = process(&text.document);
            seconds += started.elapsed().as_secs_f64();
            documents += 1;
            let split = Split::of(&format!("{}/{}", corpus.name, text.id));
            let (counts, findings) = match &processed {
                Some(processed) => count(processed),
                None => (Counts { articles: 1, ..Counts::default() }, Vec::new()),
            };
            let listed = reported.contains(&(corpus.name, text.id.as_str()));
            if listed {
                report.reporting_violence.add(split, &counts);
            } else {
                report.no_violence.add(split, &counts);
                if split == Split::Dev {
                    dev_findings.extend(findings.into_iter().map(|(why, event, evidence)| Finding {
                        corpus: corpus.name.to_string(),
                        id: text.id.clone(),
                        why,
                        event,
                        evidence,
                    }));
                }
            }
        }
        corpora.push(report);
    }
    let mut total = Halves::default();
    let mut total_reporting_violence = Halves::default();
    for corpus in &corpora {
        total.merge(&corpus.no_violence);
        total_reporting_violence.merge(&corpus.reporting_violence);
    }
    Ok(ViolenceReport {
        dir: dir.display().to_string(),
        corpora,
        total,
        total_reporting_violence,
        seconds,
        articles_per_second: if seconds > 0.0 { documents as f64 / seconds } else { 0.0 },
        dev_findings,
    })
}

/// The (corpus, id) pairs of `data/violence-reported.tsv`.
fn violence_reported() -> HashSet<(&'static str, &'static str)> {
    VIOLENCE_REPORTED
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut cells = line.split('\t');
            Some((cells.next()?, cells.next()?))
        })
        .collect()
}

/// Whether an event is violence in ACLED's sense.
fn violent(event: &Event) -> bool {
    event.event_type == "ASSAULT" || event.event_type == "PROTEST" && event.mode.as_deref() == Some("riot")
}

fn in_default_view(event: &Event) -> bool {
    event.modality == Modality::Actual && !event.background
}

/// One article's counts, and the events behind them as (why, event, evidence).
fn count(processed: &Processed) -> (Counts, Vec<(String, String, String)>) {
    let mut counts = Counts { articles: 1, ..Counts::default() };
    let mut findings = Vec::new();
    for event in &processed.layers.events {
        counts.violent_any += usize::from(violent(event));
        if !in_default_view(event) {
            continue;
        }
        let is_violent = violent(event);
        counts.violent += usize::from(is_violent);
        counts.coercive += usize::from(matches!(event.event_type.as_str(), "COERCE" | "MOBILIZE"));
        let tolls = figures(event);
        let absurd = !tolls.is_empty() && absurd_toll(event, &tolls, &processed.layers.numbers);
        counts.death_tolls += usize::from(!tolls.is_empty());
        counts.absurd_tolls += usize::from(absurd);
        let why = match (is_violent, absurd) {
            (true, true) => "violent, absurd toll",
            (true, false) => "violent",
            (false, true) => "absurd toll",
            (false, false) => continue,
        };
        let evidence = event.evidence.first().map_or(String::new(), |e| shorten(&e.text));
        findings.push((why.to_string(), describe(event), evidence));
    }
    (counts, findings)
}

/// The fatality figures of an event: its total and each side's.
fn figures(event: &Event) -> Vec<f64> {
    let deaths = &event.fatalities;
    deaths
        .total
        .and_then(|t| t.point())
        .into_iter()
        .chain(deaths.by_side.iter().filter_map(|side| side.range.point()))
        .filter(|&n| n > 0.0)
        .collect()
}

/// A toll above [`ABSURD_DEATHS`], or one that no cardinal number of the event's
/// sentences has as its value (but a toll of one, which "a man" gives), or that a money
/// amount or a percentage has.
fn absurd_toll(event: &Event, tolls: &[f64], numbers: &[NumberMention]) -> bool {
    if tolls.iter().any(|&n| n > ABSURD_DEATHS) {
        return true;
    }
    let inside: Vec<&NumberMention> = numbers
        .iter()
        .filter(|n| event.evidence.iter().any(|e| e.start <= n.start && n.end <= e.end))
        .collect();
    let value_of = |n: &NumberMention, toll: f64| [n.best, n.low, n.high].contains(&Some(toll));
    let summed = tolls.len() > 1;
    tolls.iter().enumerate().any(|(index, &toll)| {
        // A total summed from sides is no number of the text.
        if summed && index == 0 {
            return false;
        }
        // One person needs no numeral ("a man was killed").
        let counted = toll == 1.0
            || inside
                .iter()
                .any(|n| matches!(n.kind, NumberKind::Cardinal | NumberKind::Vague) && value_of(n, toll));
        let amount = inside
            .iter()
            .any(|n| matches!(n.kind, NumberKind::Money | NumberKind::Percent) && value_of(n, toll));
        amount || !counted
    })
}

fn describe(event: &Event) -> String {
    let names = |actors: &[faultline_model::EventActor]| {
        if actors.is_empty() {
            "-".to_string()
        } else {
            actors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
        }
    };
    let mut text = event.event_type.clone();
    if let Some(mode) = &event.mode {
        text.push('/');
        text.push_str(mode);
    }
    text.push_str(&format!(" \"{}\": {} -> {}", event.trigger, names(&event.source), names(&event.target)));
    if let Some(deaths) = event.fatalities.total.and_then(|t| t.point()) {
        text.push_str(&format!(", {deaths} dead"));
    }
    text
}

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(EVIDENCE_SHOWN) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text,
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ViolenceEvalError + '_ {
    move |source| ViolenceEvalError::Io { path: path.to_path_buf(), source }
}

fn read(path: &Path) -> Result<String, ViolenceEvalError> {
    std::fs::read_to_string(path).map_err(io(path))
}

/// The files of a folder with an extension, sorted.
fn files(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, ViolenceEvalError> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|x| x == extension))
        .collect();
    found.sort();
    Ok(found)
}

fn text_document(origin: String, content: String, declared: DeclaredMetadata) -> Document {
    Document { origin, format: ContentFormat::Text, content, declared, warnings: Vec::new() }
}

fn read_geovirus(dir: &Path) -> Result<Vec<Text>, ViolenceEvalError> {
    let path = dir.join("geoparsing-gritta/Corpora/GeoVirus.xml");
    let xml = read(&path)?;
    let articles = crate::geo::parse_sources(&xml);
    if articles.is_empty() {
        return Err(ViolenceEvalError::Format { path, message: "no <article> with a <text>".to_string() });
    }
    // Three articles share a source: those are named by their position.
    let mut times_seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (url, _) in &articles {
        *times_seen.entry(url.as_str()).or_default() += 1;
    }
    let ids: Vec<String> = articles
        .iter()
        .enumerate()
        .map(|(index, (url, _))| {
            if url.is_empty() || times_seen[url.as_str()] > 1 {
                format!("#{}", index + 1)
            } else {
                url.clone()
            }
        })
        .collect();
    Ok(articles
        .into_iter()
        .zip(ids)
        .map(|((url, text), id)| {
            let declared =
                DeclaredMetadata { url: (!url.is_empty()).then_some(url), ..DeclaredMetadata::default() };
            Text { document: text_document(format!("GeoVirus {id}"), text, declared), id }
        })
        .collect())
}

fn read_meantime(dir: &Path) -> Result<Vec<Text>, ViolenceEvalError> {
    let root = dir.join("meantime-en/intra_cross-doc_annotation");
    let mut texts = Vec::new();
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .map_err(io(&root))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        for path in files(&folder, "xml")? {
            let xml = read(&path)?;
            let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let (content, published, url) = meantime_text(&xml).ok_or_else(|| ViolenceEvalError::Format {
                path: path.clone(),
                message: "no tokens".to_string(),
            })?;
            let declared = DeclaredMetadata { published, url, ..DeclaredMetadata::default() };
            texts.push(Text { document: text_document(format!("MEANTIME {id}"), content, declared), id });
        }
    }
    Ok(texts)
}

/// A MEANTIME document's text rebuilt from its tokens (the title, the dateline and the body
/// as paragraphs), its creation time and its URL.
fn meantime_text(xml: &str) -> Option<(String, Option<String>, Option<String>)> {
    let mut sentences: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<token ") {
        let tag_end = at + rest[at..].find('>')?;
        let close = tag_end + rest[tag_end..].find("</token>")?;
        let sentence = attribute(&rest[at..tag_end], "sentence")?.parse().ok()?;
        sentences.entry(sentence).or_default().push(crate::timex::decode(&rest[tag_end + 1..close]));
        rest = &rest[close..];
    }
    let mut lines = sentences.into_values().map(|tokens| detokenize(&tokens));
    let title = lines.next()?;
    let dateline = lines.next().unwrap_or_default();
    let body: Vec<String> = lines.collect();
    let content = format!("{title}\n\n{dateline}\n\n{}", body.join(" "));
    let published = xml.find("functionInDocument=\"CREATION_TIME\"").and_then(|at| {
        let start = xml[..at].rfind("<TIMEX3")?;
        let end = at + xml[at..].find('>')?;
        attribute(&xml[start..end], "value").map(str::to_string)
    });
    let url = xml.find("<Document ").and_then(|at| {
        let end = at + xml[at..].find('>')?;
        attribute(&xml[at..end], "url").map(str::to_string)
    });
    Some((content, published, url))
}

/// Tokens joined as written: no space before closing punctuation and clitics ("'s",
/// "n't"), none after opening brackets and currency signs; PTB quotes as straight ones.
fn detokenize(tokens: &[String]) -> String {
    let mut out = String::new();
    let mut glue_next = false;
    let mut open_quote = false;
    for token in tokens {
        let token = match token.as_str() {
            "``" | "''" => "\"",
            other => other,
        };
        let is_quote = token == "\"";
        let closing = token.starts_with([',', '.', ';', ':', '!', '?', ')', ']', '%'])
            || token.starts_with('\'') && token.len() > 1
            || token.eq_ignore_ascii_case("n't")
            || is_quote && open_quote;
        if !out.is_empty() && !glue_next && !closing {
            out.push(' ');
        }
        out.push_str(token);
        glue_next = matches!(token, "(" | "[" | "#") || token.ends_with('$') || is_quote && !open_quote;
        if is_quote {
            open_quote = !open_quote;
        }
    }
    out
}

/// The value of `name="..."` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(&tag[start..end])
}

fn read_timebank(dir: &Path) -> Result<Vec<Text>, ViolenceEvalError> {
    read_timeml(&dir.join("tempeval3/TBAQ-cleaned/TimeBank"), "TimeBank")
}

fn read_aquaint(dir: &Path) -> Result<Vec<Text>, ViolenceEvalError> {
    read_timeml(&dir.join("tempeval3/TBAQ-cleaned/AQUAINT"), "AQUAINT")
}

fn read_timeml(folder: &Path, corpus: &str) -> Result<Vec<Text>, ViolenceEvalError> {
    let mut texts = Vec::new();
    for path in files(folder, "tml")? {
        let xml = read(&path)?;
        let doc = parse_timeml(&xml).map_err(|source| ViolenceEvalError::Format {
            path: path.clone(),
            message: source.to_string(),
        })?;
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let declared = DeclaredMetadata { published: Some(doc.dct), ..DeclaredMetadata::default() };
        texts.push(Text {
            document: text_document(format!("{corpus} {id}"), doc.text.trim().to_string(), declared),
            id,
        });
    }
    Ok(texts)
}

fn read_fundus(dir: &Path) -> Result<Vec<Text>, ViolenceEvalError> {
    read_pages(&dir.join("fundus-news"), Some("language"))
}

fn read_wcxb(dir: &Path) -> Result<Vec<Text>, ViolenceEvalError> {
    // Every page of this set is English (html_lang en or none).
    read_pages(&dir.join("wcxb-articles"), None)
}

fn read_readability(dir: &Path) -> Result<Vec<Text>, ViolenceEvalError> {
    read_pages(&dir.join("readability-test-pages"), Some("language"))
}

/// The pages of a main-text extraction set listed in its `pages.tsv` (only those whose
/// `language` column is `en`, when given), as HTML documents.
fn read_pages(folder: &Path, language_column: Option<&str>) -> Result<Vec<Text>, ViolenceEvalError> {
    let table_path = folder.join("pages.tsv");
    let table = read(&table_path)?;
    let mut rows = table.lines();
    let header: Vec<&str> = rows.next().unwrap_or_default().split('\t').collect();
    let language = match language_column {
        Some(name) => Some(header.iter().position(|&c| c == name).ok_or_else(|| {
            ViolenceEvalError::Format { path: table_path.clone(), message: format!("no {name} column") }
        })?),
        None => None,
    };
    let mut texts = Vec::new();
    for row in rows.filter(|r| !r.trim().is_empty()) {
        let cells: Vec<&str> = row.split('\t').collect();
        if language.is_some_and(|column| cells.get(column) != Some(&"en")) {
            continue;
        }
        let id = cells[0].to_string();
        let path = folder.join("html").join(format!("{id}.html.gz"));
        let file = std::fs::File::open(&path).map_err(io(&path))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).map_err(io(&path))?;
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let document = Document {
            origin: format!("{} {id}", folder.display()),
            format: ContentFormat::Html,
            content: html,
            declared: DeclaredMetadata::default(),
            warnings: Vec::new(),
        };
        texts.push(Text { id, document });
    }
    Ok(texts)
}

impl fmt::Display for ViolenceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Violent events on news that is not about armed conflict ({})", self.dir)?;
        writeln!(
            f,
            "violent: ASSAULT and PROTEST/riot, actual and not background (all: background and unreal too);"
        )?;
        writeln!(f, "coercive: COERCE and MOBILIZE; absurd toll: > 10,000 dead, or not a count of people")?;
        writeln!(f, "per 100 articles; target: violent <= 2 on articles reporting no violence")?;
        let header = |f: &mut fmt::Formatter<'_>, title: &str| {
            writeln!(
                f,
                "\n{title:<34} {:>8} {:>9} {:>9} {:>9} {:>9} {:>9}",
                "articles", "violent", "all", "coercive", "tolls", "absurd"
            )
        };
        let row = |f: &mut fmt::Formatter<'_>, label: &str, c: &Counts| {
            writeln!(
                f,
                "{label:<34} {:>8} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9}",
                c.articles,
                c.per_100(c.violent),
                c.per_100(c.violent_any),
                c.per_100(c.coercive),
                c.per_100(c.death_tolls),
                c.absurd_tolls
            )
        };
        let halves = |f: &mut fmt::Formatter<'_>, name: &str, h: &Halves| -> fmt::Result {
            row(f, &format!("{name} dev"), &h.dev)?;
            row(f, &format!("{name} held-out"), &h.held_out)?;
            row(f, &format!("{name} all"), &h.all)
        };
        header(f, "articles reporting no violence")?;
        for corpus in &self.corpora {
            halves(f, &corpus.name, &corpus.no_violence)?;
        }
        halves(f, "TOTAL", &self.total)?;
        header(f, "articles reporting violence")?;
        for corpus in self.corpora.iter().filter(|c| c.reporting_violence.all.articles > 0) {
            halves(f, &corpus.name, &corpus.reporting_violence)?;
        }
        halves(f, "TOTAL", &self.total_reporting_violence)?;
        writeln!(f)?;
        for corpus in &self.corpora {
            writeln!(f, "{}: {}", corpus.name, corpus.what)?;
        }
        writeln!(
            f,
            "\npipeline: {:.2} s on one thread, {:.0} articles/s",
            self.seconds, self.articles_per_second
        )?;
        if !self.dev_findings.is_empty() {
            writeln!(
                f,
                "\nDev events behind the figures ({}; held-out documents are never shown):",
                self.dev_findings.len()
            )?;
            for finding in &self.dev_findings {
                writeln!(f, "\n{} {} [{}]", finding.corpus, finding.id, finding.why)?;
                writeln!(f, "  {}", finding.event)?;
                writeln!(f, "  {}", finding.evidence)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_joined_as_written() {
        let tokens: Vec<String> =
            ["Apple", "'s", "shares", "(", "AAPL", ")", "rose", "5", "%", ",", "to", "US$", "20", "."]
                .iter()
                .map(|t| t.to_string())
                .collect();
        assert_eq!(detokenize(&tokens), "Apple's shares (AAPL) rose 5%, to US$20.");
        let quoted: Vec<String> =
            ["He", "said", "``", "no", "''", "and", "did", "n't"].iter().map(|t| t.to_string()).collect();
        assert_eq!(detokenize(&quoted), "He said \"no\" and didn't");
    }

    fn processed(events: Vec<Event>, numbers: Vec<NumberMention>) -> Processed {
        crate::test_support::processed(faultline_model::Layers { events, numbers, ..Default::default() })
    }

    fn event(event_type: &str, deaths: Option<f64>, evidence: (usize, usize)) -> Event {
        let evidence = faultline_model::Evidence { start: evidence.0, end: evidence.1, text: "x".into() };
        let mut event = Event::new(event_type, "t".into(), evidence, "r".into(), 0.8);
        event.fatalities.total =
            deaths.map(|d| faultline_model::Range { low: Some(d), best: Some(d), high: Some(d) });
        event
    }

    fn number(value: f64, kind: NumberKind, start: usize) -> NumberMention {
        NumberMention {
            text: value.to_string(),
            start,
            end: start + 2,
            low: Some(value),
            best: Some(value),
            high: None,
            hedge: None,
            noun: None,
            kind,
        }
    }

    #[test]
    fn violent_coercive_and_absurd_events_are_counted_in_the_default_view() {
        let mut background = event("ASSAULT", None, (0, 10));
        background.background = true;
        let mut future = event("ASSAULT", None, (0, 10));
        future.modality = Modality::Future;
        let mut riot = event("PROTEST", None, (0, 10));
        riot.mode = Some("riot".into());
        let events = vec![
            event("ASSAULT", Some(4.0), (0, 10)),
            event("ASSAULT", Some(500.0), (20, 40)),
            event("ASSAULT", Some(25_000_000.0), (50, 60)),
            background,
            future,
            riot,
            event("COERCE", None, (0, 10)),
            event("CONSULT", None, (0, 10)),
        ];
        let numbers = vec![
            number(4.0, NumberKind::Cardinal, 2),
            number(500.0, NumberKind::Money, 22),
            number(25_000_000.0, NumberKind::Cardinal, 52),
        ];
        let (counts, findings) = count(&processed(events, numbers));
        assert_eq!(counts.violent, 4, "three ASSAULTs and a riot in the default view");
        assert_eq!(counts.violent_any, 6, "background and future ones too");
        assert_eq!(counts.coercive, 1);
        assert_eq!(counts.death_tolls, 3);
        assert_eq!(counts.absurd_tolls, 2, "money counted as deaths, and 25 million dead");
        assert_eq!(findings.iter().filter(|(why, _, _)| why.contains("absurd")).count(), 2);
    }

    #[test]
    fn the_list_of_violent_documents_is_read() {
        let listed = violence_reported();
        assert!(listed.contains(&("aquaint", "APW19980807.0261")));
        assert!(listed.iter().all(|(corpus, _)| CORPORA.iter().any(|c| c.name == *corpus)));
    }

    /// The texts in ../shared/eval, when present: every corpus reads whole, with one id per
    /// document, and every document the list names exists.
    #[test]
    fn every_corpus_reads_and_the_list_names_real_documents() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
        if !dir.exists() {
            eprintln!("skipping: no evaluation texts at {}", dir.display());
            return;
        }
        let expected = [
            ("geovirus", 229),
            ("meantime", 120),
            ("timebank", 183),
            ("aquaint", 73),
            ("fundus-news", 90),
            ("wcxb-articles", 783),
            ("readability-test-pages", 63),
        ];
        let mut ids = HashSet::new();
        for (corpus, (name, documents)) in CORPORA.iter().zip(expected) {
            assert_eq!(corpus.name, name);
            let texts = (corpus.read)(&dir).unwrap();
            assert_eq!(texts.len(), documents, "{name}");
            assert!(texts.iter().all(|t| !t.document.content.trim().is_empty()), "{name}");
            for text in texts {
                assert!(ids.insert((name, text.id.clone())), "{name} {} twice", text.id);
            }
        }
        for (corpus, id) in violence_reported() {
            assert!(ids.contains(&(corpus, id.to_string())), "{corpus} {id} is listed but not read");
        }
    }
}
