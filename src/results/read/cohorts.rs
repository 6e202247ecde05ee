//! `cohort.csv` of a comparison: every row of a known scenario, a window caresim follows, a
//! measure and a quantity it writes; each (scenario, cohort, window, measure, quantity) once,
//! and for each cohort and window every measure and quantity.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::ReadError;
use super::by_year::ordered_range;
use super::files::{Row, Table};
use crate::model::cohorts::{Measure, WINDOW_MONTHS};
use crate::results::cohorts::{CohortRow, Quantity};
use crate::results::schema::COHORT_COLUMNS;

/// A whole number in column `at`, from `low` to `high`.
fn count(row: &Row<'_>, at: usize, low: u64, high: u64) -> Result<u64, ReadError> {
    let n = row.number(at)?;
    if n.fract() != 0.0 || n < low as f64 || n > high as f64 {
        return Err(
            row.malformed(format!("{} is {n}, not a whole number from {low} to {high}", row.name(at)))
        );
    }
    Ok(n as u64)
}

fn known<T>(row: &Row<'_>, at: usize, parse: impl Fn(&str) -> Option<T>) -> Result<T, ReadError> {
    let text = row.text(at)?;
    parse(text).ok_or_else(|| {
        row.malformed(format!("it has the {} `{text}`, which caresim does not write", row.name(at)))
    })
}

/// Each scenario's cohort rows, from `cohort.csv`, in the order of `scenarios`.
pub fn rows(
    path: &Path,
    baseline: &str,
    scenarios: &[&str],
    replications: u64,
) -> Result<Vec<Vec<CohortRow>>, ReadError> {
    let table = Table::read(path)?;
    table.expect_columns(&COHORT_COLUMNS.map(String::from))?;
    let mut seen = HashSet::new();
    let mut per_window: BTreeMap<(String, String, u32), usize> = BTreeMap::new();
    let mut rows = vec![Vec::new(); scenarios.len()];
    for row in table.rows() {
        let k = row.comparison_scenario(baseline, scenarios)?;
        let scenario = scenarios[k];
        let cohort = row.text(2)?.to_string();
        let months = known(&row, 3, |t| t.parse().ok().filter(|m| WINDOW_MONTHS.contains(m)))?;
        let measure = known(&row, 4, Measure::by_name)?;
        let quantity = known(&row, 5, Quantity::by_name)?;
        if !seen.insert((scenario.to_string(), cohort.clone(), months, measure.name(), quantity.name())) {
            return Err(row.malformed(format!(
                "{scenario} {cohort} {months} months {} {} is there more than once",
                measure.name(),
                quantity.name()
            )));
        }
        *per_window.entry((scenario.to_string(), cohort.clone(), months)).or_default() += 1;
        let replications = count(&row, 6, 1, replications)? as usize;
        let people = row.number(7)?;
        if people <= 0.0 {
            return Err(row.malformed(format!("people is {people}: a cohort with rows has members")));
        }
        let (p025, p975) = ordered_range(&row, 9)?;
        let mean = row.number(8)?;
        rows[k].push(CohortRow { cohort, months, measure, quantity, replications, people, mean, p025, p975 });
    }
    let whole = Measure::ALL.len() * Quantity::ALL.len();
    if let Some(((scenario, cohort, months), n)) = per_window.iter().find(|(_, n)| **n != whole) {
        return Err(table.malformed(format!(
            "{scenario} {cohort} {months} months has {n} rows, not one for each of {} measures and {} quantities",
            Measure::ALL.len(),
            Quantity::ALL.len()
        )));
    }
    Ok(rows)
}
