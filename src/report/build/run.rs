//! Charts of `run` and `compare` folders: cost by payer, the discharge pathway mix, bed
//! occupancy over time, and (for comparisons) paired changes and net saving by payer.

use super::{FUTURES, futures};
use crate::report::draw::{
    Bar, BarChart, Chart, Line, OccupancyChart, OccupancyPanel, PALETTE, ResponseChart, Segment, Ticks,
};
use crate::report::format;
use crate::results::compare::Change;
use crate::results::parameters;
use crate::results::read::{RunFolder, ScenarioChanges};
use crate::results::schema::{Metric, Unit};

/// Beds occupied each week in one scenario: acute, D2A and care-home panels, and the
/// interventions' own capacity where the scenario has it (a D2A scheme's beds, team places).
pub fn occupancy(run: &RunFolder) -> Chart {
    let panel = |series: &str, title: &str, capacity: Option<f64>, y_label: &str| {
        let rows = run.series(series);
        (!rows.is_empty()).then(|| OccupancyPanel {
            title: title.to_string(),
            points: rows.iter().map(|r| (r.day / 365.0, r.p05, r.p50, r.p95)).collect(),
            capacity: capacity.or_else(|| rows.first().and_then(|r| r.capacity)),
            y_label: y_label.to_string(),
        })
    };
    const BEDS: &str = "beds occupied";
    // Team places may depend on values drawn in each replication: the line is their mean.
    let team_places = Some(run.mean(Metric::TeamPlaces)).filter(|p| *p > 0.0);
    let panels = [
        panel("acute_occupied", "Acute beds (including delayed discharges)", None, BEDS),
        panel("d2a_occupied", "Usual short-term (D2A) beds", None, BEDS),
        panel("care_home_occupied", "Care-home beds (residential and nursing)", None, BEDS),
        panel("d2a_scheme_occupied", "D2A scheme beds", None, BEDS),
        panel(
            "team_enrolled",
            "People held by case-finding teams (line: mean places)",
            team_places,
            "people held",
        ),
    ];
    Chart::Occupancy(OccupancyChart {
        title: format!(
            "{}: places occupied each week, median and 5-95% range of {} replications",
            run.scenario, run.replications
        ),
        panels: panels.into_iter().flatten().collect(),
    })
}

/// The number of replications, as the first scenario has it (all have the same).
fn replications(runs: &[&RunFolder]) -> u64 {
    runs.first().map_or(0, |r| r.replications)
}

/// Cost a year by payer for every scenario, the interventions' own cost apart.
pub fn costs(runs: &[&RunFolder]) -> Chart {
    let m = 1.0e6;
    let bars = runs
        .iter()
        .enumerate()
        .map(|(row, r)| {
            let nhs = (r.mean(Metric::CostNhs) - r.mean(Metric::InterventionCostNhs)) / m;
            let council = (r.mean(Metric::CostCouncil) - r.mean(Metric::InterventionCostCouncil)) / m;
            let intervention = r.mean(Metric::InterventionCost) / m;
            Bar {
                row,
                slot: 0,
                segments: vec![
                    Segment { start: 0.0, end: nhs, colour: PALETTE[0] },
                    Segment { start: nhs, end: nhs + council, colour: PALETTE[1] },
                    Segment { start: nhs + council, end: nhs + council + intervention, colour: PALETTE[2] },
                ],
                whisker: r
                    .metrics
                    .get(Metric::CostTotal.name())
                    .and_then(|s| futures(s).map(|(a, b)| (a / m, b / m))),
            }
        })
        .collect();
    Chart::Bars(BarChart {
        title: format!(
            "Cost a year by payer (mean of {} replications; whisker: {FUTURES}, total)",
            replications(runs)
        ),
        value_label: "£ million a year (discounted)".into(),
        rows: runs.iter().map(|r| r.scenario.clone()).collect(),
        slots: 1,
        bars,
        legend: vec![
            ("NHS services".into(), PALETTE[0]),
            ("council services".into(), PALETTE[1]),
            ("interventions (both payers)".into(), PALETTE[2]),
        ],
        ticks: Ticks::Number,
        value_range: None,
    })
}

/// Discharges by pathway, with discharge-to-assess scheme beds taken out of P2 as their own
/// category: P0, P1, P2 (other short-term beds), D2A scheme, P3.
fn pathway_counts(r: &RunFolder) -> [f64; 5] {
    let scheme = r.mean(Metric::DischargesD2aScheme);
    [
        r.mean(Metric::DischargesP0),
        r.mean(Metric::DischargesP1),
        (r.mean(Metric::DischargesP2) - scheme).max(0.0),
        scheme,
        r.mean(Metric::DischargesP3),
    ]
}

