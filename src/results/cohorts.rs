//! What happened to the people each intervention served, set against what would have happened
//! to them without it. Per cohort, window and measure, each replication gives a rate per
//! person-year before the first contact, after it, and over the same days in the paired
//! baseline (the counterfactual); from them, what an uncontrolled before/after evaluation
//! would report (the naive change), the effect, and their difference, regression to the mean.
//! Each is summarised across replications by its mean and the range that holds 95% of them.

use super::stats::Summary;
use crate::experiment::cohorts::{CohortSums, ScenarioCohorts};
use crate::model::cohorts::{Measure, Sums, WINDOW_MONTHS};

/// What a row of `cohort.csv` measures, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    Before,
    After,
    CounterfactualAfter,
    NaiveChange,
    Effect,
    RegressionToMean,
}

impl Quantity {
    pub const ALL: [Quantity; 6] = [
        Quantity::Before,
        Quantity::After,
        Quantity::CounterfactualAfter,
        Quantity::NaiveChange,
        Quantity::Effect,
        Quantity::RegressionToMean,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Quantity::Before => "before",
            Quantity::After => "after",
            Quantity::CounterfactualAfter => "counterfactual_after",
            Quantity::NaiveChange => "naive_change",
            Quantity::Effect => "effect",
            Quantity::RegressionToMean => "regression_to_mean",
        }
    }

    pub fn by_name(name: &str) -> Option<Quantity> {
        Quantity::ALL.into_iter().find(|q| q.name() == name)
    }

    /// Its value from the three rates (before, after, counterfactual after).
    fn of(self, [before, after, counterfactual]: [f64; 3]) -> f64 {
        match self {
            Quantity::Before => before,
            Quantity::After => after,
            Quantity::CounterfactualAfter => counterfactual,
            Quantity::NaiveChange => after - before,
            Quantity::Effect => after - counterfactual,
            Quantity::RegressionToMean => counterfactual - before,
        }
    }
}

/// One row of `cohort.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortRow {
    pub cohort: String,
    pub months: u32,
    pub measure: Measure,
    pub quantity: Quantity,
    /// Replications in which the cohort had person-time in all three (the others have no rate).
    pub replications: usize,
    /// Members per replication, on average over those replications.
    pub people: f64,
    /// A rate per person-year, across replications.
    pub mean: f64,
    pub p025: f64,
    pub p975: f64,
}

/// A cohort's name for people: `teams.PICT` is "the PICT team".
pub fn cohort_label(name: &str) -> String {
    match name {
        "d2a_scheme" => "the D2A scheme".into(),
        "crisis_response" => "the crisis response".into(),
        "gp_in_ae" => "the GP in A&E".into(),
        _ => name.strip_prefix("teams.").map_or_else(|| name.to_string(), |team| format!("the {team} team")),
    }
}

/// How the change without the intervention (`regression_to_mean`) is named for `cohort`. A
/// team picks people for their risk, so for its cohort that change is regression to the mean;
/// the other interventions serve people at a crisis or in hospital, so theirs includes the
/// crisis or the stay itself (what the intervention averted).
pub fn without_it_label(cohort: &str) -> &'static str {
    if cohort.starts_with("teams.") {
        "regression to the mean"
    } else {
        "change without it (the crisis or stay included)"
    }
}

/// The cohorts `rows` hold, in the order they first appear.
pub fn cohort_names(rows: &[CohortRow]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for r in rows {
        if !names.contains(&r.cohort.as_str()) {
            names.push(&r.cohort);
        }
    }
    names
}

/// The before, after and counterfactual sums of window `k`, if all have person-time.
fn measured(sums: &CohortSums, k: usize) -> Option<[&Sums; 3]> {
    let three = [&sums.before[k], &sums.after[k], &sums.counterfactual[k]];
    three.iter().all(|s| s.person_days > 0.0).then_some(three)
}

/// Every row for one scenario's cohorts: cohort by cohort, window, measure and quantity. A
/// cohort nobody joined in any replication has no rows.
pub fn cohort_rows(cohorts: &ScenarioCohorts) -> Vec<CohortRow> {
    let mut rows = Vec::new();
    if !cohorts.same_people {
        return rows;
    }
    for (c, name) in cohorts.names.iter().enumerate() {
        for (k, &months) in WINDOW_MONTHS.iter().enumerate() {
            let measured: Vec<[&Sums; 3]> =
                cohorts.replications.iter().filter_map(|reps| measured(&reps[c], k)).collect();
            if measured.is_empty() {
                continue;
            }
            let people = measured.iter().map(|[before, ..]| f64::from(before.members)).sum::<f64>()
                / measured.len() as f64;
            for measure in Measure::ALL {
                let rates: Vec<[f64; 3]> = measured
                    .iter()
                    .map(|three| three.map(|s| s.rate(measure).expect("person-time was checked")))
                    .collect();
                for quantity in Quantity::ALL {
                    let values: Vec<f64> = rates.iter().map(|&r| quantity.of(r)).collect();
                    let s = Summary::of(&values);
                    rows.push(CohortRow {
                        cohort: name.clone(),
                        months,
                        measure,
                        quantity,
                        replications: measured.len(),
                        people,
                        mean: s.mean,
                        p025: s.p025,
                        p975: s.p975,
                    });
                }
            }
        }
    }
    rows
}
