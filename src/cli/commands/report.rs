//! `caresim report DIR`: charts and report.html from a result folder.

use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::args::ReportArgs;
use crate::report::{ImageFormat, write_report};
use crate::results::folder;

pub fn run(args: ReportArgs) -> Result<()> {
    // A missing folder is left for the reader to name; one in use by a sweep is not read.
    let _lock = if args.dir.is_dir() { Some(folder::lock(&args.dir)?) } else { None };
    folder::remove_stale_temporaries(&args.dir);
    folder::remove_stale_temporaries(&args.dir.join("plots"));
    let path = write(&args.dir, args.format)?;
    println!("Report written to {}", path.display());
    Ok(())
}

/// Write the report for `dir`; used by `report` and by `--report` on the other commands.
pub fn write(dir: &Path, format: ImageFormat) -> Result<std::path::PathBuf> {
    write_report(dir, format).with_context(|| format!("cannot write the report for {}", dir.display()))
}
