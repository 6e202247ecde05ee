fn main() {
    let sets: Vec<_> = std::env::args().skip(2).map(|a| caresim::scenario::parse_override(&a).unwrap()).collect();
    let s = caresim::scenario::load(std::path::Path::new(&std::env::args().nth(1).unwrap()), &sets).unwrap_or_else(|e| panic!("{e}"));
    let t = std::time::Instant::now();
    let out = caresim::model::run_replication(&s.params, 1, 0);
    eprintln!("{:?}", t.elapsed()); dbg_series(&out);
    for (n, v) in caresim::model::metric_names().iter().zip(&out.metrics) {
        if !n.ends_with("_total") { println!("{n:40} {v:.2}"); }
    }
}
#[allow(dead_code)]
fn dbg_series(out: &caresim::model::ReplicationOutput) {
    for (i, row) in out.series.iter().enumerate().step_by(13) { eprintln!("{i} {row:?}"); }
}
