//! The result-folder schema, defined once: the file names, the CSV columns and the shape of
//! each JSON document. `write` and `sweep` write folders with these and `read` reads them back
//! with the same, so a key or a column cannot be renamed on one side only. The metrics
//! themselves (names, labels, units) come from the metric table in `model::metrics`,
//! re-exported here for the layers that only see result folders.

use serde::{Deserialize, Serialize};

use super::budget::{BudgetChange, BudgetRow};
use super::compare::{Change, Money, PerCase};
pub use super::keyed::{Keyed, exact};
use super::stats::Summary;
use super::value_of_information::ValueOfInformation;
pub use crate::model::metrics::{Better, Metric, Unit, metric_names};

/// The caresim version written into every result file.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A scenario's folder (from `run`, and each scenario of a `compare`): every parameter as run.
pub const RESOLVED_TOML: &str = "scenario.resolved.toml";
/// A scenario's folder: the scenario files as written, with their notes on sources.
pub const SOURCES_TXT: &str = "scenario.sources.txt";
/// A scenario's folder: one row per replication ([`REPLICATION_COLUMNS`]).
pub const REPLICATIONS_CSV: &str = "replications.csv";
/// A scenario's folder: [`SummaryFile`].
pub const SUMMARY_JSON: &str = "summary.json";
/// A scenario's folder: occupancy over time ([`TIMESERIES_COLUMNS`]).
pub const TIMESERIES_CSV: &str = "timeseries.csv";
/// A scenario's folder: undiscounted cash by measured year, line and payer ([`BUDGET_COLUMNS`]).
pub const BUDGET_CSV: &str = "budget.csv";
/// A scenario's folder: each base service's capacity as written and the beds or places it
/// came to ([`CAPACITY_COLUMNS`]).
pub const CAPACITIES_CSV: &str = "capacities.csv";
/// Every result folder (a scenario's, a comparison's, a sweep's): every metric's unit, which way
/// is better and its label ([`UNITS_COLUMNS`]).
pub const UNITS_CSV: &str = "units.csv";
/// A sweep's folder: every metric of every replication of every point ([`SWEEP_POINT_COLUMN`],
/// the parameters, [`SWEEP_REPLICATION_COLUMN`], then one column per metric).
pub const SWEEP_REPLICATIONS_CSV: &str = "sweep_replications.csv";
/// A scenario's folder: every metric by measured year ([`BY_YEAR_COLUMNS`]).
pub const BY_YEAR_CSV: &str = "by_year.csv";
/// A scenario's folder, when asked for (`--trace R`): every move of everyone in replication R
/// ([`TRACE_COLUMNS`]).
pub const TRACE_CSV: &str = "trace.csv";
/// A scenario's folder: every metric that belongs to people by cluster (and practice) and year
/// ([`BY_PLACE_COLUMNS`]).
pub const BY_PLACE_CSV: &str = "by_place.csv";
/// A comparison's folder: the paired change in each of those ([`BY_PLACE_CHANGE_COLUMNS`]).
pub const BY_PLACE_CHANGE_CSV: &str = "by_place_change.csv";
/// A comparison's folder, beside one folder per scenario named by [`folder_name`]: one row
/// per scenario and metric ([`COMPARISON_COLUMNS`]).
pub const COMPARISON_CSV: &str = "comparison.csv";
/// A comparison's folder: [`ComparisonFile`].
pub const COMPARISON_JSON: &str = "comparison.json";
/// A comparison's folder: the budget impact, per scenario, measured year, line and measure
/// ([`BUDGET_IMPACT_COLUMNS`]).
pub const BUDGET_IMPACT_CSV: &str = "budget_impact.csv";
/// A comparison's folder: the paired change in every metric, per scenario and measured year
/// ([`BY_YEAR_CHANGE_COLUMNS`]).
pub const BY_YEAR_CHANGE_CSV: &str = "by_year_change.csv";
/// A comparison's folder: what happened to the people each intervention served, against the
/// paired baseline ([`COHORT_COLUMNS`]).
pub const COHORT_CSV: &str = "cohort.csv";
/// Names a comparison folder keeps for itself (its files and the report's), which no
/// scenario's folder may take.
pub const COMPARISON_OWN_NAMES: [&str; 9] = [
    COMPARISON_CSV,
    UNITS_CSV,
    COMPARISON_JSON,
    BUDGET_IMPACT_CSV,
    BY_YEAR_CHANGE_CSV,
    BY_PLACE_CHANGE_CSV,
    COHORT_CSV,
    "plots",
    "report.html",
];
/// A sweep's folder: one row per point and metric of interest ([`SWEEP_COLUMNS`]).
pub const SWEEP_CSV: &str = "sweep.csv";
/// A sweep's folder: [`SweepFile`].
pub const SWEEP_JSON: &str = "sweep.json";
/// A sweep's folder: what the sweep is, to check shards and resumed runs against.
pub const SWEEP_MANIFEST: &str = "sweep.manifest.json";
/// A sweep's folder: one file per finished unit of work.
pub const UNITS_DIR: &str = "units";
/// A calibration's folder: the calibrated scenario, a scenario file that extends the one fitted.
pub const CALIBRATED_TOML: &str = "calibrated.toml";
/// A calibration's folder: one row per evaluation ([`FIT_COLUMNS`]).
pub const FIT_CSV: &str = "fit.csv";
/// A calibration's folder: [`CalibrationFile`].
pub const CALIBRATION_JSON: &str = "calibration.json";

