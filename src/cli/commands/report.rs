//! `caresim report DIR`: charts and report.html from a result folder.

use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::args::ReportArgs;
use crate::report::{ImageFormat, write_report};

pub fn run(args: ReportArgs) -> Result<()> {
    let path = write(&args.dir, args.format)?;
    println!("Report written to {}", path.display());
    Ok(())
}

/// Write the report for `dir`; used by `report` and by `--report` on the other commands.
pub fn write(dir: &Path, format: ImageFormat) -> Result<std::path::PathBuf> {
    write_report(dir, format).with_context(|| format!("cannot write the report for {}", dir.display()))
}
