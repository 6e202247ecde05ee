//! The bed-based (and slot-based) services people wait for, held in one table indexed by
//! [`Service`]: a new service is a variant, a row in [`Services::new`], and the pathway step
//! that uses it.

use super::budget::BudgetLine;
use super::interventions::d2a_scheme;
use super::ledger::DailyCost;
use super::metrics::Tally;
use super::params::Params;
use crate::engine::Pool;

/// A service with a limited number of places and a first-come-first-served line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Acute,
    /// Usual short-term (step-down, discharge-to-assess) nursing beds for pathway 2.
    D2a,
    HomeSupport,
    Residential,
    Nursing,
    /// Beds of a discharge-to-assess scheme (an intervention; none without it).
    D2aScheme,
    /// Care-home beds outside the area, taken by people who waited too long for a local one
    /// (as many as are needed).
    OutOfAreaResidential,
    OutOfAreaNursing,
}

impl Service {
    pub const COUNT: usize = 8;
    pub const ALL: [Service; Service::COUNT] = [
        Service::Acute,
        Service::D2a,
        Service::HomeSupport,
        Service::Residential,
        Service::Nursing,
        Service::D2aScheme,
        Service::OutOfAreaResidential,
        Service::OutOfAreaNursing,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// How the service is named in messages.
    pub fn name(self) -> &'static str {
        match self {
            Service::Acute => "acute",
            Service::D2a => "d2a",
            Service::HomeSupport => "home support",
            Service::Residential => "residential",
            Service::Nursing => "nursing",
            Service::D2aScheme => "d2a scheme",
            Service::OutOfAreaResidential => "out-of-area residential",
            Service::OutOfAreaNursing => "out-of-area nursing",
        }
    }

    /// Nursing rather than residential care (the weekly price differs).
    pub fn is_nursing(self) -> bool {
        matches!(self, Service::Nursing | Service::OutOfAreaNursing)
    }

    /// The out-of-area counterpart of a local care-home service.
    pub fn out_of_area(self) -> Option<Service> {
        match self {
            Service::Residential => Some(Service::OutOfAreaResidential),
            Service::Nursing => Some(Service::OutOfAreaNursing),
            _ => None,
        }
    }
}

/// A short-term bed stay: its length, what follows it, and how it is paid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShortStay {
    pub mean_stay_days: f64,
    pub max_stay_days: f64,
    pub outcome_home: f64,
    pub outcome_care_home: f64,
    /// Charged per bed-day used; `None` where the beds are paid as a block (a fixed cost).
    pub cost: Option<DailyCost>,
    /// Counted at each admission.
    pub admissions_tally: Tally,
}

/// What the pathway needs to know about one service.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceSpec {
    pub capacity: u32,
    /// After waiting this long for a place, the person is placed permanently instead.
    pub max_wait_days: Option<f64>,
    /// For short-term beds.
    pub short_stay: Option<ShortStay>,
}

impl ServiceSpec {
    pub fn places(capacity: u32) -> Self {
        Self { capacity, max_wait_days: None, short_stay: None }
    }
}

/// Every service's pool and spec, and the places promised to people whose move is being
/// arranged (a scheme bed is offered only if one is free and not promised to someone else).
#[derive(Debug, Clone)]
pub struct Services {
    pools: [Pool; Service::COUNT],
    specs: [ServiceSpec; Service::COUNT],
    promised: [u32; Service::COUNT],
}

impl Services {
    pub fn new(params: &Params) -> Self {
        let d2a = &params.d2a;
        let specs = Service::ALL.map(|service| match service {
            Service::Acute => ServiceSpec::places(params.acute.beds),
            Service::D2a => ServiceSpec {
                capacity: d2a.beds,
                max_wait_days: Some(d2a.max_wait_days),
                short_stay: Some(ShortStay {
                    mean_stay_days: d2a.mean_stay_days,
                    max_stay_days: d2a.max_stay_days,
                    outcome_home: d2a.outcome_home,
                    outcome_care_home: d2a.outcome_care_home,
                    cost: Some(DailyCost::of(
                        &params.costs.d2a_bed_week,
                        1.0 / 7.0,
                        BudgetLine::StepDownBeds,
                    )),
                    admissions_tally: Tally::D2aAdmissions,
                }),
            },
            Service::HomeSupport => ServiceSpec::places(params.home_support.slots),
            Service::Residential | Service::Nursing => ServiceSpec {
                capacity: if service == Service::Nursing {
                    params.care_home.nursing_beds
                } else {
                    params.care_home.residential_beds
                },
                max_wait_days: params.care_home.out_of_area_after_days,
                short_stay: None,
            },
            Service::D2aScheme => d2a_scheme::beds(params),
            Service::OutOfAreaResidential | Service::OutOfAreaNursing => ServiceSpec::places(u32::MAX),
        });
        Self { pools: specs.map(|s| Pool::new(s.capacity)), specs, promised: [0; Service::COUNT] }
    }

    /// Promise a place of `service` if one is free, nobody is waiting and it is not promised
    /// already; whether it was.
    pub fn promise(&mut self, service: Service) -> bool {
        let pool = &self.pools[service.index()];
        let promised = &mut self.promised[service.index()];
        let free = pool.capacity() - pool.occupied();
        let can = pool.waiting() == 0 && free > *promised;
        if can {
            *promised += 1;
        }
        can
    }

    /// A promise ends: the person takes the place (asking for it now) or dies first.
    pub fn end_promise(&mut self, service: Service) {
        let promised = &mut self.promised[service.index()];
        *promised = promised.checked_sub(1).expect("a promise to end");
    }

    pub fn promised(&self, service: Service) -> u32 {
        self.promised[service.index()]
    }

    pub fn pool(&self, service: Service) -> &Pool {
        &self.pools[service.index()]
    }

    pub fn pool_mut(&mut self, service: Service) -> &mut Pool {
        &mut self.pools[service.index()]
    }

    pub fn spec(&self, service: Service) -> &ServiceSpec {
        &self.specs[service.index()]
    }

    pub fn pools_mut(&mut self) -> impl Iterator<Item = &mut Pool> {
        self.pools.iter_mut()
    }
}
