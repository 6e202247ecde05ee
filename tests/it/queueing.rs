//! The bed-pool engine against queueing theory: Erlang C for an M/M/c pool with a FIFO line,
//! Erlang B for an M/G/c/c loss pool (blocking does not depend on the service distribution).
//! Each comparison uses a 99.9% confidence interval from independent replications.

use caresim::engine::{EventQueue, Pool, Request, Stream, StreamKey};

use crate::support::assert_consistent;

/// Erlang B blocking probability for offered load `a` on `c` servers (the stable recursion).
fn erlang_b(c: u32, a: f64) -> f64 {
    (1..=c).fold(1.0, |b, k| a * b / (f64::from(k) + a * b))
}

/// Erlang C probability of waiting.
fn erlang_c(c: u32, a: f64) -> f64 {
    let b = erlang_b(c, a);
    let rho = a / f64::from(c);
    b / (1.0 - rho + rho * b)
}

#[derive(Clone, Copy)]
enum Ev {
    Arrival,
    Departure,
}

struct QueueRun {
    share_waited: f64,
    mean_wait: f64,
    blocked: f64,
    mean_occupancy: f64,
}

/// Simulate a pool of `c` units with Poisson arrivals at rate `lambda` and service times from
/// `service`, for `warmup` then `span` time units. `loss`: turn away arrivals when full.
fn simulate(
    c: u32,
    lambda: f64,
    service: impl Fn(&mut Stream) -> f64,
    loss: bool,
    warmup: f64,
    span: f64,
    replication: u32,
) -> QueueRun {
    let key = |purpose| StreamKey { seed: 99, replication, entity: 0, purpose };
    let (mut arrivals, mut services) = (Stream::new(key(0)), Stream::new(key(1)));
    let mut queue = EventQueue::new();
    let mut pool = Pool::new(c);
    let mut measuring = false;
    queue.schedule(arrivals.exp1() / lambda, Ev::Arrival);
    let horizon = warmup + span;
    let mut next_id = 0u32;
    while let Some((now, ev)) = queue.pop_until(horizon) {
        if !measuring && now >= warmup {
            pool.reset_stats(warmup);
            measuring = true;
        }
        match ev {
            Ev::Arrival => {
                queue.schedule(now + arrivals.exp1() / lambda, Ev::Arrival);
                next_id += 1;
                let granted =
                    if loss { pool.try_acquire(now) } else { pool.request(now, next_id) == Request::Granted };
                if granted {
                    queue.schedule(now + service(&mut services), Ev::Departure);
                }
            }
            Ev::Departure => {
                if pool.release(now).is_some() {
                    queue.schedule(now + service(&mut services), Ev::Departure);
                }
            }
        }
    }
    let s = pool.stats();
    QueueRun {
        share_waited: s.grants_after_wait as f64 / s.grants as f64,
        mean_wait: s.total_wait / s.grants as f64,
        blocked: s.blocked as f64 / s.attempts as f64,
        mean_occupancy: pool.mean_occupancy(horizon),
    }
}

#[test]
fn mmc_pool_matches_erlang_c_and_littles_law() {
    // 10 beds, arrivals 8 a day, mean stay 1 day: 80% occupancy.
    let (c, lambda, mu) = (10, 8.0, 1.0);
    let runs: Vec<QueueRun> =
        (0..100).map(|r| simulate(c, lambda, |s| s.exp1() / mu, false, 200.0, 20_000.0, r)).collect();
    let a = lambda / mu;
    let p_wait = erlang_c(c, a);
    let mean_wait = p_wait / (f64::from(c) * mu - lambda);
    assert_consistent("P(wait)", &runs.iter().map(|r| r.share_waited).collect::<Vec<_>>(), p_wait);
    assert_consistent("mean wait", &runs.iter().map(|r| r.mean_wait).collect::<Vec<_>>(), mean_wait);
    // Little's law for the beds: mean occupancy = lambda x mean stay.
    assert_consistent("mean occupancy", &runs.iter().map(|r| r.mean_occupancy).collect::<Vec<_>>(), a);
}

#[test]
fn mgcc_loss_pool_matches_erlang_b_with_lognormal_stays() {
    // 8 beds, offered load 6: lognormal stays (CV 1.5) with mean 2 days, arrivals 3 a day.
    let (c, lambda, mean) = (8, 3.0, 2.0);
    let cv: f64 = 1.5;
    let sigma2 = (1.0 + cv * cv).ln();
    let mu_log = f64::ln(mean) - sigma2 / 2.0;
    let runs: Vec<QueueRun> = (0..100)
        .map(|r| {
            simulate(c, lambda, |s| (mu_log + sigma2.sqrt() * s.normal()).exp(), true, 200.0, 20_000.0, r)
        })
        .collect();
    let blocking = erlang_b(c, lambda * mean);
    assert_consistent("blocking", &runs.iter().map(|r| r.blocked).collect::<Vec<_>>(), blocking);
}

#[test]
fn erlang_formulas_match_published_values() {
    // Erlang B(c=10, a=5) = 0.01838 and Erlang C(c=10, a=8) = 0.40918 (standard tables).
    assert!((erlang_b(10, 5.0) - 0.018385).abs() < 1e-5);
    assert!((erlang_c(10, 8.0) - 0.409).abs() < 1e-3);
}
