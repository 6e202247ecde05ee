//! Reading a result folder back, in the shape [`super::schema`] defines and `write` wrote it:
//! what `report` draws from. Only the files of the contract are read; nothing is recomputed
//! from the model. A file that is missing or not as caresim writes it is an error, never a
//! panic.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::compare::{Change, Money};
use super::schema::{
    COMPARISON_JSON, ComparisonFile, DRAW_PREFIX, Keyed, Metric, REPLICATION_COLUMNS, REPLICATIONS_CSV,
    RESOLVED_TOML, SOURCES_TXT, SUMMARY_JSON, SWEEP_JSON, SummaryFile, SweepFile, TIMESERIES_COLUMNS,
    TIMESERIES_CSV, folder_name,
};
pub use super::schema::{SweepMetric, SweepPoint};
use super::stats::Summary;
use super::sweep::Manifest;

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
    /// Every metric's summary across replications, in metric order.
    pub metrics: Keyed<Summary>,
    /// Every replication's values.
    pub per_replication: Replications,
    pub series: Vec<SeriesRow>,
    pub resolved: String,
    /// The scenario files as written, when the folder has them.
    pub sources: Option<String>,
}

impl RunFolder {
    /// The mean of a metric (0 if the folder does not have it).
    pub fn mean(&self, metric: Metric) -> f64 {
        self.metrics.get(metric.name()).map_or(0.0, |s| s.mean)
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

fn read_text(path: &Path) -> Result<String, ReadError> {
    std::fs::read_to_string(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, ReadError> {
    serde_json::from_str(&read_text(path)?).map_err(|e| malformed(path, e))
}

fn malformed(path: &Path, message: impl ToString) -> ReadError {
    ReadError::Malformed { path: path.to_path_buf(), message: message.to_string() }
}

fn csv_reader(path: &Path, columns: &[&str]) -> Result<csv::Reader<std::fs::File>, ReadError> {
    let file =
        std::fs::File::open(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    let mut reader = csv::Reader::from_reader(file);
    let header = reader.headers().map_err(|e| malformed(path, e))?;
    if header.len() < columns.len() || header.iter().zip(columns).any(|(h, c)| h != *c) {
        return Err(malformed(path, format!("its columns do not start with {}", columns.join(","))));
    }
    Ok(reader)
}

fn read_series(path: &Path) -> Result<Vec<SeriesRow>, ReadError> {
    let mut reader = csv_reader(path, &TIMESERIES_COLUMNS)?;
    reader.deserialize().collect::<Result<Vec<SeriesRow>, _>>().map_err(|e| malformed(path, e))
}

fn read_replications(path: &Path, scenario: &str) -> Result<Replications, ReadError> {
    let mut reader = csv_reader(path, &REPLICATION_COLUMNS)?;
    let header = reader.headers().map_err(|e| malformed(path, e))?.clone();
    let columns: Vec<&str> = header.iter().skip(REPLICATION_COLUMNS.len()).collect();
    let metric_count = columns.iter().take_while(|c| !c.starts_with(DRAW_PREFIX)).count();
    let (metrics, draws) = columns.split_at(metric_count);
    let draws: Option<Vec<String>> =
        draws.iter().map(|c| c.strip_prefix(DRAW_PREFIX).map(String::from)).collect();
    let draws = draws.ok_or_else(|| malformed(path, "a metric column comes after the drawn parameters"))?;
    let mut rows = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| malformed(path, e))?;
        let row = line + 2;
        if &record[0] != scenario {
            return Err(malformed(path, format!("row {row} is of scenario {}, not {scenario}", &record[0])));
        }
        let number = |i: usize| {
            record[i].parse::<f64>().map_err(|_| malformed(path, format!("row {row}, column {}", &header[i])))
        };
        let first = REPLICATION_COLUMNS.len();
        rows.push(ReplicationRow {
            replication: record[1].parse().map_err(|_| malformed(path, format!("row {row}: replication")))?,
            metrics: (first..first + metric_count).map(number).collect::<Result<_, _>>()?,
            draws: (first + metric_count..record.len()).map(number).collect::<Result<_, _>>()?,
        });
    }
    Ok(Replications { metrics: metrics.iter().map(|c| c.to_string()).collect(), draws, rows })
}

fn read_run(dir: &Path) -> Result<RunFolder, ReadError> {
    let summary: SummaryFile = read_json(&dir.join(SUMMARY_JSON))?;
    let sources_path = dir.join(SOURCES_TXT);
    Ok(RunFolder {
        dir: dir.to_path_buf(),
        per_replication: read_replications(&dir.join(REPLICATIONS_CSV), &summary.scenario)?,
        scenario: summary.scenario,
        replications: summary.replications,
        years: summary.years,
        warmup_years: summary.warmup_years,
        seed: summary.seed,
        version: summary.caresim_version,
        metrics: summary.metrics,
        series: read_series(&dir.join(TIMESERIES_CSV))?,
        resolved: read_text(&dir.join(RESOLVED_TOML))?,
        sources: sources_path.is_file().then(|| read_text(&sources_path)).transpose()?,
    })
}

/// Read the result folder at `dir`, from `run`, `compare` or `sweep`.
pub fn read(dir: &Path) -> Result<ResultFolder, ReadError> {
    let comparison_path = dir.join(COMPARISON_JSON);
    if comparison_path.is_file() {
        let file: ComparisonFile = read_json(&comparison_path)?;
        let baseline = read_run(&dir.join(folder_name(&file.baseline)))?;
        let mut scenarios = Vec::new();
        let mut changes = Vec::new();
        for (name, entry) in file.scenarios.0 {
            scenarios.push(read_run(&dir.join(folder_name(&name)))?);
            changes.push(ScenarioChanges { scenario: name, metrics: entry.metrics, money: entry.money });
        }
        return Ok(ResultFolder::Compare { dir: dir.to_path_buf(), baseline, scenarios, changes });
    }
    let sweep_path = dir.join(SWEEP_JSON);
    if sweep_path.is_file() {
        let file: SweepFile = read_json(&sweep_path)?;
        let manifest = super::sweep::read_manifest(dir).map_err(|e| malformed(&sweep_path, e))?;
        return Ok(ResultFolder::Sweep(SweepFolder {
            dir: dir.to_path_buf(),
            manifest,
            points: file.points,
        }));
    }
    if dir.join(SUMMARY_JSON).is_file() {
        return Ok(ResultFolder::Run(read_run(dir)?));
    }
    Err(ReadError::NotAResultFolder(dir.to_path_buf()))
}
