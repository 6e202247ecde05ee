//! The end of each measured year: the figures read off the bed pools (occupancy) and the event
//! queue are marked as the clock passes each year end, so results by year need no events of
//! their own and leave the run's events exactly as they are.

use super::World;
use crate::model::metrics::Figures;
use crate::model::services::Service;

/// What the pools and the queue had counted when a year ended.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct YearMark {
    /// Unit-days occupied since the pools' statistics began (the end of the warm-up):
    /// acute, usual D2A, a D2A scheme's, care homes.
    unit_days: [f64; 4],
    events: u64,
}

impl World<'_> {
    /// Mark every measured year that ended at or before `t`, the time of an event about to be
    /// handled (of which `pending` are counted as processed already). The last year ends at
    /// the horizon and is marked only once the run is over (`at_horizon`), since events at the
    /// horizon itself belong to it, as the ledger counts them.
    pub(super) fn mark_year_ends(&mut self, t: f64, pending: u64, at_horizon: bool) {
        let years = self.ledger.years();
        // Mark 0 is the start of the window, mark k the end of measured year k.
        let marks = if at_horizon { years.count() + 1 } else { years.count() };
        while self.year_marks.len() < marks {
            let k = self.year_marks.len();
            let at = if k == 0 { self.ledger.window_start() } else { years.end_of(k - 1) };
            if at > t {
                break;
            }
            let days = |service| self.services.pool(service).occupied_unit_days(at);
            let mark = YearMark {
                unit_days: [
                    days(Service::Acute),
                    days(Service::D2a),
                    days(Service::D2aScheme),
                    days(Service::Residential) + days(Service::Nursing),
                ],
                events: self.queue.events_processed() - pending,
            };
            self.year_marks.push(mark);
        }
        self.next_year_mark = match self.year_marks.len() {
            0 => self.ledger.window_start(),
            k if k < years.count() => years.end_of(k - 1),
            _ => f64::INFINITY,
        };
    }

    /// Each measured year's figures, given the whole window's (for what does not change by
    /// year: the places teams offer). Called once every year has been marked.
    pub(super) fn year_figures(&self, whole: &Figures) -> Vec<Figures> {
        let year = crate::model::DAYS_PER_YEAR;
        self.year_marks
            .windows(2)
            .enumerate()
            .map(|(k, pair)| {
                // The pools' statistics restart at the window's start, after mark 0 may be taken.
                let before = if k == 0 { [0.0; 4] } else { pair[0].unit_days };
                let mean = |i: usize| (pair[1].unit_days[i] - before[i]) / year;
                Figures {
                    acute_occupancy_mean: mean(0),
                    d2a_occupancy_mean: mean(1),
                    d2a_scheme_occupancy_mean: mean(2),
                    care_home_occupancy_mean: mean(3),
                    team_places: whole.team_places,
                    events: pair[1].events - pair[0].events,
                }
            })
            .collect()
    }
}
