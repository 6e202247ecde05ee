//! The synthetic population: who lives in the area at the start, who turns 65 each year, and
//! the rates at which people become frailer, less frail and gain long-term conditions.

use super::DAYS_PER_YEAR;
use super::clocks::Clocks;
use super::funding::Funding;
use super::params::{ByPathway, Params, Progression};
use super::person::{EpisodeDraws, PROGRESSIONS, Pathway, Person, Place, RISKS};
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

/// The pathway of a person whose usual pathway is `usual` when an intervention changes the
/// shares from `before` to `after`: each keeps their usual pathway with the largest chance the
/// new shares allow (after / before), and those who leave go to the pathways that gained, in
/// proportion to the gain (a maximal coupling: the new shares hold, and as few people as
/// possible change). `u` is the person's own draw for it.
pub fn moved_pathway(usual: usize, before: &ByPathway, after: &ByPathway, u: f64) -> usize {
    if before == after {
        return usual;
    }
    let stay = if before[usual] > 0.0 { (after[usual] / before[usual]).min(1.0) } else { 1.0 };
    if u < stay {
        return usual;
    }
    let gains: Vec<f64> = before.iter().zip(after).map(|(b, a)| (a - b).max(0.0)).collect();
    let total: f64 = gains.iter().sum();
    if total <= 0.0 {
        return usual;
    }
    let shares: Vec<f64> = gains.iter().map(|g| g / total).collect();
    // Given that the person leaves, (u - stay) / (1 - stay) is a fresh uniform draw.
    pick((u - stay) / (1.0 - stay), &shares)
}

/// People aged 65+ at the start.
pub fn initial_size(params: &Params) -> u32 {
    (f64::from(params.area.registered_population) * params.area.share_aged_65_plus).round() as u32
}

/// People turning 65 each year.
pub fn yearly_entrants(params: &Params) -> u32 {
    (f64::from(initial_size(params)) * params.area.new_65_year_olds_per_year_share).round() as u32
}

/// A new person drawn at time `now` from the population's make-up. `entrant` people turn 65 now
/// and live at home; others take an age band, an age spread evenly over its years, and may
/// start in a care home. Draws come from the person's own attribute stream, so the population
/// is the same in every scenario.
pub fn draw_person(params: &Params, stream: &mut Stream, entrant: bool, now: f64) -> Person {
    let pop = &params.population;
    let band = if entrant { 0 } else { pick(stream.uniform(), &pop.age_band_shares) };
    let (low, high) = match band {
        0 => (65, 74),
        1 => (75, 84),
        _ => (85, pop.oldest_age.max(85)),
    };
    let age_draw = stream.uniform();
    // Years since the 65th, 75th or 85th birthday, up to (not including) the band's end.
    let years_in_band = if entrant { 0.0 } else { age_draw * f64::from(high - low + 1) };
    let age_years = f64::from(low) + years_in_band.min(f64::from(high - low + 1) - 1e-9);
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
        born: now - age_years * DAYS_PER_YEAR,
        band: band as u8,
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
        care_home_admitted: false,
        waiting_for: None,
        needs_care_home: None,
        admitted_at: 0.0,
        ready_at: 0.0,
        pathway: Pathway::Home,
        risks: Clocks::new([0.0; RISKS], now),
        progression: Clocks::new([0.0; PROGRESSIONS], now),
        episode: EpisodeDraws::default(),
        episodes: 0,
        came_back: false,
        raised_from: f64::NEG_INFINITY,
        short_term: Service::D2a,
        last_admission: f64::NEG_INFINITY,
        index_admission: f64::NEG_INFINITY,
        discharged_at: f64::NEG_INFINITY,
        discharges: 0,
        unobserved_frailty: unobserved_frailty(params.hazards.unobserved_frailty_variance, age_years, stream),
        // Drawn after everything else, so the other attributes are as they were.
        wealth: stream.uniform(),
        health_need: stream.uniform(),
        funding: Funding::Council,
        home_support_since: None,
        home_support_starts: 0,
        long_term_care_since: None,
        long_term_care_due: false,
        scheme_admitted_at: f64::NEG_INFINITY,
    }
}

