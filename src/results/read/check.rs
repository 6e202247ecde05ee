//! Checks that several result files share: a set of metrics as the metric table has them, a
//! summary shaped as one of `n` replications, names that agree. Each returns what is wrong,
//! for the caller to name the file.

use std::collections::HashSet;

use crate::results::Summary;
use crate::results::budget::{MEASURES, TOTAL_LINE, line_names};
use crate::results::schema::{Keyed, Metric};

/// `keys` must be `expected`, each once, and nothing else.
pub fn same_keys<'a>(
    keys: impl IntoIterator<Item = &'a str>,
    expected: &[&str],
    what: &str,
) -> Result<(), String> {
    let keys: Vec<&str> = keys.into_iter().collect();
    if let Some(missing) = expected.iter().find(|e| !keys.contains(e)) {
        return Err(format!("it has no {what} `{missing}`"));
    }
    if let Some(extra) = keys.iter().find(|k| !expected.contains(k)) {
        return Err(format!("it has a {what} `{extra}`, which it should not have"));
    }
    once_each(&keys, what)
}

/// Each of `keys` once (in time that stays short however long a hostile file's list is).
pub fn once_each(keys: &[&str], what: &str) -> Result<(), String> {
    let mut seen = HashSet::new();
    match keys.iter().find(|k| !seen.insert(**k)) {
        Some(twice) => Err(format!("it has the {what} `{twice}` more than once")),
        None => Ok(()),
    }
}

/// Every metric of the metric table, each once, and no other.
pub fn every_metric<T>(metrics: &Keyed<T>) -> Result<(), String> {
    let names: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
    same_keys(metrics.keys(), &names, "metric")
}

/// A summary of `n` values, as [`Summary::of`] gives it: a spread and an interval with two
/// values or more, neither with one; the interval in order. (Numbers are finite: reading
/// refuses any other.)
pub fn summary_of(s: &Summary, n: u64, what: &str) -> Result<(), String> {
    let spread = n >= 2;
    let problem = match (s.sd, s.ci95_low, s.ci95_high) {
        (Some(sd), Some(lo), Some(hi)) if spread => {
            if sd < 0.0 {
                Some(format!("a negative sd ({sd})"))
            } else if lo > hi {
                Some(format!("an interval from {lo} down to {hi}"))
            } else {
                None
            }
        }
        (None, None, None) if !spread => None,
        _ if spread => Some(format!("no sd or interval, which {n} replications give")),
        _ => Some("an sd or interval, which one replication cannot give".into()),
    };
    match problem {
        Some(p) => Err(format!("{what} has {p}")),
        None => Ok(()),
    }
}

/// `found` must be `expected`; else "it says {what} X, and {other} Y".
pub fn agrees<T: PartialEq + std::fmt::Display>(
    found: T,
    expected: T,
    what: &str,
    other: &str,
) -> Result<(), String> {
    if found == expected {
        Ok(())
    } else {
        Err(format!("its {what} is {found}, and {other} says {expected}"))
    }
}

/// Budget rows named by (measured year, line, measure): each year within the run's `years`,
/// each line and measure one caresim writes (the total line has no days), each row once.
pub fn budget_keys<'a>(
    keys: impl IntoIterator<Item = (u32, &'a str, &'a str)>,
    years: u64,
) -> Result<(), String> {
    let mut seen = HashSet::new();
    for (year, line, measure) in keys {
        if year == 0 || u64::from(year) > years {
            return Err(format!("a budget row is for year {year}, outside the run's years 1 to {years}"));
        }
        if !line_names().any(|l| l == line) {
            return Err(format!("a budget row has the line `{line}`, which caresim does not write"));
        }
        let total_of_a_line = line != TOTAL_LINE && measure == "total_cash";
        if !MEASURES.contains(&measure) || (line == TOTAL_LINE && measure == "days_used") || total_of_a_line {
            return Err(format!("a budget row of line `{line}` has the measure `{measure}`"));
        }
        if !seen.insert((year, line, measure)) {
            return Err(format!(
                "the budget row of year {year}, `{line}`, `{measure}` is there more than once"
            ));
        }
    }
    // caresim writes every year's total cash, for each payer and both (so a file claiming more
    // years than it has rows is refused before they are counted).
    if (seen.len() as u64) < years.saturating_mul(3) {
        return Err(format!("it has {} budget rows, too few for {years} years", seen.len()));
    }
    for year in 1..=years.min(u64::from(u32::MAX)) as u32 {
        for measure in ["nhs_cash", "council_cash", "total_cash"] {
            if !seen.contains(&(year, TOTAL_LINE, measure)) {
                return Err(format!("it has no budget row of year {year}, `{TOTAL_LINE}`, `{measure}`"));
            }
        }
    }
    Ok(())
}
