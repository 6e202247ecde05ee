//! The care pathway: a clock firing at home, a crisis, A&E, an acute stay, the discharge
//! pathway and the places after it. Interventions are asked at the points where they act
//! (see [`super::hooks`]).

use super::{AFTER_DISCHARGE_FIRST_DAYS, Event, World};
use crate::model::DAYS_PER_YEAR;
use crate::model::budget::BudgetLine;
use crate::model::history::Cause;
use crate::model::interventions::{IfAdmitted, KeptOut};
use crate::model::metrics::Tally;
use crate::model::person::{EpisodeDraws, Pathway, Place};
use crate::model::population::{moved_pathway, pick};
use crate::model::services::Service;

/// A lognormal value with the given mean and coefficient of variation, from standard normal `z`.
fn lognormal(mean: f64, cv: f64, z: f64) -> f64 {
    let sigma2 = (1.0 + cv * cv).ln();
    (mean.ln() - sigma2 / 2.0 + sigma2.sqrt() * z).exp()
}

impl World<'_> {
    /// Residential or nursing, for draw `u`.
    pub(super) fn care_home_service(&self, id: u32, u: f64) -> Service {
        let frailty = usize::from(self.person(id).frailty);
        if u < self.params.care_home.nursing_share_by_frailty[frailty] {
            Service::Nursing
        } else {
            Service::Residential
        }
    }

    pub(super) fn crisis(&mut self, id: u32) {
        let episode = EpisodeDraws::draw(&mut self.streams[id as usize].episode);
        let p = self.person_mut(id);
        p.episode = episode;
        p.episodes += 1;
        p.came_back = false;
        if self.person(id).place == Place::Home
            && let Some((index, kept)) = self.kept_at_home(id, self.if_admitted(id))
        {
            self.comes_back_later(id, index, kept);
            if self.admits(id) {
                self.raise_risks(id);
            }
            // Still at home: the crisis clock has a new budget and must be rescheduled.
            self.refresh_clocks(id);
            return;
        }
        self.go_to_ae(id);
    }

    /// To A&E with the current crisis.
    fn go_to_ae(&mut self, id: u32) {
        // Someone waiting at home for a care-home bed leaves the line on going to hospital,
        // keeping the need.
        if let Some(service) = self.leave_line(id) {
            self.person_mut(id).needs_care_home = Some(service);
        }
        let cause = if self.person(id).came_back { Cause::CameBack } else { Cause::Crisis };
        self.move_to(id, Place::Ae, cause);
        let now = self.now();
        self.ledger.count(id, now, Tally::AeAttendances);
        self.ledger.charge_once(id, now, &self.params.costs.ae_attendance, BudgetLine::AeAttendances);
        let hours = self.params.ae.mean_hours * self.person(id).episode.ae_hours;
        self.queue.schedule_in(hours / 24.0, Event::AeDone { person: id });
    }

    /// Intervention `index` kept the crisis out of hospital: schedule its coming back, if it does.
    fn comes_back_later(&mut self, id: u32, index: usize, kept: KeptOut) {
        if let Some(days) = kept.comes_back_after_days {
            let stamp = self.person(id).episodes;
            self.queue.schedule_in(days, Event::ComesBack { person: id, stamp, by: index as u8 });
        }
    }

    /// A crisis kept out of hospital comes back: if the person is still at home in the same
    /// episode (not dead, moved or in a new crisis), to A&E, where it takes its usual course.
    pub(super) fn comes_back(&mut self, id: u32, stamp: u32, by: u8) {
        let p = self.person(id);
        if p.place != Place::Home || p.episodes != stamp {
            return;
        }
        self.person_mut(id).came_back = true;
        self.came_back(usize::from(by), id);
        self.go_to_ae(id);
    }

    /// The clinical length of the acute stay the person's current episode has if admitted now.
    fn clinical_stay_days(&self, id: u32) -> f64 {
        let p = self.person(id);
        let acute = &self.params.acute;
        let mean = self.length_of_stay(id, acute.los_mean_days_by_frailty[usize::from(p.frailty)]);
        lognormal(mean, acute.los_coefficient_of_variation, p.episode.los)
    }

    /// The acute stay the person's current episode has if admitted now: how long it would be
    /// clinically, and whether it would end in death (as `clinically_ready` decides).
    fn if_admitted(&self, id: u32) -> IfAdmitted {
        let p = self.person(id);
        let dies = p.episode.death < self.params.acute.death_probability_by_frailty[usize::from(p.frailty)];
        IfAdmitted { clinical_stay_days: self.clinical_stay_days(id), dies }
    }

    /// Whether A&E admits the person in their current crisis: its acuity is above the line.
    fn admits(&self, id: u32) -> bool {
        let p = self.person(id);
        let admit_probability = if p.care_home.is_some() {
            self.params.care_home.admission_probability
        } else {
            let usual = self.params.ae.admission_probability_by_frailty[usize::from(p.frailty)];
            self.admission_probability(id, usual).min(1.0)
        };
        p.episode.admit < admit_probability
    }

    pub(super) fn ae_done(&mut self, id: u32) {
        let admit = self.admits(id);
        let p = self.person(id);
        // A crisis that came back takes its usual course.
        let kept_out = if admit && !p.came_back {
            let stay = self.if_admitted(id);
            self.diverted(id, stay)
        } else {
            None
        };
        let diverted = kept_out.is_some();
        let now = self.now();
        if let Some((index, kept)) = kept_out {
            self.comes_back_later(id, index, kept);
            self.raise_risks(id);
        }
        if admit && !diverted {
            self.end_home_support(id);
            self.ledger.count(id, now, Tally::EmergencyAdmissions);
            self.move_to(id, Place::Trolley, Cause::Admitted);
            self.request(Service::Acute, id);
        } else {
            self.go_home_or_care_home(id);
        }
    }

    /// Back from A&E without admission: to the care home, or home (rejoining the line for a
    /// care-home bed if they were in it).
    fn go_home_or_care_home(&mut self, id: u32) {
        if self.person(id).care_home.is_some() {
            self.move_to(id, Place::CareHome, Cause::NotAdmitted);
            return;
        }
        self.move_to(id, Place::Home, Cause::NotAdmitted);
        if let Some(service) = self.person_mut(id).needs_care_home.take() {
            self.request(service, id);
        }
    }

    pub(super) fn start_acute(&mut self, id: u32) {
        let now = self.now();
        self.move_to(id, Place::Acute, Cause::BedGiven);
        self.ledger.count(id, now, Tally::AcuteBedEntries);
        let p = self.person_mut(id);
        let readmission = now - p.discharged_at <= AFTER_DISCHARGE_FIRST_DAYS;
        let index = now - p.last_admission > DAYS_PER_YEAR;
        if index {
            p.index_admission = now;
        }
        if readmission {
            self.ledger.count(id, now, Tally::Readmissions30d);
        }
        if index {
            self.ledger.count(id, now, Tally::IndexAdmissions);
        }
        let los = self.clinical_stay_days(id);
        let p = self.person_mut(id);
        p.admitted_at = now;
        p.last_admission = now;
        self.queue.schedule(now + los, Event::ClinicallyReady { person: id });
        self.person_changed(id);
    }

    /// Leave the acute bed, alive (a discharge, after which risks are raised for a while) or not.
    pub(super) fn leave_acute(&mut self, id: u32, alive: bool) {
        let now = self.now();
        let stay = now - self.person(id).admitted_at;
        self.ledger.count(id, now, Tally::AcuteStaysEnded);
        self.ledger.add(id, now, Tally::AcuteStayDaysEnded, stay);
        if alive {
            self.ledger.count(id, now, Tally::DischargesAlive);
            self.discharged(id);
        }
        self.release(Service::Acute);
    }

    /// A discharge alive: the person's risks are raised from now.
    fn discharged(&mut self, id: u32) {
        self.raise_risks(id);
        let now = self.now();
        let p = self.person_mut(id);
        p.discharged_at = now;
        p.discharges += 1;
    }

    /// The person's crisis and death rates are raised for a while from now (see
    /// [`super::clocks`]): their clocks are brought up to date under the old raised rates first.
    fn raise_risks(&mut self, id: u32) {
        let now = self.now();
        let raised = self.raised(id);
        let p = self.person_mut(id);
        p.risks.use_until(now, &raised);
        p.raised_from = now;
    }

    pub(super) fn clinically_ready(&mut self, id: u32) {
        let now = self.now();
        let p = self.person(id);
        let frailty = usize::from(p.frailty);
        if p.episode.death < self.params.acute.death_probability_by_frailty[frailty] {
            self.die(id);
            return;
        }
        if p.care_home.is_some() {
            // Care-home residents go back to the bed held for them (pathway 0 in the guidance).
            self.ledger.count(id, now, Tally::DischargesP0);
            self.leave_acute(id, true);
            self.move_to(id, Place::CareHome, Cause::Discharged);
            return;
        }
        let usual_shares = self.params.discharge.pathway_shares.by_frailty()[frailty];
        let mut shares = usual_shares;
        self.discharge_shares(id, &mut shares);
        let p = self.person(id);
        let (index, kept_from_care_home) = if p.needs_care_home.is_some() {
            (Pathway::P3, false)
        } else {
            let usual = pick(p.episode.pathway, &usual_shares);
            let index = moved_pathway(usual, &usual_shares, &shares, p.episode.pathway_moved);
            (index, usual == Pathway::P3 && index != Pathway::P3)
        };
        // A person an intervention moved off the care-home path needs long-term care at home.
        self.person_mut(id).long_term_care_due = kept_from_care_home;
        let drawn = Pathway::GUIDANCE[index];
        let usual = (drawn, self.params.discharge.arrangement_mean_days[index]);
        // A scheme bed is offered only if one is free for the person when the move is arranged.
        let (pathway, arrangement_mean) = self
            .discharge_offer(id, drawn)
            .filter(|(offered, _)| {
                *offered != Pathway::D2aScheme || self.services.promise(Service::D2aScheme)
            })
            .unwrap_or(usual);
        let arrangement = arrangement_mean * self.person(id).episode.arrangement;
        self.ledger.count(id, now, pathway.tally());
        if pathway == Pathway::D2aScheme {
            self.ledger.count(id, now, Tally::DischargesD2aScheme);
        }
        let p = self.person_mut(id);
        p.pathway = pathway;
        p.ready_at = now;
        self.move_to(id, Place::AcuteDelayed, Cause::MedicallyReady);
        if arrangement > 0.0 {
            self.queue.schedule(now + arrangement, Event::DischargeArranged { person: id });
        } else {
            self.seek_next_place(id);
        }
    }

    /// The discharge is arranged: move on if the next place has room, or wait in the bed.
    pub(super) fn seek_next_place(&mut self, id: u32) {
        match self.person(id).pathway {
            Pathway::Home => {
                self.leave_acute(id, true);
                self.discharge_home(id);
            }
            Pathway::HomeWithSupport if self.services.spec(Service::HomeSupport).capacity > 0 => {
                self.request(Service::HomeSupport, id)
            }
            Pathway::HomeWithSupport => {
                // No home-support service in this scenario: home without it.
                self.leave_acute(id, true);
                self.discharge_home(id);
            }
            Pathway::ShortTermBed if self.services.spec(Service::D2a).capacity > 0 => {
                self.request(Service::D2a, id)
            }
            Pathway::D2aScheme => {
                self.services.end_promise(Service::D2aScheme);
                self.request(Service::D2aScheme, id)
            }
            Pathway::ShortTermBed | Pathway::CareHome => self.place_permanently_from_hospital(id),
        }
    }

    /// Home from hospital.
    pub(super) fn discharge_home(&mut self, id: u32) {
        self.move_to(id, Place::Home, Cause::Discharged);
        if std::mem::take(&mut self.person_mut(id).long_term_care_due) {
            self.start_long_term_care(id);
        }
        self.discharged_home(id);
    }

    fn place_permanently_from_hospital(&mut self, id: u32) {
        let p = self.person_mut(id);
        p.pathway = Pathway::CareHome;
        let needed = p.needs_care_home.take();
        let service = needed.unwrap_or_else(|| self.care_home_service(id, self.person(id).episode.nursing));
        self.request(service, id);
    }

    /// Waited too long: for a short-term bed, a permanent placement is arranged instead (as for
    /// anyone discharged to a care home); for a local care-home bed, placed in a home out of the
    /// area.
    pub(super) fn wait_timeout(&mut self, id: u32) {
        match self.person(id).waiting_for {
            Some(Service::D2a | Service::D2aScheme) => {
                self.leave_line(id);
                let now = self.now();
                self.ledger.count(id, now, Tally::ShortTermBedTimeouts);
                let arrangement = self.params.discharge.arrangement_mean_days[Pathway::P3]
                    * self.person(id).episode.arrangement;
                self.person_mut(id).pathway = Pathway::CareHome;
                self.queue.schedule(now + arrangement, Event::DischargeArranged { person: id });
            }
            Some(service) if service.out_of_area().is_some() => {
                self.leave_line(id);
                let now = self.now();
                self.ledger.count(id, now, Tally::OutOfAreaPlacements);
                self.request(service.out_of_area().expect("a local care-home service"), id);
            }
            _ => {}
        }
    }

    pub(super) fn enter_short_stay(&mut self, id: u32, service: Service) {
        let now = self.now();
        self.move_to(id, Place::D2a, Cause::ShortTermBed);
        let stay = self.services.spec(service).short_stay.expect("a short-term bed service");
        self.ledger.count(id, now, stay.admissions_tally);
        let p = self.person_mut(id);
        p.admitted_at = now;
        p.short_term = service;
        if service == Service::D2aScheme {
            p.scheme_admitted_at = now;
        }
        // The assessment decides afresh about permanent care.
        p.needs_care_home = None;
        let days = lognormal(stay.mean_stay_days, 0.5, p.episode.d2a_stay).min(stay.max_stay_days);
        self.queue.schedule(now + days, Event::ShortStayDone { person: id });
        self.short_stay_started(id, service);
    }

    pub(super) fn leave_short_stay(&mut self, id: u32) {
        let now = self.now();
        let p = self.person(id);
        let (stay, service) = (now - p.admitted_at, p.short_term);
        let (ended, days) = if service == Service::D2aScheme {
            (Tally::D2aSchemeStaysEnded, Tally::D2aSchemeStayDaysEnded)
        } else {
            (Tally::D2aStaysEnded, Tally::D2aStayDaysEnded)
        };
        self.ledger.count(id, now, ended);
        self.ledger.add(id, now, days, stay);
        self.release(service);
    }

    /// The assessment at the end of a short-term stay: home, a care home, or death.
    pub(super) fn short_stay_done(&mut self, id: u32) {
        let p = self.person(id);
        let stay = self.services.spec(p.short_term).short_stay.expect("a short-term bed service");
        let from_scheme = p.short_term == Service::D2aScheme;
        // The scheme's assessment has its own draw: its users were picked by the usual one.
        let u = if from_scheme { p.episode.scheme_outcome } else { p.episode.d2a_outcome };
        if u < stay.outcome_home {
            // Scheme users were on the care-home path, as were people an intervention moved
            // off it: home, they need long-term care.
            let due = std::mem::take(&mut self.person_mut(id).long_term_care_due);
            self.leave_short_stay(id);
            self.move_to(id, Place::Home, Cause::Assessed);
            if from_scheme || due {
                self.start_long_term_care(id);
            }
        } else if u < stay.outcome_home + stay.outcome_care_home {
            self.move_to(id, Place::D2aDelayed, Cause::Assessed);
            let service = self.care_home_service(id, self.person(id).episode.nursing);
            self.request(service, id);
        } else {
            self.die(id);
        }
    }

    pub(super) fn enter_care_home(&mut self, id: u32, service: Service, from_hospital: bool) {
        let now = self.now();
        self.ledger.count(id, now, Tally::CareHomeAdmissions);
        if from_hospital {
            self.ledger.count(id, now, Tally::CareHomeAdmissionsFromHospital);
        }
        self.left_community(id);
        self.end_home_support(id);
        self.end_long_term_care(id);
        self.take_care_home_place(id, service);
        self.person_mut(id).care_home_admitted = true;
        self.move_to(id, Place::CareHome, Cause::CareHomeAdmission);
    }
}
