//! Charts of sweep folders: a tornado for one-way sensitivity, a response curve (and a heatmap
//! when two parameters are crossed) for grids, and points with whiskers for sampled designs.
//! Every chart shows the paired change in one metric of interest against the sweep's reference.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::{FUTURES, futures};
use crate::report::draw::{Bar, BarChart, Chart, Heatmap, Line, PALETTE, ResponseChart, Segment, Ticks};
use crate::results::Summary;
use crate::results::read::{SweepFolder, SweepPoint};

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

fn y_label(s: &SweepFolder, metric: &str) -> String {
    format!("change in {metric} against {}", s.manifest.reference)
}

/// The distinct `values`, in the order first seen (with sets and maps here and below, so a
/// sweep of very many points takes time in proportion).
fn dedup<T: Clone + Eq + Hash>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    values.filter(|v| seen.insert(v.clone())).collect()
}

/// One-way sensitivity of `metric`: for each parameter, the change from the central estimate at
/// its low and at its high value, the widest swing first.
pub fn tornado(s: &SweepFolder, metric: &str) -> Chart {
    let m = &s.manifest;
    let reps = m.replications;
    let points = design_points(s);
    let diff = |p: &SweepPoint| difference(p, metric);
    let central = points.first().and_then(diff).map_or(0.0, |d| d.mean);
    let mut rows: Vec<(String, f64, f64)> = m
        .parameters
        .iter()
        .enumerate()
        .filter_map(|(k, key)| {
            let low = diff(points.get(1 + 2 * k)?)?.mean - central;
            let high = diff(points.get(2 + 2 * k)?)?.mean - central;
            Some((key.clone(), low, high))
        })
        .collect();
    rows.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
    let bars = rows
        .iter()
        .enumerate()
        .map(|(row, (_, low, high))| Bar {
            row,
            slot: 0,
            segments: vec![
                Segment { start: 0.0, end: *low, colour: PALETTE[0] },
                Segment { start: 0.0, end: *high, colour: PALETTE[1] },
            ],
            whisker: None,
        })
        .collect();
    Chart::Bars(BarChart {
        title: format!("What moves {metric} most: one assumption at a time ({reps} replications each)"),
        value_label: format!("change from the central estimate of {metric} (against {})", m.reference),
        rows: rows.iter().map(|r| r.0.clone()).collect(),
        slots: 1,
        bars,
        legend: vec![("at the low value".into(), PALETTE[0]), ("at the high value".into(), PALETTE[1])],
        ticks: Ticks::Number,
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
                (Some(key), Some(v)) => format!("{key} = {v}"),
                _ => format!("mean; band: {FUTURES}"),
            },
            colour: PALETTE[g % PALETTE.len()],
            points: members.remove(&value).unwrap_or_default(),
        })
        .collect();
    Chart::Response(ResponseChart {
        title: format!("{metric} as {x_key} changes ({reps} paired replications; band: {FUTURES})"),
        x_label: x_key.to_string(),
        y_label: y_label(s, metric),
        lines,
        connect: true,
        zero_x: false,
        y_ticks: Ticks::Number,
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
        title: format!("Mean change in {metric} against {} ({reps} replications)", m.reference),
        x_label: x_key.to_string(),
        y_label: y_key.to_string(),
        x_values: xs,
        y_values: ys,
        cells,
        legend: "blue: lower than the reference; orange: higher; darker: larger".into(),
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
        title: format!("{metric} against {key} ({reps} paired replications a point)"),
        x_label: key.to_string(),
        y_label: y_label(s, metric),
        lines: vec![line],
        connect: false,
        zero_x: false,
        y_ticks: Ticks::Number,
    })
}
