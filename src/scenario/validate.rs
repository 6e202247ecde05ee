//! Range and consistency rules for every parameter. Each rule names the key and says what is
//! allowed; all problems are collected, not just the first.

use super::rules::{MAX_DESCRIPTION_CHARS, Rules};
use crate::model::Inputs;
use crate::model::inputs::{Capacity, D2aScheme, Hazard, MAX_PER_1000, PER_1000_KEY, Team};

/// People one replication may hold (a few hundred bytes each, per thread).
const MAX_PEOPLE: f64 = 20.0e6;

/// Longest mean delay before a crisis kept out of hospital comes back: a return is a failure
/// within days, not a new crisis months later.
const MAX_RETURN_DAYS: f64 = 90.0;

/// Replications x occupancy samples kept for `timeseries.csv` (48 bytes each).
const MAX_SERIES_SAMPLES: f64 = 50.0e6;

impl Rules {
    fn hazard(&mut self, key: &str, h: &mut Hazard) {
        self.each(&format!("{key}.per_1000_per_year"), &mut h.per_1000_per_year, |r, k, v| {
            r.between(k, v, 0.0, 1.0e6, "a rate per 1,000 people per year")
        });
        self.each(&format!("{key}.relative_by_frailty"), &mut h.relative_by_frailty, Self::positive);
        self.each(&format!("{key}.relative_by_ltc"), &mut h.relative_by_ltc, Self::positive);
        self.positive(&format!("{key}.relative_living_alone"), &mut h.relative_living_alone);
    }

    fn team(&mut self, key: &str, t: &mut Team) {
        self.name(&format!("{key}.name"), &t.name);
        self.probability(&format!("{key}.coverage"), &mut t.coverage);
        self.days(&format!("{key}.enrolment_days"), &mut t.enrolment_days, 1.0, 36500.0);
        let f = &mut t.finding;
        let k = format!("{key}.finding");
        self.days(&format!("{k}.review_interval_days"), &mut f.review_interval_days, 1.0, 3650.0);
        self.probability(&format!("{k}.consent"), &mut f.consent);
        if f.min_ltc > 4 {
            self.fail(
                &format!("{k}.min_ltc"),
                format!("must be 0 to 4 (4 means 4 or more), got {}", f.min_ltc),
            );
        }
        if f.min_frailty > 3 {
            self.fail(
                &format!("{k}.min_frailty"),
                format!("must be 0 (fit) to 3 (severe), got {}", f.min_frailty),
            );
        }
        if f.min_age > 120 {
            self.fail(&format!("{k}.min_age"), format!("must be 120 or less, got {}", f.min_age));
        }
        let w = &f.risk_weights;
        for (name, v) in [
            ("age", &w.age),
            ("ltc", &w.ltc),
            ("frailty", &w.frailty),
            ("living_alone", &w.living_alone),
            ("recent_admission", &w.recent_admission),
        ] {
            self.number(&format!("{k}.risk_weights.{name}"), v);
        }
        if t.staff.is_empty() {
            self.fail(&format!("{key}.staff"), "a team needs at least one member of staff".into());
        }
        for (j, staff) in t.staff.iter_mut().enumerate() {
            let s = format!("{key}.staff[{j}]");
            self.between(&format!("{s}.fte"), &mut staff.fte, 0.0, 1000.0, "whole-time equivalents");
            self.between(
                &format!("{s}.caseload_per_fte"),
                &mut staff.caseload_per_fte,
                0.0,
                1.0e5,
                "people per FTE",
            );
            self.cost(&format!("{s}.cost_per_fte"), &mut staff.cost_per_fte);
        }
        for (name, u) in t.effects.named_mut() {
            self.between(&format!("{key}.effects.{name}"), u, 0.0, 10.0, "a multiplier (1 = no effect)");
        }
        if let Some(rho) = t.effects.correlation
            && !(0.0..=1.0).contains(&rho)
        {
            self.fail(&format!("{key}.effects.correlation"), format!("must be between 0 and 1, got {rho}"));
        }
    }

    fn d2a_scheme(&mut self, d: &mut D2aScheme) {
        let k = "d2a_scheme";
        self.probability(&format!("{k}.pathway3_share"), &mut d.pathway3_share);
        self.probability(&format!("{k}.pathway2_care_home_share"), &mut d.pathway2_care_home_share);
        self.days(&format!("{k}.arrangement_mean_days"), &mut d.arrangement_mean_days, 0.0, 365.0);
        self.days(&format!("{k}.mean_stay_days"), &mut d.mean_stay_days, 0.01, 365.0);
        self.days(&format!("{k}.max_stay_days"), &mut d.max_stay_days, 0.01, 365.0);
        self.outcomes(k, [&mut d.outcome_home, &mut d.outcome_care_home, &mut d.outcome_death]);
        self.cost(&format!("{k}.bed_week"), &mut d.bed_week);
    }
}

