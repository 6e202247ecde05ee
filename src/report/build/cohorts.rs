//! The cohort chart: for the people one intervention served, what an uncontrolled before/after
//! evaluation would report (the naive change), how much of it would have happened anyway
//! (regression to the mean) and the effect, side by side, each as a share of the cohort's rate
//! before.

use super::FUTURES;
use crate::model::cohorts::Measure;
use crate::report::draw::{Bar, BarChart, Chart, PALETTE, Segment, Ticks};
use crate::results::cohorts::{CohortRow, Quantity, cohort_label, without_it_label};

/// The measures the chart shows: those with a rate before the first contact. Nobody is served
/// dead or in a care home, so deaths and care-home admissions before it are none by design.
/// Costs are charted for all payers together: one payer's cost before can be next to nothing
/// (the NHS pays for a hospital stay), and a change against it no guide to its size.
pub const CHARTED: [Measure; 5] = [
    Measure::AeAttendances,
    Measure::EmergencyAdmissions,
    Measure::AcuteBedDays,
    Measure::DaysAtHome,
    Measure::CostTotal,
];

/// The three quantities set side by side, with their colours.
/// The three quantities set side by side, with their colours; the second's name depends on the
/// cohort ([`without_it_label`]).
const SIDE_BY_SIDE: [(Quantity, &str, usize); 3] = [
    (Quantity::NaiveChange, "naive before/after change", 1),
    (Quantity::RegressionToMean, "", 3),
    (Quantity::Effect, "effect (against the same people without it)", 0),
];

fn legend_name(quantity: Quantity, name: &str, cohort: &str) -> String {
    if quantity == Quantity::RegressionToMean {
        format!("{} (would have happened anyway)", without_it_label(cohort))
    } else {
        name.to_string()
    }
}

/// The row of `rows` for `cohort`, `months`, `measure` and `quantity`.
pub fn find<'a>(
    rows: &'a [CohortRow],
    cohort: &str,
    months: u32,
    measure: Measure,
    quantity: Quantity,
) -> Option<&'a CohortRow> {
    rows.iter()
        .find(|r| r.cohort == cohort && r.months == months && r.measure == measure && r.quantity == quantity)
}

/// The chart for `cohort` of `scenario` over `months` after the first contact. Measures whose
/// rate before was 0 in every future are left out.
pub fn cohort(scenario: &str, rows: &[CohortRow], cohort: &str, months: u32) -> Chart {
    let mut labels = Vec::new();
    let mut bars = Vec::new();
    for measure in CHARTED {
        let Some(before) = find(rows, cohort, months, measure, Quantity::Before).filter(|b| b.mean > 0.0)
        else {
            continue;
        };
        let row = labels.len();
        labels.push(measure.label().to_string());
        for (slot, &(quantity, _, colour)) in SIDE_BY_SIDE.iter().enumerate() {
            let Some(r) = find(rows, cohort, months, measure, quantity) else { continue };
            let percent = |v: f64| 100.0 * v / before.mean;
            bars.push(Bar {
                row,
                slot,
                segments: vec![Segment { start: 0.0, end: percent(r.mean), colour: PALETTE[colour] }],
                whisker: (r.replications > 1).then(|| (percent(r.p025), percent(r.p975))),
            });
        }
    }
    let people =
        find(rows, cohort, months, Measure::AeAttendances, Quantity::Before).map_or(0.0, |r| r.people);
    Chart::Bars(BarChart {
        title: format!(
            "{scenario}: the {people:.0} people {} served on average, {months} months before and after",
            cohort_label(cohort)
        ),
        value_label: format!("change, % of the rate before (whisker: {FUTURES})"),
        rows: labels,
        slots: SIDE_BY_SIDE.len(),
        bars,
        legend: SIDE_BY_SIDE
            .iter()
            .map(|&(quantity, name, colour)| (legend_name(quantity, name, cohort), PALETTE[colour]))
            .collect(),
        ticks: Ticks::Percent,
        value_range: None,
    })
}
