//! Incidents of a set of processed articles held in memory, with the same index rule,
//! merge decision and assembly as the incremental store path: what `faultline eval
//! incidents` scores, and a check that the store path builds the same incidents.

use crate::assemble::{best_background_link, incidents_of_component};
use crate::evidence::{ARTICLE_TEXT_STRONG, ARTICLE_TEXT_WEAK, NAMES_STRONG};
use crate::index::{entry, is_candidate, query};
use crate::link::{Articles, link, near_pairs, takes_part};
use crate::near_duplicate::signature;
use crate::update::components;
use faultline_model::{EventLink, Incident, Processed};
use faultline_store::{EventArticle, NearDuplicate, Signature, StoredEvent};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// The incidents of `articles` and their near-duplicate links.
pub fn incidents_in_memory(articles: &[Processed]) -> (Vec<Incident>, Vec<NearDuplicate>) {
    let signatures: Vec<Signature> = articles
        .iter()
        .map(|p| Signature {
            published: p.article.published.clone(),
            ..signature(p.article.title.as_deref(), &p.article.text, &crate::names::common_names(&p.layers))
        })
        .collect();
    let near_duplicates = near_duplicates(articles, &signatures);
    let compared = Articles::new(
        near_pairs(&near_duplicates),
        articles.iter().zip(&signatures).map(|(p, s)| (p.article.id.clone(), s)).collect(),
    );
    let events: Vec<StoredEvent> = articles
        .iter()
        .flat_map(|processed| {
            let article = EventArticle {
                id: processed.article.id.clone(),
                title: processed.article.title.clone(),
                outlet: processed.article.outlet.clone(),
                url: processed.article.url.clone(),
                published: processed.article.published.clone(),
            };
            processed
                .layers
                .events
                .iter()
                .map(move |event| StoredEvent { article: article.clone(), event: event.clone() })
        })
        .filter(takes_part)
        .collect();
    let entries: Vec<_> = events.iter().map(entry).collect();
    // Blocking: events by key and by family, as the store's index finds them.
    let mut by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, indexed) in entries.iter().enumerate() {
        if let Some(indexed) = indexed {
            for key in indexed.keys.iter().chain([&indexed.family]) {
                by_key.entry(key.as_str()).or_default().push(i);
            }
        }
    }
    let mut links: BTreeMap<(String, String), EventLink> = BTreeMap::new();
    let consider = |i: usize, j: usize, links: &mut BTreeMap<(String, String), EventLink>| {
        if let Some(found) = link(&events[i], &events[j], &compared) {
            links.insert((found.a.clone(), found.b.clone()), found);
        }
    };
    for (i, indexed) in entries.iter().enumerate() {
        let Some(indexed) = indexed else { continue };
        let q = query(indexed, &events[i].article.id);
        let mut seen = FxHashSet::default();
        for key in indexed.keys.iter().chain([&indexed.family]) {
            for &j in by_key.get(key.as_str()).into_iter().flatten() {
                if j > i
                    && seen.insert(j)
                    && events[j].article.id != q.exclude_article
                    && entries[j].as_ref().is_some_and(|other| is_candidate(&q, other))
                {
                    consider(i, j, &mut links);
                }
            }
        }
    }
    let by_article: FxHashMap<&str, Vec<usize>> =
        events.iter().enumerate().fold(FxHashMap::default(), |mut map, (i, e)| {
            map.entry(e.article.id.as_str()).or_default().push(i);
            map
        });
    for pair in &near_duplicates {
        for &i in by_article.get(pair.a.as_str()).into_iter().flatten() {
            for &j in by_article.get(pair.b.as_str()).into_iter().flatten() {
                consider(i, j, &mut links);
            }
        }
    }
    let by_id: FxHashMap<&str, &StoredEvent> = events.iter().map(|e| (e.event.id.as_str(), e)).collect();
    let reported: Vec<String> =
        events.iter().filter(|e| !e.event.background).map(|e| e.event.id.clone()).collect();
    let mut attached: FxHashMap<String, Vec<(StoredEvent, EventLink)>> = FxHashMap::default();
    for recalled in events.iter().filter(|e| e.event.background) {
        if let Some(best) = best_background_link(&recalled.event.id, links.values()) {
            let target = if best.a == recalled.event.id { &best.b } else { &best.a };
            attached.entry(target.clone()).or_default().push((recalled.clone(), best.clone()));
        }
    }
    let mut incidents = Vec::new();
    for component in components(&reported, links.values()) {
        let ids: FxHashSet<&str> = component.iter().map(String::as_str).collect();
        let members: Vec<StoredEvent> = component.iter().map(|id| by_id[id.as_str()].clone()).collect();
        let component_links: Vec<EventLink> = links
            .values()
            .filter(|l| l.kind == "same" && ids.contains(l.a.as_str()) && ids.contains(l.b.as_str()))
            .cloned()
            .collect();
        let recalled: Vec<(StoredEvent, EventLink)> =
            component.iter().flat_map(|id| attached.get(id).cloned().unwrap_or_default()).collect();
        incidents.extend(incidents_of_component(&members, &component_links, &recalled, &near_duplicates));
    }
    incidents.sort_by(|x, y| x.id.cmp(&y.id));
    (incidents, near_duplicates)
}

