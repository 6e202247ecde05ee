//! Range and consistency rules for every parameter. Each rule names the key and says what is
//! allowed; all problems are collected, not just the first.

use crate::model::Params;
use crate::model::params::{Cost, D2aScheme, Hazard, Team};
use crate::model::uncertain::Uncertain;

/// Shares may miss 1 by this much (rounding in a hand-written file).
const SHARE_TOLERANCE: f64 = 1e-6;

/// People one replication may hold (a few hundred bytes each, per thread).
const MAX_PEOPLE: f64 = 20.0e6;

/// Replications x occupancy samples kept for `timeseries.csv` (48 bytes each).
const MAX_SERIES_SAMPLES: f64 = 50.0e6;

#[derive(Default)]
struct Rules {
    problems: Vec<(String, String)>,
}

impl Rules {
    fn fail(&mut self, key: &str, message: String) {
        self.problems.push((key.to_string(), message));
    }

    fn finite(&mut self, key: &str, v: f64) -> bool {
        if !v.is_finite() {
            self.fail(key, format!("must be a number, got {v}"));
        }
        v.is_finite()
    }

    fn between(&mut self, key: &str, v: f64, low: f64, high: f64, what: &str) {
        if self.finite(key, v) && !(low..=high).contains(&v) {
            self.fail(key, format!("must be {what} (between {low} and {high}), got {v}"));
        }
    }

    fn probability(&mut self, key: &str, v: f64) {
        self.between(key, v, 0.0, 1.0, "a probability");
    }

    fn non_negative(&mut self, key: &str, v: f64) {
        if self.finite(key, v) && v < 0.0 {
            self.fail(key, format!("must be 0 or more, got {v}"));
        }
    }

    fn positive(&mut self, key: &str, v: f64) {
        if self.finite(key, v) && v <= 0.0 {
            self.fail(key, format!("must be more than 0, got {v}"));
        }
    }

    fn each<F: Fn(&mut Self, &str, f64)>(&mut self, key: &str, values: &[f64], rule: F) {
        for (i, &v) in values.iter().enumerate() {
            rule(self, &format!("{key}[{i}]"), v);
        }
    }

    fn probabilities(&mut self, key: &str, values: &[f64]) {
        self.each(key, values, Self::probability);
    }

    fn shares(&mut self, key: &str, values: &[f64]) {
        let before = self.problems.len();
        self.probabilities(key, values);
        let sum: f64 = values.iter().sum();
        if self.problems.len() == before && (sum - 1.0).abs() > SHARE_TOLERANCE {
            self.fail(key, format!("shares must add up to 1, these add up to {sum}"));
        }
    }

    fn hazard(&mut self, key: &str, h: &Hazard) {
        self.each(&format!("{key}.per_1000_per_year"), &h.per_1000_per_year, |r, k, v| {
            r.between(k, v, 0.0, 1.0e6, "a rate per 1,000 people per year")
        });
        self.each(&format!("{key}.relative_by_frailty"), &h.relative_by_frailty, Self::positive);
        self.each(&format!("{key}.relative_by_ltc"), &h.relative_by_ltc, Self::positive);
        self.positive(&format!("{key}.relative_living_alone"), h.relative_living_alone);
    }

    /// A number or distribution whose every possible value lies in [low, high].
    fn uncertain(&mut self, key: &str, u: &Uncertain, low: f64, high: f64, what: &str) {
        if let Some(problem) = u.problem() {
            return self.fail(key, problem);
        }
        let (min, max) = u.support();
        if min < low || max > high {
            let values = if u.is_fixed() {
                format!("got {min}")
            } else {
                format!("its values run from {min} to {max}")
            };
            self.fail(key, format!("must be {what} (between {low} and {high}), {values}"));
        }
    }

    fn cost(&mut self, key: &str, c: &Cost) {
        self.uncertain(&format!("{key}.gbp"), &c.gbp, 0.0, 1.0e9, "an amount in pounds");
    }

    fn outcomes(&mut self, key: &str, home: f64, care_home: f64, death: f64) {
        let before = self.problems.len();
        self.probability(&format!("{key}.outcome_home"), home);
        self.probability(&format!("{key}.outcome_care_home"), care_home);
        self.probability(&format!("{key}.outcome_death"), death);
        let sum = home + care_home + death;
        if self.problems.len() == before && (sum - 1.0).abs() > SHARE_TOLERANCE {
            // Reported at the section: any of the three keys may be the one to change.
            self.fail(
                key,
                format!(
                    "outcome_home + outcome_care_home + outcome_death must add up to 1, they add up to {sum}"
                ),
            );
        }
    }