/// `fit.csv`: the evaluation's number (from 1), then one column per parameter
/// ([`FIT_FACTOR_PREFIX`]`NAME`, the factor), one per target ([`FIT_MEAN_PREFIX`]`METRIC`, the mean
/// over the replications), then these: the misfit, and for factors that give no valid scenario
/// (no means, no misfit), why.
pub const FIT_EVALUATION_COLUMN: &str = "evaluation";
pub const FIT_FACTOR_PREFIX: &str = "factor:";
pub const FIT_MEAN_PREFIX: &str = "mean:";
pub const FIT_COLUMNS: [&str; 2] = ["misfit", "problem"];

/// The folder name for a scenario inside a comparison: its name, made safe for a file system.
pub fn folder_name(name: &str) -> String {
    let safe: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    if safe.is_empty() || safe.chars().all(|c| c == '.') {
        "scenario".into()
    } else if let Some(rest) = safe.strip_prefix('.') {
        // Never a hidden folder, nor one of caresim's hidden working names.
        format!("_{rest}")
    } else {
        safe
    }
}

/// `replications.csv` starts with these columns, then has one column per metric (in
/// [`Metric::ALL`] order), then one column [`DRAW_PREFIX`]`KEY` per uncertain parameter with
/// the value drawn for that replication.
pub const REPLICATION_COLUMNS: [&str; 2] = ["scenario", "replication"];
/// Marks the columns of `replications.csv` that hold a parameter's drawn value.
pub const DRAW_PREFIX: &str = "draw:";

/// `timeseries.csv`: per sample time and series, the mean and quantiles across replications
/// (capacity empty where a service has none).
pub const TIMESERIES_COLUMNS: [&str; 8] =
    ["scenario", "day", "series", "capacity", "mean", "p05", "p50", "p95"];

/// `units.csv`: per metric (in [`Metric::ALL`] order), its unit (`count`, `days`, `hours`,
/// `people`, `beds`, `share`, `per_1000_aged_65_plus`; `gbp` in the window's figures are
/// discounted, a year's are not), which way is better (`lower`, `higher`, `neither`) and its
/// label, which says whether it is a year's figure, the window's total or a mean.
pub const UNITS_COLUMNS: [&str; 4] = ["metric", "unit", "better", "label"];

