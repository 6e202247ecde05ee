//! Capacities per 1,000 people aged 65+: a new area of any size gets services in proportion,
//! and the result folder says what each came to.

use crate::support::{caresim, metric, repo_path, run, scenario_file};

/// The small area's capacities as rates: 60 acute beds, 7 step-down beds, 27 home-support
/// slots, 94 residential and 97 nursing beds for its 8,000 people aged 65+.
const PER_1000: [&str; 5] = [
    "acute.beds={ per_1000_aged_65_plus = 7.5 }",
    "d2a.beds={ per_1000_aged_65_plus = 0.875 }",
    "home_support.slots={ per_1000_aged_65_plus = 3.375 }",
    "care_home.residential_beds={ per_1000_aged_65_plus = 11.75 }",
    "care_home.nursing_beds={ per_1000_aged_65_plus = 12.125 }",
];

fn area(population: &str) -> caresim::model::Inputs {
    let mut extra = vec!["simulation.replications=30", "simulation.years=2", population];
    extra.extend(PER_1000);
    scenario_file("models/baseline.toml", &extra)
}

#[test]
fn rates_per_1000_come_to_the_small_areas_beds_and_scale_with_the_area() {
    let full = area("area.registered_population=50000");
    let units = |inputs: &caresim::model::Inputs| inputs.capacities().map(|(_, _, units)| units);
    assert_eq!(units(&full), [60, 7, 27, 94, 97]);
    let half = area("area.registered_population=25000");
    // 3.5 and 48.5 round away from zero.
    assert_eq!(units(&half), [30, 4, 14, 47, 49]);

    let (full_run, half_run) = (run(&full), run(&half));
    // The same services per person give the same use per person and the same occupancy, within
    // the runs' own 99.9% intervals (Welch, independent runs).
    for name in ["emergency_bed_days_per_1000", "ae_attendances_per_1000"] {
        assert_same_mean(name, &metric(&full_run, name), &metric(&half_run, name));
    }
    let occupancy = |r: &caresim::experiment::ScenarioRun, beds: f64| -> Vec<f64> {
        metric(r, "acute_occupancy_mean").iter().map(|v| v / beds).collect()
    };
    assert_same_mean("acute occupancy", &occupancy(&full_run, 60.0), &occupancy(&half_run, 30.0));
}

/// The 99.9% interval of the difference of two independent means holds 0.
fn assert_same_mean(what: &str, a: &[f64], b: &[f64]) {
    use statrs::distribution::{ContinuousCDF, StudentsT};
    let stats = |v: &[f64]| {
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        (mean, v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0) / n)
    };
    let ((ma, va), (mb, vb)) = (stats(a), stats(b));
    let df = (va + vb).powi(2) / (va.powi(2) / (a.len() as f64 - 1.0) + vb.powi(2) / (b.len() as f64 - 1.0));
    let half = StudentsT::new(0.0, 1.0, df).unwrap().inverse_cdf(0.9995) * (va + vb).sqrt();
    eprintln!("{what}: {ma:.4} against {mb:.4}, difference {:.4} +/- {half:.4}", ma - mb);
    assert!(
        (ma - mb).abs() <= half,
        "{what}: {ma} against {mb} (99.9% interval of the difference +/- {half})"
    );
}

#[test]
fn the_result_folder_says_what_each_capacity_came_to() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = repo_path("models/baseline.toml");
    let mut args =
        vec!["run", baseline.to_str().unwrap(), "--reps", "2", "--years", "1", "--warmup-years", "1"];
    args.extend(["--set", "area.registered_population=50000", "--set", "care_home.residential_beds=94"]);
    args.extend([
        "--set",
        "care_home.nursing_beds=97",
        "--set",
        "home_support.slots=27",
        "--set",
        "d2a.beds=7",
    ]);
    args.extend(["--set", PER_1000[0]]);
    let out = dir.path().join("out");
    args.extend(["--out", out.to_str().unwrap()]);
    let output = caresim(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = std::fs::read_to_string(out.join("capacities.csv")).unwrap();
    assert!(text.starts_with("scenario,key,as_written,aged_65_plus_planned,units\n"), "{text}");
    assert!(text.contains("baseline,acute.beds,\"7.5 per 1,000 aged 65+\",8000,60\n"), "{text}");
    assert!(text.contains("baseline,d2a.beds,7,8000,7\n"), "{text}");

    // Every metric of replications.csv has its unit and direction in units.csv.
    let mut units = csv::Reader::from_path(out.join("units.csv")).unwrap();
    assert_eq!(units.headers().unwrap(), vec!["metric", "unit", "better", "label"]);
    let units: Vec<csv::StringRecord> = units.records().map(Result::unwrap).collect();
    let known = ["people", "count", "days", "hours", "gbp", "per_1000_aged_65_plus", "beds", "share"];
    for row in &units {
        assert!(known.contains(&&row[1]) && ["lower", "higher", "neither"].contains(&&row[2]), "{row:?}");
    }
    let mut replications = csv::Reader::from_path(out.join("replications.csv")).unwrap();
    let metrics: Vec<String> = replications
        .headers()
        .unwrap()
        .iter()
        .skip(2)
        .take_while(|h| !h.starts_with("draw:"))
        .map(String::from)
        .collect();
    assert_eq!(units.iter().map(|r| r[0].to_string()).collect::<Vec<_>>(), metrics);
}

#[test]
fn a_rate_out_of_range_or_coming_to_no_bed_is_refused() {
    let baseline = repo_path("models/baseline.toml");
    let check = |sets: &[&str]| {
        let mut args = vec!["check", baseline.to_str().unwrap()];
        for s in sets {
            args.extend(["--set", s]);
        }
        let output = caresim(&args);
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, err) = check(&["acute.beds={ per_1000_aged_65_plus = -1 }"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("acute.beds.per_1000_aged_65_plus") && err.contains("must be 0 to 1000"), "{err}");
    let (code, err) = check(&["care_home.nursing_beds={ per_1000_aged_65_plus = 0.001 }"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("care_home.nursing_beds") && err.contains("comes to 0 for the area's 40000 people"),
        "{err}"
    );
    let (code, err) = check(&["acute.beds=12.5"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("not a whole number"), "{err}");
    // A share aged 65+ that is not a valid distribution is named, with the other problems, and
    // nothing is computed from it.
    let (code, err) = check(&["area.share_aged_65_plus={dist=\"beta\", alpha=-1, beta=2}", "acute.beds=0"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("area.share_aged_65_plus") && err.contains("acute.beds: must be at least 1"),
        "{err}"
    );
}

#[test]
fn an_override_of_a_rate_is_blamed_on_the_override() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rate.toml");
    let baseline = repo_path("models/baseline.toml");
    std::fs::write(
        &file,
        format!("extends = {baseline:?}\n[acute]\nbeds = {{ per_1000_aged_65_plus = 7.4 }}\n"),
    )
    .unwrap();
    let output =
        caresim(&["check", file.to_str().unwrap(), "--set", "acute.beds={per_1000_aged_65_plus=5000}"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(err.contains("--set: acute.beds.per_1000_aged_65_plus"), "{err}");
    // And a template of it keeps the rate as one value, which a count can replace.
    let out = dir.path().join("counted.toml");
    let made = caresim(&["new", "counted", "--from", file.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        !text.contains("[acute.beds]") && text.contains("# beds = { per_1000_aged_65_plus = 7.4 }"),
        "{text}"
    );
    std::fs::write(&out, text.replacen("# beds = { per_1000_aged_65_plus = 7.4 }", "beds = 300", 1)).unwrap();
    let checked = caresim(&["check", out.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stderr));
}
