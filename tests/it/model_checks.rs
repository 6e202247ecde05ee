//! The care model as a whole: Little's law on its bed pools, degenerate cases, and stress runs
//! where the invariants (checked inside every replication: nobody in two places, no pool over
//! capacity, people conserved) have the most chances to break.

use crate::support::{assert_consistent, mean_and_half_width, metric, run, small_area};

/// Per replication: mean occupancy minus (entries per day x mean completed stay). Little's law
/// says this is zero in steady state, up to edge effects that cancel on average.
fn littles_law_gaps(occupancy: &[f64], entries_per_day: &[f64], mean_stay: &[f64]) -> Vec<f64> {
    occupancy.iter().zip(entries_per_day).zip(mean_stay).map(|((l, lambda), w)| l - lambda * w).collect()
}

#[test]
fn littles_law_holds_for_acute_and_d2a_beds_on_the_baseline() {
    let r = run(&small_area(&["simulation.replications=24", "simulation.years=4"]));
    let acute = littles_law_gaps(
        &metric(&r, "acute_occupancy_mean"),
        &metric(&r, "acute_bed_entries_per_day"),
        &metric(&r, "acute_mean_stay_days"),
    );
    assert_consistent("acute occupancy - admissions/day x stay", &acute, 0.0);
    let d2a_entries: Vec<f64> = metric(&r, "d2a_admissions").iter().map(|n| n / 365.0).collect();
    let d2a =
        littles_law_gaps(&metric(&r, "d2a_occupancy_mean"), &d2a_entries, &metric(&r, "d2a_mean_stay_days"));
    assert_consistent("d2a occupancy - admissions/day x stay", &d2a, 0.0);
}

#[test]
fn no_crises_means_no_hospital_use() {
    let r = run(&small_area(&[
        "simulation.replications=2",
        "simulation.years=2",
        "hazards.crisis.per_1000_per_year=[0, 0, 0]",
        "care_home.crisis_per_1000_per_year=0",
    ]));
    for name in
        ["ae_attendances", "emergency_admissions", "acute_bed_days", "d2a_bed_days", "deaths_in_hospital"]
    {
        assert!(metric(&r, name).iter().all(|&v| v == 0.0), "{name} should be 0");
    }
    assert!(metric(&r, "deaths").iter().all(|&v| v > 0.0), "people still die at home");
}

#[test]
fn unlimited_capacity_means_no_waiting_for_beds() {
    let r = run(&small_area(&[
        "simulation.replications=2",
        "simulation.years=2",
        "acute.beds=100000",
        "d2a.beds=100000",
        "home_support.slots=100000",
        "care_home.residential_beds=100000",
        "care_home.nursing_beds=100000",
        "discharge.arrangement_mean_days=[0, 0, 0, 0]",
    ]));
    for name in ["trolley_hours", "delayed_discharge_days"] {
        assert!(metric(&r, name).iter().all(|&v| v == 0.0), "{name} should be 0");
    }
}

#[test]
fn scarce_capacity_keeps_every_invariant() {
    // Tiny pools everywhere: long lines, timeouts from the D2A line, cascading releases.
    let r = run(&small_area(&[
        "simulation.replications=4",
        "simulation.years=2",
        "acute.beds=30",
        "d2a.beds=1",
        "d2a.max_wait_days=3",
        "home_support.slots=2",
        "care_home.residential_beds=60",
        "care_home.nursing_beds=60",
    ]));
    // The invariants are checked inside every replication; here the stress must have happened.
    assert!(metric(&r, "trolley_hours").iter().all(|&v| v > 0.0), "lines for acute beds formed");
    assert!(metric(&r, "care_home_admissions_from_hospital").iter().all(|&v| v > 0.0));
}

#[test]
fn without_d2a_beds_nobody_uses_them() {
    let r = run(&small_area(&["simulation.replications=2", "simulation.years=2", "d2a.beds=0"]));
    assert!(metric(&r, "d2a_bed_days").iter().all(|&v| v == 0.0));
    assert!(metric(&r, "discharges_p2").iter().all(|&v| v > 0.0), "P2 is still chosen, then placed via P3");
}

