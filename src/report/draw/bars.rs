//! Horizontal bar charts: categories down the side, values across, bars made of coloured
//! segments, several bars to a row, whiskers for an interval, a zero line when values change sign,
//! and the legend in a strip of its own. Costs, pathway mixes, paired changes and tornados all
//! use it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{Span, span};
use super::{DrawResult, FONT, Ticks};

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
    /// An interval drawn as a whisker (the range of 95% of futures).
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
    pub ticks: Ticks,
    /// A fixed value axis (for shares), instead of one fitted to the data.
    pub value_range: Option<(f64, f64)>,
}

impl BarChart {
    /// Every value the chart places on its value axis.
    pub(super) fn values(&self) -> impl Iterator<Item = f64> + '_ {
        let fixed = self.value_range.into_iter().flat_map(|(a, b)| [a, b]);
        let bars = self.bars.iter().flat_map(|bar| {
            let segments = bar.segments.iter().flat_map(|s| [s.start, s.end]);
            segments.chain(bar.whisker.into_iter().flat_map(|(a, b)| [a, b]))
        });
        fixed.chain(bars)
    }

    fn value_range(&self) -> Span {
        if let Some((lo, hi)) = self.value_range {
            return span(lo, hi);
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
        span(if lo < 0.0 { lo - pad } else { lo }, if hi > 0.0 { hi + pad } else { hi })
    }

    pub fn draw<DB: DrawingBackend>(&self, whole: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        whole.fill(&WHITE)?;
        // The legend gets its own strip under the chart, so it never covers a bar.
        let (area, legend_strip) = whole.split_vertically(whole.dim_in_pixel().1.saturating_sub(34));
        let area = &area;
        let values = self.value_range();
        let (lo, hi) = (values.lo, values.hi);
        let rows = self.rows.len().max(1) as f64;
        let names: Vec<Vec<String>> = self.rows.iter().map(|r| wrap(r, LABEL_CHARS)).collect();
        let longest = names.iter().flatten().map(|l| l.chars().count()).max().unwrap_or(8);
        let label_width = longest.clamp(8, LABEL_CHARS) as u32 * 8 + 10;
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
            .x_label_formatter(&|v| self.ticks.label(*v, hi - lo))
            .x_desc(self.value_label.as_str())
            .axis_desc_style((FONT, 15))
            .label_style((FONT, 13))
            .draw()?;
        // Category names, top row first, on as many lines as they need (centred on the row).
        for (i, lines) in names.iter().enumerate() {
            let y = rows - 1.0 - i as f64;
            let (px, py) = chart.backend_coord(&(lo, y));
            let style = TextStyle::from((FONT, 14)).pos(Pos::new(HPos::Right, VPos::Center));
            let first = py - (LINE_HEIGHT * (lines.len() as i32 - 1)) / 2;
            for (k, line) in lines.iter().enumerate() {
                area.draw(&Text::new(line.clone(), (px - 8, first + LINE_HEIGHT * k as i32), style.clone()))?;
            }
        }
        let band = 0.8 / self.slots.max(1) as f64;
        for bar in &self.bars {
            let centre = rows - 1.0 - bar.row as f64 + 0.4 - band * (bar.slot as f64 + 0.5);
            let (y0, y1) = (centre - band * 0.42, centre + band * 0.42);
            chart.draw_series(bar.segments.iter().map(|s| {
                Rectangle::new([(values.place(s.start), y0), (values.place(s.end), y1)], s.colour.filled())
            }))?;
            if let Some((a, b)) = bar.whisker {
                let (a, b) = (values.place(a), values.place(b));
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

/// The most characters of a category name on one line.
const LABEL_CHARS: usize = 34;
/// Pixels from one line of a category name to the next.
const LINE_HEIGHT: i32 = 16;

/// `text` in lines of at most `width` characters, broken between words (a longer word is cut),
/// three lines at most (the last ending in "..." if the text goes on).
fn wrap(text: &str, width: usize) -> Vec<String> {
    const MOST: usize = 3;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while !word.is_empty() {
            let room = width.saturating_sub(line.chars().count() + usize::from(!line.is_empty()));
            if word.len() <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.extend(word.drain(..));
            } else if line.is_empty() {
                line.extend(word.drain(..width.max(1).min(word.len())));
            } else {
                lines.push(std::mem::take(&mut line));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > MOST {
        lines.truncate(MOST);
        let last = &mut lines[MOST - 1];
        let kept: String = last.chars().take(width.saturating_sub(3)).collect();
        *last = format!("{kept}...");
    }
    lines
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

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_category_names_wrap_between_words() {
        assert_eq!(wrap("d2a", 34), ["d2a"]);
        assert_eq!(
            wrap("Team 1: effect on moves into a care home from home (multiplier)", 34),
            ["Team 1: effect on moves into a", "care home from home (multiplier)"]
        );
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("a b c d e f g h", 1), ["a", "b", "..."]);
        assert_eq!(wrap("", 34), [""]);
        for lines in [wrap("word ".repeat(100).as_str(), 34), wrap(&"x".repeat(500), 34)] {
            assert!(lines.len() <= 3 && lines.iter().all(|l| l.chars().count() <= 34), "{lines:?}");
        }
    }
}
