//! Reading a result folder back, in the shape [`super::schema`] defines and `write` wrote it:
//! what `report` draws from. Nothing is recomputed from the model, and nothing in a file is
//! taken on trust: `files` reads each file (of this caresim version, in the schema, numbers
//! finite), `run`, `compare` and `sweep` check a folder's files against each other (counts,
//! names, points), with the checks they share in `check`. A folder that is not as caresim
//! wrote it is refused with the file named and what is wrong, never a panic.

mod by_place;
mod by_year;
mod check;
mod cohorts;
mod compare;
mod files;
mod run;
mod sweep;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::budget::{BudgetChange, BudgetRow};
use super::by_place::PlaceChange;
use super::by_year::{YearChange, YearValue};
use super::cohorts::CohortRow;
use super::compare::{Change, Money, PerCase};
use super::schema::{COMPARISON_JSON, Keyed, Metric, SUMMARY_JSON, SWEEP_JSON, VERSION};
pub use super::schema::{SweepMetric, SweepPoint};
use super::stats::Summary;
use super::sweep::Manifest;
use super::value_of_information::ValueOfInformation;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{} is not a caresim result folder: it has no summary.json, comparison.json or sweep.json", .0.display())]
    NotAResultFolder(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} is not as caresim writes it: {message}", path.display())]
    Malformed { path: PathBuf, message: String },
    #[error(
        "{} was written by caresim {found}, and this is caresim {}: a result folder is read by the version that \
         wrote it (report it with caresim {found}, or run it again)",
        path.display(),
        VERSION
    )]
    OtherVersion { path: PathBuf, found: String },
}

/// One scenario's results.
#[derive(Debug, Clone)]
pub struct RunFolder {
    pub dir: PathBuf,
    pub scenario: String,
    pub replications: u64,
    pub years: u64,
    pub warmup_years: u64,
    pub seed: u64,
    pub version: String,
    /// Every metric's summary across replications, in metric order.
    pub metrics: Keyed<Summary>,
    /// Every replication's values.
    pub per_replication: Replications,
    pub series: Vec<SeriesRow>,
    pub resolved: String,
    /// The intervention effects the scenario gives as fixed numbers (assumptions the results
    /// rest on), by dotted key.
    pub fixed_effects: Vec<(String, f64)>,
    /// The scenario files as written, when the folder has them.
    pub sources: Option<String>,
    /// Undiscounted cash and days used, by measured year, line and measure.
    pub budget: Vec<BudgetRow>,
    /// Every metric by measured year.
    pub by_year: Vec<YearValue>,
}

impl RunFolder {
    /// The mean of a metric (0 if the folder does not have it).
    pub fn mean(&self, metric: Metric) -> f64 {
        self.metrics.get(metric.name()).map_or(0.0, |s| s.mean)
    }

    /// A metric's values by measured year, in year order.
    pub fn by_year(&self, metric: Metric) -> Vec<&YearValue> {
        self.by_year.iter().filter(|v| v.metric == metric.name()).collect()
    }

    /// The rows of one occupancy series, in time order.
    pub fn series(&self, name: &str) -> Vec<&SeriesRow> {
        self.series.iter().filter(|r| r.series == name).collect()
    }
}

/// `replications.csv`: each replication's value of every metric and of every parameter drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Replications {
    /// Metric names, in column order.
    pub metrics: Vec<String>,
    /// Keys of the parameters drawn, in column order (without the `draw:` prefix).
    pub draws: Vec<String>,
    /// One row per replication, in replication order.
    pub rows: Vec<ReplicationRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationRow {
    pub replication: u64,
    /// Values in the order of [`Replications::metrics`].
    pub metrics: Vec<f64>,
    /// Values in the order of [`Replications::draws`].
    pub draws: Vec<f64>,
}

/// One row of `timeseries.csv`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SeriesRow {
    pub day: f64,
    pub series: String,
    pub capacity: Option<f64>,
    pub mean: f64,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
}

/// One scenario's changes against the baseline.
#[derive(Debug, Clone)]
pub struct ScenarioChanges {
    pub scenario: String,
    /// Every metric's paired change, in metric order.
    pub metrics: Keyed<Change>,
    pub money: Money,
    pub value_of_information: Option<ValueOfInformation>,
    /// The change in undiscounted cash and days used, by measured year, line and measure.
    pub budget_impact: Vec<BudgetChange>,
    /// What the intervention saved per case it took, by what it is.
    pub per_case: Keyed<PerCase>,
    /// The paired change in every metric by measured year.
    pub by_year: Vec<YearChange>,
    /// What happened to the people each of its interventions served (`cohort.csv`).
    pub cohorts: Vec<CohortRow>,
    /// The paired change in every metric by place and year (`by_place_change.csv`).
    pub by_place: Vec<PlaceChange>,
}

#[derive(Debug, Clone)]
pub enum ResultFolder {
    Run(RunFolder),
    Compare { dir: PathBuf, baseline: RunFolder, scenarios: Vec<RunFolder>, changes: Vec<ScenarioChanges> },
    Sweep(SweepFolder),
}

/// A sweep's results: the manifest and, per point, each metric of interest.
#[derive(Debug, Clone)]
pub struct SweepFolder {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// The reference first, then the points in design order.
    pub points: Vec<SweepPoint>,
}

impl ResultFolder {
    /// Every scenario's own results, the baseline first.
    pub fn runs(&self) -> Vec<&RunFolder> {
        match self {
            ResultFolder::Run(r) => vec![r],
            ResultFolder::Compare { baseline, scenarios, .. } => {
                std::iter::once(baseline).chain(scenarios).collect()
            }
            ResultFolder::Sweep(_) => Vec::new(),
        }
    }
}

/// Read the result folder at `dir`, from `run`, `compare` or `sweep`, checking every file.
pub fn read(dir: &Path) -> Result<ResultFolder, ReadError> {
    if dir.join(COMPARISON_JSON).is_file() {
        return compare::read_compare(dir);
    }
    if dir.join(SWEEP_JSON).is_file() {
        return sweep::read_sweep(dir);
    }
    if dir.join(SUMMARY_JSON).is_file() {
        return Ok(ResultFolder::Run(run::read_run(dir)?));
    }
    Err(ReadError::NotAResultFolder(dir.to_path_buf()))
}
