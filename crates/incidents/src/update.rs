//! Incremental linking over a [`Store`]: each article not yet linked is matched against
//! candidates from the store's incident index (time window × actor, country or type
//! family keys) and its near-duplicates, never against all incidents; then only the
//! incidents its new links touch are rebuilt.
//!
//! What is rebuilt is bounded: the incidents of the new events and of the ends of the new
//! links, and the incidents one `same` link away from those, whole; their events are split
//! again by [`incidents_of_component`]. Not the whole connected component of the link graph:
//! on a stream of years of news, links chain report to report into one component of
//! thousands of events (1,811 events at 32k stored benchmark articles), and rebuilding it
//! for every article that touches it made linking time grow with the store. The split of
//! the bounded scope equals the split of the whole component unless a merge refused for a
//! contradiction is two incidents or more away from the new article; the in-memory
//! grouping ([`crate::incidents_in_memory`]) splits whole components, and a test checks
//! that both give the same incidents in five orders of the samples and the GVC articles.
//!
//! Pending articles are linked a page at a time ([`PENDING_PAGE`]): the page's events are
//! compared with their candidates in the store and with each other by the same rule, the
//! scope above is rebuilt once for the whole page, and everything is written in one store
//! transaction ([`Store::apply_incident_update`]): signatures, index rows, links, the
//! incidents replaced and the new ones, and the marks that the articles are linked, all or
//! nothing. A page whose update did not complete stays pending and is linked by the next
//! run. Linking one article at a time or a page at a time gives the same incidents (the
//! store-versus-memory test runs both).

use crate::assemble::{best_background_link, incidents_of_component};
use crate::index::{entry, is_candidate, query};
use crate::link::{Articles, link, near_pairs, takes_part};
use crate::near_duplicate::{near_duplicates, signature};
use faultline_model::{EventLink, Incident, MergeEvidence};
use faultline_store::{
    IncidentUpdate, IndexedEvent, NearDuplicate, Signature, Store, StoreError, StoredEvent,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeSet;

/// How many pending articles are read from the store at a time.
const PENDING_PAGE: usize = 64;

/// How many of an article's events take part in linking (its first): a news article tells
/// a few dozen; a text with thousands (a 10 MB dump) would have every page compare and
/// store links in the square of that number (16 such files took over 20 GB).
const MAX_LINKED_EVENTS: usize = 200;

/// How many candidates one event is compared with (its article's copies first, then the
/// page's, then the store's), for the same reason.
const MAX_CANDIDATES: usize = 256;

/// How many decoded article signatures a linking run keeps (about 4 KB each): the articles
/// compared with are mostly the recently linked ones, so most look-ups hit.
const SIGNATURE_CACHE: usize = 4096;

/// Decoded signatures of stored articles, kept over a linking run (a stored signature never
/// changes). Emptied when full: simpler than LRU and as good for a stream in time order.
#[derive(Default)]
struct SignatureCache {
    decoded: FxHashMap<String, Signature>,
}

impl SignatureCache {
    /// The signatures of `ids` that are stored, reading only the ones not yet cached.
    fn fill(&mut self, store: &dyn Store, ids: &[String]) -> Result<(), StoreError> {
        let mut missing: Vec<String> =
            ids.iter().filter(|id| !self.decoded.contains_key(*id)).cloned().collect();
        if missing.is_empty() {
            return Ok(());
        }
        if self.decoded.len() + missing.len() > SIGNATURE_CACHE {
            self.decoded.clear();
            missing = ids.to_vec();
        }
        self.decoded.extend(store.article_signatures(&missing)?);
        Ok(())
    }
}

/// What a linking run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Linked {
    pub articles: usize,
    pub links: usize,
    pub near_duplicates: usize,
    pub incidents_written: usize,
    /// Event pairs the merge decision was asked about: the linking work done.
    pub compared: usize,
    /// Events whose incidents were rebuilt (the scope of the rebuilds, summed).
    pub regrouped: usize,
}

/// Links every pending article of `store` into incidents, oldest first, a page at a time,
/// while no other process links into the same store.
pub fn link_pending(store: &dyn Store) -> Result<Linked, StoreError> {
    let one_linker = store.lock_linking()?;
    link_under(store, one_linker)
}

