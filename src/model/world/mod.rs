//! One replication of the care system: the world and its people, and the run loop.
//!
//! A person at home (or in a care home) carries three competing-risk clocks: crisis, death and
//! care-home entry. Each clock holds a unit-exponential budget that is used up at the person's
//! current rate; when the rate changes (the person moves, ages or becomes frailer) the clock is
//! rescheduled from the remaining budget, and the old event goes stale through the person's
//! version counter. A crisis leads to A&E; from there to an acute bed (waiting on a trolley if
//! none is free) or home; an acute stay ends in death or a discharge pathway, and a person who
//! cannot leave because the next place is full stays as a delayed discharge.
//!
//! The world is split by responsibility: [`population`] (who lives here, ageing, newcomers),
//! [`movement`] (changing place, the segment each move closes, clocks, service lines),
//! [`pathway`] (the handlers of the care pathway), [`hooks`] (where interventions are asked),
//! [`invariants`] (what must always hold). Tallies and costs live in the [`Ledger`].

mod clocks;
mod home_care;
mod hooks;
mod invariants;
mod movement;
mod pathway;
mod places;
mod series;

pub use places::{ByPlace, PlaceBook};
pub use series::{SERIES, series_capacity, series_in_use, series_times};
mod population;
mod year_ends;

use super::DAYS_PER_YEAR;
use super::budget::{BudgetLine, YearBudget};
use super::cohorts::Contact;
use super::hazards::RateTable;
use super::history::{History, Move};
use super::inputs::Inputs;
use super::interventions::{self, Intervention, OwnEvent, Tagged};
use super::ledger::{DailyCost, Ledger};
use super::metrics::Figures;
use super::params::Params;
use super::person::{Person, PersonStreams, Place};
use super::population::mean_unobserved_frailty_by_band;
use super::realise::{Realised, realise};
use super::services::{Service, Services};
use crate::engine::{EventQueue, Versions};

/// Days after a discharge with the first (highest) raised risk; then the rest of the year.
pub(super) const AFTER_DISCHARGE_FIRST_DAYS: f64 = 30.0;

/// What one replication hands back: metric values in [`super::metrics::metric_names`] order,
/// the values drawn for uncertain parameters, and the occupancy series.
#[derive(Debug, Clone)]
pub struct ReplicationOutput {
    pub metrics: Vec<f64>,
    /// (dotted key, value) for each parameter given as a distribution, in a fixed order.
    pub draws: Vec<(String, f64)>,
    /// One row per sample time, columns as [`SERIES`].
    pub series: Vec<[f64; SERIES.len()]>,
    /// Undiscounted cash and days of use, one entry per measured year.
    pub budget: Vec<YearBudget>,
    /// Every metric's value in each measured year (costs discounted to the window's start).
    pub by_year: Vec<Vec<f64>>,
    /// The same by place.
    pub by_place: ByPlace,
}

/// Everything that can happen. Events stamped with a version are skipped once stale.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    Clock {
        person: u32,
        stamp: u32,
    },
    AeDone {
        person: u32,
    },
    ClinicallyReady {
        person: u32,
    },
    DischargeArranged {
        person: u32,
    },
    WaitTimeout {
        person: u32,
        stamp: u32,
    },
    ShortStayDone {
        person: u32,
    },
    /// A crisis intervention `by` kept out of hospital comes back, if the person is still at
    /// home in episode `stamp`.
    ComesBack {
        person: u32,
        stamp: u32,
        by: u8,
    },
    /// The person's home support runs its course (stale if it ended before).
    HomeSupportEnd {
        person: u32,
        stamp: u32,
    },
    /// An intervention's own event.
    Intervention(Tagged),
    /// One of the person's progression clocks runs out.
    Progression {
        person: u32,
        stamp: u32,
    },
    /// The person's 75th or 85th birthday: a new age band.
    BandChange {
        person: u32,
    },
    /// The next person turning 65 joins (entrants arrive evenly through each year).
    Entrant {
        index: u32,
    },
    /// Clocks due within the next year are scheduled (see `World::lookahead_until`).
    ClockHorizon,
    Sample,
    WarmupEnd,
}

impl From<Tagged> for Event {
    fn from(tagged: Tagged) -> Self {
        Event::Intervention(tagged)
    }
}

