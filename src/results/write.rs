//! Writing a result folder. Every file is written to a temporary file in the same folder and
//! renamed into place, so an interrupted run never leaves a half-written file that looks whole.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::compare::{changes, money};
use super::stats::Summary;
use crate::experiment::{Comparison, ScenarioRun};
use crate::model::metric_names;
use crate::model::world::{SERIES, series_capacity, series_times};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The folder name for a scenario inside a comparison: its name, made safe for a file system.
pub fn folder_name(name: &str) -> String {
    let safe: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    if safe.is_empty() || safe.chars().all(|c| c == '.') { "scenario".into() } else { safe }
}

/// Write `bytes` to `path` atomically (temporary file, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Result files are ordinary files, readable like any other the user writes.
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.prefix(".caresim-").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn csv_bytes(write: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    write(&mut w).expect("writing CSV to memory cannot fail");
    w.into_inner().expect("flushing to memory cannot fail")
}

/// `replications.csv`: one row per replication, one column per metric, then one column
/// `draw:KEY` per uncertain parameter with the value drawn for that replication.
pub fn replications_csv(run: &ScenarioRun) -> Vec<u8> {
    let names = metric_names();
    let draw_keys: Vec<String> = run
        .outputs
        .first()
        .map(|o| o.draws.iter().map(|(k, _)| format!("draw:{k}")).collect())
        .unwrap_or_default();
    csv_bytes(|w| {
        let mut header = vec!["scenario".to_string(), "replication".to_string()];
        header.extend(names.iter().cloned());
        header.extend(draw_keys.iter().cloned());
        w.write_record(&header)?;
        for (i, out) in run.outputs.iter().enumerate() {
            let mut row = vec![run.inputs.name.clone(), i.to_string()];
            row.extend(out.metrics.iter().map(|v| v.to_string()));
            row.extend(out.draws.iter().map(|(_, v)| v.to_string()));
            w.write_record(&row)?;
        }
        Ok(())
    })
}

/// Summaries of every metric, in metric order.
pub fn summaries(run: &ScenarioRun) -> Vec<(String, Summary)> {
    metric_names().into_iter().enumerate().map(|(i, name)| (name, Summary::of(&run.metric(i)))).collect()
}

/// `summary.json`.
pub fn summary_json(run: &ScenarioRun) -> String {
    let sim = &run.inputs.simulation;
    let mut metrics = Map::new();
    for (name, summary) in summaries(run) {
        metrics.insert(name, serde_json::to_value(summary).expect("summaries serialise"));
    }
    let doc = json!({
        "scenario": run.inputs.name,
        "replications": run.outputs.len(),
        "years": sim.years,
        "warmup_years": sim.warmup_years,
        "seed": sim.seed,
        "caresim_version": VERSION,
        "metrics": Value::Object(metrics),
    });
    serde_json::to_string_pretty(&doc).expect("JSON serialises") + "\n"
}

/// `timeseries.csv`: per sample time and series, the mean and quantiles across replications.
pub fn timeseries_csv(run: &ScenarioRun) -> Vec<u8> {
    let times = series_times(&run.inputs);
    let capacity = series_capacity(&run.inputs);
    csv_bytes(|w| {
        w.write_record(["scenario", "day", "series", "capacity", "mean", "p05", "p50", "p95"])?;
        for (k, day) in times.iter().enumerate() {
            for (s, name) in SERIES.iter().enumerate() {
                let values: Vec<f64> =
                    run.outputs.iter().filter_map(|o| o.series.get(k).map(|row| row[s])).collect();
                if values.is_empty() {
                    continue;
                }
                let summary = Summary::of(&values);
                w.write_record([
                    run.inputs.name.clone(),
                    day.to_string(),
                    name.to_string(),
                    capacity[s].map(|c| c.to_string()).unwrap_or_default(),
                    summary.mean.to_string(),
                    summary.p05.to_string(),
                    summary.p50.to_string(),
                    summary.p95.to_string(),
                ])?;
            }
        }
        Ok(())
    })
}

