//! The drawing layer: every kind of chart the report uses, drawn with plotters on any backend
//! (SVG text for the report, PNG pixels for slides), and [`Chart`], the one type the rest of the
//! report hands around. Every chart has a title saying what it shows, axis labels with units, a
//! legend, the number of replications, and the uncertainty drawn: whiskers or a
//! 5-95% band. It draws the numbers it is given and knows nothing of result folders.

mod axis;
mod bars;
mod heatmap;
mod occupancy;
mod response;

#[cfg(test)]
mod fuzz;

use plotters::coord::Shift;
use plotters::prelude::*;

pub use bars::{Bar, BarChart, Segment};
pub use heatmap::Heatmap;
pub use occupancy::{OccupancyChart, OccupancyPanel};
pub use response::{Line, ResponseChart};

/// Okabe-Ito colours (safe for the common colour-vision deficiencies), in an order that
/// alternates dark and light so neighbouring series stay apart when printed in grey.
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];

/// How a value axis labels its ticks: each tick with the digits it needs (see
/// [`format::tick`](crate::report::format::tick)) and the unit's sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticks {
    Number,
    /// `20%`
    Percent,
    /// `£0.5`
    Pounds,
}

impl Ticks {
    /// The label of the tick at `v` on an axis `width` wide.
    pub fn label(self, v: f64, width: f64) -> String {
        let number = crate::report::format::tick(v, width);
        match self {
            Ticks::Number => number,
            Ticks::Percent => format!("{number}%"),
            Ticks::Pounds => match number.strip_prefix('-') {
                Some(positive) => format!("-£{positive}"),
                None => format!("£{number}"),
            },
        }
    }
}

/// The family name the bundled font is registered under (see `render`).
const FONT: &str = "sans-serif";

pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart ready to draw on any backend.
#[derive(Debug)]
pub enum Chart {
    Bars(BarChart),
    Occupancy(OccupancyChart),
    Response(ResponseChart),
    Heat(Heatmap),
}

impl Chart {
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        match self {
            Chart::Bars(c) => c.draw(area),
            Chart::Occupancy(c) => c.draw(area),
            Chart::Response(c) => c.draw(area),
            Chart::Heat(c) => c.draw(area),
        }
    }

    /// `Ok` if every value the chart places is finite and small enough to draw; else what is
    /// wrong. Drawing an unchecked chart ends all the same, with such values at its edges.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Chart::Bars(c) => axis::check(c.values()),
            Chart::Occupancy(c) => axis::check(c.values()),
            Chart::Response(c) => axis::check(c.values()),
            Chart::Heat(c) => axis::check(c.values()),
        }
    }

    /// Width and height in pixels: bar charts and heatmaps grow with their rows, up to a limit.
    pub fn size(&self) -> (u32, u32) {
        let grown = |base: usize, each: usize, rows: usize, limit: usize| {
            let height = base.saturating_add(each.saturating_mul(rows)).min(limit);
            u32::try_from(height).unwrap_or(u32::MAX)
        };
        match self {
            Chart::Bars(c) => (1000, grown(200, 46, c.rows.len().saturating_mul(c.slots.max(1)), 1400)),
            Chart::Occupancy(c) => (1000, grown(60, 260, c.panels.len(), 1400)),
            Chart::Response(_) => (1000, 520),
            Chart::Heat(c) => (1000, grown(160, 70, c.y_values.len(), 1200)),
        }
    }
}
