//! Response charts: a sweep's differences against a parameter's value, as lines with 95% bands
//! for a swept parameter or as points with whiskers for sampled ones.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::span;
use super::{DrawResult, FONT, Ticks};
use crate::report::format;

/// One line of a response chart: (x, mean, 95% low, 95% high) per point.
#[derive(Debug, Clone)]
pub struct Line {
    pub name: String,
    pub colour: RGBColor,
    pub points: Vec<(f64, f64, f64, f64)>,
}

/// Differences against x, with 95% bands (or whiskers when the points are not a curve).
#[derive(Debug, Clone)]
pub struct ResponseChart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub lines: Vec<Line>,
    /// Join the points (a swept parameter) or not (sampled points).
    pub connect: bool,
    /// Draw the vertical line x = 0 too (a plane of changes, whose quadrants mean something).
    pub zero_x: bool,
    /// How the value axis (up) labels its ticks.
    pub y_ticks: Ticks,
    /// Label only whole numbers along x (years): a tick between them is left blank.
    pub x_whole: bool,
}

impl ResponseChart {
    /// Every value the chart places on its axes.
    pub(super) fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.lines.iter().flat_map(|l| l.points.iter().flat_map(|p| [p.0, p.1, p.2, p.3]))
    }

    pub fn draw<DB: DrawingBackend>(&self, whole: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        whole.fill(&WHITE)?;
        let all = self.lines.iter().flat_map(|l| l.points.iter());
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, 0.0f64, 0.0f64);
        for &(x, _, lo, hi) in all {
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(lo);
            y1 = y1.max(hi);
        }
        if x1 < x0 {
            (x0, x1) = (0.0, 1.0);
        }
        if x1 <= x0 {
            x1 = x0 + 1.0;
        }
        let pad = 0.08 * (y1 - y0).max(1e-9);
        // Room above the data for the legend (upper right), a line's height for each series, so
        // it never covers a point.
        let legend_room = (0.06 * self.lines.len() as f64).min(0.6) * (y1 - y0).max(1e-9);
        let xpad = 0.04 * (x1 - x0);
        let (x, y) = (span(x0 - xpad, x1 + xpad), span(y0 - pad, y1 + pad + legend_room));
        let place = |p: &(f64, f64, f64, f64)| (x.place(p.0), y.place(p.1), y.place(p.2), y.place(p.3));
        let mut chart = ChartBuilder::on(whole)
            .caption(&self.title, (FONT, 18))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(80)
            .build_cartesian_2d(x.range(), y.range())?;
        let (x_tick, y_tick) = (
            |v: &f64| {
                if self.x_whole && v.fract().abs() > 1e-9 {
                    String::new()
                } else {
                    format::tick(*v, x.hi - x.lo)
                }
            },
            |v: &f64| self.y_ticks.label(*v, y.hi - y.lo),
        );
        chart
            .configure_mesh()
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .axis_desc_style((FONT, 14))
            .label_style((FONT, 12))
            .y_label_formatter(&y_tick)
            .x_label_formatter(&x_tick)
            .draw()?;
        chart.draw_series([PathElement::new(vec![(x.lo, 0.0), (x.hi, 0.0)], BLACK.stroke_width(1))])?;
        if self.zero_x && x.lo < 0.0 && x.hi > 0.0 {
            chart.draw_series([PathElement::new(vec![(0.0, y.lo), (0.0, y.hi)], BLACK.stroke_width(1))])?;
        }
        for line in &self.lines {
            let colour = line.colour;
            let points: Vec<_> = line.points.iter().map(place).collect();
            if self.connect && points.len() > 1 {
                let mut band: Vec<(f64, f64)> = points.iter().map(|p| (p.0, p.2)).collect();
                band.extend(points.iter().rev().map(|p| (p.0, p.3)));
                chart.draw_series([Polygon::new(band, colour.mix(0.2).filled())])?;
                chart.draw_series(LineSeries::new(
                    points.iter().map(|p| (p.0, p.1)),
                    colour.stroke_width(2),
                ))?;
            } else {
                chart.draw_series(
                    points
                        .iter()
                        .map(|p| PathElement::new(vec![(p.0, p.2), (p.0, p.3)], colour.stroke_width(2))),
                )?;
            }
            chart
                .draw_series(points.iter().map(|p| Circle::new((p.0, p.1), 4, colour.filled())))?
                .label(line.name.as_str())
                .legend(move |(x, y)| Circle::new((x + 7, y), 4, colour.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font((FONT, 12))
            .draw()?;
        Ok(())
    }
}
