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

#[test]
fn each_practice_holds_its_own_people_s_events_and_costs() {
    use caresim::model::history::{Cause, Purse};
    use caresim::model::person::Place;
    use caresim::model::{Metric, measured_window, run_replication_recorded};
    let mut overrides = vec!["simulation.years=2", "simulation.warmup_years=1", "area.practices=38"];
    overrides.push("area.practices_per_cluster=6");
    let pict = crate::support::scenario_file("models/pict.toml", &overrides);
    let (start, horizon) = measured_window(1, 2);
    let (output, recording) = run_replication_recorded(&pict, 7, 0);
    let by_place = &output.by_place;
    assert_eq!(by_place.practices.len(), 38);
    assert_eq!(by_place.clusters.len(), 7, "a last cluster of two practices");
    let (mut attendances, mut admissions) = (vec![0.0; 38], vec![0.0; 38]);
    for m in recording.history.moves.iter().filter(|m| (start..horizon).contains(&m.time)) {
        let practice = usize::from(recording.practice_of[m.person as usize]);
        if m.to == Place::Ae {
            attendances[practice] += 1.0;
        }
        if m.cause == Cause::Admitted {
            admissions[practice] += 1.0;
        }
    }
    let mut nhs = vec![0.0; 38];
    for c in recording.history.costs.iter().filter(|c| c.purse == Purse::Nhs) {
        nhs[usize::from(recording.practice_of[c.person as usize])] += c.within(start, horizon);
    }
    let figures = caresim::model::metrics::Figures::default();
    for (p, place) in by_place.practices.iter().enumerate() {
        let window = place.window.metrics(2.0, figures);
        assert_eq!(window[Metric::AeAttendancesTotal.index()], attendances[p], "practice {p}");
        assert_eq!(window[Metric::EmergencyAdmissionsTotal.index()], admissions[p], "practice {p}");
        // Each year's costs are undiscounted, as each person's are.
        let ledger: f64 =
            place.by_year.iter().map(|y| y.metrics(1.0, figures)[Metric::CostNhs.index()]).sum();
        assert!(
            (ledger - nhs[p]).abs() <= 1e-9 * ledger.max(1.0),
            "practice {p}: {ledger} against {}",
            nhs[p]
        );
    }
    let last = by_place.clusters[6].window.metrics(2.0, figures)[Metric::AeAttendancesTotal.index()];
    assert_eq!(last, attendances[36] + attendances[37]);
    assert_eq!(by_place.clusters[0].covered, 1.0);
}
