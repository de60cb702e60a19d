//! The bench's Taskwarrior side: a private task database of N tasks, each
//! with its own DNI, and `task dni:… export` finding exactly the one asked
//! for (what `mesa bench` times beside `mesa list --search DNI --json`).
//! Where `task` cannot be installed the test says so loudly and passes,
//! as the bench skips the comparison.

use mesa::bench::taskwarrior as tw;

#[test]
fn taskwarrior_finds_the_one_task_of_a_dni() {
    let task = match tw::ensure_installed() {
        Ok(t) => t,
        Err(why) => {
            eprintln!("######## Taskwarrior test SKIPPED: {why} ########");
            return;
        }
    };
    let cache = tempfile::tempdir().unwrap();
    let rc = tw::database(&task, cache.path(), 300).unwrap();
    let times = tw::find_times(&task, &rc, &tw::dni_of(150), 2).unwrap();
    assert_eq!(times.len(), 2);
    // Built once: a second call reuses it.
    assert_eq!(tw::database(&task, cache.path(), 300).unwrap(), rc);
    // A DNI no task has is not «found».
    assert!(tw::find_times(&task, &rc, "99999999", 1).is_err());
}
