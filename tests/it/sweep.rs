//! Sweeps: sharded and merged gives the same bytes as one run, an interrupted sweep resumes
//! with only the missing work, a changed experiment is refused, and a parameter without effect
//! shows differences whose intervals contain zero.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{SMALL_AREA, caresim, repo_path};

/// A small area scenario and an experiment over it in `dir`; returns the experiment's path.
fn small_experiment(dir: &Path, design: &str) -> PathBuf {
    let mut scenario =
        format!("extends = {:?}\nname = \"small\"\n", repo_path("models/social-worker-and-d2a.toml"));
    let mut tables: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for o in SMALL_AREA {
        let (key, value) = o.split_once('=').unwrap();
        let (table, field) = key.rsplit_once('.').unwrap();
        tables.entry(table).or_default().push(format!("{field} = {value}"));
    }
    for (table, lines) in tables {
        scenario += &format!("[{table}]\n{}\n", lines.join("\n"));
    }
    std::fs::write(dir.join("small.toml"), scenario).unwrap();
    let experiment = format!(
        "name = \"small-sweep\"\nscenario = \"small.toml\"\nreplications = 4\nseed = 5\nyears = 1\nwarmup_years = 1\n\
         metrics = [\"acute_bed_days\", \"care_home_admissions\", \"cost_total\"]\n{design}"
    );
    let path = dir.join("experiment.toml");
    std::fs::write(&path, experiment).unwrap();
    path
}

const GRID: &str = "[design]\nkind = \"grid\"\n\n[[parameters]]\nkey = \"d2a_scheme.beds\"\nvalues = [30, 36]\n\n\
                    [[parameters]]\nkey = \"costs.nursing_week.gbp\"\nvalues = [1026, 2000]\n";

