//! Charts and a one-file HTML report from a result folder (of `run` or `compare`).
//!
//! Reads only the result-folder files through [`crate::results::read`]; never reads scenario
//! files or runs a simulation. Text is drawn with a bundled font (DejaVu Sans), so PNG charts
//! need no fonts on the machine; SVG charts carry their text as text.

mod draw;
pub mod format;
mod html;

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Once;

use plotters::prelude::*;

use crate::experiment::plan::DesignKind;
use crate::results::read::{ResultFolder, RunFolder, SweepFolder, read};
use crate::results::write::{folder_name, write_atomic};
use draw::{
    Bar, BarChart, Chart, Heatmap, Line, OccupancyChart, OccupancyPanel, PALETTE, ResponseChart, Segment,
};

/// Which image files to write next to the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
    Both,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Read(#[from] crate::results::read::ReadError),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot draw {chart}: {message}")]
    Draw { chart: String, message: String },
}

/// A drawn chart: its file stem, its alt text, and the SVG text.
pub struct Figure {
    pub name: String,
    pub caption: String,
    pub svg: String,
}

static FONT: Once = Once::new();

fn register_font() {
    FONT.call_once(|| {
        let bytes: &'static [u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
        plotters::style::register_font("sans-serif", FontStyle::Normal, bytes)
            .unwrap_or_else(|_| panic!("the bundled font is valid"));
    });
}

fn svg(chart: &Chart, name: &str) -> Result<String, ReportError> {
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, chart.size()).into_drawing_area();
        chart.draw(&area).map_err(|e| ReportError::Draw { chart: name.into(), message: e.to_string() })?;
        area.present().map_err(|e| ReportError::Draw { chart: name.into(), message: e.to_string() })?;
    }
    Ok(text)
}

fn png(chart: &Chart, name: &str) -> Result<Vec<u8>, ReportError> {
    let (w, h) = chart.size();
    let mut pixels = vec![0u8; (w * h * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        chart.draw(&area).map_err(|e| ReportError::Draw { chart: name.into(), message: e.to_string() })?;
        area.present().map_err(|e| ReportError::Draw { chart: name.into(), message: e.to_string() })?;
    }
    let image = image::RgbImage::from_raw(w, h, pixels).expect("the buffer has w x h pixels");
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .map_err(|e| ReportError::Draw { chart: name.into(), message: e.to_string() })?;
    Ok(bytes.into_inner())
}

fn occupancy_chart(run: &RunFolder) -> Chart {
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

fn costs_chart(runs: &[&RunFolder]) -> Chart {
    let m = 1.0e6;
    let bars = runs
        .iter()
        .enumerate()
        .map(|(row, r)| {
            let nhs = (r.mean("cost_nhs") - r.mean("intervention_cost_nhs")) / m;
            let council = (r.mean("cost_council") - r.mean("intervention_cost_council")) / m;
            let intervention = r.mean("intervention_cost") / m;
            Bar {
                row,
                slot: 0,
                segments: vec![
                    Segment { start: 0.0, end: nhs, colour: PALETTE[0] },
                    Segment { start: nhs, end: nhs + council, colour: PALETTE[1] },
                    Segment { start: nhs + council, end: nhs + council + intervention, colour: PALETTE[2] },
                ],
                whisker: r.metrics.get("cost_total").and_then(|s| Some((s.ci95_low? / m, s.ci95_high? / m))),
            }
        })
        .collect();
    Chart::Bars(BarChart {
        title: format!(
            "Cost a year by payer (mean of {} replications; whisker: 95% interval of the total)",
            runs[0].replications
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
        value_format: |v| format!("{v:.0}"),
        value_range: None,
    })
}

fn pathway_chart(runs: &[&RunFolder]) -> Chart {
    let bars = runs
        .iter()
        .enumerate()
        .map(|(row, r)| {
            let counts: Vec<f64> = (0..4).map(|p| r.mean(&format!("discharges_p{p}"))).collect();
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
            runs[0].replications
        ),
        value_label: "% of discharges from acute beds".into(),
        rows: runs.iter().map(|r| r.scenario.clone()).collect(),
        slots: 1,
        bars,
        legend: vec![
            ("P0 home".into(), PALETTE[0]),
            ("P1 home with support".into(), PALETTE[1]),
            ("P2 short-term bed".into(), PALETTE[2]),
            ("P3 care home".into(), PALETTE[3]),
        ],
        value_format: |v| format!("{v:.0}%"),
        value_range: Some((0.0, 100.0)),
    })
}

/// The paired change in one metric for every scenario, with 95% whiskers and a zero line.
fn change_chart(folder: &ResultFolder, metric: &str, what: &str, unit: &str, scale: f64) -> Option<Chart> {
    let ResultFolder::Compare { baseline, changes, .. } = folder else { return None };
    let bars = changes
        .iter()
        .enumerate()
        .map(|(row, c)| {
            let d = &c.metrics[metric].difference;
            Bar {
                row,
                slot: 0,
                segments: vec![Segment { start: 0.0, end: d.mean / scale, colour: PALETTE[0] }],
                whisker: d.ci95_low.zip(d.ci95_high).map(|(a, b)| (a / scale, b / scale)),
            }
        })
        .collect();
    Some(Chart::Bars(BarChart {
        title: format!(
            "Change in {what} against {} ({} paired replications, 95% intervals)",
            baseline.scenario, baseline.replications
        ),
        value_label: unit.into(),
        rows: changes.iter().map(|c| c.scenario.clone()).collect(),
        slots: 1,
        bars,
        legend: vec![("mean change; whisker: 95% interval".into(), PALETTE[0])],
        value_format: |v| format::number(v),
        value_range: None,
    }))
}

fn net_saving_chart(folder: &ResultFolder) -> Option<Chart> {
    let ResultFolder::Compare { baseline, changes, .. } = folder else { return None };
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
                whisker: s.ci95_low.zip(s.ci95_high).map(|(a, b)| (a / m, b / m)),
            });
        }
    }
    Some(Chart::Bars(BarChart {
        title: format!(
            "Who saves: net saving a year by payer ({} paired replications, 95% intervals)",
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
        value_format: |v| format!("{v:.1}"),
        value_range: None,
    }))
}

