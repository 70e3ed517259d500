//! Geoparsing scored as the geoparsing literature scores it (Gritta et al., "What's
//! missing in geographical parsing?" and "Which Melbourne?"): toponym recognition as
//! precision / recall / F1, and toponym resolution as accuracy within 161 km (100
//! miles), mean and median error and the AUC of log errors.
//!
//! The gold data are the corpora of `geoparsing-gritta/Corpora/` (see its `SOURCE.md`):
//!
//! - `lgl.xml` (LGL, Lieberman et al. 2010): `<article>` elements with a `<text>` and
//!   `<toponyms>`, each `<toponym>` with `<start>`, `<end>`, `<phrase>` and, when
//!   resolved, a `<gaztag>` holding `<lat>` and `<lon>`;
//! - `GeoVirus.xml` (Gritta et al. 2018): `<article>` elements with a `<text>` and
//!   `<locations>`, each `<location>` with `<name>`, `<start>`, `<end>`, `<lat>`, `<lon>`.
//!
//! Offsets in both are character offsets into the text; we convert them to byte offsets
//! and check that the gold phrase is where they say. GeoVirus's offsets are one
//! character past the phrase throughout, so a span that misses its phrase by one or two
//! characters is realigned to it; golds still misaligned after that are counted in the
//! report and scored as given. Each article goes through [`faultline_places::find_places`]
//! with the real gazetteer ([`Gazetteer::load_default`]).
//!
//! Every measure is given for the dev and held-out articles and for all: an article is
//! dev or held-out by a hash of its text (the split of [`crate::events`]). The mistakes
//! (`faultline eval geo --show-errors`: gold toponyms missed, predictions matching no
//! gold, toponyms placed more than 161 km off) are listed for dev articles only, so the
//! held-out figures stay an honest estimate of text the resolver was not tuned on.
//!
//! # The measures
//!
//! - Exact P / R / F1: a prediction matches a gold toponym with the same span.
//! - Overlap P / R / F1: a prediction matches a gold toponym it overlaps, one-to-one,
//!   greedy in text order.
//! - Resolution, over the overlap matches whose gold has coordinates: accuracy@161km is
//!   the share whose predicted point lies within 161 km of the gold point (a prediction
//!   without coordinates counts as wrong); mean and median error in km over those with
//!   coordinates; AUC is the mean of ln(1 + error km) / ln(20039), the normalised area
//!   under the sorted log-error curve (0 is perfect, 1 is antipodal; lower is better).
//!
//! `SOURCE.md` names the published baselines (CamCoder, Edinburgh, Yahoo, …) without
//! quoting their figures, so the report prints none beside ours rather than numbers
//! from memory.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::events::Split;
use faultline_places::{Gazetteer, PlacesError, find_places};
use serde::Serialize;

/// The corpora scored, by file name.
const CORPORA: &[(&str, &str)] = &[("LGL", "lgl.xml"), ("GeoVirus", "GeoVirus.xml")];
/// Half the Earth's circumference: the largest possible error, in km.
const MAX_ERROR_KM: f64 = 20_039.0;

/// Why the corpora could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum GeoEvalError {
    #[error("cannot read {path}: {source} (point at geoparsing-gritta or its Corpora folder)")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("no lgl.xml or GeoVirus.xml in {path}: point at geoparsing-gritta/Corpora")]
    Empty { path: PathBuf },
    #[error(transparent)]
    Gazetteer(#[from] PlacesError),
}

pub use crate::measures::Prf;

/// Scores on one part (dev, held-out or all) of one corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorpusScore {
    pub corpus: String,
    /// `dev`, `held-out` or `all`.
    pub split: String,
    pub articles: usize,
    pub gold: usize,
    pub predicted: usize,
    /// Gold toponyms whose offsets do not cover their phrase.
    pub misaligned_gold: usize,
    pub exact: Prf,
    pub overlap: Prf,
    /// Overlap matches whose gold has coordinates.
    pub resolvable: usize,
    /// Percent of `resolvable` within 161 km.
    pub accuracy_161km: f64,
    pub mean_error_km: f64,
    pub median_error_km: f64,
    pub auc: f64,
    /// Seconds spent in `find_places`.
    pub seconds: f64,
}

/// What went wrong with one toponym of a dev article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MissKind {
    /// A gold toponym no prediction overlaps.
    Missed,
    /// A prediction that overlaps no gold toponym.
    Spurious,
    /// A matched toponym placed more than 161 km from its gold point (or not placed).
    Far,
}