/// Each article's incident, for scoring how articles group.
///
/// - Primary incident: among the incidents holding the article's events, the one shared
///   with the article most similar to it by text ([`crate::text`], cosine at least
///   [`ARTICLE_TEXT_WEAK`]); else the one holding most of its events, then the one with
///   more articles, then the smaller id.
/// - An article with no incident (no event said to have happened, or none linked) takes
///   that of a near-duplicate copy, else that of the article most similar to it by text
///   at a cosine of at least [`ARTICLE_TEXT_STRONG`], else that of the article whose names
///   it shares most at a Jaccard similarity of at least [`NAMES_STRONG`], else it is
///   grouped with the article most similar to it by text at [`ARTICLE_TEXT_STRONG`] even
///   when that one has no incident either (two reports of one happening whose events
///   made none).
/// - An article whose primary incident holds no other article (a follow-up whose dated
///   events contradict the first report, or two reports whose events the index never
///   compared) is joined with the article most similar to it by text at a cosine of at
///   least [`ARTICLE_TEXT_STRONG`].
///
/// Joined articles form groups (union–find), each named by its smallest incident id, or
/// `article:<id>` for an article alone. Ties in similarity go to the smaller article id,
/// so the grouping does not depend on the order of `articles`.
pub fn group_articles(articles: &[Processed]) -> Vec<(String, String)> {
    let (incidents, near_duplicates) = incidents_in_memory(articles);
    let signatures: Vec<Signature> = articles
        .iter()
        .map(|p| {
            signature(p.article.title.as_deref(), &p.article.text, &crate::names::common_names(&p.layers))
        })
        .collect();
    let index_of: FxHashMap<&str, usize> =
        articles.iter().enumerate().map(|(i, p)| (p.article.id.as_str(), i)).collect();
    // The other article most similar to each by text, at or above `floor`.
    let most_similar = |i: usize, floor: f64, allowed: &dyn Fn(usize) -> bool| -> Option<usize> {
        (0..articles.len())
            .filter(|&j| j != i && allowed(j))
            .map(|j| (crate::text::cosine(&signatures[i].terms, &signatures[j].terms), j))
            .filter(|(cosine, _)| *cosine >= floor)
            .max_by(|(x, a), (y, b)| {
                x.total_cmp(y).then_with(|| articles[*b].article.id.cmp(&articles[*a].article.id))
            })
            .map(|(_, j)| j)
    };
    let mut votes: FxHashMap<&str, Vec<&Incident>> = FxHashMap::default();
    for incident in &incidents {
        for absorbed in &incident.absorbed {
            votes.entry(absorbed.article.as_str()).or_default().push(incident);
        }
    }
    let primary: Vec<Option<&Incident>> = (0..articles.len())
        .map(|i| {
            let candidates = votes.get(articles[i].article.id.as_str())?;
            let holds = |incident: &Incident, j: usize| incident.articles.contains(&articles[j].article.id);
            let closest = most_similar(i, ARTICLE_TEXT_WEAK, &|j| candidates.iter().any(|c| holds(c, j)));
            let count = |incident: &Incident| candidates.iter().filter(|c| c.id == incident.id).count();
            candidates
                .iter()
                .max_by(|x, y| {
                    let shared = |incident: &Incident| closest.is_some_and(|j| holds(incident, j));
                    shared(x)
                        .cmp(&shared(y))
                        .then_with(|| count(x).cmp(&count(y)))
                        .then_with(|| x.articles.len().cmp(&y.articles.len()))
                        .then_with(|| y.id.cmp(&x.id))
                })
                .copied()
        })
        .collect();
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let join = |parent: &mut Vec<usize>, i: usize, j: usize| {
        let (ri, rj) = (find(parent, i), find(parent, j));
        parent[ri.max(rj)] = ri.min(rj);
    };
    let mut first_of_incident: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, incident) in primary.iter().enumerate() {
        if let Some(incident) = incident {
            let first = *first_of_incident.entry(incident.id.as_str()).or_insert(i);
            join(&mut parent, first, i);
        }
    }
    let has_incident = |j: usize| primary[j].is_some();
    for i in 0..articles.len() {
        let id = articles[i].article.id.as_str();
        let partner = match primary[i] {
            Some(incident) => {
                let alone = incident.articles.iter().all(|a| a == id);
                if !alone {
                    continue;
                }
                most_similar(i, ARTICLE_TEXT_STRONG, &|_| true)
            }
            None => {
                let mut copies: Vec<&str> = near_duplicates
                    .iter()
                    .filter_map(|n| {
                        if n.a == id {
                            Some(n.b.as_str())
                        } else if n.b == id {
                            Some(n.a.as_str())
                        } else {
                            None
                        }
                    })
                    .collect();
                copies.sort();
                copies
                    .into_iter()
                    .filter_map(|copy| index_of.get(copy).copied())
                    .find(|&j| has_incident(j))
                    .or_else(|| most_similar(i, ARTICLE_TEXT_STRONG, &has_incident))
                    .or_else(|| {
                        (0..articles.len())
                            .filter(|&j| j != i && has_incident(j))
                            .map(|j| {
                                (crate::names::similarity(&signatures[i].names, &signatures[j].names), j)
                            })
                            .filter(|(similar, _)| *similar >= NAMES_STRONG)
                            .max_by(|(x, a), (y, b)| {
                                x.total_cmp(y)
                                    .then_with(|| articles[*b].article.id.cmp(&articles[*a].article.id))
                            })
                            .map(|(_, j)| j)
                    })
                    .or_else(|| most_similar(i, ARTICLE_TEXT_STRONG, &|_| true))
            }
        };
        if let Some(j) = partner {
            join(&mut parent, i, j);
        }
    }
    let mut name_of_group: FxHashMap<usize, String> = FxHashMap::default();
    for i in 0..articles.len() {
        let root = find(&mut parent, i);
        let name = primary[i]
            .map(|incident| incident.id.clone())
            .unwrap_or_else(|| format!("article:{}", articles[i].article.id));
        let slot = name_of_group.entry(root).or_insert_with(|| name.clone());
        let incident_name = |n: &str| !n.starts_with("article:");
        if (incident_name(&name), std::cmp::Reverse(&name)) > (incident_name(slot), std::cmp::Reverse(&*slot))
        {
            *slot = name;
        }
    }
    (0..articles.len())
        .map(|i| (articles[i].article.id.clone(), name_of_group[&find(&mut parent, i)].clone()))
        .collect()
}

