//! Result folders written whole or not at all, and locks on folders in use.
//!
//! `run` and `compare` build their folder beside the target, in a hidden staging folder
//! (`.caresim-staging-XXXXXX`), and swap it in with one atomic rename when every file is
//! written, so a reader sees either the old folder whole or the new one whole, whatever kills
//! the command. A folder being written is locked with `flock` on the folder itself: the kernel
//! drops the lock when its process dies, so the next command can tell a folder still in use from
//! the leftovers of a killed one, and removes the leftovers.

use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

mod swap;
mod target;

use super::schema::{SWEEP_MANIFEST, UNITS_DIR};
use swap::{previous_path, swap, sync_dir};
use target::{checked_target, named_target};

const STAGING_PREFIX: &str = ".caresim-staging-";
/// How long a new staging folder is left alone before its lock is trusted to tell.
const STAGING_GRACE: std::time::Duration = std::time::Duration::from_secs(60);
/// The prefix of the temporary files behind each file written atomically in place.
pub const TEMPORARY_PREFIX: &str = ".caresim-tmp-";

#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("--out {}: name a folder to write the results to (not /, . or ..)", .0.display())]
    NoName(PathBuf),
    #[error("--out {}: the results folder cannot be the current folder or one that contains it", .0.display())]
    HoldsCurrentFolder(PathBuf),
    #[error("--out {} is a file, not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error(
        "--out {} already holds files that are not caresim results; caresim replaces a results folder \
         whole, so it will not write there: choose another --out, or empty the folder",
        .0.display()
    )]
    NotResults(PathBuf),
    #[error(
        "--out {} holds a sweep's results, which `run` and `compare` do not replace: choose another --out",
        .0.display()
    )]
    HoldsSweep(PathBuf),
    #[error(
        "--out {} already holds files that are not this sweep's results: choose another --out, or empty the folder",
        .0.display()
    )]
    NotSweep(PathBuf),
    #[error("{} is in use by another caresim command; wait for it to finish, or choose another folder", .0.display())]
    InUse(PathBuf),
    #[error(
        "{} holds the comparison of {held}, which this comparison ({this}) would replace: choose another --out, \
         or remove that folder first",
        .dir.display()
    )]
    HoldsOtherComparison { dir: PathBuf, held: String, this: String },
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

impl FolderError {
    /// Whether the folder asked for can never be written (as opposed to a folder in use, or a
    /// failure of the system).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, FolderError::InUse(_) | FolderError::Io { .. })
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FolderError + '_ {
    move |source| FolderError::Io { path: path.to_path_buf(), source }
}

/// The environment variable that names a [`fault_point`] to stop at.
pub const ABORT_AT: &str = "CARESIM_TEST_ABORT_AT";

/// Stop the process at once, as a `kill -9` would (no destructor runs, so nothing is tidied),
/// when [`ABORT_AT`] names `point`: how the tests show that a folder is whole at every step of
/// writing it.
pub fn fault_point(point: &str) {
    if std::env::var_os(ABORT_AT).is_some_and(|at| at == point) {
        std::process::exit(137);
    }
}

/// Write `bytes` to `path` and flush them to disk, so a folder swapped in holds whole files.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// An exclusive lock on a folder, held until dropped (or the process ends).
#[derive(Debug)]
pub struct FolderLock(#[allow(dead_code)] File);

/// Lock `dir` (which must exist) for this command; refused while another command holds it.
pub fn lock(dir: &Path) -> Result<FolderLock, FolderError> {
    let handle = File::open(dir).map_err(io(dir))?;
    match handle.try_lock() {
        Ok(()) => Ok(FolderLock(handle)),
        Err(TryLockError::WouldBlock) => Err(FolderError::InUse(dir.to_path_buf())),
        Err(TryLockError::Error(e)) => Err(FolderError::Io { path: dir.to_path_buf(), source: e }),
    }
}

/// Remove the temporary files a killed command left in `dir` (call with `dir` locked).
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(TEMPORARY_PREFIX)
            && entry.file_type().is_ok_and(|t| t.is_file());
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Open `dir` for a sweep or a merge to write into, locked: it must be absent, empty, or hold a
/// sweep's results (which the sweep checks are its own). Removes what killed commands left.
pub fn open_sweep_folder(dir: &Path) -> Result<FolderLock, FolderError> {
    let resolved = named_target(dir)?;
    if resolved.exists() {
        if !resolved.is_dir() {
            return Err(FolderError::NotAFolder(dir.to_path_buf()));
        }
        let is_empty = std::fs::read_dir(&resolved).map_err(io(&resolved))?.next().is_none();
        if !is_empty && !resolved.join(SWEEP_MANIFEST).is_file() {
            return Err(FolderError::NotSweep(dir.to_path_buf()));
        }
    }
    std::fs::create_dir_all(&resolved).map_err(io(&resolved))?;
    let held = lock(&resolved)?;
    remove_stale_temporaries(&resolved);
    remove_stale_temporaries(&resolved.join(UNITS_DIR));
    Ok(held)
}

/// A result folder being built beside its target, swapped in by [`Staging::commit`]. Dropped
/// without a commit (an error part-way), it removes itself.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    path: PathBuf,
    lock: Option<FolderLock>,
}

impl Staging {
    /// Check that `target` may be replaced by a `run` or `compare` folder, tidy what killed
    /// commands left beside it, and start a locked staging folder next to it.
    pub fn begin(target: &Path) -> Result<Staging, FolderError> {
        let target = checked_target(target)?;
        let parent = target.parent().expect("a checked target has a parent").to_path_buf();
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        tidy(&parent, &target)?;
        let path =
            tempfile::Builder::new().prefix(STAGING_PREFIX).tempdir_in(&parent).map_err(io(&parent))?.keep();
        let lock = lock(&path)?;
        Ok(Staging { target, path, lock: Some(lock) })
    }