/// One mistake on a dev article, for `--show-errors`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeoMiss {
    pub corpus: String,
    pub kind: MissKind,
    /// The gold phrase, or the predicted text for a spurious prediction.
    pub phrase: String,
    /// The text around the toponym, on one line.
    pub context: String,
    pub gold_point: Option<(f64, f64)>,
    /// The chosen record's name and id.
    pub predicted: Option<String>,
    pub predicted_point: Option<(f64, f64)>,
    pub error_km: Option<f64>,
}

/// The report of `faultline eval geo`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeoReport {
    pub dir: String,
    pub gazetteer_load_seconds: f64,
    /// Per corpus: dev, held-out and all.
    pub corpora: Vec<CorpusScore>,
    /// Mistakes on dev articles only; held-out articles are never shown.
    pub dev_misses: Vec<GeoMiss>,
}

impl GeoReport {
    /// Drops the dev mistakes (printed only with `--show-errors`).
    pub fn drop_dev_misses(&mut self) {
        self.dev_misses.clear();
    }
}

/// One gold toponym, with byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldToponym {
    pub start: usize,
    pub end: usize,
    pub phrase: String,
    pub coordinates: Option<(f64, f64)>,
}

/// One article and its gold toponyms.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldArticle {
    pub text: String,
    pub toponyms: Vec<GoldToponym>,
}

/// Scores `find_places` on the LGL and GeoVirus corpora found in `dir` (the
/// `geoparsing-gritta` folder or its `Corpora` folder).
pub fn evaluate(dir: &Path) -> Result<GeoReport, GeoEvalError> {
    let corpora_dir = if dir.join("Corpora").is_dir() { dir.join("Corpora") } else { dir.to_path_buf() };
    let present: Vec<(&str, PathBuf)> = CORPORA
        .iter()
        .map(|(name, file)| (*name, corpora_dir.join(file)))
        .filter(|(_, path)| path.is_file())
        .collect();
    if present.is_empty() {
        return Err(GeoEvalError::Empty { path: corpora_dir });
    }
    let started = Instant::now();
    let gazetteer = Gazetteer::load_default()?;
    let gazetteer_load_seconds = started.elapsed().as_secs_f64();
    let (mut corpora, mut dev_misses) = (Vec::new(), Vec::new());
    for (name, path) in present {
        let xml = std::fs::read_to_string(&path)
            .map_err(|source| GeoEvalError::Io { path: path.clone(), source })?;
        let scores = score_corpus(name, &parse_corpus(&xml), &gazetteer);
        corpora.extend([scores.dev, scores.held_out, scores.all]);
        dev_misses.extend(scores.dev_misses);
    }
    Ok(GeoReport { dir: corpora_dir.display().to_string(), gazetteer_load_seconds, corpora, dev_misses })
}

/// One corpus scored on its dev and held-out articles and on all, with the dev mistakes.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusScores {
    pub dev: CorpusScore,
    pub held_out: CorpusScore,
    pub all: CorpusScore,
    pub dev_misses: Vec<GeoMiss>,
}

/// Counts for one part of a corpus, turned into a [`CorpusScore`] by [`Tally::score`].
#[derive(Debug, Default)]
struct Tally {
    articles: usize,
    gold: usize,
    predicted: usize,
    misaligned: usize,
    exact: usize,
    overlap: usize,
    resolvable: usize,
    within: usize,
    errors: Vec<f64>,
    seconds: f64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.articles += other.articles;
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.misaligned += other.misaligned;
        self.exact += other.exact;
        self.overlap += other.overlap;
        self.resolvable += other.resolvable;
        self.within += other.within;
        self.errors.extend(&other.errors);
        self.seconds += other.seconds;
    }

    fn score(mut self, corpus: &str, split: &str) -> CorpusScore {
        self.errors.sort_by(f64::total_cmp);
        let errors = &self.errors;
        let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
        let median = errors.get(errors.len() / 2).copied().unwrap_or(0.0);
        // Predictions without coordinates count as the largest error in the AUC.
        let mut scaled: Vec<f64> =
            errors.iter().map(|e| (1.0 + e).ln() / (1.0 + MAX_ERROR_KM).ln()).collect();
        scaled.resize(self.resolvable.max(scaled.len()), 1.0);
        CorpusScore {
            corpus: corpus.to_string(),
            split: split.to_string(),
            articles: self.articles,
            gold: self.gold,
            predicted: self.predicted,
            misaligned_gold: self.misaligned,
            exact: Prf::percent(self.exact, self.predicted, self.gold),
            overlap: Prf::percent(self.overlap, self.predicted, self.gold),
            resolvable: self.resolvable,
            accuracy_161km: if self.resolvable == 0 {
                0.0
            } else {
                100.0 * self.within as f64 / self.resolvable as f64
            },
            mean_error_km: mean(errors),
            median_error_km: median,
            auc: mean(&scaled),
            seconds: self.seconds,
        }
    }
}

