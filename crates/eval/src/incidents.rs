//! Grouping articles into incidents, scored on the Gun Violence Corpus (GVC): US local news
//! articles each linked to the real shooting incident it reports (`../shared/eval/gvc`,
//! see its SOURCE.md).
//!
//! # The articles
//!
//! `gold.tsv` lists `doc_id`, `incident_id`, `published` (YYYY-MM-DD) and `file`; each
//! `docs/<doc_id>.txt` holds the title on line 1, a blank line, then the body. Each article
//! goes through the whole pipeline as `ingest` would run it (the caller's `process`), with
//! its title and publication date declared ([`GvcArticle::document`]).
//!
//! # Dev and held-out
//!
//! The incidents, not the articles, are split, so that no incident has reports on both
//! sides: an incident is held-out when [`stable_hash`] of its id (the Gun Violence Archive
//! id as written in `gold.tsv`) is divisible by 3, dev otherwise (about 2/3 : 1/3), the rule
//! of the other scorers ([`crate::documents::split_of`]). Each part is grouped on its own
//! (the articles of the other part are not there), and so is the whole set (`all`): each
//! column is the result a user would get ingesting just those articles.
//!
//! # What is compared
//!
//! - the system's grouping, given as a function from processed articles to pairs of article
//!   id and incident key (the incidents crate's, once it is wired);
//! - the TF-IDF baseline ([`text_similarity`]) on the raw title and body, for average and
//!   single linkage at thresholds 0.02 to 0.60 by 0.02; the linkage and threshold with the
//!   best B-cubed F1 on the dev part are chosen (ties: average link first, then the middle
//!   of the tied thresholds), and the whole sweep is reported on every part;
//! - grouping by publication date alone: articles published the same day are one group.
//!
//! Every figure is a [`GroupingScores`] ([`scoring`]): B-cubed and pairwise precision,
//! recall and F1 over articles, with the numbers of gold incidents and predicted clusters.
//! The hard cases of [`hard_cases`] (follow-up reports, different incidents of one week)
//! are judged on each grouping too.

pub mod hard_cases;
pub mod scoring;
pub mod text_similarity;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use faultline_model::{ContentFormat, DeclaredMetadata, Document, Processed};
use serde::Serialize;

use crate::measures::stable_hash;
use hard_cases::{HardCase, HardCaseScores, judge_hard_cases};
pub use scoring::{GroupingScores, score_grouping};
use text_similarity::{Linkage, agglomerate, cosine_similarities};

/// Why the corpus or the fixture could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IncidentsEvalError {
    #[error(
        "cannot read {path} (point at the gvc folder, e.g. ../shared/eval/gvc, holding gold.tsv and docs/)"
    )]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}

/// The part of the corpus an incident belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Dev,
    HeldOut,
}

impl Part {
    /// The part of an incident: held-out when the hash of its id is divisible by 3.
    pub fn of_incident(incident_id: &str) -> Part {
        if stable_hash(incident_id).is_multiple_of(3) { Part::HeldOut } else { Part::Dev }
    }
}

/// An article of the corpus with its gold incident.
#[derive(Debug, Clone, PartialEq)]
pub struct GvcArticle {
    pub doc_id: String,
    pub incident_id: String,
    pub published: NaiveDate,
    pub title: String,
    pub body: String,
    pub part: Part,
}

impl GvcArticle {
    /// The document the pipeline reads: the file's text, with its title, id and
    /// publication date declared.
    pub fn document(&self) -> Document {
        Document {
            origin: format!("gvc {}", self.doc_id),
            format: ContentFormat::Text,
            content: format!("{}\n\n{}", self.title, self.body),
            declared: DeclaredMetadata {
                id: Some(self.doc_id.clone()),
                title: Some(self.title.clone()),
                published: Some(self.published.to_string()),
                ..DeclaredMetadata::default()
            },
            warnings: Vec::new(),
        }
    }
}

