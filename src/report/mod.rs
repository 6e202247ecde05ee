//! Charts and a one-file HTML report from a result folder (of `run`, `compare` or `sweep`).
//!
//! Reads only the result-folder files through [`crate::results::read`]; never reads scenario
//! files or runs a simulation. The layers, top down: `catalogue` decides which charts a folder
//! gets and what their files are called; `build` turns the folder's numbers into charts; `draw`
//! draws any chart on any plotters backend; `render` draws each chart as SVG and PNG with the
//! bundled font and writes the files; `html` lays out the page, with its words and tables from
//! `words` (run and compare) and `sweep_page` (sweeps); `format` writes numbers for people.

mod budget;
mod build;
mod catalogue;
mod cohorts;
mod draw;
pub mod format;
mod html;
mod render;
mod sweep_page;
mod words;

use std::path::{Path, PathBuf};

use crate::results::read::read;
pub use render::ImageFormat;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Read(#[from] crate::results::read::ReadError),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot draw {}: {message}", path.display())]
    Draw { path: PathBuf, message: String },
}

/// Draw every chart for the result folder at `dir` into `dir/plots/` and write
/// `dir/report.html`. Returns the path of the report.
pub fn write_report(dir: &Path, format: ImageFormat) -> Result<PathBuf, ReportError> {
    let folder = read(dir)?;
    let figures = render::write_figures(&dir.join("plots"), catalogue::charts(&folder), format)?;
    let report = dir.join("report.html");
    render::write_file(&report, html::page(&folder, &figures).as_bytes())?;
    Ok(report)
}