/// Scores `find_places` on parsed articles. Each article is dev or held-out by a hash
/// of its text (the split of `faultline eval events`); mistakes are kept for dev
/// articles only.
pub fn score_corpus(name: &str, articles: &[GoldArticle], gazetteer: &Gazetteer) -> CorpusScores {
    let (mut dev, mut held_out) = (Tally::default(), Tally::default());
    let mut dev_misses = Vec::new();
    for article in articles {
        let is_dev = Split::of(&article.text) == Split::Dev;
        let tally = if is_dev { &mut dev } else { &mut held_out };
        let started = Instant::now();
        let places = find_places(&article.text, gazetteer);
        tally.seconds += started.elapsed().as_secs_f64();
        tally.articles += 1;
        tally.gold += article.toponyms.len();
        tally.predicted += places.len();
        tally.misaligned += article
            .toponyms
            .iter()
            .filter(|t| article.text.get(t.start..t.end) != Some(t.phrase.as_str()))
            .count();
        tally.exact += article
            .toponyms
            .iter()
            .filter(|t| places.iter().any(|p| p.start == t.start && p.end == t.end))
            .count();
        let miss = |kind, phrase: &str, start: usize, end: usize| GeoMiss {
            corpus: name.to_string(),
            kind,
            phrase: phrase.to_string(),
            context: context(&article.text, start, end),
            gold_point: None,
            predicted: None,
            predicted_point: None,
            error_km: None,
        };
        let mut used = vec![false; places.len()];
        for t in &article.toponyms {
            let Some(i) =
                (0..places.len()).find(|&i| !used[i] && places[i].start < t.end && t.start < places[i].end)
            else {
                if is_dev {
                    dev_misses.push(GeoMiss {
                        gold_point: t.coordinates,
                        ..miss(MissKind::Missed, &t.phrase, t.start, t.end)
                    });
                }
                continue;
            };
            used[i] = true;
            tally.overlap += 1;
            let Some((glat, glon)) = t.coordinates else { continue };
            tally.resolvable += 1;
            let place = &places[i];
            let point = place.lat.zip(place.lon);
            let km = point.map(|(lat, lon)| haversine_km(glat, glon, lat, lon));
            if let Some(km) = km {
                tally.within += usize::from(km <= 161.0);
                tally.errors.push(km);
            }
            if is_dev && km.is_none_or(|km| km > 161.0) {
                dev_misses.push(GeoMiss {
                    gold_point: t.coordinates,
                    predicted: Some(format!("{} ({})", place.name, place.id)),
                    predicted_point: point,
                    error_km: km,
                    ..miss(MissKind::Far, &t.phrase, t.start, t.end)
                });
            }
        }
        if is_dev {
            for (place, _) in places.iter().zip(&used).filter(|(_, used)| !**used) {
                dev_misses.push(GeoMiss {
                    predicted: Some(format!("{} ({})", place.name, place.id)),
                    predicted_point: place.lat.zip(place.lon),
                    ..miss(MissKind::Spurious, &place.text, place.start, place.end)
                });
            }
        }
    }
    let mut all = Tally::default();
    all.add(&dev);
    all.add(&held_out);
    CorpusScores {
        dev: dev.score(name, "dev"),
        held_out: held_out.score(name, "held-out"),
        all: all.score(name, "all"),
        dev_misses,
    }
}

