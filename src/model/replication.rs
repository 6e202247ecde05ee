//! One replication of the care system: the event handlers of the care pathway.
//!
//! A person at home (or in a care home) carries three competing-risk clocks: crisis, death and
//! care-home entry. Each clock holds a unit-exponential budget that is used up at the person's
//! current rate; when the rate changes (the person moves, ages or becomes frailer) the clock is
//! rescheduled from the remaining budget, and the old event goes stale through the person's
//! version counter. A crisis leads to A&E; from there to an acute bed (waiting on a trolley if
//! none is free) or home; an acute stay ends in death or a discharge pathway, and a person who
//! cannot leave because the next place is full stays as a delayed discharge.

use super::costs::Discount;
use super::hazards::RateTable;
use super::interventions::teams::{self, Profile, ProfileBook, TeamEffects, TeamUnit};
use super::metrics::{PoolFigures, Tallies, Tally};
use super::params::{Cost, Params, Payer};
use super::person::{
    CLOCK_CARE_HOME, CLOCK_CRISIS, CLOCK_DEATH, CLOCKS, EpisodeDraws, Person, PersonStreams, Place, Service,
    purpose,
};
use super::population::{YearlyChances, age_one_year, draw_person, initial_size, pick, yearly_entrants};
use crate::engine::{EventQueue, Pool, Request, Stream, StreamKey, Versions};

const DAYS_PER_YEAR: f64 = 365.0;

/// `Person::pathway` for someone offered a discharge-to-assess scheme instead of P3
/// (reported as P2: a short-term bed).
const PATHWAY_D2A_SCHEME: usize = 4;

/// Occupancy series sampled at regular intervals after the warm-up, in this order.
pub const SERIES: [&str; 6] = [
    "acute_occupied",
    "acute_delayed",
    "trolley_waits",
    "d2a_occupied",
    "home_support_occupied",
    "care_home_occupied",
];

/// What one replication hands back: metric values in [`super::metrics::metric_names`] order,
/// the values drawn for uncertain parameters, and the occupancy series.
#[derive(Debug, Clone)]
pub struct ReplicationOutput {
    pub metrics: Vec<f64>,
    /// (dotted key, value) for each parameter given as a distribution, in a fixed order.
    pub draws: Vec<(String, f64)>,
    /// One row per sample time, columns as [`SERIES`].
    pub series: Vec<[f64; SERIES.len()]>,
}

/// Sample times (days since the end of the warm-up) of the occupancy series.
pub fn series_times(params: &Params) -> Vec<f64> {
    let span = f64::from(params.simulation.years) * DAYS_PER_YEAR;
    let step = params.simulation.timeseries_interval_days;
    (0..).map(|k| f64::from(k) * step).take_while(|&t| t <= span).collect()
}

