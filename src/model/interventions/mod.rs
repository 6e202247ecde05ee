//! Interventions, each off unless its scenario section is present: case-finding teams, a
//! discharge-to-assess scheme, a community crisis response and a GP in A&E.
//!
//! Each is one file implementing [`Intervention`]: a set of named hooks that the care pathway
//! (in [`super::world`]) calls at the points where interventions act, each with a narrow
//! [`Context`] (the time, the event queue for the intervention's own events, the ledger) rather
//! than the whole simulation. Every hook has a default that does nothing, so an intervention
//! implements only the points where it acts.
//!
//! **Order.** Interventions are built in the order of [`build`]: teams (in file order), the
//! D2A scheme, the crisis response, the GP in A&E. At every hook they act in that order:
//! multipliers compose in that order; where one can claim a person (keep them at home, divert
//! them, offer a bed), the first to claim wins and the later ones are not asked.
//!
//! Adding an intervention: one new file with a type implementing [`Intervention`], and one line
//! in [`build`].

pub mod case_finding;
pub mod crisis_response;
pub mod d2a_scheme;
pub mod gp_in_ae;
pub mod profiles;
pub mod teams;

use super::cohorts::Contact;
pub use super::ledger::FixedCost;
use super::ledger::Ledger;
use super::metrics::Figures;
use super::params::{ByPathway, Params};
use super::person::{Pathway, Person, RISKS};
use crate::engine::EventQueue;

/// An event an intervention scheduled for itself: what it is (`kind`) and two numbers whose
/// meaning the intervention decides (a person, a unit, a sequence number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnEvent {
    pub kind: u8,
    pub a: u32,
    pub b: u32,
}

/// An event in the queue that belongs to intervention number `index` (in [`build`] order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tagged {
    pub index: u8,
    pub event: OwnEvent,
}

/// What a hook may touch: the time, its own events, the ledger, and a request to re-evaluate a
/// person's risks at home after it changed them.
pub struct Context<'a, E> {
    pub now: f64,
    pub ledger: &'a mut Ledger,
    pub(in crate::model) queue: &'a mut EventQueue<E>,
    pub(in crate::model) index: u8,
    pub(in crate::model) rates_changed: &'a mut Vec<u32>,
    /// Where contacts are recorded (when a comparison follows cohorts), and the number of
    /// this intervention's first cohort.
    pub(in crate::model) contacts: Option<&'a mut Vec<Contact>>,
    pub(in crate::model) first_cohort: u16,
}

impl<E: From<Tagged>> Context<'_, E> {
    /// Schedule one of this intervention's own events at absolute time `at`.
    pub fn schedule(&mut self, at: f64, event: OwnEvent) {
        self.queue.schedule(at, E::from(Tagged { index: self.index, event }));
    }

    /// The person's risks at home ([`Intervention::home_rates`]) have changed: the care
    /// pathway reschedules their clocks when the hook returns.
    pub fn rates_changed(&mut self, person: u32) {
        self.rates_changed.push(person);
    }

    /// This intervention served `person` now, as its cohort number `cohort` (in the order of
    /// [`Intervention::cohorts`]).
    pub fn served(&mut self, cohort: u16, person: u32) {
        if let Some(contacts) = &mut self.contacts {
            contacts.push(Contact { cohort: self.first_cohort + cohort, person, time: self.now });
        }
    }
}

/// The context type every hook receives.
pub type Ctx<'a> = Context<'a, super::world::Event>;

/// What the care pathway knows of a crisis when an intervention is asked to take it: the acute
/// stay its episode has if the person is admitted now (how long it would be clinically, and
/// whether it would end in death). The episode's draws are taken when the crisis begins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IfAdmitted {
    pub clinical_stay_days: f64,
    pub dies: bool,
}

/// A crisis an intervention kept out of hospital (managed at home, or sent home from A&E), and
/// whether it comes back: after `comes_back_after_days`, if the person is still at home in the
/// same episode, they go to A&E and the crisis takes the course it would have taken without the
/// intervention (no intervention takes it again).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeptOut {
    pub comes_back_after_days: Option<f64>,
}

impl KeptOut {
    /// Comes back when the episode's draw `u` is below `share`, after an exponential delay with
    /// mean `mean_days` (from the episode's unit-exponential draw `e`).
    pub fn returning(share: f64, mean_days: f64, u: f64, e: f64) -> Self {
        Self { comes_back_after_days: (u < share).then_some(mean_days * e) }
    }
}

/// The points where an intervention can act. `id` is the person's index; `person` their state.
pub trait Intervention: Send {
    /// The names of the groups of people it serves (its cohorts), in the order of the numbers
    /// it gives [`Context::served`].
    fn cohorts(&self) -> Vec<String> {
        Vec::new()
    }

