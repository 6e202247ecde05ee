//! Writing a result folder (`run` and `compare`) in the shape [`super::schema`] defines. The
//! folder is written into a staging folder that [`super::folder::Staging`] swaps in whole;
//! [`write_atomic`] serves files written one at a time into a folder in use (a sweep's units).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::budget::{budget_changes, budget_rows};
use super::by_place::{Level, PlaceKey, place_changes, place_values};
use super::by_year::{year_changes, year_values};
use super::cohorts::cohort_rows;
use super::compare::{changes, money, per_case_figures, value_of_information_of};
use super::folder::{TEMPORARY_PREFIX, fault_point, write_file};
use super::schema::{
    BUDGET_COLUMNS, BUDGET_CSV, BUDGET_IMPACT_COLUMNS, BUDGET_IMPACT_CSV, BY_PLACE_CHANGE_COLUMNS,
    BY_PLACE_CHANGE_CSV, BY_PLACE_COLUMNS, BY_PLACE_CSV, BY_YEAR_CHANGE_COLUMNS, BY_YEAR_CHANGE_CSV,
    BY_YEAR_COLUMNS, BY_YEAR_CSV, Better, CAPACITIES_CSV, CAPACITY_COLUMNS, COHORT_COLUMNS, COHORT_CSV,
    COMPARISON_COLUMNS, COMPARISON_CSV, COMPARISON_JSON, ComparisonFile, DRAW_PREFIX, Metric,
    REPLICATION_COLUMNS, REPLICATIONS_CSV, RESOLVED_TOML, SOURCES_TXT, SUMMARY_JSON, ScenarioEntry,
    SummaryFile, TIMESERIES_COLUMNS, TIMESERIES_CSV, TRACE_COLUMNS, TRACE_CSV, UNITS_COLUMNS, UNITS_CSV,
    VERSION, folder_name,
};
use super::stats::Summary;
use crate::experiment::{Comparison, ScenarioRun};
use crate::model::history::History;
use crate::model::world::{SERIES, series_capacity, series_in_use, series_times};

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
    let mut tmp = builder.prefix(TEMPORARY_PREFIX).tempfile_in(dir)?;
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
    let draw_keys: Vec<String> = run
        .outputs
        .first()
        .map(|o| o.draws.iter().map(|(k, _)| format!("{DRAW_PREFIX}{k}")).collect())
        .unwrap_or_default();
    csv_bytes(|w| {
        let mut header: Vec<String> = REPLICATION_COLUMNS.map(String::from).to_vec();
        header.extend(Metric::ALL.iter().map(|m| m.name().to_string()));
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

/// `summary.json`: every metric summarised across replications, in metric order.
pub fn summary_json(run: &ScenarioRun) -> String {
    let sim = &run.inputs.simulation;
    let doc = SummaryFile {
        scenario: run.inputs.name.clone(),
        replications: run.outputs.len() as u64,
        years: u64::from(sim.years),
        warmup_years: u64::from(sim.warmup_years),
        seed: sim.seed,
        caresim_version: VERSION.to_string(),
        metrics: Metric::ALL
            .iter()
            .map(|m| (m.name().to_string(), Summary::of(&run.metric(m.index()))))
            .collect(),
        budget: budget_rows(run),
    };
    serde_json::to_string_pretty(&doc).expect("JSON serialises") + "\n"
}

/// `timeseries.csv`: per sample time and series, the mean and quantiles across replications.
pub fn timeseries_csv(run: &ScenarioRun) -> Vec<u8> {
    let times = series_times(&run.inputs);
    let capacity = series_capacity(&run.inputs);
    let in_use = series_in_use(&run.inputs);
    csv_bytes(|w| {
        w.write_record(TIMESERIES_COLUMNS)?;
        for (k, day) in times.iter().enumerate() {
            for (s, name) in SERIES.iter().enumerate().filter(|(s, _)| in_use[*s]) {
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

/// `budget.csv`: undiscounted cash and days used by measured year, line and measure.
pub fn budget_csv(run: &ScenarioRun) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(BUDGET_COLUMNS)?;
        for row in budget_rows(run) {
            w.write_record([
                run.inputs.name.clone(),
                row.year.to_string(),
                row.line,
                row.measure,
                row.summary.mean.to_string(),
                row.summary.p025.to_string(),
                row.summary.p975.to_string(),
            ])?;
        }
        Ok(())
    })
}

/// `budget_impact.csv`: per scenario, the paired change in each budget row.
pub fn budget_impact_csv(cmp: &Comparison) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(BUDGET_IMPACT_COLUMNS)?;
        for run in &cmp.scenarios {
            for c in budget_changes(&cmp.baseline, run) {
                w.write_record([
                    cmp.baseline.inputs.name.clone(),
                    run.inputs.name.clone(),
                    c.year.to_string(),
                    c.line,
                    c.measure,
                    c.baseline_mean.to_string(),
                    c.scenario_mean.to_string(),
                    c.difference.mean.to_string(),
                    c.difference.p025.to_string(),
                    c.difference.p975.to_string(),
                    c.probability_lower.to_string(),
                ])?;
            }
        }
        Ok(())
    })
}

/// `by_year.csv`: every metric by measured year.
pub fn by_year_csv(run: &ScenarioRun) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(BY_YEAR_COLUMNS)?;
        for v in year_values(run) {
            let numbers = [v.mean, v.p025, v.p975].map(|x| x.to_string());
            w.write_record(
                [run.inputs.name.clone(), v.year.to_string(), v.metric].into_iter().chain(numbers),
            )?;
        }
        Ok(())
    })
}

