//! Same seed, same bytes: twice in a row, and on one thread or two.

use std::path::Path;
use std::process::Command;

use crate::support::repo_path;

const FILES: [&str; 4] = ["scenario.resolved.toml", "replications.csv", "summary.json", "timeseries.csv"];

fn run_cli(out: &Path, threads: &str, seed: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_caresim"))
        .args(["run", repo_path("models/baseline.toml").to_str().unwrap()])
        .args(["--reps", "6", "--years", "2", "--seed", seed, "--threads", threads])
        .args(["--set", "area.registered_population=40000", "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
}

fn read_all(dir: &Path) -> Vec<Vec<u8>> {
    FILES.iter().map(|f| std::fs::read(dir.join(f)).unwrap()).collect()
}

#[test]
fn identical_bytes_for_one_and_two_threads_and_on_a_rerun() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c, d) =
        (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("c"), tmp.path().join("d"));
    run_cli(&a, "1", "7");
    run_cli(&b, "2", "7");
    run_cli(&c, "2", "7");
    run_cli(&d, "2", "8");
    let first = read_all(&a);
    for (i, name) in FILES.iter().enumerate() {
        assert_eq!(first[i], read_all(&b)[i], "{name} differs between 1 and 2 threads");
        assert_eq!(first[i], read_all(&c)[i], "{name} differs between two runs");
    }
    assert_ne!(first[1], read_all(&d)[1], "another seed should give other numbers");
}