/// Every problem with `p`, as (dotted key, message). Unbounded lognormal values are given the
/// bounds of their parameter's allowed range, so their draws stay valid.
pub fn validate(p: &mut Inputs) -> Vec<(String, String)> {
    let mut r = check(p);
    capacities(&mut r, p);
    start_days(&mut r, p);
    r.problems
}

fn start_days(r: &mut Rules, p: &Inputs) {
    let measured_days = f64::from(p.simulation.years) * crate::model::DAYS_PER_YEAR;
    let starts =
        p.teams.iter().enumerate().map(|(i, t)| (format!("teams[{i}].start_day"), t.start_day)).chain([
            ("d2a_scheme.start_day".to_string(), p.d2a_scheme.as_ref().and_then(|s| s.start_day)),
            ("crisis_response.start_day".to_string(), p.crisis_response.as_ref().and_then(|c| c.start_day)),
            ("gp_in_ae.start_day".to_string(), p.gp_in_ae.as_ref().and_then(|g| g.start_day)),
        ]);
    for (key, start) in starts {
        if let Some(day) = start
            && f64::from(day) >= measured_days
        {
            r.fail(
                &key,
                format!(
                    "is day {day} after the warm-up, but the run measures {} years ({measured_days} days): \
                     it would never act",
                    p.simulation.years
                ),
            );
        }
    }
}

/// Each base service's capacity: a rate per 1,000 within its range, and the services nobody
/// can do without at least one bed, whatever the area's size makes a rate come to.
fn capacities(r: &mut Rules, p: &Inputs) {
    let why = |key: &str| match key {
        "acute.beds" => Some("admitted people would wait in A&E for ever"),
        "care_home.residential_beds" | "care_home.nursing_beds" => {
            Some("people placed there would wait for ever")
        }
        _ => None,
    };
    let mut rates = Vec::new();
    for (key, capacity) in p.capacity_entries() {
        match capacity {
            Capacity::Count(0) => {
                if let Some(why) = why(key) {
                    r.fail(key, format!("must be at least 1: {why}"));
                }
            }
            Capacity::Count(_) => {}
            Capacity::Per1000AgedOver65(rate) if (0.0..=MAX_PER_1000).contains(&rate) => {
                rates.push((key, capacity))
            }
            Capacity::Per1000AgedOver65(rate) => r.fail(
                &format!("{key}.{PER_1000_KEY}"),
                format!("must be 0 to {MAX_PER_1000} beds or places per 1,000 people aged 65+, got {rate}"),
            ),
        }
    }
    // What a rate comes to is known only once the area's size and share aged 65+ are valid.
    if rates.is_empty() || r.problems.iter().any(|(k, _)| k.starts_with("area.")) {
        return;
    }
    let aged = p.aged_65_plus_planned();
    for (key, capacity) in rates {
        if let Some(why) = why(key)
            && capacity.units(aged) == 0
        {
            r.fail(
                key,
                format!(
                    "comes to 0 for the area's {aged:.0} people aged 65+ ({}): it must be at least 1: {why}",
                    capacity.as_written()
                ),
            );
        }
    }
}

/// The keys of the lists of shares in `p` that must add up to 1 (`discharge.pathway_shares.fit`, ...).
pub fn share_lists(p: &Inputs) -> Vec<String> {
    check(&mut p.clone()).share_lists
}

