//! `caresim calibrate`: it recovers a factor it was not told, writes a calibrated scenario that
//! reproduces the fit, and refuses bad targets files with the file, line and problem.

use std::path::Path;

use crate::support::{SMALL_AREA, caresim, metric, repo_path, run, small_area};

/// A small area's quick run: every evaluation and the truth use these.
const RUN: [&str; 3] = ["simulation.replications=4", "simulation.years=1", "simulation.warmup_years=1"];

/// The baseline's crisis rates by age band (`hazards.crisis.per_1000_per_year`).
const CRISIS: [f64; 3] = [275.0, 430.0, 522.0];

fn calibrate(targets: &Path, out: &Path) -> std::process::Output {
    let baseline = repo_path("models/baseline.toml");
    let mut args = vec!["calibrate", baseline.to_str().unwrap(), "--targets", targets.to_str().unwrap()];
    for o in &SMALL_AREA {
        args.extend(["--set", o]);
    }
    args.extend(["--out", out.to_str().unwrap()]);
    caresim(&args)
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_known_factor_is_recovered_and_the_calibrated_scenario_reproduces_the_fit() {
    // The truth: crisis rates 1.2 times the baseline's, scaled as calibration scales them.
    let truth = 1.2;
    let rates: Vec<String> = CRISIS.iter().map(|r| (r * truth).to_string()).collect();
    let set = format!("hazards.crisis.per_1000_per_year=[{}]", rates.join(", "));
    let run_truth = run(&small_area(&[RUN[0], RUN[1], RUN[2], &set]));
    let mean = |name: &str| {
        let v = metric(&run_truth, name);
        v.iter().sum::<f64>() / v.len() as f64
    };
    let tmp = tempfile::tempdir().unwrap();
    let targets = tmp.path().join("targets.toml");
    let mut text = String::from(
        "replications = 4\nyears = 1\nwarmup_years = 1\n\n[[parameter]]\n\
         key = \"hazards.crisis.per_1000_per_year\"\nfactor = [0.5, 2.0]\n",
    );
    for name in ["ae_attendances_per_1000", "emergency_admissions_per_1000"] {
        let value = mean(name);
        text += &format!(
            "\n[[target]]\nmetric = \"{name}\"\nvalue = {value}\nsd = {}\nsource = \"the truth\"\n",
            value / 100.0
        );
    }
    std::fs::write(&targets, text).unwrap();

    let out = tmp.path().join("fit");
    let o = calibrate(&targets, &out);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout.contains("A&E attendances per 1,000") && stdout.contains("calibrated.toml"), "{stdout}");

    // Every evaluation ran the truth's seed and replications (common random numbers), so the
    // misfit is exactly 0 at the truth and only the search's tolerance and the simulation's
    // jagged response to the factor are left. Each sd is 1% of its target, so a misfit below
    // 0.25 puts each mean within half a per cent of its target; attendances move by about 0.7%
    // for each 1% on the crisis rates (the raised rates after a discharge and care-home
    // residents' crises are not scaled), so the factor is within about 0.7% of the truth. The
    // bound is 1%; with the targets from another seed, the factor found wanders by about 2%.
    let c = json(&out.join("calibration.json"));
    let factor = c["parameters"]["hazards.crisis.per_1000_per_year"]["factor"].as_f64().unwrap();
    let misfit = c["misfit"].as_f64().unwrap();
    eprintln!("recovered factor {factor} (truth {truth}), misfit {misfit}, {} evaluations", c["evaluations"]);
    assert!(misfit < 0.25, "misfit {misfit}");
    assert!((factor / truth - 1.0).abs() < 0.01, "recovered {factor}, truth {truth}");
    assert!(c["method"].as_str().unwrap().contains("Nelder"));
    assert_eq!(c["targets"]["ae_attendances_per_1000"]["source"], "the truth");
    let evaluations = c["evaluations"].as_u64().unwrap();
    assert!(evaluations <= 60, "the default cap holds");
    let fit = std::fs::read_to_string(out.join("fit.csv")).unwrap();
    assert!(fit.starts_with(
        "evaluation,factor:hazards.crisis.per_1000_per_year,mean:ae_attendances_per_1000,\
         mean:emergency_admissions_per_1000,misfit,problem\n"
    ));
    assert_eq!(fit.lines().count() as u64, evaluations + 1);

    // The calibrated scenario passes the checks and reproduces the fitted means exactly.
    let calibrated = out.join("calibrated.toml");
    let o = caresim(&["check", calibrated.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rerun = tmp.path().join("rerun");
    let o = caresim(&["run", calibrated.to_str().unwrap(), "--out", rerun.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = json(&rerun.join("summary.json"));
    for name in ["ae_attendances_per_1000", "emergency_admissions_per_1000"] {
        let fitted = c["targets"][name]["mean"].as_f64().unwrap();
        let again = summary["metrics"][name]["mean"].as_f64().unwrap();
        assert!(
            (fitted - again).abs() <= 1e-12 * fitted,
            "{name}: fitted {fitted}, calibrated scenario {again}"
        );
    }
}

#[test]
fn bad_targets_files_are_refused_with_the_line_and_the_problem() {
    let good_parameter = "[[parameter]]\nkey = \"hazards.crisis.per_1000_per_year\"\nfactor = [0.5, 2]\n";
    let good_target = "[[target]]\nmetric = \"deaths_per_1000\"\nvalue = 45\nsd = 2\n";
    let cases: [(String, &[&str]); 9] = [
        (
            format!("{good_parameter}[[target]]\nmetric = \"deaths_per_100\"\nvalue = 45\nsd = 2\n"),
            &[":5: target[0].metric: unknown metric `deaths_per_100`; allowed:"],
        ),
        (
            format!("[[parameter]]\nkey = \"hazards.crisis.per_1000\"\nfactor = [0.5, 2]\n{good_target}"),
            &[":2: parameter[0].key: `hazards.crisis.per_1000` is not a key of the scenario"],
        ),
        (
            format!("[[parameter]]\nkey = \"acute.beds\"\nfactor = [0.5, 2]\n{good_target}"),
            &[":2: parameter[0].key: `acute.beds` holds no real numbers to scale"],
        ),
        (
            format!("[[parameter]]\nkey = \"hazards.crisis\"\nfactor = [2, 0.5]\n{good_target}"),
            &[":3: parameter[0].factor: must be [low, high] with 0 < low < high"],
        ),
        (
            format!("[[parameter]]\nkey = \"hazards.crisis\"\nfactor = [1, 1]\n{good_target}"),
            &[":3: parameter[0].factor: must be [low, high] with 0 < low < high"],
        ),
        (
            format!("{good_parameter}[[target]]\nmetric = \"deaths_per_1000\"\nvalue = 45\nsd = 0\n"),
            &[":7: target[0].sd: must be above 0"],
        ),
        (good_parameter.to_string(), &["name at least one [[target]]"]),
        (
            format!(
                "[[parameter]]\nkey = \"acute.death_probability_by_frailty\"\nfactor = [0.5, 9]\n{good_target}"
            ),
            &[
                ":3: parameter[0].factor: at 9, an end of this range, the scenario is not valid",
                "must be a probability",
            ],
        ),
        (format!("reps = 4\n{good_parameter}{good_target}"), &[":1: reps: unknown key `reps`"]),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let targets = tmp.path().join("targets.toml");
    for (text, expected) in cases {
        std::fs::write(&targets, &text).unwrap();
        let o = calibrate(&targets, &tmp.path().join("out"));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{text}\n{stderr}");
        assert!(stderr.contains("error: the targets file is not valid:"), "{stderr}");
        for part in expected {
            assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!tmp.path().join("out").exists(), "nothing is written for a bad targets file");
    }
    let o = calibrate(&tmp.path().join("missing.toml"), &tmp.path().join("out"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read targets file"));
}