    fn team(&mut self, key: &str, t: &Team) {
        if t.name.trim().is_empty() {
            self.fail(&format!("{key}.name"), "must name the team".into());
        }
        self.probability(&format!("{key}.coverage"), t.coverage);
        self.between(&format!("{key}.enrolment_days"), t.enrolment_days, 1.0, 36500.0, "a number of days");
        let f = &t.finding;
        let k = format!("{key}.finding");
        self.between(
            &format!("{k}.review_interval_days"),
            f.review_interval_days,
            1.0,
            3650.0,
            "a number of days",
        );
        self.probability(&format!("{k}.consent"), f.consent);
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
            ("age", w.age),
            ("ltc", w.ltc),
            ("frailty", w.frailty),
            ("living_alone", w.living_alone),
            ("recent_admission", w.recent_admission),
        ] {
            self.finite(&format!("{k}.risk_weights.{name}"), v);
        }
        if t.staff.is_empty() {
            self.fail(&format!("{key}.staff"), "a team needs at least one member of staff".into());
        }
        for (j, staff) in t.staff.iter().enumerate() {
            let s = format!("{key}.staff[{j}]");
            self.between(&format!("{s}.fte"), staff.fte, 0.0, 1000.0, "whole-time equivalents");
            self.between(
                &format!("{s}.caseload_per_fte"),
                staff.caseload_per_fte,
                0.0,
                1.0e5,
                "people per FTE",
            );
            self.cost(&format!("{s}.cost_per_fte"), &staff.cost_per_fte);
        }
        let e = &t.effects;
        for (name, u) in [
            ("crisis_rate", &e.crisis_rate),
            ("admission_given_ae", &e.admission_given_ae),
            ("length_of_stay", &e.length_of_stay),
            ("discharge_to_care_home", &e.discharge_to_care_home),
            ("care_home_entry", &e.care_home_entry),
        ] {
            self.uncertain(&format!("{key}.effects.{name}"), u, 0.0, 10.0, "a multiplier (1 = no effect)");
        }
    }

    fn d2a_scheme(&mut self, d: &D2aScheme) {
        let k = "d2a_scheme";
        self.probability(&format!("{k}.pathway3_share"), d.pathway3_share);
        self.between(
            &format!("{k}.arrangement_mean_days"),
            d.arrangement_mean_days,
            0.0,
            365.0,
            "a number of days",
        );
        self.between(&format!("{k}.max_wait_days"), d.max_wait_days, 0.0, 365.0, "a number of days");
        self.between(&format!("{k}.mean_stay_days"), d.mean_stay_days, 0.01, 365.0, "a number of days");
        self.between(&format!("{k}.max_stay_days"), d.max_stay_days, 0.01, 365.0, "a number of days");
        self.outcomes(k, d.outcome_home, d.outcome_care_home, d.outcome_death);
        self.cost(&format!("{k}.bed_week"), &d.bed_week);
    }
}

