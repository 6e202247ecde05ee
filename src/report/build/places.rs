//! The by-place chart of a comparison: the paired change in emergency bed days per 1,000 people
//! in each cluster (so clusters of different sizes compare), the clusters a team covers against
//! those it covers in part or not at all, so a planner sees where the change is.

use super::{FUTURES, futures_of};
use crate::report::draw::{Bar, BarChart, Chart, PALETTE, Segment, Ticks};
use crate::results::by_place::{Level, PlaceChange};
use crate::results::read::ScenarioChanges;
use crate::results::schema::Metric;

/// The metric the chart shows.
pub const METRIC: Metric = Metric::EmergencyBedDaysPer1000;

/// Each cluster's change over the whole window in [`METRIC`], when the scenario's teams cover
/// some clusters more than others; `None` otherwise.
pub fn covered_clusters(c: &ScenarioChanges, replications: u64) -> Option<Chart> {
    let rows: Vec<&PlaceChange> = c
        .by_place
        .iter()
        .filter(|p| p.key.level == Level::Cluster && p.key.year.is_none() && p.metric == METRIC)
        .collect();
    let first = rows.first()?.covered_share;
    if rows.iter().all(|p| p.covered_share == first) {
        return None;
    }
    let colour = |p: &PlaceChange| match p.covered_share {
        1.0 => PALETTE[0],
        0.0 => PALETTE[1],
        _ => PALETTE[3],
    };
    let coverage = |p: &PlaceChange| match p.covered_share {
        1.0 => " (covered)".to_string(),
        0.0 => " (not covered)".to_string(),
        share => format!(" ({:.0}% covered)", 100.0 * share),
    };
    let bars = rows
        .iter()
        .enumerate()
        .map(|(row, p)| Bar {
            row,
            slot: 0,
            segments: vec![Segment { start: 0.0, end: p.difference_mean, colour: colour(p) }],
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
        rows: rows.iter().map(|p| format!("cluster {}{}", p.key.place, coverage(p))).collect(),
        slots: 1,
        bars,
        legend: vec![
            ("every practice covered by a team".to_string(), PALETTE[0]),
            ("some covered".to_string(), PALETTE[3]),
            ("none covered".to_string(), PALETTE[1]),
        ],
        ticks: Ticks::Number,
        value_range: None,
    }))
}