/// `capacities.csv`: per base service, its key, its capacity as the scenario gives it (a number,
/// or `7.4 per 1,000 aged 65+`), the people aged 65+ a rate per 1,000 is planned for, and the
/// beds or places it came to.
pub const CAPACITY_COLUMNS: [&str; 5] = ["scenario", "key", "as_written", "aged_65_plus_planned", "units"];

/// `budget.csv`: per measured year (1 is the first after the warm-up), budget line and measure
/// (`nhs_cash`, `council_cash`, `total_cash` in undiscounted pounds; `days_used`), the mean and
/// the 2.5-97.5% range across replications.
pub const BUDGET_COLUMNS: [&str; 7] = ["scenario", "year", "line", "measure", "mean", "p025", "p975"];

/// `by_place.csv`: per place and year, every metric that belongs to people (not the beds'
/// occupancy): `level` (`cluster`; `practice`, when a team works practice by practice;
/// `unattributed`, the costs that are no one person's, such as a team's staff), `place` (from 1
/// within its level; empty for `unattributed`), `covered_share` (the share of replications in
/// which a case-finding team covers the place), `year` (empty: the whole measured window, costs
/// discounted; else the measured year, costs undiscounted), then the mean and the 2.5-97.5%
/// range across replications. The places' totals add up to the area's.
pub const BY_PLACE_COLUMNS: [&str; 9] =
    ["scenario", "level", "place", "covered_share", "year", "metric", "mean", "p025", "p975"];

/// `by_place_change.csv`: per scenario, place, year and metric as in [`BY_PLACE_COLUMNS`], the
/// paired difference from the baseline (`covered_share` is the scenario's).
pub const BY_PLACE_CHANGE_COLUMNS: [&str; 13] = [
    "baseline",
    "scenario",
    "level",
    "place",
    "covered_share",
    "year",
    "metric",
    "baseline_mean",
    "scenario_mean",
    "difference_mean",
    "difference_p025",
    "difference_p975",
    "probability_lower",
];

/// `trace.csv`: one row per move, in time order: the replication, the time (days from the start
/// of the simulation, warm-up included), the person (the same number is the same person in every
/// scenario of a comparison), the place left (empty when the person joins, at the start or
/// turning 65), the place entered and why.
pub const TRACE_COLUMNS: [&str; 6] = ["replication", "time", "person", "from", "to", "cause"];

/// `by_year.csv`: per measured year (1 is the first after the warm-up) and metric, the mean and
/// the 2.5-97.5% range across replications. A year's rates are that year's (costs discounted
/// to the start of the measured window, as everywhere).
pub const BY_YEAR_COLUMNS: [&str; 6] = ["scenario", "year", "metric", "mean", "p025", "p975"];

/// `cohort.csv`: per scenario, cohort (the people an intervention served, first in the measured
/// window: `teams.NAME`, `d2a_scheme`, `crisis_response`, `gp_in_ae`), window (`months` before
/// and after the first contact), measure and quantity (`before`, `after`, `counterfactual_after`
/// from the paired baseline, `naive_change` = after - before, `effect` = after -
/// counterfactual_after, `regression_to_mean` = counterfactual_after - before), each a rate per
/// person-year: the mean and the 2.5-97.5% range across the replications in which the cohort
/// had person-time (`replications`), and its members per replication (`people`).
pub const COHORT_COLUMNS: [&str; 11] = [
    "baseline",
    "scenario",
    "cohort",
    "months",
    "measure",
    "quantity",
    "replications",
    "people",
    "mean",
    "p025",
    "p975",
];

/// `by_year_change.csv`: per scenario, measured year and metric, the paired difference from
/// the baseline.
pub const BY_YEAR_CHANGE_COLUMNS: [&str; 10] = [
    "baseline",
    "scenario",
    "year",
    "metric",
    "baseline_mean",
    "scenario_mean",
    "difference_mean",
    "difference_p025",
    "difference_p975",
    "probability_lower",
];