/// Near-duplicate pairs among `articles`, through LSH bands.
fn near_duplicates(articles: &[Processed], signatures: &[Signature]) -> Vec<NearDuplicate> {
    let mut by_band: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, signature) in signatures.iter().enumerate() {
        for band in &signature.bands {
            by_band.entry(*band).or_default().push(i);
        }
    }
    let mut pairs = FxHashSet::default();
    for members in by_band.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    let mut found: Vec<NearDuplicate> = pairs
        .into_iter()
        .filter_map(|(i, j)| {
            let (a, b) = (&articles[i].article.id, &articles[j].article.id);
            let similar = crate::near_duplicate::near_duplicates(&signatures[i], &signatures[j])?;
            (a != b).then(|| NearDuplicate { a: a.min(b).clone(), b: a.max(b).clone(), similarity: similar })
        })
        .collect();
    found.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    found.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_model::Article;
    use faultline_store::conformance::{article, event, processed};

    #[test]
    fn reports_group_into_incidents_and_recollections_attach() {
        let mut first =
            article("Kharkiv shelled", "Russian forces shelled Kharkiv on Monday, killing three.");
        first.outlet = Some("Wire A".into());
        let mut second = article("Kharkiv attack", "Three people died when Russian artillery hit Kharkiv.");
        second.outlet = Some("Wire B".into());
        let mut later =
            article("A year on", "A year after Russian forces shelled Kharkiv, the city rebuilds.");
        later.published = Some("2025-02-20".into());
        let mut recalled = event(&format!("{}-e1", later.id), "ASSAULT", Some("2024-02"));
        recalled.background = true;
        let mut alone = event(&format!("{}-e2", later.id), "ASSAULT", Some("2023-05"));
        alone.background = true;
        let articles = [
            processed(first.clone(), vec![event(&format!("{}-e1", first.id), "ASSAULT", Some("2024-02-12"))]),
            processed(
                second.clone(),
                vec![event(&format!("{}-e1", second.id), "ASSAULT", Some("2024-02-12"))],
            ),
            processed(later.clone(), vec![recalled, alone]),
        ];
        let (incidents, _) = incidents_in_memory(&articles);
        assert_eq!(incidents.len(), 1, "{incidents:#?}");
        let incident = &incidents[0];
        assert_eq!(incident.articles.len(), 3);
        assert_eq!(incident.outlets, ["Wire", "Wire A", "Wire B"]);
        assert_eq!(incident.first_reported.as_deref(), Some("2024-02-13"));
        assert_eq!(incident.last_reported.as_deref(), Some("2025-02-20"));
        assert_eq!(incident.events.len(), 3, "the 2023 recollection makes no incident of its own");
        let grouping = group_articles(&articles);
        assert!(grouping.iter().all(|(_, id)| id == &incident.id), "{grouping:?}");
        let mut reversed = articles.to_vec();
        reversed.reverse();
        assert_eq!(incidents_in_memory(&reversed).0, incidents, "order does not matter");
    }

    #[test]
    fn articles_without_a_linked_event_join_the_most_similar_report() {
        let shooting = "Marcus Delacroix, 19, was shot outside the Tamarind Lounge on Wexley Avenue \
            in Dayton early Sunday. Detectives said Delacroix was taken to Miami Valley Hospital.";
        let first = article("Man shot outside Tamarind Lounge", shooting);
        let mut vigil = article(
            "Vigil for Marcus Delacroix",
            "Friends of Marcus Delacroix gathered on Wexley Avenue near the Tamarind Lounge, where \
             the 19-year-old was shot. Detectives have made no arrest.",
        );
        vigil.published = Some("2024-02-20".into());
        let council = article(
            "Council votes on budget",
            "The Dayton city council approved the library budget and new bus routes on Tuesday.",
        );
        let articles = [
            processed(first.clone(), vec![event(&format!("{}-e1", first.id), "ASSAULT", Some("2024-02-11"))]),
            processed(vigil.clone(), Vec::new()),
            processed(council.clone(), Vec::new()),
        ];
        let similar = |a: &Article, b: &Article| {
            crate::text::cosine(
                &crate::text::terms(a.title.as_deref(), &a.text),
                &crate::text::terms(b.title.as_deref(), &b.text),
            )
        };
        assert!(similar(&first, &vigil) >= ARTICLE_TEXT_STRONG, "{}", similar(&first, &vigil));
        assert!(similar(&first, &council) < ARTICLE_TEXT_WEAK, "{}", similar(&first, &council));
        let grouping: FxHashMap<String, String> = group_articles(&articles).into_iter().collect();
        assert_eq!(grouping[&vigil.id], grouping[&first.id], "{grouping:?}");
        assert_eq!(grouping[&council.id], format!("article:{}", council.id));
        let mut reversed = articles.to_vec();
        reversed.reverse();
        let again: FxHashMap<String, String> = group_articles(&reversed).into_iter().collect();
        assert_eq!(again, grouping, "order does not matter");
    }
}
