//! The real binary in a real terminal (tmux): Friday after the 16:30
//! dispatch, the supervisor opens the batch screen, seals the week's batch
//! and exports it; then the disk holds the folder, the zip and the manifest,
//! and `mesa batch list` sees the batch sealed.

mod tmux_harness;

use tmux_harness::{MESA, Tmux, mesa};

/// When the demo was built: Monday of that week.
const BUILT: &str = "2026-11-23T09:00:00-05:00";
/// When the console is opened: Friday, half an hour after the dispatch.
const NOW: &str = "2026-11-27T17:00:00-05:00";
const BATCH: &str = "LOTE-2026-11-27";

#[test]
fn the_supervisor_seals_and_exports_the_week_batch_in_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, BUILT, &["demo"]);
    let list = mesa(&store, NOW, &["list", "--status", "programado", "--json"]);
    let expected: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["dispatch_at"] == "2026-11-27T16:30:00-05:00")
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !expected.is_empty(),
        "the demo schedules tickets for that Friday"
    );

    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as supervisor"));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("0 Todos 60");
    tmux.key("b");
    // The board is drawn as the batch screen's data arrives: wait for all
    // of it rather than catching a frame half drawn.
    let heading = format!("{BATCH} · vie 27/11/2026 16:30");
    tmux.wait_until("the week's batch with its tickets", |s| {
        s.contains("Lotes de envío a RENIEC")
            && s.contains("por sellar")
            && s.contains(&heading)
            && expected.iter().all(|id| s.contains(id.as_str()))
    });
    tmux.key("s");
    let screen = tmux.wait_for(&format!("¿Sellar {BATCH}?"));
    assert!(screen.contains("vie 27/11/2026 16:30"), "{screen}");
    tmux.key("s");
    tmux.wait_for(&format!("Lote {BATCH} sellado"));
    tmux.key("e");
    tmux.wait_for("Carpeta de destino");
    tmux.key("Enter");
    tmux.wait_for("Exportado:");
    // q on the batch screen goes back to the queue; q there quits.
    tmux.key("q");
    tmux.wait_for("Próximo envío a RENIEC");
    tmux.key("q");
    tmux.wait_for_shell();
    drop(tmux);

    let out = store.join("exportes");
    let folder = out.join(BATCH);
    let manifest = std::fs::read_to_string(folder.join("MANIFEST.sha256"))
        .expect("the export folder has its manifest");
    for f in [
        "solicitudes.csv",
        "solicitudes.xlsx",
        "pagos.csv",
        "resumen.txt",
    ] {
        assert!(folder.join(f).is_file(), "{f}");
        assert!(manifest.contains(&format!("  {f}\n")), "{f} in\n{manifest}");
    }
    let zip = std::fs::metadata(out.join(format!("{BATCH}.zip"))).expect("the zip");
    assert!(zip.len() > 0);

    // The command line exports to the same folder when given none.
    let again = mesa(&store, NOW, &["batch", "export", BATCH, "--json"]);
    assert_eq!(again["folder"], folder.display().to_string());
    assert_eq!(
        std::fs::read_to_string(folder.join("MANIFEST.sha256")).unwrap(),
        manifest,
        "the same files, byte for byte"
    );

    let batches = mesa(&store, NOW, &["batch", "list", "--json"]);
    let sealed = batches["sealed"].as_array().unwrap();
    // The demo's own batches came before: sealed and sent.
    let (ours, before): (Vec<_>, Vec<_>) = sealed.iter().partition(|b| b["id"] == BATCH);
    assert_eq!(ours.len(), 1, "{batches}");
    assert!(before.iter().all(|b| !b["sent_at"].is_null()), "{batches}");
    assert_eq!(ours[0]["sealed_by"], "supervisor");
    assert_eq!(ours[0]["sent_at"], serde_json::Value::Null);
    let tickets: Vec<&str> = ours[0]["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(tickets, expected);
}