/// [`link_pending`] unless another process is linking into `store` now (`None`): that
/// process links what is pending before it stops, or the next run does. For workers that
/// would rather go on annotating than wait.
pub fn link_pending_unless_busy(store: &dyn Store) -> Result<Option<Linked>, StoreError> {
    match store.try_lock_linking()? {
        Some(one_linker) => link_under(store, one_linker).map(Some),
        None => Ok(None),
    }
}

fn link_under(
    store: &dyn Store,
    _one_linker: faultline_store::LinkingLock<'_>,
) -> Result<Linked, StoreError> {
    let mut linked = Linked::default();
    let mut cache = SignatureCache::default();
    loop {
        let pending = store.articles_pending_incidents(PENDING_PAGE)?;
        if pending.is_empty() {
            return Ok(linked);
        }
        let (update, work) = page_update(store, &pending, &mut cache)?;
        linked.articles += pending.len();
        linked.compared += work.compared;
        linked.regrouped += work.regrouped;
        linked.links += update.links.len();
        linked.near_duplicates += update.near_duplicates.len();
        linked.incidents_written += update.incidents.len();
        store.apply_incident_update(&update)?;
    }
}

/// The update that links a page of stored articles at once: each of their events is
/// compared with its candidates in the store's index and in the page (by the same rule,
/// [`is_candidate`]) and with the events of its near-duplicates, and the incidents these
/// links touch are rebuilt once for the page.
fn page_update(
    store: &dyn Store,
    article_ids: &[String],
    cache: &mut SignatureCache,
) -> Result<(IncidentUpdate, Work), StoreError> {
    let mut update = IncidentUpdate { articles: article_ids.to_vec(), ..IncidentUpdate::default() };
    let mut read = Vec::with_capacity(article_ids.len());
    for article_id in article_ids {
        read.push((store.get_article(article_id)?, crate::names::common_names(&store.layers(article_id)?)));
    }
    let own: Vec<Signature> = read
        .par_iter()
        .map(|(article, common)| Signature {
            published: article.published.clone(),
            ..signature(article.title.as_deref(), &article.text, common)
        })
        .collect();
    drop(read);
    let in_page: FxHashMap<&str, usize> =
        article_ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    for (i, article_id) in article_ids.iter().enumerate() {
        if own[i].bands.is_empty() {
            continue;
        }
        let mut similar: Vec<(String, f64)> = Vec::new();
        for (other, theirs) in store.signature_candidates(&own[i])? {
            if &other != article_id && !in_page.contains_key(other.as_str()) {
                similar.extend(near_duplicates(&own[i], &theirs).map(|s| (other, s)));
            }
        }
        for j in 0..i {
            if share_a_band(&own[i], &own[j]) {
                similar.extend(near_duplicates(&own[i], &own[j]).map(|s| (article_ids[j].clone(), s)));
            }
        }
        for (other, similarity) in similar {
            let (a, b) = if other.as_str() < article_id.as_str() {
                (other, article_id.clone())
            } else {
                (article_id.clone(), other)
            };
            update.near_duplicates.push(NearDuplicate { a, b, similarity });
        }
    }
    update.signatures = article_ids.iter().cloned().zip(own.iter().cloned()).collect();
    let events = first_of_each_article(store.events_of_articles(article_ids)?.into_iter().filter(takes_part));
    if events.is_empty() {
        return Ok((update, Work::default()));
    }
    let copies_of = |article_id: &str| -> Vec<&str> {
        update
            .near_duplicates
            .iter()
            .filter_map(|n| {
                if n.a == article_id {
                    Some(n.b.as_str())
                } else if n.b == article_id {
                    Some(n.a.as_str())
                } else {
                    None
                }
            })
            .collect()
    };
    let stored_copies: Vec<String> = update
        .near_duplicates
        .iter()
        .flat_map(|n| [&n.a, &n.b])
        .filter(|id| !in_page.contains_key(id.as_str()))
        .cloned()
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let stored_copy_events = first_of_each_article(store.events_of_articles(&stored_copies)?);
    let entries: Vec<Option<IndexedEvent>> = events.iter().map(entry).collect();
    // Every event compared, once: the page's first, then the candidates from the store.
    let page_events = events.len();
    let mut compared_events: Vec<StoredEvent> = events;
    let mut position: FxHashMap<String, usize> =
        compared_events.iter().enumerate().map(|(i, e)| (e.event.id.clone(), i)).collect();
    // Each pair once, as positions in `compared_events`, the page's event first.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut seen: FxHashSet<(usize, usize)> = FxHashSet::default();
    for index in 0..page_events {
        let article = compared_events[index].article.id.clone();
        let copies = copies_of(&article);
        let mut found: Vec<usize> = Vec::new();
        for (other, candidate) in compared_events[..page_events].iter().enumerate() {
            if copies.contains(&candidate.article.id.as_str()) {
                found.push(other);
            }
        }
        let mut from_store: Vec<StoredEvent> = stored_copy_events
            .iter()
            .filter(|c| copies.contains(&c.article.id.as_str()))
            .take(MAX_CANDIDATES)
            .cloned()
            .collect();
        if let Some(indexed) = &entries[index] {
            let wanted = query(indexed, &article);
            from_store.extend(
                store
                    .incident_candidates(&wanted)?
                    .into_iter()
                    .filter(|candidate| !in_page.contains_key(candidate.article.id.as_str())),
            );
            for (other, other_entry) in entries.iter().enumerate().skip(index + 1) {
                if other_entry.as_ref().is_some_and(|e| is_candidate(&wanted, e)) {
                    found.push(other);
                }
            }
        }
        for candidate in from_store {
            if found.len() >= MAX_CANDIDATES {
                break;
            }
            let at = *position.entry(candidate.event.id.clone()).or_insert_with(|| {
                compared_events.push(candidate);
                compared_events.len() - 1
            });
            found.push(at);
        }
        found.truncate(MAX_CANDIDATES);
        for other in found {
            let key = (index.min(other), index.max(other));
            if compared_events[other].article.id != article && seen.insert(key) {
                pairs.push((index, other));
            }
        }
    }
    update.indexed = entries.into_iter().flatten().collect();
    let mut others: Vec<String> =
        compared_events[page_events..].iter().map(|c| c.article.id.clone()).collect();
    others.sort();
    others.dedup();
    cache.fill(store, &others)?;
    let mut signatures: FxHashMap<String, &Signature> = others
        .iter()
        .filter_map(|id| cache.decoded.get(id).map(|signature| (id.clone(), signature)))
        .collect();
    signatures.extend(article_ids.iter().cloned().zip(&own));
    let articles = Articles::new(near_pairs(&update.near_duplicates), signatures);
    let mut work = Work { compared: pairs.len(), regrouped: 0 };
    update.links = pairs
        .par_iter()
        .filter_map(|&(index, other)| link(&compared_events[index], &compared_events[other], &articles))
        .collect();
    update.links.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    update.links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    work.regrouped = rebuild(store, &compared_events[..page_events], &mut update)?;
    Ok((update, work))
}

