//! Results by place: each cluster's (and practice's) figures are its people's, and with what is
//! no one person's (fixed costs) they add up to the area's, for the window and every year.

use std::collections::HashMap;
use std::path::Path;

use crate::support::{SMALL_AREA, caresim, repo_path};

/// `(level, place, year, metric) -> mean` from `by_place.csv`, and the header check.
fn by_place(path: &Path) -> HashMap<(String, String, String, String), f64> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        ["scenario", "level", "place", "covered_share", "year", "metric", "mean", "p025", "p975"]
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            ((r[1].into(), r[2].into(), r[4].into(), r[5].into()), r[6].parse().unwrap())
        })
        .collect()
}

/// `(year, metric) -> mean` from `by_year.csv`.
fn by_year(path: &Path) -> HashMap<(String, String), f64> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .map(|r| ((r[1].into(), r[2].into()), r[3].parse().unwrap()))
        .collect()
}

#[test]
fn the_clusters_and_what_is_no_one_s_add_up_to_the_area() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pict");
    let pict = repo_path("models/pict.toml");
    let mut args = vec!["run", pict.to_str().unwrap(), "--reps", "3", "--years", "2", "--warmup-years", "1"];
    args.extend(["--out", out.to_str().unwrap()]);
    let sets: Vec<String> = SMALL_AREA.iter().map(|s| s.to_string()).collect();
    for set in &sets {
        args.extend(["--set", set]);
    }
    let output = caresim(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let places = by_place(&out.join("by_place.csv"));
    let years = by_year(&out.join("by_year.csv"));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let totals =
        ["ae_attendances_total", "emergency_admissions_total", "acute_bed_days_total", "cost_nhs_total"];
    for metric in totals.iter().chain(&["cost_council_total", "care_home_admissions_total", "deaths_total"]) {
        for year in ["", "1", "2"] {
            let area = if year.is_empty() {
                summary["metrics"][metric]["mean"]
                    .as_f64()
                    .unwrap_or_else(|| panic!("{metric} in summary.json"))
            } else {
                years[&(year.to_string(), metric.to_string())]
            };
            let places_sum: f64 = places
                .iter()
                .filter(|((level, _, y, m), _)| {
                    (level == "cluster" || level == "unattributed") && y == year && m == metric
                })
                .map(|(_, v)| v)
                .sum();
            assert!(
                (places_sum - area).abs() <= 1e-9 * area.abs().max(1.0),
                "{metric} year {year:?}: clusters {places_sum} against the area's {area}"
            );
            let practices_sum: f64 = places
                .iter()
                .filter(|((level, _, y, m), _)| {
                    (level == "practice" || level == "unattributed") && y == year && m == metric
                })
                .map(|(_, v)| v)
                .sum();
            assert!(
                (practices_sum - area).abs() <= 1e-9 * area.abs().max(1.0),
                "{metric} year {year:?} by practice"
            );
        }
    }
    // The PICT preset covers 34 of the 36 practices: two are not covered.
    let text = std::fs::read_to_string(out.join("by_place.csv")).unwrap();
    let uncovered: std::collections::HashSet<&str> = text
        .lines()
        .filter(|l| l.split(',').nth(1) == Some("practice"))
        .filter(|l| l.split(',').nth(3) == Some("0"))
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(uncovered.len(), 2, "{uncovered:?}");
}
