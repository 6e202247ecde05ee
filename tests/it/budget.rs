//! Money as budgets see it: undiscounted cash by year adds up to the economic costs once the
//! beds paid for by capacity are costed by use instead, and closing beds is the only way bed
//! cash changes.

use caresim::model::Metric;
use caresim::model::budget::{BudgetLine, PAYERS, YearBudget};
use caresim::model::params::Payer;
use caresim::results::budget::{TOTAL_LINE, budget_changes, find};

use crate::support::{run, scenario_file, small_area};

const SHORT: [&str; 4] =
    ["simulation.replications=3", "simulation.years=2", "simulation.warmup_years=1", "costs.discount_rate=0"];

fn cash(year: &YearBudget, line: BudgetLine) -> f64 {
    PAYERS.iter().map(|&p| year.cash(line, p)).sum()
}

#[test]
fn undiscounted_cash_is_the_cost_with_beds_paid_by_capacity_instead_of_use() {
    for preset in
        ["models/baseline.toml", "models/pict.toml", "models/d2a.toml", "models/crisis-response.toml"]
    {
        let inputs = scenario_file(preset, &SHORT);
        let (acute_day, step_down_day) = (400.0, 900.0 / 7.0);
        assert_eq!(
            (inputs.costs.acute_bed_day.gbp.is_fixed(), inputs.costs.acute_bed_day.gbp.value()),
            (true, 400.0)
        );
        assert_eq!(
            (inputs.costs.d2a_bed_week.gbp.is_fixed(), inputs.costs.d2a_bed_week.gbp.value()),
            (true, 900.0)
        );
        let results = run(&inputs);
        for out in &results.outputs {
            assert_eq!(out.budget.len(), 2, "{preset}: one entry per measured year");
            let (mut nhs_by_use, mut council) = (0.0, 0.0);
            for year in &out.budget {
                // Both capacity lines are the NHS's in the bundled prices.
                let nhs: f64 = BudgetLine::ALL.iter().map(|&l| year.cash(l, Payer::Nhs)).sum();
                let capacity = cash(year, BudgetLine::AcuteBeds) + cash(year, BudgetLine::StepDownBeds);
                let (acute_days, step_down_days) =
                    (year.days_used(BudgetLine::AcuteBeds), year.days_used(BudgetLine::StepDownBeds));
                assert_eq!(
                    cash(year, BudgetLine::AcuteBeds),
                    f64::from(inputs.capacities()[0].2) * acute_day * 365.0
                );
                nhs_by_use += nhs - capacity + acute_days * acute_day + step_down_days * step_down_day;
                council += BudgetLine::ALL.iter().map(|&l| year.cash(l, Payer::Council)).sum::<f64>();
            }
            for (payer, cash, metric) in
                [("NHS", nhs_by_use, Metric::CostNhs), ("council", council, Metric::CostCouncil)]
            {
                let cost = out.metrics[metric.index()] * 2.0;
                assert!(
                    (cash - cost).abs() < 1e-6 * cost,
                    "{preset}, {payer}: cash by use {cash}, cost {cost}"
                );
            }
        }
    }
}

#[test]
fn fewer_bed_days_release_capacity_but_closing_beds_releases_cash() {
    let baseline = run(&small_area(&SHORT));
    let closed = run(&small_area(&[&SHORT[..], &["acute.beds=55"]].concat()));
    let changes = budget_changes(&baseline, &closed);
    for year in [1, 2] {
        let beds = find(&changes, year, "acute_beds", "nhs_cash").expect("an acute-bed row");
        assert_eq!(beds.difference.mean, -5.0 * 400.0 * 365.0);
        assert_eq!(
            (beds.difference.p025, beds.difference.p975),
            (beds.difference.mean, beds.difference.mean)
        );
        assert!(find(&changes, year, TOTAL_LINE, "total_cash").is_some());
    }
}

/// Care-home cash of both public payers, and what residents paid, over the run; and the
/// care-home days used.
fn care_home_money(out: &caresim::model::world::ReplicationOutput, years: f64) -> (f64, f64, f64, f64) {
    let line = BudgetLine::CareHomes;
    let nhs: f64 = out.budget.iter().map(|y| y.cash(line, caresim::model::params::Payer::Nhs)).sum();
    let council: f64 = out.budget.iter().map(|y| y.cash(line, caresim::model::params::Payer::Council)).sum();
    let days: f64 = out.budget.iter().map(|y| y.days_used(line)).sum();
    (nhs, council, out.metrics[Metric::CostSelfFunders.index()] * years, days)
}

#[test]
fn every_care_home_week_is_paid_in_full_and_by_the_council_alone_when_nobody_else_pays() {
    let same_rate = ["costs.nursing_week.gbp=1000", "costs.residential_week.gbp=1000"];
    let no_premium = ["costs.care_home_funding.self_funder_fee_premium=0"];
    let council_only = [
        "costs.care_home_funding.continuing_healthcare_share=0",
        "costs.care_home_funding.self_funder_share=0",
        "costs.care_home_funding.client_contribution_share=0",
        "costs.care_home_funding.nursing_care_week.gbp=0",
    ];
    for (shared, alone) in [(true, &no_premium[..]), (false, &council_only[..])] {
        let settings = [&SHORT[..], &same_rate, alone].concat();
        let results = run(&small_area(&settings));
        for out in &results.outputs {
            let (nhs, council, private, days) = care_home_money(out, 2.0);
            let fee = days * 1000.0 / 7.0;
            assert!(
                (nhs + council + private - fee).abs() < 1e-6 * fee,
                "weeks paid {}, fee {fee}",
                nhs + council + private
            );
            if shared {
                assert!(nhs > 0.0 && private > 0.0, "NHS {nhs}, residents {private}");
            } else {
                assert_eq!((nhs, private), (0.0, 0.0));
            }
        }
    }
}
