//! Results by place: every metric that belongs to people (see [`Metric::by_place`]) for each
//! cluster (and each practice, when a team works practice by practice), for the whole window
//! and each measured year, and a comparison's paired change in each. With what is no one
//! person's (fixed costs), the places add up to the area's totals.

use super::compare::change;
use super::stats::Summary;
use crate::experiment::ScenarioRun;
use crate::model::ledger::Book;
use crate::model::metrics::{Figures, Metric};
use crate::model::params::Scope;
use crate::model::world::ByPlace;

/// What kind of place a row is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Cluster,
    Practice,
    /// Costs that are no one person's: a team's staff, a scheme's block-booked beds.
    Unattributed,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Cluster, Level::Practice, Level::Unattributed];

    pub fn name(self) -> &'static str {
        match self {
            Level::Cluster => "cluster",
            Level::Practice => "practice",
            Level::Unattributed => "unattributed",
        }
    }

    pub fn by_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// A place's book and whether a team covers it: a cluster's is the sum of its practices'.
fn book_of(by_place: &ByPlace, level: Level, place: u32) -> (Book, bool) {
    let index = place as usize - 1;
    match level {
        Level::Practice => (by_place.practices[index].clone(), by_place.covered[index]),
        Level::Cluster => {
            let per = by_place.practices_per_cluster as usize;
            let range = index * per..((index + 1) * per).min(by_place.practices.len());
            let mut sum = Book::empty(by_place.practices[0].by_year.len());
            for book in &by_place.practices[range.clone()] {
                sum.add_all(book);
            }
            (sum, by_place.covered[range].iter().any(|&c| c))
        }
        Level::Unattributed => (by_place.no_one.clone().expect("a book of what is no one's"), false),
    }
}

/// How many places of `level` `run` gives (practices only where a team works by practice, in
/// either of the runs asked about).
fn place_count(by_place: &ByPlace, level: Level, practices_shown: bool) -> usize {
    match level {
        Level::Cluster => by_place.practices.len().div_ceil(by_place.practices_per_cluster.max(1) as usize),
        Level::Practice if practices_shown => by_place.practices.len(),
        Level::Practice => 0,
        Level::Unattributed => usize::from(by_place.no_one.is_some()),
    }
}

/// Whether a team of `run` works practice by practice.
fn works_by_practice(run: &ScenarioRun) -> bool {
    run.inputs.teams.iter().any(|t| t.scope == Scope::Practice)
}

/// Where and when a row is: a place (numbered from 1 within its level) and a measured year
/// (`None`: the whole window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceKey {
    pub level: Level,
    pub place: u32,
    pub year: Option<u32>,
}

/// One metric of one place and year across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceValue {
    pub key: PlaceKey,
    /// The share of replications in which a case-finding team covers the place.
    pub covered_share: f64,
    pub metric: Metric,
    pub summary: Summary,
}

/// The paired change (scenario minus baseline) in one metric of one place and year.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceChange {
    pub key: PlaceKey,
    /// The share of the scenario's replications in which a team covers the place.
    pub covered_share: f64,
    pub metric: Metric,
    pub baseline_mean: f64,
    pub scenario_mean: f64,
    pub difference_mean: f64,
    pub difference_p025: f64,
    pub difference_p975: f64,
    pub probability_lower: f64,
}

/// The metrics given by place, in metric order.
pub fn place_metrics() -> impl Iterator<Item = Metric> {
    Metric::ALL.iter().copied().filter(|m| m.by_place())
}

/// Every place and year of `run`, in order: level, place, then the window and each year.
fn keys(run: &ScenarioRun, practices_shown: bool) -> Vec<PlaceKey> {
    let Some(first) = run.outputs.first() else { return Vec::new() };
    let years = first.by_year.len() as u32;
    let mut keys = Vec::new();
    for level in Level::ALL {
        for place in 1..=place_count(&first.by_place, level, practices_shown) as u32 {
            for year in std::iter::once(None).chain((1..=years).map(Some)) {
                keys.push(PlaceKey { level, place, year });
            }
        }
    }
    keys
}

/// Each replication's metric values at `key` (in metric order), and the share of replications
/// in which a team covers the place.
fn values_at(run: &ScenarioRun, key: PlaceKey) -> (Vec<Vec<f64>>, f64) {
    let years = f64::from(run.inputs.simulation.years);
    let mut covered = 0;
    let values = run
        .outputs
        .iter()
        .map(|o| {
            let (book, is_covered) = book_of(&o.by_place, key.level, key.place);
            covered += usize::from(is_covered);
            match key.year {
                None => book.window.metrics(years, Figures::default()),
                Some(year) => book.by_year[year as usize - 1].metrics(1.0, Figures::default()),
            }
        })
        .collect();
    (values, covered as f64 / run.outputs.len().max(1) as f64)
}

fn column(values: &[Vec<f64>], metric: Metric) -> Vec<f64> {
    values.iter().map(|v| v[metric.index()]).collect()
}

/// A scenario's every metric by place and year.
pub fn place_values(run: &ScenarioRun) -> Vec<PlaceValue> {
    keys(run, works_by_practice(run))
        .into_iter()
        .flat_map(|key| {
            let (values, covered_share) = values_at(run, key);
            place_metrics()
                .map(|metric| PlaceValue {
                    key,
                    covered_share,
                    metric,
                    summary: Summary::of(&column(&values, metric)),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The change of `scenario` against `baseline` in every metric by place and year, paired by
/// replication. Both have the same area, so the same places; practices are given when either
/// has a team working by practice.
pub fn place_changes(baseline: &ScenarioRun, scenario: &ScenarioRun) -> Vec<PlaceChange> {
    let practices_shown = works_by_practice(baseline) || works_by_practice(scenario);
    let base_keys = keys(baseline, practices_shown);
    keys(scenario, practices_shown)
        .into_iter()
        .filter(|key| base_keys.contains(key))
        .flat_map(|key| {
            let (base, _) = values_at(baseline, key);
            let (scen, covered_share) = values_at(scenario, key);
            place_metrics()
                .map(|metric| {
                    let c = change(metric.name(), &column(&base, metric), &column(&scen, metric), 1);
                    PlaceChange {
                        key,
                        covered_share,
                        metric,
                        baseline_mean: c.baseline_mean,
                        scenario_mean: c.scenario_mean,
                        difference_mean: c.difference.mean,
                        difference_p025: c.difference.p025,
                        difference_p975: c.difference.p975,
                        probability_lower: c.probability_lower,
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