/// At most [`MAX_LINKED_EVENTS`] events of each article, its first.
fn first_of_each_article(events: impl IntoIterator<Item = StoredEvent>) -> Vec<StoredEvent> {
    let mut taken: FxHashMap<String, usize> = FxHashMap::default();
    events
        .into_iter()
        .filter(|e| {
            let count = taken.entry(e.article.id.clone()).or_default();
            *count += 1;
            *count <= MAX_LINKED_EVENTS
        })
        .collect()
}

/// Whether two signatures share a band hash: the store's candidate rule for near-duplicates.
fn share_a_band(x: &Signature, y: &Signature) -> bool {
    x.bands.iter().any(|band| y.bands.contains(band))
}

/// The work linking one article did, for the benchmark's counters.
#[derive(Default)]
struct Work {
    compared: usize,
    regrouped: usize,
}

/// Rebuilds the incidents the new events and links touch, and their neighbours (see the
/// module doc); returns how many events the rebuilt scope held.
fn rebuild(
    store: &dyn Store,
    new_events: &[StoredEvent],
    update: &mut IncidentUpdate,
) -> Result<usize, StoreError> {
    let background: FxHashMap<String, bool> =
        new_events.iter().map(|e| (e.event.id.clone(), e.event.background)).collect();
    // Newly reported seeds: the new events, the ends of new links, and the old and new
    // targets of recalled events that gained links.
    let mut seeds: BTreeSet<String> = BTreeSet::new();
    let mut recalled_with_new_links: BTreeSet<String> = BTreeSet::new();
    for e in new_events.iter().filter(|e| !e.event.background) {
        seeds.insert(e.event.id.clone());
    }
    for link in &update.links {
        if link.kind == "same" {
            seeds.insert(link.a.clone());
            seeds.insert(link.b.clone());
        } else {
            let (recalled, reported) = background_ends(link, &background, store)?;
            recalled_with_new_links.insert(recalled);
            seeds.insert(reported);
        }
    }
    let stored_of_recalled = links_touching(store, &recalled_with_new_links, &[])?;
    for recalled in &recalled_with_new_links {
        if let Some(old) = best_background_link(recalled, &stored_of_recalled) {
            seeds.insert(if &old.a == recalled { old.b.clone() } else { old.a.clone() });
        }
    }
    // The scope rebuilt: the incidents of the seeds and the incidents one `same` link away
    // from them, whole; never the whole connected component (see the module doc).
    let new_links: &[EventLink] = &update.links;
    let seed_list: Vec<String> = seeds.iter().cloned().collect();
    let mut scope: BTreeSet<String> = seeds;
    scope.extend(store.events_of_incidents(&store.incidents_of_events(&seed_list)?)?);
    let mut links: FxHashMap<(String, String), EventLink> = FxHashMap::default();
    let mut keep = |found: Vec<EventLink>| {
        for link in found {
            links.insert((link.a.clone(), link.b.clone()), link);
        }
    };
    let first = links_touching(store, &scope, new_links)?;
    let hop: Vec<String> = first
        .iter()
        .filter(|l| l.kind == "same")
        .flat_map(|l| [&l.a, &l.b])
        .filter(|end| !scope.contains(*end))
        .cloned()
        .collect();
    keep(first);
    let mut added: BTreeSet<String> =
        store.events_of_incidents(&store.incidents_of_events(&hop)?)?.into_iter().collect();
    added.extend(hop);
    added.retain(|id| !scope.contains(id));
    keep(links_touching(store, &added, new_links)?);
    scope.extend(added);
    let mut candidates: BTreeSet<String> = scope.clone();
    candidates
        .extend(links.values().filter(|l| l.kind == "background").flat_map(|l| [l.a.clone(), l.b.clone()]));
    let candidate_list: Vec<String> = candidates.iter().cloned().collect();
    let mut events: FxHashMap<String, StoredEvent> =
        store.events_by_id(&candidate_list)?.into_iter().map(|e| (e.event.id.clone(), e)).collect();
    let members: BTreeSet<String> = scope
        .iter()
        .filter(|id| events.get(*id).is_some_and(|e| !e.event.background && takes_part(e)))
        .cloned()
        .collect();
    let member_ids: Vec<String> = members.iter().cloned().collect();
    // Recalled events reaching these members, and the link each attaches by.
    let recalled: BTreeSet<String> = candidates
        .iter()
        .filter(|id| !members.contains(*id) && events.get(*id).is_some_and(|e| e.event.background))
        .cloned()
        .collect();
    let links_of_recalled = links_touching(store, &recalled, new_links)?;
    let mut attached: Vec<(String, EventLink)> = Vec::new();
    for id in &recalled {
        if let Some(best) = best_background_link(id, &links_of_recalled)
            && (members.contains(&best.a) || members.contains(&best.b))
        {
            attached.push((id.clone(), best.clone()));
        }
    }
    let attached_ids: FxHashSet<&str> = attached.iter().map(|(id, _)| id.as_str()).collect();
    events.retain(|id, _| members.contains(id) || attached_ids.contains(id.as_str()));
    let mut wanted: Vec<String> = scope.iter().cloned().collect();
    wanted.extend(attached.iter().map(|(id, _)| id.clone()));
    let mut articles: Vec<String> = events.values().map(|e| e.article.id.clone()).collect();
    articles.sort();
    articles.dedup();
    let mut near_duplicates = store.near_duplicates(&articles)?;
    near_duplicates.extend(update.near_duplicates.iter().cloned());
    let components = components(&member_ids, links.values());
    let mut removed: BTreeSet<String> = store.incidents_of_events(&wanted)?.into_iter().collect();
    for component in components {
        let member_events: Vec<StoredEvent> =
            component.iter().filter_map(|id| events.get(id).cloned()).collect();
        if member_events.is_empty() {
            continue;
        }
        let ids: FxHashSet<&str> = component.iter().map(String::as_str).collect();
        let component_links: Vec<EventLink> = links
            .values()
            .filter(|l| l.kind == "same" && ids.contains(l.a.as_str()) && ids.contains(l.b.as_str()))
            .cloned()
            .collect();
        let recalled_events: Vec<(StoredEvent, EventLink)> = attached
            .iter()
            .filter(|(_, l)| ids.contains(l.a.as_str()) || ids.contains(l.b.as_str()))
            .filter_map(|(id, l)| events.get(id).map(|e| (e.clone(), l.clone())))
            .collect();
        update.incidents.extend(incidents_of_component(
            &member_events,
            &component_links,
            &recalled_events,
            &near_duplicates,
        ));
    }
    with_stored_evidence(store, &mut update.incidents)?;
    for incident in &update.incidents {
        removed.insert(incident.id.clone());
    }
    update.removed = removed.into_iter().collect();
    Ok(scope.len())
}