/// Up to 60 bytes either side of `start..end`, on one line, the toponym in brackets.
fn context(text: &str, start: usize, end: usize) -> String {
    let floor = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let before = &text[floor(start.saturating_sub(60))..start];
    let after = &text[end..floor((end + 60).min(text.len()))];
    format!("{before}[{}]{after}", &text[start..end]).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Parses an LGL- or GeoVirus-style corpus. Articles without a `<text>` are skipped.
pub fn parse_corpus(xml: &str) -> Vec<GoldArticle> {
    elements(xml, "article")
        .into_iter()
        .filter_map(|article| {
            let text = decode(elements(article, "text").first()?);
            let mut toponyms: Vec<GoldToponym> = elements(article, "toponym")
                .into_iter()
                .chain(elements(article, "location"))
                .filter_map(|t| gold_toponym(t, &text))
                .collect();
            toponyms.sort_by_key(|t| (t.start, t.end));
            Some(GoldArticle { text, toponyms })
        })
        .collect()
}

/// The `(source, text)` of every article of an LGL- or GeoVirus-style corpus with a text
/// (GeoVirus ends with nine empty `<article>`s); the source may be empty.
pub(crate) fn parse_sources(xml: &str) -> Vec<(String, String)> {
    elements(xml, "article")
        .into_iter()
        .filter_map(|article| {
            let text = decode(elements(article, "text").first()?);
            let source = elements(article, "source").first().map(|s| decode(s).trim().to_string());
            (!text.trim().is_empty()).then(|| (source.unwrap_or_default(), text))
        })
        .collect()
}

fn gold_toponym(element: &str, text: &str) -> Option<GoldToponym> {
    let field = |tag: &str| elements(element, tag).first().map(|s| decode(s));
    let start: usize = field("start")?.trim().parse().ok()?;
    let end: usize = field("end")?.trim().parse().ok()?;
    let phrase = field("phrase").or_else(|| field("name")).unwrap_or_default();
    let number = |tag: &str| field(tag).and_then(|s| s.trim().parse::<f64>().ok());
    let coordinates = number("lat").zip(number("lon"));
    // Realign a span that misses its phrase by a character or two (GeoVirus's offsets
    // are one past the phrase throughout); otherwise keep the offsets as given.
    let shifted = [0isize, -1, 1, -2, 2].into_iter().find_map(|d| {
        let (s, e) = (start.checked_add_signed(d)?, end.checked_add_signed(d)?);
        let (s, e) = (char_to_byte(text, s)?, char_to_byte(text, e)?);
        (text.get(s..e) == Some(phrase.as_str())).then_some((s, e))
    });
    let (start, end) = match shifted {
        Some(span) => span,
        None => (char_to_byte(text, start)?, char_to_byte(text, end)?),
    };
    (start < end).then_some(GoldToponym { start, end, phrase, coordinates })
}

fn char_to_byte(text: &str, chars: usize) -> Option<usize> {
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).nth(chars)
}

/// The contents of every `<tag ...>…</tag>` in `xml`, outermost first, not nested.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        // `<text>` must not match `<textual>`.
        if !after.starts_with(['>', ' ', '\t', '\n', '\r']) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let Some(end) = find_close(body, &close) else { break };
        out.push(&body[..end]);
        rest = &body[end + close.len()..];
    }
    out
}

/// The closing tag's position, skipping CDATA sections.
fn find_close(body: &str, close: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let close_at = from + body[from..].find(close)?;
        match body[from..close_at].find("<![CDATA[") {
            Some(cdata) => from += cdata + body[from + cdata..].find("]]>")? + 3,
            None => return Some(close_at),
        }
    }
}

/// Element text: CDATA kept verbatim, entities decoded elsewhere.
fn decode(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(at) = rest.find("<![CDATA[") {
        out.push_str(&entities(&rest[..at]));
        let inner = &rest[at + 9..];
        let end = inner.find("]]>").unwrap_or(inner.len());
        out.push_str(&inner[..end]);
        rest = inner.get(end + 3..).unwrap_or("");
    }
    out.push_str(&entities(rest));
    out
}

