//! The charts, drawn with plotters on any backend (SVG text for the report, PNG pixels for
//! slides). Every chart has a title saying what it shows, axis labels with units, a legend, the
//! number of replications, and the uncertainty drawn: 95% interval whiskers or a 5-95% band.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

const FONT: &str = "sans-serif";

pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// One segment of a horizontal bar, from `start` to `end` on the value axis.
#[derive(Debug, Clone)]
pub struct Segment {
    pub start: f64,
    pub end: f64,
    pub colour: RGBColor,
}

/// A horizontal bar in a category row: `slot` of `slots` bars share the row.
#[derive(Debug, Clone)]
pub struct Bar {
    pub row: usize,
    pub slot: usize,
    pub segments: Vec<Segment>,
    /// A 95% interval drawn as a whisker.
    pub whisker: Option<(f64, f64)>,
}

/// A horizontal bar chart: categories down the side, values across.
#[derive(Debug, Clone)]
pub struct BarChart {
    pub title: String,
    pub value_label: String,
    pub rows: Vec<String>,
    pub slots: usize,
    pub bars: Vec<Bar>,
    pub legend: Vec<(String, RGBColor)>,
    pub value_format: fn(f64) -> String,
    /// A fixed value axis (for shares), instead of one fitted to the data.
    pub value_range: Option<(f64, f64)>,
}

impl BarChart {
    fn value_range(&self) -> (f64, f64) {
        if let Some(range) = self.value_range {
            return range;
        }
        let mut lo: f64 = 0.0;
        let mut hi: f64 = 0.0;
        for bar in &self.bars {
            for s in &bar.segments {
                lo = lo.min(s.start).min(s.end);
                hi = hi.max(s.start).max(s.end);
            }
            if let Some((a, b)) = bar.whisker {
                lo = lo.min(a);
                hi = hi.max(b);
            }
        }
        if hi - lo <= 0.0 {
            hi = lo + 1.0;
        }
        let pad = 0.08 * (hi - lo);
        (if lo < 0.0 { lo - pad } else { lo }, if hi > 0.0 { hi + pad } else { hi })
    }

    pub fn draw<DB: DrawingBackend>(&self, whole: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        whole.fill(&WHITE)?;
        // The legend gets its own strip under the chart, so it never covers a bar.
        let (area, legend_strip) = whole.split_vertically(whole.dim_in_pixel().1.saturating_sub(34));
        let area = &area;
        let (lo, hi) = self.value_range();
        let rows = self.rows.len().max(1) as f64;
        let label_width = self.rows.iter().map(|r| r.len()).max().unwrap_or(8).clamp(8, 34) as u32 * 8 + 10;
        let mut chart = ChartBuilder::on(area)
            .caption(&self.title, (FONT, 18))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(label_width)
            .build_cartesian_2d(lo..hi, -0.5..rows - 0.5)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(6)
            .x_label_formatter(&|v| (self.value_format)(*v))
            .x_desc(self.value_label.as_str())
            .axis_desc_style((FONT, 15))
            .label_style((FONT, 13))
            .draw()?;
        // Category names, top row first.
        for (i, name) in self.rows.iter().enumerate() {
            let y = rows - 1.0 - i as f64;
            let (px, py) = chart.backend_coord(&(lo, y));
            let style = TextStyle::from((FONT, 14)).pos(Pos::new(HPos::Right, VPos::Center));
            area.draw(&Text::new(name.clone(), (px - 8, py), style))?;
        }
        let band = 0.8 / self.slots.max(1) as f64;
        for bar in &self.bars {
            let centre = rows - 1.0 - bar.row as f64 + 0.4 - band * (bar.slot as f64 + 0.5);
            let (y0, y1) = (centre - band * 0.42, centre + band * 0.42);
            chart.draw_series(
                bar.segments.iter().map(|s| Rectangle::new([(s.start, y0), (s.end, y1)], s.colour.filled())),
            )?;
            if let Some((a, b)) = bar.whisker {
                let cap = band * 0.25;
                let style = BLACK.stroke_width(2);
                chart.draw_series([
                    PathElement::new(vec![(a, centre), (b, centre)], style),
                    PathElement::new(vec![(a, centre - cap), (a, centre + cap)], style),
                    PathElement::new(vec![(b, centre - cap), (b, centre + cap)], style),
                ])?;
            }
        }
        if lo < 0.0 && hi > 0.0 {
            chart.draw_series([PathElement::new(
                vec![(0.0, -0.5), (0.0, rows - 0.5)],
                BLACK.stroke_width(1),
            )])?;
        }
        draw_legend_strip(&legend_strip, &self.legend)
    }
}

