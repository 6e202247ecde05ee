//! What reading a result folder checks, one case at a time: each file is there and of this
//! caresim's shape, with finite numbers, every metric, counts and names that agree across
//! files; the error names the file and what is wrong.

use std::path::Path;

use caresim::report::ImageFormat;
use caresim::results::schema::VERSION;
use serde_json::json;

use super::{
    Folder, GRID, LATIN, ONE_WAY, assert_says, compare_folder, compare_folder_with_cohorts, copy_of,
    edit_json, edit_text, report, report_error, run_folder, sweep_folder,
};

/// A copy of `folder` with `file` changed by `edit` must be refused, the error naming `file`
/// (its path from the folder) and saying `needles`.
fn refused(folder: &Folder, file: &str, edit: impl FnOnce(&Path), needles: &[&str]) {
    refused_in(folder, file, edit, file, needles);
}

/// As [`refused`], the error naming `named` (another file, found wrong by the edited one).
fn refused_in(folder: &Folder, file: &str, edit: impl FnOnce(&Path), named: &str, needles: &[&str]) {
    let copy = copy_of(&folder.dir);
    edit(&copy.dir.join(file));
    assert_says(&report_error(&copy.dir), named, needles);
}

/// Replace line `n` (from 1) of a text file.
fn set_line(path: &Path, n: usize, edit: impl FnOnce(&str) -> String) {
    edit_text(path, |t| {
        let mut lines: Vec<String> = t.lines().map(String::from).collect();
        lines[n - 1] = edit(&lines[n - 1]);
        lines.join("\n") + "\n"
    });
}

/// Set field `k` (from 0) of line `n` (from 1) of a CSV file.
fn set_field(path: &Path, n: usize, k: usize, value: &str) {
    set_line(path, n, |l| {
        let mut fields: Vec<&str> = l.split(',').collect();
        fields[k] = value;
        fields.join(",")
    });
}

fn delete(path: &Path) {
    std::fs::remove_file(path).unwrap();
}

#[test]
fn a_run_folder_is_checked_file_by_file() {
    let f = run_folder();
    for file in ["summary.json", "replications.csv", "timeseries.csv", "scenario.resolved.toml"] {
        if file == "summary.json" {
            let copy = copy_of(&f.dir);
            delete(&copy.dir.join(file));
            assert!(report_error(&copy.dir).contains("not a caresim result folder"));
        } else {
            refused(&f, file, delete, &["cannot read"]);
        }
    }
    // The scenario files as written are a record kept when there is one.
    let copy = copy_of(&f.dir);
    delete(&copy.dir.join("scenario.sources.txt"));
    assert_eq!(report(&copy.dir, ImageFormat::Svg), Ok(()));

    let summary = |edit: fn(&mut serde_json::Value)| move |p: &Path| edit_json(p, edit);
    let three = summary(|v| v["replications"] = json!(3));
    let says = ["number of replications is 2, and summary.json says 3"];
    refused_in(&f, "summary.json", three, "replications.csv", &says);
    refused(&f, "summary.json", summary(|v| v["replications"] = json!(0)), &["0 replications"]);
    refused(
        &f,
        "summary.json",
        summary(|v| v["metrics"]["deaths"]["sd"] = json!(null)),
        &["deaths", "no sd"],
    );
    refused(
        &f,
        "summary.json",
        summary(|v| v["metrics"]["no_such_metric"] = v["metrics"]["deaths"].clone()),
        &["no_such_metric"],
    );
    refused(&f, "summary.json", summary(|v| v["metrics"]["deaths"]["mean"] = json!("12")), &["deaths.mean"]);
    refused(&f, "summary.json", |p| edit_text(p, |t| t.replace("\"seed\": ", "\"seed\": -")), &["seed"]);
    refused(&f, "summary.json", |p| edit_text(p, |t| t[..t.len() / 2].to_string()), &["EOF"]);

    refused(
        &f,
        "replications.csv",
        |p| set_line(p, 2, |l| l.replacen("baseline", "other", 1)),
        &["scenario"],
    );
    refused(&f, "replications.csv", |p| set_field(p, 3, 1, "5"), &["replication is \"5\", not 1"]);
    refused(
        &f,
        "replications.csv",
        |p| set_line(p, 1, |l| l.replace("deaths", "dead")),
        &["`dead`", "`deaths`"],
    );
    refused(&f, "replications.csv", |p| set_line(p, 2, |l| format!("{l},7")), &["line 2", "fields"]);
    // `deaths` after the scenario and replication columns.
    let deaths = 2 + caresim::model::metric_names().iter().position(|n| n == "deaths").unwrap();
    refused(
        &f,
        "replications.csv",
        |p| set_field(p, 3, deaths, "NaN"),
        &["line 3: deaths is NaN, not a finite"],
    );

    let series = |n: usize, edit: fn(&str) -> String| move |p: &Path| set_line(p, n, edit);
    refused(&f, "timeseries.csv", series(2, |l| l.replace("acute_occupied", "acute_beds")), &["acute_beds"]);
    refused(&f, "timeseries.csv", series(3, |_| "baseline,0,acute_occupied,297,0,0,0,0".into()), &["twice"]);
    refused(&f, "timeseries.csv", series(9, |l| l.replacen(",7,", ",1,", 1)), &["later day"]);
    refused(&f, "timeseries.csv", series(9, |l| l.replacen(",7,", ",-7,", 1)), &["day is negative"]);
    refused(&f, "timeseries.csv", series(9, |l| format!("{l},1")), &["line 9", "fields"]);
    refused(&f, "timeseries.csv", series(1, |l| l.replace("p50,", "")), &["column 7 is `p95`, not `p50`"]);
    refused(&f, "timeseries.csv", |p| set_field(p, 8, 7, "1e400"), &["line 8: p95 is 1e400, not a finite"]);
    refused(&f, "timeseries.csv", |p| set_field(p, 8, 3, "-1"), &["capacity is negative"]);
    refused(&f, "timeseries.csv", series(9, |l| l.replacen("baseline", "d2a", 1)), &["scenario is d2a"]);

    let resolved = |edit: fn(String) -> String| move |p: &Path| edit_text(p, edit);
    refused(
        &f,
        "scenario.resolved.toml",
        resolved(|t| t.replacen("name = ", "name = \"x\"\nno = ", 1)),
        &["scenario is x"],
    );
    refused(&f, "scenario.resolved.toml", resolved(|t| t + "\n[[[\n"), &["line"]);
}

