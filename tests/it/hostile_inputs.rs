//! Inputs a careful tester tries: devices and folders for files, huge files, names and designs,
//! files of the other kind, and files that load slowly. Each gets a message that says what is
//! wrong and a non-zero exit, in bounded time; none panics or reads without end.

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use caresim::scenario::MAX_FILE_BYTES;

use crate::support::{caresim, repo_path};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The command exits with `code`, and its message has every one of `needles` and says nothing
/// twice (a system error quoted once).
fn assert_refused(o: &Output, code: i32, needles: &[&str]) {
    let text = stderr(o);
    assert_eq!(o.status.code(), Some(code), "{text}");
    for needle in needles {
        assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
    }
    assert!(!text.contains("panicked"), "{text}");
    if let Some(start) = text.find("(os error") {
        let os_error = &text[start..text[start..].find(')').map_or(text.len(), |e| start + e + 1)];
        assert_eq!(text.matches(os_error).count(), 1, "the system's error is said once:\n{text}");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn extends_baseline(body: &str) -> String {
    format!("extends = {:?}\n{body}", repo_path("models/baseline.toml"))
}

#[test]
fn devices_folders_and_huge_files_are_refused_without_reading_them() {
    let tmp = tempfile::tempdir().unwrap();
    assert_refused(&caresim(&["check", "/dev/zero"]), 2, &["/dev/zero", "not a regular file"]);
    assert_refused(&caresim(&["run", "/dev/zero"]), 2, &["/dev/zero", "not a regular file"]);
    assert_refused(
        &caresim(&["sweep", "/dev/zero"]),
        2,
        &["experiment file /dev/zero", "not a regular file"],
    );
    let folder = tmp.path().display().to_string();
    assert_refused(&caresim(&["check", &folder]), 2, &["is a folder, not a file"]);
    let huge = tmp.path().join("huge.toml");
    let line = "# a comment line to fill the file up\n";
    std::fs::write(&huge, line.repeat((MAX_FILE_BYTES as usize) / line.len() + 2)).unwrap();
    assert_refused(&caresim(&["check", huge.to_str().unwrap()]), 2, &["huge.toml", "at most 2 MB"]);
    let binary = write(tmp.path(), "binary.toml", "name = \"\u{0}\"");
    std::fs::write(&binary, [b'n', 0xff, 0xfe, b'\n']).unwrap();
    assert_refused(&caresim(&["check", &binary]), 2, &["binary.toml", "not text"]);
}

#[test]
fn an_extends_to_a_folder_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "a.toml", "extends = \".\"\nname = \"a\"\n");
    assert_refused(
        &caresim(&["check", &path]),
        2,
        &["a.toml:1", "extends", "is a folder, not a scenario file"],
    );
}

#[test]
fn names_and_descriptions_have_limits() {
    let tmp = tempfile::tempdir().unwrap();
    let long = extends_baseline(&format!("name = \"{}\"\n", "x".repeat(10_000)));
    let path = write(tmp.path(), "long.toml", &long);
    assert_refused(
        &caresim(&["check", &path]),
        2,
        &["long.toml:2", "name", "10000 characters", "at most 80"],
    );
    let path = write(tmp.path(), "blank.toml", &extends_baseline("name = \"  \"\n"));
    assert_refused(&caresim(&["check", &path]), 2, &["name", "must not be empty"]);
    let path = write(tmp.path(), "lines.toml", &extends_baseline("name = \"a\\nb\"\n"));
    assert_refused(&caresim(&["check", &path]), 2, &["name", "on one line"]);
    let text = extends_baseline(&format!("name = \"d\"\ndescription = \"{}\"\n", "d".repeat(5_000)));
    let path = write(tmp.path(), "described.toml", &text);
    assert_refused(&caresim(&["check", &path]), 2, &["description", "at most 2000"]);
}

#[test]
fn files_of_the_other_kind_are_named_as_such() {
    let experiment = repo_path("experiments/social-workers-x-d2a-beds.toml");
    assert_refused(
        &caresim(&["run", experiment.to_str().unwrap()]),
        2,
        &["this is an experiment file, not a scenario", "caresim sweep"],
    );
    let scenario = repo_path("models/baseline.toml");
    let o = caresim(&["sweep", scenario.to_str().unwrap()]);
    assert_refused(&o, 2, &["the experiment is not valid", "this is a scenario file, not an experiment"]);
    assert!(!stderr(&o).contains("the scenario is not valid"), "{}", stderr(&o));
}

