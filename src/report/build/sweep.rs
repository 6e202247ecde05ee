//! Charts of sweep folders: a tornado for one-way sensitivity, a response curve (and a heatmap
//! when two parameters are crossed) for grids, and points with whiskers for sampled designs.
//! Every chart shows the paired change in one metric of interest against the sweep's reference.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::{FUTURES, futures};
use crate::report::draw::{Bar, BarChart, Chart, Heatmap, Line, PALETTE, ResponseChart, Segment, Ticks};
use crate::report::format;
use crate::results::Summary;
use crate::results::parameters;
use crate::results::read::{SweepFolder, SweepPoint};
use crate::results::schema::{Metric, Unit};

/// The design's points, without the reference (which comes first in the folder).
pub fn design_points(s: &SweepFolder) -> &[SweepPoint] {
    s.points.get(1..).unwrap_or_default()
}

/// The value of parameter `key` at `point`, if it is a number.
pub fn number(point: &SweepPoint, key: &str) -> Option<f64> {
    point.values.get(key).and_then(|v| v.parse::<f64>().ok())
}

fn difference(point: &SweepPoint, metric: &str) -> Option<Summary> {
    point.metrics.get(metric).and_then(|x| x.difference)
}

/// How a metric of interest is named for people: its label from the metric table (a name the
/// table does not know is shown as it is).
pub fn metric_label(metric: &str) -> &str {
    match Metric::from_name(metric) {
        Some(known) => known.label(),
        None => metric,
    }
}

/// How a metric's values are shown on an axis and in words.
fn unit_of(metric: &str) -> (Ticks, fn(f64) -> String) {
    match Metric::from_name(metric).map(Metric::unit) {
        Some(Unit::Pounds) => (Ticks::Pounds, format::pounds),
        Some(unit) => (Ticks::Number, format::for_change(unit)),
        None => (Ticks::Number, format::number),
    }
}

fn y_label(s: &SweepFolder, metric: &str) -> String {
    format!("change in {} against {}", metric_label(metric), s.manifest.reference)
}

/// The distinct `values`, in the order first seen (with sets and maps here and below, so a
/// sweep of very many points takes time in proportion).
fn dedup<T: Clone + Eq + Hash>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    values.filter(|v| seen.insert(v.clone())).collect()
}

/// One-way sensitivity of `metric`: for each parameter, the change from the central estimate at
/// its low value (upper bar) and at its high value (lower bar), the widest swing first. The two
/// bars of a row sit one above the other, so one never hides the other when both go the same way.
pub fn tornado(s: &SweepFolder, metric: &str) -> Chart {
    let m = &s.manifest;
    let reps = m.replications;
    let points = design_points(s);
    let diff = |p: &SweepPoint| difference(p, metric);
    let central = points.first().and_then(diff).map_or(0.0, |d| d.mean);
    let (ticks, show) = unit_of(metric);
    let value = |p: &SweepPoint, key: &str| p.values.get(key).cloned().unwrap_or_default();
    let mut rows: Vec<(String, f64, f64)> = m
        .parameters
        .iter()
        .enumerate()
        .filter_map(|(k, key)| {
            let (low_point, high_point) = (points.get(1 + 2 * k)?, points.get(2 + 2 * k)?);
            let low = diff(low_point)?.mean - central;
            let high = diff(high_point)?.mean - central;
            let name = format!(
                "{} ({} to {})",
                parameters::label(key),
                format::parameter_value(&value(low_point, key)),
                format::parameter_value(&value(high_point, key))
            );
            Some((name, low, high))
        })
        .collect();
    rows.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
    let bars = rows
        .iter()
        .enumerate()
        .flat_map(|(row, (_, low, high))| {
            [(0, *low, PALETTE[0]), (1, *high, PALETTE[1])].map(|(slot, end, colour)| Bar {
                row,
                slot,
                segments: vec![Segment { start: 0.0, end, colour }],
                whisker: None,
            })
        })
        .collect();
    let label = metric_label(metric);
    let signed = |v: f64| if v > 0.0 { format!("+{}", show(v)) } else { show(v) };
    Chart::Bars(BarChart {
        title: format!("What moves the change in {label} most: one assumption at a time"),
        value_label: format!(
            "change from the central estimate ({} against {}; mean of {reps} paired replications)",
            signed(central),
            m.reference
        ),
        rows: rows.iter().map(|r| r.0.clone()).collect(),
        slots: 2,
        bars,
        legend: vec![("at the low value".into(), PALETTE[0]), ("at the high value".into(), PALETTE[1])],
        ticks,
        value_range: None,
    })
}

