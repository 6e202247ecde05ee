//! Reading a result folder back: what `report` draws from. Only the files of the contract are
//! read; nothing is recomputed from the model.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::compare::{Change, Money};
use super::stats::Summary;
use super::sweep::Manifest;
use super::write::folder_name;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{} is not a caresim result folder: it has no summary.json, comparison.json or sweep.json", .0.display())]
    NotAResultFolder(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} is not as caresim writes it: {message}", path.display())]
    Malformed { path: PathBuf, message: String },
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
    pub metrics: BTreeMap<String, Summary>,
    pub series: Vec<SeriesRow>,
    pub resolved: String,
    /// The scenario files as written, when the folder has them.
    pub sources: Option<String>,
}

impl RunFolder {
    /// The mean of a metric (0 if the folder does not have it).
    pub fn mean(&self, metric: &str) -> f64 {
        self.metrics.get(metric).map_or(0.0, |s| s.mean)
    }

    /// The rows of one occupancy series, in time order.
    pub fn series(&self, name: &str) -> Vec<&SeriesRow> {
        self.series.iter().filter(|r| r.series == name).collect()
    }
}

#[derive(Debug, Clone, Deserialize)]
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
    pub metrics: BTreeMap<String, Change>,
    pub money: Money,
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

#[derive(Debug, Clone, Deserialize)]
pub struct SweepPoint {
    pub point: String,
    /// Parameter values as TOML text, by parameter key (empty: left as in the scenario).
    pub values: BTreeMap<String, String>,
    pub metrics: BTreeMap<String, SweepMetric>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SweepMetric {
    pub summary: Summary,
    pub difference: Option<Summary>,
    pub share_lower: Option<f64>,
}

#[derive(Deserialize)]
struct SweepFile {
    points: Vec<SweepPoint>,
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

fn read_text(path: &Path) -> Result<String, ReadError> {
    std::fs::read_to_string(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })
}

fn malformed(path: &Path, message: impl ToString) -> ReadError {
    ReadError::Malformed { path: path.to_path_buf(), message: message.to_string() }
}

#[derive(Deserialize)]
struct SummaryFile {
    scenario: String,
    replications: u64,
    years: u64,
    warmup_years: u64,
    seed: u64,
    caresim_version: String,
    metrics: BTreeMap<String, Summary>,
}

fn read_run(dir: &Path) -> Result<RunFolder, ReadError> {
    let summary_path = dir.join("summary.json");
    let summary: SummaryFile =
        serde_json::from_str(&read_text(&summary_path)?).map_err(|e| malformed(&summary_path, e))?;
    let series_path = dir.join("timeseries.csv");
    let mut reader = csv::Reader::from_path(&series_path).map_err(|e| malformed(&series_path, e))?;
    let series = reader
        .deserialize()
        .collect::<Result<Vec<SeriesRow>, _>>()
        .map_err(|e| malformed(&series_path, e))?;
    let sources_path = dir.join("scenario.sources.txt");
    Ok(RunFolder {
        dir: dir.to_path_buf(),
        scenario: summary.scenario,
        replications: summary.replications,
        years: summary.years,
        warmup_years: summary.warmup_years,
        seed: summary.seed,
        version: summary.caresim_version,
        metrics: summary.metrics,
        series,
        resolved: read_text(&dir.join("scenario.resolved.toml"))?,
        sources: sources_path.is_file().then(|| read_text(&sources_path)).transpose()?,
    })
}

#[derive(Deserialize)]
struct ComparisonFile {
    baseline: String,
    scenarios: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct ScenarioEntry {
    metrics: BTreeMap<String, Change>,
    money: Money,
}

/// Read the result folder at `dir`, from `run` or from `compare`.
pub fn read(dir: &Path) -> Result<ResultFolder, ReadError> {
    let comparison_path = dir.join("comparison.json");
    if comparison_path.is_file() {
        let file: ComparisonFile = serde_json::from_str(&read_text(&comparison_path)?)
            .map_err(|e| malformed(&comparison_path, e))?;
        let baseline = read_run(&dir.join(folder_name(&file.baseline)))?;
        let mut scenarios = Vec::new();
        let mut changes = Vec::new();
        for (name, value) in file.scenarios {
            let entry: ScenarioEntry = serde_json::from_value(value)
                .map_err(|e| malformed(&comparison_path, format!("{name}: {e}")))?;
            scenarios.push(read_run(&dir.join(folder_name(&name)))?);
            changes.push(ScenarioChanges { scenario: name, metrics: entry.metrics, money: entry.money });
        }
        return Ok(ResultFolder::Compare { dir: dir.to_path_buf(), baseline, scenarios, changes });
    }
    let sweep_path = dir.join("sweep.json");
    if sweep_path.is_file() {
        let file: SweepFile =
            serde_json::from_str(&read_text(&sweep_path)?).map_err(|e| malformed(&sweep_path, e))?;
        let manifest = super::sweep::read_manifest(dir).map_err(|e| malformed(&sweep_path, e))?;
        return Ok(ResultFolder::Sweep(SweepFolder {
            dir: dir.to_path_buf(),
            manifest,
            points: file.points,
        }));
    }
    if dir.join("summary.json").is_file() {
        return Ok(ResultFolder::Run(read_run(dir)?));
    }
    Err(ReadError::NotAResultFolder(dir.to_path_buf()))
}
