//! The `restore` and `image` fuzz targets run as a plain test, without
//! nightly: their bodies (`mesa::fuzzing`) over every seed in
//! `fuzz/seeds/<target>/` (committed; cargo-fuzz grows its own, ignored, `fuzz/corpus/`) and over deterministic mutations of each
//! (truncations and byte flips). `cargo +nightly fuzz run` explores
//! further (see fuzz/Cargo.toml and the README).

use std::path::{Path, PathBuf};

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no seeds in {}", dir.display());
    v
}

/// The seed, truncated at 32 points, and with 300 single bytes changed
/// (positions and values from a fixed xorshift sequence).
fn mutations(seed: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![seed.to_vec(), Vec::new()];
    for k in 1..=32 {
        out.push(seed[..seed.len() * k / 33].to_vec());
    }
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15 ^ seed.len() as u64;
    for _ in 0..300 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut m = seed.to_vec();
        if !m.is_empty() {
            let i = (x as usize) % m.len();
            m[i] = (x >> 32) as u8;
        }
        out.push(m);
    }
    out
}

#[test]
fn restore_target_over_its_corpus_and_mutations() {
    let tz = chrono_tz::America::Lima;
    for (path, seed) in corpus("restore") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // The seeds themselves: real copies pass, the forged one does not.
        let verdict = mesa::desk::backup::check_bytes(&seed, &path, tz);
        if name.starts_with("fuera") {
            assert!(verdict.is_err(), "{name} accepted");
        } else {
            assert!(verdict.is_ok(), "{name}: {}", verdict.err().unwrap());
        }
        for m in mutations(&seed) {
            mesa::fuzzing::restore_check(&m);
        }
    }
}

#[test]
fn image_target_over_its_corpus_and_mutations() {
    for (path, seed) in corpus("image") {
        assert!(
            mesa::media::inspect_limited(&seed).is_ok(),
            "{}",
            path.display()
        );
        for m in mutations(&seed) {
            mesa::fuzzing::image_check(&m);
        }
    }
}
