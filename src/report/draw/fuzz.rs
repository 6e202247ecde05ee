//! Charts drawn straight from generated numbers, `Chart::check` bypassed (as if reading had
//! let anything through): drawing on either backend ends, within a time limit and without a
//! panic, whatever the numbers: NaN, infinities, the largest and smallest floats, one value
//! repeated.

use std::sync::mpsc;
use std::time::Duration;

use plotters::prelude::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use super::{
    Bar, BarChart, Chart, Heatmap, Line, OccupancyChart, OccupancyPanel, PALETTE, ResponseChart, Segment,
};

fn value() -> impl Strategy<Value = f64> {
    let special = [
        0.0,
        -0.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        1e308,
        -1e308,
        f64::MIN_POSITIVE,
        5e-324,
        1e15,
        -1e16,
    ];
    prop_oneof![3 => -1e6..1e6f64, 2 => prop::sample::select(special.to_vec()), 1 => any::<f64>()]
}

fn quad() -> impl Strategy<Value = (f64, f64, f64, f64)> {
    (value(), value(), value(), value())
}

fn bars() -> impl Strategy<Value = Chart> {
    let bar = (0..4usize, 0..3usize, vec((value(), value()), 0..4), proptest::option::of((value(), value())));
    (1..4usize, vec(bar, 0..8), proptest::option::of((value(), value()))).prop_map(|(rows, bars, fixed)| {
        Chart::Bars(BarChart {
            title: "bars".into(),
            value_label: "value".into(),
            rows: (0..rows).map(|r| format!("row {r}")).collect(),
            slots: 3,
            bars: bars
                .into_iter()
                .map(|(row, slot, segments, whisker)| Bar {
                    row: row % rows,
                    slot,
                    segments: segments
                        .into_iter()
                        .map(|(start, end)| Segment { start, end, colour: PALETTE[0] })
                        .collect(),
                    whisker,
                })
                .collect(),
            legend: vec![("key".into(), PALETTE[1])],
            ticks: super::Ticks::Number,
            value_range: fixed,
        })
    })
}

fn occupancy() -> impl Strategy<Value = Chart> {
    let panel = (vec(quad(), 0..12), proptest::option::of(value()));
    vec(panel, 1..4).prop_map(|panels| {
        Chart::Occupancy(OccupancyChart {
            title: "occupancy".into(),
            panels: panels
                .into_iter()
                .map(|(points, capacity)| OccupancyPanel {
                    title: "panel".into(),
                    points,
                    capacity,
                    y_label: "beds occupied".into(),
                })
                .collect(),
        })
    })
}

fn response() -> impl Strategy<Value = Chart> {
    (vec(vec(quad(), 0..8), 0..3), any::<bool>(), any::<bool>()).prop_map(|(lines, connect, zero_x)| {
        Chart::Response(ResponseChart {
            title: "response".into(),
            x_label: "x".into(),
            y_label: "y".into(),
            lines: lines
                .into_iter()
                .map(|points| Line { name: "line".into(), colour: PALETTE[2], points })
                .collect(),
            connect,
            zero_x,
            y_ticks: super::Ticks::Number,
            x_whole: false,
        })
    })
}

fn heatmap() -> impl Strategy<Value = Chart> {
    (1..4usize, 1..4usize).prop_flat_map(|(nx, ny)| vec(vec(value(), nx), ny)).prop_map(|cells| {
        let nx = cells.first().map_or(0, Vec::len);
        Chart::Heat(Heatmap {
            title: "heatmap".into(),
            x_label: "x".into(),
            y_label: "y".into(),
            x_values: (0..nx).map(|i| i.to_string()).collect(),
            y_values: (0..cells.len()).map(|j| j.to_string()).collect(),
            cells,
            show: crate::report::format::number,
            legend: "legend".into(),
        })
    })
}

/// Draw `chart` as SVG and as pixels on a thread of its own; fail if that panics or takes
/// longer than a time limit far above what it takes.
fn draws_in_time(chart: Chart) -> Result<(), TestCaseError> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        crate::report::render::register_font();
        let (w, h) = chart.size();
        let mut text = String::new();
        // A backend error is an ending too; only panics and hangs fail.
        let _ = chart.draw(&SVGBackend::with_string(&mut text, (w, h)).into_drawing_area());
        let mut pixels = vec![0u8; w as usize * h as usize * 3];
        let _ = chart.draw(&BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area());
        let _ = send.send(());
    });
    match receive.recv_timeout(Duration::from_secs(10)) {
        Ok(()) => Ok(()),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(TestCaseError::fail("drawing did not end in 10 s")),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(TestCaseError::fail("drawing panicked")),
    }
}

fn every_chart_ends(strategy: impl Strategy<Value = Chart>) {
    let config =
        Config { cases: 100, failure_persistence: None, max_shrink_time: 60_000, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    if let Err(e) = runner.run(&strategy, draws_in_time) {
        panic!("{e}");
    }
}

#[test]
fn bar_charts_end_whatever_their_numbers() {
    every_chart_ends(bars());
}

#[test]
fn occupancy_charts_end_whatever_their_numbers() {
    every_chart_ends(occupancy());
}

#[test]
fn response_charts_end_whatever_their_numbers() {
    every_chart_ends(response());
}

#[test]
fn heatmaps_end_whatever_their_numbers() {
    every_chart_ends(heatmap());
}
