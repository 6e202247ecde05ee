//! Charts of `run` and `compare` folders: cost by payer, the discharge pathway mix, bed
//! occupancy over time, and (for comparisons) paired changes and net saving by payer.

use super::{FUTURES, futures};
use crate::report::draw::{
    Bar, BarChart, Chart, Line, OccupancyChart, OccupancyPanel, PALETTE, ResponseChart, Segment, Ticks,
};
use crate::results::Summary;
use crate::results::read::{RunFolder, ScenarioChanges};
use crate::results::schema::Metric;

/// Beds occupied each week in one scenario: acute, D2A and care-home panels.
pub fn occupancy(run: &RunFolder) -> Chart {
    let panel = |series: &str, title: &str| {
        let rows = run.series(series);
        OccupancyPanel {
            title: title.to_string(),
            points: rows.iter().map(|r| (r.day / 365.0, r.p05, r.p50, r.p95)).collect(),
            capacity: rows.first().and_then(|r| r.capacity),
        }
    };
    Chart::Occupancy(OccupancyChart {
        title: format!(
            "{}: beds occupied each week, median and 5-95% range of {} replications",
            run.scenario, run.replications
        ),
        panels: vec![
            panel("acute_occupied", "Acute beds (including delayed discharges)"),
            panel("d2a_occupied", "Usual short-term (D2A) beds"),
            panel("care_home_occupied", "Care-home beds (residential and nursing)"),
        ],
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

/// The paired change in one metric for every scenario that has it, with 95% whiskers and a zero
/// line.
pub fn change(
    baseline: &RunFolder,
    changes: &[ScenarioChanges],
    metric: &str,
    what: &str,
    unit: &str,
    scale: f64,
) -> Chart {
    let present: Vec<(&str, &Summary)> = changes
        .iter()
        .filter_map(|c| Some((c.scenario.as_str(), &c.metrics.get(metric)?.difference)))
        .collect();
    let bars = present
        .iter()
        .enumerate()
        .map(|(row, (_, d))| Bar {
            row,
            slot: 0,
            segments: vec![Segment { start: 0.0, end: d.mean / scale, colour: PALETTE[0] }],
            whisker: futures(d).map(|(a, b)| (a / scale, b / scale)),
        })
        .collect();
    Chart::Bars(BarChart {
        title: format!(
            "Change in {what} against {} ({} paired replications; whisker: {FUTURES})",
            baseline.scenario, baseline.replications
        ),
        value_label: unit.into(),
        rows: present.iter().map(|(name, _)| name.to_string()).collect(),
        slots: 1,
        bars,
        legend: vec![(format!("mean change; whisker: {FUTURES}"), PALETTE[0])],
        ticks: Ticks::Number,
        value_range: None,
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
/// parameter drawn (the ten largest), beside the EVPI, in £ a year.
pub fn value_of_information(changes: &ScenarioChanges) -> Option<Chart> {
    let voi = changes.value_of_information.as_ref()?;
    let rows: Vec<(String, f64)> =
        std::iter::once(("every uncertain value and chance (EVPI)".to_string(), voi.evpi))
            .chain(voi.evppi.0.iter().take(10).cloned())
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
    })
}