/// A grid's response of `metric` to its first parameter, `x_key`, with 95% bands: one line, or
/// one line for each value of the second parameter.
pub fn grid_response(s: &SweepFolder, metric: &str, x_key: &str) -> Chart {
    let m = &s.manifest;
    let reps = m.replications;
    let points = design_points(s);
    let diff = |p: &SweepPoint| difference(p, metric);
    let group_key = m.parameters.get(1);
    let group_of = |p: &SweepPoint| group_key.and_then(|key| p.values.get(key).cloned());
    let groups: Vec<Option<String>> = dedup(points.iter().map(group_of));
    let mut members: HashMap<_, Vec<_>> = HashMap::new();
    for p in points {
        let member = diff(p).and_then(|d| {
            let (low, high) = futures(&d)?;
            Some((number(p, x_key)?, d.mean, low, high))
        });
        members.entry(group_of(p)).or_default().extend(member);
    }
    let lines = groups
        .into_iter()
        .enumerate()
        .map(|(g, value)| Line {
            name: match (group_key, &value) {
                (Some(key), Some(v)) => {
                    format!("{} = {}", parameters::label(key), format::parameter_value(v))
                }
                _ => format!("mean; band: {FUTURES}"),
            },
            colour: PALETTE[g % PALETTE.len()],
            points: members.remove(&value).unwrap_or_default(),
        })
        .collect();
    Chart::Response(ResponseChart {
        title: format!("Change in {} ({reps} paired replications; band: {FUTURES})", metric_label(metric)),
        x_label: parameters::label(x_key),
        y_label: y_label(s, metric),
        lines,
        connect: true,
        zero_x: false,
        y_ticks: unit_of(metric).0,
        x_whole: false,
    })
}

/// The mean change in `metric` for every combination of `x_key` and `y_key`.
pub fn heatmap(s: &SweepFolder, metric: &str, x_key: &str, y_key: &str) -> Chart {
    let m = &s.manifest;
    let reps = m.replications;
    let points = design_points(s);
    let diff = |p: &SweepPoint| difference(p, metric);
    let xs: Vec<String> = dedup(points.iter().filter_map(|p| p.values.get(x_key).cloned()));
    let ys: Vec<String> = dedup(points.iter().filter_map(|p| p.values.get(y_key).cloned()));
    let shown = |values: &[String]| values.iter().map(|v| format::parameter_value(v)).collect();
    // The first point of each combination, as the grid has one.
    let mut means: HashMap<(&str, &str), f64> = HashMap::new();
    for p in points {
        if let (Some(x), Some(y)) = (p.values.get(x_key), p.values.get(y_key)) {
            means.entry((x, y)).or_insert_with(|| diff(p).map_or(0.0, |d| d.mean));
        }
    }
    let cells = ys
        .iter()
        .map(|y| xs.iter().map(|x| means.get(&(x.as_str(), y.as_str())).copied().unwrap_or(0.0)).collect())
        .collect();
    Chart::Heat(Heatmap {
        title: format!(
            "Mean change in {} against {} ({reps} paired replications)",
            metric_label(metric),
            m.reference
        ),
        x_label: parameters::label(x_key),
        y_label: parameters::label(y_key),
        x_values: shown(&xs),
        y_values: shown(&ys),
        cells,
        show: unit_of(metric).1,
        legend: "blue: lower than the reference; orange: higher; grey: no change; darker: larger".into(),
    })
}

/// Sampled points: the change in `metric` at each point against the value of parameter `key`,
/// with 95% whiskers and no line joining them.
pub fn point_response(s: &SweepFolder, metric: &str, key: &str) -> Chart {
    let reps = s.manifest.replications;
    let line = Line {
        name: format!("mean; whisker: {FUTURES}"),
        colour: PALETTE[0],
        points: design_points(s)
            .iter()
            .filter_map(|p| {
                let d = difference(p, metric)?;
                let (low, high) = futures(&d)?;
                Some((number(p, key)?, d.mean, low, high))
            })
            .collect(),
    };
    Chart::Response(ResponseChart {
        title: format!(
            "Change in {} at each point ({reps} paired replications a point)",
            metric_label(metric)
        ),
        x_label: parameters::label(key),
        y_label: y_label(s, metric),
        lines: vec![line],
        connect: false,
        zero_x: false,
        y_ticks: unit_of(metric).0,
        x_whole: false,
    })
}
