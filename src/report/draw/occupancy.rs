//! Bed occupancy over time: one panel per bed type, stacked, each with the median line, the
//! 5-95% band across replications and the capacity.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::span;
use super::{DrawResult, FONT, PALETTE};

/// One occupancy panel: median line, 5-95% band and the capacity.
#[derive(Debug, Clone)]
pub struct OccupancyPanel {
    pub title: String,
    /// (years since the warm-up, p05, p50, p95)
    pub points: Vec<(f64, f64, f64, f64)>,
    pub capacity: Option<f64>,
    /// What the panel counts ("beds occupied", "people held").
    pub y_label: String,
}

/// Bed occupancy over time, one panel per bed type, stacked.
#[derive(Debug, Clone)]
pub struct OccupancyChart {
    pub title: String,
    pub panels: Vec<OccupancyPanel>,
}

impl OccupancyChart {
    /// Every value the chart places on its axes.
    pub(super) fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.panels
            .iter()
            .flat_map(|panel| panel.points.iter().flat_map(|p| [p.0, p.1, p.2, p.3]).chain(panel.capacity))
    }

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
    let x = span(0.0, panel.points.iter().map(|p| p.0).fold(0.0, f64::max).max(1.0));
    let y = span(0.0, panel.points.iter().map(|p| p.3).chain(panel.capacity).fold(1.0, f64::max) * 1.1);
    let points: Vec<(f64, f64, f64, f64)> =
        panel.points.iter().map(|p| (x.place(p.0), y.place(p.1), y.place(p.2), y.place(p.3))).collect();
    let mut chart = ChartBuilder::on(area)
        .caption(&panel.title, (FONT, 16))
        .margin(8)
        .x_label_area_size(36)
        .y_label_area_size(56)
        .build_cartesian_2d(x.range(), y.range())?;
    chart
        .configure_mesh()
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_label_formatter(&|v| format!("{v:.1}"))
        .x_desc("years after the warm-up")
        .y_desc(panel.y_label.as_str())
        .axis_desc_style((FONT, 13))
        .label_style((FONT, 12))
        .draw()?;
    let band_colour = PALETTE[3];
    let mut band: Vec<(f64, f64)> = points.iter().map(|p| (p.0, p.1)).collect();
    band.extend(points.iter().rev().map(|p| (p.0, p.3)));
    chart
        .draw_series([Polygon::new(band, band_colour.mix(0.45).filled())])?
        .label("5-95% of replications")
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], band_colour.mix(0.45).filled()));
    chart
        .draw_series(LineSeries::new(points.iter().map(|p| (p.0, p.2)), PALETTE[0].stroke_width(2)))?
        .label("median")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], PALETTE[0].stroke_width(2)));
    if let Some(capacity) = panel.capacity {
        let level = y.place(capacity);
        chart
            .draw_series(DashedLineSeries::new(
                [(x.lo, level), (x.hi, level)],
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
