//! `by_place_change.csv` of a comparison: every row of a known scenario, a level, place and
//! year the run has and a metric given by place, each once; each scenario's places numbered
//! from 1 without gaps, each with every year and metric, and one covered share.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::ReadError;
use super::by_year::ordered_range;
use super::files::{Row, Table};
use crate::results::by_place::{Level, PlaceChange, PlaceKey, place_metrics};
use crate::results::schema::{BY_PLACE_CHANGE_COLUMNS, Metric};

/// A share in column `at`.
fn share(row: &Row<'_>, at: usize) -> Result<f64, ReadError> {
    let v = row.number(at)?;
    if !(0.0..=1.0).contains(&v) {
        return Err(row.malformed(format!("{} is {v}, not a share", row.name(at))));
    }
    Ok(v)
}

/// The place's key in columns `at` (level), `at + 1` (place) and `at + 3` (year).
fn key(row: &Row<'_>, at: usize, years: u64) -> Result<PlaceKey, ReadError> {
    let text = row.text(at)?;
    let level = Level::by_name(text)
        .ok_or_else(|| row.malformed(format!("it has the level `{text}`, which caresim does not write")))?;
    let place = match (level, row.text(at + 1)?) {
        (Level::Unattributed, "") => 1,
        (Level::Unattributed, other) => {
            return Err(row.malformed(format!("an unattributed row has the place `{other}`, not none")));
        }
        (_, text) => text
            .parse::<u32>()
            .ok()
            .filter(|&p| p >= 1)
            .ok_or_else(|| row.malformed(format!("place `{text}` is not a number from 1")))?,
    };
    let year =
        match row.text(at + 3)? {
            "" => None,
            text => Some(text.parse::<u32>().ok().filter(|&y| y >= 1 && u64::from(y) <= years).ok_or_else(
                || row.malformed(format!("year `{text}` is not a measured year of the run (1 to {years})")),
            )?),
        };
    Ok(PlaceKey { level, place, year })
}

/// Each scenario's changes by place, from `by_place_change.csv`, in the order of `scenarios`.
pub fn changes(
    path: &Path,
    baseline: &str,
    scenarios: &[&str],
    years: u64,
) -> Result<Vec<Vec<PlaceChange>>, ReadError> {
    let table = Table::read(path)?;
    table.expect_columns(&BY_PLACE_CHANGE_COLUMNS.map(String::from))?;
    let mut seen = HashSet::new();
    let mut changes = vec![Vec::new(); scenarios.len()];
    // (scenario, level, place) -> (covered share, rows).
    let mut places: BTreeMap<(usize, &str, u32), (f64, usize)> = BTreeMap::new();
    for row in table.rows() {
        let k = row.comparison_scenario(baseline, scenarios)?;
        let scenario = scenarios[k];
        let key = key(&row, 2, years)?;
        let name = row.text(6)?;
        let metric = Metric::from_name(name)
            .filter(|m| place_metrics(key.level).any(|given| given == *m))
            .ok_or_else(|| {
                let level = key.level.name();
                row.malformed(format!(
                    "it has the metric `{name}`, which caresim does not give by place ({level})"
                ))
            })?;
        if !seen.insert((k, key.level.name(), key.place, key.year, metric.name())) {
            return Err(row.malformed(format!(
                "{scenario} {} {} {name} is there more than once",
                key.level.name(),
                key.place
            )));
        }
        let (difference_p025, difference_p975) = ordered_range(&row, 10)?;
        let covered_share = share(&row, 4)?;
        let place = places.entry((k, key.level.name(), key.place)).or_insert((covered_share, 0));
        if place.0 != covered_share {
            return Err(row.malformed(format!(
                "{scenario} {} {} has covered_share {covered_share} here and {} in another row",
                key.level.name(),
                key.place,
                place.0
            )));
        }
        place.1 += 1;
        changes[k].push(PlaceChange {
            key,
            covered_share,
            metric,
            baseline_mean: row.number(7)?,
            scenario_mean: row.number(8)?,
            difference_mean: row.number(9)?,
            difference_p025,
            difference_p975,
            probability_lower: share(&row, 12)?,
        });
    }
    complete(&table, &places, years)?;
    Ok(changes)
}

/// Every place numbered from 1 without gaps, each with the window, every year and every metric.
fn complete(
    table: &Table,
    places: &BTreeMap<(usize, &str, u32), (f64, usize)>,
    years: u64,
) -> Result<(), ReadError> {
    let mut previous: Option<(usize, &str, u32)> = None;
    for (&(k, level, place), &(_, rows)) in places {
        let follows = match previous {
            Some((pk, pl, pp)) if pk == k && pl == level => place == pp + 1,
            _ => place == 1,
        };
        if !follows {
            return Err(table.malformed(format!("{level} {place} comes without the {level}s before it")));
        }
        let metrics = place_metrics(Level::by_name(level).expect("a level read")).count();
        let expected = (years as usize + 1) * metrics;
        if rows != expected {
            return Err(table.malformed(format!(
                "{level} {place} has {rows} rows, not one for the window and each of {years} years for each of {metrics} \
                 metrics"
            )));
        }
        previous = Some((k, level, place));
    }
    Ok(())
}
