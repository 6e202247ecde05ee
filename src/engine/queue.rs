//! Event queue ordered by (time, sequence number), and version counters for lazy cancellation.
//!
//! Ordering guarantee: events come out in increasing time; events scheduled for the same time
//! come out in the order they were scheduled (the sequence number breaks ties). Together with
//! seeded random streams this makes a run exactly reproducible.
//!
//! Cancellation is lazy: instead of searching the pending events, a scheduler stamps an event
//! with the entity's current version and bumps the version when the event no longer applies;
//! the receiver drops events whose stamp is out of date ([`Versions::is_current`]).
//!
//! The pending events are kept in a calendar of near-future buckets with a heap behind it for
//! the far future (`queue/calendar.rs`), which gives exactly the order above.

mod calendar;
#[cfg(test)]
mod same_order;

use calendar::{Calendar, Entry};

/// A future-event list with a clock. Time is in days.
pub struct EventQueue<E> {
    list: Calendar<E>,
    next_seq: u64,
    now: f64,
    popped: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> EventQueue<E> {
    pub fn new() -> Self {
        Self { list: Calendar::new(), next_seq: 0, now: 0.0, popped: 0 }
    }

    /// Current simulation time: the time of the last event popped.
    pub fn now(&self) -> f64 {
        self.now
    }

    /// Schedule `event` at absolute time `time`, which must not be NaN nor in the past.
    pub fn schedule(&mut self, time: f64, event: E) {
        assert!(time >= self.now, "event scheduled at {time}, before the current time {}", self.now);
        self.list.push(Entry { time, seq: self.next_seq, event });
        self.next_seq += 1;
    }

    /// Schedule `event` after a delay of `delay` days from now.
    pub fn schedule_in(&mut self, delay: f64, event: E) {
        self.schedule(self.now + delay, event);
    }

    /// Remove the earliest event if it is due no later than `until`, advancing the clock to it.
    pub fn pop_until(&mut self, until: f64) -> Option<(f64, E)> {
        if self.list.first()?.time > until {
            return None;
        }
        let entry = self.list.pop()?;
        self.now = entry.time;
        self.popped += 1;
        Some((entry.time, entry.event))
    }

    /// Advance the clock to `time` without an event (used to close a run at its horizon).
    pub fn advance_to(&mut self, time: f64) {
        assert!(time >= self.now, "the clock cannot go back");
        self.now = time;
    }

    /// Number of events popped so far, stale or not: the kernel's unit of work.
    pub fn events_processed(&self) -> u64 {
        self.popped
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.len() == 0
    }
}

/// One version counter per entity, for lazy cancellation of scheduled events.
#[derive(Default, Clone)]
pub struct Versions {
    counters: Vec<u32>,
}

impl Versions {
    /// Make room for entities `0..n`.
    pub fn grow_to(&mut self, n: usize) {
        if self.counters.len() < n {
            self.counters.resize(n, 0);
        }
    }

    pub fn current(&self, entity: usize) -> u32 {
        self.counters[entity]
    }

    /// Invalidate every event already stamped for `entity`; returns the new stamp.
    pub fn bump(&mut self, entity: usize) -> u32 {
        let v = &mut self.counters[entity];
        *v = v.wrapping_add(1);
        *v
    }

    pub fn is_current(&self, entity: usize, stamp: u32) -> bool {
        self.counters[entity] == stamp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_time_events_keep_scheduling_order() {
        let mut q = EventQueue::new();
        q.schedule(2.0, "late");
        q.schedule(1.0, "a");
        q.schedule(1.0, "b");
        q.schedule(1.0, "c");
        let order: Vec<_> = std::iter::from_fn(|| q.pop_until(f64::INFINITY)).map(|(_, e)| e).collect();
        assert_eq!(order, ["a", "b", "c", "late"]);
    }

    #[test]
    fn pop_until_stops_at_the_horizon() {
        let mut q = EventQueue::new();
        q.schedule(5.0, ());
        assert!(q.pop_until(4.9).is_none());
        assert_eq!(q.pop_until(5.0).map(|(t, _)| t), Some(5.0));
    }

    #[test]
    #[should_panic(expected = "before the current time")]
    fn scheduling_in_the_past_is_a_bug() {
        let mut q = EventQueue::new();
        q.schedule(3.0, ());
        q.pop_until(10.0);
        q.schedule(1.0, ());
    }

    #[test]
    #[should_panic(expected = "before the current time")]
    fn a_nan_time_is_refused() {
        EventQueue::new().schedule(f64::NAN, ());
    }

    #[test]
    fn events_at_the_current_time_come_after_earlier_ones_of_that_time() {
        let mut q = EventQueue::new();
        for (time, name) in [(3.25, "a"), (3.25, "b"), (3.5, "c"), (4.0, "d")] {
            q.schedule(time, name);
        }
        assert_eq!(q.pop_until(10.0), Some((3.25, "a")));
        q.schedule_in(0.0, "now");
        q.schedule(f64::next_up(3.25), "just after");
        q.schedule(700.0, "far");
        let order: Vec<_> = std::iter::from_fn(|| q.pop_until(f64::INFINITY)).map(|(_, e)| e).collect();
        assert_eq!(order, ["b", "now", "just after", "c", "d", "far"]);
        assert_eq!((q.events_processed(), q.now()), (7, 700.0));
    }

    #[test]
    fn an_event_before_a_horizon_that_stopped_the_loop_still_comes_first() {
        // The loop stops at 10 with the next event at 50; the clock is moved on to 10 and an
        // event is scheduled at 20, before the one that stopped it.
        let mut q = EventQueue::new();
        q.schedule(50.0, "later");
        assert_eq!(q.pop_until(10.0), None);
        q.advance_to(10.0);
        q.schedule(20.0, "sooner");
        q.schedule(10.0, "now");
        assert_eq!(q.len(), 3);
        assert_eq!(q.pop_until(60.0), Some((10.0, "now")));
        assert_eq!(q.pop_until(60.0), Some((20.0, "sooner")));
        assert_eq!(q.pop_until(60.0), Some((50.0, "later")));
        assert!(q.is_empty());
    }

    #[test]
    fn bumped_versions_make_old_stamps_stale() {
        let mut v = Versions::default();
        v.grow_to(2);
        let stamp = v.current(1);
        assert!(v.is_current(1, stamp));
        v.bump(1);
        assert!(!v.is_current(1, stamp));
        assert!(v.is_current(0, 0));
    }
}
