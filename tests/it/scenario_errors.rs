//! Malformed scenarios: each gives a message naming the file, line and key, and exit code 2.

use std::path::Path;
use std::process::Command;

use crate::support::repo_path;

/// Write `files` (name, text) into a temporary folder, where `BASELINE` stands for the path of
/// the bundled baseline, then `caresim check` the first one.
fn check(files: &[(&str, &str)]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let baseline = repo_path("models/baseline.toml");
    for (name, text) in files {
        let text = text.replace("BASELINE", baseline.to_str().unwrap());
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    check_path(&dir.path().join(files[0].0), &[])
}

fn check_path(path: &Path, extra: &[&str]) -> (i32, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_caresim")).arg("check").arg(path).args(extra).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The check fails with exit code 2 and the message contains every one of `needles`.
fn assert_rejected(files: &[(&str, &str)], needles: &[&str]) {
    let (code, stderr) = check(files);
    assert_eq!(code, 2, "exit code for {needles:?}; stderr:\n{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "expected {needle:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_bundled_baseline_is_valid() {
    let (code, stderr) = check_path(&repo_path("models/baseline.toml"), &[]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn misspelt_key() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n\n[acute]\nbedz = 300\n")],
        &["w.toml:4", "acute.bedz", "unknown key `bedz`", "beds"],
    );
}

#[test]
fn misspelt_section() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n[acuet]\nbeds = 300\n")],
        &["w.toml:2", "unknown key"],
    );
}

#[test]
fn wrong_type() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n[acute]\nbeds = \"many\"\n")],
        &["w.toml:3", "acute.beds", "wrong type", "\"many\""],
    );
}

#[test]
fn probability_above_one() {
    assert_rejected(
        &[(
            "w.toml",
            "extends = \"BASELINE\"\n[acute]\n\ndeath_probability_by_frailty = [1.3, 0.06, 0.1, 0.14]\n",
        )],
        &["w.toml:4", "acute.death_probability_by_frailty[0]", "probability", "1.3"],
    );
}

#[test]
fn negative_capacity() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n[d2a]\nbeds = -5\n")],
        &["w.toml:3", "d2a.beds", "-5"],
    );
}

#[test]
fn pathway_shares_not_summing_to_one() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n[discharge.pathway_shares]\nfit = [0.5, 0.3, 0.1, 0.05]\n")],
        &["w.toml:3", "discharge.pathway_shares.fit", "add up to 1", "0.95"],
    );
}

#[test]
fn d2a_outcomes_not_summing_to_one() {
    // Reported at the file and section that changed, whichever outcome was changed.
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n\n[d2a]\noutcome_death = 0.5\n")],
        &["w.toml:3: d2a:", "outcome_home + outcome_care_home + outcome_death", "add up to 1"],
    );
}

#[test]
fn seasons_out_of_range() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n[seasonality]\namplitude = 1.2\npeak_day = 400\n")],
        &[
            "w.toml:3",
            "seasonality.amplitude",
            "1.2",
            "w.toml:4",
            "seasonality.peak_day",
            "0 (1 April) to 364",
            "400",
        ],
    );
}

#[test]
fn zero_acute_beds() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n[acute]\nbeds = 0\n")],
        &["w.toml:3", "acute.beds", "at least 1"],
    );
}

#[test]
fn a_population_too_large_to_hold() {
    assert_rejected(
        &[(
            "w.toml",
            "extends = \"BASELINE\"\n[area]\nregistered_population = 4000000000\nshare_aged_65_plus = 1.0\n",
        )],
        &["w.toml:2: area:", "at most"],
    );
}

#[test]
fn missing_extends_target() {
    assert_rejected(
        &[("w.toml", "name = \"x\"\nextends = \"nowhere.toml\"\n")],
        &["w.toml:2", "extends", "nowhere.toml", "does not exist"],
    );
}

#[test]
fn cyclic_extends() {
    assert_rejected(
        &[("a.toml", "extends = \"b.toml\"\n"), ("b.toml", "extends = \"a.toml\"\n")],
        &["extends", "circle", "a.toml -> ", "b.toml"],
    );
}