/// One replication's world.
pub(super) struct World<'a> {
    params: &'a Params,
    seed: u64,
    replication: u32,
    queue: EventQueue<Event>,
    /// Bumped whenever a person's risk clocks are rescheduled: older clock events are stale.
    clock_versions: Versions,
    /// The same for progression clocks.
    progression_versions: Versions,
    /// Bumped whenever a person changes place: older events for the old place are stale.
    place_versions: Versions,
    people: Vec<Person>,
    streams: Vec<PersonStreams>,
    crisis: RateTable,
    death: RateTable,
    care_home_entry: RateTable,
    services: Services,
    interventions: Vec<Box<dyn Intervention>>,
    /// People whose risks an intervention changed during its hook (see [`hooks`]).
    rates_changed: Vec<u32>,
    ledger: Ledger,
    series: Vec<[f64; SERIES.len()]>,
    place_counts: [u32; Place::COUNT],
    started: u32,
    joined: u32,
    died: u32,
    /// Clock events are only scheduled before this time (the next `ClockHorizon`, which
    /// reschedules every clock, or the horizon). This keeps the event heap small: most people's
    /// next crisis or death is years away.
    lookahead_until: f64,
    /// What the pools and the queue had counted at the window's start and each year's end,
    /// and when the next of those comes.
    year_marks: Vec<year_ends::YearMark>,
    next_year_mark: f64,
    /// Every move, when the replication is recorded.
    moves: Option<Vec<Move>>,
    /// Every contact an intervention made, when recorded, and the number of each
    /// intervention's first cohort.
    contacts: Option<Vec<Contact>>,
    first_cohorts: Vec<u16>,
}

/// What a recorded replication kept besides its results: everyone's history, the contacts
/// interventions made and the names of their cohorts (numbered as in [`Contact::cohort`]).
#[derive(Debug, Clone, Default)]
pub struct Recording {
    pub history: History,
    /// Each person's practice.
    pub practice_of: Vec<u16>,
    pub contacts: Vec<Contact>,
    pub cohorts: Vec<String>,
}

/// Run replication `replication` of `inputs` with master seed `seed`. Uncertain parameters
/// are drawn first, from streams of their own: one draw for each `inner_replications`
/// replications in turn.
pub fn run_replication(inputs: &Inputs, seed: u64, replication: u32) -> ReplicationOutput {
    run(inputs, seed, replication, false).0
}

/// [`run_replication`], also keeping everyone's history and the interventions' contacts. The
/// results are the same.
pub fn run_replication_recorded(
    inputs: &Inputs,
    seed: u64,
    replication: u32,
) -> (ReplicationOutput, Recording) {
    let (output, recording) = run(inputs, seed, replication, true);
    (output, recording.expect("a recorded replication keeps its recording"))
}

fn run(inputs: &Inputs, seed: u64, replication: u32, record: bool) -> (ReplicationOutput, Option<Recording>) {
    let draw = replication / inputs.simulation.inner_replications.max(1);
    let Realised { params, draws } = realise(inputs, seed, draw);
    let mut world = World::new(&params, seed, replication);
    if record {
        world.record();
    }
    world.populate();
    world.run();
    let (mut output, recording) = world.finish();
    output.draws = draws;
    (output, recording)
}

impl<'a> World<'a> {
    fn new(params: &'a Params, seed: u64, replication: u32) -> Self {
        let (warmup, horizon) =
            super::measured_window(params.simulation.warmup_years, params.simulation.years);
        let unobserved = mean_unobserved_frailty_by_band(params);
        let interventions = interventions::build(params, seed, replication);
        let first_cohorts = interventions
            .iter()
            .scan(0u16, |next, i| {
                let first = *next;
                *next += i.cohorts().len() as u16;
                Some(first)
            })
            .collect();
        Self {
            params,
            seed,
            replication,
            queue: EventQueue::new(),
            clock_versions: Versions::default(),
            progression_versions: Versions::default(),
            place_versions: Versions::default(),
            people: Vec::new(),
            streams: Vec::new(),
            crisis: RateTable::new(&params.hazards.crisis, &params.population, unobserved),
            death: RateTable::new(&params.hazards.death, &params.population, unobserved),
            care_home_entry: RateTable::new(&params.hazards.care_home_entry, &params.population, [1.0; 3]),
            services: Services::new(params),
            interventions,
            rates_changed: Vec::new(),
            ledger: Ledger::new(warmup, horizon, params.costs.discount_rate, params.area.practices as usize),
            series: Vec::new(),
            place_counts: [0; Place::COUNT],
            started: 0,
            joined: 0,
            died: 0,
            lookahead_until: horizon.min(DAYS_PER_YEAR),
            year_marks: Vec::new(),
            next_year_mark: warmup,
            moves: None,
            contacts: None,
            first_cohorts,
        }
    }

    /// Keep everyone's history and the interventions' contacts.
    fn record(&mut self) {
        self.moves = Some(Vec::new());
        self.contacts = Some(Vec::new());
        self.ledger.keep_personal_costs();
    }

    /// The names of every intervention's cohorts, in the order they are numbered.
    fn cohort_names(&self) -> Vec<String> {
        self.interventions.iter().flat_map(|i| i.cohorts()).collect()
    }

    fn now(&self) -> f64 {
        self.queue.now()
    }

    fn person(&self, id: u32) -> &Person {
        &self.people[id as usize]
    }

    fn person_mut(&mut self, id: u32) -> &mut Person {
        &mut self.people[id as usize]
    }