pub fn pathways(runs: &[&RunFolder]) -> Chart {
    let bars = runs
        .iter()
        .enumerate()
        .map(|(row, r)| {
            let counts = pathway_counts(r);
            let total: f64 = counts.iter().sum::<f64>().max(1e-9);
            let mut start = 0.0;
            let segments = counts
                .iter()
                .enumerate()
                .map(|(p, c)| {
                    let end = start + 100.0 * c / total;
                    let s = Segment { start, end, colour: PALETTE[p] };
                    start = end;
                    s
                })
                .collect();
            Bar { row, slot: 0, segments, whisker: None }
        })
        .collect();
    Chart::Bars(BarChart {
        title: format!(
            "How people leave acute beds: discharge pathway mix (mean of {} replications)",
            replications(runs)
        ),
        value_label: "% of discharges from acute beds".into(),
        rows: runs.iter().map(|r| r.scenario.clone()).collect(),
        slots: 1,
        bars,
        legend: vec![
            ("P0 home".into(), PALETTE[0]),
            ("P1 home with support".into(), PALETTE[1]),
            ("P2 short-term bed".into(), PALETTE[2]),
            ("D2A scheme bed (P2)".into(), PALETTE[3]),
            ("P3 care home".into(), PALETTE[4]),
        ],
        ticks: Ticks::Percent,
        value_range: Some((0.0, 100.0)),
    })
}

/// The smallest reach of a change chart's axis, in percent of the baseline, on each side where
/// there are changes: a change of 1.6% then shows as the small change it is, instead of filling
/// the chart, and a change of a tenth of the baseline or more fills it.
const CHANGE_AXIS_PERCENT: f64 = 10.0;

/// The paired change in `metric` for every scenario that has it, drawn as a percentage of the
/// baseline's mean (so its size is seen against the whole), with 95% whiskers, a zero line and
/// an axis reaching at least [`CHANGE_AXIS_PERCENT`]; each row names the change in the metric's
/// own units. `what` names the metric ("emergency bed days a year"). Without a baseline to
/// scale by (a baseline mean of 0), the change is drawn in the metric's units.
pub fn change(baseline: &RunFolder, changes: &[ScenarioChanges], metric: Metric, what: &str) -> Chart {
    let present: Vec<(&str, &Change)> =
        changes.iter().filter_map(|c| Some((c.scenario.as_str(), c.metrics.get(metric.name())?))).collect();
    let show = format::for_unit(metric.unit());
    let base = baseline.mean(metric);
    let percent = |c: &Change| Some((c.percent_change?, c.percent_p025?, c.percent_p975?));
    let scaled: Option<Vec<(f64, f64, f64)>> = present.iter().map(|(_, c)| percent(c)).collect();
    let reps = baseline.replications;
    let legend = vec![(format!("mean change; whisker: {FUTURES}"), PALETTE[0])];
    let Some(scaled) = scaled.filter(|_| base.abs() > 0.0) else {
        // In the metric's own units (money in £ million).
        let scale = if metric.unit() == Unit::Pounds { 1.0e6 } else { 1.0 };
        let bars = present
            .iter()
            .enumerate()
            .map(|(row, (_, c))| {
                let d = &c.difference;
                Bar {
                    row,
                    slot: 0,
                    segments: vec![Segment { start: 0.0, end: d.mean / scale, colour: PALETTE[0] }],
                    whisker: futures(d).map(|(a, b)| (a / scale, b / scale)),
                }
            })
            .collect();
        let unit = if scale > 1.0 { format!("£ million a year, {what}") } else { what.to_string() };
        return Chart::Bars(BarChart {
            title: format!(
                "Change in {what} against {} ({reps} paired replications; whisker: {FUTURES})",
                baseline.scenario
            ),
            value_label: format!("change in {unit}"),
            rows: present.iter().map(|(name, _)| name.to_string()).collect(),
            slots: 1,
            bars,
            legend,
            ticks: Ticks::Number,
            value_range: None,
        });
    };
    let bars = scaled
        .iter()
        .enumerate()
        .map(|(row, &(mean, low, high))| Bar {
            row,
            slot: 0,
            segments: vec![Segment { start: 0.0, end: mean, colour: PALETTE[0] }],
            whisker: (reps > 1).then_some((low, high)),
        })
        .collect();
    let (mut lo, mut hi) = scaled
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), &(m, a, b)| (lo.min(m).min(a).min(b), hi.max(m).max(a).max(b)));
    if lo < 0.0 {
        lo = lo.min(-CHANGE_AXIS_PERCENT);
    }
    if hi > 0.0 || lo == 0.0 {
        hi = hi.max(CHANGE_AXIS_PERCENT);
    }
    // No padding where the ends are too far apart to add it (a chart refuses such values anyway).
    let pad = Some(0.05 * (hi - lo)).filter(|p| p.is_finite()).unwrap_or(0.0);
    let signed = |v: f64| if v > 0.0 { format!("+{}", show(v)) } else { show(v) };
    Chart::Bars(BarChart {
        title: format!(
            "Change in {what}, as a share of {}'s {} ({reps} paired replications)",
            baseline.scenario,
            show(base)
        ),
        value_label: format!("change, % of {}'s {what} (whisker: {FUTURES})", baseline.scenario),
        rows: present
            .iter()
            .map(|(name, c)| format!("{name}: {} a year", signed(c.difference.mean)))
            .collect(),
        slots: 1,
        bars,
        legend,
        ticks: Ticks::Percent,
        value_range: Some((if lo < 0.0 { lo - pad } else { lo }, if hi > 0.0 { hi + pad } else { hi })),
    })
}