/// All-cause mortality a year at 65, and how much it rises with each year of age (ONS national
/// life tables 2020-22 via the evidence table: 1.5% at 65-69, 2.4% at 70-74, 4.3% at 75-79).
const MORTALITY_AT_65: f64 = 0.012;
const MORTALITY_RISE_PER_YEAR: f64 = 0.095;

/// The cumulative all-cause death hazard from 65 to `age`: how strongly survivors to that age
/// have been selected for low unobserved frailty.
fn cumulative_hazard_since_65(age: f64) -> f64 {
    MORTALITY_AT_65 / MORTALITY_RISE_PER_YEAR
        * ((MORTALITY_RISE_PER_YEAR * (age - 65.0).max(0.0)).exp() - 1.0)
}

/// The mean unobserved frailty of people aged `age`: 1 at 65, lower later because those with
/// more of it die sooner (a gamma frailty with variance `v` among survivors of cumulative hazard
/// H has mean 1 / (1 + v H), Vaupel et al. 1979).
fn mean_unobserved_frailty(variance: f64, age: f64) -> f64 {
    1.0 / (1.0 + variance * cumulative_hazard_since_65(age))
}

/// The mean unobserved frailty of each age band at the start, for the rates that it multiplies
/// to keep each band's average at its published figure.
pub fn mean_unobserved_frailty_by_band(params: &Params) -> [f64; 3] {
    let variance = params.hazards.unobserved_frailty_variance;
    let oldest = f64::from(params.population.oldest_age.max(85)) + 1.0;
    [(65.0, 75.0), (75.0, 85.0), (85.0, oldest)].map(|(low, high)| {
        // Ages are spread evenly within a band: the mean of the band's people, by the midpoint rule.
        let steps = 100;
        let width = (high - low) / f64::from(steps);
        (0..steps).map(|i| mean_unobserved_frailty(variance, low + (f64::from(i) + 0.5) * width)).sum::<f64>()
            / f64::from(steps)
    })
}

/// A person's unobserved frailty: gamma-distributed with variance `variance` at 65, and among
/// people already older the distribution of the survivors (same shape, mean as above). 1 when
/// the variance is 0. Drawn last from the person's attribute stream so the other attributes do
/// not depend on it.
fn unobserved_frailty(variance: f64, age: f64, stream: &mut Stream) -> f64 {
    if variance <= 0.0 {
        return 1.0;
    }
    let scale = variance * mean_unobserved_frailty(variance, age);
    stream.gamma(1.0 / variance, scale)
}

/// The person's rates per day of becoming frailer, less frail, and gaining a long-term
/// condition, from the yearly hazards of [`Progression`]. These run wherever the person is.
pub fn progression_rates(p: &Progression, person: &Person) -> [f64; 3] {
    let per_day = |per_year: f64| per_year / DAYS_PER_YEAR;
    let band = person.band();
    let frailer = match person.frailty {
        0 => p.fit_to_mild_per_year[band],
        1 => p.mild_to_moderate_per_year[band],
        2 => p.moderate_to_severe_per_year[band],
        _ => 0.0,
    };
    let less_frail = if person.frailty == 1 { p.mild_to_fit_per_year[band] } else { 0.0 };
    let new_ltc = if person.ltc < 4 { p.new_ltc_per_year } else { 0.0 };
    [per_day(frailer), per_day(less_frail), per_day(new_ltc)]
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

    #[test]
    fn a_smaller_care_home_share_moves_only_care_home_discharges_to_where_the_share_went() {
        let before = [0.5, 0.2, 0.2, 0.1];
        let after = [0.5, 0.25, 0.2, 0.05];
        let n = 100_000;
        let mut counts = [[0usize; 4]; 4];
        for k in 0..n {
            let u = (k as f64 + 0.5) / n as f64;
            for usual in 0..4 {
                counts[usual][moved_pathway(usual, &before, &after, u)] += 1;
            }
        }
        // Nobody leaves P0-P2; half of P3 moves, all of them to P1.
        for (usual, row) in counts.iter().enumerate().take(3) {
            assert_eq!(row[usual], n);
        }
        assert_eq!(counts[3][3], n / 2);
        assert_eq!(counts[3][1], n / 2);
        assert_eq!(moved_pathway(2, &before, &before, 0.99), 2);
    }
}