/// Coloured keys in a row, centred in `strip`.
fn draw_legend_strip<DB: DrawingBackend>(
    strip: &DrawingArea<DB, Shift>,
    items: &[(String, RGBColor)],
) -> DrawResult<DB> {
    let style = TextStyle::from((FONT, 13)).pos(Pos::new(HPos::Left, VPos::Center));
    let widths: Vec<i32> = items.iter().map(|(name, _)| 36 + 8 * name.chars().count() as i32).collect();
    let (w, h) = strip.dim_in_pixel();
    let mut x = (w as i32 - widths.iter().sum::<i32>()).max(0) / 2;
    let y = h as i32 / 2;
    for ((name, colour), width) in items.iter().zip(widths) {
        strip.draw(&Rectangle::new([(x, y - 6), (x + 14, y + 6)], colour.filled()))?;
        strip.draw(&Text::new(name.clone(), (x + 20, y), style.clone()))?;
        x += width;
    }
    Ok(())
}

/// One occupancy panel: median line, 5-95% band and the capacity.
#[derive(Debug, Clone)]
pub struct OccupancyPanel {
    pub title: String,
    /// (years since the warm-up, p05, p50, p95)
    pub points: Vec<(f64, f64, f64, f64)>,
    pub capacity: Option<f64>,
}

/// Bed occupancy over time, one panel per bed type, stacked.
#[derive(Debug, Clone)]
pub struct OccupancyChart {
    pub title: String,
    pub panels: Vec<OccupancyPanel>,
}

impl OccupancyChart {
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        area.fill(&WHITE)?;
        let area = area.titled(&self.title, (FONT, 20))?;
        let panels = area.split_evenly((self.panels.len().max(1), 1));
        for (panel, region) in self.panels.iter().zip(&panels) {
            draw_occupancy_panel(panel, region)?;
        }
        Ok(())
    }
}

fn draw_occupancy_panel<DB: DrawingBackend>(
    panel: &OccupancyPanel,
    area: &DrawingArea<DB, Shift>,
) -> DrawResult<DB> {
    let x_max = panel.points.iter().map(|p| p.0).fold(0.0, f64::max).max(1.0);
    let y_max = panel.points.iter().map(|p| p.3).chain(panel.capacity).fold(1.0, f64::max) * 1.1;
    let mut chart = ChartBuilder::on(area)
        .caption(&panel.title, (FONT, 16))
        .margin(8)
        .x_label_area_size(36)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
    chart
        .configure_mesh()
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_label_formatter(&|v| format!("{v:.1}"))
        .x_desc("years after the warm-up")
        .y_desc("beds occupied")
        .axis_desc_style((FONT, 13))
        .label_style((FONT, 12))
        .draw()?;
    let band_colour = PALETTE[3];
    let mut band: Vec<(f64, f64)> = panel.points.iter().map(|p| (p.0, p.1)).collect();
    band.extend(panel.points.iter().rev().map(|p| (p.0, p.3)));
    chart
        .draw_series([Polygon::new(band, band_colour.mix(0.45).filled())])?
        .label("5-95% of replications")
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], band_colour.mix(0.45).filled()));
    chart
        .draw_series(LineSeries::new(panel.points.iter().map(|p| (p.0, p.2)), PALETTE[0].stroke_width(2)))?
        .label("median")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], PALETTE[0].stroke_width(2)));
    if let Some(capacity) = panel.capacity {
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, capacity), (x_max, capacity)],
                6,
                4,
                PALETTE[2].stroke_width(2),
            ))?
            .label(format!("capacity ({capacity:.0})"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], PALETTE[2].stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font((FONT, 12))
        .draw()?;
    Ok(())
}
