//! Cohorts: the people an intervention served, before and after, against themselves in the
//! paired baseline. A team that changes nothing has an effect of exactly 0 while its cohort,
//! picked for high risk, still improves (regression to the mean); the same person has the same
//! days in both worlds unless one of them dies.

use caresim::experiment::run_comparison;
use caresim::model::Metric;
use caresim::model::cohorts::{Measure, WINDOW_MONTHS, measure, members, window_days};
use caresim::model::history::{Lives, Purse};
use caresim::model::{measured_window, run_replication_recorded};
use caresim::results::cohorts::{Quantity, cohort_rows};

use crate::support::{repo_path, scenario_file, small_area};

const SETTINGS: [&str; 3] = ["simulation.replications=10", "simulation.years=2", "simulation.warmup_years=1"];

/// The PICT preset with every effect exactly 1.
fn pict_without_effect() -> Vec<&'static str> {
    let mut overrides = SETTINGS.to_vec();
    overrides.extend([
        "teams[0].effects.crisis_rate=1",
        "teams[0].effects.admission_given_ae=1",
        "teams[0].effects.length_of_stay=1",
        "teams[0].effects.discharge_to_care_home=1",
        "teams[0].effects.care_home_entry=1",
    ]);
    overrides
}

#[test]
fn a_team_without_effect_has_no_effect_but_its_high_risk_cohort_improves_anyway() {
    let pict = scenario_file("models/pict.toml", &pict_without_effect());
    let cmp = run_comparison(&small_area(&SETTINGS), &[pict], None, &|| {}).unwrap();
    let cohorts = &cmp.cohorts[0];
    assert_eq!(cohorts.names, ["teams.PICT"]);
    for replication in &cohorts.replications {
        let sums = &replication[0];
        assert!(sums.after[0].members > 0, "the team enrolled people");
        // The same people over the same days, with the same chance events: the same sums.
        assert_eq!(sums.after, sums.counterfactual);
    }
    let rows = cohort_rows(cohorts);
    for row in rows.iter().filter(|r| r.quantity == Quantity::Effect) {
        assert_eq!((row.mean, row.p025, row.p975), (0.0, 0.0, 0.0), "{row:?}");
    }
    // Six months, as the PICT evaluation: many are enrolled after a hospital stay, which the
    // six months before hold. Over twelve months the frailty that made them high-risk keeps
    // growing, and the fall can vanish.
    for measure in [Measure::AeAttendances, Measure::EmergencyAdmissions] {
        let naive = rows
            .iter()
            .find(|r| r.measure == measure && r.months == 6 && r.quantity == Quantity::NaiveChange)
            .unwrap();
        assert!(naive.p975 < 0.0, "a naive before/after shows a fall in 95% of futures: {naive:?}");
    }
}

