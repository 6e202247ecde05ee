//! The synthetic population: who lives in the area at the start, who turns 65 each year, and
//! how people age, become frailer and gain long-term conditions.

use super::params::{Params, Progression};
use super::person::{EpisodeDraws, Pathway, Person, Place};
use super::services::Service;
use crate::engine::Stream;

/// Index of the category that uniform draw `u` falls in, for shares summing to 1.
pub fn pick(u: f64, shares: &[f64]) -> usize {
    let mut cumulative = 0.0;
    for (i, share) in shares.iter().enumerate() {
        cumulative += share;
        if u < cumulative {
            return i;
        }
    }
    // Rounding can leave the shares a hair under 1: the last category with a share takes it.
    shares.iter().rposition(|&s| s > 0.0).unwrap_or(0)
}

/// People aged 65+ at the start.
pub fn initial_size(params: &Params) -> u32 {
    (f64::from(params.area.registered_population) * params.area.share_aged_65_plus).round() as u32
}

/// People turning 65 each year.
pub fn yearly_entrants(params: &Params) -> u32 {
    (f64::from(initial_size(params)) * params.area.new_65_year_olds_per_year_share).round() as u32
}

/// A new person drawn from the population's make-up. `entrant` people are 65 and live at home;
/// others take an age band and may start in a care home. Draws come from the person's own
/// attribute stream, so the population is the same in every scenario.
pub fn draw_person(params: &Params, stream: &mut Stream, entrant: bool) -> Person {
    let pop = &params.population;
    let band = if entrant { 0 } else { pick(stream.uniform(), &pop.age_band_shares) };
    let (low, high) = match band {
        0 => (65, 74),
        1 => (75, 84),
        _ => (85, pop.oldest_age.max(85)),
    };
    let age_draw = stream.uniform();
    let age =
        if entrant { 65 } else { low + ((age_draw * f64::from(high - low + 1)) as u32).min(high - low) };
    let female = stream.uniform() < pop.female_share;
    let frailty_shares = if entrant { pop.frailty_shares.at_65 } else { pop.frailty_shares.by_band()[band] };
    let frailty = pick(stream.uniform(), &frailty_shares) as u8;
    let ltc = pick(stream.uniform(), &pop.ltc_shares.by_band()[band]) as u8;
    let lives_alone = stream.uniform() < pop.living_alone_share[band];
    let practice =
        ((stream.uniform() * f64::from(params.area.practices)) as u32).min(params.area.practices - 1);
    let in_care_home = stream.uniform() < pop.in_care_home_share[band];
    let nursing = stream.uniform() < params.care_home.nursing_share_by_frailty[usize::from(frailty)];
    let care_home =
        (!entrant && in_care_home).then_some(if nursing { Service::Nursing } else { Service::Residential });
    Person {
        age: age.min(u32::from(u8::MAX)) as u8,
        female,
        ltc,
        frailty,
        lives_alone,
        practice: practice as u16,
        cluster: (practice / params.area.practices_per_cluster) as u16,
        place: Place::Home,
        since: 0.0,
        care_home,
        care_home_since: 0.0,
        waiting_for: None,
        needs_care_home: None,
        admitted_at: 0.0,
        ready_at: 0.0,
        pathway: Pathway::Home,
        clock_budget: [0.0; 3],
        clock_rate: [0.0; 3],
        clocks_at: 0.0,
        next_clock: 0,
        episode: EpisodeDraws::default(),
        short_term: Service::D2a,
        last_admission: f64::NEG_INFINITY,
    }
}

/// Yearly transition probabilities, from the yearly hazards of [`Progression`]
/// (the chance of at least one event in a year, 1 - e^-rate).
#[derive(Debug, Clone, Copy)]
pub struct YearlyChances {
    fit_to_mild: [f64; 3],
    mild_to_moderate: f64,
    moderate_to_severe: f64,
    mild_to_fit: f64,
    new_ltc: f64,
}

impl YearlyChances {
    pub fn new(p: &Progression) -> Self {
        let chance = |rate: f64| 1.0 - (-rate).exp();
        Self {
            fit_to_mild: p.fit_to_mild_per_year.map(chance),
            mild_to_moderate: chance(p.mild_to_moderate_per_year),
            moderate_to_severe: chance(p.moderate_to_severe_per_year),
            mild_to_fit: chance(p.mild_to_fit_per_year),
            new_ltc: chance(p.new_ltc_per_year),
        }
    }
}

/// One year older: frailty may progress (or improve from mild), a new LTC may appear.
/// Draws the same three numbers whatever happens, so streams stay aligned across scenarios.
pub fn age_one_year(person: &mut Person, chances: &YearlyChances, stream: &mut Stream) {
    let (worsen, improve, new_ltc) = (stream.uniform(), stream.uniform(), stream.uniform());
    let worsen_chance = match person.frailty {
        0 => chances.fit_to_mild[person.band()],
        1 => chances.mild_to_moderate,
        2 => chances.moderate_to_severe,
        _ => 0.0,
    };
    person.age = person.age.saturating_add(1);
    if worsen < worsen_chance {
        person.frailty += 1;
    } else if person.frailty == 1 && improve < chances.mild_to_fit {
        person.frailty = 0;
    }
    if new_ltc < chances.new_ltc && person.ltc < 4 {
        person.ltc += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_follows_cumulative_shares() {
        let shares = [0.2, 0.0, 0.5, 0.3];
        assert_eq!(pick(0.0, &shares), 0);
        assert_eq!(pick(0.1999, &shares), 0);
        assert_eq!(pick(0.2, &shares), 2);
        assert_eq!(pick(0.6999, &shares), 2);
        assert_eq!(pick(0.7, &shares), 3);
        assert_eq!(pick(0.999_999, &[0.5, 0.499_999_9, 0.0]), 1);
    }
}