/// `budget_impact.csv`: per scenario and budget row, the paired difference from the baseline.
pub const BUDGET_IMPACT_COLUMNS: [&str; 11] = [
    "baseline",
    "scenario",
    "year",
    "line",
    "measure",
    "baseline_mean",
    "scenario_mean",
    "difference_mean",
    "difference_p025",
    "difference_p975",
    "probability_lower",
];

/// `comparison.csv`: per scenario and metric, the paired difference from the baseline.
pub const COMPARISON_COLUMNS: [&str; 19] = [
    "baseline",
    "scenario",
    "metric",
    "replications",
    "baseline_mean",
    "scenario_mean",
    "difference_mean",
    "difference_p025",
    "difference_p975",
    "probability_lower",
    "share_from_parameters",
    "difference_sd",
    "difference_ci95_low",
    "difference_ci95_high",
    "percent_change",
    "percent_ci95_low",
    "percent_ci95_high",
    "percent_p025",
    "percent_p975",
];

/// `sweep.csv` starts with the point's column and one column per parameter (named by its
/// key), then has these: the point's own summary, then its paired difference from the
/// reference named as in [`COMPARISON_COLUMNS`] (the mean, the uncertainty interval, the
/// probability that the point is lower), then the difference's precision and 5-95% range.
pub const SWEEP_POINT_COLUMN: &str = "point";
/// `sweep_replications.csv`: the replication's number (from 0), after the point and parameters.
pub const SWEEP_REPLICATION_COLUMN: &str = "replication";
pub const SWEEP_COLUMNS: [&str; 15] = [
    "metric",
    "mean",
    "sd",
    "ci95_low",
    "ci95_high",
    "p05",
    "p95",
    "difference_mean",
    "difference_p025",
    "difference_p975",
    "probability_lower",
    "difference_ci95_low",
    "difference_ci95_high",
    "difference_p05",
    "difference_p95",
];

/// `summary.json`: one scenario's run and every metric's summary, in metric order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SummaryFile {
    pub scenario: String,
    pub replications: u64,
    pub years: u64,
    pub warmup_years: u64,
    pub seed: u64,
    pub caresim_version: String,
    pub metrics: Keyed<Summary>,
    /// Undiscounted cash and days used, by measured year, line and measure.
    pub budget: Vec<BudgetRow>,
}

/// `comparison.json`: the run, and each scenario's changes against the baseline, in the order
/// the scenarios were given.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComparisonFile {
    pub baseline: String,
    pub replications: u64,
    pub years: u64,
    pub warmup_years: u64,
    pub seed: u64,
    pub caresim_version: String,
    pub scenarios: Keyed<ScenarioEntry>,
}

/// One scenario of `comparison.json`: every metric's paired change, and the money view.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScenarioEntry {
    pub metrics: Keyed<Change>,
    pub money: Money,
    /// Which uncertain value the decision to adopt hinges on (`None` with fewer than 20
    /// replications or nothing uncertain).
    pub value_of_information: Option<ValueOfInformation>,
    /// The change in undiscounted cash and days used, by measured year, line and measure.
    pub budget_impact: Vec<BudgetChange>,
    /// What the intervention saved per case it took, by what it is ("bed days saved per
    /// diversion"), where it took any.
    pub per_case: Keyed<PerCase>,
}

/// `sweep.json`: the sweep, and each point (the reference first) with its metrics of interest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepFile {
    pub experiment: String,
    pub hash: String,
    pub replications: u32,
    pub seed: u64,
    pub reference: String,
    pub caresim_version: String,
    pub parameters: Vec<String>,
    pub points: Vec<SweepPoint>,
}