/// Puts the stored evidence into the incidents' absorbed entries whose link was read with
/// its score only ([`Store::link_scores`]); a link made in this update carries its
/// evidence, which always has a signal (the type's).
fn with_stored_evidence(store: &dyn Store, incidents: &mut [Incident]) -> Result<(), StoreError> {
    let bare = |evidence: &Option<MergeEvidence>| evidence.as_ref().is_some_and(|e| e.signals.is_empty());
    let mut pairs: Vec<(String, String)> = Vec::new();
    for absorbed in incidents.iter().flat_map(|i| &i.absorbed) {
        if let Some(other) = &absorbed.linked_to
            && bare(&absorbed.evidence)
        {
            pairs.push(ordered(&absorbed.event, other));
        }
    }
    if pairs.is_empty() {
        return Ok(());
    }
    pairs.sort();
    pairs.dedup();
    let stored: FxHashMap<(String, String), MergeEvidence> =
        store.links_between(&pairs)?.into_iter().map(|l| ((l.a, l.b), l.evidence)).collect();
    for absorbed in incidents.iter_mut().flat_map(|i| &mut i.absorbed) {
        if let Some(other) = &absorbed.linked_to
            && bare(&absorbed.evidence)
        {
            absorbed.evidence = stored.get(&ordered(&absorbed.event, other)).cloned();
        }
    }
    Ok(())
}

