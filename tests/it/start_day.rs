//! An intervention that starts on a day after the warm-up: before that day the world runs
//! exactly as without it, year by year; after it, it acts.

use caresim::experiment::ScenarioRun;
use caresim::model::Metric;
use caresim::results::schema::Unit;

use crate::support::{run, scenario_file, small_area};

const RUN: [&str; 3] = ["simulation.replications=3", "simulation.years=4", "simulation.warmup_years=1"];

/// Replication by replication, metric `m` in measured year `year` (from 0) of both runs.
fn pairs(a: &ScenarioRun, b: &ScenarioRun, year: usize, m: Metric) -> Vec<(f64, f64)> {
    a.outputs
        .iter()
        .zip(&b.outputs)
        .map(|(x, y)| (x.by_year[year][m.index()], y.by_year[year][m.index()]))
        .collect()
}

/// The team's own activity: its places exist from the start of the window whatever its start.
fn is_team_activity(m: Metric) -> bool {
    m.name().starts_with("team_") || m == Metric::Events
}

fn assert_identical_before_and_acting_after(file: &str, start: &str, acts: Metric) {
    let baseline = run(&small_area(&RUN));
    let mut extra = RUN.to_vec();
    extra.push(start);
    let late = run(&scenario_file(file, &extra));
    for year in 0..2 {
        for &m in Metric::ALL.iter().filter(|m| !is_team_activity(**m)) {
            for (b, w) in pairs(&baseline, &late, year, m) {
                // Counts are equal exactly. A year's sums (days, pounds) hold the same terms, but
                // a stay that runs into a later year is added when it ends, which the
                // intervention may move: the same terms added in another order agree to within
                // n x machine epsilon of their total, n < 10^7 terms.
                let bound = if m.unit() == Unit::Count { 0.0 } else { 1e7 * f64::EPSILON * b.abs() };
                assert!(
                    (b - w).abs() <= bound,
                    "{file}: {} in year {} differs before the start: {b} against {w}",
                    m.name(),
                    year + 1
                );
            }
        }
    }
    for year in 2..4 {
        let acted: f64 = pairs(&baseline, &late, year, acts).iter().map(|(_, w)| w).sum();
        assert!(acted > 0.0, "{file}: no {} in year {}", acts.name(), year + 1);
    }
}

#[test]
fn a_team_starting_in_year_3_changes_nothing_in_years_1_and_2() {
    assert_identical_before_and_acting_after(
        "models/pict.toml",
        "teams[0].start_day=730",
        Metric::TeamEnrolments,
    );
}

#[test]
fn a_scheme_starting_in_year_3_changes_nothing_in_years_1_and_2() {
    for (file, start, acts) in [
        ("models/d2a.toml", "d2a_scheme.start_day=730", Metric::D2aSchemeAdmissions),
        ("models/crisis-response.toml", "crisis_response.start_day=730", Metric::CrisisResponses),
        ("models/gp-in-ae.toml", "gp_in_ae.start_day=730", Metric::GpDiversions),
    ] {
        assert_identical_before_and_acting_after(file, start, acts);
    }
}

#[test]
fn fixed_costs_run_from_the_start_day() {
    // The GP in A&E with no one to divert costs only its yearly cost, and from its start only.
    let mut extra = RUN.to_vec();
    extra.extend(["gp_in_ae.diverted_share=0", "gp_in_ae.start_day=730"]);
    let late = run(&scenario_file("models/gp-in-ae.toml", &extra));
    let baseline = run(&small_area(&RUN));
    let cost = Metric::CostNhs;
    for year in 0..4 {
        for (b, w) in pairs(&baseline, &late, year, cost) {
            // A year's costs are undiscounted: the whole £250,000 in each year after the start.
            let expected = if year < 2 { 0.0 } else { 250_000.0 };
            assert!(
                ((w - b) - expected).abs() < 1e-6 * expected.max(1.0),
                "year {}: {} more",
                year + 1,
                w - b
            );
        }
    }
}
