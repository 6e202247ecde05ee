//! Results by place: every metric that belongs to people (see [`Metric::by_place`]) for each
//! cluster (and each practice, when a team works practice by practice), for the whole window
//! and each measured year, and a comparison's paired change in each. With what is no one
//! person's (fixed costs), the places add up to the area's totals.

use super::compare::change;
use super::stats::Summary;
use crate::experiment::ScenarioRun;
use crate::model::metrics::{Figures, Metric, Unit};
use crate::model::params::Scope;
use crate::model::world::{ByPlace, PlaceBook};

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

/// The places of `level` in a replication's results.
fn places(by_place: &ByPlace, level: Level) -> &[PlaceBook] {
    match level {
        Level::Cluster => &by_place.clusters,
        Level::Practice => &by_place.practices,
        Level::Unattributed => std::slice::from_ref(&by_place.no_one),
    }
}

/// Whether a team of `run` works practice by practice.
fn works_by_practice(run: &ScenarioRun) -> bool {
    run.inputs.teams.iter().any(|t| t.scope == Scope::Practice)
}

/// Whether two runs divide the area into the same practices and clusters, so that place k of
/// one is place k of the other.
pub fn same_places(a: &ScenarioRun, b: &ScenarioRun) -> bool {
    let (a, b) = (&a.inputs.area, &b.inputs.area);
    a.practices == b.practices && a.practices_per_cluster == b.practices_per_cluster
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
    /// The share of the place's practices a case-finding team covers, on average over the
    /// replications.
    pub covered_share: f64,
    pub metric: Metric,
    pub summary: Summary,
}

/// The paired change (scenario minus baseline) in one metric of one place and year.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceChange {
    pub key: PlaceKey,
    /// The share of the place's practices a team covers in the scenario (as in [`PlaceValue`]).
    pub covered_share: f64,
    pub metric: Metric,
    pub baseline_mean: f64,
    pub scenario_mean: f64,
    pub difference_mean: f64,
    pub difference_p025: f64,
    pub difference_p975: f64,
    pub probability_lower: f64,
}

/// The metrics given for places of `level`, in metric order: every metric that belongs to
/// people, and for what is no one person's, only money.
pub fn place_metrics(level: Level) -> impl Iterator<Item = Metric> {
    Metric::ALL
        .iter()
        .copied()
        .filter(move |m| m.by_place() && (level != Level::Unattributed || m.unit() == Unit::Pounds))
}

/// Every place and year of `run`, in order: level, place, then the window and each year.
fn keys(run: &ScenarioRun, practices_shown: bool) -> Vec<PlaceKey> {
    let Some(first) = run.outputs.first() else { return Vec::new() };
    let years = first.by_year.len() as u32;
    let mut keys = Vec::new();
    for level in Level::ALL {
        let count = if level == Level::Practice && !practices_shown {
            0
        } else {
            places(&first.by_place, level).len()
        };
        for place in 1..=count as u32 {
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
    let mut covered = 0.0;
    let values = run
        .outputs
        .iter()
        .map(|o| {
            let book = &places(&o.by_place, key.level)[key.place as usize - 1];
            covered += book.covered;
            match key.year {
                None => book.window.metrics(years, Figures::default()),
                Some(year) => book.by_year[year as usize - 1].metrics(1.0, Figures::default()),
            }
        })
        .collect();
    (values, covered / run.outputs.len().max(1) as f64)
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
            place_metrics(key.level)
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
/// replication; practices are given when either has a team working by practice. None when the
/// two divide the area differently ([`same_places`]): place k would not be the same place.
pub fn place_changes(baseline: &ScenarioRun, scenario: &ScenarioRun) -> Vec<PlaceChange> {
    if !same_places(baseline, scenario) {
        return Vec::new();
    }
    let practices_shown = works_by_practice(baseline) || works_by_practice(scenario);
    let base_keys = keys(baseline, practices_shown);
    keys(scenario, practices_shown)
        .into_iter()
        .filter(|key| base_keys.contains(key))
        .flat_map(|key| {
            let (base, _) = values_at(baseline, key);
            let (scen, covered_share) = values_at(scenario, key);
            place_metrics(key.level)
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