/// The capacity of each series' service (for charts), `None` where unlimited or not a pool.
pub fn series_capacity(params: &Params) -> [Option<u32>; SERIES.len()] {
    [
        Some(params.acute.beds),
        None,
        None,
        Some(params.d2a.beds),
        Some(params.home_support.slots),
        Some(params.care_home.residential_beds + params.care_home.nursing_beds),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Event {
    Clock { person: u32, stamp: u32 },
    AeDone { person: u32 },
    ClinicallyReady { person: u32 },
    DischargeArranged { person: u32 },
    WaitTimeout { person: u32, stamp: u32 },
    D2aDone { person: u32 },
    HomeSupportEnd,
    CrisisResponseEnd,
    TeamReview { unit: u32 },
    EnrolmentEnd { person: u32, seq: u32 },
    AnnualUpdate,
    Sample,
    WarmupEnd,
}

struct Pools {
    acute: Pool,
    d2a: Pool,
    home_support: Pool,
    residential: Pool,
    nursing: Pool,
    d2a_scheme: Pool,
    crisis_response: Pool,
}

impl Pools {
    fn get(&mut self, service: Service) -> &mut Pool {
        match service {
            Service::Acute => &mut self.acute,
            Service::D2a => &mut self.d2a,
            Service::HomeSupport => &mut self.home_support,
            Service::Residential => &mut self.residential,
            Service::Nursing => &mut self.nursing,
            Service::D2aScheme => &mut self.d2a_scheme,
            Service::CrisisResponse => &mut self.crisis_response,
        }
    }

    fn all(&mut self) -> [&mut Pool; 7] {
        [
            &mut self.acute,
            &mut self.d2a,
            &mut self.home_support,
            &mut self.residential,
            &mut self.nursing,
            &mut self.d2a_scheme,
            &mut self.crisis_response,
        ]
    }
}

struct Replication<'a> {
    params: &'a Params,
    seed: u64,
    replication: u32,
    queue: EventQueue<Event>,
    versions: Versions,
    people: Vec<Person>,
    streams: Vec<PersonStreams>,
    crisis: RateTable,
    death: RateTable,
    care_home_entry: RateTable,
    yearly: YearlyChances,
    pools: Pools,
    units: Vec<TeamUnit>,
    /// Effects of each team in `params.teams`, as drawn for this replication.
    effects: Vec<TeamEffects>,
    /// Case-finding profiles, one per person; kept only when the scenario has teams.
    profiles: ProfileBook,
    window_start: f64,
    horizon: f64,
    discount: Discount,
    tallies: Tallies,
    series: Vec<[f64; SERIES.len()]>,
    place_counts: [u32; Place::COUNT],
    started: u32,
    joined: u32,
    died: u32,
    alive: u32,
    alive_since: f64,
    /// Clock events are only scheduled before this time (the next annual update, which
    /// refreshes every clock, or the horizon). This keeps the event heap small: most people's
    /// next crisis or death is years away.
    lookahead_until: f64,
}

/// Run replication `replication` of `params` with master seed `seed`. Uncertain parameters
/// are drawn first, from streams of their own.
pub fn run_replication(params: &Params, seed: u64, replication: u32) -> ReplicationOutput {
    let (params, draws) = params.realise(seed, replication);
    let mut rep = Replication::new(&params, seed, replication);
    rep.populate();
    rep.run();
    let mut output = rep.finish();
    output.draws = draws;
    output
}

fn lognormal(mean: f64, cv: f64, z: f64) -> f64 {
    let sigma2 = (1.0 + cv * cv).ln();
    (mean.ln() - sigma2 / 2.0 + sigma2.sqrt() * z).exp()
}

impl<'a> Replication<'a> {
    fn new(params: &'a Params, seed: u64, replication: u32) -> Self {
        let warmup = f64::from(params.simulation.warmup_years) * DAYS_PER_YEAR;
        let horizon = warmup + f64::from(params.simulation.years) * DAYS_PER_YEAR;
        Self {
            params,
            seed,
            replication,
            queue: EventQueue::new(),
            versions: Versions::default(),
            people: Vec::new(),
            streams: Vec::new(),
            crisis: RateTable::new(&params.hazards.crisis, &params.population),
            death: RateTable::new(&params.hazards.death, &params.population),
            care_home_entry: RateTable::new(&params.hazards.care_home_entry, &params.population),
            yearly: YearlyChances::new(&params.progression),
            pools: Pools {
                acute: Pool::new(params.acute.beds),
                d2a: Pool::new(params.d2a.beds),
                home_support: Pool::new(params.home_support.slots),
                residential: Pool::new(params.care_home.residential_beds),
                nursing: Pool::new(params.care_home.nursing_beds),
                d2a_scheme: Pool::new(params.d2a_scheme.as_ref().map_or(0, |d| d.beds)),
                crisis_response: Pool::new(params.crisis_response.as_ref().map_or(0, |c| c.capacity)),
            },
            units: teams::build_units(params),
            effects: params.teams.iter().map(|t| TeamEffects::new(&t.effects)).collect(),
            profiles: ProfileBook::new(params.area.practices as usize),
            window_start: warmup,
            horizon,
            discount: Discount::new(params.costs.discount_rate, warmup),
            tallies: Tallies::default(),
            series: Vec::new(),
            place_counts: [0; Place::COUNT],
            started: 0,
            joined: 0,
            died: 0,
            alive: 0,
            alive_since: 0.0,
            lookahead_until: horizon.min(DAYS_PER_YEAR),
        }
    }

    // ----- population -----------------------------------------------------------------------

    fn add_person(&mut self, entrant: bool) -> u32 {
        let id = self.people.len() as u32;
        let mut attributes = Stream::new(StreamKey {
            seed: self.seed,
            replication: self.replication,
            entity: id,
            purpose: purpose::ATTRIBUTES,
        });
        let mut person = draw_person(self.params, &mut attributes, entrant);
        let mut streams = PersonStreams::new(self.seed, self.replication, id);
        let now = self.queue.now();
        for (budget, stream) in person.clock_budget.iter_mut().zip(&mut streams.clocks) {
            *budget = stream.exp1();
        }
        person.clocks_at = now;
        person.since = now;
        let resident = person.care_home.take();
        if !self.units.is_empty() {
            self.profiles.add(id, u32::from(person.practice), Profile::of(&person));
        }
        self.people.push(person);
        self.streams.push(streams);
        self.versions.grow_to(self.people.len());
        self.count_alive(1);
        self.place_counts[Place::Home.index()] += 1;
        match resident {
            Some(service) => self.settle_resident(id, service),
            None => self.refresh_clocks(id),
        }
        id
    }

    /// Someone already living in a care home at the start: not a new admission.
    fn settle_resident(&mut self, id: u32, service: Service) {
        let now = self.queue.now();
        match self.pools.get(service).request(now, id) {
            Request::Granted => {
                let p = &mut self.people[id as usize];
                p.care_home = Some(service);
                p.care_home_since = now;
                self.move_to(id, Place::CareHome);
            }
            Request::Queued => {
                self.people[id as usize].waiting_for = Some(service);
                self.refresh_clocks(id);
            }
        }
    }

    fn populate(&mut self) {
        // Everyone who will ever live in this replication, so the vectors never reallocate.
        let years = self.params.simulation.warmup_years + self.params.simulation.years;
        let everyone =
            initial_size(self.params) as usize + yearly_entrants(self.params) as usize * years as usize;
        self.people.reserve_exact(everyone);
        self.streams.reserve_exact(everyone);
        self.versions.grow_to(everyone);
        for _ in 0..initial_size(self.params) {
            self.add_person(false);
        }
        self.started = self.people.len() as u32;
        if years > 1 {
            self.queue.schedule(DAYS_PER_YEAR, Event::AnnualUpdate);
        }
        self.queue.schedule(self.window_start, Event::WarmupEnd);
        self.queue.schedule(self.window_start, Event::Sample);
        for unit in 0..self.units.len() as u32 {
            self.queue.schedule(0.0, Event::TeamReview { unit });
        }
    }

    fn annual_update(&mut self) {
        let now = self.queue.now();
        self.lookahead_until = self.horizon.min(now + DAYS_PER_YEAR);
        for id in 0..self.people.len() {
            let person = &mut self.people[id];
            if !person.is_alive() {
                continue;
            }
            age_one_year(person, &self.yearly, &mut self.streams[id].annual);
            if matches!(person.place, Place::Home | Place::CareHome) {
                self.refresh_clocks(id as u32);
            }
            self.sync_profile(id as u32);
        }
        for _ in 0..yearly_entrants(self.params) {
            self.add_person(true);
            self.joined += 1;
        }
        // Every count the invariants compare is cumulative, so a break persists to the horizon,
        // where every build checks; debug builds also check yearly to find it sooner.
        if cfg!(debug_assertions)
            && let Err(problem) = self.check_invariants()
        {
            panic!("invariant broken at day {now}: {problem}");
        }
        if now + DAYS_PER_YEAR < self.horizon {
            self.queue.schedule(now + DAYS_PER_YEAR, Event::AnnualUpdate);
        }
    }

    // ----- accounting -----------------------------------------------------------------------

    /// The part of [a, b] inside the measured window.
    fn clip(&self, a: f64, b: f64) -> Option<(f64, f64)> {
        let (a, b) = (a.max(self.window_start), b.min(self.horizon));
        (b > a).then_some((a, b))
    }

    fn in_window(&self) -> bool {
        self.queue.now() >= self.window_start
    }

    fn count(&mut self, tally: Tally) {
        if self.in_window() {
            self.tallies.count(tally);
        }
    }

    fn charge_once(&mut self, cost: &Cost) {
        if self.in_window() {
            let gbp = cost.gbp.value() * self.discount.factor(self.queue.now());
            self.tallies.add_cost(cost.payer, gbp);
        }
    }

    /// Add the in-window part of [a, b] to `days` (and `also`), charging `cost_per_day`.
    fn accrue_days(&mut self, a: f64, b: f64, days: &[Tally], cost: Option<(&Cost, f64)>) {
        let Some((a, b)) = self.clip(a, b) else {
            return;
        };
        for &tally in days {
            self.tallies.add(tally, b - a);
        }
        if let Some((cost, per_day)) = cost {
            let gbp = cost.gbp.value() * per_day * self.discount.integral(a, b);
            self.tallies.add_cost(cost.payer, gbp);
        }
    }

    /// Add person-days lived since the last change in the number alive, then apply `delta`.
    fn count_alive(&mut self, delta: i32) {
        let now = self.queue.now();
        if let Some((a, b)) = self.clip(self.alive_since, now) {
            self.tallies.add(Tally::PersonDays, f64::from(self.alive) * (b - a));
        }
        self.alive_since = now;
        self.alive = self.alive.checked_add_signed(delta).expect("more deaths than people");
    }

    /// Close the person's current place: add its days to the tallies and charge for them.
    fn close_segment(&mut self, id: u32) {
        let now = self.queue.now();
        let p = &self.people[id as usize];
        let (place, since) = (p.place, p.since);
        let costs = &self.params.costs;
        match place {
            Place::Home => self.accrue_days(since, now, &[Tally::DaysAtHome], None),
            Place::Trolley => {
                if let Some((a, b)) = self.clip(since, now) {
                    self.tallies.add(Tally::TrolleyHours, (b - a) * 24.0);
                }
            }
            Place::Acute => {
                self.accrue_days(since, now, &[Tally::AcuteBedDays], Some((&costs.acute_bed_day, 1.0)))
            }
            Place::AcuteDelayed => self.accrue_days(
                since,
                now,
                &[Tally::AcuteBedDays, Tally::DelayedDischargeDays],
                Some((&costs.acute_bed_day, 1.0)),
            ),
            // A D2A scheme's beds are paid as a block (see `fixed_costs`), usual beds per use.
            Place::D2a | Place::D2aDelayed => {
                let cost = (p.short_term == Service::D2a).then_some((&costs.d2a_bed_week, 1.0 / 7.0));
                self.accrue_days(since, now, &[Tally::D2aBedDays], cost)
            }
            Place::Ae | Place::CareHome | Place::Dead => {}
        }
    }

    /// Close the person's permanent care-home placement (at death or at the horizon).
    fn close_care_home(&mut self, id: u32) {
        let now = self.queue.now();
        let p = &self.people[id as usize];
        let Some(service) = p.care_home else { return };
        let costs = &self.params.costs;
        let weekly = if service == Service::Nursing { &costs.nursing_week } else { &costs.residential_week };
        self.accrue_days(p.care_home_since, now, &[Tally::CareHomeBedDays], Some((weekly, 1.0 / 7.0)));
    }

    // ----- moving people --------------------------------------------------------------------

    fn move_to(&mut self, id: u32, place: Place) {
        self.close_segment(id);
        let now = self.queue.now();
        let p = &mut self.people[id as usize];
        self.place_counts[p.place.index()] -= 1;
        self.place_counts[place.index()] += 1;
        // The case-finding profile records only whether the person is at home.
        let home_changed = (p.place == Place::Home) != (place == Place::Home);
        p.place = place;
        p.since = now;
        // Rescheduling the clocks bumps the version, which also makes any other event stamped
        // for the old place stale.
        self.refresh_clocks(id);
        if home_changed {
            self.sync_profile(id);
        }
    }

    /// Refresh the person's case-finding profile after a change to what it records.
    fn sync_profile(&mut self, id: u32) {
        if !self.profiles.is_empty() {
            self.profiles.set(id, Profile::of(&self.people[id as usize]));
        }
    }

    /// Use up each clock's budget to now, set the rates for where the person is, and schedule
    /// the earliest clock.
    fn refresh_clocks(&mut self, id: u32) {
        let now = self.queue.now();
        let p = &mut self.people[id as usize];
        p.use_clocks_until(now);
        p.clock_rate = match p.place {
            Place::Home => {
                let group = p.risk_group();
                let waiting = p.waiting_for.is_some();
                let effects =
                    p.enrolled_with.map_or(TeamEffects::NONE, |u| self.effects[self.units[u as usize].team]);
                [
                    self.crisis.per_day(group) * effects.crisis_rate,
                    self.death.per_day(group),
                    if waiting { 0.0 } else { self.care_home_entry.per_day(group) * effects.care_home_entry },
                ]
            }
            Place::CareHome => {
                let ch = &self.params.care_home;
                [
                    ch.crisis_per_1000_per_year / 1000.0 / DAYS_PER_YEAR,
                    ch.death_per_1000_per_year / 1000.0 / DAYS_PER_YEAR,
                    0.0,
                ]
            }
            _ => [0.0; CLOCKS],
        };
        let next = (0..CLOCKS)
            .filter(|&k| p.clock_rate[k] > 0.0)
            .map(|k| (p.clock_budget[k] / p.clock_rate[k], k))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let stamp = self.versions.bump(id as usize);
        if let Some((wait, k)) = next
            && now + wait < self.lookahead_until
        {
            p.next_clock = k as u8;
            self.queue.schedule(now + wait, Event::Clock { person: id, stamp });
        }
    }

    /// Ask `service` for a place for `id`; move them in now, or queue them.
    fn request(&mut self, service: Service, id: u32) {
        let now = self.queue.now();
        match self.pools.get(service).request(now, id) {
            Request::Granted => self.granted(service, id),
            Request::Queued => {
                let p = &mut self.people[id as usize];
                p.waiting_for = Some(service);
                let max_wait = match service {
                    Service::D2a => Some(self.params.d2a.max_wait_days),
                    Service::D2aScheme => self.params.d2a_scheme.as_ref().map(|d| d.max_wait_days),
                    _ => None,
                };
                if let Some(max_wait) = max_wait {
                    let stamp = self.versions.current(id as usize);
                    self.queue.schedule(now + max_wait, Event::WaitTimeout { person: id, stamp });
                } else if p.place == Place::Home {
                    self.refresh_clocks(id);
                }
            }
        }
    }

    /// `service` has a place for `id` (at once or after a wait): move them in.
    fn granted(&mut self, service: Service, id: u32) {
        self.people[id as usize].waiting_for = None;
        match service {
            Service::Acute => self.start_acute(id),
            Service::D2a | Service::D2aScheme => {
                self.leave_acute(id);
                self.enter_d2a(id, service);
            }
            Service::HomeSupport => {
                self.leave_acute(id);
                self.start_home_support(id);
                self.discharge_home(id);
            }
            Service::Residential | Service::Nursing => {
                let from_hospital = match self.people[id as usize].place {
                    Place::AcuteDelayed => {
                        self.leave_acute(id);
                        true
                    }
                    Place::D2aDelayed => {
                        self.leave_d2a(id);
                        true
                    }
                    _ => false,
                };
                self.enter_care_home(id, service, from_hospital);
            }
            Service::CrisisResponse => unreachable!("crisis responses never queue"),
        }
    }

    /// Hand a freed unit of `service` to whoever was waiting for it.
    fn release(&mut self, service: Service) {
        let now = self.queue.now();
        if let Some((next, _waited)) = self.pools.get(service).release(now) {
            self.granted(service, next);
        }
    }

    /// Back from A&E without admission: to the care home, or home (rejoining the line for a
    /// care-home bed if they were in it).
    fn go_home_or_care_home(&mut self, id: u32) {
        if self.people[id as usize].care_home.is_some() {
            self.move_to(id, Place::CareHome);
            return;
        }
        self.move_to(id, Place::Home);
        if let Some(service) = self.people[id as usize].needs_care_home.take() {
            self.request(service, id);
        }
    }

    fn die(&mut self, id: u32, in_hospital: bool) {
        if let Some(service) = self.people[id as usize].waiting_for.take() {
            self.pools.get(service).cancel(id);
        }
        self.people[id as usize].needs_care_home = None;
        self.end_enrolment(id);
        self.close_care_home(id);
        self.move_to(id, Place::Dead);
        self.count(Tally::Deaths);
        if in_hospital {
            self.count(Tally::DeathsInHospital);
        }
        self.count_alive(-1);
        self.died += 1;
        if let Some(service) = self.people[id as usize].care_home.take() {
            self.release(service);
        }
    }

    // ----- the pathway ----------------------------------------------------------------------

    fn on_clock(&mut self, id: u32) {
        let now = self.queue.now();
        let p = &mut self.people[id as usize];
        p.use_clocks_until(now);
        let k = usize::from(p.next_clock);
        p.clock_budget[k] = self.streams[id as usize].clocks[k].exp1();
        match k {
            CLOCK_CRISIS => self.crisis(id),
            CLOCK_DEATH => self.die(id, false),
            CLOCK_CARE_HOME => {
                let u = self.streams[id as usize].clocks[CLOCK_CARE_HOME].uniform();
                let service = self.care_home_service(id, u);
                self.request(service, id);
            }
            _ => unreachable!("only {CLOCKS} clocks"),
        }
    }

    fn care_home_service(&self, id: u32, u: f64) -> Service {
        let frailty = usize::from(self.people[id as usize].frailty);
        if u < self.params.care_home.nursing_share_by_frailty[frailty] {
            Service::Nursing
        } else {
            Service::Residential
        }
    }

    fn crisis(&mut self, id: u32) {
        let episode = EpisodeDraws::draw(&mut self.streams[id as usize].episode);
        self.people[id as usize].episode = episode;
        let at_home = self.people[id as usize].place == Place::Home;
        if at_home && self.crisis_managed_at_home(episode.crisis_response) {
            // Still at home: the crisis clock has a new budget and must be rescheduled.
            self.refresh_clocks(id);
            return;
        }
        if let Some(service) = self.people[id as usize].waiting_for.take() {
            // Someone waiting at home for a care-home bed leaves the line on going to hospital,
            // keeping the need.
            self.pools.get(service).cancel(id);
            self.people[id as usize].needs_care_home = Some(service);
        }
        self.move_to(id, Place::Ae);
        self.count(Tally::AeAttendances);
        let params = self.params;
        self.charge_once(&params.costs.ae_attendance);
        let hours = self.params.ae.mean_hours * episode.ae_hours;
        self.queue.schedule_in(hours / 24.0, Event::AeDone { person: id });
    }

    /// A community crisis response takes the crisis if it is one it can manage (draw `u`) and
    /// it has room; the person stays at home.
    fn crisis_managed_at_home(&mut self, u: f64) -> bool {
        let Some(response) = &self.params.crisis_response else {
            return false;
        };
        let now = self.queue.now();
        if u >= response.share_manageable.value() || !self.pools.crisis_response.try_acquire(now) {
            return false;
        }
        self.count(Tally::CrisisResponses);
        if self.in_window() {
            let gbp = response.episode_cost.gbp.value() * self.discount.factor(now);
            self.tallies.add_intervention_cost(response.episode_cost.payer, gbp);
        }
        self.queue.schedule(now + response.episode_days, Event::CrisisResponseEnd);
        true
    }

    fn ae_done(&mut self, id: u32) {
        let p = &self.people[id as usize];
        let admit_probability = if p.care_home.is_some() {
            self.params.care_home.admission_probability
        } else {
            let team = self.effects_for(id).admission_given_ae;
            (self.params.ae.admission_probability_by_frailty[usize::from(p.frailty)] * team).min(1.0)
        };
        let admit = p.episode.admit < admit_probability;
        let diverted = self
            .params
            .gp_in_ae
            .as_ref()
            .is_some_and(|gp| p.episode.gp_divert < gp.hours_covered_share * gp.diverted_share.value());
        if admit && diverted {
            self.count(Tally::GpDiversions);
        }
        if admit && !diverted {
            self.count(Tally::EmergencyAdmissions);
            self.move_to(id, Place::Trolley);
            self.request(Service::Acute, id);
        } else {
            self.go_home_or_care_home(id);
        }
    }

    /// The effects of the team the person is enrolled with (none if not enrolled).
    fn effects_for(&self, id: u32) -> TeamEffects {
        self.people[id as usize]
            .enrolled_with
            .map_or(TeamEffects::NONE, |u| self.effects[self.units[u as usize].team])
    }

    fn start_acute(&mut self, id: u32) {
        let now = self.queue.now();
        self.move_to(id, Place::Acute);
        self.count(Tally::AcuteBedEntries);
        let stay_effect = self.effects_for(id).length_of_stay;
        let p = &mut self.people[id as usize];
        p.admitted_at = now;
        p.last_admission = now;
        let frailty = usize::from(p.frailty);
        let acute = &self.params.acute;
        let mean = acute.los_mean_days_by_frailty[frailty] * stay_effect;
        let los = lognormal(mean, acute.los_coefficient_of_variation, p.episode.los);
        self.queue.schedule(now + los, Event::ClinicallyReady { person: id });
        self.sync_profile(id);
    }

    fn leave_acute(&mut self, id: u32) {
        let now = self.queue.now();
        if self.in_window() {
            self.tallies.count(Tally::AcuteStaysEnded);
            self.tallies.add(Tally::AcuteStayDaysEnded, now - self.people[id as usize].admitted_at);
        }
        self.release(Service::Acute);
    }

    fn clinically_ready(&mut self, id: u32) {
        let now = self.queue.now();
        let p = &self.people[id as usize];
        let frailty = usize::from(p.frailty);
        if p.episode.death < self.params.acute.death_probability_by_frailty[frailty] {
            self.leave_acute(id);
            self.die(id, true);
            return;
        }
        if p.care_home.is_some() {
            // Care-home residents go back to the bed held for them (pathway 0 in the guidance).
            self.count(Tally::DischargesP0);
            self.leave_acute(id);
            self.move_to(id, Place::CareHome);
            return;
        }
        let mut shares = self.params.discharge.pathway_shares.by_frailty()[frailty];
        // A team's effect on care-home discharges moves that share to home with support.
        let to_care_home =
            (shares[3] * self.effects_for(id).discharge_to_care_home).min(shares[3] + shares[1]);
        shares[1] += shares[3] - to_care_home;
        shares[3] = to_care_home;
        let mut pathway = if p.needs_care_home.is_some() { 3 } else { pick(p.episode.pathway, &shares) };
        let mut arrangement_mean = self.params.discharge.arrangement_mean_days[pathway];
        if let Some(scheme) = &self.params.d2a_scheme
            && pathway == 3
            && scheme.beds > 0
            && p.episode.scheme < scheme.pathway3_share
        {
            // Discharge to assess: a short-term bed now, the decision about permanent care later.
            pathway = PATHWAY_D2A_SCHEME;
            arrangement_mean = scheme.arrangement_mean_days;
        }
        let arrangement = arrangement_mean * p.episode.arrangement;
        let tally = [
            Tally::DischargesP0,
            Tally::DischargesP1,
            Tally::DischargesP2,
            Tally::DischargesP3,
            Tally::DischargesP2,
        ];
        self.count(tally[pathway]);
        let p = &mut self.people[id as usize];
        p.pathway = pathway as u8;
        p.ready_at = now;
        self.move_to(id, Place::AcuteDelayed);
        if arrangement > 0.0 {
            self.queue.schedule(now + arrangement, Event::DischargeArranged { person: id });
        } else {
            self.seek_next_place(id);
        }
    }

    /// The discharge is arranged: move on if the next place has room, or wait in the bed.
    fn seek_next_place(&mut self, id: u32) {
        match usize::from(self.people[id as usize].pathway) {
            0 => {
                self.leave_acute(id);
                self.discharge_home(id);
            }
            1 if self.params.home_support.slots > 0 => self.request(Service::HomeSupport, id),
            1 => {
                // No home-support service in this scenario: home without it.
                self.leave_acute(id);
                self.discharge_home(id);
            }
            2 if self.params.d2a.beds > 0 => self.request(Service::D2a, id),
            PATHWAY_D2A_SCHEME => self.request(Service::D2aScheme, id),
            _ => self.place_permanently_from_hospital(id),
        }
    }

    /// Home from hospital: referred to the teams in their practice that take referrals.
    fn discharge_home(&mut self, id: u32) {
        self.people[id as usize].referred = true;
        self.move_to(id, Place::Home);
        let practice = u32::from(self.people[id as usize].practice);
        for unit in &mut self.units {
            if self.params.teams[unit.team].finding.refer_after_admission
                && unit.practices.contains(&practice)
            {
                unit.referrals.push_back(id);
            }
        }
    }

    fn place_permanently_from_hospital(&mut self, id: u32) {
        let p = &mut self.people[id as usize];
        p.pathway = 3;
        let needed = p.needs_care_home.take();
        let service =
            needed.unwrap_or_else(|| self.care_home_service(id, self.people[id as usize].episode.nursing));
        self.request(service, id);
    }

    fn wait_timeout(&mut self, id: u32) {
        let waiting = self.people[id as usize].waiting_for;
        if let Some(service @ (Service::D2a | Service::D2aScheme)) = waiting {
            self.pools.get(service).cancel(id);
            self.people[id as usize].waiting_for = None;
            self.place_permanently_from_hospital(id);
        }
    }

    fn start_home_support(&mut self, id: u32) {
        let now = self.queue.now();
        self.count(Tally::HomeSupportStarts);
        let days =
            self.params.home_support.mean_duration_days * self.people[id as usize].episode.support_days;
        let params = self.params;
        self.accrue_days(now, now + days, &[], Some((&params.costs.home_support_week, 1.0 / 7.0)));
        self.queue.schedule(now + days, Event::HomeSupportEnd);
    }

    fn enter_d2a(&mut self, id: u32, service: Service) {
        let now = self.queue.now();
        self.move_to(id, Place::D2a);
        self.count(Tally::D2aAdmissions);
        let (mean, max) = match (service, &self.params.d2a_scheme) {
            (Service::D2aScheme, Some(scheme)) => {
                self.count(Tally::D2aSchemeAdmissions);
                (scheme.mean_stay_days, scheme.max_stay_days)
            }
            _ => (self.params.d2a.mean_stay_days, self.params.d2a.max_stay_days),
        };
        let p = &mut self.people[id as usize];
        p.admitted_at = now;
        p.short_term = service;
        // The assessment decides afresh about permanent care.
        p.needs_care_home = None;
        let stay = lognormal(mean, 0.5, p.episode.d2a_stay).min(max);
        self.queue.schedule(now + stay, Event::D2aDone { person: id });
    }

    fn leave_d2a(&mut self, id: u32) {
        let now = self.queue.now();
        if self.in_window() {
            self.tallies.count(Tally::D2aStaysEnded);
            self.tallies.add(Tally::D2aStayDaysEnded, now - self.people[id as usize].admitted_at);
        }
        self.release(self.people[id as usize].short_term);
    }

    fn d2a_done(&mut self, id: u32) {
        let p = &self.people[id as usize];
        let (home, care_home) = match (p.short_term, &self.params.d2a_scheme) {
            (Service::D2aScheme, Some(s)) => (s.outcome_home, s.outcome_care_home),
            _ => (self.params.d2a.outcome_home, self.params.d2a.outcome_care_home),
        };
        let u = p.episode.d2a_outcome;
        if u < home {
            self.leave_d2a(id);
            self.move_to(id, Place::Home);
        } else if u < home + care_home {
            self.move_to(id, Place::D2aDelayed);
            let service = self.care_home_service(id, self.people[id as usize].episode.nursing);
            self.request(service, id);
        } else {
            self.leave_d2a(id);
            self.die(id, false);
        }
    }

    fn enter_care_home(&mut self, id: u32, service: Service, from_hospital: bool) {
        let now = self.queue.now();
        self.count(Tally::CareHomeAdmissions);
        if from_hospital {
            self.count(Tally::CareHomeAdmissionsFromHospital);
        }
        self.end_enrolment(id);
        let p = &mut self.people[id as usize];
        p.care_home = Some(service);
        p.care_home_since = now;
        self.move_to(id, Place::CareHome);
    }

    // ----- case-finding teams ---------------------------------------------------------------

    /// A team meeting: discuss the highest-risk eligible people, enrol those who consent.
    fn team_review(&mut self, unit: u32) {
        let now = self.queue.now();
        let team = &self.params.teams[self.units[unit as usize].team];
        let free = self.units[unit as usize].capacity.saturating_sub(self.units[unit as usize].enrolled);
        let k = free.min(team.finding.cases_per_review) as usize;
        let chosen = self.units[unit as usize].next_cases(team, &self.profiles, now, k);
        for id in chosen {
            let consents = self.streams[id as usize].team.uniform() < team.finding.consent;
            let p = &mut self.people[id as usize];
            p.referred = false;
            if consents {
                self.enrol(id, unit);
            } else {
                p.declined_until = now + team.enrolment_days;
            }
            self.sync_profile(id);
        }
        let next = now + team.finding.review_interval_days;
        if next < self.horizon {
            self.queue.schedule(next, Event::TeamReview { unit });
        }
    }

    fn enrol(&mut self, id: u32, unit: u32) {
        let now = self.queue.now();
        self.count(Tally::TeamEnrolments);
        self.units[unit as usize].enrolled += 1;
        let days = self.params.teams[self.units[unit as usize].team].enrolment_days;
        let p = &mut self.people[id as usize];
        p.enrolled_with = Some(unit);
        p.enrolled_since = now;
        p.enrolment_seq += 1;
        let seq = p.enrolment_seq;
        self.queue.schedule(now + days, Event::EnrolmentEnd { person: id, seq });
        self.refresh_rates_for_team(id, unit);
    }

    /// Reschedule the person's clocks if the team changes their rates at home. A team without
    /// such effects leaves the clocks (and so every later event) exactly as they were.
    fn refresh_rates_for_team(&mut self, id: u32, unit: u32) {
        let e = self.effects[self.units[unit as usize].team];
        let changes_rates = e.crisis_rate != 1.0 || e.care_home_entry != 1.0;
        if changes_rates && matches!(self.people[id as usize].place, Place::Home | Place::CareHome) {
            self.refresh_clocks(id);
        }
    }

    /// End the person's enrolment, if any (its time is up, or they died or moved to a care home).
    fn end_enrolment(&mut self, id: u32) {
        let now = self.queue.now();
        let p = &mut self.people[id as usize];
        let Some(unit) = p.enrolled_with.take() else {
            return;
        };
        p.enrolment_seq += 1;
        let since = p.enrolled_since;
        self.sync_profile(id);
        self.units[unit as usize].enrolled -= 1;
        self.accrue_days(since, now, &[Tally::TeamEnrolledDays], None);
        self.refresh_rates_for_team(id, unit);
    }

    /// Costs that run whatever happens: team staff, a D2A scheme's block-booked beds, the
    /// fixed costs of a crisis response and of a GP in A&E. Charged over the measured window.
    fn fixed_costs(&mut self) {
        let years = self.discount.integral(self.window_start, self.horizon) / DAYS_PER_YEAR;
        let mut yearly: Vec<(Payer, f64)> = Vec::new();
        for unit in &self.units {
            yearly.extend(teams::yearly_staff_cost(&self.params.teams[unit.team]));
        }
        if let Some(d) = &self.params.d2a_scheme {
            yearly.push((d.bed_week.payer, f64::from(d.beds) * d.bed_week.gbp.value() * DAYS_PER_YEAR / 7.0));
        }
        if let Some(c) = &self.params.crisis_response {
            yearly.push((c.yearly_cost.payer, c.yearly_cost.gbp.value()));
        }
        if let Some(g) = &self.params.gp_in_ae {
            yearly.push((g.yearly_cost.payer, g.yearly_cost.gbp.value()));
        }
        for (payer, gbp) in yearly {
            self.tallies.add_intervention_cost(payer, gbp * years);
        }
    }

    // ----- the run --------------------------------------------------------------------------

    fn sample(&mut self) {
        let now = self.queue.now();
        let counts = &self.place_counts;
        self.series.push([
            f64::from(self.pools.acute.occupied()),
            f64::from(counts[Place::AcuteDelayed.index()]),
            f64::from(counts[Place::Trolley.index()]),
            f64::from(self.pools.d2a.occupied()),
            f64::from(self.pools.home_support.occupied()),
            f64::from(self.pools.residential.occupied() + self.pools.nursing.occupied()),
        ]);
        // Sample k is at window start + k x interval exactly (no accumulated rounding).
        let next =
            self.window_start + self.series.len() as f64 * self.params.simulation.timeseries_interval_days;
        if next <= self.horizon {
            self.queue.schedule(next.max(now), Event::Sample);
        }
    }

    fn run(&mut self) {
        while let Some((_, event)) = self.queue.pop_until(self.horizon) {
            match event {
                Event::Clock { person, stamp } => {
                    if self.versions.is_current(person as usize, stamp) {
                        self.on_clock(person);
                    }
                }
                Event::AeDone { person } => self.ae_done(person),
                Event::ClinicallyReady { person } => self.clinically_ready(person),
                Event::DischargeArranged { person } => self.seek_next_place(person),
                Event::WaitTimeout { person, stamp } => {
                    if self.versions.is_current(person as usize, stamp) {
                        self.wait_timeout(person);
                    }
                }
                Event::D2aDone { person } => self.d2a_done(person),
                Event::HomeSupportEnd => self.release(Service::HomeSupport),
                Event::CrisisResponseEnd => {
                    // Crisis responses never queue, so a freed place has nobody to pass to.
                    let now = self.queue.now();
                    let next = self.pools.crisis_response.release(now);
                    debug_assert!(next.is_none());
                }
                Event::TeamReview { unit } => self.team_review(unit),
                Event::EnrolmentEnd { person, seq } => {
                    if self.people[person as usize].enrolment_seq == seq {
                        self.end_enrolment(person);
                    }
                }
                Event::AnnualUpdate => self.annual_update(),
                Event::Sample => self.sample(),
                Event::WarmupEnd => {
                    let now = self.queue.now();
                    for pool in self.pools.all() {
                        pool.reset_stats(now);
                    }
                }
            }
        }
        self.queue.advance_to(self.horizon);
    }

    fn finish(mut self) -> ReplicationOutput {
        for id in 0..self.people.len() as u32 {
            let p = &self.people[id as usize];
            if p.is_alive() {
                if p.enrolled_with.is_some() {
                    let since = p.enrolled_since;
                    self.accrue_days(since, self.horizon, &[Tally::TeamEnrolledDays], None);
                }
                self.close_segment(id);
                self.close_care_home(id);
            }
        }
        self.count_alive(0);
        self.fixed_costs();
        if let Err(problem) = self.check_invariants() {
            panic!("invariant broken at the horizon: {problem}");
        }
        let now = self.horizon;
        let pools = PoolFigures {
            acute_occupancy_mean: self.pools.acute.mean_occupancy(now),
            d2a_occupancy_mean: self.pools.d2a.mean_occupancy(now)
                + self.pools.d2a_scheme.mean_occupancy(now),
            care_home_occupancy_mean: self.pools.residential.mean_occupancy(now)
                + self.pools.nursing.mean_occupancy(now),
            team_places: self.units.iter().map(|u| f64::from(u.capacity)).sum(),
            events: self.queue.events_processed(),
        };
        ReplicationOutput {
            metrics: self.tallies.metrics(f64::from(self.params.simulation.years), pools),
            draws: Vec::new(),
            series: self.series,
        }
    }

    /// Nobody in two places, no pool over capacity, people conserved.
    fn check_invariants(&self) -> Result<(), String> {
        let mut counts = [0u32; Place::COUNT];
        let (mut residential, mut nursing, mut in_d2a, mut in_scheme) = (0, 0, 0, 0);
        let mut enrolled = vec![0u32; self.units.len()];
        for p in &self.people {
            counts[p.place.index()] += 1;
            if matches!(p.place, Place::D2a | Place::D2aDelayed) {
                match p.short_term {
                    Service::D2aScheme => in_scheme += 1,
                    _ => in_d2a += 1,
                }
            }
            if let Some(unit) = p.enrolled_with {
                enrolled[unit as usize] += 1;
            }
            if p.is_alive() {
                match p.care_home {
                    Some(Service::Residential) => residential += 1,
                    Some(Service::Nursing) => nursing += 1,
                    _ => {}
                }
            }
        }
        if counts != self.place_counts {
            return Err(format!(
                "place counts {counts:?} differ from the running counts {:?}",
                self.place_counts
            ));
        }
        let pools = &self.pools;
        let in_acute = counts[Place::Acute.index()] + counts[Place::AcuteDelayed.index()];
        let checks = [
            ("acute", in_acute, &pools.acute),
            ("d2a", in_d2a, &pools.d2a),
            ("d2a scheme", in_scheme, &pools.d2a_scheme),
            ("residential", residential, &pools.residential),
            ("nursing", nursing, &pools.nursing),
        ];
        for (name, holders, pool) in checks {
            if holders != pool.occupied() {
                return Err(format!(
                    "{holders} people hold {name} places but the pool counts {}",
                    pool.occupied()
                ));
            }
            if pool.occupied() > pool.capacity() {
                return Err(format!(
                    "{name} occupancy {} above capacity {}",
                    pool.occupied(),
                    pool.capacity()
                ));
            }
        }
        for pool in [&pools.home_support, &pools.crisis_response] {
            if pool.occupied() > pool.capacity() {
                return Err("home support or crisis response over capacity".into());
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
        if counts[Place::Trolley.index()] as usize != pools.acute.waiting() {
            return Err("trolley count differs from the acute waiting line".into());
        }
        for (name, pool, service) in [
            ("acute", &pools.acute, Service::Acute),
            ("d2a", &pools.d2a, Service::D2a),
            ("d2a scheme", &pools.d2a_scheme, Service::D2aScheme),
            ("home support", &pools.home_support, Service::HomeSupport),
            ("residential", &pools.residential, Service::Residential),
            ("nursing", &pools.nursing, Service::Nursing),
        ] {
            if let Some(id) =
                pool.waiting_ids().find(|&id| self.people[id as usize].waiting_for != Some(service))
            {
                return Err(format!("person {id} is in the {name} line but not waiting for it"));
            }
        }
        if let Some(id) =
            (0..self.profiles.len()).find(|&i| *self.profiles.get(i as u32) != Profile::of(&self.people[i]))
        {
            return Err(format!("person {id}'s case-finding profile is out of date"));
        }
        let alive = self.people.len() as u32 - counts[Place::Dead.index()];
        if self.started + self.joined != alive + self.died || self.died != counts[Place::Dead.index()] {
            return Err(format!(
                "people not conserved: {} started + {} joined != {alive} alive + {} died",
                self.started, self.joined, self.died
            ));
        }
        Ok(())
    }
}