#[test]
fn a_comparison_is_checked_against_its_scenario_folders() {
    let f = compare_folder();
    let comparison = |edit: fn(&mut serde_json::Value)| move |p: &Path| edit_json(p, edit);
    refused(&f, "comparison.json", comparison(|v| v["scenarios"] = json!({})), &["no scenarios"]);
    refused(
        &f,
        "comparison.json",
        comparison(|v| v["scenarios"]["d2a"]["metrics"]["deaths"]["metric"] = json!("births")),
        &["scenario d2a", "births"],
    );
    refused(
        &f,
        "comparison.json",
        comparison(|v| v["scenarios"]["d2a"]["money"]["net_saving_nhs"]["ci95_low"] = json!(null)),
        &["net_saving_nhs"],
    );
    refused(
        &f,
        "d2a/summary.json",
        |p| {
            edit_json(p, |v| {
                v["years"] = json!(2);
                // A second year of budget rows, so the folder is whole in itself.
                let mut rows = v["budget"].as_array().unwrap().clone();
                let second: Vec<_> = rows
                    .iter()
                    .cloned()
                    .map(|mut r| {
                        r["year"] = json!(2);
                        r
                    })
                    .collect();
                rows.extend(second);
                v["budget"] = json!(rows);
            });
            // And a second year of results by year.
            edit_text(&p.with_file_name("by_year.csv"), |t| {
                let second: Vec<String> = t.lines().skip(1).map(|l| l.replacen(",1,", ",2,", 1)).collect();
                format!("{t}{}\n", second.join("\n"))
            });
        },
        &["years is 2", "comparison.json says 1"],
    );
    refused(
        &f,
        "baseline/summary.json",
        |p| edit_text(p, |t| t.replace(VERSION, "0.0.3")),
        &["0.0.3", VERSION],
    );
    refused(&f, "d2a/timeseries.csv", delete, &["cannot read"]);
    refused(&f, "comparison.csv", delete, &["cannot read"]);
    refused(&f, "by_year_change.csv", delete, &["cannot read"]);
    refused(
        &f,
        "d2a/by_year.csv",
        |p| edit_text(p, |t| t.lines().take(5).collect::<Vec<_>>().join("\n")),
        &["rows, not one for each"],
    );
    refused(
        &f,
        "by_year_change.csv",
        |p| edit_text(p, |t| t.replacen(",deaths,", ",births,", 1)),
        &["births", "caresim does not write"],
    );
    refused(
        &f,
        "comparison.csv",
        |p| edit_text(p, |t| t.lines().take(5).collect::<Vec<_>>().join("\n")),
        &["rows"],
    );
    refused(&f, "comparison.csv", |p| set_field(p, 4, 1, "pict"), &["line 4: its scenario is pict"]);
    refused(&f, "comparison.csv", |p| set_field(p, 4, 3, "3"), &["line 4: its replications is 3"]);
    refused(&f, "comparison.csv", |p| set_field(p, 4, 6, "inf"), &["line 4: difference_mean is inf"]);
}