/// Every problem with `p`, as (dotted key, message).
pub fn validate(p: &Params) -> Vec<(String, String)> {
    let mut r = Rules::default();

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
    if s.seed > i64::MAX as u64 {
        r.fail("simulation.seed", format!("must be between 0 and {}, got {}", i64::MAX, s.seed));
    }
    r.between(
        "simulation.timeseries_interval_days",
        s.timeseries_interval_days,
        1.0,
        365.0,
        "a number of days",
    );

    let a = &p.area;
    r.between("area.share_aged_65_plus", a.share_aged_65_plus, 0.0, 1.0, "a share");
    // Everyone who will ever live in one replication is held in memory at once.
    let people = (f64::from(a.registered_population) * a.share_aged_65_plus).round();
    let years = f64::from(s.years + s.warmup_years);
    let everyone = people * (1.0 + a.new_65_year_olds_per_year_share.clamp(0.0, 1.0) * years);
    if people < 1.0 || everyone > MAX_PEOPLE {
        r.fail(
            "area",
            format!(
                "registered_population x share_aged_65_plus gives {people:.0} people aged 65+ and \
                 {everyone:.0} over the run with new 65-year-olds; allowed: at least 1 at the start \
                 and at most {MAX_PEOPLE} in all"
            ),
        );
    }
    let samples = f64::from(s.years) * 365.0 / s.timeseries_interval_days.max(1.0);
    if f64::from(s.replications) * samples > MAX_SERIES_SAMPLES {
        r.fail(
            "simulation",
            format!(
                "{} replications x {samples:.0} occupancy samples is too many to hold; allowed: at most \
                 {MAX_SERIES_SAMPLES} (use fewer replications or a longer timeseries_interval_days)",
                s.replications
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
    r.between("area.new_65_year_olds_per_year_share", a.new_65_year_olds_per_year_share, 0.0, 1.0, "a share");

    let pop = &p.population;
    r.shares("population.age_band_shares", &pop.age_band_shares);
    if !(85..=120).contains(&pop.oldest_age) {
        r.fail("population.oldest_age", format!("must be between 85 and 120, got {}", pop.oldest_age));
    }
    r.probability("population.female_share", pop.female_share);
    r.shares("population.frailty_shares.at_65", &pop.frailty_shares.at_65);
    for (band, shares) in ["age_65_74", "age_75_84", "age_85_plus"].iter().zip(pop.frailty_shares.by_band()) {
        r.shares(&format!("population.frailty_shares.{band}"), &shares);
    }
    for (band, shares) in ["age_65_74", "age_75_84", "age_85_plus"].iter().zip(pop.ltc_shares.by_band()) {
        r.shares(&format!("population.ltc_shares.{band}"), &shares);
    }
    r.probabilities("population.living_alone_share", &pop.living_alone_share);
    r.probabilities("population.in_care_home_share", &pop.in_care_home_share);

    let g = &p.progression;
    r.each("progression.fit_to_mild_per_year", &g.fit_to_mild_per_year, Rules::non_negative);
    r.non_negative("progression.mild_to_moderate_per_year", g.mild_to_moderate_per_year);
    r.non_negative("progression.moderate_to_severe_per_year", g.moderate_to_severe_per_year);
    r.non_negative("progression.mild_to_fit_per_year", g.mild_to_fit_per_year);
    r.non_negative("progression.new_ltc_per_year", g.new_ltc_per_year);

    r.hazard("hazards.crisis", &p.hazards.crisis);
    r.hazard("hazards.death", &p.hazards.death);
    r.hazard("hazards.care_home_entry", &p.hazards.care_home_entry);

    let c = &p.care_home;
    r.probabilities("care_home.nursing_share_by_frailty", &c.nursing_share_by_frailty);
    r.between(
        "care_home.crisis_per_1000_per_year",
        c.crisis_per_1000_per_year,
        0.0,
        1.0e6,
        "a rate per 1,000",
    );
    r.probability("care_home.admission_probability", c.admission_probability);
    r.between("care_home.death_per_1000_per_year", c.death_per_1000_per_year, 0.0, 1.0e6, "a rate per 1,000");

    r.probabilities("ae.admission_probability_by_frailty", &p.ae.admission_probability_by_frailty);
    r.between("ae.mean_hours", p.ae.mean_hours, 0.0, 72.0, "a number of hours");

    let acute = &p.acute;
    r.each("acute.los_mean_days_by_frailty", &acute.los_mean_days_by_frailty, |r, k, v| {
        r.between(k, v, 0.01, 365.0, "a mean stay in days")
    });
    r.between(
        "acute.los_coefficient_of_variation",
        acute.los_coefficient_of_variation,
        0.01,
        10.0,
        "a coefficient of variation",
    );
    r.probabilities("acute.death_probability_by_frailty", &acute.death_probability_by_frailty);

    let shares = &p.discharge.pathway_shares;
    for (name, s) in ["fit", "mild", "moderate", "severe"].iter().zip(shares.by_frailty()) {
        r.shares(&format!("discharge.pathway_shares.{name}"), &s);
    }
    r.each("discharge.arrangement_mean_days", &p.discharge.arrangement_mean_days, |r, k, v| {
        r.between(k, v, 0.0, 365.0, "a number of days")
    });

    if p.acute.beds == 0 {
        r.fail("acute.beds", "must be at least 1: admitted people would wait in A&E for ever".into());
    }
    let ch = &p.care_home;
    for (key, beds) in
        [("care_home.residential_beds", ch.residential_beds), ("care_home.nursing_beds", ch.nursing_beds)]
    {
        if beds == 0 {
            r.fail(key, "must be at least 1: people placed there would wait for ever".into());
        }
    }
    r.between(
        "home_support.mean_duration_days",
        p.home_support.mean_duration_days,
        0.01,
        365.0,
        "a number of days",
    );

    let d = &p.d2a;
    r.between("d2a.mean_stay_days", d.mean_stay_days, 0.01, 365.0, "a number of days");
    r.between("d2a.max_stay_days", d.max_stay_days, 0.01, 365.0, "a number of days");
    r.between("d2a.max_wait_days", d.max_wait_days, 0.0, 365.0, "a number of days");
    r.outcomes("d2a", d.outcome_home, d.outcome_care_home, d.outcome_death);

    let k = &p.costs;
    r.between("costs.discount_rate", k.discount_rate, 0.0, 0.5, "an annual rate");
    r.cost("costs.ae_attendance", &k.ae_attendance);
    r.cost("costs.acute_bed_day", &k.acute_bed_day);
    r.cost("costs.d2a_bed_week", &k.d2a_bed_week);
    r.cost("costs.residential_week", &k.residential_week);
    r.cost("costs.nursing_week", &k.nursing_week);
    r.cost("costs.home_support_week", &k.home_support_week);

    for (i, team) in p.teams.iter().enumerate() {
        r.team(&format!("teams[{i}]"), team);
    }
    if let Some(d) = &p.d2a_scheme {
        r.d2a_scheme(d);
    }
    if let Some(c) = &p.crisis_response {
        r.uncertain("crisis_response.share_manageable", &c.share_manageable, 0.0, 1.0, "a share");
        r.between("crisis_response.episode_days", c.episode_days, 0.01, 365.0, "a number of days");
        r.cost("crisis_response.episode_cost", &c.episode_cost);
        r.cost("crisis_response.yearly_cost", &c.yearly_cost);
    }
    if let Some(g) = &p.gp_in_ae {
        r.probability("gp_in_ae.hours_covered_share", g.hours_covered_share);
        r.uncertain("gp_in_ae.diverted_share", &g.diverted_share, 0.0, 1.0, "a share");
        r.cost("gp_in_ae.yearly_cost", &g.yearly_cost);
    }

    r.problems
}