fn sweep(experiment: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["sweep", experiment.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = caresim(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

#[test]
fn three_shards_merged_give_the_same_bytes_as_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = small_experiment(tmp.path(), GRID);
    let whole = tmp.path().join("whole");
    sweep(&experiment, &whole, &[]);
    let shards: Vec<PathBuf> = (1..=3).map(|i| tmp.path().join(format!("shard{i}"))).collect();
    for (i, dir) in shards.iter().enumerate() {
        let said = sweep(&experiment, dir, &["--shard", &format!("{}/3", i + 1)]);
        assert!(said.contains("caresim merge"), "{said}");
    }
    let merged = tmp.path().join("merged");
    let mut args = vec!["merge".to_string()];
    args.extend(shards.iter().map(|d| d.display().to_string()));
    args.extend(["--out".to_string(), merged.display().to_string()]);
    let o = caresim(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for file in ["sweep.csv", "sweep.json", "sweep_replications.csv", "units.csv"] {
        assert_eq!(
            std::fs::read(whole.join(file)).unwrap(),
            std::fs::read(merged.join(file)).unwrap(),
            "{file}"
        );
    }
    // Merging two of the three shards says what is missing.
    let o = caresim(&[
        "merge",
        shards[0].to_str().unwrap(),
        shards[1].to_str().unwrap(),
        "--out",
        tmp.path().join("part").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("incomplete"));
}

#[test]
fn an_interrupted_sweep_resumes_with_only_the_missing_work() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = small_experiment(tmp.path(), GRID);
    let out = tmp.path().join("out");
    sweep(&experiment, &out, &[]);
    let first = std::fs::read(out.join("sweep.csv")).unwrap();
    // As if the run had been killed after most units: two unit files and the results missing.
    let mut units: Vec<PathBuf> =
        std::fs::read_dir(out.join("units")).unwrap().map(|e| e.unwrap().path()).collect();
    units.sort();
    assert_eq!(units.len(), 5, "the reference and four points");
    std::fs::remove_file(&units[1]).unwrap();
    std::fs::remove_file(&units[3]).unwrap();
    std::fs::remove_file(out.join("sweep.csv")).unwrap();
    let said = sweep(&experiment, &out, &[]);
    assert!(said.contains("3 of 5 units already finished"), "{said}");
    assert!(said.contains("this run did 2 of 5 units"), "{said}");
    assert_eq!(first, std::fs::read(out.join("sweep.csv")).unwrap());
}

#[test]
fn a_changed_experiment_is_refused_rather_than_mixed() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = small_experiment(tmp.path(), GRID);
    let out = tmp.path().join("out");
    sweep(&experiment, &out, &[]);
    let text =
        std::fs::read_to_string(&experiment).unwrap().replace("values = [30, 36]", "values = [30, 37]");
    std::fs::write(&experiment, text).unwrap();
    let o = caresim(&["sweep", experiment.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("different experiment"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_parameter_without_effect_gives_intervals_containing_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = small_experiment(tmp.path(), GRID);
    let out = tmp.path().join("out");
    sweep(&experiment, &out, &[]);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("sweep.json")).unwrap()).unwrap();
    let points = json["points"].as_array().unwrap();
    for p in &points[1..] {
        let beds = p["values"]["d2a_scheme.beds"].as_str().unwrap();
        let price = p["values"]["costs.nursing_week.gbp"].as_str().unwrap();
        let d = &p["metrics"]["acute_bed_days"]["difference"];
        if beds == "30" {
            // As in the reference but for the price of a nursing-home week, which changes no
            // clinical path: the paired difference is zero, whatever the price.
            let (lo, hi) = (d["ci95_low"].as_f64().unwrap(), d["ci95_high"].as_f64().unwrap());
            assert!(lo <= 0.0 && hi >= 0.0, "beds {beds}, price {price}: {lo} to {hi}");
        }
        let cost = p["metrics"]["cost_total"]["difference"]["mean"].as_f64().unwrap();
        if price == "2000" {
            assert!(cost > 0.0, "a dearer nursing week must cost more (the test can fail)");
        }
    }
}

#[test]
fn a_sweep_names_the_paired_difference_as_a_comparison_does() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = small_experiment(tmp.path(), GRID);
    let out = tmp.path().join("out");
    sweep(&experiment, &out, &[]);
    let csv = std::fs::read_to_string(out.join("sweep.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains("difference_mean,difference_p025,difference_p975,probability_lower"), "{header}");
    assert!(!header.contains("share"), "{header}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("sweep.json")).unwrap()).unwrap();
    let metric = &json["points"][1]["metrics"]["cost_total"];
    let p = metric["probability_lower"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p), "{metric}");
    assert!(metric.get("share_lower").is_none(), "{metric}");
    assert!(json["points"][0]["metrics"]["cost_total"]["probability_lower"].is_null());
}

#[test]
fn the_bundled_experiments_are_valid() {
    for name in ["social-workers-x-d2a-beds", "tornado-baseline", "psa-social-worker"] {
        let tmp = tempfile::tempdir().unwrap();
        let path = repo_path(&format!("experiments/{name}.toml"));
        let o = caresim(&[
            "sweep",
            path.to_str().unwrap(),
            "--reps",
            "2",
            "--years",
            "1",
            "--out",
            tmp.path().to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
    }
}

#[test]
fn sweep_reports_have_response_curves_heatmaps_and_tornados() {
    let tmp = tempfile::tempdir().unwrap();
    let grid = small_experiment(tmp.path(), GRID);
    let out = tmp.path().join("grid");
    let said = sweep(&grid, &out, &["--report"]);
    assert!(said.contains("Report written to"), "{said}");
    for (file, needles) in [
        (
            "response-acute_bed_days.svg",
            &[
                "Change in emergency bed days a year",
                "band: range of 95% of futures",
                "D2A scheme: beds",
                "Cost of a nursing-home week (£) = 2,000",
            ][..],
        ),
        (
            "heatmap-cost_total.svg",
            &["Mean change in total cost a year", "D2A scheme: beds", "Cost of a nursing-home week (£)"][..],
        ),
    ] {
        let svg = std::fs::read_to_string(out.join("plots").join(file)).unwrap();
        for needle in needles {
            assert!(svg.contains(needle), "{file} lacks {needle:?}");
        }
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("caresim sweep: small-sweep") && html.contains("lower in"));
    // Parameters in plain words, with the key to edit beside them.
    assert!(html.contains("D2A scheme: beds<br><small><code>d2a_scheme.<wbr>beds</code></small>"), "{html}");

    let one_way = tmp.path().join("one-way.toml");
    let design = "[design]\nkind = \"one_way\"\n\n[[parameters]]\nkey = \"d2a_scheme.beds\"\nlow = 0\nhigh = 12\ninteger = true\n\n\
                  [[parameters]]\nkey = \"costs.nursing_week.gbp\"\nlow = 800\nhigh = 1200\n";
    let text = std::fs::read_to_string(small_experiment(tmp.path(), design)).unwrap();
    std::fs::write(&one_way, text).unwrap();
    let out = tmp.path().join("tornado");
    sweep(&one_way, &out, &["--report"]);
    let svg = std::fs::read_to_string(out.join("plots/tornado-cost_total.svg")).unwrap();
    for needle in [
        "What moves the change in total cost a year most",
        "D2A scheme: beds (0 to 12)",
        "(800 to 1,200)",
        "at the low value",
        "at the high value",
    ] {
        assert!(svg.contains(needle), "tornado lacks {needle:?}");
    }
}

#[test]
fn the_slurm_array_script_runs_shards_that_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = small_experiment(tmp.path(), GRID);
    let out = tmp.path().join("cluster");
    for task in ["1", "2"] {
        let o = Command::new("bash")
            .arg(repo_path("experiments/slurm-array.sh"))
            .arg(&experiment)
            .env("SLURM_ARRAY_TASK_ID", task)
            .env("SLURM_ARRAY_TASK_COUNT", "2")
            .env("SLURM_CPUS_PER_TASK", "1")
            .env("CARESIM", env!("CARGO_BIN_EXE_caresim"))
            .env("CARESIM_OUT", &out)
            .output()
            .unwrap();
        assert!(o.status.success(), "task {task}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let o = caresim(&[
        "merge",
        out.join("shard-1").to_str().unwrap(),
        out.join("shard-2").to_str().unwrap(),
        "--out",
        out.join("merged").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let whole = tmp.path().join("whole");
    sweep(&experiment, &whole, &[]);
    assert_eq!(
        std::fs::read(whole.join("sweep.csv")).unwrap(),
        std::fs::read(out.join("merged/sweep.csv")).unwrap()
    );
}

#[test]
fn bad_experiments_are_refused_with_the_experiment_named() {
    let tmp = tempfile::tempdir().unwrap();
    let check = |design: &str, needles: &[&str]| {
        let experiment = small_experiment(tmp.path(), design);
        let o = caresim(&[
            "sweep",
            experiment.to_str().unwrap(),
            "--out",
            tmp.path().join("o").to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        for needle in needles {
            assert!(stderr.contains(needle), "expected {needle:?} in {stderr}");
        }
    };
    let param = |key: &str, values: &str| format!("[[parameters]]\nkey = \"{key}\"\nvalues = {values}\n");
    check(
        &format!("[design]\nkind = \"grid\"\n{}", param("d2a_scheme.bedz", "[1, 2]")),
        &["experiment.toml: point 0 of the design", "d2a_scheme.bedz", "unknown key"],
    );
    check(
        &format!(
            "[design]\nkind = \"grid\"\n{}{}",
            param("d2a_scheme.beds", "[1]"),
            param("d2a_scheme.beds", "[2]")
        ),
        &["listed twice"],
    );
    check(
        "[design]\nkind = \"one_way\"\n[[parameters]]\nkey = \"d2a_scheme.beds\"\nlow = 1\nhigh = 9\n",
        &["whole number", "integer = true"],
    );
}

#[test]
fn a_folder_started_with_other_shards_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = small_experiment(tmp.path(), "[design]\nkind = \"points\"\n");
    let out = tmp.path().join("o");
    sweep(&experiment, &out, &["--shard", "1/3"]);
    let o =
        caresim(&["sweep", experiment.to_str().unwrap(), "--out", out.to_str().unwrap(), "--shard", "1/2"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("another number of shards"));
}

/// Unit files tampered with (a short row, no rows, too many rows) are named as malformed when
/// the shards are merged; nothing panics.
#[test]
fn tampered_unit_files_are_refused_on_merging() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = small_experiment(tmp.path(), GRID);
    let out = tmp.path().join("whole");
    sweep(&experiment, &out, &[]);
    let unit = std::fs::read_dir(out.join("units")).unwrap().flatten().next().unwrap().path();
    let original = std::fs::read_to_string(&unit).unwrap();
    let mut file: serde_json::Value = serde_json::from_str(&original).unwrap();
    let tampered = [
        {
            let mut f = file.clone();
            f["values"][0].as_array_mut().unwrap().pop();
            f
        },
        {
            let mut f = file.clone();
            f["values"] = serde_json::json!([]);
            f
        },
        {
            let row = file["values"][0].clone();
            file["values"].as_array_mut().unwrap().extend(std::iter::repeat_n(row, 100));
            file
        },
    ];
    for bad in tampered {
        std::fs::write(&unit, bad.to_string()).unwrap();
        let o = caresim(&["merge", out.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("is not as caresim writes it") && !stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn every_replication_of_every_point_is_in_one_csv_agreeing_with_the_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let experiment = small_experiment(tmp.path(), GRID);
    let out = tmp.path().join("out");
    sweep(&experiment, &out, &[]);
    let mut per_rep = csv::Reader::from_path(out.join("sweep_replications.csv")).unwrap();
    let header = per_rep.headers().unwrap().clone();
    assert_eq!(
        &header.iter().take(4).collect::<Vec<_>>(),
        &["point", "d2a_scheme.beds", "costs.nursing_week.gbp", "replication"]
    );
    let rows: Vec<csv::StringRecord> = per_rep.records().map(Result::unwrap).collect();
    // The reference and four grid points, four replications each.
    assert_eq!(rows.len(), 5 * 4);
    let column = header.iter().position(|h| h == "acute_bed_days").unwrap();
    let mut summary = csv::Reader::from_path(out.join("sweep.csv")).unwrap();
    let summary_header = summary.headers().unwrap().clone();
    let (metric, mean) = (
        summary_header.iter().position(|h| h == "metric").unwrap(),
        summary_header.iter().position(|h| h == "mean").unwrap(),
    );
    for record in summary.records().map(Result::unwrap).filter(|r| &r[metric] == "acute_bed_days") {
        let values: Vec<f64> =
            rows.iter().filter(|r| r[0] == record[0]).map(|r| r[column].parse().unwrap()).collect();
        assert_eq!(values.len(), 4);
        let expected: f64 = record[mean].parse().unwrap();
        let got = values.iter().sum::<f64>() / 4.0;
        assert!(
            (got - expected).abs() <= 1e-9 * expected.abs(),
            "point {}: {got} against {expected}",
            &record[0]
        );
    }
}
