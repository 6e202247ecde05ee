//! A sweep's folder: `sweep.json` and `sweep.csv` must hold the sweep that
//! `sweep.manifest.json` describes: the reference, then every point of the design with its
//! parameter values, each with every metric of interest.

use std::path::Path;

use super::check::{agrees, once_each, same_keys, summary_of};
use super::files::{Table, json, malformed, versioned_json};
use super::{ReadError, ResultFolder, SweepFolder};
use crate::results::schema::{
    Metric, SWEEP_COLUMNS, SWEEP_CSV, SWEEP_JSON, SWEEP_MANIFEST, SWEEP_POINT_COLUMN, SweepFile, SweepMetric,
};
use crate::results::sweep::{Manifest, manifest_path};

pub fn read_sweep(dir: &Path) -> Result<ResultFolder, ReadError> {
    // sweep.json first: it carries the version, so another version's folder is refused as such.
    let path = dir.join(SWEEP_JSON);
    let file: SweepFile = versioned_json(&path)?;
    let manifest_path = manifest_path(dir);
    let manifest: Manifest = json(&manifest_path)?;
    check_manifest(&manifest).map_err(|m| malformed(&manifest_path, m))?;
    check_file(&file, &manifest).map_err(|m| malformed(&path, m))?;
    check_csv(&dir.join(SWEEP_CSV), &file)?;
    Ok(ResultFolder::Sweep(SweepFolder { dir: dir.to_path_buf(), manifest, points: file.points }))
}

fn check_manifest(m: &Manifest) -> Result<(), String> {
    if m.replications == 0 {
        return Err("it has 0 replications: a point has one at least".into());
    }
    if m.metrics.is_empty() {
        return Err("it has no metrics of interest".into());
    }
    if let Some(unknown) = m.metrics.iter().find(|name| Metric::from_name(name).is_none()) {
        return Err(format!("it has a metric `{unknown}` that this caresim does not know"));
    }
    fn listed(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }
    once_each(&listed(&m.metrics), "metric")?;
    once_each(&listed(&m.parameters), "parameter")?;
    let width = m.parameters.len();
    if let Some((i, values)) = m.points.iter().enumerate().find(|(_, p)| p.len() != width) {
        return Err(format!("point {i} has {} values for {width} parameters", values.len()));
    }
    Ok(())
}

/// The points of `file` against those of the manifest, and each point's metrics.
fn check_file(file: &SweepFile, m: &Manifest) -> Result<(), String> {
    agrees(file.experiment.as_str(), m.experiment.as_str(), "experiment", SWEEP_MANIFEST)?;
    agrees(file.hash.as_str(), m.hash.as_str(), "fingerprint", SWEEP_MANIFEST)?;
    agrees(file.replications, m.replications, "number of replications", SWEEP_MANIFEST)?;
    agrees(file.seed, m.seed, "seed", SWEEP_MANIFEST)?;
    agrees(file.reference.as_str(), m.reference.as_str(), "reference", SWEEP_MANIFEST)?;
    agrees(file.parameters.join(", "), m.parameters.join(", "), "parameters", SWEEP_MANIFEST)?;
    let expected = m.points.len() + 1;
    if file.points.is_empty() {
        return Err(format!(
            "it has no points, where the sweep has the reference and {} design points",
            m.points.len()
        ));
    }
    agrees(file.points.len(), expected, "number of points (the reference included)", SWEEP_MANIFEST)?;
    let metrics: Vec<&str> = m.metrics.iter().map(String::as_str).collect();
    let blank = vec![String::new(); m.parameters.len()];
    let values = std::iter::once(&blank).chain(&m.points);
    for (i, (point, values)) in file.points.iter().zip(values).enumerate() {
        let name = if i == 0 { "reference".to_string() } else { (i - 1).to_string() };
        agrees(point.point.as_str(), name.as_str(), &format!("point {i}"), "its place")?;
        let within = |e: String| format!("point {name}: {e}");
        let expected: Vec<(String, String)> =
            m.parameters.iter().cloned().zip(values.iter().cloned()).collect();
        if point.values.0 != expected {
            return Err(within(format!("its parameter values are not those of {SWEEP_MANIFEST}")));
        }
        same_keys(point.metrics.keys(), &metrics, "metric").map_err(within)?;
        for (metric, entry) in &point.metrics.0 {
            check_metric(entry, i == 0, u64::from(m.replications))
                .map_err(|e| within(format!("{metric}: {e}")))?;
        }
    }
    Ok(())
}

/// A point's metric: a summary; for a point (not the reference) the paired difference and the
/// probability that it is lower than the reference, between 0 and 1.
fn check_metric(entry: &SweepMetric, reference: bool, n: u64) -> Result<(), String> {
    summary_of(&entry.summary, n, "the summary")?;
    match (reference, entry.difference, entry.probability_lower) {
        (true, None, None) => Ok(()),
        (true, ..) => Err("the reference has a difference from itself".into()),
        (false, Some(d), Some(share)) if (0.0..=1.0).contains(&share) => summary_of(&d, n, "the difference"),
        (false, Some(_), Some(share)) => Err(format!("probability_lower is {share}, not a probability")),
        (false, ..) => Err("it has no difference from the reference".into()),
    }
}

/// `sweep.csv`: a row per point and metric, in the order of `sweep.json`.
fn check_csv(path: &Path, file: &SweepFile) -> Result<(), ReadError> {
    let table = Table::read(path)?;
    let mut columns = vec![SWEEP_POINT_COLUMN.to_string()];
    columns.extend(file.parameters.iter().cloned());
    columns.extend(SWEEP_COLUMNS.map(String::from));
    table.expect_columns(&columns)?;
    let expected: Vec<_> =
        file.points.iter().flat_map(|p| p.metrics.keys().map(move |metric| (p, metric))).collect();
    agrees(table.len(), expected.len(), "number of rows", "sweep.json (a row per point and metric)")
        .map_err(|m| table.malformed(m))?;
    let first = 1 + file.parameters.len();
    for (row, (point, metric)) in table.rows().zip(expected) {
        let mut names = vec![(0, point.point.as_str(), "point")];
        names
            .extend(point.values.0.iter().enumerate().map(|(i, (key, v))| (1 + i, v.as_str(), key.as_str())));
        names.push((first, metric, "metric"));
        for (column, name, what) in names {
            agrees(row.text(column)?, name, what, SWEEP_JSON).map_err(|m| row.malformed(m))?;
        }
        // mean, p05 and p95 always; the rest are empty where there is no spread or no difference.
        for column in first + 1..first + SWEEP_COLUMNS.len() {
            if [1, 5, 6].contains(&(column - first)) {
                row.number(column)?;
            } else {
                row.optional(column)?;
            }
        }
    }
    Ok(())
}
