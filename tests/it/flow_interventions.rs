//! The flow interventions (a crisis response, a GP in A&E) act only on the people their rules
//! let them help: with no capacity or share they are the baseline; where their rule reaches
//! nobody (care-home residents, the acute, long stays) they change nothing but cost; a diversion
//! saves at most the stay it avoids; and those kept out who come back do come back.

use caresim::experiment::{Comparison, run_comparison};
use caresim::model::{Inputs, metric_names};

use crate::support::{mean_and_half_width, metric, scenario_file, small_area};

const SETTINGS: [&str; 3] = ["simulation.replications=4", "simulation.years=2", "simulation.warmup_years=1"];
const CRISIS_RESPONSE: &str = "models/crisis-response.toml";
const GP_IN_AE: &str = "models/gp-in-ae.toml";

fn with(base: &[&str], extra: &[&str]) -> Vec<String> {
    base.iter().chain(extra).map(|s| s.to_string()).collect()
}

fn scenario(file: &str, overrides: &[String]) -> Inputs {
    let overrides: Vec<&str> = overrides.iter().map(String::as_str).collect();
    scenario_file(file, &overrides)
}

fn baseline(overrides: &[String]) -> Inputs {
    let overrides: Vec<&str> = overrides.iter().map(String::as_str).collect();
    small_area(&overrides)
}

fn compare(baseline: &Inputs, scenarios: &[Inputs]) -> Comparison {
    run_comparison(baseline, scenarios, None, &|| {}).unwrap()
}

fn is_cost(name: &str) -> bool {
    ["cost_nhs", "cost_council", "cost_total", "intervention_cost"].iter().any(|m| name.starts_with(m))
}

/// Every metric but the costs (and, if `all`, those too) is the same in `scenario` as in the
/// baseline, replication by replication.
fn assert_unchanged(cmp: &Comparison, scenario: usize, all: bool) {
    let s = &cmp.scenarios[scenario];
    for (i, name) in metric_names().iter().enumerate() {
        if all || !is_cost(name) {
            assert_eq!(cmp.baseline.metric(i), s.metric(i), "{}: {name} changed", s.inputs.name);
        }
    }
    if all {
        for (base, other) in cmp.baseline.outputs.iter().zip(&s.outputs) {
            assert_eq!(base.budget, other.budget, "{}: the budget changed", s.inputs.name);
        }
    }
}

#[test]
fn without_capacity_or_share_the_flow_interventions_are_the_baseline() {
    let free = |section: &str| format!("{section}.yearly_cost={{ gbp = 0, payer = \"nhs\" }}");
    let (cr_free, gp_free) = (free("crisis_response"), free("gp_in_ae"));
    let cr = |extra: &str| scenario(CRISIS_RESPONSE, &with(&SETTINGS, &[&cr_free, extra]));
    let gp = |extra: &str| scenario(GP_IN_AE, &with(&SETTINGS, &[&gp_free, extra]));
    let scenarios = [
        cr("crisis_response.capacity=0"),
        cr("crisis_response.referred_share=0"),
        gp("gp_in_ae.hours_covered_share=0"),
        gp("gp_in_ae.diverted_share=0"),
    ];
    let cmp = compare(&baseline(&with(&SETTINGS, &[])), &scenarios);
    for k in 0..scenarios.len() {
        assert_unchanged(&cmp, k, true);
    }
}

/// The intervention's yearly cost, discounted at 3.5% from the end of the warm-up over the
/// measured 2 years, a year.
fn discounted_yearly(gbp: f64) -> f64 {
    let delta = (1.0f64 + 0.035).ln();
    gbp * (1.0 - (-2.0 * delta).exp()) / delta / 2.0
}

/// Only the fixed yearly cost is added, to the NHS.
fn assert_only_the_yearly_cost_added(cmp: &Comparison, scenario: usize, gbp: f64) {
    let s = &cmp.scenarios[scenario];
    let staff = discounted_yearly(gbp);
    for (b, c) in metric(&cmp.baseline, "cost_nhs").iter().zip(metric(s, "cost_nhs")) {
        assert!((c - b - staff).abs() < 1e-6 * staff, "{}: {} added, not {staff}", s.inputs.name, c - b);
    }
    assert_eq!(metric(&cmp.baseline, "cost_council"), metric(s, "cost_council"));
}

#[test]
fn care_home_residents_are_never_diverted_nor_kept_at_home() {
    // Crises only in care homes: every attendance and admission is a resident's.
    let mut settings = SETTINGS.to_vec();
    settings.push("hazards.crisis.per_1000_per_year=[0.0, 0.0, 0.0]");
    let everyone =
        ["gp_in_ae.hours_covered_share=1", "gp_in_ae.diverted_share=1", "gp_in_ae.max_stay_days=365"];
    let cr = scenario(
        CRISIS_RESPONSE,
        &with(&settings, &["crisis_response.referred_share=1", "crisis_response.eligible_share=1"]),
    );
    let gp = scenario(GP_IN_AE, &with(&settings, &everyone));
    let cmp = compare(&baseline(&with(&settings, &[])), &[cr, gp]);
    assert!(metric(&cmp.baseline, "emergency_admissions").iter().all(|&a| a > 0.0), "residents are admitted");
    assert!(metric(&cmp.scenarios[0], "crisis_responses").iter().all(|&c| c == 0.0));
    assert!(metric(&cmp.scenarios[1], "gp_diversions").iter().all(|&d| d == 0.0));
    for (k, yearly) in [(0, 400_000.0), (1, 250_000.0)] {
        assert_unchanged(&cmp, k, false);
        assert_only_the_yearly_cost_added(&cmp, k, yearly);
    }
}

