//! Golden results: the baseline and every preset, compared on a short fixed run, must give the
//! same bytes as the files checked in under `tests/golden/`. A change to the model's results
//! is made on purpose, in a commit that says why, by refreshing them:
//! `UPDATE_GOLDEN=1 cargo test --release golden`.

use std::path::{Path, PathBuf};

use crate::support::{caresim, repo_path};

/// Files of each scenario's folder that hold results (the resolved scenario and its sources
/// are a record of the input, not a result).
const SCENARIO_FILES: [&str; 4] = ["summary.json", "replications.csv", "timeseries.csv", "by_year.csv"];
const COMPARISON_FILES: [&str; 3] = ["comparison.json", "by_year_change.csv", "cohort.csv"];

fn presets() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_path("models"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && !p.ends_with("baseline.toml"))
        .collect();
    files.sort();
    files
}

fn golden_files(out: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut names: Vec<String> = vec!["baseline".into()];
    names.extend(presets().iter().map(|p| p.file_stem().unwrap().to_string_lossy().into_owned()));
    let mut files = Vec::new();
    for name in &names {
        for file in SCENARIO_FILES {
            let relative = Path::new(name).join(file);
            files.push((out.join(&relative), relative));
        }
    }
    for file in COMPARISON_FILES {
        files.push((out.join(file), PathBuf::from(file)));
    }
    files
}

/// The first line at which two texts differ, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    for (n, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            let cut = |s: &str| s.chars().take(200).collect::<String>();
            return format!("line {}:\n  golden: {}\n  now:    {}", n + 1, cut(e), cut(a));
        }
    }
    format!("lengths differ: golden {} lines, now {}", expected.lines().count(), actual.lines().count())
}

#[test]
fn baseline_and_presets_give_the_golden_results() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("golden");
    let baseline = repo_path("models/baseline.toml");
    let mut args: Vec<String> = vec!["compare".into(), baseline.display().to_string()];
    args.extend(presets().iter().map(|p| p.display().to_string()));
    args.extend(["--reps", "3", "--years", "2", "--warmup-years", "1", "--threads", "2"].map(String::from));
    args.extend(["--out".into(), out.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = caresim(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let golden_dir = repo_path("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut differences = Vec::new();
    for (made, relative) in golden_files(&out) {
        let actual = std::fs::read_to_string(&made).unwrap_or_else(|e| panic!("{}: {e}", made.display()));
        let golden = golden_dir.join(&relative);
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => {
                differences.push(format!("{}: {}", relative.display(), first_difference(&expected, &actual)))
            }
            Err(e) => differences.push(format!("{}: no golden file ({e})", relative.display())),
        }
    }
    assert!(
        differences.is_empty(),
        "results differ from tests/golden (refresh on purpose with UPDATE_GOLDEN=1):\n{}",
        differences.join("\n")
    );
}