    fn run(&mut self) {
        while let Some((t, event)) = self.queue.pop_until(self.ledger.horizon()) {
            if t >= self.next_year_mark {
                self.mark_year_ends(t, 1, false);
            }
            match event {
                Event::Clock { person, stamp } => {
                    if self.clock_versions.is_current(person as usize, stamp) {
                        self.on_clock(person);
                    }
                }
                // A person's pending steps end with them if they die first.
                Event::AeDone { person } if self.person(person).is_alive() => self.ae_done(person),
                Event::ClinicallyReady { person } if self.person(person).is_alive() => {
                    self.clinically_ready(person)
                }
                Event::DischargeArranged { person } if self.person(person).is_alive() => {
                    self.seek_next_place(person)
                }
                Event::WaitTimeout { person, stamp } => {
                    if self.place_versions.is_current(person as usize, stamp) {
                        self.wait_timeout(person);
                    }
                }
                Event::ShortStayDone { person } if self.person(person).is_alive() => {
                    self.short_stay_done(person)
                }
                Event::ComesBack { person, stamp, by } => self.comes_back(person, stamp, by),
                Event::AeDone { .. }
                | Event::ClinicallyReady { .. }
                | Event::DischargeArranged { .. }
                | Event::ShortStayDone { .. } => {}
                Event::HomeSupportEnd { person, stamp } => {
                    if self.person(person).home_support_starts == stamp {
                        self.end_home_support(person);
                    }
                }
                Event::Intervention(Tagged { index, event }) => self.intervention_event(index, event),
                Event::Progression { person, stamp } => {
                    if self.progression_versions.is_current(person as usize, stamp) {
                        self.on_progression(person);
                    }
                }
                Event::BandChange { person } => self.band_change(person),
                Event::Entrant { index } => self.entrant(index),
                Event::ClockHorizon => self.clock_horizon(),
                Event::Sample => self.sample(),
                Event::WarmupEnd => {
                    let now = self.now();
                    for pool in self.services.pools_mut() {
                        pool.reset_stats(now);
                    }
                }
            }
        }
        self.queue.advance_to(self.ledger.horizon());
        self.mark_year_ends(self.ledger.horizon(), 0, true);
    }

    fn finish(mut self) -> (ReplicationOutput, Option<Recording>) {
        self.interventions_finish();
        for id in 0..self.people.len() as u32 {
            if self.person(id).is_alive() {
                self.close_segment(id);
                self.close_care_home(id);
                self.close_home_support(id);
                self.close_long_term_care(id);
            }
        }
        let now = self.ledger.horizon();
        self.ledger.settle_people();
        let fixed = self.fixed_yearly_costs();
        self.ledger.charge_fixed_yearly(&fixed);
        let costs = &self.params.costs;
        let acute = DailyCost::of(&costs.acute_bed_day, 1.0, BudgetLine::AcuteBeds);
        self.ledger.budget_capacity(self.params.acute.beds, &acute);
        let step_down = DailyCost::of(&costs.d2a_bed_week, 1.0 / 7.0, BudgetLine::StepDownBeds);
        self.ledger.budget_capacity(self.params.d2a.beds, &step_down);
        if let Err(problem) = self.check_invariants() {
            panic!("invariant broken at the horizon: {problem}");
        }
        let occupancy = |service| self.services.pool(service).mean_occupancy(now);
        let mut figures = Figures {
            acute_occupancy_mean: occupancy(Service::Acute),
            d2a_occupancy_mean: occupancy(Service::D2a),
            d2a_scheme_occupancy_mean: occupancy(Service::D2aScheme),
            care_home_occupancy_mean: occupancy(Service::Residential) + occupancy(Service::Nursing),
            team_places: 0.0,
            events: self.queue.events_processed(),
        };
        for intervention in &self.interventions {
            intervention.figures(&mut figures);
        }
        let by_year = self
            .ledger
            .tallies_by_year()
            .iter()
            .zip(self.year_figures(&figures))
            .map(|(tallies, figures)| tallies.metrics(1.0, figures))
            .collect();
        let recording = self.moves.take().map(|moves| Recording {
            history: History { moves, costs: self.ledger.take_personal_costs() },
            practice_of: self.ledger.practices_of_people().to_vec(),
            contacts: self.contacts.take().unwrap_or_default(),
            cohorts: self.cohort_names(),
        });
        let output = ReplicationOutput {
            metrics: self.ledger.tallies().metrics(f64::from(self.params.simulation.years), figures),
            by_year,
            by_place: self.by_place(),
            draws: Vec::new(),
            series: self.series,
            budget: self.ledger.budget().years().to_vec(),
        };
        (output, recording)
    }

    fn intervention_event(&mut self, index: u8, event: OwnEvent) {
        self.with_context(usize::from(index), |intervention, ctx, _| intervention.on_event(ctx, event));
    }
}