/// Reads `gold.tsv` and every article it lists, sorted by doc id.
pub fn read_gvc(dir: &Path) -> Result<Vec<GvcArticle>, IncidentsEvalError> {
    let gold_path = dir.join("gold.tsv");
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| IncidentsEvalError::Io { path: path.into(), source })
    };
    let gold = read(&gold_path)?;
    let format = |message: String| IncidentsEvalError::Format { path: gold_path.clone(), message };
    let mut lines = gold.lines().filter(|line| !line.trim().is_empty());
    if lines.next().map(|header| header.split('\t').collect::<Vec<_>>())
        != Some(vec!["doc_id", "incident_id", "published", "file"])
    {
        return Err(format("the header must be doc_id, incident_id, published, file (tab-separated)".into()));
    }
    let mut articles = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        let [doc_id, incident_id, published, file] = fields[..] else {
            return Err(format(format!("not 4 tab-separated fields: {line:?}")));
        };
        let published = NaiveDate::parse_from_str(published, "%Y-%m-%d")
            .map_err(|_| format(format!("{doc_id}: published {published:?} is not YYYY-MM-DD")))?;
        let text = read(&dir.join(file))?;
        let (title, body) = text.split_once("\n\n").unwrap_or((text.as_str(), ""));
        articles.push(GvcArticle {
            doc_id: doc_id.to_string(),
            incident_id: incident_id.to_string(),
            published,
            title: title.trim().to_string(),
            body: body.trim().to_string(),
            part: Part::of_incident(incident_id),
        });
    }
    articles.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    Ok(articles)
}

/// One grouping method's scores on each part, and on its hard cases.
#[derive(Debug, Clone, Serialize)]
pub struct MethodScores {
    pub method: String,
    pub dev: GroupingScores,
    pub held_out: GroupingScores,
    pub all: GroupingScores,
    pub hard_cases: PartsOf<HardCaseScores>,
}

/// A value for dev, held-out and all.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct PartsOf<T> {
    pub dev: T,
    pub held_out: T,
    pub all: T,
}

/// One point of the TF-IDF threshold sweep: B-cubed F1 on each part.
#[derive(Debug, Clone, Serialize)]
pub struct SweepPoint {
    pub linkage: Linkage,
    pub threshold: f64,
    pub bcubed_f1: PartsOf<f64>,
}

/// Everything `faultline eval incidents` reports.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentsReport {
    pub dir: String,
    pub split_rule: &'static str,
    pub articles: PartsOf<usize>,
    pub incidents: PartsOf<usize>,
    /// Articles the pipeline failed on (left out of the system's grouping, so alone).
    pub failures: Vec<String>,
    pub system: MethodScores,
    pub tfidf: MethodScores,
    pub same_date: MethodScores,
    pub tfidf_linkage: Linkage,
    pub tfidf_threshold: f64,
    pub sweep: Vec<SweepPoint>,
    pub hard_cases: usize,
}

/// The parts a method is scored on: each is grouped on its own.
const PARTS: [Option<Part>; 3] = [Some(Part::Dev), Some(Part::HeldOut), None];

/// Runs the pipeline (`process`) on every article, groups each part with `group` (named
/// `system` in the report) and with both baselines, and scores them; `hard_cases` are the
/// fixture's pairs.
pub fn evaluate_with<E: fmt::Display>(
    dir: &Path,
    hard_cases: &[HardCase],
    process: impl Fn(&Document) -> Result<Processed, E>,
    system: &str,
    group: impl Fn(&[Processed]) -> Vec<(String, String)>,
) -> Result<IncidentsReport, IncidentsEvalError> {
    let articles = read_gvc(dir)?;
    let part_of = parts_of(&articles);
    let subsets = subsets(&articles);

    let Baselines { tfidf, same_date, tfidf_linkage, tfidf_threshold, sweep } =
        baselines(&articles, hard_cases);

    let mut failures = Vec::new();
    let mut processed: Vec<(String, Processed)> = Vec::new();
    for article in &articles {
        match process(&article.document()) {
            Ok(result) => processed.push((article.doc_id.clone(), result)),
            Err(err) => failures.push(format!("{}: {err}", article.doc_id)),
        }
    }
    let system_groupings = PARTS.map(|part| {
        let (docs, inputs): (Vec<&String>, Vec<Processed>) = processed
            .iter()
            .filter(|(doc, _)| part.is_none_or(|p| part_of[doc.as_str()] == p))
            .map(|(doc, result)| (doc, result.clone()))
            .unzip();
        let doc_of: HashMap<&str, &String> =
            inputs.iter().zip(&docs).map(|(result, doc)| (result.article.id.as_str(), *doc)).collect();
        group(&inputs)
            .into_iter()
            .filter_map(|(article, key)| doc_of.get(article.as_str()).map(|doc| ((*doc).clone(), key)))
            .collect()
    });
    let system = score(&articles, hard_cases, system.to_string(), system_groupings);

    let count = |f: &dyn Fn(&[&GvcArticle]) -> usize| PartsOf {
        dev: f(&subsets[0]),
        held_out: f(&subsets[1]),
        all: f(&subsets[2]),
    };
    Ok(IncidentsReport {
        dir: dir.display().to_string(),
        split_rule: "by incident: held-out when the stable hash of the incident id is divisible by 3",
        articles: count(&|subset| subset.len()),
        incidents: count(&|subset| gold_of(subset).values().collect::<std::collections::BTreeSet<_>>().len()),
        failures,
        system,
        tfidf,
        same_date,
        tfidf_linkage,
        tfidf_threshold,
        sweep,
        hard_cases: hard_cases.len(),
    })
}

