//! Sweep results: one file per finished unit of work (so an interrupted sweep resumes and
//! shards merge), and the tidy `sweep.csv` / `sweep.json` assembled from them.
//!
//! The assembled numbers depend only on the per-replication values, taken in replication
//! order, so a sweep run whole, in shards, or resumed after an interruption gives the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::schema::{
    Metric, SWEEP_COLUMNS, SWEEP_CSV, SWEEP_JSON, SWEEP_MANIFEST, SWEEP_POINT_COLUMN,
    SWEEP_REPLICATION_COLUMN, SWEEP_REPLICATIONS_CSV, SweepFile, SweepMetric, SweepPoint, UNITS_CSV,
    UNITS_DIR, VERSION, metric_names,
};
use super::stats::{Summary, share_below_zero};
use super::write::write_atomic;
use crate::experiment::plan::{DesignKind, Group, Unit};
use crate::experiment::sweep::Sweep;

#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    #[error("cannot read or write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} is not as caresim writes it: {message}", path.display())]
    Malformed { path: PathBuf, message: String },
    #[error(
        "{} holds results of a different experiment (the experiment or a scenario file has changed since): \
         use another --out folder or delete the old results",
        dir.display()
    )]
    Changed { dir: PathBuf },
    #[error(
        "{} was started with another number of shards, which splits the work differently: use the same \
         --shard I/N as before, or another --out folder",
        dir.display()
    )]
    OtherSplit { dir: PathBuf },
    #[error("{} is not a sweep's folder: it has no {SWEEP_MANIFEST}", dir.display())]
    NotASweep { dir: PathBuf },
    #[error(
        "the results are incomplete: {missing} of {total} units have not run (run the missing shards, then merge)"
    )]
    Incomplete { missing: usize, total: usize },
    #[error(
        "{} holds a different sweep (or a changed experiment) from {}: only shards of one sweep can be merged",
        dir.display(),
        first.display()
    )]
    NotOneSweep { dir: PathBuf, first: PathBuf },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SweepError + '_ {
    move |source| SweepError::Io { path: path.to_path_buf(), source }
}

/// What a sweep is, written beside its results so shards can be checked and merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub experiment: String,
    pub design: DesignKind,
    /// SHA-256 of the experiment file and of every point's resolved scenario.
    pub hash: String,
    pub replications: u32,
    pub seed: u64,
    pub reference: String,
    pub metrics: Vec<String>,
    pub parameters: Vec<String>,
    /// Each point's parameter values, as TOML text, in parameter order.
    pub points: Vec<Vec<String>>,
    /// How the work was split (differs with the number of shards; the results do not).
    pub units: Vec<Unit>,
}

