//! `caresim new NAME --from SCENARIO [--out FILE]`: a new what-if that extends a scenario, with
//! every key of it listed and commented, written where it replaces nothing.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::BadInput;
use crate::cli::args::NewArgs;
use crate::scenario::what_if_template;

/// The longest name a what-if may have (it becomes a file name and a folder name).
const MAX_NAME_CHARS: usize = 64;

pub fn run(args: NewArgs) -> Result<()> {
    let name = &args.name;
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if name.is_empty() || name.len() > MAX_NAME_CHARS || !name.chars().all(allowed) || name.starts_with('-') {
        return Err(BadInput(format!(
            "`{name}` cannot name a what-if: use up to {MAX_NAME_CHARS} letters, digits, - and _ \
             (not starting with -), e.g. more-d2a-beds"
        ))
        .into());
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.from.parent().unwrap_or(Path::new(".")).join(format!("{name}.toml")));
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if out.exists() {
        return Err(BadInput(format!(
            "{} already exists: choose another name or --out (a file is never replaced)",
            out.display()
        ))
        .into());
    }
    if !folder.is_dir() {
        return Err(BadInput(format!("cannot write {}: its folder does not exist", out.display())).into());
    }
    // The scenario first: one that is missing or not valid is named as such (exit code 2).
    what_if_template(&args.from, name, "")?;
    let extends_as = relative_path(&args.from, &folder)?;
    let text = what_if_template(&args.from, name, &extends_as)?;
    // Written whole or not at all, and never over a file that appeared meanwhile.
    let mut file = tempfile::NamedTempFile::new_in(&folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    file.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", out.display()))?;
    file.persist_noclobber(&out)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!("Wrote {}: a what-if extending {}.", out.display(), args.from.display());
    println!(
        "Edit it, then: caresim check {0} && caresim compare {1} {0}",
        out.display(),
        args.from.display()
    );
    Ok(())
}

/// `target` as seen from `folder` (`baseline.toml`, `../models/baseline.toml`), so the new file
/// keeps working when the project is moved.
fn relative_path(target: &Path, folder: &Path) -> Result<String> {
    let target = target.canonicalize().with_context(|| format!("cannot find {}", target.display()))?;
    let folder = folder.canonicalize().with_context(|| format!("cannot find {}", folder.display()))?;
    let (t, f): (Vec<Component>, Vec<Component>) =
        (target.components().collect(), folder.components().collect());
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut relative = PathBuf::new();
    for _ in common..f.len() {
        relative.push("..");
    }
    for part in &t[common..] {
        relative.push(part);
    }
    Ok(relative.to_string_lossy().into_owned())
}
