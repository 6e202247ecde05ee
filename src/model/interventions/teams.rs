//! Case-finding teams as an intervention: one mechanism for PICTs, MDGs, extensivist teams,
//! social workers and local area coordinators. Units review their practices at intervals
//! ([`super::case_finding`]), enrol those who consent while they have places, and change the
//! risks, A&E admission, length of stay and discharge pathway of the people they hold.

use super::case_finding::{self, TeamUnit};
use super::profiles::{Profile, ProfileBook};
use super::{Ctx, FixedCost, Intervention, OwnEvent};
use crate::engine::{Stream, StreamKey};
use crate::model::metrics::{Figures, Tally};
use crate::model::params::{ByPathway, Effects, Params, Team};
use crate::model::person::{CLOCK_CARE_HOME, CLOCK_CRISIS, Pathway, Person, RISKS, purpose};

/// Own events: a unit's review meeting (`a` = unit), the end of an enrolment (`a` = person,
/// `b` = the enrolment's sequence number, so an enrolment already ended is recognised).
const REVIEW: u8 = 0;
const ENROLMENT_END: u8 = 1;

/// Whether a team changes its people's risks at home (else enrolling them leaves their clocks,
/// and so every later event, exactly as they were).
fn changes_rates(e: &Effects) -> bool {
    e.crisis_rate != 1.0 || e.care_home_entry != 1.0
}

/// A person's standing with the teams.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Membership {
    /// The team unit the person is enrolled with, and since when.
    pub enrolled_with: Option<u32>,
    pub enrolled_since: f64,
    /// Increases with each enrolment, so a stale end-of-enrolment event can be recognised.
    pub enrolment_seq: u32,
    /// Not asked again by a team before this time after declining.
    pub declined_until: f64,
    /// Referred to a team after a hospital stay, not yet discussed.
    pub referred: bool,
}

impl Default for Membership {
    fn default() -> Self {
        Self {
            enrolled_with: None,
            enrolled_since: 0.0,
            enrolment_seq: 0,
            declined_until: f64::NEG_INFINITY,
            referred: false,
        }
    }
}

/// Every team of the scenario, with their units and the people they know.
pub struct Teams {
    teams: Vec<Team>,
    units: Vec<TeamUnit>,
    profiles: ProfileBook,
    members: Vec<Membership>,
    /// Each person's stream for consent draws.
    streams: Vec<Stream>,
    seed: u64,
    replication: u32,
}

impl Teams {
    pub fn new(params: &Params, seed: u64, replication: u32) -> Self {
        Self {
            teams: params.teams.clone(),
            units: case_finding::build_units(params),
            profiles: ProfileBook::new(params.area.practices as usize),
            members: Vec::new(),
            streams: Vec::new(),
            seed,
            replication,
        }
    }

    /// The effects of the team the person is enrolled with, if any.
    fn effects_for(&self, id: u32) -> Option<&Effects> {
        let unit = self.members[id as usize].enrolled_with?;
        Some(&self.teams[self.units[unit as usize].team].effects)
    }

    /// Copy the person's membership into their stored profile.
    fn sync_membership(&mut self, id: u32) {
        let m = &self.members[id as usize];
        let mut profile = *self.profiles.get(id);
        profile.enrolled = m.enrolled_with.is_some();
        profile.referred = m.referred;
        profile.declined_until = m.declined_until;
        self.profiles.set(id, profile);
    }

    /// A team meeting: discuss the highest-risk eligible people, enrol those who consent.
    fn review(&mut self, ctx: &mut Ctx, unit: u32) {
        let now = ctx.now;
        let u = &mut self.units[unit as usize];
        let team = &self.teams[u.team];
        let free = u.capacity.saturating_sub(u.enrolled);
        let k = free.min(team.finding.cases_per_review) as usize;
        let chosen = u.next_cases(team, &self.profiles, now, k);
        let (consent, enrolment_days) = (team.finding.consent, team.enrolment_days);
        let next = now + team.finding.review_interval_days;
        for id in chosen {
            let consents = self.streams[id as usize].uniform() < consent;
            let m = &mut self.members[id as usize];
            m.referred = false;
            if consents {
                self.enrol(ctx, id, unit);
            } else {
                m.declined_until = now + enrolment_days;
            }
            self.sync_membership(id);
        }
        if next < ctx.ledger.horizon() {
            ctx.schedule(next, OwnEvent { kind: REVIEW, a: unit, b: 0 });
        }
    }

