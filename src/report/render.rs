//! Rendering: each chart of the catalogue drawn as SVG text (kept for the page) and written to
//! the plots folder as SVG, PNG or both ([`ImageFormat`]), every file through a temporary file
//! renamed into place. Text is drawn with a bundled font (DejaVu Sans), so PNG charts need no
//! fonts on the machine; SVG charts carry their text as text. A chart with a value it cannot
//! show (not finite, or far too large) is refused, naming its file, rather than drawn wrong.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Once;

use plotters::prelude::*;

use super::ReportError;
use super::catalogue::Entry;
use super::draw::Chart;
use crate::results::write::write_atomic;

/// Which image files to write next to the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
    Both,
}

/// A drawn chart: its file stem, its alt text, and the SVG text.
pub struct Figure {
    pub name: String,
    pub caption: String,
    pub svg: String,
}

static FONT: Once = Once::new();

pub(super) fn register_font() {
    FONT.call_once(|| {
        let bytes: &'static [u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
        plotters::style::register_font("sans-serif", FontStyle::Normal, bytes)
            .unwrap_or_else(|_| panic!("the bundled font is valid"));
    });
}

fn draw_error(path: &Path) -> impl Fn(String) -> ReportError + '_ {
    move |message| ReportError::Draw { path: path.to_path_buf(), message }
}

/// The SVG text of `chart`, which is to be written to `path`.
fn svg(chart: &Chart, path: &Path) -> Result<String, ReportError> {
    let fail = draw_error(path);
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, chart.size()).into_drawing_area();
        chart.draw(&area).map_err(|e| fail(e.to_string()))?;
        area.present().map_err(|e| fail(e.to_string()))?;
    }
    Ok(text)
}

/// The PNG bytes of `chart`, which is to be written to `path`.
fn png(chart: &Chart, path: &Path) -> Result<Vec<u8>, ReportError> {
    let fail = draw_error(path);
    let (w, h) = chart.size();
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        chart.draw(&area).map_err(|e| fail(e.to_string()))?;
        area.present().map_err(|e| fail(e.to_string()))?;
    }
    let image = image::RgbImage::from_raw(w, h, pixels)
        .ok_or_else(|| fail("the picture is not of the chart's size".into()))?;
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).map_err(|e| fail(e.to_string()))?;
    Ok(bytes.into_inner())
}

/// Write `bytes` to `path` atomically.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    write_atomic(path, bytes).map_err(|source| ReportError::Write { path: path.to_path_buf(), source })
}

/// Draw every chart in `entries`, in order, writing `plots/NAME.svg` and/or `plots/NAME.png`
/// (creating `plots`), and return the drawn figures for the page.
pub fn write_figures(
    plots: &Path,
    entries: Vec<Entry>,
    format: ImageFormat,
) -> Result<Vec<Figure>, ReportError> {
    register_font();
    std::fs::create_dir_all(plots)
        .map_err(|source| ReportError::Write { path: plots.to_path_buf(), source })?;
    let mut figures = Vec::new();
    for Entry { name, caption, chart } in entries {
        let file = |extension: &str| -> PathBuf { plots.join(format!("{name}.{extension}")) };
        let (svg_path, png_path) = (file("svg"), file("png"));
        // A chart with values it cannot show is refused, named by the first file it would be.
        let first = if format == ImageFormat::Png { &png_path } else { &svg_path };
        chart.check().map_err(draw_error(first))?;
        let text = svg(&chart, &svg_path)?;
        if matches!(format, ImageFormat::Svg | ImageFormat::Both) {
            write_file(&svg_path, text.as_bytes())?;
        }
        if matches!(format, ImageFormat::Png | ImageFormat::Both) {
            write_file(&png_path, &png(&chart, &png_path)?)?;
        }
        figures.push(Figure { name, caption, svg: text });
    }
    Ok(figures)
}
