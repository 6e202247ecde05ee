//! `by_year.csv` of a scenario's folder and `by_year_change.csv` of a comparison: every row of
//! a known scenario, a measured year of the run and a metric of the table, each (scenario,
//! year, metric) exactly once and none missing.

use std::collections::HashSet;
use std::path::Path;

use super::ReadError;
use super::files::{Row, Table};
use crate::results::by_year::{YearChange, YearValue};
use crate::results::schema::{BY_YEAR_CHANGE_COLUMNS, BY_YEAR_COLUMNS, Metric, metric_names};

/// The year and metric of a row (in columns `at` and `at + 1`), checked against the run.
fn year_and_metric(row: &Row<'_>, at: usize, years: u64) -> Result<(u32, String), ReadError> {
    let year = row.number(at)?;
    if year.fract() != 0.0 || year < 1.0 || year > years as f64 {
        return Err(row.malformed(format!("year {year} is not a measured year of the run (1 to {years})")));
    }
    let metric = row.text(at + 1)?;
    if Metric::from_name(metric).is_none() {
        return Err(row.malformed(format!("it has the metric `{metric}`, which caresim does not write")));
    }
    Ok((year as u32, metric.to_string()))
}

/// Charts join a metric's years in file order: a scenario's rows must come year by year.
fn in_year_order(row: &Row<'_>, previous: Option<u32>, year: u32) -> Result<(), ReadError> {
    match previous {
        Some(before) if year < before => Err(row.malformed(format!("year {year} comes after year {before}"))),
        _ => Ok(()),
    }
}

/// The range in columns `at` and `at + 1`, which must not be upside down.
pub(super) fn ordered_range(row: &Row<'_>, at: usize) -> Result<(f64, f64), ReadError> {
    let (low, high) = (row.number(at)?, row.number(at + 1)?);
    if low > high {
        return Err(row.malformed(format!("{} is {low}, above {} {high}", row.name(at), row.name(at + 1))));
    }
    Ok((low, high))
}

/// Refuse a row for a (scenario, year, metric) seen before, and a table without every one.
struct Seen {
    keys: HashSet<(String, u32, String)>,
}

impl Seen {
    fn new() -> Self {
        Self { keys: HashSet::new() }
    }

    fn insert(&mut self, row: &Row<'_>, key: (String, u32, String)) -> Result<(), ReadError> {
        let what = format!("{} year {} {}", key.0, key.1, key.2);
        if !self.keys.insert(key) {
            return Err(row.malformed(format!("{what} is there more than once")));
        }
        Ok(())
    }

    fn complete(&self, table: &Table, scenarios: usize, years: u64) -> Result<(), ReadError> {
        let expected = scenarios * years as usize * metric_names().len();
        if self.keys.len() != expected {
            return Err(table.malformed(format!(
                "it has {} rows, not one for each of {scenarios} scenario(s), {years} years and {} metrics",
                self.keys.len(),
                metric_names().len()
            )));
        }
        Ok(())
    }
}

/// A scenario's values by year, from `by_year.csv`.
pub fn values(path: &Path, scenario: &str, years: u64) -> Result<Vec<YearValue>, ReadError> {
    let table = Table::read(path)?;
    table.expect_columns(&BY_YEAR_COLUMNS.map(String::from))?;
    let mut seen = Seen::new();
    let mut values = Vec::new();
    for row in table.rows() {
        if row.text(0)? != scenario {
            return Err(row.malformed(format!("it is for scenario {:?}, not {scenario:?}", row.text(0)?)));
        }
        let (year, metric) = year_and_metric(&row, 1, years)?;
        in_year_order(&row, values.last().map(|v: &YearValue| v.year), year)?;
        seen.insert(&row, (scenario.to_string(), year, metric.clone()))?;
        let (p025, p975) = ordered_range(&row, 4)?;
        values.push(YearValue { year, metric, mean: row.number(3)?, p025, p975 });
    }
    seen.complete(&table, 1, years)?;
    Ok(values)
}

/// Each scenario's changes by year, from `by_year_change.csv`, in the order of `scenarios`.
pub fn changes(
    path: &Path,
    baseline: &str,
    scenarios: &[&str],
    years: u64,
) -> Result<Vec<Vec<YearChange>>, ReadError> {
    let table = Table::read(path)?;
    table.expect_columns(&BY_YEAR_CHANGE_COLUMNS.map(String::from))?;
    let mut seen = Seen::new();
    let mut changes = vec![Vec::new(); scenarios.len()];
    for row in table.rows() {
        let k = row.comparison_scenario(baseline, scenarios)?;
        let scenario = scenarios[k];
        let (year, metric) = year_and_metric(&row, 2, years)?;
        in_year_order(&row, changes[k].last().map(|c: &YearChange| c.year), year)?;
        seen.insert(&row, (scenario.to_string(), year, metric.clone()))?;
        let (difference_p025, difference_p975) = ordered_range(&row, 7)?;
        let probability_lower = row.number(9)?;
        if !(0.0..=1.0).contains(&probability_lower) {
            return Err(row.malformed(format!("probability_lower is {probability_lower}, not a share")));
        }
        changes[k].push(YearChange {
            year,
            metric,
            baseline_mean: row.number(4)?,
            scenario_mean: row.number(5)?,
            difference_mean: row.number(6)?,
            difference_p025,
            difference_p975,
            probability_lower,
        });
    }
    seen.complete(&table, scenarios.len(), years)?;
    Ok(changes)
}
