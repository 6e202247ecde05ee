//! Putting a finished folder in place of the old one in one step: `renameat2(RENAME_EXCHANGE)`
//! on Linux; elsewhere (or on a file system without it) two renames, the old folder waiting
//! under a name of its own that the next command uses to undo a swap cut short.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::{FolderError, io};

/// Where an old folder waits while a swap without an atomic exchange is under way.
const PREVIOUS_PREFIX: &str = ".caresim-previous-";

pub(super) fn previous_path(target: &Path) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!("{PREVIOUS_PREFIX}{name}"))
}

/// Exchange the folders at `a` and `b` in one step where the system can; elsewhere move `b`
/// aside, move `a` in, and let [`tidy`] undo a swap interrupted between the two.
pub(super) fn swap(a: &Path, b: &Path) -> Result<(), FolderError> {
    #[cfg(target_os = "linux")]
    match exchange(a, b) {
        Ok(()) => return Ok(()),
        // Only a system or file system without the exchange falls back to two renames.
        Err(e)
            if ![Some(libc::EINVAL), Some(libc::ENOSYS), Some(libc::EOPNOTSUPP)]
                .contains(&e.raw_os_error()) =>
        {
            return Err(FolderError::Io { path: b.to_path_buf(), source: e });
        }
        Err(_) => {}
    }
    swap_in_two_steps(a, b)
}

pub(super) fn swap_in_two_steps(a: &Path, b: &Path) -> Result<(), FolderError> {
    let previous = previous_path(b);
    std::fs::rename(b, &previous).map_err(io(b))?;
    std::fs::rename(a, b).map_err(io(b))?;
    std::fs::rename(&previous, a).map_err(io(a))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let status = unsafe {
        libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE)
    };
    if status == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}

/// Flush a folder's entries to disk (best effort: not every system allows it).
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}
