//! Money as budgets see it, summarised across replications: a scenario's undiscounted cash by
//! measured year, budget line and payer, with the days each line was used; and a comparison's
//! budget impact, the paired change in each. Beds paid for by capacity cost the same whatever
//! their use (see `model::budget`), so fewer bed days there show as days released, not cash.

use serde::{Deserialize, Serialize};

use super::schema::exact;
use super::stats::{Summary, share_below_zero};
use crate::experiment::ScenarioRun;
use crate::model::budget::{BudgetLine, YearBudget};
use crate::model::params::Payer;

/// The line that adds up every other (cash only).
pub const TOTAL_LINE: &str = "total";
/// What a row measures: cash by payer (£, undiscounted), and days of use.
pub const MEASURES: [&str; 4] = ["nhs_cash", "council_cash", "total_cash", "days_used"];

/// Every line name a budget row may have, in output order.
pub fn line_names() -> impl Iterator<Item = &'static str> {
    BudgetLine::ALL.iter().map(|l| l.name()).chain([TOTAL_LINE])
}

/// A line's name in people's words (the name itself for one caresim does not write).
pub fn line_label(line: &str) -> &str {
    match line {
        "ae_attendances" => "A&E attendances",
        "acute_beds" => "Acute beds",
        "step_down_beds" => "Step-down (discharge-to-assess) beds",
        "care_homes" => "Care homes",
        "home_support" => "Home support",
        "long_term_care" => "Long-term home care",
        "interventions" => "Interventions",
        TOTAL_LINE => "Total",
        other => other,
    }
}

/// Whether `line` is paid for by capacity (its days used release capacity, not cash).
pub fn line_by_capacity(line: &str) -> bool {
    BudgetLine::ALL.iter().any(|l| l.name() == line && l.by_capacity())
}

/// One scenario's measure of one line in one measured year (1 is the first after the warm-up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetRow {
    pub year: u32,
    pub line: String,
    pub measure: String,
    pub summary: Summary,
}

/// The paired change (scenario minus baseline) in one budget row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetChange {
    pub year: u32,
    pub line: String,
    pub measure: String,
    #[serde(deserialize_with = "exact::number")]
    pub baseline_mean: f64,
    #[serde(deserialize_with = "exact::number")]
    pub scenario_mean: f64,
    pub difference: Summary,
    /// The share of paired replications in which the scenario's value is below the baseline's.
    #[serde(deserialize_with = "exact::number")]
    pub probability_lower: f64,
}

/// A row's place: measured year (from 1), line (`None`: the total) and measure.
#[derive(Debug, Clone, Copy)]
struct Key {
    year: u32,
    line: Option<BudgetLine>,
    measure: &'static str,
}

impl Key {
    fn value(self, budget: &[YearBudget]) -> f64 {
        let year = &budget[self.year as usize - 1];
        let cash = |payers: &[Payer]| -> f64 {
            let lines: &[BudgetLine] = match &self.line {
                Some(line) => std::slice::from_ref(line),
                None => &BudgetLine::ALL,
            };
            lines.iter().flat_map(|&l| payers.iter().map(move |&p| year.cash(l, p))).sum()
        };
        match self.measure {
            "nhs_cash" => cash(&[Payer::Nhs]),
            "council_cash" => cash(&[Payer::Council]),
            "total_cash" => cash(&[Payer::Nhs, Payer::Council]),
            _ => self.line.map_or(0.0, |l| year.days_used(l)),
        }
    }

    fn line_name(self) -> String {
        self.line.map_or(TOTAL_LINE, BudgetLine::name).to_string()
    }

    fn values(self, run: &ScenarioRun) -> Vec<f64> {
        run.outputs.iter().map(|o| self.value(&o.budget)).collect()
    }
}

/// The rows worth showing for `runs`: every line's cash and days used where some replication
/// of some run has any, and the total cash always.
fn keys(runs: &[&ScenarioRun]) -> Vec<Key> {
    let years = runs.iter().map(|r| r.outputs.first().map_or(0, |o| o.budget.len())).max().unwrap_or(0);
    let mut keys = Vec::new();
    for year in 1..=years as u32 {
        for line in BudgetLine::ALL.map(Some).into_iter().chain([None]) {
            for measure in MEASURES {
                // A line's total is its payers' sum; only the total line says it.
                let total_of_one_line = line.is_some() && measure == "total_cash";
                if total_of_one_line || (line.is_none() && measure == "days_used") {
                    continue;
                }
                let key = Key { year, line, measure };
                let used = runs.iter().any(|r| r.outputs.iter().any(|o| key.value(&o.budget) != 0.0));
                if line.is_none() || used {
                    keys.push(key);
                }
            }
        }
    }
    keys
}

/// A scenario's budget, year by year.
pub fn budget_rows(run: &ScenarioRun) -> Vec<BudgetRow> {
    keys(&[run])
        .into_iter()
        .map(|key| BudgetRow {
            year: key.year,
            line: key.line_name(),
            measure: key.measure.to_string(),
            summary: Summary::of(&key.values(run)),
        })
        .collect()
}

/// The budget impact of `scenario` against `baseline`, year by year, paired by replication.
pub fn budget_changes(baseline: &ScenarioRun, scenario: &ScenarioRun) -> Vec<BudgetChange> {
    keys(&[baseline, scenario])
        .into_iter()
        .map(|key| {
            let (base, scen) = (key.values(baseline), key.values(scenario));
            let diffs: Vec<f64> = scen.iter().zip(&base).map(|(s, b)| s - b).collect();
            let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
            BudgetChange {
                year: key.year,
                line: key.line_name(),
                measure: key.measure.to_string(),
                baseline_mean: mean(&base),
                scenario_mean: mean(&scen),
                probability_lower: share_below_zero(&diffs),
                difference: Summary::of(&diffs),
            }
        })
        .collect()
}

/// The change in one budget row, if the comparison has it.
pub fn find<'a>(
    changes: &'a [BudgetChange],
    year: u32,
    line: &str,
    measure: &str,
) -> Option<&'a BudgetChange> {
    changes.iter().find(|c| c.year == year && c.line == line && c.measure == measure)
}

/// The measured years a set of budget changes covers, in order.
pub fn years_of(changes: &[BudgetChange]) -> Vec<u32> {
    let mut years: Vec<u32> = changes.iter().map(|c| c.year).collect();
    years.dedup();
    years
}

/// The lines paid for by capacity, by name.
pub fn capacity_lines() -> impl Iterator<Item = &'static str> {
    BudgetLine::ALL.into_iter().filter(|l| l.by_capacity()).map(BudgetLine::name)
}
