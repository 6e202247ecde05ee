//! Charts for sweeps: response curves with 95% bands, a heatmap for two parameters, and a
//! tornado chart for one-way sensitivity.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::charts::DrawResult;

const FONT: &str = "sans-serif";

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
}

impl ResponseChart {
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
        if x1 <= x0 {
            x1 = x0 + 1.0;
        }
        let pad = 0.08 * (y1 - y0).max(1e-9);
        let xpad = 0.04 * (x1 - x0);
        let mut chart = ChartBuilder::on(whole)
            .caption(&self.title, (FONT, 18))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(80)
            .build_cartesian_2d(x0 - xpad..x1 + xpad, y0 - pad..y1 + pad)?;
        chart
            .configure_mesh()
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .axis_desc_style((FONT, 14))
            .label_style((FONT, 12))
            .y_label_formatter(&|v| super::format::number(*v))
            .draw()?;
        chart.draw_series([PathElement::new(
            vec![(x0 - xpad, 0.0), (x1 + xpad, 0.0)],
            BLACK.stroke_width(1),
        )])?;
        for line in &self.lines {
            let colour = line.colour;
            if self.connect && line.points.len() > 1 {
                let mut band: Vec<(f64, f64)> = line.points.iter().map(|p| (p.0, p.2)).collect();
                band.extend(line.points.iter().rev().map(|p| (p.0, p.3)));
                chart.draw_series([Polygon::new(band, colour.mix(0.2).filled())])?;
                chart.draw_series(LineSeries::new(
                    line.points.iter().map(|p| (p.0, p.1)),
                    colour.stroke_width(2),
                ))?;
            } else {
                chart.draw_series(
                    line.points
                        .iter()
                        .map(|p| PathElement::new(vec![(p.0, p.2), (p.0, p.3)], colour.stroke_width(2))),
                )?;
            }
            chart
                .draw_series(line.points.iter().map(|p| Circle::new((p.0, p.1), 4, colour.filled())))?
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

/// The mean difference for every combination of two parameters, as coloured cells with numbers.
#[derive(Debug, Clone)]
pub struct Heatmap {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub x_values: Vec<String>,
    pub y_values: Vec<String>,
    /// `cells[y][x]`
    pub cells: Vec<Vec<f64>>,
    pub legend: String,
}

/// Blue for falls, vermillion for rises, stronger with size; light enough to read numbers on.
fn diverging(v: f64, max: f64) -> RGBColor {
    let t = (v.abs() / max.max(1e-12)).min(1.0);
    let (r, g, b) = if v < 0.0 { (0x00, 0x72, 0xB2) } else { (0xD5, 0x5E, 0x00) };
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * (0.15 + 0.6 * t)) as u8;
    RGBColor(mix(r), mix(g), mix(b))
}

impl Heatmap {
    pub fn draw<DB: DrawingBackend>(&self, whole: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        whole.fill(&WHITE)?;
        let (nx, ny) = (self.x_values.len().max(1), self.y_values.len().max(1));
        let (area, strip) = whole.split_vertically(whole.dim_in_pixel().1.saturating_sub(30));
        let mut chart = ChartBuilder::on(&area)
            .caption(&self.title, (FONT, 18))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(80)
            .build_cartesian_2d(0.0..nx as f64, 0.0..ny as f64)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(0)
            .y_labels(0)
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .axis_desc_style((FONT, 14))
            .draw()?;
        let max = self.cells.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
        let centre = TextStyle::from((FONT, 14)).pos(Pos::new(HPos::Center, VPos::Center));
        for (j, row) in self.cells.iter().enumerate() {
            for (i, &v) in row.iter().enumerate() {
                let (x, y) = (i as f64, j as f64);
                chart.draw_series([Rectangle::new(
                    [(x, y), (x + 1.0, y + 1.0)],
                    diverging(v, max).filled(),
                )])?;
                chart.draw_series([Rectangle::new([(x, y), (x + 1.0, y + 1.0)], WHITE.stroke_width(2))])?;
                let (px, py) = chart.backend_coord(&(x + 0.5, y + 0.5));
                area.draw(&Text::new(super::format::number(v), (px, py), centre.clone()))?;
            }
        }
        let label = TextStyle::from((FONT, 13)).pos(Pos::new(HPos::Center, VPos::Top));
        for (i, name) in self.x_values.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
            area.draw(&Text::new(name.clone(), (px, py + 6), label.clone()))?;
        }
        let label = TextStyle::from((FONT, 13)).pos(Pos::new(HPos::Right, VPos::Center));
        for (j, name) in self.y_values.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(0.0, j as f64 + 0.5));
            area.draw(&Text::new(name.clone(), (px - 8, py), label.clone()))?;
        }
        let (w, h) = strip.dim_in_pixel();
        let style = TextStyle::from((FONT, 13)).pos(Pos::new(HPos::Center, VPos::Center));
        strip.draw(&Text::new(self.legend.clone(), (w as i32 / 2, h as i32 / 2), style))?;
        Ok(())
    }
}
