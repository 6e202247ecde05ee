//! Charts and the HTML report from real result folders: files of the stated size that are not
//! blank, titles and axis labels in the SVG text, numbers in the summary taken from the JSON,
//! and a page that needs nothing from the network.

use std::path::Path;

use caresim::report::format::pounds;

use crate::support::{caresim, repo_path};

/// A quick run: 4 replications of one year in an area of 20,000 registered people.
const QUICK: [&str; 8] =
    ["--reps", "4", "--years", "1", "--warmup-years", "1", "--set", "area.registered_population=20000"];

/// `caresim COMMAND SCENARIOS... QUICK --out OUT EXTRA...`, which must succeed.
fn quick(command: &str, scenarios: &[&str], out: &Path, extra: &[&str]) -> std::process::Output {
    let paths: Vec<String> = scenarios.iter().map(|s| repo_path(s).display().to_string()).collect();
    let mut args: Vec<&str> = vec![command];
    args.extend(paths.iter().map(String::as_str));
    args.extend(QUICK);
    args.extend(["--out", out.to_str().unwrap()]);
    args.extend(extra);
    let o = caresim(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn small_compare(out: &Path) {
    quick(
        "compare",
        &["models/baseline.toml", "models/social-worker-every-cluster.toml", "models/d2a.toml"],
        out,
        &[],
    );
}

const CHARTS: [&str; 16] = [
    "futures",
    "change-emergency-bed-days",
    "change-delayed-discharge-days",
    "change-care-home-admissions",
    "change-total-cost",
    "net-saving",
    "by-year-change-acute-bed-days",
    "by-year-change-trolley-hours",
    "by-year-change-care-home-admissions",
    "by-year-change-cost-total",
    "cohort-social-worker-every-cluster-teams-cluster-social-worker",
    "cohort-d2a-d2a-scheme",
    "costs",
    "pathways",
    "occupancy-baseline",
    "occupancy-d2a",
];

#[test]
fn every_chart_is_drawn_as_svg_and_png() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    small_compare(&out);
    let o = caresim(&["report", out.to_str().unwrap(), "--format", "both"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("report.html"), "the report's path is printed");
    for name in CHARTS {
        let svg = std::fs::read_to_string(out.join(format!("plots/{name}.svg"))).unwrap();
        assert!(
            svg.contains("<svg") && svg.trim_end().ends_with("</svg>"),
            "{name}.svg is a whole SVG document"
        );
        let png = image::open(out.join(format!("plots/{name}.png"))).unwrap().to_rgb8();
        assert_eq!(png.width(), 1000, "{name}.png width");
        assert!(
            svg.contains(&format!("height=\"{}\"", png.height())),
            "{name}: SVG and PNG are the same size"
        );
        let mut colours: Vec<[u8; 3]> = png.pixels().map(|p| p.0).collect();
        colours.sort_unstable();
        colours.dedup();
        assert!(colours.len() > 50, "{name}.png has only {} colours: blank?", colours.len());
    }
}

#[test]
fn charts_carry_titles_axis_labels_legends_and_replication_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    small_compare(&out);
    assert!(caresim(&["report", out.to_str().unwrap()]).status.success());
    let read = |name: &str| std::fs::read_to_string(out.join(format!("plots/{name}.svg"))).unwrap();
    let expectations: [(&str, &[&str]); 7] = [
        (
            "by-year-change-care-home-admissions",
            &[
                "Change in care-home admissions in each year against baseline",
                "range of 95% of futures",
                "measured year (1 is the first after the warm-up)",
                "below 0: lower than the baseline",
                "d2a",
            ],
        ),
        (
            "futures",
            &["4 paired futures", "change in emergency bed days a year", "below 0: saves money", "d2a"],
        ),
        (
            "change-emergency-bed-days",
            &[
                "Change in emergency bed days",
                "4 paired replications",
                "range of 95% of futures",
                "emergency bed days a year",
                // Drawn as a share of the baseline, on an axis that reaches 10% at least, with
                // each scenario's change itself beside its name.
                "as a share of baseline",
                "change, % of baseline",
                "-10%",
                "d2a: ",
            ],
        ),
        ("net-saving", &["Who saves", "£ million a year saved", "NHS", "council", "total"]),
        (
            "costs",
            &[
                "Cost a year by payer",
                "£ million a year",
                "NHS services",
                "council services",
                "interventions",
            ],
        ),
        ("pathways", &["discharge pathway mix", "% of discharges", "P0 home", "P3 care home"]),
        (
            "occupancy-baseline",
            &[
                "places occupied each week",
                "4 replications",
                "years after the warm-up",
                "beds occupied",
                "5-95% of replications",
                "median",
                "capacity",
            ],
        ),
    ];
    for (name, needles) in expectations {
        let svg = read(name);
        for needle in needles {
            assert!(svg.contains(needle), "{name}.svg lacks {needle:?}");
        }
    }
}

#[test]
fn the_summary_quotes_the_comparison_json_and_the_page_is_self_contained() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    small_compare(&out);
    assert!(caresim(&["report", out.to_str().unwrap()]).status.success());
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    let d2a = &json["scenarios"]["d2a"];
    let council = d2a["money"]["net_saving_council"]["mean"].as_f64().unwrap();
    let verb = if council >= 0.0 { "saves" } else { "costs" };
    let phrase = format!("{verb} the council {}", pounds(council.abs()));
    assert!(html.contains(&phrase), "the summary should say {phrase:?}");
    let intervention = d2a["money"]["added_intervention_cost"]["mean"].as_f64().unwrap();
    assert!(html.contains(&format!("The intervention itself costs {} a year", pounds(intervention))));
    assert_eq!(
        html.matches("<svg").count(),
        CHARTS.len() + 1,
        "every chart inline (one occupancy per scenario)"
    );
    // (The SVG namespace URI names a vocabulary; it is never fetched.)
    for banned in ["<script", "src=\"http", "href=\"http", "url(http", "<link", "@import", "<iframe"] {
        assert!(!html.contains(banned), "report.html must not load anything: found {banned}");
    }
    assert!(
        html.contains("Appendix")
            && html.contains("seed 20261122")
            && html.contains("scenario.resolved.toml")
    );
    assert!(html.contains("source"), "the scenario files with their sources are in the appendix");
}

#[test]
fn a_run_folder_gets_a_report_too_and_a_stray_folder_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("run");
    let o = quick("run", &["models/baseline.toml"], &out, &["--report"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Report written to"));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let bed_days = summary["metrics"]["emergency_bed_days_per_1000"]["mean"].as_f64().unwrap();
    assert!(
        html.contains(&format!("{} (", caresim::report::format::number(bed_days)))
            && html.contains("in 95% of futures")
    );
    let o = caresim(&["report", tmp.path().to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a caresim result folder"));
}

#[test]
fn every_parameter_the_presets_and_experiments_name_has_plain_words() {
    use caresim::results::parameters::{has_label, label};
    let mut keys: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(repo_path("models")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let scenario = caresim::scenario::load(&path, &[]).unwrap();
            keys.extend(scenario.inputs.intervention_effects().into_iter().map(|(key, _)| key));
        }
    }
    for entry in std::fs::read_dir(repo_path("experiments")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let parameters = table.get("parameters").and_then(|p| p.as_array()).cloned().unwrap_or_default();
            keys.extend(parameters.iter().filter_map(|p| p.get("key")?.as_str().map(String::from)));
        }
    }
    assert!(keys.len() > 20, "{keys:?}");
    for key in keys {
        assert!(
            has_label(&key),
            "{key} has no plain words in results/parameters.rs (it reads {:?})",
            label(&key)
        );
    }
}
