//! Event-loop throughput: the "hold" model (pop the earliest event, schedule one a random
//! interval later) on a heap of the size a baseline replication keeps, plus bed-pool operations.

use std::hint::black_box;

use caresim::engine::{EventQueue, Pool, Stream, StreamKey};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const HEAP_SIZE: u32 = 20_000;
const EVENTS: u64 = 1_000_000;

fn hold_model(c: &mut Criterion) {
    let mut group = c.benchmark_group("event_queue");
    group.throughput(Throughput::Elements(EVENTS));
    group.bench_function("hold_20k_pending", |b| {
        b.iter(|| {
            let mut rng = Stream::new(StreamKey { seed: 1, replication: 0, entity: 0, purpose: 0 });
            let mut queue = EventQueue::new();
            for id in 0..HEAP_SIZE {
                queue.schedule(rng.exp1() * 100.0, id);
            }
            for _ in 0..EVENTS {
                let (now, id) = queue.pop_until(f64::INFINITY).expect("the heap never empties");
                queue.schedule(now + rng.exp1() * 100.0, black_box(id));
            }
            queue.events_processed()
        })
    });
    group.finish();
}

fn pool_operations(c: &mut Criterion) {
    let mut group = c.benchmark_group("pool");
    group.throughput(Throughput::Elements(EVENTS));
    group.bench_function("request_release_at_capacity", |b| {
        b.iter(|| {
            let mut pool = Pool::new(300);
            let mut t = 0.0;
            for id in 0..EVENTS as u32 {
                t += 0.01;
                pool.request(t, id);
                if pool.occupied() == 300 && pool.waiting() > 10 {
                    black_box(pool.release(t));
                }
            }
            pool.stats().grants
        })
    });
    group.finish();
}

criterion_group!(benches, hold_model, pool_operations);
criterion_main!(benches);