#[test]
fn undiscounted_acute_cost_is_bed_days_times_price_plus_ae() {
    let r = run(&small_area(&[
        "simulation.replications=2",
        "simulation.years=2",
        "costs.discount_rate=0",
        "costs.d2a_bed_week.gbp=0",
        // The NHS pays nothing towards care homes.
        "costs.care_home_funding.continuing_healthcare_share=0",
        "costs.care_home_funding.nursing_care_week.gbp=0",
    ]));
    let (nhs, bed_days, ae) =
        (metric(&r, "cost_nhs"), metric(&r, "acute_bed_days"), metric(&r, "ae_attendances"));
    for i in 0..2 {
        let expected = bed_days[i] * 400.0 + ae[i] * 280.0;
        assert!((nhs[i] - expected).abs() < 1e-6 * expected, "{} vs {expected}", nhs[i]);
    }
}

/// Mean acute occupancy over the 13 weekly samples centred on `day` of each of `years` model
/// years (the series starts at the end of the warm-up, itself the start of a model year).
fn acute_around<const N: usize>(series: &[[f64; N]], day: f64, years: u32) -> f64 {
    let values: Vec<f64> = (0..years)
        .flat_map(|year| {
            let centre = ((day + 365.0 * f64::from(year)) / 7.0).round() as usize;
            series[centre - 6..=centre + 6].iter().map(|row| row[0])
        })
        .collect();
    values.iter().sum::<f64>() / values.len() as f64
}

#[test]
fn winter_fills_more_beds_than_summer() {
    // A strong cycle peaking on day 280 of each model year: acute beds are fuller in the three
    // months around the peak than in the three months around the trough, in the paired
    // difference of each replication, with its 95% interval above 0.
    let r =
        run(&small_area(&["simulation.replications=12", "simulation.years=2", "seasonality.amplitude=0.4"]));
    let differences: Vec<f64> = r
        .outputs
        .iter()
        .map(|o| acute_around(&o.series, 280.0, 2) - acute_around(&o.series, 280.0 - 182.5, 2))
        .collect();
    let (mean, half) = mean_and_half_width(&differences, 0.95);
    eprintln!("acute occupied, winter less summer: {mean:.1} +/- {half:.1}");
    assert!(mean - half > 0.0, "winter {mean:.1} +/- {half:.1} beds above summer");
}

#[test]
fn results_by_year_add_up_to_the_whole_window() {
    // Each measured year's yearly figures average to the window's; counts over the window are
    // the years' sum; occupancy is the mean of the years'. Exact up to rounding. (A year's costs
    // are undiscounted, so they add up to the window's only without discounting.)
    let years = 3;
    let r = run(&small_area(&[
        "simulation.replications=2",
        &format!("simulation.years={years}"),
        "costs.discount_rate=0",
        "simulation.timeseries_interval_days=5",
    ]));
    let names = caresim::model::metric_names();
    let index = |name: &str| names.iter().position(|n| n == name).unwrap();
    for output in &r.outputs {
        assert_eq!(output.by_year.len(), years);
        for name in [
            "acute_bed_days",
            "trolley_hours",
            "deaths",
            "cost_nhs",
            "cost_council",
            "care_home_admissions",
            "acute_occupancy_mean",
            "care_home_occupancy_mean",
            "population",
        ] {
            let whole = output.metrics[index(name)];
            let mean = output.by_year.iter().map(|y| y[index(name)]).sum::<f64>() / years as f64;
            assert!(
                (mean - whole).abs() <= 1e-9 * whole.abs().max(1.0),
                "{name}: years {mean}, window {whole}"
            );
        }
        let total = output.metrics[index("deaths_total")];
        let by_year: f64 = output.by_year.iter().map(|y| y[index("deaths_total")]).sum();
        assert_eq!(by_year, total);
        // Events by year are those of the measured window; the window's count includes the
        // warm-up's. Samples fall every 5 days, so one falls exactly on the horizon.
        let events: f64 = output.by_year.iter().map(|y| y[index("events")]).sum();
        assert!(events > 0.0 && events < output.metrics[index("events")]);
    }
    // Without a warm-up the years hold every event, one at the horizon included.
    let r = run(&small_area(&[
        "simulation.replications=1",
        "simulation.years=2",
        "simulation.warmup_years=0",
        "simulation.timeseries_interval_days=5",
    ]));
    let output = &r.outputs[0];
    let events: f64 = output.by_year.iter().map(|y| y[index("events")]).sum();
    assert_eq!(events, output.metrics[index("events")]);
}
