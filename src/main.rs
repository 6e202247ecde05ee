fn main() {
    let s = caresim::scenario::load(std::path::Path::new(&std::env::args().nth(1).unwrap()), &[]).unwrap_or_else(|e| panic!("{e}"));
    let t = std::time::Instant::now();
    let out = caresim::model::run_replication(&s.params, 1, 0);
    eprintln!("{:?}", t.elapsed());
    for (n, v) in caresim::model::metric_names().iter().zip(&out.metrics) {
        if !n.ends_with("_total") { println!("{n:40} {v:.2}"); }
    }
}