/// Net saving a year for the NHS, the council and in total, for every scenario against the
/// baseline.
pub fn net_saving(baseline: &RunFolder, changes: &[ScenarioChanges]) -> Chart {
    let m = 1.0e6;
    let mut bars = Vec::new();
    for (row, c) in changes.iter().enumerate() {
        let money = &c.money;
        for (slot, (s, colour)) in [
            (&money.net_saving_nhs, PALETTE[0]),
            (&money.net_saving_council, PALETTE[1]),
            (&money.net_saving_total, PALETTE[4]),
        ]
        .into_iter()
        .enumerate()
        {
            bars.push(Bar {
                row,
                slot,
                segments: vec![Segment { start: 0.0, end: s.mean / m, colour }],
                whisker: futures(s).map(|(a, b)| (a / m, b / m)),
            });
        }
    }
    Chart::Bars(BarChart {
        title: format!(
            "Who saves: net saving a year by payer ({} paired replications; whisker: {FUTURES})",
            baseline.replications
        ),
        value_label: "£ million a year saved (negative: costs more)".into(),
        rows: changes.iter().map(|c| c.scenario.clone()).collect(),
        slots: 3,
        bars,
        legend: vec![
            ("NHS".into(), PALETTE[0]),
            ("council".into(), PALETTE[1]),
            ("total".into(), PALETTE[4]),
        ],
        ticks: Ticks::Number,
        value_range: None,
    })
}

/// Which uncertain value the decision to adopt `changes` hinges on: the EVPPI of each
/// parameter drawn (the ten largest), beside the EVPI, in £ a year. None when there is nothing
/// to draw: no value of information, or one worth less than a pound (every future on the same
/// side of the decision, which the report says in words instead of an empty chart).
pub fn value_of_information(changes: &ScenarioChanges) -> Option<Chart> {
    let voi = changes.value_of_information.as_ref().filter(|v| v.evpi >= 0.5)?;
    let rows: Vec<(String, f64)> =
        std::iter::once(("every uncertain value and chance (EVPI)".to_string(), voi.evpi))
            .chain(voi.evppi.0.iter().take(10).map(|(key, v)| (parameters::label(key), *v)))
            .collect();
    let bars = rows
        .iter()
        .enumerate()
        .map(|(row, (_, v))| Bar {
            row,
            slot: 0,
            segments: vec![Segment {
                start: 0.0,
                end: *v,
                colour: if row == 0 { PALETTE[4] } else { PALETTE[0] },
            }],
            whisker: None,
        })
        .collect();
    Some(Chart::Bars(BarChart {
        title: format!(
            "{}: what knowing each uncertain value would be worth to the decision to adopt (EVPPI)",
            changes.scenario
        ),
        value_label: "£ a year (expected, money only)".into(),
        rows: rows.iter().map(|r| r.0.clone()).collect(),
        slots: 1,
        bars,
        legend: vec![("all uncertainty".into(), PALETTE[4]), ("one value alone".into(), PALETTE[0])],
        ticks: Ticks::Pounds,
        value_range: None,
    }))
}

/// The headline picture of a comparison: each paired replication of each scenario as a point on
/// the plane of its change in emergency bed days (across) and in total cost (up), with both
/// zero lines, so the spread of futures and the quadrant they fall in (fewer bed days and money
/// saved: bottom left) are seen at once.
pub fn plane(baseline: &RunFolder, scenarios: &[RunFolder]) -> Chart {
    let column = |r: &RunFolder, metric: Metric| -> Option<Vec<f64>> {
        let k = r.per_replication.metrics.iter().position(|m| m == metric.name())?;
        r.per_replication.rows.iter().map(|row| row.metrics.get(k).copied()).collect()
    };
    let paired = |r: &RunFolder, metric: Metric, scale: f64| -> Option<Vec<f64>> {
        let (base, own) = (column(baseline, metric)?, column(r, metric)?);
        Some(own.iter().zip(&base).map(|(o, b)| (o - b) / scale).collect())
    };
    let lines = scenarios
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let (beds, cost) = (paired(r, Metric::AcuteBedDays, 1.0)?, paired(r, Metric::CostTotal, 1.0e6)?);
            Some(Line {
                name: r.scenario.clone(),
                colour: PALETTE[i % PALETTE.len()],
                points: beds.iter().zip(&cost).map(|(b, c)| (*b, *c, *c, *c)).collect(),
            })
        })
        .collect();
    Chart::Response(ResponseChart {
        title: format!(
            "Each of {} paired futures: change in bed days and in total cost against {}",
            baseline.replications, baseline.scenario
        ),
        x_label: "change in emergency bed days a year".into(),
        y_label: "change in total cost, £ million a year (below 0: saves money)".into(),
        lines,
        connect: false,
        zero_x: true,
        y_ticks: Ticks::Number,
        x_whole: false,
    })
}