    fn enrol(&mut self, ctx: &mut Ctx, id: u32, unit: u32) {
        let now = ctx.now;
        ctx.ledger.count(id, now, Tally::TeamEnrolments);
        let u = &mut self.units[unit as usize];
        ctx.served(u.team as u16, id);
        u.enrolled += 1;
        let days = self.teams[u.team].enrolment_days;
        let m = &mut self.members[id as usize];
        m.enrolled_with = Some(unit);
        m.enrolled_since = now;
        m.enrolment_seq += 1;
        let seq = m.enrolment_seq;
        ctx.schedule(now + days, OwnEvent { kind: ENROLMENT_END, a: id, b: seq });
        if changes_rates(&self.teams[u.team].effects) {
            ctx.rates_changed(id);
        }
    }

    /// End the person's enrolment, if any (its time is up, or they died or moved to a care home).
    fn end_enrolment(&mut self, ctx: &mut Ctx, id: u32) {
        let m = &mut self.members[id as usize];
        let Some(unit) = m.enrolled_with.take() else {
            return;
        };
        m.enrolment_seq += 1;
        let since = m.enrolled_since;
        self.sync_membership(id);
        let u = &mut self.units[unit as usize];
        u.enrolled -= 1;
        ctx.ledger.accrue_days(id, since, ctx.now, &[Tally::TeamEnrolledDays]);
        if changes_rates(&self.teams[u.team].effects) {
            ctx.rates_changed(id);
        }
    }
}

impl Intervention for Teams {
    /// Each team's cohort is the people it enrolled, named after its scenario section.
    fn cohorts(&self) -> Vec<String> {
        self.teams.iter().map(|t| format!("teams.{}", t.name)).collect()
    }

    /// Each unit's first review is on the day its team starts.
    fn start(&mut self, ctx: &mut Ctx) {
        for (unit, u) in self.units.iter().enumerate() {
            ctx.schedule(self.teams[u.team].starts_at, OwnEvent { kind: REVIEW, a: unit as u32, b: 0 });
        }
    }

    /// The first team's start: the others are asked only from theirs (reviews, referrals).
    fn starts_at(&self) -> f64 {
        self.teams.iter().map(|t| t.starts_at).fold(f64::INFINITY, f64::min)
    }

    fn person_added(&mut self, id: u32, person: &Person) {
        let key =
            StreamKey { seed: self.seed, replication: self.replication, entity: id, purpose: purpose::TEAM };
        self.streams.push(Stream::new(key));
        self.members.push(Membership::default());
        self.profiles.add(id, u32::from(person.practice), Profile::of(person, &Membership::default()));
    }

    fn person_changed(&mut self, id: u32, person: &Person) {
        self.profiles.set(id, Profile::of(person, &self.members[id as usize]));
    }

    fn home_rates(&self, id: u32, rates: &mut [f64; RISKS]) {
        if let Some(e) = self.effects_for(id) {
            rates[CLOCK_CRISIS] *= e.crisis_rate;
            // A lower rate is had by keeping people from a care home one by one (see
            // `keeps_from_care_home`), so that who was kept is known; a higher one is a rate.
            rates[CLOCK_CARE_HOME] *= e.care_home_entry.max(1.0);
        }
    }

    /// Of the enrolled who would ask for a care-home place, the team keeps 1 - `care_home_entry`
    /// at home: thinning the entries, which is the lower rate, person by person.
    fn keeps_from_care_home(&mut self, id: u32) -> bool {
        let Some(keep_share) = self.effects_for(id).map(|e| 1.0 - e.care_home_entry.min(1.0)) else {
            return false;
        };
        keep_share > 0.0 && self.streams[id as usize].uniform() < keep_share
    }

