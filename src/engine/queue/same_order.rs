//! The event queue against the plainest correct event list, a binary heap of (time, sequence
//! number): random interleavings of scheduling (at the current time, a few representable steps
//! after it, on bucket edges, at the times of earlier events, far ahead, at +infinity), popping
//! up to random limits and moving the clock on must give the same events in the same order.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use super::EventQueue;

/// The order every event list must give: a binary heap of (time, sequence number).
#[derive(Debug, Clone, Copy)]
struct Key(f64, u64);
impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

/// When to schedule, from the current time and the times scheduled before.
#[derive(Debug, Clone)]
enum When {
    Now,
    /// A few representable steps after now.
    JustAfter(u8),
    /// Within the next two days.
    Soon(f64),
    /// On a grid of eighths of a day from the start of today (bucket edges, equal times).
    Grid(u16),
    Far(f64),
    /// The time of an earlier event, if it is not past.
    Again(prop::sample::Index),
    Huge,
    Infinity,
}

#[derive(Debug, Clone)]
enum Op {
    Schedule(When),
    /// Pop due events until this far ahead of now (negative: behind it).
    PopUntil(f64),
    PopAll,
    Advance(f64),
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        3 => Just(When::Now),
        2 => (1..4u8).prop_map(When::JustAfter),
        6 => prop_oneof![0.0..0.05f64, 0.0..2.0f64].prop_map(When::Soon),
        6 => prop_oneof![0..16u16, 0..4_800u16].prop_map(When::Grid),
        2 => (400.0..5_000.0f64).prop_map(When::Far),
        3 => any::<prop::sample::Index>().prop_map(When::Again),
        1 => Just(When::Huge),
        1 => Just(When::Infinity),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        12 => when().prop_map(Op::Schedule),
        8 => prop_oneof![Just(-1.0), Just(0.0), 0.0..3.0f64, 0.0..800.0f64].prop_map(Op::PopUntil),
        1 => Just(Op::PopAll),
        1 => (0.0..100.0f64).prop_map(Op::Advance),
    ]
}

/// Pop from both lists; the answers must agree.
fn pop(
    q: &mut EventQueue<u64>,
    heap: &mut BinaryHeap<Reverse<Key>>,
    now: &mut f64,
    until: f64,
) -> Result<bool, TestCaseError> {
    let expected = match heap.peek() {
        Some(Reverse(Key(t, _))) if *t <= until => heap.pop().map(|Reverse(Key(t, s))| (t, s)),
        _ => None,
    };
    if let Some((t, _)) = expected {
        *now = t;
    }
    let got = q.pop_until(until);
    prop_assert_eq!(got.map(|(t, s)| (t.to_bits(), s)), expected.map(|(t, s)| (t.to_bits(), s)));
    Ok(got.is_some())
}

/// Run `ops` on an [`EventQueue`] and on the reference heap; every answer must agree.
fn same_as_a_heap(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut q = EventQueue::new();
    let (mut heap, mut now, mut seq) = (BinaryHeap::new(), 0.0f64, 0u64);
    let mut times: Vec<f64> = Vec::new();
    for op in ops {
        match op {
            Op::Schedule(when) => {
                let time = match when {
                    When::Now => now,
                    When::JustAfter(k) => (0..k).fold(now, |t, _| t.next_up()),
                    When::Soon(d) => now + d,
                    When::Grid(n) => (now.floor() + f64::from(n) / 8.0).max(now),
                    When::Far(d) => now + d,
                    When::Again(i) if !times.is_empty() => times[i.index(times.len())].max(now),
                    When::Again(_) => now,
                    When::Huge => now + 1e15,
                    When::Infinity => f64::INFINITY,
                };
                q.schedule(time, seq);
                heap.push(Reverse(Key(time, seq)));
                times.push(time);
                seq += 1;
            }
            Op::PopUntil(ahead) => {
                let until = now + ahead;
                pop(&mut q, &mut heap, &mut now, until)?;
            }
            Op::PopAll => while pop(&mut q, &mut heap, &mut now, f64::INFINITY)? {},
            Op::Advance(d) => {
                now += d;
                q.advance_to(now);
            }
        }
        prop_assert_eq!(q.now().to_bits(), now.to_bits());
        prop_assert_eq!(q.len(), heap.len());
    }
    while pop(&mut q, &mut heap, &mut now, f64::INFINITY)? {}
    prop_assert_eq!(q.events_processed(), seq - heap.len() as u64);
    prop_assert!(q.is_empty());
    Ok(())
}

#[test]
fn events_come_out_as_from_a_heap_of_time_and_sequence_number() {
    let config = Config { cases: 512, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    if let Err(e) = runner.run(&vec(op(), 0..600), same_as_a_heap) {
        panic!("{e}");
    }
}