/// `calibration.json`: what was fitted to what, how, and how well.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalibrationFile {
    pub scenario: String,
    pub scenario_file: String,
    pub targets_file: String,
    pub caresim_version: String,
    pub method: String,
    /// Every evaluation ran these replications on this seed (common random numbers).
    pub replications: u64,
    pub years: u64,
    pub warmup_years: u64,
    pub seed: u64,
    pub evaluations: u64,
    pub max_evaluations: u64,
    /// Evaluations whose factors gave no valid scenario (treated as out of range).
    pub invalid_evaluations: u64,
    /// Whether the search converged (rather than reaching `max_evaluations`).
    pub converged: bool,
    pub tolerance: f64,
    /// The evaluation (from 1, as in `fit.csv`) with the lowest misfit, whose factors are these.
    pub best_evaluation: u64,
    /// The sum of the targets' squared standardised differences.
    pub misfit: f64,
    pub parameters: Keyed<FittedParameter>,
    pub targets: Keyed<FittedTarget>,
}

/// A parameter's factor as fitted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FittedParameter {
    pub keys: Vec<String>,
    pub factor: f64,
    pub low: f64,
    pub high: f64,
    /// The factor is at an end of its range: the best fit may lie beyond it.
    pub at_bound: bool,
}

/// A target and the calibrated scenario's mean against it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FittedTarget {
    pub value: f64,
    pub sd: f64,
    pub source: String,
    /// The mean over the replications, and its 95% t-interval (simulation precision).
    pub mean: f64,
    pub ci95_low: Option<f64>,
    pub ci95_high: Option<f64>,
    /// (mean - value) / sd.
    pub standardised: f64,
    /// Its square: this target's part of the misfit.
    pub misfit: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepPoint {
    pub point: String,
    /// Parameter values as TOML text, by parameter key (empty: left as in the scenario).
    pub values: Keyed<String>,
    pub metrics: Keyed<SweepMetric>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct SweepMetric {
    pub summary: Summary,
    /// The paired difference from the reference (`None` for the reference itself).
    pub difference: Option<Summary>,
    /// The probability that the point is lower than the reference: the share of paired
    /// replications in which its value was below the reference's (as in `comparison.json`).
    #[serde(deserialize_with = "exact::optional")]
    pub probability_lower: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_safe() {
        assert_eq!(folder_name("gp in A&E"), "gp_in_A_E");
        assert_eq!(folder_name(".."), "scenario");
        assert_eq!(folder_name(".caresim-staging-x"), "_caresim-staging-x");
    }

    #[test]
    fn column_names_are_kept_by_r_and_a_change_is_named_alike_everywhere() {
        let lists: [&[&str]; 14] = [
            &REPLICATION_COLUMNS,
            &TIMESERIES_COLUMNS,
            &BUDGET_COLUMNS,
            &BY_PLACE_COLUMNS,
            &BY_PLACE_CHANGE_COLUMNS,
            &TRACE_COLUMNS,
            &BY_YEAR_COLUMNS,
            &COHORT_COLUMNS,
            &BY_YEAR_CHANGE_COLUMNS,
            &BUDGET_IMPACT_COLUMNS,
            &COMPARISON_COLUMNS,
            &SWEEP_COLUMNS,
            &CAPACITY_COLUMNS,
            &UNITS_COLUMNS,
        ];
        // What R's read.csv keeps as it is: a letter, then letters, digits and underscores.
        let kept = |name: &str| {
            name.starts_with(|c: char| c.is_ascii_lowercase())
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        for name in
            lists.iter().flat_map(|l| l.iter()).copied().chain(metric_names().iter().map(String::as_str))
        {
            assert!(kept(name), "{name}");
        }
        let change = ["difference_mean", "difference_p025", "difference_p975", "probability_lower"];
        for list in [
            &COMPARISON_COLUMNS[..],
            &SWEEP_COLUMNS,
            &BY_YEAR_CHANGE_COLUMNS,
            &BY_PLACE_CHANGE_COLUMNS,
            &BUDGET_IMPACT_COLUMNS,
        ] {
            for name in change {
                assert!(list.contains(&name), "{name} missing from {list:?}");
            }
        }
    }
}
