//! Heatmaps: the mean difference for every combination of two swept parameters, as coloured
//! cells with the numbers written in them.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, FONT};

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
    /// How a cell's number is written (pounds for money).
    pub show: fn(f64) -> String,
    pub legend: String,
}

/// Blue for falls, vermillion for rises, stronger with size; light enough to read numbers on;
/// light grey for no change.
fn diverging(v: f64, max: f64) -> RGBColor {
    if v == 0.0 || v.is_nan() {
        return RGBColor(0xEE, 0xEE, 0xEE);
    }
    let t = (v.abs() / max.max(1e-12)).min(1.0);
    let (r, g, b) = if v < 0.0 { (0x00, 0x72, 0xB2) } else { (0xD5, 0x5E, 0x00) };
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * (0.15 + 0.6 * t)) as u8;
    RGBColor(mix(r), mix(g), mix(b))
}

impl Heatmap {
    /// Every value the chart writes in its cells (and colours them by).
    pub(super) fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.cells.iter().flatten().copied()
    }

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
                area.draw(&Text::new((self.show)(v), (px, py), centre.clone()))?;
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