/// `by_year_change.csv`: per scenario, the paired change in every metric by measured year.
pub fn by_year_change_csv(cmp: &Comparison) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(BY_YEAR_CHANGE_COLUMNS)?;
        for run in &cmp.scenarios {
            for c in year_changes(&cmp.baseline, run) {
                let names =
                    [cmp.baseline.inputs.name.clone(), run.inputs.name.clone(), c.year.to_string(), c.metric];
                let numbers = [
                    c.baseline_mean,
                    c.scenario_mean,
                    c.difference_mean,
                    c.difference_p025,
                    c.difference_p975,
                    c.probability_lower,
                ]
                .map(|x| x.to_string());
                w.write_record(names.into_iter().chain(numbers))?;
            }
        }
        Ok(())
    })
}

/// `cohort.csv`: per scenario, what happened to the people each intervention served.
pub fn cohort_csv(cmp: &Comparison) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(COHORT_COLUMNS)?;
        for (run, cohorts) in cmp.scenarios.iter().zip(&cmp.cohorts) {
            for r in cohort_rows(cohorts) {
                let names = [&cmp.baseline.inputs.name, &run.inputs.name, &r.cohort].map(String::clone);
                let keys = [r.months.to_string(), r.measure.name().into(), r.quantity.name().into()];
                let numbers =
                    [r.replications as f64, r.people, r.mean, r.p025, r.p975].map(|x| x.to_string());
                w.write_record(names.into_iter().chain(keys).chain(numbers))?;
            }
        }
        Ok(())
    })
}

/// A place's key as text: level, place (empty for what is no one's) and year (empty for the
/// window).
fn place_fields(key: PlaceKey) -> [String; 3] {
    let place = if key.level == Level::Unattributed { String::new() } else { key.place.to_string() };
    [key.level.name().to_string(), place, key.year.map(|y| y.to_string()).unwrap_or_default()]
}

/// `by_place.csv`: a scenario's every metric that belongs to people, by place and year.
pub fn by_place_csv(run: &ScenarioRun) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(BY_PLACE_COLUMNS)?;
        for v in place_values(run) {
            let [level, place, year] = place_fields(v.key);
            let s = &v.summary;
            w.write_record([
                run.inputs.name.clone(),
                level,
                place,
                v.covered_share.to_string(),
                year,
                v.metric.name().to_string(),
                s.mean.to_string(),
                s.p025.to_string(),
                s.p975.to_string(),
            ])?;
        }
        Ok(())
    })
}

/// `by_place_change.csv`: per scenario, the paired change in every metric by place and year.
pub fn by_place_change_csv(cmp: &Comparison) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(BY_PLACE_CHANGE_COLUMNS)?;
        for run in &cmp.scenarios {
            for c in place_changes(&cmp.baseline, run) {
                let [level, place, year] = place_fields(c.key);
                let names = [cmp.baseline.inputs.name.clone(), run.inputs.name.clone(), level, place];
                let middle = [c.covered_share.to_string(), year, c.metric.name().to_string()];
                let numbers = [
                    c.baseline_mean,
                    c.scenario_mean,
                    c.difference_mean,
                    c.difference_p025,
                    c.difference_p975,
                    c.probability_lower,
                ]
                .map(|x| x.to_string());
                w.write_record(names.into_iter().chain(middle).chain(numbers))?;
            }
        }
        Ok(())
    })
}

/// `trace.csv`: every move of replication `replication`.
pub fn trace_csv(replication: u32, history: &History) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(TRACE_COLUMNS)?;
        for m in &history.moves {
            let from = m.from.map_or("", |p| p.name());
            w.write_record([
                &replication.to_string(),
                &m.time.to_string(),
                &m.person.to_string(),
                from,
                m.to.name(),
                m.cause.name(),
            ])?;
        }
        Ok(())
    })
}

/// Write `trace.csv` for replication `replication` into a scenario's folder `dir`.
pub fn write_trace(dir: &Path, replication: u32, history: &History) -> std::io::Result<PathBuf> {
    let path = dir.join(TRACE_CSV);
    write_file(&path, &trace_csv(replication, history))?;
    Ok(path)
}

