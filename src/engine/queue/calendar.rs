//! The future-event list behind [`super::EventQueue`]: a calendar of near-future buckets in
//! front of a binary heap for the far future.
//!
//! Time is cut into buckets [`BUCKET_WIDTH`] wide. The [`BUCKETS`] buckets from the current one
//! on form a window, held as a ring of unsorted lists; entries beyond the window wait in a
//! heap and join their bucket when the window reaches it. A bucket is sorted once, when it
//! becomes current, and then taken from its end; entries scheduled into the current bucket (or
//! before it) while it is being consumed are inserted in order. Most entries are thus pushed and
//! popped in constant time and sorted in small groups, instead of sifting through a heap of
//! every pending entry.
//!
//! The order is exactly the heap's: a later time never has an earlier bucket, so every entry
//! of a later bucket comes after every entry of the current one, and inside the current bucket
//! the sort and the insertions use the same (time, sequence number) order.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Width of a bucket, in units of time: 45 minutes when time is in days. The model's few hundred
/// events a day then come a handful to a bucket, and small groups are the cheapest to sort
/// (measured against widths of a day and of three hours). A power of two, so that a time's
/// bucket is exact.
const BUCKET_WIDTH: f64 = 1.0 / 32.0;

/// Buckets in the window: 512 days, a little more than a year, so that events scheduled up to a
/// year ahead never pass through the far-future heap. A power of two makes the ring's slot a
/// mask.
const BUCKETS: u64 = 512 * 32;

pub(super) struct Entry<E> {
    pub(super) time: f64,
    pub(super) seq: u64,
    pub(super) event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    /// Reversed, so that the max-heap pops the earliest (time, seq) first, and a bucket sorted
    /// in this order ends with its earliest entry.
    fn cmp(&self, other: &Self) -> Ordering {
        other.time.total_cmp(&self.time).then_with(|| other.seq.cmp(&self.seq))
    }
}

/// The bucket a time falls in. Never decreases as the time grows (so a later bucket means a
/// later time); +infinity and times past the last bucket share the last one.
fn bucket_of(time: f64) -> u64 {
    (time / BUCKET_WIDTH) as u64
}

fn slot(bucket: u64) -> usize {
    (bucket % BUCKETS) as usize
}

/// No node: the end of a bucket's list or of the free list.
const NONE: u32 = u32::MAX;

/// An entry of a near bucket, or a free place (no event) for the next one. Flat rather than
/// holding an [`Entry`], so that the link fits in what would be the entry's padding.
struct Node<E> {
    time: f64,
    seq: u64,
    event: Option<E>,
    /// The next node of the same bucket, or of the free list.
    next: u32,
}

pub(super) struct Calendar<E> {
    /// Entries of the current bucket and of any earlier one, sorted latest first, so that the
    /// earliest is popped from the end.
    current: Vec<Entry<E>>,
    /// Every entry not in `current` is in a later bucket than this one.
    current_bucket: u64,
    /// The buckets after the current one within the window, as a ring of unsorted lists: the
    /// first node of bucket `b` is `heads[b % BUCKETS]`. Lists through one store of nodes keep
    /// the memory to the entries pending, however they are spread over the buckets.
    heads: Box<[u32]>,
    nodes: Vec<Node<E>>,
    free: u32,
    near_len: usize,
    /// Entries whose bucket is at least `current_bucket + BUCKETS`.
    far: BinaryHeap<Entry<E>>,
}

