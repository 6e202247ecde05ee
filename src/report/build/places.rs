//! The by-place chart of a comparison: the paired change in emergency bed days in each cluster,
//! the clusters a team covers against those it does not, so a planner sees where the change is.

use super::{FUTURES, futures_of};
use crate::report::draw::{Bar, BarChart, Chart, PALETTE, Segment, Ticks};
use crate::results::by_place::{Level, PlaceChange};
use crate::results::read::ScenarioChanges;
use crate::results::schema::Metric;

/// The metric the chart shows.
pub const METRIC: Metric = Metric::AcuteBedDays;

/// Each cluster's change over the whole window in [`METRIC`], when the scenario's teams cover
/// some clusters and not others in every future; `None` otherwise.
pub fn covered_clusters(c: &ScenarioChanges, replications: u64) -> Option<Chart> {
    let rows: Vec<&PlaceChange> = c
        .by_place
        .iter()
        .filter(|p| p.key.level == Level::Cluster && p.key.year.is_none() && p.metric == METRIC)
        .collect();
    let covered = |p: &&PlaceChange| p.covered_share == 1.0;
    let uncovered = |p: &&PlaceChange| p.covered_share == 0.0;
    if !(rows.iter().any(covered)
        && rows.iter().any(uncovered)
        && rows.iter().all(|p| covered(p) || uncovered(p)))
    {
        return None;
    }
    let bars = rows
        .iter()
        .enumerate()
        .map(|(row, p)| Bar {
            row,
            slot: 0,
            segments: vec![Segment {
                start: 0.0,
                end: p.difference_mean,
                colour: if covered(p) { PALETTE[0] } else { PALETTE[1] },
            }],
            whisker: futures_of(replications, p.difference_p025, p.difference_p975),
        })
        .collect();
    Some(Chart::Bars(BarChart {
        title: format!(
            "{}: change in {} by cluster ({replications} paired replications; whisker: {FUTURES})",
            c.scenario,
            METRIC.short_label()
        ),
        value_label: format!("change in {}", METRIC.short_label()),
        rows: rows
            .iter()
            .map(|p| {
                format!("cluster {}{}", p.key.place, if covered(p) { " (covered)" } else { " (not covered)" })
            })
            .collect(),
        slots: 1,
        bars,
        legend: vec![
            ("clusters a team covers".to_string(), PALETTE[0]),
            ("clusters no team covers".to_string(), PALETTE[1]),
        ],
        ticks: Ticks::Number,
        value_range: None,
    }))
}
