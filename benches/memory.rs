//! Peak memory (RSS) of the console with 1,000,000 tickets open (target:
//! 300 MB): the first frame, the whole queue in memory, a search typed and
//! erased. Memory is not a time, so this prints rather than uses criterion;
//! each size is measured in a process of its own (`mesa bench --rss`).
//!
//! `cargo bench --bench memory` (`MESA_BENCH_SIZES` as for `open`).

use std::process::Command;

use mesa::bench::fixtures;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let mesa = env!("CARGO_BIN_EXE_mesa");
    for n in fixtures::bench_sizes() {
        let (store, _) = fixtures::demo_store(&fixtures::cache_dir(), n, 1).unwrap();
        let out = Command::new(mesa)
            .args(["bench", "--rss"])
            .arg(&store)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let v: Vec<u64> = text
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect();
        assert_eq!(v.len(), 2, "{text}{}", String::from_utf8_lossy(&out.stderr));
        println!(
            "memory/console, {n} tickets: {:.0} MB resident, {:.0} MB peak",
            v[0] as f64 / 1048576.0,
            v[1] as f64 / 1048576.0
        );
    }
}
