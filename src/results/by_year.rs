//! Results by measured year: every metric's value in each year (1 is the first after the
//! warm-up) across replications, and a comparison's paired change in each, so a planner sees
//! how answers move with the horizon instead of one average over it.

use super::compare::change;
use super::stats::Summary;
use crate::experiment::ScenarioRun;
use crate::model::metrics::Metric;

/// One metric in one measured year: the mean and the range that holds 95% of replications.
#[derive(Debug, Clone, PartialEq)]
pub struct YearValue {
    pub year: u32,
    pub metric: String,
    pub mean: f64,
    pub p025: f64,
    pub p975: f64,
}

/// The paired change (scenario minus baseline) in one metric in one measured year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearChange {
    pub year: u32,
    pub metric: String,
    pub baseline_mean: f64,
    pub scenario_mean: f64,
    pub difference_mean: f64,
    pub difference_p025: f64,
    pub difference_p975: f64,
    /// The share of replications in which the scenario's value is lower.
    pub probability_lower: f64,
}

/// Each replication's value of `metric` in measured year `year` (from 1).
fn values(run: &ScenarioRun, year: u32, metric: Metric) -> Vec<f64> {
    run.outputs.iter().map(|o| o.by_year[year as usize - 1][metric.index()]).collect()
}

fn years(run: &ScenarioRun) -> u32 {
    run.outputs.first().map_or(0, |o| o.by_year.len() as u32)
}

/// A scenario's every metric by measured year, year by year in metric order.
pub fn year_values(run: &ScenarioRun) -> Vec<YearValue> {
    (1..=years(run))
        .flat_map(|year| {
            Metric::ALL.iter().map(move |&metric| {
                let s = Summary::of(&values(run, year, metric));
                YearValue {
                    year,
                    metric: metric.name().to_string(),
                    mean: s.mean,
                    p025: s.p025,
                    p975: s.p975,
                }
            })
        })
        .collect()
}

/// The change of `scenario` against `baseline` in every metric by measured year, paired by
/// replication.
pub fn year_changes(baseline: &ScenarioRun, scenario: &ScenarioRun) -> Vec<YearChange> {
    (1..=years(baseline).min(years(scenario)))
        .flat_map(|year| {
            Metric::ALL.iter().map(move |&metric| {
                let (base, scen) = (values(baseline, year, metric), values(scenario, year, metric));
                let c = change(metric.name(), &base, &scen, 1);
                YearChange {
                    year,
                    metric: c.metric,
                    baseline_mean: c.baseline_mean,
                    scenario_mean: c.scenario_mean,
                    difference_mean: c.difference.mean,
                    difference_p025: c.difference.p025,
                    difference_p975: c.difference.p975,
                    probability_lower: c.probability_lower,
                }
            })
        })
        .collect()
}