    fn admission_probability(&self, id: u32, probability: f64) -> f64 {
        self.effects_for(id).map_or(probability, |e| probability * e.admission_given_ae)
    }

    fn length_of_stay(&self, id: u32, mean_days: f64) -> f64 {
        self.effects_for(id).map_or(mean_days, |e| mean_days * e.length_of_stay)
    }

    /// The effect on care-home discharges moves that share to home with support.
    fn discharge_shares(&self, id: u32, shares: &mut ByPathway) {
        if let Some(e) = self.effects_for(id) {
            let (p1, p3) = (Pathway::P1, Pathway::P3);
            let to_care_home = (shares[p3] * e.discharge_to_care_home).min(shares[p3] + shares[p1]);
            shares[p1] += shares[p3] - to_care_home;
            shares[p3] = to_care_home;
        }
    }

    /// Home from hospital: referred to the units in their practice that take referrals, of
    /// the teams that have started.
    fn discharged_home(&mut self, ctx: &mut Ctx, id: u32, person: &Person) {
        self.members[id as usize].referred = true;
        self.sync_membership(id);
        let practice = u32::from(person.practice);
        for unit in &mut self.units {
            let team = &self.teams[unit.team];
            if team.finding.refer_after_admission
                && team.starts_at <= ctx.now
                && unit.practices.contains(&practice)
            {
                unit.referrals.push_back(id);
            }
        }
    }

    fn left_community(&mut self, ctx: &mut Ctx, id: u32, _person: &Person) {
        self.end_enrolment(ctx, id);
    }

    fn on_event(&mut self, ctx: &mut Ctx, event: OwnEvent) {
        match event.kind {
            REVIEW => self.review(ctx, event.a),
            ENROLMENT_END => {
                if self.members[event.a as usize].enrolment_seq == event.b {
                    self.end_enrolment(ctx, event.a);
                }
            }
            _ => unreachable!("teams have two kinds of event"),
        }
    }

    fn fixed_yearly_costs(&self, costs: &mut Vec<FixedCost>) {
        for unit in &self.units {
            costs.extend(case_finding::yearly_staff_cost(&self.teams[unit.team]));
        }
    }

    fn finish(&mut self, ctx: &mut Ctx, people: &[Person]) {
        let horizon = ctx.ledger.horizon();
        for (id, (person, m)) in people.iter().zip(&self.members).enumerate() {
            if person.is_alive() && m.enrolled_with.is_some() {
                ctx.ledger.accrue_days(id as u32, m.enrolled_since, horizon, &[Tally::TeamEnrolledDays]);
            }
        }
    }

    fn people_held(&self) -> u32 {
        self.units.iter().map(|u| u.enrolled).sum()
    }

    fn figures(&self, figures: &mut Figures) {
        figures.team_places += self.units.iter().map(|u| f64::from(u.capacity)).sum::<f64>();
    }

    /// Units hold exactly the people enrolled with them, and no more than their capacity;
    /// every profile matches its person.
    fn check(&self, people: &[Person]) -> Result<(), String> {
        let mut enrolled = vec![0u32; self.units.len()];
        for m in &self.members {
            if let Some(unit) = m.enrolled_with {
                enrolled[unit as usize] += 1;
            }
        }
        for (unit, (team, &holders)) in self.units.iter().zip(&enrolled).enumerate() {
            if team.enrolled != holders || holders > team.capacity {
                return Err(format!(
                    "team unit {unit} counts {} enrolled, {holders} people are, capacity {}",
                    team.enrolled, team.capacity
                ));
            }
        }
        if let Some(id) = (0..self.profiles.len())
            .find(|&i| *self.profiles.get(i as u32) != Profile::of(&people[i], &self.members[i]))
        {
            return Err(format!("person {id}'s case-finding profile is out of date"));
        }
        Ok(())
    }
}