/// `scenario.resolved.toml`: every parameter as run; itself a valid scenario file.
pub fn resolved_toml(run: &ScenarioRun) -> String {
    let body = toml::to_string(&run.inputs).expect("parameters serialise to TOML");
    format!(
        "# Resolved scenario: every parameter after `extends` and overrides, as run by caresim {VERSION}.\n\
         # Seed {} and {} replications of {} years after {} warm-up years.\n\
         # Rerun exactly with: caresim run scenario.resolved.toml\n\n{body}",
        run.inputs.simulation.seed,
        run.inputs.simulation.replications,
        run.inputs.simulation.years,
        run.inputs.simulation.warmup_years,
    )
}

/// Write the result folder for one scenario run; returns the files written. `sources` is the
/// scenario's files as written (with their notes on where each number comes from).
pub fn write_run_folder(dir: &Path, run: &ScenarioRun, sources: &str) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let files: [(&str, Vec<u8>); 5] = [
        ("scenario.resolved.toml", resolved_toml(run).into_bytes()),
        ("scenario.sources.txt", sources.as_bytes().to_vec()),
        ("replications.csv", replications_csv(run)),
        ("summary.json", summary_json(run).into_bytes()),
        ("timeseries.csv", timeseries_csv(run)),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// `comparison.csv`: one row per scenario and metric (tidy), with the paired difference from
/// the baseline, its 95% interval and the percent change.
pub fn comparison_csv(cmp: &Comparison) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record([
            "baseline",
            "scenario",
            "metric",
            "replications",
            "baseline_mean",
            "scenario_mean",
            "difference_mean",
            "difference_sd",
            "difference_ci95_low",
            "difference_ci95_high",
            "percent_change",
            "percent_ci95_low",
            "percent_ci95_high",
        ])?;
        for run in &cmp.scenarios {
            for c in changes(&cmp.baseline, run) {
                w.write_record([
                    cmp.baseline.inputs.name.clone(),
                    run.inputs.name.clone(),
                    c.metric.clone(),
                    run.outputs.len().to_string(),
                    c.baseline_mean.to_string(),
                    c.scenario_mean.to_string(),
                    c.difference.mean.to_string(),
                    opt(c.difference.sd),
                    opt(c.difference.ci95_low),
                    opt(c.difference.ci95_high),
                    opt(c.percent_change),
                    opt(c.percent_ci95_low),
                    opt(c.percent_ci95_high),
                ])?;
            }
        }
        Ok(())
    })
}

/// `comparison.json`: per scenario, every metric's change and the money view.
pub fn comparison_json(cmp: &Comparison) -> String {
    let sim = &cmp.baseline.inputs.simulation;
    let mut scenarios = Map::new();
    for run in &cmp.scenarios {
        let mut metrics = Map::new();
        for c in changes(&cmp.baseline, run) {
            let name = c.metric.clone();
            metrics.insert(name, serde_json::to_value(c).expect("changes serialise"));
        }
        scenarios.insert(
            run.inputs.name.clone(),
            json!({
                "metrics": Value::Object(metrics),
                "money": serde_json::to_value(money(&cmp.baseline, run)).expect("money serialises"),
            }),
        );
    }
    let doc = json!({
        "baseline": cmp.baseline.inputs.name,
        "replications": cmp.baseline.outputs.len(),
        "years": sim.years,
        "warmup_years": sim.warmup_years,
        "seed": sim.seed,
        "caresim_version": VERSION,
        "scenarios": Value::Object(scenarios),
    });
    serde_json::to_string_pretty(&doc).expect("JSON serialises") + "\n"
}

/// Write a comparison: each scenario's own result folder under `dir/<name>/`, and
/// `comparison.csv` and `comparison.json` in `dir`. `sources` holds each scenario's files as
/// written, baseline first. Returns the files written.
pub fn write_comparison_folder(
    dir: &Path,
    cmp: &Comparison,
    sources: &[String],
    folder_name: impl Fn(&str) -> String,
) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (run, sources) in std::iter::once(&cmp.baseline).chain(&cmp.scenarios).zip(sources) {
        written.extend(write_run_folder(&dir.join(folder_name(&run.inputs.name)), run, sources)?);
    }
    for (name, bytes) in
        [("comparison.csv", comparison_csv(cmp)), ("comparison.json", comparison_json(cmp).into_bytes())]
    {
        let path = dir.join(name);
        write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}
