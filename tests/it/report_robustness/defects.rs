//! One regression test per defect found in `report`: panics on a comparison missing a metric, on
//! a sweep with no points and on a folder of another caresim version; hangs on infinite or huge
//! numbers; and the command itself ending with a message either way.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caresim::report::ImageFormat;
use caresim::results::schema::VERSION;

use super::{
    GRID, assert_says, compare_folder, edit_json, edit_text, report, report_error, run_folder, sweep_folder,
};

#[test]
fn a_comparison_missing_a_metric_is_refused_naming_the_file_and_the_metric() {
    let f = compare_folder();
    edit_json(&f.dir.join("comparison.json"), |v| {
        for (_, scenario) in v["scenarios"].as_object_mut().unwrap() {
            scenario["metrics"].as_object_mut().unwrap().shift_remove("acute_bed_days");
        }
    });
    assert_says(&report_error(&f.dir), "comparison.json", &["acute_bed_days"]);
}

#[test]
fn a_sweep_without_points_is_refused_naming_the_file() {
    let f = sweep_folder(GRID);
    edit_json(&f.dir.join("sweep.json"), |v| v["points"] = serde_json::json!([]));
    assert_says(&report_error(&f.dir), "sweep.json", &["no points"]);
}

#[test]
fn a_folder_of_another_caresim_version_is_refused_naming_both_versions() {
    // Another version may also name its metrics differently.
    let f = run_folder();
    edit_text(&f.dir.join("summary.json"), |t| {
        t.replace(VERSION, "0.0.1").replace("\"acute_bed_days\"", "\"acute_days\"")
    });
    assert_says(&report_error(&f.dir), "summary.json", &["0.0.1", VERSION]);

    let f = compare_folder();
    edit_text(&f.dir.join("comparison.json"), |t| t.replace(VERSION, "0.2.0"));
    assert_says(&report_error(&f.dir), "comparison.json", &["0.2.0", VERSION]);

    let f = sweep_folder(GRID);
    edit_text(&f.dir.join("sweep.json"), |t| t.replace(VERSION, "1.0.0"));
    assert_says(&report_error(&f.dir), "sweep.json", &["1.0.0", VERSION]);
}

/// Replace the 95th percentile of the first `acute_occupied` row after the first sample.
fn set_acute_p95(text: String, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let row = lines.iter().skip(2).position(|l| l.contains(",acute_occupied,")).unwrap() + 2;
    let cut = lines[row].rfind(',').unwrap();
    lines[row] = format!("{},{value}", &lines[row][..cut]);
    lines.join("\n") + "\n"
}

#[test]
fn infinite_or_missing_numbers_in_the_timeseries_are_refused_in_bounded_time() {
    for value in ["inf", "-inf", "NaN", "1e400"] {
        let f = run_folder();
        edit_text(&f.dir.join("timeseries.csv"), |t| set_acute_p95(t, value));
        assert_says(&report_error(&f.dir), "timeseries.csv", &["p95"]);
    }
}

#[test]
fn huge_numbers_in_the_json_files_end_in_bounded_time_with_the_file_named() {
    // Too large to be finite: refused on reading.
    let f = run_folder();
    edit_text(&f.dir.join("summary.json"), |t| t.replacen("\"mean\": ", "\"mean\": 1e400, \"x\": ", 1));
    assert_says(&report_error(&f.dir), "summary.json", &["finite"]);
    // Finite but far beyond any chart: the chart is named.
    let f = compare_folder();
    edit_json(&f.dir.join("comparison.json"), |v| {
        for (_, scenario) in v["scenarios"].as_object_mut().unwrap() {
            let change = &mut scenario["metrics"]["acute_bed_days"];
            change["difference"]["p025"] = serde_json::json!(-1e308);
            change["difference"]["p975"] = serde_json::json!(1e308);
            // The chart draws the change as a share of the baseline.
            change["percent_p025"] = serde_json::json!(-1e308);
            change["percent_p975"] = serde_json::json!(1e308);
        }
    });
    assert_says(&report_error(&f.dir), "change-emergency-bed-days", &["too large"]);
    let f = run_folder();
    edit_json(&f.dir.join("summary.json"), |v| {
        v["metrics"]["cost_nhs"]["mean"] = serde_json::json!(1e308);
        v["metrics"]["cost_council"]["mean"] = serde_json::json!(1e308);
    });
    assert_says(&report_error(&f.dir), "costs", &[]);
    let f = sweep_folder(GRID);
    edit_json(&f.dir.join("sweep.json"), |v| {
        v["points"][2]["metrics"]["cost_total"]["difference"]["mean"] = serde_json::json!(-1e308);
    });
    assert_says(&report_error(&f.dir), "cost_total", &["too large"]);
}

#[test]
fn the_report_command_ends_with_a_message_on_a_corrupt_folder() {
    let f = run_folder();
    edit_text(&f.dir.join("timeseries.csv"), |t| set_acute_p95(t, "inf"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_caresim"))
        .args(["report", f.dir.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("caresim report did not end in 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert_says(&stderr, "timeseries.csv", &["error:"]);
    // And a sound folder still gets its report.
    let f = run_folder();
    assert_eq!(report(&f.dir, ImageFormat::Both), Ok(()));
}
