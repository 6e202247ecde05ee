//! Which folder `--out` names, and whether `run`, `compare` or `calibrate` may replace it: resolved part by
//! part as the system will resolve it, never one of caresim's hidden working names, and holding
//! nothing but caresim's own results.

use std::path::{Component, Path, PathBuf};

use super::{FolderError, TEMPORARY_PREFIX, io};
use crate::results::schema::{
    BUDGET_CSV, BUDGET_IMPACT_CSV, BY_PLACE_CHANGE_CSV, BY_PLACE_CSV, BY_YEAR_CHANGE_CSV, BY_YEAR_CSV,
    CALIBRATED_TOML, CALIBRATION_JSON, CAPACITIES_CSV, COHORT_CSV, COMPARISON_CSV, COMPARISON_JSON, FIT_CSV,
    REPLICATIONS_CSV, RESOLVED_TOML, SOURCES_TXT, SUMMARY_JSON, SWEEP_JSON, SWEEP_MANIFEST, TIMESERIES_CSV,
    TRACE_CSV, UNITS_CSV,
};

/// `path` made absolute and real: each part that exists is resolved (symbolic links followed),
/// and `.` and `..` are applied to what it names, as the system will when the folder is made.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut out = PathBuf::new();
    for part in std::path::absolute(path)?.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if out.exists() {
                    out = out.canonicalize()?;
                }
            }
        }
    }
    Ok(out)
}

/// The real path of an `--out` folder, with a name of its own that is not one of caresim's
/// hidden working names.
pub(super) fn named_target(target: &Path) -> Result<PathBuf, FolderError> {
    let resolved = resolve(target).map_err(io(target))?;
    let name = resolved.file_name().map(|n| n.to_string_lossy().to_string());
    match name {
        None => Err(FolderError::NoName(target.to_path_buf())),
        Some(n) if n.starts_with(".caresim-") => Err(FolderError::NoName(target.to_path_buf())),
        Some(_) if resolved.parent().is_none() => Err(FolderError::NoName(target.to_path_buf())),
        Some(_) => Ok(resolved),
    }
}

/// The files and folders caresim writes in a `run`, `compare` or `calibrate` folder (a
/// comparison's scenario folders are checked in turn).
const OWN_NAMES: [&str; 22] = [
    RESOLVED_TOML,
    CAPACITIES_CSV,
    UNITS_CSV,
    BUDGET_CSV,
    BUDGET_IMPACT_CSV,
    BY_YEAR_CSV,
    BY_YEAR_CHANGE_CSV,
    BY_PLACE_CSV,
    BY_PLACE_CHANGE_CSV,
    SOURCES_TXT,
    REPLICATIONS_CSV,
    SUMMARY_JSON,
    TIMESERIES_CSV,
    COMPARISON_CSV,
    COMPARISON_JSON,
    COHORT_CSV,
    TRACE_CSV,
    CALIBRATED_TOML,
    FIT_CSV,
    CALIBRATION_JSON,
    "plots",
    "report.html",
];

/// Whether everything in `dir` is something `run`, `compare` or `calibrate` wrote (so replacing it loses
/// nothing of the user's): its own files, and folders that are scenario folders in turn.
fn holds_only_results(dir: &Path, depth: u32) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else { return false };
    entries.flatten().all(|entry| {
        let name = entry.file_name().to_string_lossy().to_string();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if OWN_NAMES.contains(&name.as_str()) || name.starts_with(TEMPORARY_PREFIX) {
            return true;
        }
        is_dir
            && depth == 0
            && entry.path().join(SUMMARY_JSON).is_file()
            && holds_only_results(&entry.path(), 1)
    })
}

/// `target` as an absolute, real path, once it is known to be a folder `run`, `compare` or
/// `calibrate` may replace: absent, empty, or holding nothing but their results.
pub(super) fn checked_target(target: &Path) -> Result<PathBuf, FolderError> {
    let resolved = named_target(target)?;
    let here = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    if here.is_some_and(|here| here.starts_with(&resolved)) {
        return Err(FolderError::HoldsCurrentFolder(target.to_path_buf()));
    }
    if !resolved.exists() {
        return Ok(resolved);
    }
    if !resolved.is_dir() {
        return Err(FolderError::NotAFolder(target.to_path_buf()));
    }
    if resolved.join(SWEEP_JSON).exists() || resolved.join(SWEEP_MANIFEST).exists() {
        return Err(FolderError::HoldsSweep(target.to_path_buf()));
    }
    let is_results =
        [SUMMARY_JSON, COMPARISON_JSON, CALIBRATION_JSON].iter().any(|f| resolved.join(f).is_file());
    let is_empty = std::fs::read_dir(&resolved).map_err(io(&resolved))?.next().is_none();
    let replaceable = is_empty || (is_results && holds_only_results(&resolved, 0));
    if !replaceable {
        return Err(FolderError::NotResults(target.to_path_buf()));
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::super::{STAGING_PREFIX, Staging};
    use super::*;

    #[test]
    fn folders_that_are_not_results_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let mine = tmp.path().join("mine");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("notes.txt"), "keep").unwrap();
        assert!(matches!(Staging::begin(&mine), Err(FolderError::NotResults(_))));
        std::fs::write(tmp.path().join("file"), "x").unwrap();
        assert!(matches!(Staging::begin(&tmp.path().join("file")), Err(FolderError::NotAFolder(_))));
        assert!(matches!(Staging::begin(Path::new("/")), Err(FolderError::NoName(_))));
        let sweep = tmp.path().join("sweep");
        std::fs::create_dir(&sweep).unwrap();
        std::fs::write(sweep.join(SWEEP_JSON), "{}").unwrap();
        assert!(matches!(Staging::begin(&sweep), Err(FolderError::HoldsSweep(_))));
        assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "keep");
    }

    #[test]
    fn no_way_of_naming_a_folder_replaces_files_that_are_not_results() {
        let tmp = tempfile::tempdir().unwrap();
        let mine = tmp.path().join("mine");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("notes.txt"), "keep").unwrap();
        // Through a folder that does not exist yet and back out of it.
        let roundabout = tmp.path().join("missing").join("..").join("mine");
        assert!(matches!(Staging::begin(&roundabout), Err(FolderError::NotResults(_))));
        // A results-looking file beside the user's own.
        std::fs::write(mine.join(SUMMARY_JSON), "{}").unwrap();
        assert!(matches!(Staging::begin(&mine), Err(FolderError::NotResults(_))));
        // caresim's own hidden working names.
        let hidden = tmp.path().join(format!("{STAGING_PREFIX}x"));
        assert!(matches!(Staging::begin(&hidden), Err(FolderError::NoName(_))));
        // A file that appears in the target while the run simulates stops the swap.
        let later = tmp.path().join("later");
        let staging = Staging::begin(&later).unwrap();
        std::fs::create_dir(&later).unwrap();
        std::fs::write(later.join("notes.txt"), "keep").unwrap();
        assert!(matches!(staging.commit(), Err(FolderError::NotResults(_))));
        assert_eq!(std::fs::read_to_string(later.join("notes.txt")).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "keep");
    }
}