fn ordered(x: &str, y: &str) -> (String, String) {
    if x < y { (x.to_string(), y.to_string()) } else { (y.to_string(), x.to_string()) }
}

/// The links, stored and new, with an end among `ids`, read in one query.
fn links_touching(
    store: &dyn Store,
    ids: &BTreeSet<String>,
    new_links: &[EventLink],
) -> Result<Vec<EventLink>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = ids.iter().cloned().collect();
    let mut found = store.link_scores(&list)?;
    found.extend(new_links.iter().filter(|l| ids.contains(&l.a) || ids.contains(&l.b)).cloned());
    Ok(found)
}

/// The recalled and the newly reported end of a background link.
fn background_ends(
    link: &EventLink,
    new_background: &FxHashMap<String, bool>,
    store: &dyn Store,
) -> Result<(String, String), StoreError> {
    let a_recalled = match new_background.get(&link.a) {
        Some(&background) => background,
        None => {
            store.events_by_id(std::slice::from_ref(&link.a))?.first().is_some_and(|e| e.event.background)
        }
    };
    Ok(if a_recalled { (link.a.clone(), link.b.clone()) } else { (link.b.clone(), link.a.clone()) })
}

/// Connected components of `nodes` over `same` links, each sorted, in order of their
/// smallest id.
pub fn components<'a>(nodes: &[String], links: impl Iterator<Item = &'a EventLink>) -> Vec<Vec<String>> {
    let index: FxHashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for link in links.filter(|l| l.kind == "same") {
        if let (Some(&i), Some(&j)) = (index.get(link.a.as_str()), index.get(link.b.as_str())) {
            let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
            parent[ri.max(rj)] = ri.min(rj);
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    for (i, node) in nodes.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(node.clone());
    }
    let mut out: Vec<Vec<String>> = groups.into_values().collect();
    for group in &mut out {
        group.sort();
    }
    out.sort();
    out
}