    /// The folder to write the files into.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Swap the staging folder in place of the target; returns the lock on the new folder, to
    /// hold while anything else (a report) is written into it.
    pub fn commit(mut self) -> Result<FolderLock, FolderError> {
        sync_dir(&self.path);
        // The target may have changed while the run simulated: checked again, and held.
        checked_target(&self.target)?;
        let _held = if self.target.exists() { Some(lock(&self.target)?) } else { None };
        fault_point("before swap");
        if self.target.exists() {
            swap(&self.path, &self.target)?;
            fault_point("after swap");
            // The staging name now holds the old folder.
            let _ = std::fs::remove_dir_all(&self.path);
        } else {
            std::fs::rename(&self.path, &self.target).map_err(io(&self.target))?;
        }
        if let Some(parent) = self.target.parent() {
            sync_dir(parent);
        }
        Ok(self.lock.take().expect("a staging folder is locked until committed"))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.lock.is_some() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// Remove staging folders whose command died, and finish or undo a swap that a killed command
/// left half done on `target`.
fn tidy(parent: &Path, target: &Path) -> Result<(), FolderError> {
    let previous = previous_path(target);
    if previous.exists() {
        if target.exists() {
            let _ = std::fs::remove_dir_all(&previous);
        } else {
            std::fs::rename(&previous, target).map_err(io(target))?;
        }
    }
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    for entry in entries.flatten() {
        let is_staging = entry.file_name().to_string_lossy().starts_with(STAGING_PREFIX)
            && entry.file_type().is_ok_and(|t| t.is_dir());
        // A staging folder that can be locked has no living owner, unless it was made a moment
        // ago and its owner has yet to lock it: those are left for a later command.
        let young = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age < STAGING_GRACE));
        if is_staging
            && !young
            && let Ok(held) = lock(&entry.path())
        {
            let _ = std::fs::remove_dir_all(entry.path());
            drop(held);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::swap::swap_in_two_steps;
    use super::*;
    use crate::results::schema::{REPLICATIONS_CSV, SUMMARY_JSON};

    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                (name, std::fs::read_to_string(e.path()).unwrap_or_default())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_committed_folder_replaces_the_old_one_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join(SUMMARY_JSON), "old").unwrap();
        std::fs::write(target.join(REPLICATIONS_CSV), "old").unwrap();
        let staging = Staging::begin(&target).unwrap();
        write_file(&staging.path().join(SUMMARY_JSON), b"new").unwrap();
        staging.commit().unwrap();
        assert_eq!(files(&target), vec![(SUMMARY_JSON.to_string(), "new".to_string())]);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "nothing is left beside it");
    }

    #[test]
    fn an_abandoned_staging_folder_leaves_the_old_one_and_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out");
        let staging = Staging::begin(&target).unwrap();
        write_file(&staging.path().join(SUMMARY_JSON), b"new").unwrap();
        drop(staging);
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }

    /// Date a folder's last change back past the grace given to new staging folders.
    fn age(dir: &Path) {
        let then = std::time::SystemTime::now() - 2 * STAGING_GRACE;
        File::open(dir).unwrap().set_modified(then).unwrap();
    }

    #[test]
    fn a_staging_folder_in_use_is_kept_and_a_dead_one_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let live = Staging::begin(&tmp.path().join("a")).unwrap();
        age(live.path());
        let dead = tmp.path().join(format!("{STAGING_PREFIX}dead"));
        let young = tmp.path().join(format!("{STAGING_PREFIX}young"));
        std::fs::create_dir(&dead).unwrap();
        std::fs::create_dir(&young).unwrap();
        age(&dead);
        let other = Staging::begin(&tmp.path().join("b")).unwrap();
        assert!(live.path().exists(), "a folder another command is writing is left alone");
        assert!(!dead.exists(), "a killed command's folder is removed");
        assert!(young.exists(), "a folder made a moment ago may not be locked by its owner yet");
        assert!(matches!(lock(live.path()), Err(FolderError::InUse(_))));
        drop(other);
    }

    #[test]
    fn an_interrupted_two_step_swap_is_undone() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out");
        std::fs::create_dir(previous_path(&target)).unwrap();
        std::fs::write(previous_path(&target).join(SUMMARY_JSON), "old").unwrap();
        let staging = Staging::begin(&target).unwrap();
        assert_eq!(files(&target), vec![(SUMMARY_JSON.to_string(), "old".to_string())]);
        drop(staging);
    }

    #[test]
    fn both_ways_of_swapping_exchange_the_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        for dir in [&a, &b] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join(SUMMARY_JSON), dir.file_name().unwrap().as_encoded_bytes()).unwrap();
        }
        swap(&a, &b).unwrap();
        assert_eq!(files(&b), vec![(SUMMARY_JSON.to_string(), "a".to_string())]);
        swap_in_two_steps(&a, &b).unwrap();
        assert_eq!(files(&b), vec![(SUMMARY_JSON.to_string(), "b".to_string())]);
        assert_eq!(files(&a), vec![(SUMMARY_JSON.to_string(), "a".to_string())]);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);
    }

    #[test]
    fn stale_temporaries_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(format!("{TEMPORARY_PREFIX}x")), "").unwrap();
        std::fs::write(tmp.path().join("kept.csv"), "").unwrap();
        remove_stale_temporaries(tmp.path());
        assert_eq!(files(tmp.path()), vec![("kept.csv".to_string(), String::new())]);
    }
}