    /// Once, after the starting population is in place: schedule the first own events.
    fn start(&mut self, _ctx: &mut Ctx) {}

    /// A person joined the population (at the start, or turning 65).
    fn person_added(&mut self, _id: u32, _person: &Person) {}

    /// Something an intervention may track about the person changed: where they are (home or
    /// not), their age, frailty or conditions, their last admission.
    fn person_changed(&mut self, _id: u32, _person: &Person) {}

    /// Multiply the person's risks at home (crisis, death, care-home entry), per day.
    fn home_rates(&self, _id: u32, _rates: &mut [f64; RISKS]) {}

    /// The person at home is about to ask for a care-home place: return true to keep them at
    /// home instead (with long-term home care).
    fn keeps_from_care_home(&mut self, _id: u32) -> bool {
        false
    }

    /// A crisis at home: return `Some` to manage it at home (the person does not go to A&E).
    fn keeps_at_home(
        &mut self,
        _ctx: &mut Ctx,
        _id: u32,
        _person: &Person,
        _if_admitted: IfAdmitted,
    ) -> Option<KeptOut> {
        None
    }

    /// The chance that A&E admits the person (not for care-home residents).
    fn admission_probability(&self, _id: u32, probability: f64) -> f64 {
        probability
    }

    /// A&E would admit the person, for the stay `if_admitted`: return `Some` to send them home
    /// instead.
    fn diverts(
        &mut self,
        _ctx: &mut Ctx,
        _id: u32,
        _person: &Person,
        _if_admitted: IfAdmitted,
    ) -> Option<KeptOut> {
        None
    }

    /// A crisis this intervention kept out of hospital has come back: the person is going to
    /// A&E now.
    fn came_back(&mut self, _ctx: &mut Ctx, _id: u32) {}

    /// The mean clinical length of the acute stay starting now.
    fn length_of_stay(&self, _id: u32, mean_days: f64) -> f64 {
        mean_days
    }

    /// The discharge pathway shares (P0-P3) for the person, before the pathway is drawn.
    fn discharge_shares(&self, _id: u32, _shares: &mut ByPathway) {}

    /// The pathway has been drawn: return another pathway and its mean arrangement delay in
    /// days to take the person instead.
    fn discharge_offer(&self, _id: u32, _person: &Person, _pathway: Pathway) -> Option<(Pathway, f64)> {
        None
    }

    /// The person moved into a bed of short-term `service` (a usual step-down bed or a D2A
    /// scheme's).
    fn short_stay_started(&mut self, _ctx: &mut Ctx, _id: u32, _service: super::services::Service) {}

    /// The person went home from hospital.
    fn discharged_home(&mut self, _ctx: &mut Ctx, _id: u32, _person: &Person) {}

    /// The person died or moved into a care home permanently.
    fn left_community(&mut self, _ctx: &mut Ctx, _id: u32, _person: &Person) {}

    /// One of this intervention's own events is due.
    fn on_event(&mut self, _ctx: &mut Ctx, _event: OwnEvent) {}

    /// Yearly costs that run whatever happens (staff, block-booked beds), by payer, each from
    /// the day the intervention (or team) starts.
    fn fixed_yearly_costs(&self, _costs: &mut Vec<FixedCost>) {}

    /// The simulation day from which it acts (its hooks are not asked before; a case-finding
    /// team's own start may be later, for each team).
    fn starts_at(&self) -> f64 {
        0.0
    }

    /// The horizon: close what is still open (the ledger's window ends here).
    fn finish(&mut self, _ctx: &mut Ctx, _people: &[Person]) {}

    /// How many people the intervention holds now (its places in use).
    fn people_held(&self) -> u32 {
        0
    }

    /// End-of-run figures reported beside the metrics.
    fn figures(&self, _figures: &mut Figures) {}

    /// The intervention's own invariants, given everyone's state.
    fn check(&self, _people: &[Person]) -> Result<(), String> {
        Ok(())
    }
}

/// Every intervention the scenario has, in the order in which they act.
pub fn build(params: &Params, seed: u64, replication: u32) -> Vec<Box<dyn Intervention>> {
    let mut all: Vec<Box<dyn Intervention>> = Vec::new();
    if !params.teams.is_empty() {
        all.push(Box::new(teams::Teams::new(params, seed, replication)));
    }
    if let Some(scheme) = &params.d2a_scheme {
        all.push(Box::new(d2a_scheme::D2aScheme::new(scheme, &params.d2a)));
    }
    if let Some(response) = &params.crisis_response {
        all.push(Box::new(crisis_response::CrisisResponse::new(response)));
    }
    if let Some(gp) = &params.gp_in_ae {
        all.push(Box::new(gp_in_ae::GpInAe::new(gp)));
    }
    all
}