fn entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let semi = tail.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| match &tail[1..i] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, semi) {
            (Some(c), Some(i)) => {
                out.push(c);
                rest = &tail[i + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

impl fmt::Display for GeoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Geoparsing scores on {}", self.dir)?;
        writeln!(f, "gazetteer loaded in {:.3} s", self.gazetteer_load_seconds)?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<9} {:<8} {:>5} {:>6} {:>6} {:>19} {:>19} {:>7} {:>8} {:>9} {:>9} {:>6}",
            "corpus",
            "split",
            "docs",
            "gold",
            "pred",
            "exact P / R / F1",
            "overlap P / R / F1",
            "resolv",
            "acc@161",
            "mean km",
            "median km",
            "AUC"
        )?;
        for c in &self.corpora {
            let prf = |p: &Prf| format!("{:5.1} {:5.1} {:5.1}", p.precision, p.recall, p.f1);
            writeln!(
                f,
                "{:<9} {:<8} {:>5} {:>6} {:>6} {:>19} {:>19} {:>7} {:>7.1}% {:>9.0} {:>9.0} {:>6.3}",
                c.corpus,
                c.split,
                c.articles,
                c.gold,
                c.predicted,
                prf(&c.exact),
                prf(&c.overlap),
                c.resolvable,
                c.accuracy_161km,
                c.mean_error_km,
                c.median_error_km,
                c.auc
            )?;
        }
        writeln!(f)?;
        for c in self.corpora.iter().filter(|c| c.misaligned_gold > 0 && c.split == "all") {
            writeln!(f, "{}: {} gold offsets do not cover their phrase", c.corpus, c.misaligned_gold)?;
        }
        writeln!(
            f,
            "Resolution over overlap matches with gold coordinates; AUC = mean ln(1+km)/ln(20039), lower is better.\n\
             Published baselines (CamCoder, Edinburgh, Yahoo, ...) are named in SOURCE.md without figures; none quoted."
        )?;
        if !self.dev_misses.is_empty() {
            writeln!(f)?;
            writeln!(f, "Dev mistakes ({}; held-out articles are never shown):", self.dev_misses.len())?;
            let point =
                |p: Option<(f64, f64)>| p.map_or("-".to_string(), |(lat, lon)| format!("{lat:.2},{lon:.2}"));
            for m in &self.dev_misses {
                let km = m.error_km.map_or("-".to_string(), |km| format!("{km:.0} km"));
                writeln!(
                    f,
                    "{} {:?} {:?}: gold {} predicted {} at {} ({km})\n    {}",
                    m.corpus,
                    m.kind,
                    m.phrase,
                    point(m.gold_point),
                    m.predicted.as_deref().unwrap_or("-"),
                    point(m.predicted_point),
                    m.context
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LGL: &str = r#"<articles><article docid="1"><title>t</title>
<text><![CDATA[Fire in Baku & Syunik Province. Then Yerevan.]]></text>
<toponyms count="2">
<toponym><start>8</start><end>12</end><phrase>Baku</phrase>
<gaztag geonameid="587084"><name>Baku</name><lat>40.38</lat><lon>49.89</lon></gaztag></toponym>
<toponym><start>15</start><end>30</end><phrase>Syunik Province</phrase></toponym>
</toponyms></article></articles>"#;

    const GEOVIRUS: &str = r#"<articles><article><source>x</source>
<text>Épée &amp; Şuşa in Baku.</text><locations><location><name>Baku</name><start>16</start>
<end>20</end><lat>40.4</lat><lon>49.9</lon></location></locations></article></articles>"#;

    fn fixture() -> Gazetteer {
        let tsv = "C\tcountry:AZE\tAzerbaijan\tAZE\t\t40.4\t47.7\t10000000\t\n\
                   A\tadmin1:AM-SU\tSyunik\tARM\tSyunik\t39.4\t46.3\t93000\t\n\
                   P\tgeonames:587084\tBaku\tAZE\tBaki\t40.38\t49.89\t2000000\t\n";
        Gazetteer::from_reader(tsv.as_bytes()).expect("fixture")
    }

    #[test]
    fn parses_lgl_with_cdata_and_missing_coordinates() {
        let articles = parse_corpus(LGL);
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        assert!(a.text.starts_with("Fire in Baku & Syunik"));
        assert_eq!(a.toponyms.len(), 2);
        assert_eq!(&a.text[a.toponyms[0].start..a.toponyms[0].end], "Baku");
        assert_eq!(a.toponyms[0].coordinates, Some((40.38, 49.89)));
        assert_eq!(a.toponyms[1].coordinates, None);
    }

    #[test]
    fn converts_character_offsets_to_bytes() {
        let articles = parse_corpus(GEOVIRUS);
        let t = &articles[0].toponyms[0];
        assert_eq!(&articles[0].text[t.start..t.end], "Baku");
    }

    #[test]
    fn scores_recognition_and_resolution() {
        let score = score_corpus("LGL", &parse_corpus(LGL), &fixture()).all;
        assert_eq!((score.gold, score.predicted), (2, 2));
        assert_eq!(score.exact.f1, 100.0);
        assert_eq!(score.resolvable, 1);
        assert_eq!(score.accuracy_161km, 100.0);
        assert!(score.mean_error_km < 1.0);
    }

    #[test]
    fn haversine_is_about_right() {
        // Baku to Yerevan is about 460 km.
        let km = haversine_km(40.38, 49.89, 40.18, 44.51);
        assert!((440.0..480.0).contains(&km), "{km}");
    }

    #[test]
    fn scores_the_real_corpora_when_present() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/geoparsing-gritta");
        if !dir.is_dir() {
            eprintln!("skipping: no {}", dir.display());
            return;
        }
        match evaluate(&dir) {
            Ok(report) => {
                eprintln!("{report}");
                assert!(report.corpora.iter().all(|c| c.gold > 0));
            }
            Err(GeoEvalError::Gazetteer(e)) => eprintln!("skipping: {e}"),
            Err(e) => panic!("{e}"),
        }
    }
}