/// Charts for a sweep: response curves (and a heatmap for two parameters) for grids, points
/// with whiskers for sampled designs, and a tornado for one-way sensitivity.
fn sweep_charts(s: &SweepFolder) -> Vec<(String, String, Chart)> {
    let m = &s.manifest;
    let reps = m.replications;
    let points = &s.points[1..];
    let number = |point: &crate::results::read::SweepPoint, key: &str| {
        point.values.get(key).and_then(|v| v.parse::<f64>().ok())
    };
    let mut list = Vec::new();
    for metric in &m.metrics {
        let diff = |p: &crate::results::read::SweepPoint| p.metrics.get(metric).and_then(|x| x.difference);
        let y_label = format!("change in {metric} against {}", m.reference);
        match m.design {
            DesignKind::OneWay => {
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
                list.push((
                    format!("tornado-{}", folder_name(metric)),
                    format!("One-way sensitivity of {metric}"),
                    Chart::Bars(BarChart {
                        title: format!(
                            "What moves {metric} most: one assumption at a time ({reps} replications each)"
                        ),
                        value_label: format!(
                            "change from the central estimate of {metric} (against {})",
                            m.reference
                        ),
                        rows: rows.iter().map(|r| r.0.clone()).collect(),
                        slots: 1,
                        bars,
                        legend: vec![
                            ("at the low value".into(), PALETTE[0]),
                            ("at the high value".into(), PALETTE[1]),
                        ],
                        value_format: |v| format::number(v),
                        value_range: None,
                    }),
                ));
            }
            DesignKind::Grid
                if (1..=2).contains(&m.parameters.len())
                    && points.iter().all(|p| number(p, &m.parameters[0]).is_some()) =>
            {
                let x_key = &m.parameters[0];
                let groups: Vec<Option<String>> = match m.parameters.get(1) {
                    Some(key) => {
                        let mut seen: Vec<Option<String>> = Vec::new();
                        for p in points {
                            let v = p.values.get(key).cloned();
                            if !seen.contains(&v) {
                                seen.push(v);
                            }
                        }
                        seen
                    }
                    None => vec![None],
                };
                let lines = groups
                    .iter()
                    .enumerate()
                    .map(|(g, value)| Line {
                        name: match (&m.parameters.get(1), value) {
                            (Some(key), Some(v)) => format!("{key} = {v}"),
                            _ => "mean; band: 95% interval".into(),
                        },
                        colour: PALETTE[g % PALETTE.len()],
                        points: points
                            .iter()
                            .filter(|p| {
                                m.parameters.get(1).is_none_or(|key| p.values.get(key) == value.as_ref())
                            })
                            .filter_map(|p| {
                                let d = diff(p)?;
                                Some((number(p, x_key)?, d.mean, d.ci95_low?, d.ci95_high?))
                            })
                            .collect(),
                    })
                    .collect();
                list.push((
                    format!("response-{}", folder_name(metric)),
                    format!("Response of {metric} to {x_key}"),
                    Chart::Response(ResponseChart {
                        title: format!("{metric} as {x_key} changes ({reps} paired replications, 95% bands)"),
                        x_label: x_key.clone(),
                        y_label: y_label.clone(),
                        lines,
                        connect: true,
                    }),
                ));
                if let Some(y_key) = m.parameters.get(1) {
                    let xs: Vec<String> = dedup(points.iter().filter_map(|p| p.values.get(x_key).cloned()));
                    let ys: Vec<String> = dedup(points.iter().filter_map(|p| p.values.get(y_key).cloned()));
                    let cells = ys
                        .iter()
                        .map(|y| {
                            xs.iter()
                                .map(|x| {
                                    points
                                        .iter()
                                        .find(|p| {
                                            p.values.get(x_key) == Some(x) && p.values.get(y_key) == Some(y)
                                        })
                                        .and_then(diff)
                                        .map_or(0.0, |d| d.mean)
                                })
                                .collect()
                        })
                        .collect();
                    list.push((
                        format!("heatmap-{}", folder_name(metric)),
                        format!("Mean change in {metric} for every combination"),
                        Chart::Heat(Heatmap {
                            title: format!(
                                "Mean change in {metric} against {} ({reps} replications)",
                                m.reference
                            ),
                            x_label: x_key.clone(),
                            y_label: y_key.clone(),
                            x_values: xs,
                            y_values: ys,
                            cells,
                            legend: "blue: lower than the reference; orange: higher; darker: larger".into(),
                        }),
                    ));
                }
            }
            DesignKind::Points | DesignKind::LatinHypercube if !m.parameters.is_empty() => {
                for key in &m.parameters {
                    let line = Line {
                        name: "mean; whisker: 95% interval".into(),
                        colour: PALETTE[0],
                        points: points
                            .iter()
                            .filter_map(|p| {
                                let d = diff(p)?;
                                Some((number(p, key)?, d.mean, d.ci95_low?, d.ci95_high?))
                            })
                            .collect(),
                    };
                    list.push((
                        format!("response-{}-{}", folder_name(metric), folder_name(key)),
                        format!("{metric} against {key}"),
                        Chart::Response(ResponseChart {
                            title: format!("{metric} against {key} ({reps} paired replications a point)"),
                            x_label: key.clone(),
                            y_label: y_label.clone(),
                            lines: vec![line],
                            connect: false,
                        }),
                    ));
                }
            }
            _ => {}
        }
    }
    list
}