fn experiment(dir: &Path, body: &str) -> String {
    let head = format!(
        "name = \"e\"\nscenario = {:?}\nreplications = 2\nseed = 1\nmetrics = [\"acute_bed_days\"]\n",
        repo_path("models/social-worker-and-d2a.toml")
    );
    write(dir, "experiment.toml", &(head + body))
}

#[test]
fn an_experiment_s_own_values_are_blamed_on_the_experiment() {
    let tmp = tempfile::tempdir().unwrap();
    let grid = "[design]\nkind = \"grid\"\n[[parameters]]\nkey = \"d2a_scheme.beds\"\nvalues = [0, -40]\n";
    let path = experiment(tmp.path(), &format!("years = 500\n{grid}"));
    let o = caresim(&["sweep", &path]);
    assert_refused(
        &o,
        2,
        &["the experiment is not valid", "experiment.toml: the experiment's", "simulation.years"],
    );
    assert!(!stderr(&o).contains("--set"), "{}", stderr(&o));
    let path = experiment(tmp.path(), grid);
    let o = caresim(&["sweep", &path]);
    assert_refused(&o, 2, &["experiment.toml: point 1 of the design", "d2a_scheme.beds"]);
    assert!(!stderr(&o).contains("--set"), "{}", stderr(&o));
}

/// A grid design of 100 values for each of `keys`.
fn grid(keys: &[&str]) -> String {
    let values: Vec<String> = (0..100).map(|i| (200 + i).to_string()).collect();
    let parameters: String = keys
        .iter()
        .map(|key| format!("[[parameters]]\nkey = \"{key}\"\nvalues = [{}]\n", values.join(", ")))
        .collect();
    format!("[design]\nkind = \"grid\"\n{parameters}")
}

#[test]
fn designs_too_big_to_hold_are_refused_before_anything_is_made() {
    let tmp = tempfile::tempdir().unwrap();
    let lhs = "[design]\nkind = \"latin_hypercube\"\nsamples = 2000000000\n[[parameters]]\n\
               key = \"acute.beds\"\nlow = 200\nhigh = 300\ninteger = true\n";
    let four = grid(&["acute.beds", "d2a_scheme.beds", "home_support.slots", "care_home.nursing_beds"]);
    for (design, needle) in [(lhs.to_string(), "2000000000 points"), (four, "100000000 points")] {
        let path = experiment(tmp.path(), &design);
        let started = Instant::now();
        let o = caresim(&["sweep", &path, "--out", tmp.path().join("out").to_str().unwrap()]);
        assert_refused(&o, 2, &[needle, "at most 10000"]);
        assert!(started.elapsed() < Duration::from_secs(30), "refused before the points are made");
    }
    let two = experiment(tmp.path(), &grid(&["acute.beds", "d2a_scheme.beds"]));
    let text = std::fs::read_to_string(two).unwrap().replace("replications = 2", "replications = 1000");
    let path = write(tmp.path(), "many.toml", &text);
    assert_refused(&caresim(&["sweep", &path]), 2, &["10000 points x 1000 replications", "at most 5000000"]);
}

/// Finding each key's line once scanned the file from its start: a file of 150,000 keys took
/// minutes. A hang detector with a wide margin, not a speed target.
#[test]
fn a_large_scenario_file_loads_in_time_linear_in_its_size() {
    let tmp = tempfile::tempdir().unwrap();
    let keys: String = (0..150_000).map(|i| format!("k{i} = 1\n")).collect();
    let path = write(tmp.path(), "keys.toml", &extends_baseline(&format!("name = \"k\"\n[area]\n{keys}")));
    let started = Instant::now();
    let o = caresim(&["check", &path]);
    assert_refused(&o, 2, &["keys.toml:4", "area.k0", "unknown key"]);
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
}

#[test]
fn experiment_names_and_extends_chains_have_limits() {
    let tmp = tempfile::tempdir().unwrap();
    let long = format!(
        "name = \"{}\"\nscenario = {:?}\nreplications = 2\nseed = 1\nmetrics = [\"acute_bed_days\"]\n[design]\nkind = \"points\"\n",
        "x".repeat(300),
        repo_path("models/baseline.toml")
    );
    let file = write(tmp.path(), "long.toml", &long);
    assert_refused(&caresim(&["sweep", &file]), 2, &["name", "1 to 80 characters"]);
    // A chain of 40 files, each extending the next.
    let mut previous = repo_path("models/baseline.toml").display().to_string();
    for i in 0..40 {
        previous = write(
            tmp.path(),
            &format!("chain{i}.toml"),
            &format!("extends = {previous:?}\nname = \"c{i}\"\n"),
        );
    }
    assert_refused(&caresim(&["check", &previous]), 2, &["extends", "more than 32 files deep"]);
}