impl Manifest {
    /// The manifest of `sweep`.
    pub fn of(sweep: &Sweep) -> Manifest {
        let e = &sweep.experiment;
        Manifest {
            experiment: e.name.clone(),
            design: e.design.kind,
            hash: sweep.hash.clone(),
            replications: e.replications,
            seed: e.seed,
            reference: sweep.reference.name.clone(),
            metrics: e.metrics.clone(),
            parameters: e.parameters.iter().map(|p| p.key.clone()).collect(),
            // One column per parameter; a point that leaves a parameter as it is (one-way designs)
            // has an empty cell there.
            points: sweep
                .points
                .iter()
                .map(|point| {
                    e.parameters
                        .iter()
                        .map(|p| {
                            point
                                .values
                                .iter()
                                .find(|(k, _)| *k == p.key)
                                .map(|(_, v)| v.to_string())
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect(),
            units: sweep.units.clone(),
        }
    }
}

/// One finished unit: every metric for each of its replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitFile {
    pub hash: String,
    pub unit: String,
    pub first_rep: u32,
    pub end_rep: u32,
    pub metric_names: Vec<String>,
    /// `values[r][m]`: replication `first_rep + r`, metric `m`.
    pub values: Vec<Vec<f64>>,
}

pub fn manifest_path(dir: &Path) -> PathBuf {
    dir.join(SWEEP_MANIFEST)
}

fn unit_path(dir: &Path, unit: &Unit) -> PathBuf {
    dir.join(UNITS_DIR).join(format!("{}.json", unit.id()))
}

/// Write (or check) the manifest of the sweep in `dir`: an existing one must be the same sweep.
pub fn prepare(dir: &Path, manifest: &Manifest) -> Result<(), SweepError> {
    std::fs::create_dir_all(dir.join(UNITS_DIR)).map_err(io(dir))?;
    let path = manifest_path(dir);
    if path.is_file() {
        let old = read_manifest(dir)?;
        if old.hash != manifest.hash {
            return Err(SweepError::Changed { dir: dir.to_path_buf() });
        }
        if old.units != manifest.units {
            return Err(SweepError::OtherSplit { dir: dir.to_path_buf() });
        }
        return Ok(());
    }
    let text = serde_json::to_string_pretty(manifest).expect("manifests serialise") + "\n";
    write_atomic(&path, text.as_bytes()).map_err(io(&path))
}

pub fn read_manifest(dir: &Path) -> Result<Manifest, SweepError> {
    let path = manifest_path(dir);
    let text = std::fs::read_to_string(&path).map_err(io(&path))?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| SweepError::Malformed { path: path.clone(), message: e.to_string() })?;
    let malformed = |message: String| SweepError::Malformed { path: path.clone(), message };
    if let Some(unknown) = manifest.metrics.iter().find(|m| Metric::from_name(m).is_none()) {
        return Err(malformed(format!("it names an unknown metric `{unknown}`")));
    }
    if let Some(i) = manifest.points.iter().position(|p| p.len() != manifest.parameters.len()) {
        return Err(malformed(format!("point {i} does not have one value per parameter")));
    }
    if manifest_points(&manifest.units) != manifest.points.len()
        || !manifest.units.iter().any(|u| u.group == Group::Reference)
    {
        return Err(malformed("its units do not cover the reference and every point".into()));
    }
    Ok(manifest)
}

/// The manifest of the shards in `dirs`, which must all be shards of one sweep (split the same way).
pub fn read_shards(dirs: &[PathBuf]) -> Result<Manifest, SweepError> {
    if let Some(dir) = dirs.iter().find(|d| !manifest_path(d).is_file()) {
        return Err(SweepError::NotASweep { dir: dir.clone() });
    }
    let mut manifests: Vec<Manifest> = dirs.iter().map(|d| read_manifest(d)).collect::<Result<_, _>>()?;
    let first = &manifests[0];
    if let Some((dir, _)) =
        dirs.iter().zip(&manifests).find(|(_, m)| m.hash != first.hash || m.units != first.units)
    {
        return Err(SweepError::NotOneSweep { dir: dir.clone(), first: dirs[0].clone() });
    }
    Ok(manifests.swap_remove(0))
}

/// Whether `unit` has already finished in `dir` (with this sweep's hash).
pub fn is_done(dir: &Path, unit: &Unit, hash: &str) -> Result<bool, SweepError> {
    let path = unit_path(dir, unit);
    if !path.is_file() {
        return Ok(false);
    }
    // A unit file that cannot be read (cut short by a full disk, say) is simply run again.
    let Ok(file) = read_unit(&path) else { return Ok(false) };
    if file.hash != hash {
        return Err(SweepError::Changed { dir: dir.to_path_buf() });
    }
    Ok(true)
}

fn read_unit(path: &Path) -> Result<UnitFile, SweepError> {
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    serde_json::from_str(&text)
        .map_err(|e| SweepError::Malformed { path: path.to_path_buf(), message: e.to_string() })
}

/// Record a finished unit (atomically: a unit file is whole or absent).
pub fn write_unit(dir: &Path, unit: &Unit, hash: &str, values: Vec<Vec<f64>>) -> Result<(), SweepError> {
    let file = UnitFile {
        hash: hash.to_string(),
        unit: unit.id(),
        first_rep: unit.first_rep,
        end_rep: unit.end_rep,
        metric_names: metric_names(),
        values,
    };
    let path = unit_path(dir, unit);
    let text = serde_json::to_string(&file).expect("unit files serialise");
    write_atomic(&path, text.as_bytes()).map_err(io(&path))
}

/// Every group's values, replication by replication, gathered from the unit files in `dirs`.
pub fn assemble(
    dirs: &[PathBuf],
    units: &[Unit],
    hash: &str,
) -> Result<BTreeMap<Group, Vec<Vec<f64>>>, SweepError> {
    let mut groups: BTreeMap<Group, Vec<Vec<f64>>> = BTreeMap::new();
    let mut missing = 0;
    for unit in units {
        let Some(path) = dirs.iter().map(|d| unit_path(d, unit)).find(|p| p.is_file()) else {
            missing += 1;
            continue;
        };
        let file = read_unit(&path)?;
        if file.hash != hash {
            return Err(SweepError::Changed { dir: path.parent().unwrap_or(Path::new(".")).to_path_buf() });
        }
        if file.metric_names != metric_names() {
            return Err(SweepError::Malformed {
                path,
                message: "written by another version of caresim".into(),
            });
        }
        let rows = (unit.end_rep.saturating_sub(unit.first_rep)) as usize;
        let width = metric_names().len();
        if file.first_rep != unit.first_rep
            || file.end_rep != unit.end_rep
            || file.values.len() != rows
            || file.values.iter().any(|row| row.len() != width || row.iter().any(|v| !v.is_finite()))
        {
            return Err(SweepError::Malformed {
                path,
                message: format!(
                    "it should hold replications {} to {} with {width} finite values each",
                    unit.first_rep,
                    unit.end_rep.saturating_sub(1)
                ),
            });
        }
        groups.entry(unit.group).or_default().extend(file.values);
    }
    if missing > 0 {
        return Err(SweepError::Incomplete { missing, total: units.len() });
    }
    // Every group the manifest names must be there, with replications to summarise.
    let wanted = std::iter::once(Group::Reference).chain((0..manifest_points(units)).map(Group::Point));
    if let Some(group) = wanted.into_iter().find(|g| groups.get(g).is_none_or(|v| v.is_empty())) {
        return Err(SweepError::Malformed {
            path: dirs.first().cloned().unwrap_or_default(),
            message: format!("the sweep's units hold no replications of {group:?}"),
        });
    }
    Ok(groups)
}

/// The number of points the units cover (one past the highest point).
fn manifest_points(units: &[Unit]) -> usize {
    units
        .iter()
        .filter_map(|u| match u.group {
            Group::Point(i) => Some(i + 1),
            Group::Reference => None,
        })
        .max()
        .unwrap_or(0)
}

fn column(values: &[Vec<f64>], metric: usize) -> Vec<f64> {
    values.iter().map(|v| v[metric]).collect()
}

/// One point (or the reference) and one metric.
struct Row {
    point: String,
    values: Vec<String>,
    metric: String,
    summary: Summary,
    difference: Option<Summary>,
    probability_lower: Option<f64>,
}

fn rows(manifest: &Manifest, groups: &BTreeMap<Group, Vec<Vec<f64>>>) -> Vec<Row> {
    let index = |m: &str| Metric::from_name(m).expect("metrics are checked before the sweep runs").index();
    let reference = &groups[&Group::Reference];
    let mut rows = Vec::new();
    let labelled = std::iter::once((
        "reference".to_string(),
        vec![String::new(); manifest.parameters.len()],
        Group::Reference,
    ))
    .chain(manifest.points.iter().enumerate().map(|(i, v)| (i.to_string(), v.clone(), Group::Point(i))));
    for (point, values, group) in labelled {
        for metric in &manifest.metrics {
            let m = index(metric);
            let own = column(&groups[&group], m);
            let base = column(reference, m);
            let diffs: Vec<f64> = own.iter().zip(&base).map(|(a, b)| a - b).collect();
            let is_point = group != Group::Reference;
            rows.push(Row {
                point: point.clone(),
                values: values.clone(),
                metric: metric.clone(),
                summary: Summary::of(&own),
                difference: is_point.then(|| Summary::of(&diffs)),
                probability_lower: is_point.then(|| share_below_zero(&diffs)),
            });
        }
    }
    rows
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// `sweep.csv`: one row per point and metric of interest (the reference first).
pub fn sweep_csv(manifest: &Manifest, groups: &BTreeMap<Group, Vec<Vec<f64>>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![SWEEP_POINT_COLUMN.to_string()];
    header.extend(manifest.parameters.iter().cloned());
    header.extend(SWEEP_COLUMNS.map(String::from));
    w.write_record(&header).expect("writing to memory cannot fail");
    for r in rows(manifest, groups) {
        let d = r.difference;
        let mut record = vec![r.point];
        record.extend(r.values);
        record.extend([
            r.metric,
            r.summary.mean.to_string(),
            opt(r.summary.sd),
            opt(r.summary.ci95_low),
            opt(r.summary.ci95_high),
            r.summary.p05.to_string(),
            r.summary.p95.to_string(),
            opt(d.map(|d| d.mean)),
            opt(d.map(|d| d.p025)),
            opt(d.map(|d| d.p975)),
            opt(r.probability_lower),
            opt(d.and_then(|d| d.ci95_low)),
            opt(d.and_then(|d| d.ci95_high)),
            opt(d.map(|d| d.p05)),
            opt(d.map(|d| d.p95)),
        ]);
        w.write_record(&record).expect("writing to memory cannot fail");
    }
    w.into_inner().expect("flushing to memory cannot fail")
}

/// `sweep_replications.csv`: every metric of every replication of every point (the reference
/// first), for analyses of one's own.
pub fn sweep_replications_csv(manifest: &Manifest, groups: &BTreeMap<Group, Vec<Vec<f64>>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![SWEEP_POINT_COLUMN.to_string()];
    header.extend(manifest.parameters.iter().cloned());
    header.push(SWEEP_REPLICATION_COLUMN.to_string());
    header.extend(metric_names());
    w.write_record(&header).expect("writing to memory cannot fail");
    let labelled = std::iter::once((
        "reference".to_string(),
        vec![String::new(); manifest.parameters.len()],
        Group::Reference,
    ))
    .chain(manifest.points.iter().enumerate().map(|(i, v)| (i.to_string(), v.clone(), Group::Point(i))));
    for (point, values, group) in labelled {
        for (replication, row) in groups[&group].iter().enumerate() {
            let mut record = vec![point.clone()];
            record.extend(values.iter().cloned());
            record.push(replication.to_string());
            record.extend(row.iter().map(f64::to_string));
            w.write_record(&record).expect("writing to memory cannot fail");
        }
    }
    w.into_inner().expect("flushing to memory cannot fail")
}

/// `sweep.json`: the same, nested by point.
pub fn sweep_json(manifest: &Manifest, groups: &BTreeMap<Group, Vec<Vec<f64>>>) -> String {
    let mut points: Vec<SweepPoint> = Vec::new();
    for r in rows(manifest, groups) {
        if points.last().is_none_or(|p| p.point != r.point) {
            points.push(SweepPoint {
                point: r.point.clone(),
                values: manifest.parameters.iter().cloned().zip(r.values).collect(),
                metrics: Default::default(),
            });
        }
        let entry = SweepMetric {
            summary: r.summary,
            difference: r.difference,
            probability_lower: r.probability_lower,
        };
        points.last_mut().expect("pushed above").metrics.insert(r.metric, entry);
    }
    let doc = SweepFile {
        experiment: manifest.experiment.clone(),
        hash: manifest.hash.clone(),
        replications: manifest.replications,
        seed: manifest.seed,
        reference: manifest.reference.clone(),
        caresim_version: VERSION.to_string(),
        parameters: manifest.parameters.clone(),
        points,
    };
    serde_json::to_string_pretty(&doc).expect("JSON serialises") + "\n"
}

/// Assemble the units found in `dirs` and write `sweep.csv`, `sweep.json` and the manifest to
/// `out`. Returns the path of `sweep.csv`.
pub fn finish(
    out: &Path,
    dirs: &[PathBuf],
    manifest: &Manifest,
    units: &[Unit],
) -> Result<PathBuf, SweepError> {
    let groups = assemble(dirs, units, &manifest.hash)?;
    std::fs::create_dir_all(out).map_err(io(out))?;
    if manifest_path(out).is_file() && read_manifest(out)?.hash != manifest.hash {
        return Err(SweepError::Changed { dir: out.to_path_buf() });
    }
    let csv_path = out.join(SWEEP_CSV);
    write_atomic(&csv_path, &sweep_csv(manifest, &groups)).map_err(io(&csv_path))?;
    let json_path = out.join(SWEEP_JSON);
    write_atomic(&json_path, sweep_json(manifest, &groups).as_bytes()).map_err(io(&json_path))?;
    let replications_path = out.join(SWEEP_REPLICATIONS_CSV);
    write_atomic(&replications_path, &sweep_replications_csv(manifest, &groups))
        .map_err(io(&replications_path))?;
    let units_path = out.join(UNITS_CSV);
    write_atomic(&units_path, &super::write::units_csv()).map_err(io(&units_path))?;
    if !manifest_path(out).is_file() {
        let text = serde_json::to_string_pretty(manifest).expect("manifests serialise") + "\n";
        write_atomic(&manifest_path(out), text.as_bytes()).map_err(io(out))?;
    }
    Ok(csv_path)
}