impl<E> Calendar<E> {
    pub(super) fn new() -> Self {
        Self {
            current: Vec::new(),
            current_bucket: 0,
            heads: vec![NONE; BUCKETS as usize].into_boxed_slice(),
            nodes: Vec::new(),
            free: NONE,
            near_len: 0,
            far: BinaryHeap::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.current.len() + self.near_len + self.far.len()
    }

    pub(super) fn push(&mut self, entry: Entry<E>) {
        let bucket = bucket_of(entry.time);
        if bucket <= self.current_bucket {
            // An earlier bucket only happens after a look ahead that popped nothing; every
            // other entry is still later, so the current bucket is the right place for it.
            let at = self.current.partition_point(|e| *e < entry);
            self.current.insert(at, entry);
        } else if bucket - self.current_bucket < BUCKETS {
            self.push_near(bucket, entry);
        } else {
            self.far.push(entry);
        }
    }

    fn push_near(&mut self, bucket: u64, entry: Entry<E>) {
        let head = &mut self.heads[slot(bucket)];
        let node = Node { time: entry.time, seq: entry.seq, event: Some(entry.event), next: *head };
        if self.free == NONE {
            *head = u32::try_from(self.nodes.len()).expect("fewer than 2^32 events pending");
            self.nodes.push(node);
        } else {
            *head = self.free;
            self.free = std::mem::replace(&mut self.nodes[self.free as usize], node).next;
        }
        self.near_len += 1;
    }

    /// The earliest entry, if any.
    pub(super) fn first(&mut self) -> Option<&Entry<E>> {
        if self.current.is_empty() && !self.advance() {
            return None;
        }
        self.current.last()
    }

    /// Remove and return the earliest entry, if any.
    pub(super) fn pop(&mut self) -> Option<Entry<E>> {
        if self.current.is_empty() && !self.advance() {
            return None;
        }
        self.current.pop()
    }

    /// Make the next non-empty bucket current (the current one being empty); false when
    /// nothing is pending.
    fn advance(&mut self) -> bool {
        loop {
            let next = if self.near_len > 0 {
                self.current_bucket + 1
            } else {
                // Nothing in the window: move it whole to the far future's first bucket.
                match self.far.peek() {
                    Some(first) => bucket_of(first.time),
                    None => return false,
                }
            };
            self.current_bucket = next;
            // The window now reaches further: far entries that fall inside it join their bucket.
            while let Some(first) = self.far.peek()
                && bucket_of(first.time) - next < BUCKETS
            {
                let entry = self.far.pop().expect("peeked");
                self.push_near(bucket_of(entry.time), entry);
            }
            let mut at = std::mem::replace(&mut self.heads[slot(next)], NONE);
            while at != NONE {
                let node = &mut self.nodes[at as usize];
                let event = node.event.take().expect("a listed node holds an event");
                self.current.push(Entry { time: node.time, seq: node.seq, event });
                self.near_len -= 1;
                (at, node.next, self.free) = (node.next, self.free, at);
            }
            if !self.current.is_empty() {
                self.current.sort_unstable();
                return true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(time: f64, seq: u64) -> Entry<()> {
        Entry { time, seq, event: () }
    }

    fn drain(list: &mut Calendar<()>) -> Vec<(f64, u64)> {
        std::iter::from_fn(|| list.pop()).map(|e| (e.time, e.seq)).collect()
    }

    /// The span of time the window covers.
    const WINDOW: f64 = BUCKETS as f64 * BUCKET_WIDTH;

    #[test]
    fn buckets_never_go_back_as_time_grows() {
        let w = BUCKET_WIDTH;
        let times =
            [0.0, w / 2.0, w.next_down(), w, w.next_up(), 1.0, WINDOW - 0.1, WINDOW, 1e300, f64::INFINITY];
        for pair in times.windows(2) {
            assert!(bucket_of(pair[0]) <= bucket_of(pair[1]), "{pair:?}");
        }
        assert_eq!((bucket_of(w.next_down()), bucket_of(w)), (0, 1));
        assert_eq!(bucket_of(-0.0), 0);
        assert_eq!(bucket_of(f64::INFINITY), u64::MAX);
    }

    #[test]
    fn far_entries_join_the_window_in_order() {
        let mut list = Calendar::new();
        let (w, edge) = (BUCKET_WIDTH, WINDOW);
        let times = [
            6.0 * edge,
            2.5,
            edge + 7.0,
            edge - w,
            edge,
            edge + w,
            1e9,
            2.5,
            0.0,
            2.0 * edge,
            (2.0 * edge).next_down(),
            2.0 * edge - w,
        ];
        for (seq, &time) in times.iter().enumerate() {
            list.push(entry(time, seq as u64));
        }
        assert_eq!((list.len(), list.far.len()), (times.len(), 8));
        let mut expected: Vec<(f64, u64)> = times.iter().enumerate().map(|(s, &t)| (t, s as u64)).collect();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        assert_eq!(drain(&mut list), expected);
        assert_eq!(list.len(), 0);
    }

    #[test]
    fn an_entry_behind_the_current_bucket_comes_out_first() {
        // Looking at the first entry moves the current bucket on to that of day 40.5; entries
        // for day 10 and for earlier in day 40, pushed afterwards, still come first.
        let mut list = Calendar::new();
        list.push(entry(40.5, 0));
        assert_eq!(list.first().map(|e| e.time), Some(40.5));
        list.push(entry(10.0, 1));
        list.push(entry(40.5, 2));
        list.push(entry(40.25, 3));
        assert_eq!(drain(&mut list), [(10.0, 1), (40.25, 3), (40.5, 0), (40.5, 2)]);
    }

    #[test]
    fn entries_pushed_while_a_bucket_is_consumed_keep_their_place() {
        // All in the bucket that starts at day 5 but the last.
        let at = |quarters: f64| 5.0 + quarters * BUCKET_WIDTH / 4.0;
        let mut list = Calendar::new();
        for (seq, time) in [(0, at(1.0)), (1, at(1.0)), (2, at(3.0)), (3, at(4.0))] {
            list.push(entry(time, seq));
        }
        assert_eq!(list.pop().map(|e| e.seq), Some(0));
        list.push(entry(at(1.0), 4)); // at the current time: after seq 1, before at(3)
        list.push(entry(at(2.0), 5));
        list.push(entry(at(4.0).next_down(), 6));
        assert_eq!(list.current.len(), 5);
        let expected =
            [(at(1.0), 1), (at(1.0), 4), (at(2.0), 5), (at(3.0), 2), (at(4.0).next_down(), 6), (at(4.0), 3)];
        assert_eq!(drain(&mut list), expected);
    }

    #[test]
    fn infinite_and_huge_times_come_out_last_in_scheduling_order() {
        let mut list = Calendar::new();
        list.push(entry(f64::INFINITY, 0));
        list.push(entry(1e30, 1));
        list.push(entry(f64::INFINITY, 2));
        list.push(entry(1.0, 3));
        assert_eq!(list.pop().map(|e| e.seq), Some(3));
        assert_eq!(list.pop().map(|e| e.seq), Some(1));
        list.push(entry(f64::INFINITY, 4));
        assert_eq!(drain(&mut list), [(f64::INFINITY, 0), (f64::INFINITY, 2), (f64::INFINITY, 4)]);
    }

    #[test]
    fn an_empty_window_jumps_to_the_far_future() {
        let start = 1e6 + 0.5;
        let mut list = Calendar::new();
        list.push(entry(start, 0));
        list.push(entry(start + WINDOW / 2.0, 1));
        list.push(entry(start + WINDOW, 2));
        assert_eq!(list.pop().map(|e| e.seq), Some(0));
        assert_eq!(list.current_bucket, bucket_of(start));
        // The window moved with the jump: the second entry is now in the ring, the third is not.
        assert_eq!((list.near_len, list.far.len()), (1, 1));
        list.push(entry(start, 3));
        assert_eq!(drain(&mut list), [(start, 3), (start + WINDOW / 2.0, 1), (start + WINDOW, 2)]);
    }

    #[test]
    fn freed_nodes_are_used_again() {
        let mut list = Calendar::new();
        for round in 0..10u64 {
            for k in 0..100 {
                list.push(entry(round as f64 * 10.0 + 1.0 + k as f64 * 0.01, round * 100 + k));
            }
            while list.pop().is_some() {}
        }
        assert_eq!(list.nodes.len(), 100);
    }
}