#[test]
fn a_member_s_days_are_the_same_in_both_worlds_unless_one_of_them_dies() {
    let pict = scenario_file("models/pict.toml", &SETTINGS);
    let baseline = small_area(&SETTINGS);
    let (start, horizon) = measured_window(1, 2);
    let mut compared = 0;
    for replication in 0..3 {
        let (_, with_team) = run_replication_recorded(&pict, 1, replication);
        let (_, without) = run_replication_recorded(&baseline, 1, replication);
        let (lives_with, lives_without) = (Lives::new(&with_team.history), Lives::new(&without.history));
        let cohort = &members(&with_team.contacts, with_team.cohorts.len(), (start, horizon), &lives_with)[0];
        for member in cohort {
            assert!(member.is_in(&lives_without), "{member:?} is the baseline's person too");
            for months in WINDOW_MONTHS {
                let days = (0.0, window_days(months));
                let one = std::slice::from_ref(member);
                let (a, b) =
                    (measure(&lives_with, one, days, horizon), measure(&lives_without, one, days, horizon));
                let deaths = a.values[Measure::Deaths as usize] + b.values[Measure::Deaths as usize];
                if deaths == 0.0 {
                    assert_eq!(a.person_days, b.person_days, "{member:?}");
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 100, "only {compared} members compared");
}

#[test]
fn the_gp_in_a_e_cohort_is_measured_against_the_baseline_not_itself() {
    // Every member had an admission averted at the first contact: without the GP, the same
    // people are admitted then, so the counterfactual has more admissions in every future.
    let gp = scenario_file("models/gp-in-ae.toml", &SETTINGS);
    let cmp = run_comparison(&small_area(&SETTINGS), &[gp], None, &|| {}).unwrap();
    let cohorts = &cmp.cohorts[0];
    assert!(cohorts.same_people);
    for replication in &cohorts.replications {
        let sums = &replication[0];
        let admissions = |s: &caresim::model::cohorts::Sums| s.values[Measure::EmergencyAdmissions as usize];
        assert!(sums.after[0].members > 0);
        assert!(
            admissions(&sums.counterfactual[0])
                >= admissions(&sums.after[0]) + f64::from(sums.after[0].members) / 2.0,
            "{sums:?}"
        );
    }
}

#[test]
fn each_person_s_costs_add_up_to_the_ledger_s() {
    let baseline = small_area(&SETTINGS);
    let (start, horizon) = measured_window(1, 2);
    for replication in 0..2 {
        let (output, recording) = run_replication_recorded(&baseline, 1, replication);
        for (purse, metric) in [
            (Purse::Nhs, Metric::CostNhs),
            (Purse::Council, Metric::CostCouncil),
            (Purse::Resident, Metric::CostSelfFunders),
        ] {
            let people: f64 = recording
                .history
                .costs
                .iter()
                .filter(|c| c.purse == purse)
                .map(|c| c.within(start, horizon))
                .sum();
            // Each year's costs are undiscounted, as each person's are.
            let ledger: f64 = output.by_year.iter().map(|year| year[metric.index()]).sum();
            assert!((people - ledger).abs() <= 1e-9 * ledger, "{purse:?}: {people} against {ledger}");
        }
    }
}

#[test]
fn an_intervention_that_serves_nobody_has_no_cohort_rows() {
    let mut overrides = SETTINGS.to_vec();
    overrides.push("crisis_response.capacity=0");
    let response = scenario_file("models/crisis-response.toml", &overrides);
    let cmp = run_comparison(&small_area(&SETTINGS), &[response], None, &|| {}).unwrap();
    assert_eq!(cmp.cohorts[0].names, ["crisis_response"]);
    assert!(cohort_rows(&cmp.cohorts[0]).is_empty());
}

/// The CSV `path` as rows of fields (header left out).
fn rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

#[test]
fn a_trace_holds_every_move_of_the_replication_it_names() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    let (baseline, pict) = (repo_path("models/baseline.toml"), repo_path("models/pict.toml"));
    let mut args =
        vec!["compare", baseline.to_str().unwrap(), pict.to_str().unwrap(), "--reps", "3", "--trace", "1"];
    args.extend(["--years", "2", "--warmup-years", "1", "--out", out.to_str().unwrap()]);
    let sets: Vec<String> = crate::support::SMALL_AREA.iter().map(|s| s.to_string()).collect();
    for set in &sets {
        args.extend(["--set", set]);
    }
    let output = crate::support::caresim(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (start, horizon) = measured_window(1, 2);
    for scenario in ["baseline", "pict"] {
        let trace = rows(&out.join(scenario).join("trace.csv"));
        let replications = rows(&out.join(scenario).join("replications.csv"));
        let header: Vec<String> = csv::Reader::from_path(out.join(scenario).join("replications.csv"))
            .unwrap()
            .headers()
            .unwrap()
            .iter()
            .map(String::from)
            .collect();
        let total = |name: &str| -> f64 {
            let column = header.iter().position(|h| h == name).unwrap();
            replications[1][column].parse().unwrap()
        };
        let in_window = |to: &str| {
            trace
                .iter()
                .filter(|r| {
                    r[0] == "1" && r[4] == to && (start..horizon).contains(&r[1].parse::<f64>().unwrap())
                })
                .count() as f64
        };
        assert!(trace.iter().all(|r| r[0] == "1"), "only replication 1");
        assert_eq!(in_window("ae"), total("ae_attendances_total"), "{scenario}: A&E attendances");
        assert_eq!(in_window("trolley"), total("emergency_admissions_total"), "{scenario}: admissions");
        let times: Vec<f64> = trace.iter().map(|r| r[1].parse().unwrap()).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{scenario}: moves in time order");
    }
}

#[test]
fn a_trace_of_a_replication_the_run_does_not_have_is_refused_before_running() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("run");
    let baseline = repo_path("models/baseline.toml");
    let output = crate::support::caresim(&[
        "run",
        baseline.to_str().unwrap(),
        "--reps",
        "2",
        "--trace",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--trace") && stderr.contains("numbered 0 to 1"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_what_if_with_other_people_has_no_cohorts_to_follow() {
    let mut overrides = SETTINGS.to_vec();
    overrides.push("area.registered_population=40000");
    let pict = scenario_file("models/pict.toml", &overrides);
    let cmp = run_comparison(&small_area(&SETTINGS), &[pict], None, &|| {}).unwrap();
    assert!(!cmp.cohorts[0].same_people, "person k of a smaller area is not the baseline's person k");
    assert!(cohort_rows(&cmp.cohorts[0]).is_empty());
}
