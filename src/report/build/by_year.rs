//! Charts by measured year: each scenario's value (a run) or each what-if's paired change (a
//! comparison) year by year, so a trend over the horizon is seen and not only its average.

use super::FUTURES;
use crate::report::draw::{Chart, Line, PALETTE, ResponseChart, Ticks};
use crate::results::by_year::{YearChange, YearValue};
use crate::results::headline::{capitalised, without_period};
use crate::results::read::{RunFolder, ScenarioChanges};
use crate::results::schema::{Metric, Unit};

/// Pounds are drawn in millions; other units as they are.
fn scale(metric: Metric) -> (f64, String) {
    match metric.unit() {
        Unit::Pounds => (1.0e6, "£ million".into()),
        unit => (1.0, unit.text().into()),
    }
}

/// What the metric counts, without "a year" (each point is a year).
fn noun(metric: Metric) -> &'static str {
    without_period(metric.short_label())
}

/// Money by year is each year's own, undiscounted (see `results::by_year`).
fn cash_note(metric: Metric) -> &'static str {
    if metric.unit() == Unit::Pounds { " (undiscounted)" } else { "" }
}

fn chart(title: String, y_label: String, lines: Vec<Line>) -> Chart {
    Chart::Response(ResponseChart {
        title,
        x_label: "measured year (1 is the first after the warm-up)".into(),
        y_label,
        lines,
        connect: true,
        zero_x: false,
        y_ticks: Ticks::Number,
        x_whole: true,
    })
}

/// `metric` in each measured year of each scenario: mean and the range of 95% of futures.
pub fn values(runs: &[&RunFolder], metric: Metric) -> Chart {
    let (divide, unit) = scale(metric);
    let lines = runs
        .iter()
        .enumerate()
        .map(|(i, run)| Line {
            name: run.scenario.clone(),
            colour: PALETTE[i % PALETTE.len()],
            points: run
                .by_year(metric)
                .iter()
                .map(|v: &&YearValue| (f64::from(v.year), v.mean / divide, v.p025 / divide, v.p975 / divide))
                .collect(),
        })
        .collect();
    let title =
        format!("{} in each year{}: mean and {FUTURES}", capitalised(noun(metric)), cash_note(metric));
    chart(title, unit, lines)
}

/// The paired change in `metric` in each measured year of each what-if against `baseline`.
pub fn changes(baseline: &RunFolder, changes: &[ScenarioChanges], metric: Metric) -> Chart {
    let (divide, unit) = scale(metric);
    let lines = changes
        .iter()
        .enumerate()
        .map(|(i, c)| Line {
            name: c.scenario.clone(),
            // As in the plane of paired futures, the what-ifs' own colours.
            colour: PALETTE[i % PALETTE.len()],
            points: c
                .by_year
                .iter()
                .filter(|y: &&YearChange| y.metric == metric.name())
                .map(|y| {
                    let point = [y.difference_mean, y.difference_p025, y.difference_p975].map(|v| v / divide);
                    (f64::from(y.year), point[0], point[1], point[2])
                })
                .collect(),
        })
        .collect();
    chart(
        format!(
            "Change in {} in each year{} against {}: mean and {FUTURES}",
            noun(metric),
            cash_note(metric),
            baseline.scenario
        ),
        format!("change, {unit} (below 0: lower than the baseline)"),
        lines,
    )
}
