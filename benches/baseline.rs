//! Whole-model speed on the bundled baseline: one replication (reported as events per second)
//! and the full 100-replication, 5-year run on all cores.

use std::path::Path;

use caresim::experiment::run_scenario;
use caresim::model::{metric_names, run_replication};
use caresim::scenario::load;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn baseline(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/baseline.toml");
    let inputs = load(&path, &[]).expect("the baseline is valid").inputs;
    let events_index = metric_names().iter().position(|n| n == "events").unwrap();
    let events = run_replication(&inputs, 1, 0).metrics[events_index] as u64;

    let mut one = c.benchmark_group("baseline_one_replication");
    one.throughput(Throughput::Elements(events));
    one.sample_size(20);
    one.bench_function("40k_people_6_years", |b| b.iter(|| run_replication(&inputs, 1, 0)));
    one.finish();

    let mut all = c.benchmark_group("baseline_100_replications");
    all.sample_size(10);
    all.bench_function("all_cores", |b| b.iter(|| run_scenario(&inputs, None, &|| {}).unwrap()));
    all.finish();
}

criterion_group!(benches, baseline);
criterion_main!(benches);