/// The two baselines on the same articles, each part grouped on its own.
#[derive(Debug, Clone, Serialize)]
pub struct Baselines {
    pub tfidf: MethodScores,
    pub same_date: MethodScores,
    /// The linkage and threshold chosen on the dev part.
    pub tfidf_linkage: Linkage,
    pub tfidf_threshold: f64,
    pub sweep: Vec<SweepPoint>,
}

/// The TF-IDF sweep, its choice on dev and its scores there, and the grouping by date.
pub fn baselines(articles: &[GvcArticle], hard_cases: &[HardCase]) -> Baselines {
    let subsets = subsets(articles);
    let similarities = subsets.each_ref().map(|subset| {
        let texts: Vec<String> = subset.iter().map(|a| format!("{}\n\n{}", a.title, a.body)).collect();
        cosine_similarities(&texts.iter().map(String::as_str).collect::<Vec<_>>())
    });
    let tfidf_groupings = |linkage: Linkage, threshold: f64| {
        [0, 1, 2].map(|index| {
            let clusters = agglomerate(&similarities[index], threshold, linkage);
            let subset = &subsets[index];
            subset
                .iter()
                .zip(clusters)
                .map(|(a, first)| (a.doc_id.clone(), subset[first].doc_id.clone()))
                .collect()
        })
    };
    let mut sweep = Vec::new();
    for linkage in [Linkage::Average, Linkage::Single] {
        for step in 1..=30 {
            let threshold = f64::from(step) * 0.02;
            let groupings = tfidf_groupings(linkage, threshold);
            let [dev, held_out, all] =
                [0, 1, 2].map(|index| score_grouping(&gold_of(&subsets[index]), &groupings[index]).bcubed.f1);
            sweep.push(SweepPoint { linkage, threshold, bcubed_f1: PartsOf { dev, held_out, all } });
        }
    }
    let (tfidf_linkage, tfidf_threshold) = choose_on_dev(&sweep);
    let tfidf = score(
        articles,
        hard_cases,
        format!("TF-IDF {tfidf_linkage} at {tfidf_threshold:.2}"),
        tfidf_groupings(tfidf_linkage, tfidf_threshold),
    );
    let same_date = score(
        articles,
        hard_cases,
        "same publication date".to_string(),
        subsets
            .each_ref()
            .map(|subset| subset.iter().map(|a| (a.doc_id.clone(), a.published.to_string())).collect()),
    );

    Baselines { tfidf, same_date, tfidf_linkage, tfidf_threshold, sweep }
}

/// Each part's articles: dev, held-out, all.
fn subsets(articles: &[GvcArticle]) -> [Vec<&GvcArticle>; 3] {
    PARTS.map(|part| articles.iter().filter(|a| part.is_none_or(|p| a.part == p)).collect())
}

fn parts_of(articles: &[GvcArticle]) -> BTreeMap<String, Part> {
    articles.iter().map(|a| (a.doc_id.clone(), a.part)).collect()
}

/// Scores a method's groupings of each part (doc id → cluster) and judges its hard cases.
fn score(
    articles: &[GvcArticle],
    hard_cases: &[HardCase],
    method: String,
    groupings: [BTreeMap<String, String>; 3],
) -> MethodScores {
    let (subsets, part_of) = (subsets(articles), parts_of(articles));
    let [dev, held_out, all] =
        [0, 1, 2].map(|index| score_grouping(&gold_of(&subsets[index]), &groupings[index]));
    let [hard_dev, hard_held_out, hard_all] =
        [0, 1, 2].map(|index| judge_hard_cases(hard_cases, &part_of, PARTS[index], &groupings[index]));
    MethodScores {
        method,
        dev,
        held_out,
        all,
        hard_cases: PartsOf { dev: hard_dev, held_out: hard_held_out, all: hard_all },
    }
}

