//! One scenario's folder (of `run`, or inside a comparison): `summary.json` first, then every
//! other file checked against it, so the files of one folder tell of one run.

use std::path::Path;

use super::check::{agrees, budget_keys, every_metric, once_each, summary_of};
use super::files::{Table, malformed, text, versioned_json};
use super::{ReadError, ReplicationRow, Replications, RunFolder, SeriesRow};
use crate::model::Inputs;
use crate::model::world::SERIES;
use crate::results::schema::{
    BY_YEAR_CSV, DRAW_PREFIX, REPLICATION_COLUMNS, REPLICATIONS_CSV, RESOLVED_TOML, SOURCES_TXT,
    SUMMARY_JSON, SummaryFile, TIMESERIES_COLUMNS, TIMESERIES_CSV, metric_names,
};

pub fn read_run(dir: &Path) -> Result<RunFolder, ReadError> {
    let summary_path = dir.join(SUMMARY_JSON);
    let summary: SummaryFile = versioned_json(&summary_path)?;
    check_summary(&summary).map_err(|m| malformed(&summary_path, m))?;
    let sources_path = dir.join(SOURCES_TXT);
    let (resolved, fixed_effects) = resolved(&dir.join(RESOLVED_TOML), &summary.scenario)?;
    Ok(RunFolder {
        dir: dir.to_path_buf(),
        per_replication: replications(&dir.join(REPLICATIONS_CSV), &summary)?,
        series: series(&dir.join(TIMESERIES_CSV), &summary.scenario)?,
        by_year: super::by_year::values(&dir.join(BY_YEAR_CSV), &summary.scenario, summary.years)?,
        resolved,
        fixed_effects,
        sources: sources_path.is_file().then(|| text(&sources_path)).transpose()?,
        scenario: summary.scenario,
        replications: summary.replications,
        years: summary.years,
        warmup_years: summary.warmup_years,
        seed: summary.seed,
        version: summary.caresim_version,
        metrics: summary.metrics,
        budget: summary.budget,
    })
}

fn check_summary(summary: &SummaryFile) -> Result<(), String> {
    if summary.replications == 0 {
        return Err("it has 0 replications: a run has one at least".into());
    }
    every_metric(&summary.metrics)?;
    for (name, s) in &summary.metrics.0 {
        summary_of(s, summary.replications, &format!("metric {name}"))?;
    }
    let rows = &summary.budget;
    budget_keys(rows.iter().map(|r| (r.year, r.line.as_str(), r.measure.as_str())), summary.years)?;
    for r in rows {
        summary_of(
            &r.summary,
            summary.replications,
            &format!("budget row {} {} {}", r.year, r.line, r.measure),
        )?;
    }
    Ok(())
}

/// `replications.csv`: a row per replication of `summary`'s scenario, numbered from 0, with a
/// column per metric of the table, then the parameters drawn.
fn replications(path: &Path, summary: &SummaryFile) -> Result<Replications, ReadError> {
    let table = Table::read(path)?;
    let fixed = REPLICATION_COLUMNS.len();
    let metrics = metric_names();
    let columns = table.header.iter().skip(fixed + metrics.len());
    let draws: Vec<String> = columns.filter_map(|c| c.strip_prefix(DRAW_PREFIX)).map(String::from).collect();
    let mut expected: Vec<String> = REPLICATION_COLUMNS.map(String::from).to_vec();
    expected.extend(metrics.iter().cloned());
    expected.extend(draws.iter().map(|d| format!("{DRAW_PREFIX}{d}")));
    table.expect_columns(&expected)?;
    let keys: Vec<&str> = draws.iter().map(String::as_str).collect();
    if keys.contains(&"") {
        return Err(table.malformed("a drawn parameter has no name"));
    }
    once_each(&keys, "drawn parameter").map_err(|m| table.malformed(m))?;
    agrees(table.len() as u64, summary.replications, "number of replications", SUMMARY_JSON)
        .map_err(|m| table.malformed(m))?;
    let mut rows = Vec::new();
    for (number, row) in table.rows().enumerate() {
        let scenario = row.text(0)?;
        agrees(scenario, summary.scenario.as_str(), "scenario", SUMMARY_JSON)
            .map_err(|m| row.malformed(m))?;
        let replication = row.text(1)?;
        if replication != number.to_string() {
            return Err(row.malformed(format!("replication is {replication:?}, not {number}")));
        }
        let first = fixed + metrics.len();
        rows.push(ReplicationRow {
            replication: number as u64,
            metrics: (fixed..first).map(|c| row.number(c)).collect::<Result<_, _>>()?,
            draws: (first..first + draws.len()).map(|c| row.number(c)).collect::<Result<_, _>>()?,
        });
    }
    Ok(Replications { metrics, draws, rows })
}

/// `timeseries.csv`: rows of `scenario` in time order, each series known and once a sample,
/// with counts that are not negative.
fn series(path: &Path, scenario: &str) -> Result<Vec<SeriesRow>, ReadError> {
    let table = Table::read(path)?;
    table.expect_columns(&TIMESERIES_COLUMNS.map(String::from))?;
    let mut rows: Vec<SeriesRow> = Vec::new();
    for row in table.rows() {
        agrees(row.text(0)?, scenario, "scenario", SUMMARY_JSON).map_err(|m| row.malformed(m))?;
        let series = row.text(2)?;
        if !SERIES.contains(&series) {
            return Err(row.malformed(format!("there is no series {series:?}")));
        }
        let count = |column: usize| {
            let v = row.number(column)?;
            if v < 0.0 {
                Err(row.malformed(format!("{} is negative ({v})", row.name(column))))
            } else {
                Ok(v)
            }
        };
        let capacity = row.optional(3)?;
        if capacity.is_some() {
            count(3)?;
        }
        let next = SeriesRow {
            day: count(1)?,
            series: series.to_string(),
            capacity,
            mean: count(4)?,
            p05: count(5)?,
            p50: count(6)?,
            p95: count(7)?,
        };
        // Rows of one sample are together; a series comes once in each.
        let same_sample = rows.iter().rev().take_while(|r| r.day == next.day);
        if same_sample.clone().any(|r| r.series == next.series) {
            return Err(row.malformed(format!("series {series} is there twice on day {}", next.day)));
        }
        if rows.last().is_some_and(|r| r.day > next.day) {
            return Err(row.malformed(format!("day {} comes after a later day", next.day)));
        }
        rows.push(next);
    }
    Ok(rows)
}

/// `scenario.resolved.toml`: a TOML scenario of the same name.
/// `scenario.resolved.toml`, and the intervention effects it gives as fixed numbers.
fn resolved(path: &Path, scenario: &str) -> Result<(String, Vec<(String, f64)>), ReadError> {
    let resolved = text(path)?;
    let table: toml::Table = resolved.parse().map_err(|e: toml::de::Error| {
        let line = e.span().and_then(|s| resolved.get(..s.start)).map_or(0, |t| t.matches('\n').count() + 1);
        malformed(path, format!("line {line}: {}", e.message()))
    })?;
    match table.get("name").and_then(|n| n.as_str()) {
        Some(name) => agrees(name, scenario, "scenario", SUMMARY_JSON).map_err(|m| malformed(path, m))?,
        None => return Err(malformed(path, "it has no scenario name")),
    }
    let inputs: Inputs = toml::from_str(&resolved).map_err(|e| {
        malformed(path, format!("it is not a scenario as caresim writes one: {}", e.message()))
    })?;
    let fixed = inputs.fixed_effects();
    Ok((resolved, fixed))
}
