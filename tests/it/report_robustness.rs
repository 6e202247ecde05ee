//! Reading result folders and writing reports on corrupt, hostile or foreign input: every case
//! ends, in bounded time, with a report or an error naming the file, never a panic or a hang.
//! `defects` holds one regression test per defect found, `validation` what reading checks,
//! `fuzz` generated corruptions (`corruption`) of real folders. The folders are made once per
//! test with the caresim binary on very small settings.

mod corruption;
mod defects;
mod fuzz;
mod validation;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use caresim::report::{ImageFormat, write_report};
use tempfile::TempDir;

use crate::support::{caresim, repo_path};

/// Two replications of one year, no warm-up, in an area of 5,000 registered people.
const SMALL: [&str; 8] =
    ["--reps", "2", "--years", "1", "--warmup-years", "0", "--set", "area.registered_population=5000"];

/// A result folder in a temporary directory of its own, removed when dropped.
pub struct Folder {
    _tmp: TempDir,
    pub dir: PathBuf,
}

fn caresim_ok(args: &[&str]) {
    let o = caresim(args);
    assert!(o.status.success(), "caresim {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

fn made_by(command: &str, scenarios: &[&str]) -> Folder {
    made_with(command, scenarios, &SMALL)
}

fn made_with(command: &str, scenarios: &[&str], settings: &[&str]) -> Folder {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(command);
    let paths: Vec<String> = scenarios.iter().map(|s| repo_path(s).display().to_string()).collect();
    let mut args = vec![command];
    args.extend(paths.iter().map(String::as_str));
    args.extend(settings);
    args.extend(["--out", dir.to_str().unwrap()]);
    caresim_ok(&args);
    Folder { _tmp: tmp, dir }
}

/// A `run` folder of the baseline.
pub fn run_folder() -> Folder {
    made_by("run", &["models/baseline.toml"])
}

/// A `compare` folder: the baseline, a preset with uncertain effects (so `replications.csv` has
/// drawn parameters) and the D2A preset.
pub fn compare_folder() -> Folder {
    made_by(
        "compare",
        &["models/baseline.toml", "models/social-worker-every-cluster.toml", "models/d2a.toml"],
    )
}

/// A `compare` folder long enough for the D2A scheme's users to be followed six months before
/// and after (`cohort.csv` has rows).
pub fn compare_folder_with_cohorts() -> Folder {
    let settings =
        ["--reps", "2", "--years", "2", "--warmup-years", "1", "--set", "area.registered_population=20000"];
    made_with("compare", &["models/baseline.toml", "models/d2a.toml"], &settings)
}

/// A grid of two parameters: response curves and heatmaps.
pub const GRID: &str = "[design]\nkind = \"grid\"\n\n[[parameters]]\nkey = \"d2a_scheme.beds\"\nvalues = [30, 36]\n\n\
                        [[parameters]]\nkey = \"costs.nursing_week.gbp\"\nvalues = [1026, 2000]\n";
/// One parameter at a time: tornados.
pub const ONE_WAY: &str = "[design]\nkind = \"one_way\"\n\n[[parameters]]\nkey = \"d2a_scheme.beds\"\nlow = 0\n\
                           high = 12\ninteger = true\n\n[[parameters]]\nkey = \"costs.nursing_week.gbp\"\nlow = 800\n\
                           high = 1200\n";
/// Sampled points: one response per parameter.
pub const LATIN: &str = "[design]\nkind = \"latin_hypercube\"\nsamples = 3\n\n[[parameters]]\n\
                         key = \"costs.nursing_week.gbp\"\nlow = 800\nhigh = 1200\n";

/// A `sweep` folder of `design` over a small area with the social worker and D2A preset.
pub fn sweep_folder(design: &str) -> Folder {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = format!(
        "extends = {:?}\nname = \"small\"\n[area]\nregistered_population = 5000\n",
        repo_path("models/social-worker-and-d2a.toml")
    );
    std::fs::write(tmp.path().join("small.toml"), scenario).unwrap();
    let experiment = format!(
        "name = \"small-sweep\"\nscenario = \"small.toml\"\nreplications = 2\nseed = 5\nyears = 1\nwarmup_years = 0\n\
         metrics = [\"acute_bed_days\", \"care_home_admissions\", \"cost_total\"]\n{design}"
    );
    let path = tmp.path().join("experiment.toml");
    std::fs::write(&path, experiment).unwrap();
    let dir = tmp.path().join("sweep");
    caresim_ok(&["sweep", path.to_str().unwrap(), "--out", dir.to_str().unwrap()]);
    Folder { _tmp: tmp, dir }
}

/// A copy of the folder at `from` in a new temporary directory.
pub fn copy_of(from: &Path) -> Folder {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(from.file_name().unwrap());
    copy(from, &dir);
    Folder { _tmp: tmp, dir }
}

/// Longer than any report of these folders takes by far: a hang detector, not a speed target.
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// Write the report for `dir` on a thread of its own: `Ok` or the error's message. Fails the
/// test if writing it panics or takes longer than [`TIME_LIMIT`].
pub fn report(dir: &Path, format: ImageFormat) -> Result<(), String> {
    let (send, receive) = mpsc::channel();
    let owned = dir.to_path_buf();
    std::thread::spawn(move || {
        let outcome = write_report(&owned, format).map(|_| ()).map_err(|e| e.to_string());
        let _ = send.send(outcome);
    });
    match receive.recv_timeout(TIME_LIMIT) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("the report on {} did not end in {TIME_LIMIT:?}", dir.display())
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the report on {} panicked", dir.display()),
    }
}

/// The report's error on `dir`, which must fail.
pub fn report_error(dir: &Path) -> String {
    match report(dir, ImageFormat::Svg) {
        Ok(()) => panic!("the report on {} should have been refused", dir.display()),
        Err(message) => message,
    }
}

/// Rewrite the JSON file at `path`.
pub fn edit_json(path: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    edit(&mut value);
    std::fs::write(path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

/// Rewrite the text file at `path`.
pub fn edit_text(path: &Path, edit: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, edit(text)).unwrap();
}

/// Assert that `message` names `file` and says each of `needles`.
pub fn assert_says(message: &str, file: &str, needles: &[&str]) {
    assert!(message.contains(file), "the error should name {file}: {message}");
    for needle in needles {
        assert!(message.contains(needle), "the error should say {needle:?}: {message}");
    }
}
