//! A result folder is whole or absent: `run` and `compare` killed at any moment over an existing
//! folder leave the old folder whole or the new one whole, the next command removes what the
//! killed one left, `--out` never replaces files that are not caresim results, and two sweeps
//! cannot write into one folder at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caresim::results::folder::ABORT_AT;

use crate::support::{caresim, repo_path};

const SMALL: [&str; 8] =
    ["--reps", "3", "--years", "1", "--warmup-years", "1", "--set", "area.registered_population=8000"];
/// Long enough (tens of milliseconds) for kills to land while files are written.
const LONGER: [&str; 8] =
    ["--reps", "30", "--years", "2", "--warmup-years", "1", "--set", "area.registered_population=8000"];

fn run_args(out: &Path, seed: &str) -> Vec<String> {
    let mut args = vec!["run".to_string(), repo_path("models/baseline.toml").display().to_string()];
    args.extend(LONGER.iter().map(|s| s.to_string()));
    args.extend(["--seed".into(), seed.into(), "--out".into(), out.display().to_string()]);
    args
}

fn caresim_ok(args: &[String]) {
    let o = caresim(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn copy_folder(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    for (relative, bytes) in contents(from) {
        let path = to.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Date the staging folders a killed command left in `dir` back past the minute a new one is
/// given before its lock is trusted, as if the next command came later.
fn age_leftovers(dir: &Path) {
    let then = std::time::SystemTime::now() - Duration::from_secs(120);
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with(".caresim-") {
            std::fs::File::open(entry.path()).unwrap().set_modified(then).unwrap();
        }
    }
}

fn hidden_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn a_run_killed_at_any_moment_leaves_the_old_folder_or_the_new_one_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    let new = tmp.path().join("new");
    caresim_ok(&run_args(&old, "1"));
    let started = Instant::now();
    caresim_ok(&run_args(&new, "2"));
    let duration = started.elapsed();
    let (old, new) = (contents(&old), contents(&new));
    assert_ne!(old, new);

    let parent = tmp.path().join("kills");
    std::fs::create_dir(&parent).unwrap();
    let target = parent.join("out");
    let (mut saw_old, mut saw_new) = (0, 0);
    const KILLS: u32 = 16;
    for k in 0..KILLS {
        if !target.exists() || contents(&target) != old {
            copy_folder(&tmp.path().join("old"), &target);
        }
        let args = run_args(&target, "2");
        let mut child = Command::new(env!("CARGO_BIN_EXE_caresim"))
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills from the start to a little past a whole run.
        std::thread::sleep(duration.mul_f64(1.1 * f64::from(k) / f64::from(KILLS - 1)));
        let _ = child.kill();
        child.wait().unwrap();
        let found = contents(&target);
        if found == old {
            saw_old += 1;
        } else if found == new {
            saw_new += 1;
        } else {
            let names: Vec<_> = found.keys().collect();
            panic!("kill {k} left a folder that is neither the old nor the new one: {names:?}");
        }
    }
    assert!(saw_old > 0, "some kills came before the swap (old {saw_old}, new {saw_new})");
    // The next command into the same parent removes whatever the killed ones left.
    age_leftovers(&parent);
    caresim_ok(&run_args(&target, "1"));
    assert_eq!(contents(&target), old);
    assert_eq!(hidden_entries(&parent), Vec::<String>::new());
    assert_eq!(hidden_entries(&target), Vec::<String>::new());
}

/// Stopped as by `kill -9` after each file and on either side of the swap, a run leaves the old
/// folder whole (the new one once swapped in), and the next command clears what it left.
#[test]
fn a_run_stopped_after_each_file_leaves_a_whole_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (old_dir, new_dir) = (tmp.path().join("old"), tmp.path().join("new"));
    let quick = |out: &Path, seed: &str| {
        let mut args = run_args(out, seed);
        args[2..10].clone_from_slice(&SMALL.map(String::from));
        args
    };
    caresim_ok(&quick(&old_dir, "1"));
    caresim_ok(&quick(&new_dir, "2"));
    let (old, new) = (contents(&old_dir), contents(&new_dir));
    let parent = tmp.path().join("stops");
    std::fs::create_dir(&parent).unwrap();
    let target = parent.join("out");
    let points = [
        ("after scenario.resolved.toml", &old),
        ("after scenario.sources.txt", &old),
        ("after replications.csv", &old),
        ("after summary.json", &old),
        ("after timeseries.csv", &old),
        ("before swap", &old),
        ("after swap", &new),
    ];
    for (point, expected) in points {
        copy_folder(&old_dir, &target);
        let o = Command::new(env!("CARGO_BIN_EXE_caresim"))
            .args(quick(&target, "2"))
            .env(ABORT_AT, point)
            .output()
            .unwrap();
        assert!(!o.status.success(), "{point}: the run was stopped");
        assert!(contents(&target) == *expected, "{point}: the folder is not whole");
        assert!(!hidden_entries(&parent).is_empty(), "{point}: the stopped run left its staging folder");
        // Any later command into the same parent clears what the stopped one left.
        age_leftovers(&parent);
        caresim_ok(&quick(&parent.join("other"), "1"));
        assert_eq!(hidden_entries(&parent), Vec::<String>::new(), "{point}");
    }
}

#[test]
fn a_compare_replaces_its_own_folder_but_never_another_comparison_s() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    let compare = |scenario: &str| {
        let mut args = vec![
            "compare".to_string(),
            repo_path("models/baseline.toml").display().to_string(),
            repo_path(scenario).display().to_string(),
        ];
        args.extend(SMALL.iter().map(|s| s.to_string()));
        args.extend(["--out".into(), out.display().to_string()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        caresim(&args)
    };
    assert!(compare("models/d2a.toml").status.success());
    let first = std::fs::read(out.join("comparison.json")).unwrap();
    let other = compare("models/gp-in-ae.toml");
    assert_eq!(other.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&other.stderr);
    assert!(stderr.contains("holds the comparison of d2a against baseline"), "{stderr}");
    assert_eq!(std::fs::read(out.join("comparison.json")).unwrap(), first, "the first comparison is kept");
    assert!(!out.join("gp-in-ae").exists());
    assert!(compare("models/d2a.toml").status.success(), "the same comparison replaces its own folder");
    assert!(out.join("d2a").is_dir());
    // The same what-ifs in another order are the same comparison.
    let both = |first: &str, second: &str| {
        let mut args = vec!["compare".to_string(), repo_path("models/baseline.toml").display().to_string()];
        args.extend([repo_path(first).display().to_string(), repo_path(second).display().to_string()]);
        args.extend(SMALL.iter().map(|s| s.to_string()));
        args.extend(["--out".into(), tmp.path().join("two").display().to_string()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        caresim(&args)
    };
    assert!(both("models/d2a.toml", "models/gp-in-ae.toml").status.success());
    assert!(both("models/gp-in-ae.toml", "models/d2a.toml").status.success());
}

#[test]
fn out_folders_that_are_not_results_are_refused_before_simulating() {
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep me").unwrap();
    for out in [mine.to_str().unwrap(), "/", "."] {
        let mut args = vec!["run", "models/baseline.toml", "--reps", "200", "--out", out];
        args[1] = Box::leak(repo_path(args[1]).display().to_string().into_boxed_str());
        let started = Instant::now();
        let o = caresim(&args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "--out {out}: {stderr}");
        assert!(stderr.contains("--out"), "--out {out}: {stderr}");
        assert!(started.elapsed() < Duration::from_secs(20), "refused before 200 replications ran");
    }
    assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "keep me");
}

#[test]
fn a_scenario_named_like_a_comparison_file_is_refused_before_simulating() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = tmp.path().join("odd.toml");
    std::fs::write(
        &scenario,
        format!("extends = {:?}\nname = \"comparison.json\"\n", repo_path("models/d2a.toml")),
    )
    .unwrap();
    let out = tmp.path().join("cmp");
    let o = caresim(&[
        "compare",
        repo_path("models/baseline.toml").to_str().unwrap(),
        scenario.to_str().unwrap(),
        "--reps",
        "200",
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("comparison.json") && stderr.contains("`name`"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn two_sweeps_cannot_write_into_one_folder_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = tmp.path().join("experiment.toml");
    std::fs::write(
        tmp.path().join("small.toml"),
        format!(
            "extends = {:?}\nname = \"small\"\n[area]\nregistered_population = 8000\n",
            repo_path("models/baseline.toml")
        ),
    )
    .unwrap();
    // About two seconds of work on one thread: long enough for a second sweep to meet the first.
    std::fs::write(
        &experiment,
        "name = \"locked\"\nscenario = \"small.toml\"\nreplications = 200\nseed = 1\nyears = 2\n\
         warmup_years = 1\nmetrics = [\"acute_bed_days\"]\n[design]\nkind = \"grid\"\n[[parameters]]\n\
         key = \"acute.beds\"\nvalues = [297, 300]\n",
    )
    .unwrap();
    let out = tmp.path().join("sweep");
    let mut first = Command::new(env!("CARGO_BIN_EXE_caresim"))
        .args(["sweep", experiment.to_str().unwrap(), "--out", out.to_str().unwrap(), "--threads", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the first sweep holds the folder (its manifest is written under the lock).
    let deadline = Instant::now() + Duration::from_secs(60);
    while !out.join("sweep.manifest.json").exists() {
        assert!(Instant::now() < deadline, "the first sweep never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let second = caresim(&["sweep", experiment.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let still_running = first.try_wait().unwrap().is_none();
    let _ = first.kill();
    first.wait().unwrap();
    assert!(still_running, "the first sweep was still running when the second started");
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("in use by another caresim command"), "{stderr}");
    // Killed, the first sweep's lock is gone with it: the folder can be taken over and resumed.
    let o = caresim(&["sweep", experiment.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(hidden_entries(&out), Vec::<String>::new());
}
