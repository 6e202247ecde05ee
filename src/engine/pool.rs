//! A capacity-limited pool (beds, care slots) with a first-come-first-served waiting line.
//!
//! Admission and release are the only two decisions: a request is granted at once when a unit
//! is free and nobody is waiting, otherwise it joins the line; a release hands the freed unit
//! straight to the head of the line. The pool keeps time-weighted occupancy and waiting-time
//! statistics from the last [`Pool::reset_stats`] on (the end of the warm-up).

use std::collections::VecDeque;

/// What became of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Granted,
    Queued,
}

/// Waiting and throughput statistics since the last reset.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PoolStats {
    /// Requests granted (at once or after waiting).
    pub grants: u64,
    /// Of those, granted only after waiting.
    pub grants_after_wait: u64,
    /// Total waiting time of all grants, in days.
    pub total_wait: f64,
    /// Loss-system attempts ([`Pool::try_acquire`]) and how many were turned away.
    pub attempts: u64,
    pub blocked: u64,
}

#[derive(Debug, Clone)]
pub struct Pool {
    capacity: u32,
    busy: u32,
    line: VecDeque<(u32, f64)>,
    area: f64,
    last_change: f64,
    stats_start: f64,
    stats: PoolStats,
}

impl Pool {
    /// A pool of `capacity` units, all free at time 0.
    pub fn new(capacity: u32) -> Self {
        Self {
            capacity,
            busy: 0,
            line: VecDeque::new(),
            area: 0.0,
            last_change: 0.0,
            stats_start: 0.0,
            stats: PoolStats::default(),
        }
    }

    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    pub fn occupied(&self) -> u32 {
        self.busy
    }

    pub fn waiting(&self) -> usize {
        self.line.len()
    }

    /// Ids waiting, head of the line first.
    pub fn waiting_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.line.iter().map(|&(id, _)| id)
    }

    fn account(&mut self, now: f64) {
        self.area += f64::from(self.busy) * (now - self.last_change);
        self.last_change = now;
    }

    fn grant(&mut self, waited: f64) {
        self.stats.grants += 1;
        if waited > 0.0 {
            self.stats.grants_after_wait += 1;
            self.stats.total_wait += waited;
        }
    }

    /// Ask for a unit for `id`: granted now, or queued behind everyone already waiting.
    pub fn request(&mut self, now: f64, id: u32) -> Request {
        if self.busy < self.capacity && self.line.is_empty() {
            self.account(now);
            self.busy += 1;
            self.grant(0.0);
            Request::Granted
        } else {
            self.line.push_back((id, now));
            Request::Queued
        }
    }

    /// Loss-system request: take a unit if one is free, never wait.
    pub fn try_acquire(&mut self, now: f64) -> bool {
        self.stats.attempts += 1;
        if self.busy < self.capacity {
            self.account(now);
            self.busy += 1;
            self.grant(0.0);
            true
        } else {
            self.stats.blocked += 1;
            false
        }
    }

    /// Give back one unit. If someone is waiting, the unit passes to the head of the line at
    /// once and their id and waiting time are returned; the caller moves them in.
    pub fn release(&mut self, now: f64) -> Option<(u32, f64)> {
        assert!(self.busy > 0, "release from an empty pool");
        match self.line.pop_front() {
            Some((id, since)) => {
                let waited = now - since;
                self.grant(waited);
                Some((id, waited))
            }
            None => {
                self.account(now);
                self.busy -= 1;
                None
            }
        }
    }

    /// Withdraw `id` from the waiting line (it left for another reason). True if it was there.
    pub fn cancel(&mut self, id: u32) -> bool {
        match self.line.iter().position(|&(w, _)| w == id) {
            Some(i) => {
                self.line.remove(i);
                true
            }
            None => false,
        }
    }

    /// Forget statistics gathered so far and measure from `now` on (occupancy stays as it is).
    pub fn reset_stats(&mut self, now: f64) {
        self.account(now);
        self.area = 0.0;
        self.stats_start = now;
        self.stats = PoolStats::default();
    }

    /// Unit-days occupied between the last reset and `now`.
    pub fn occupied_unit_days(&self, now: f64) -> f64 {
        self.area + f64::from(self.busy) * (now - self.last_change)
    }

    /// Time-average occupancy between the last reset and `now`.
    pub fn mean_occupancy(&self, now: f64) -> f64 {
        let span = now - self.stats_start;
        if span > 0.0 { self.occupied_unit_days(now) / span } else { f64::from(self.busy) }
    }

    pub fn stats(&self) -> PoolStats {
        self.stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_pool_queues_in_arrival_order_and_hands_over_on_release() {
        let mut p = Pool::new(1);
        assert_eq!(p.request(0.0, 7), Request::Granted);
        assert_eq!(p.request(1.0, 8), Request::Queued);
        assert_eq!(p.request(2.0, 9), Request::Queued);
        assert_eq!(p.release(4.0), Some((8, 3.0)));
        assert_eq!(p.occupied(), 1);
        assert!(p.cancel(9));
        assert_eq!(p.release(5.0), None);
        assert_eq!(p.occupied(), 0);
        let s = p.stats();
        assert_eq!((s.grants, s.grants_after_wait, s.total_wait), (2, 1, 3.0));
    }

    #[test]
    fn occupancy_is_time_weighted_from_the_reset() {
        let mut p = Pool::new(3);
        p.request(0.0, 1);
        p.request(0.0, 2);
        p.reset_stats(10.0);
        p.release(15.0);
        // two units for 5 days, one unit for 5 days
        assert_eq!(p.occupied_unit_days(20.0), 15.0);
        assert_eq!(p.mean_occupancy(20.0), 1.5);
    }

    #[test]
    fn loss_requests_never_queue() {
        let mut p = Pool::new(1);
        assert!(p.try_acquire(0.0));
        assert!(!p.try_acquire(0.5));
        assert_eq!(p.waiting(), 0);
        assert_eq!((p.stats().attempts, p.stats().blocked), (2, 1));
    }

    #[test]
    fn zero_capacity_queues_everyone() {
        let mut p = Pool::new(0);
        assert_eq!(p.request(0.0, 1), Request::Queued);
        assert_eq!(p.occupied(), 0);
    }
}
