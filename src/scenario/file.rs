//! Reading an input file (a scenario or an experiment) as text, with limits: only regular files,
//! at most [`MAX_FILE_BYTES`], UTF-8. A device such as `/dev/zero`, a folder, or a file the size
//! of a disk gets a message, never an endless read.

use std::io::Read;
use std::path::Path;

use super::error::{FileKind, ScenarioError};

/// The largest input file read: far above any real scenario (the bundled ones are under 20 KB).
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

pub fn read_input(path: &Path, kind: FileKind) -> Result<String, ScenarioError> {
    let refuse = |problem: String| ScenarioError::NotReadable { kind, path: path.to_path_buf(), problem };
    let read_error = |source| ScenarioError::Read { kind, path: path.to_path_buf(), source };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if meta.is_dir() {
        return Err(refuse("it is a folder, not a file".into()));
    }
    if !meta.is_file() {
        return Err(refuse("it is not a regular file (a device, a pipe or a socket)".into()));
    }
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit, so a file that grows while being read is caught too.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refuse(format!(
            "it is over {} MB; allowed: at most {} MB",
            MAX_FILE_BYTES / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        refuse(format!("it is not text (UTF-8): byte {} is not valid", e.utf8_error().valid_up_to()))
    })
}