#[test]
fn extends_must_be_a_file_name() {
    assert_rejected(&[("w.toml", "extends = 3\n")], &["w.toml:1", "extends", "file name"]);
}

#[test]
fn not_toml_at_all() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n[acute\nbeds = 3\n")],
        &["w.toml", "not valid TOML", "line 2"],
    );
}

#[test]
fn missing_section_without_extends() {
    assert_rejected(&[("w.toml", "name = \"alone\"\n")], &["missing key", "simulation"]);
}

#[test]
fn wrong_number_of_entries() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n[hazards.crisis]\nrelative_by_frailty = [1.0, 2.0, 3.0]\n")],
        &["w.toml:3", "hazards.crisis.relative_by_frailty", "wrong number of entries"],
    );
}

#[test]
fn not_a_number() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\n[ae]\nmean_hours = nan\n")],
        &["w.toml:3", "ae.mean_hours", "must be a number"],
    );
}

#[test]
fn several_problems_are_reported_together() {
    assert_rejected(
        &[(
            "w.toml",
            "extends = \"BASELINE\"\n[acute]\nlos_coefficient_of_variation = -1\n[ae]\nmean_hours = 500\n",
        )],
        &["w.toml:3", "acute.los_coefficient_of_variation", "w.toml:5", "ae.mean_hours"],
    );
}

#[test]
fn bad_override_on_the_command_line() {
    let (code, stderr) = check_path(&repo_path("models/baseline.toml"), &[]);
    assert_eq!(code, 0, "{stderr}");
    let out = Command::new(env!("CARGO_BIN_EXE_caresim"))
        .args([
            "run",
            repo_path("models/baseline.toml").to_str().unwrap(),
            "--set",
            "acute.beds=-1",
            "--reps",
            "1",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--set: acute.beds"), "{stderr}");
    let out = Command::new(env!("CARGO_BIN_EXE_caresim"))
        .args(["run", repo_path("models/baseline.toml").to_str().unwrap(), "--set", "acutebeds.x=1"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("`acutebeds` is not a section"), "{stderr}");
}

#[test]
fn every_missing_key_is_reported_at_once() {
    assert_rejected(
        &[("w.toml", "extends = \"BASELINE\"\nname = \"w\"\n\n[crisis_response]\ncapacity = 5\n")],
        &[
            "missing key `eligible_share`",
            "missing key `referred_share`",
            "missing key `returns_share`",
            "missing key `return_mean_days`",
            "missing key `episode_days`",
            "missing key `episode_cost`",
            "missing key `yearly_cost`",
        ],
    );
    // A new team names every key its entry lacks, and a wrong value elsewhere is reported too.
    let (code, stderr) = check(&[(
        "w.toml",
        "extends = \"BASELINE\"\nname = \"w\"\n\n[acute]\nbeds = \"many\"\n\n[[teams]]\nname = \"t\"\nscope = \"cluster\"\n",
    )]);
    assert_eq!(code, 2, "{stderr}");
    for needle in ["missing key `coverage`", "missing key `staff`", "missing key `effects`"] {
        assert!(stderr.contains(needle), "{needle:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("missing key `gbp`"), "keys inside a missing key are not listed:\n{stderr}");
}

#[test]
fn every_wrong_entry_of_a_list_is_reported() {
    assert_rejected(
        &[(
            "w.toml",
            "extends = \"BASELINE\"\nname = \"w\"\n\n[acute]\nlos_mean_days_by_frailty = [\"a\", \"b\", 5.0, 6.0]\n",
        )],
        &["los_mean_days_by_frailty[0]", "los_mean_days_by_frailty[1]"],
    );
}

#[test]
fn two_teams_of_one_name_are_refused() {
    let social_worker = repo_path("models/social-worker-every-cluster.toml");
    let team = std::fs::read_to_string(&social_worker).unwrap();
    let team = &team[team.find("[[teams]]").unwrap()..];
    // The same entry twice in one file: the second would replace the first when extended.
    assert_rejected(
        &[("w.toml", &format!("extends = \"BASELINE\"\n{team}\n{team}"))],
        &["teams[1].name", "also the name of teams[0]"],
    );
}
