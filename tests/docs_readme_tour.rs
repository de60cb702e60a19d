//! The README's quick tour works verbatim on a fresh clone: every command
//! between `<!-- tour -->` and `<!-- /tour -->` is run in order with the
//! built binary (for `cargo run --release --`), and every line shown after
//! a command must be among the lines it prints. Only the store's folder
//! is moved into a temporary one.

use std::collections::BTreeMap;
use std::process::Command;

fn tour() -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- tour -->")
        .expect("the README marks its tour");
    let end = readme
        .find("<!-- /tour -->")
        .expect("the README ends its tour");
    readme[start..end]
        .lines()
        .skip_while(|l| !l.starts_with("```console"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(|l| l.trim_end().to_string())
        .collect()
}

#[test]
fn the_readme_tour_prints_what_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    let place = dir.path().join("mesa-demo");
    let place = place.to_str().unwrap();
    let here = |s: &str| s.replace("/tmp/mesa-demo", place);
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    let mut printed: Option<(String, Vec<String>)> = None;
    let mut commands = 0;
    for line in tour() {
        if let Some(vars) = line.strip_prefix("$ export ") {
            for pair in vars.split_whitespace() {
                let (k, v) = pair.split_once('=').expect("export K=V");
                env.insert(k.to_string(), here(v));
            }
        } else if let Some(args) = line.strip_prefix("$ cargo run --release --") {
            let args: Vec<&str> = args.split_whitespace().collect();
            let out = Command::new(env!("CARGO_BIN_EXE_mesa"))
                .args(&args)
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("HOME", dir.path())
                .envs(&env)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "mesa {args:?} failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let lines = String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .map(|l| l.trim_end().to_string())
                .collect();
            printed = Some((format!("{args:?}"), lines));
            commands += 1;
        } else if line.starts_with('$') {
            panic!("the tour has a command this test does not run: {line}");
        } else {
            let (args, lines) = printed.as_ref().expect("output after a command");
            let want = here(&line);
            assert!(
                lines.contains(&want),
                "mesa {args} did not print the README's line\n  {want}\nIt printed:\n{}",
                lines.join("\n")
            );
        }
    }
    assert!(commands >= 5, "the tour runs its commands ({commands})");
}
