//! Incidents: the happenings behind the reports. Events that different articles code for
//! one happening are merged into one incident that keeps every report as a source and the
//! evidence of every merge, so users count happenings, not reports.
//!
//! - [`near_duplicate`]: MinHash over five-word shingles with LSH banding; copies of one
//!   text are linked, their events count once and every outlet still counts as a source.
//! - [`evidence`]: the pairwise merge decision (type and mode, actors, place and time at
//!   their precision, casualties, text similarity), a score and the signals behind it.
//! - [`text`]: the article text similarity, a cosine of term vectors weighted by a fixed
//!   idf from general English word frequencies, kept in each article's signature.
//! - [`index`]: the time-window × key index an incoming event finds its candidates in.
//! - Incidents are the connected components of the `same` links among newly reported
//!   events, split where a chain would join contradicting events (`assemble`); recalled
//!   (background) events attach to the incident of their best link and never make one.
//!   A link depends only on its two events and their articles, so the same articles in any
//!   order give the same incidents.
//! - [`link_pending`]: the incremental path over any [`faultline_store::Store`]; only the
//!   components an article's links touch are rebuilt.
//! - [`group_articles`] / [`incidents_in_memory`]: the same on articles held in memory.
//! - [`actor_network`] / [`stored_actor_network`]: each actor's incidents and relations,
//!   and cooperation and conflict between pairs of actors per month on the Goldstein
//!   scale, over given incidents or over everything a store holds.
//! - [`facets`]: counts of a set of incidents by type, status, country, actor and month.

mod assemble;
pub mod evidence;
pub mod facets;
mod group;
pub mod index;
mod link;
mod names;
pub mod near_duplicate;
mod network;
mod rules;
pub mod text;
mod update;

pub use assemble::incident_id;
pub use evidence::{Decision, compare};
pub use group::{group_articles, incidents_in_memory};
pub use network::{
    ActorNetwork, ActorPair, ActorRelation, ActorSummary, PairMonth, actor_network, stored_actor_network,
};
pub use update::{Linked, link_pending, link_pending_unless_busy};