#[test]
fn a_comparison_s_cohorts_are_checked() {
    let f = compare_folder_with_cohorts();
    refused(&f, "by_place_change.csv", delete, &["cannot read"]);
    refused(&f, "by_place_change.csv", |p| set_field(p, 2, 2, "county"), &["line 2", "level `county`"]);
    refused(&f, "by_place_change.csv", |p| set_field(p, 2, 5, "9"), &["line 2", "year `9`"]);
    refused(
        &f,
        "by_place_change.csv",
        |p| set_field(p, 3, 4, "0.5"),
        &["line 3", "covered_share 0.5 here and 0"],
    );
    refused(
        &f,
        "by_place_change.csv",
        |p| edit_text(p, |t| t.lines().take(5).collect::<Vec<_>>().join("\n")),
        &["cluster 1 has 4 rows, not one for the window and each of 2 years"],
    );
    refused(
        &f,
        "by_place_change.csv",
        |p| set_field(p, 2, 4, "1.5"),
        &["line 2: covered_share is 1.5, not a share"],
    );
    refused(
        &f,
        "by_place_change.csv",
        |p| set_field(p, 2, 6, "acute_occupancy_mean"),
        &["line 2", "acute_occupancy_mean", "not give by place"],
    );
    refused(&f, "cohort.csv", delete, &["cannot read"]);
    refused(
        &f,
        "cohort.csv",
        |p| edit_text(p, |t| t.lines().take(5).collect::<Vec<_>>().join("\n")),
        &["rows, not one for each"],
    );
    refused(
        &f,
        "cohort.csv",
        |p| edit_text(p, |t| t.replacen(",deaths,", ",births,", 1)),
        &["births", "caresim does not write"],
    );
    refused(&f, "cohort.csv", |p| set_field(p, 2, 3, "9"), &["line 2", "months", "9"]);
    refused(&f, "cohort.csv", |p| set_field(p, 2, 6, "1000"), &["line 2: replications is 1000"]);
    refused(&f, "cohort.csv", |p| set_field(p, 2, 9, "99"), &["line 2: p025 is 99, above p975"]);
}

#[test]
fn a_sweep_is_checked_against_its_manifest() {
    let f = sweep_folder(GRID);
    let sweep = |edit: fn(&mut serde_json::Value)| move |p: &Path| edit_json(p, edit);
    let points = |edit: fn(&mut Vec<serde_json::Value>)| {
        move |p: &Path| edit_json(p, |v| edit(v["points"].as_array_mut().unwrap()))
    };
    refused(&f, "sweep.json", points(|p| drop(p.pop())), &["number of points"]);
    refused(&f, "sweep.json", points(|p| p.swap(1, 2)), &["point 1 is 1"]);
    refused(
        &f,
        "sweep.json",
        sweep(|v| v["points"][2]["values"]["d2a_scheme.beds"] = json!("31")),
        &["point 1"],
    );
    refused(
        &f,
        "sweep.json",
        sweep(|v| v["points"][0]["metrics"]["deaths"] = v["points"][0]["metrics"]["cost_total"].clone()),
        &["deaths"],
    );
    refused(
        &f,
        "sweep.json",
        sweep(|v| v["points"][1]["metrics"]["cost_total"]["probability_lower"] = json!(1.5)),
        &["probability_lower is 1.5, not a probability"],
    );
    refused(
        &f,
        "sweep.json",
        sweep(|v| v["points"][1]["metrics"]["cost_total"]["difference"] = json!(null)),
        &["no difference"],
    );
    refused(&f, "sweep.json", sweep(|v| v["seed"] = json!(6)), &["seed is 6", "sweep.manifest.json says 5"]);
    refused(
        &f,
        "sweep.manifest.json",
        sweep(|v| v["metrics"] = json!(["acute_bed_days", "acute_bed_days"])),
        &["more than once"],
    );
    refused(&f, "sweep.manifest.json", sweep(|v| v["metrics"] = json!(["beds"])), &["`beds`"]);
    refused(&f, "sweep.manifest.json", sweep(|v| v["design"] = json!("spiral")), &["design"]);
    refused(&f, "sweep.manifest.json", delete, &["cannot read"]);
    refused(&f, "sweep.csv", delete, &["cannot read"]);
    refused(&f, "sweep.csv", |p| set_field(p, 12, 1, "37"), &["line 12: its d2a_scheme.beds is 37"]);
    refused(&f, "sweep.csv", |p| set_field(p, 6, 4, "inf"), &["line 6: mean is inf"]);
    refused(&f, "sweep.csv", |p| set_field(p, 6, 3, "deaths"), &["line 6: its metric is deaths"]);
    // The other designs read back as written.
    for design in [ONE_WAY, LATIN] {
        assert_eq!(report(&sweep_folder(design).dir, ImageFormat::Svg), Ok(()));
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_in_place_of_a_file_is_refused_without_waiting() {
    let f = run_folder();
    let pipe = |p: &Path| {
        delete(p);
        let made = std::process::Command::new("mkfifo").arg(p).status().unwrap();
        assert!(made.success());
    };
    refused(&f, "replications.csv", pipe, &["not a file"]);
    let zeros = |p: &Path| {
        delete(p);
        std::os::unix::fs::symlink("/dev/zero", p).unwrap();
    };
    refused(&f, "timeseries.csv", zeros, &["not a file"]);
    let folder = |p: &Path| {
        delete(p);
        std::fs::create_dir(p).unwrap();
    };
    refused(&f, "scenario.resolved.toml", folder, &["not a file"]);
}
