//! Case finding: the team units of every team, their risk registers and referral lists, and
//! how a review chooses whom to discuss. A team unit works in some practices, holds at most
//! `capacity` people at once, and at each review discusses referrals first and then the
//! highest-risk eligible people on its register.

use std::collections::VecDeque;

use super::FixedCost;
use super::profiles::{Profile, ProfileBook};
use crate::model::params::{Params, Scope, Team};

/// Days a team's risk register stays in use before it is drawn up again, as risk
/// stratification tools are usually re-run monthly.
pub const REGISTER_REFRESH_DAYS: f64 = 30.0;

/// One team working in one practice, one cluster, or the whole area.
#[derive(Debug, Clone)]
pub struct TeamUnit {
    /// Index into `Params::teams`.
    pub team: usize,
    pub practices: Vec<u32>,
    pub capacity: u32,
    pub enrolled: u32,
    /// People referred after a hospital stay, in order of referral.
    pub referrals: VecDeque<u32>,
    /// The risk register: highest-risk eligible people when it was drawn up, best last.
    pub register: Vec<u32>,
    pub register_drawn_at: f64,
}

impl TeamUnit {
    /// Up to `k` people to discuss now: referrals first, then the risk register (drawn up
    /// again when it is a month old or used up). Everyone chosen is eligible now.
    pub fn next_cases(&mut self, team: &Team, profiles: &ProfileBook, now: f64, k: usize) -> Vec<u32> {
        let mut chosen: Vec<u32> = Vec::new();
        while chosen.len() < k {
            let Some(id) = self.referrals.pop_front() else { break };
            let p = profiles.get(id);
            if p.referred && eligible(p, team, now) && !chosen.contains(&id) {
                chosen.push(id);
            }
        }
        let mut redrawn = false;
        while chosen.len() < k {
            if self.register.is_empty() || now - self.register_drawn_at >= REGISTER_REFRESH_DAYS {
                if redrawn {
                    break;
                }
                let size = k.max(register_size(team));
                self.register = candidates(self, team, profiles, now, size);
                self.register.reverse();
                self.register_drawn_at = now;
                redrawn = true;
                continue;
            }
            let id = self.register.pop().expect("the register is not empty");
            if eligible(profiles.get(id), team, now) && !chosen.contains(&id) {
                chosen.push(id);
            }
        }
        chosen
    }
}

/// Enough names for a month of reviews, with room for some who are no longer eligible.
fn register_size(team: &Team) -> usize {
    let reviews_a_month = (REGISTER_REFRESH_DAYS / team.finding.review_interval_days).ceil().max(1.0);
    (2.0 * reviews_a_month * f64::from(team.finding.cases_per_review)) as usize
}

/// How many people a team unit can hold at once.
pub fn capacity(team: &Team) -> u32 {
    team.staff.iter().map(|s| s.fte * s.caseload_per_fte).sum::<f64>().floor() as u32
}

/// Yearly staff cost of one team unit, by payer.
pub fn yearly_staff_cost(team: &Team) -> Vec<FixedCost> {
    team.staff
        .iter()
        .map(|s| FixedCost {
            payer: s.cost_per_fte.payer,
            gbp_per_year: s.fte * s.cost_per_fte.gbp,
            from: team.starts_at,
        })
        .collect()
}

/// The team units of every team in the scenario. `coverage` of the practices (or clusters)
/// have a unit: the first ones in practice order.
pub fn build_units(params: &Params) -> Vec<TeamUnit> {
    let practices = params.area.practices;
    let per_cluster = params.area.practices_per_cluster;
    let clusters = practices.div_ceil(per_cluster);
    let mut units = Vec::new();
    for (index, team) in params.teams.iter().enumerate() {
        let groups: Vec<Vec<u32>> = match team.scope {
            Scope::Practice => (0..practices).map(|p| vec![p]).collect(),
            Scope::Cluster => (0..clusters)
                .map(|c| (c * per_cluster..((c + 1) * per_cluster).min(practices)).collect())
                .collect(),
            Scope::Area => vec![(0..practices).collect()],
        };
        let covered = (team.coverage * groups.len() as f64).round() as usize;
        for practices in groups.into_iter().take(covered) {
            units.push(TeamUnit {
                team: index,
                practices,
                capacity: capacity(team),
                enrolled: 0,
                referrals: VecDeque::new(),
                register: Vec::new(),
                register_drawn_at: f64::NEG_INFINITY,
            });
        }
    }
    units
}

/// Age in whole years at `now`.
fn age_at(person: &Profile, now: f64) -> u32 {
    ((now - person.born) / crate::model::DAYS_PER_YEAR).floor().max(0.0) as u32
}

/// Whether a team would consider this person now.
fn eligible(person: &Profile, team: &Team, now: f64) -> bool {
    let f = &team.finding;
    person.at_home
        && !person.enrolled
        && person.declined_until <= now
        && ((f.refer_after_admission && person.referred)
            || (age_at(person, now) >= f.min_age
                && u32::from(person.ltc) >= f.min_ltc
                && u32::from(person.frailty) >= f.min_frailty))
}

/// The team's risk score; referred people come first.
pub fn risk_score(person: &Profile, team: &Team, now: f64) -> f64 {
    let w = &team.finding.risk_weights;
    let recent = now - person.last_admission <= 365.0;
    let referred = team.finding.refer_after_admission && person.referred;
    let score = w.age * f64::from(age_at(person, now).saturating_sub(65))
        + w.ltc * f64::from(person.ltc)
        + w.frailty * f64::from(person.frailty)
        + if person.lives_alone { w.living_alone } else { 0.0 }
        + if recent { w.recent_admission } else { 0.0 };
    if referred { score + 1.0e9 } else { score }
}

/// Up to `k` people to discuss at a review: the highest scores first, ties to the lower id.
pub fn candidates(unit: &TeamUnit, team: &Team, profiles: &ProfileBook, now: f64, k: usize) -> Vec<u32> {
    if k == 0 {
        return Vec::new();
    }
    let mut scored: Vec<(f64, u32)> = unit
        .practices
        .iter()
        .flat_map(|&p| profiles.practice(p).iter())
        .filter(|(_, profile)| eligible(profile, team, now))
        .map(|(id, profile)| (risk_score(profile, team, now), *id))
        .collect();
    let order = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > k {
        scored.select_nth_unstable_by(k - 1, order);
        scored.truncate(k);
    }
    scored.sort_unstable_by(order);
    scored.into_iter().map(|(_, id)| id).collect()
}