fn dedup(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::new();
    for v in values {
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen
}

/// Every chart for this folder, with file stems and captions.
fn all_charts(folder: &ResultFolder) -> Vec<(String, String, Chart)> {
    if let ResultFolder::Sweep(s) = folder {
        return sweep_charts(s);
    }
    let runs = folder.runs();
    let mut list = Vec::new();
    let changes = [
        (
            "acute_bed_days",
            "emergency bed days a year",
            "emergency bed days a year",
            "change-emergency-bed-days",
        ),
        (
            "delayed_discharge_days",
            "delayed-discharge days a year",
            "delayed-discharge days a year",
            "change-delayed-discharge-days",
        ),
        (
            "care_home_admissions",
            "permanent care-home admissions a year",
            "care-home admissions a year",
            "change-care-home-admissions",
        ),
    ];
    for (metric, what, unit, name) in changes {
        if let Some(chart) = change_chart(folder, metric, what, unit, 1.0) {
            list.push((name.to_string(), format!("Change in {what}, with 95% intervals"), chart));
        }
    }
    if let Some(chart) =
        change_chart(folder, "cost_total", "total cost (£ million a year)", "£ million a year", 1.0e6)
    {
        list.push(("change-total-cost".into(), "Change in total cost, with 95% intervals".into(), chart));
    }
    if let Some(chart) = net_saving_chart(folder) {
        list.push(("net-saving".into(), "Net saving by payer, with 95% intervals".into(), chart));
    }
    list.push((
        "costs".into(),
        "Cost a year by payer and the interventions' own cost".into(),
        costs_chart(&runs),
    ));
    list.push(("pathways".into(), "Discharge pathway mix".into(), pathway_chart(&runs)));
    for run in runs {
        list.push((
            format!("occupancy-{}", folder_name(&run.scenario)),
            format!("Beds occupied over time in {}", run.scenario),
            occupancy_chart(run),
        ));
    }
    list
}

/// Draw every chart for the result folder at `dir` into `dir/plots/` and write
/// `dir/report.html`. Returns the path of the report.
pub fn write_report(dir: &Path, format: ImageFormat) -> Result<PathBuf, ReportError> {
    register_font();
    let folder = read(dir)?;
    let plots = dir.join("plots");
    std::fs::create_dir_all(&plots).map_err(|source| ReportError::Write { path: plots.clone(), source })?;
    let mut figures = Vec::new();
    for (name, caption, chart) in all_charts(&folder) {
        let text = svg(&chart, &name)?;
        let write = |file: PathBuf, bytes: &[u8]| {
            write_atomic(&file, bytes).map_err(|source| ReportError::Write { path: file.clone(), source })
        };
        if matches!(format, ImageFormat::Svg | ImageFormat::Both) {
            write(plots.join(format!("{name}.svg")), text.as_bytes())?;
        }
        if matches!(format, ImageFormat::Png | ImageFormat::Both) {
            write(plots.join(format!("{name}.png")), &png(&chart, &name)?)?;
        }
        figures.push(Figure { name, caption, svg: text });
    }
    let report = dir.join("report.html");
    let page = html::page(&folder, &figures);
    write_atomic(&report, page.as_bytes())
        .map_err(|source| ReportError::Write { path: report.clone(), source })?;
    Ok(report)
}