fn gold_of(subset: &[&GvcArticle]) -> BTreeMap<String, String> {
    subset.iter().map(|a| (a.doc_id.clone(), a.incident_id.clone())).collect()
}

/// The linkage and threshold with the best dev B-cubed F1: among ties, the first linkage
/// swept (average), then the middle of its tied thresholds.
fn choose_on_dev(sweep: &[SweepPoint]) -> (Linkage, f64) {
    let best = sweep.iter().map(|point| point.bcubed_f1.dev).fold(f64::NEG_INFINITY, f64::max);
    let tied: Vec<&SweepPoint> = sweep.iter().filter(|point| point.bcubed_f1.dev >= best - 1e-12).collect();
    let linkage = tied[0].linkage;
    let thresholds: Vec<f64> =
        tied.iter().filter(|point| point.linkage == linkage).map(|point| point.threshold).collect();
    (linkage, thresholds[(thresholds.len() - 1) / 2])
}

impl fmt::Display for IncidentsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Incident grouping on {}: {} articles, {} incidents",
            self.dir, self.articles.all, self.incidents.all
        )?;
        writeln!(
            f,
            "split {}: dev {} incidents / {} articles, held-out {} / {}; each part grouped on its own",
            self.split_rule,
            self.incidents.dev,
            self.articles.dev,
            self.incidents.held_out,
            self.articles.held_out
        )?;
        for failure in &self.failures {
            writeln!(f, "pipeline failed (article left alone): {failure}")?;
        }
        let methods = [&self.system, &self.tfidf, &self.same_date];
        let width = methods.iter().map(|m| m.method.len()).max().unwrap_or(0).max(6);
        for (label, pick) in [
            ("dev", (|m: &MethodScores| m.dev) as fn(&MethodScores) -> GroupingScores),
            ("held-out", |m| m.held_out),
            ("all", |m| m.all),
        ] {
            writeln!(f)?;
            writeln!(
                f,
                "{label:<width$}  B-cubed P     R     F1    pairwise P     R     F1    clusters/incidents"
            )?;
            for method in methods {
                let s = pick(method);
                writeln!(
                    f,
                    "{:<width$}          {:.3} {:.3} {:.3}             {:.3} {:.3} {:.3}  {}/{}",
                    method.method,
                    s.bcubed.precision,
                    s.bcubed.recall,
                    s.bcubed.f1,
                    s.pairwise.precision,
                    s.pairwise.recall,
                    s.pairwise.f1,
                    s.predicted_clusters,
                    s.gold_incidents
                )?;
            }
        }
        writeln!(f)?;
        writeln!(
            f,
            "Hard cases ({} pairs; a pair counts in a part when both its articles are in it): follow-ups kept with their first report | different incidents of one week kept apart",
            self.hard_cases
        )?;
        for method in methods {
            let h = &method.hard_cases;
            writeln!(
                f,
                "{:<width$}  dev {} | {}   held-out {} | {}   all {} | {}",
                method.method,
                h.dev.follow_ups,
                h.dev.same_week,
                h.held_out.follow_ups,
                h.held_out.same_week,
                h.all.follow_ups,
                h.all.same_week
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "TF-IDF sweep, B-cubed F1 (chosen on dev only: {} at {:.2})",
            self.tfidf_linkage, self.tfidf_threshold
        )?;
        writeln!(f, "threshold   average-link dev  held-out  all     single-link dev  held-out  all")?;
        let single: HashMap<u64, &SweepPoint> = self
            .sweep
            .iter()
            .filter(|p| p.linkage == Linkage::Single)
            .map(|p| ((p.threshold * 100.0).round() as u64, p))
            .collect();
        for average in self.sweep.iter().filter(|p| p.linkage == Linkage::Average) {
            let Some(single) = single.get(&((average.threshold * 100.0).round() as u64)) else { continue };
            writeln!(
                f,
                "{:>9.2}   {:>16.3}  {:>8.3}  {:.3}   {:>15.3}  {:>8.3}  {:.3}",
                average.threshold,
                average.bcubed_f1.dev,
                average.bcubed_f1.held_out,
                average.bcubed_f1.all,
                single.bcubed_f1.dev,
                single.bcubed_f1.held_out,
                single.bcubed_f1.all
            )?;
        }
        Ok(())
    }
}