/// `units.csv`: every metric's unit, which way is better and its label.
pub fn units_csv() -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(UNITS_COLUMNS)?;
        for metric in Metric::ALL {
            let better = match metric.better() {
                Better::Lower => "lower",
                Better::Higher => "higher",
                Better::Neither => "neither",
            };
            w.write_record([metric.name(), metric.unit().key(), better, metric.label()])?;
        }
        Ok(())
    })
}

/// `capacities.csv`: what each base service's capacity came to.
pub fn capacities_csv(run: &ScenarioRun) -> Vec<u8> {
    let inputs = &run.inputs;
    let aged = inputs.aged_65_plus_planned().to_string();
    csv_bytes(|w| {
        w.write_record(CAPACITY_COLUMNS)?;
        for (key, capacity, units) in inputs.capacities() {
            w.write_record([inputs.name.as_str(), key, &capacity.as_written(), &aged, &units.to_string()])?;
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

/// Write the result folder for one scenario run into `dir` (a staging folder); returns the
/// files written. `sources` is the scenario's files as written (with their notes on where each
/// number comes from).
pub fn write_run_folder(dir: &Path, run: &ScenarioRun, sources: &str) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let files: [(&str, Vec<u8>); 10] = [
        (RESOLVED_TOML, resolved_toml(run).into_bytes()),
        (UNITS_CSV, units_csv()),
        (SOURCES_TXT, sources.as_bytes().to_vec()),
        (CAPACITIES_CSV, capacities_csv(run)),
        (REPLICATIONS_CSV, replications_csv(run)),
        (SUMMARY_JSON, summary_json(run).into_bytes()),
        (TIMESERIES_CSV, timeseries_csv(run)),
        (BUDGET_CSV, budget_csv(run)),
        (BY_YEAR_CSV, by_year_csv(run)),
        (BY_PLACE_CSV, by_place_csv(run)),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_file(&path, &bytes)?;
        fault_point(&format!("after {name}"));
        written.push(path);
    }
    Ok(written)
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// `comparison.csv`: one row per scenario and metric (tidy), with the paired difference from
/// the baseline (its mean, uncertainty interval and the probability it is below zero, then its
/// sd and simulation precision) and the percent change.
pub fn comparison_csv(cmp: &Comparison) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(COMPARISON_COLUMNS)?;
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
                    c.difference.p025.to_string(),
                    c.difference.p975.to_string(),
                    c.probability_lower.to_string(),
                    opt(c.share_from_parameters),
                    opt(c.difference.sd),
                    opt(c.difference.ci95_low),
                    opt(c.difference.ci95_high),
                    opt(c.percent_change),
                    opt(c.percent_ci95_low),
                    opt(c.percent_ci95_high),
                    opt(c.percent_p025),
                    opt(c.percent_p975),
                ])?;
            }
        }
        Ok(())
    })
}

/// `comparison.json`: per scenario, every metric's change and the money view.
pub fn comparison_json(cmp: &Comparison) -> String {
    let sim = &cmp.baseline.inputs.simulation;
    let doc = ComparisonFile {
        baseline: cmp.baseline.inputs.name.clone(),
        replications: cmp.baseline.outputs.len() as u64,
        years: u64::from(sim.years),
        warmup_years: u64::from(sim.warmup_years),
        seed: sim.seed,
        caresim_version: VERSION.to_string(),
        scenarios: cmp
            .scenarios
            .iter()
            .map(|run| {
                let metrics =
                    changes(&cmp.baseline, run).into_iter().map(|c| (c.metric.clone(), c)).collect();
                let entry = ScenarioEntry {
                    metrics,
                    money: money(&cmp.baseline, run),
                    value_of_information: value_of_information_of(&cmp.baseline, run),
                    budget_impact: budget_changes(&cmp.baseline, run),
                    per_case: per_case_figures(&cmp.baseline, run),
                };
                (run.inputs.name.clone(), entry)
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).expect("JSON serialises") + "\n"
}

/// Write a comparison into `dir` (a staging folder): each scenario's own result folder under
/// `dir/<name>/` (named by [`folder_name`]), and `comparison.csv` and `comparison.json`. `sources` holds each
/// scenario's files as written, baseline first. Returns the files written.
pub fn write_comparison_folder(
    dir: &Path,
    cmp: &Comparison,
    sources: &[String],
) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (run, sources) in std::iter::once(&cmp.baseline).chain(&cmp.scenarios).zip(sources) {
        written.extend(write_run_folder(&dir.join(folder_name(&run.inputs.name)), run, sources)?);
    }
    for (name, bytes) in [
        (COMPARISON_CSV, comparison_csv(cmp)),
        (UNITS_CSV, units_csv()),
        (BUDGET_IMPACT_CSV, budget_impact_csv(cmp)),
        (BY_YEAR_CHANGE_CSV, by_year_change_csv(cmp)),
        (BY_PLACE_CHANGE_CSV, by_place_change_csv(cmp)),
        (COHORT_CSV, cohort_csv(cmp)),
        (COMPARISON_JSON, comparison_json(cmp).into_bytes()),
    ] {
        let path = dir.join(name);
        write_file(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}