/// Every rule applied to `p`.
fn check(p: &mut Inputs) -> Rules {
    let mut r = Rules::default();
    r.name("name", &p.name);
    let described = p.description.chars().count();
    if described > MAX_DESCRIPTION_CHARS {
        r.fail(
            "description",
            format!("is {described} characters long; allowed: at most {MAX_DESCRIPTION_CHARS}"),
        );
    } else if p.description.chars().any(char::is_control) {
        r.fail("description", "must be on one line, without control characters".into());
    }

    let s = &p.simulation;
    if !(1..=200).contains(&s.years) {
        r.fail("simulation.years", format!("must be between 1 and 200 years, got {}", s.years));
    }
    if s.warmup_years > 50 {
        r.fail("simulation.warmup_years", format!("must be between 0 and 50 years, got {}", s.warmup_years));
    }
    if !(1..=1_000_000).contains(&s.replications) {
        r.fail("simulation.replications", format!("must be between 1 and 1,000,000, got {}", s.replications));
    }
    let inner = s.inner_replications;
    if inner == 0 {
        r.fail("simulation.inner_replications", "must be at least 1".into());
    } else if inner > 1 && (!s.replications.is_multiple_of(inner) || s.replications / inner < 2) {
        r.fail(
            "simulation.inner_replications",
            format!(
                "{} replications cannot be split into at least 2 draws of {inner} replications each: give a \
                 multiple of {inner}, at least {}",
                s.replications,
                2 * inner
            ),
        );
    }
    if s.seed > i64::MAX as u64 {
        r.fail("simulation.seed", format!("must be between 0 and {}, got {}", i64::MAX, s.seed));
    }
    let interval = s.timeseries_interval_days;
    if !interval.is_finite() || !(1.0..=365.0).contains(&interval) {
        r.fail(
            "simulation.timeseries_interval_days",
            format!("must be a number of days (between 1 and 365), got {interval}"),
        );
    }
    let (years, warmup_years, replications) = (s.years, s.warmup_years, s.replications);

    let a = &mut p.area;
    r.between("area.share_aged_65_plus", &mut a.share_aged_65_plus, 0.0, 1.0, "a share");
    r.between(
        "area.new_65_year_olds_per_year_share",
        &mut a.new_65_year_olds_per_year_share,
        0.0,
        1.0,
        "a share",
    );
    // Everyone who will ever live in one replication is held in memory at once.
    let share_65 = a.share_aged_65_plus.support().1.clamp(0.0, 1.0);
    let people = (f64::from(a.registered_population) * share_65).round();
    let total_years = f64::from(years + warmup_years);
    let everyone =
        people * (1.0 + a.new_65_year_olds_per_year_share.support().1.clamp(0.0, 1.0) * total_years);
    let fewest =
        (f64::from(a.registered_population) * a.share_aged_65_plus.support().0.clamp(0.0, 1.0)).round();
    if fewest < 1.0 {
        r.fail(
            "area",
            format!(
                "registered_population x share_aged_65_plus can give {fewest:.0} people aged 65+ at the \
                 start (with share_aged_65_plus at its lowest); allowed: at least 1"
            ),
        );
    } else if everyone > MAX_PEOPLE {
        r.fail(
            "area",
            format!(
                "registered_population x share_aged_65_plus gives {people:.0} people aged 65+ and \
                 {everyone:.0} over the run with new 65-year-olds; allowed: at least 1 at the start \
                 and at most {MAX_PEOPLE} in all"
            ),
        );
    }
    let samples = f64::from(years) * 365.0 / interval.max(1.0);
    if f64::from(replications) * samples > MAX_SERIES_SAMPLES {
        r.fail(
            "simulation",
            format!(
                "{replications} replications x {samples:.0} occupancy samples is too many to hold; allowed: at most \
                 {MAX_SERIES_SAMPLES} (use fewer replications or a longer timeseries_interval_days)"
            ),
        );
    }
    if !(1..=10_000).contains(&a.practices) {
        r.fail("area.practices", format!("must be between 1 and 10,000, got {}", a.practices));
    }
    if a.practices_per_cluster == 0 || a.practices_per_cluster > a.practices.max(1) {
        r.fail(
            "area.practices_per_cluster",
            format!(
                "must be between 1 and the number of practices ({}), got {}",
                a.practices, a.practices_per_cluster
            ),
        );
    }

    let pop = &mut p.population;
    r.shares("population.age_band_shares", &mut pop.age_band_shares);
    if !(85..=120).contains(&pop.oldest_age) {
        r.fail("population.oldest_age", format!("must be between 85 and 120, got {}", pop.oldest_age));
    }
    r.probability("population.female_share", &mut pop.female_share);
    let f = &mut pop.frailty_shares;
    r.shares("population.frailty_shares.at_65", &mut f.at_65);
    r.shares("population.frailty_shares.age_65_74", &mut f.age_65_74);
    r.shares("population.frailty_shares.age_75_84", &mut f.age_75_84);
    r.shares("population.frailty_shares.age_85_plus", &mut f.age_85_plus);
    let l = &mut pop.ltc_shares;
    r.shares("population.ltc_shares.age_65_74", &mut l.age_65_74);
    r.shares("population.ltc_shares.age_75_84", &mut l.age_75_84);
    r.shares("population.ltc_shares.age_85_plus", &mut l.age_85_plus);
    r.probabilities("population.living_alone_share", &mut pop.living_alone_share);
    r.probabilities("population.in_care_home_share", &mut pop.in_care_home_share);

    let g = &mut p.progression;
    r.each("progression.fit_to_mild_per_year", &mut g.fit_to_mild_per_year, Rules::non_negative);
    r.each("progression.mild_to_moderate_per_year", &mut g.mild_to_moderate_per_year, Rules::non_negative);
    r.each(
        "progression.moderate_to_severe_per_year",
        &mut g.moderate_to_severe_per_year,
        Rules::non_negative,
    );
    r.each("progression.mild_to_fit_per_year", &mut g.mild_to_fit_per_year, Rules::non_negative);
    r.non_negative("progression.new_ltc_per_year", &mut g.new_ltc_per_year);

    r.hazard("hazards.crisis", &mut p.hazards.crisis);
    r.hazard("hazards.death", &mut p.hazards.death);
    r.hazard("hazards.care_home_entry", &mut p.hazards.care_home_entry);
    r.between(
        "hazards.unobserved_frailty_variance",
        &mut p.hazards.unobserved_frailty_variance,
        0.0,
        10.0,
        "a variance (0 = none)",
    );
    let a = &mut p.after_discharge;
    for (name, u) in [
        ("crisis_first_30_days", &mut a.crisis_first_30_days),
        ("crisis_rest_of_year", &mut a.crisis_rest_of_year),
        ("death_first_30_days", &mut a.death_first_30_days),
        ("death_rest_of_year", &mut a.death_rest_of_year),
    ] {
        r.between(&format!("after_discharge.{name}"), u, 0.0, 100.0, "a multiplier (1 = no change)");
    }

    if let Some(s) = &mut p.seasonality {
        r.between("seasonality.amplitude", &mut s.amplitude, 0.0, 0.9, "a share of the average crisis rate");
        if s.peak_day >= 365 {
            r.fail(
                "seasonality.peak_day",
                format!("must be a day of the model year, 0 (1 April) to 364, got {}", s.peak_day),
            );
        }
    }

    let c = &mut p.care_home;
    r.probabilities("care_home.nursing_share_by_frailty", &mut c.nursing_share_by_frailty);
    r.between(
        "care_home.crisis_per_1000_per_year",
        &mut c.crisis_per_1000_per_year,
        0.0,
        1.0e6,
        "a rate per 1,000",
    );
    r.probability("care_home.admission_probability", &mut c.admission_probability);
    r.between(
        "care_home.relative_death",
        &mut c.relative_death,
        0.0,
        100.0,
        "a relative rate (1 = as at home)",
    );
    if let Some(days) = &mut c.out_of_area_after_days {
        r.days("care_home.out_of_area_after_days", days, 0.0, 3650.0);
    }

    r.probabilities("ae.admission_probability_by_frailty", &mut p.ae.admission_probability_by_frailty);
    r.between("ae.mean_hours", &mut p.ae.mean_hours, 0.0, 72.0, "a number of hours");

    let acute = &mut p.acute;
    r.each("acute.los_mean_days_by_frailty", &mut acute.los_mean_days_by_frailty, |r, k, v| {
        r.between(k, v, 0.01, 365.0, "a mean stay in days")
    });
    r.between(
        "acute.los_coefficient_of_variation",
        &mut acute.los_coefficient_of_variation,
        0.01,
        10.0,
        "a coefficient of variation",
    );
    r.probabilities("acute.death_probability_by_frailty", &mut acute.death_probability_by_frailty);

    let shares = &mut p.discharge.pathway_shares;
    r.shares("discharge.pathway_shares.fit", &mut shares.fit);
    r.shares("discharge.pathway_shares.mild", &mut shares.mild);
    r.shares("discharge.pathway_shares.moderate", &mut shares.moderate);
    r.shares("discharge.pathway_shares.severe", &mut shares.severe);
    r.each("discharge.arrangement_mean_days", &mut p.discharge.arrangement_mean_days, |r, k, v| {
        r.days(k, v, 0.0, 365.0)
    });

    r.days("home_support.mean_duration_days", &mut p.home_support.mean_duration_days, 0.01, 365.0);

    let d = &mut p.d2a;
    r.days("d2a.mean_stay_days", &mut d.mean_stay_days, 0.01, 365.0);
    r.days("d2a.max_stay_days", &mut d.max_stay_days, 0.01, 365.0);
    r.days("d2a.max_wait_days", &mut d.max_wait_days, 0.0, 365.0);
    r.outcomes("d2a", [&mut d.outcome_home, &mut d.outcome_care_home, &mut d.outcome_death]);

    let k = &mut p.costs;
    r.between("costs.discount_rate", &mut k.discount_rate, 0.0, 0.5, "an annual rate");
    r.cost("costs.ae_attendance", &mut k.ae_attendance);
    r.cost("costs.acute_bed_day", &mut k.acute_bed_day);
    r.cost("costs.d2a_bed_week", &mut k.d2a_bed_week);
    r.cost("costs.residential_week", &mut k.residential_week);
    r.cost("costs.nursing_week", &mut k.nursing_week);
    r.cost("costs.home_support_week", &mut k.home_support_week);
    r.cost("costs.long_term_care_week", &mut k.long_term_care_week);
    let f = &mut k.care_home_funding;
    let kf = "costs.care_home_funding";
    r.probability(&format!("{kf}.continuing_healthcare_share"), &mut f.continuing_healthcare_share);
    r.probability(&format!("{kf}.self_funder_share"), &mut f.self_funder_share);
    r.between(
        &format!("{kf}.self_funder_fee_premium"),
        &mut f.self_funder_fee_premium,
        0.0,
        5.0,
        "a share over the rate",
    );
    r.probability(&format!("{kf}.client_contribution_share"), &mut f.client_contribution_share);
    r.cost(&format!("{kf}.nursing_care_week"), &mut f.nursing_care_week);
    // The council's part of a nursing week (the rate less nursing care and contributions)
    // must not be negative in any draw.
    let lowest_rate = k.nursing_week.gbp.support().0;
    let highest_fnc = k.care_home_funding.nursing_care_week.gbp.support().1;
    let highest_contribution = k.care_home_funding.client_contribution_share.support().1.min(1.0);
    if highest_fnc > lowest_rate * (1.0 - highest_contribution) {
        r.fail(
            &format!("{kf}.nursing_care_week.gbp"),
            format!(
                "can be up to £{highest_fnc}, more than the council's part of the lowest nursing week                  (£{lowest_rate} less a contribution of up to {:.0}%): lower it, or raise costs.nursing_week",
                100.0 * highest_contribution
            ),
        );
    }

    for (i, team) in p.teams.iter_mut().enumerate() {
        r.team(&format!("teams[{i}]"), team);
    }
    // Teams are changed and composed by name, and their results are labelled by it.
    for (i, team) in p.teams.iter().enumerate() {
        if let Some(first) = p.teams[..i].iter().position(|t| t.name == team.name) {
            // Named at both, since either may be the one to change (one may come from --set).
            for (at, other) in [(i, first), (first, i)] {
                r.fail(
                    &format!("teams[{at}].name"),
                    format!(
                        "\"{}\" is also the name of teams[{other}]: every team needs a name of its own",
                        team.name
                    ),
                );
            }
        }
    }
    if let Some(d) = &mut p.d2a_scheme {
        r.d2a_scheme(d);
    }
    if let Some(c) = &mut p.crisis_response {
        r.between("crisis_response.eligible_share", &mut c.eligible_share, 0.0, 1.0, "a share of crises");
        r.between("crisis_response.referred_share", &mut c.referred_share, 0.0, 1.0, "a share of crises");
        r.between("crisis_response.returns_share", &mut c.returns_share, 0.0, 1.0, "a share of crises");
        r.days("crisis_response.return_mean_days", &mut c.return_mean_days, 0.0, MAX_RETURN_DAYS);
        r.days("crisis_response.episode_days", &mut c.episode_days, 0.01, 365.0);
        r.cost("crisis_response.episode_cost", &mut c.episode_cost);
        r.cost("crisis_response.yearly_cost", &mut c.yearly_cost);
    }
    if let Some(g) = &mut p.gp_in_ae {
        r.probability("gp_in_ae.hours_covered_share", &mut g.hours_covered_share);
        r.days("gp_in_ae.max_stay_days", &mut g.max_stay_days, 0.0, 365.0);
        r.between("gp_in_ae.diverted_share", &mut g.diverted_share, 0.0, 1.0, "a share of admissions");
        r.between("gp_in_ae.returns_share", &mut g.returns_share, 0.0, 1.0, "a share of people sent home");
        r.days("gp_in_ae.return_mean_days", &mut g.return_mean_days, 0.0, MAX_RETURN_DAYS);
        r.cost("gp_in_ae.yearly_cost", &mut g.yearly_cost);
    }
    r
}
