//! End to end through the binary: a run writes the whole result folder, its files agree with
//! each other, and the resolved scenario reproduces the run.

use crate::support::{caresim, repo_path};

#[test]
fn run_writes_the_result_folder_contract() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("res");
    let baseline = repo_path("models/baseline.toml");
    let o = caresim(&[
        "run",
        baseline.to_str().unwrap(),
        "--reps",
        "3",
        "--years",
        "1",
        "--warmup-years",
        "0",
        "--set",
        "area.registered_population=20000",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("Emergency bed days per 1,000"), "{stdout}");
    assert!(stdout.contains(out.to_str().unwrap()), "the result path is printed: {stdout}");

    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["scenario"], "baseline");
    assert_eq!(summary["replications"], 3);
    assert_eq!(summary["years"], 1);
    let names = caresim::model::metric_names();
    for name in &names {
        let m = &summary["metrics"][name];
        for field in ["mean", "sd", "ci95_low", "ci95_high", "p05", "p50", "p95"] {
            assert!(m[field].is_number(), "{name}.{field} missing");
        }
    }
    for rate in ["emergency_bed_days_per_1000", "ae_attendances_per_1000", "emergency_admissions_per_1000"] {
        assert!(summary["metrics"][rate]["mean"].as_f64().unwrap() > 0.0);
    }

    let mut reader = csv::Reader::from_path(out.join("replications.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[2..2 + names.len()], &names[..]);
    // Then the values drawn for the baseline's uncertain parameters (the longest wait for a
    // step-down bed, who pays for care homes, the price of a home-care package).
    assert!(header[2 + names.len()..].iter().all(|h| h.starts_with("draw:")));
    assert!(header.iter().any(|h| h == "draw:d2a.max_wait_days"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    // The summary's mean is the mean of the replication rows.
    let col = header.iter().position(|h| h == "acute_bed_days").unwrap();
    let mean = rows.iter().map(|r| r[col].parse::<f64>().unwrap()).sum::<f64>() / 3.0;
    let reported = summary["metrics"]["acute_bed_days"]["mean"].as_f64().unwrap();
    assert!((mean - reported).abs() < 1e-9 * mean);

    let series = std::fs::read_to_string(out.join("timeseries.csv")).unwrap();
    assert!(series.starts_with("scenario,day,series,capacity,mean,p05,p50,p95"));
    assert!(series.contains(",acute_occupied,"));

    // The resolved scenario is itself a scenario that gives the same results.
    let again = tmp.path().join("again");
    let o = caresim(&[
        "run",
        out.join("scenario.resolved.toml").to_str().unwrap(),
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read(out.join("summary.json")).unwrap(),
        std::fs::read(again.join("summary.json")).unwrap()
    );
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".caresim-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn bad_arguments_exit_with_2() {
    let o = caresim(&["run", "no-such-file.toml"]);
    assert_eq!(o.status.code(), Some(2), "a missing scenario file is bad input");
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-file.toml"));
    let o = caresim(&["run", repo_path("models/baseline.toml").to_str().unwrap(), "--reps", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("simulation.replications"));
    let o = caresim(&["run", repo_path("models/baseline.toml").to_str().unwrap(), "--threads", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_unwritable_result_folder_is_an_error_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = caresim(&[
        "run",
        repo_path("models/baseline.toml").to_str().unwrap(),
        "--reps",
        "1",
        "--years",
        "1",
        "--set",
        "area.registered_population=5000",
        "--out",
        file.join("sub").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("cannot write") && stderr.contains("a-file"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn compare_writes_paired_results_and_each_scenario_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    let small =
        ["--reps", "3", "--years", "1", "--warmup-years", "1", "--set", "area.registered_population=20000"];
    let mut args = vec![
        "compare".to_string(),
        repo_path("models/baseline.toml").display().to_string(),
        repo_path("models/social-worker-every-cluster.toml").display().to_string(),
        repo_path("models/d2a.toml").display().to_string(),
        "--out".into(),
        out.display().to_string(),
    ];
    args.extend(small.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = caresim(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    for needle in [
        "social-worker-every-cluster",
        "Net saving to the council",
        "Return on investment",
        "Case-finding teams",
    ] {
        assert!(stdout.contains(needle), "{needle} missing from:\n{stdout}");
    }
    for folder in ["baseline", "social-worker-every-cluster", "d2a"] {
        assert!(out.join(folder).join("summary.json").is_file(), "{folder}");
    }
    let mut reader = csv::Reader::from_path(out.join("comparison.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let metrics = caresim::model::metric_names().len();
    assert_eq!(rows.len(), 2 * metrics, "one row per scenario and metric");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    let sw = &json["scenarios"]["social-worker-every-cluster"];
    assert!(sw["money"]["net_saving_council"]["mean"].is_number());
    assert!(sw["metrics"]["acute_bed_days"]["difference"]["ci95_low"].is_number());
    // The scenario's own folder records the values drawn for its uncertain effects.
    let reps = std::fs::read_to_string(out.join("social-worker-every-cluster/replications.csv")).unwrap();
    assert!(reps.lines().next().unwrap().contains("draw:teams[0].effects.crisis_rate"));
}

#[test]
fn compare_refuses_two_scenarios_with_one_name() {
    let sw = repo_path("models/social-worker-every-cluster.toml").display().to_string();
    let o = caresim(&["compare", repo_path("models/baseline.toml").to_str().unwrap(), &sw, &sw]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("also named"));
}

#[test]
fn a_compare_of_different_areas_is_refused_naming_the_keys_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let baseline = crate::support::repo_path("models/baseline.toml");
    let smaller = tmp.path().join("smaller.toml");
    let text = format!(
        "extends = \"{}\"\nname = \"smaller\"\n\n[area]\nregistered_population = 180000\npractices = 24\n",
        baseline.display()
    );
    std::fs::write(&smaller, text).unwrap();
    let out = tmp.path().join("cmp");
    let args = |allow: bool| {
        let mut a = vec!["compare", baseline.to_str().unwrap(), smaller.to_str().unwrap()];
        a.extend(["--reps", "1", "--years", "1", "--warmup-years", "0", "--out", out.to_str().unwrap()]);
        if allow {
            a.push("--allow-different-area");
        }
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let refused = crate::support::caresim(&args(false).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    for needle in [
        "smaller.toml",
        "area.registered_population is 180000 here and 250000 in the baseline",
        "area.practices is 24 here and 36",
        "--allow-different-area",
    ] {
        assert!(stderr.contains(needle), "{needle:?} in {stderr}");
    }
    assert!(!out.exists(), "nothing is written");
    let allowed = crate::support::caresim(&args(true).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(allowed.status.success(), "{}", String::from_utf8_lossy(&allowed.stderr));
    let stderr = String::from_utf8_lossy(&allowed.stderr);
    assert!(stderr.contains("no changes by place"), "{stderr}");
    // The make-up of the population decides who the people are too.
    let other = tmp.path().join("other.toml");
    let text = format!(
        "extends = \"{}\"\nname = \"other\"\n\n[population]\nfemale_share = 0.9\n",
        baseline.display()
    );
    std::fs::write(&other, text).unwrap();
    let o = crate::support::caresim(&[
        "compare",
        baseline.to_str().unwrap(),
        other.to_str().unwrap(),
        "--reps",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("population.female_share is 0.9 here"));
}

#[test]
fn diff_lists_every_resolved_difference_by_key() {
    let (baseline, pict) = (repo_path("models/baseline.toml"), repo_path("models/pict.toml"));
    let o = caresim(&["diff", baseline.to_str().unwrap(), pict.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("teams[0].coverage") && text.contains("(none)  ->  0.94"), "{text}");
    assert!(text.contains("teams[0].effects.crisis_rate") && text.contains("{ dist = \"pert\""), "{text}");
    assert!(!text.contains("acute.beds"), "only what differs: {text}");
    let o = caresim(&["diff", baseline.to_str().unwrap(), pict.to_str().unwrap(), "--set", "acute.beds=1"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("acute.beds"), "--set applies to both");
    let o = caresim(&["diff", baseline.to_str().unwrap(), baseline.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("the same once resolved"));
    let o = caresim(&["diff", baseline.to_str().unwrap(), "no-such-file.toml"]);
    assert_eq!(o.status.code(), Some(2), "a missing file is bad input");
}
