//! The occupancy series: which there are, when they are sampled and their capacities, and
//! taking a sample (the beds and places in use now).

use super::{Event, World};
use crate::model::DAYS_PER_YEAR;
use crate::model::inputs::Inputs;
use crate::model::person::Place;
use crate::model::services::Service;

/// Occupancy series sampled at regular intervals after the warm-up, in this order: services,
/// then the interventions' own capacity (a D2A scheme's beds, the people teams hold).
pub const SERIES: [&str; 8] = [
    "acute_occupied",
    "acute_delayed",
    "trolley_waits",
    "d2a_occupied",
    "home_support_occupied",
    "care_home_occupied",
    "d2a_scheme_occupied",
    "team_enrolled",
];

/// Sample times (days since the end of the warm-up) of the occupancy series.
pub fn series_times(inputs: &Inputs) -> Vec<f64> {
    let span = f64::from(inputs.simulation.years) * DAYS_PER_YEAR;
    let step = inputs.simulation.timeseries_interval_days;
    (0..).map(|k| f64::from(k) * step).take_while(|&t| t <= span).collect()
}

/// The capacity of each series' service (for charts), `None` where unlimited or not a pool,
/// or (team places) where it depends on values drawn in each replication.
pub fn series_capacity(inputs: &Inputs) -> [Option<u32>; SERIES.len()] {
    let [acute, d2a, home_support, residential, nursing] = inputs.capacities().map(|(_, _, units)| units);
    [
        Some(acute),
        None,
        None,
        Some(d2a),
        Some(home_support),
        Some(residential + nursing),
        inputs.d2a_scheme.as_ref().map(|s| s.beds),
        None,
    ]
}

/// Which series the scenario has: every service's, and an intervention's only if it has one.
pub fn series_in_use(inputs: &Inputs) -> [bool; SERIES.len()] {
    let scheme = inputs.d2a_scheme.as_ref().is_some_and(|s| s.beds > 0);
    [true, true, true, true, true, true, scheme, !inputs.teams.is_empty()]
}

impl World<'_> {
    pub(super) fn sample(&mut self) {
        let now = self.now();
        let counts = &self.place_counts;
        let occupied = |service| f64::from(self.services.pool(service).occupied());
        self.series.push([
            occupied(Service::Acute),
            f64::from(counts[Place::AcuteDelayed.index()]),
            f64::from(counts[Place::Trolley.index()]),
            occupied(Service::D2a),
            occupied(Service::HomeSupport),
            f64::from(
                self.services.pool(Service::Residential).occupied()
                    + self.services.pool(Service::Nursing).occupied(),
            ),
            occupied(Service::D2aScheme),
            self.interventions.iter().map(|i| f64::from(i.people_held())).sum(),
        ]);
        // Sample k is at window start + k x interval exactly (no accumulated rounding).
        let next = self.ledger.window_start()
            + self.series.len() as f64 * self.params.simulation.timeseries_interval_days;
        if next <= self.ledger.horizon() {
            self.queue.schedule(next.max(now), Event::Sample);
        }
    }
}