#[test]
fn an_effect_that_reaches_nobody_changes_nothing_but_cost() {
    // No crisis is less acute than 0, and no clinical stay is 0 days or shorter.
    let cr = scenario(
        CRISIS_RESPONSE,
        &with(&SETTINGS, &["crisis_response.eligible_share=0", "crisis_response.referred_share=1"]),
    );
    let gp = scenario(GP_IN_AE, &with(&SETTINGS, &["gp_in_ae.max_stay_days=0", "gp_in_ae.diverted_share=1"]));
    let cmp = compare(&baseline(&with(&SETTINGS, &[])), &[cr, gp]);
    for (k, yearly) in [(0, 400_000.0), (1, 250_000.0)] {
        assert_unchanged(&cmp, k, false);
        assert_only_the_yearly_cost_added(&cmp, k, yearly);
    }
}

#[test]
fn a_diversion_saves_at_most_the_stay_of_the_eligible() {
    // Only the stays themselves: beds everywhere, discharges home at once, no raised risk after
    // a discharge, nobody coming back. What is left of a diversion's knock-on effects (another
    // crisis at home in the days the diverted would have spent in hospital) can only add bed
    // days back. The GP sends home a random half of the
    // eligible, so the diverted's mean clinical stay is the eligible's.
    let settings = [
        "simulation.replications=16",
        "simulation.years=2",
        "simulation.warmup_years=1",
        "acute.beds=100000",
        "discharge.arrangement_mean_days=[0.0, 0.0, 0.0, 0.0]",
        "discharge.pathway_shares.fit=[1.0, 0.0, 0.0, 0.0]",
        "discharge.pathway_shares.mild=[1.0, 0.0, 0.0, 0.0]",
        "discharge.pathway_shares.moderate=[1.0, 0.0, 0.0, 0.0]",
        "discharge.pathway_shares.severe=[1.0, 0.0, 0.0, 0.0]",
        "after_discharge.crisis_first_30_days=1",
        "after_discharge.crisis_rest_of_year=1",
        "after_discharge.death_first_30_days=1",
        "after_discharge.death_rest_of_year=1",
    ];
    let gp_settings = [
        "gp_in_ae.hours_covered_share=1",
        "gp_in_ae.diverted_share=0.5",
        "gp_in_ae.max_stay_days=3",
        "gp_in_ae.returns_share=0",
    ];
    let gp = scenario(GP_IN_AE, &with(&settings, &gp_settings));
    let cmp = compare(&baseline(&with(&settings, &[])), &[gp]);
    let s = &cmp.scenarios[0];
    let diversions = metric(s, "gp_diversions");
    let mean_stay = metric(s, "gp_diverted_mean_stay_days");
    assert!(diversions.iter().all(|&d| d > 0.0), "the GP diverted people");
    assert!(mean_stay.iter().all(|&m| m > 0.0 && m <= 3.0), "only stays of 3 days or less: {mean_stay:?}");
    let saved: Vec<f64> = metric(&cmp.baseline, "acute_bed_days")
        .iter()
        .zip(metric(s, "acute_bed_days"))
        .map(|(b, s)| b - s)
        .collect();
    let excess: Vec<f64> =
        saved.iter().zip(&diversions).zip(&mean_stay).map(|((saved, d), m)| saved - d * m).collect();
    let (mean, half) = mean_and_half_width(&excess, 0.999);
    let per_diversion = saved.iter().sum::<f64>() / diversions.iter().sum::<f64>();
    eprintln!(
        "GP in A&E: {per_diversion:.2} bed days saved per diversion; saved - diversions x mean stay = {mean:.1} +/- {half:.1}"
    );
    assert!(saved.iter().sum::<f64>() > 0.0, "diversions saved bed days");
    assert!(mean - half <= 0.0, "diversions saved more than the stays they avoided: {mean:.1} +/- {half:.1}");
}

#[test]
fn those_kept_out_come_back_when_the_returns_share_is_one() {
    // A crisis that comes back is dropped only if the person has died, moved or had another
    // crisis in the few days before (or it falls after the horizon).
    let cr = scenario(
        CRISIS_RESPONSE,
        &with(&SETTINGS, &["crisis_response.returns_share=1", "crisis_response.referred_share=0.5"]),
    );
    let gp = scenario(GP_IN_AE, &with(&SETTINGS, &["gp_in_ae.returns_share=1", "gp_in_ae.diverted_share=1"]));
    let cmp = compare(&baseline(&with(&SETTINGS, &[])), &[cr, gp]);
    for (k, cases, returns) in [
        (0, "crisis_responses_total", "crisis_response_returns_total"),
        (1, "gp_diversions_total", "gp_diversion_returns_total"),
    ] {
        let s = &cmp.scenarios[k];
        let (taken, back): (f64, f64) = (metric(s, cases).iter().sum(), metric(s, returns).iter().sum());
        eprintln!("{}: {back} of {taken} came back", s.inputs.name);
        assert!(
            taken > 0.0 && back <= taken && back >= 0.9 * taken,
            "{}: {back} of {taken} came back",
            s.inputs.name
        );
    }
    // Every one sent home comes back and is admitted, a few days late: about as many admissions.
    let admissions = |run| metric(run, "emergency_admissions_total").iter().sum::<f64>();
    let (base, gp) = (admissions(&cmp.baseline), admissions(&cmp.scenarios[1]));
    assert!((gp - base).abs() <= 0.01 * base, "admissions {gp} against {base} in the baseline");
}
