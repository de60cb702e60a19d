//! The weekly batch: sealing (once, atomically, even when killed), the export
//! bundle read back, and RENIEC's answers.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use chrono::{DateTime, Utc};
use common::{mesa, sample_csv, sample_dir, stderr_of, stdout_of};
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::store::{NewRecord, Sealed, Store};

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn desk_at(dir: &Path, now: &str) -> Desk {
    Desk::new(
        Store::open(dir).unwrap(),
        Config::default(),
        Clock::Fixed(t(now)),
    )
}

/// A store with `n` emission tickets already scheduled for Friday
/// 2026-11-27 16:30, each with a real photo and signature.
fn scheduled_store(dir: &Path, n: u64) {
    let desk = desk_at(dir, "2026-11-23T09:00:00-05:00");
    desk.init_supervisor_with_password("sup0", common::PASSWORD)
        .unwrap();
    for s in ["sup1", "sup9"] {
        desk.add_analyst("sup0", s, mesa::domain::role::Role::Supervisor)
            .unwrap();
    }
    let mut rng = mesa::demo::rng::Rng::new(3);
    let (photo, signature) = mesa::demo::stored_images(&desk.store, &mut rng, false).unwrap();
    let records: Vec<NewRecord> = (0..n)
        .map(|i| {
            let at = t("2026-11-23T08:00:00-05:00") + chrono::Duration::seconds(i as i64 * 5);
            mesa::demo::scheduled_record(&desk, i, at, photo.clone(), signature.clone())
        })
        .collect();
    desk.store.register_all(&records).unwrap();
}

/// The sample imported and three tickets scheduled (two for 27/11, one held
/// by the 10-days rule), then the 27/11 batch sealed at the cut-off.
fn sealed_sample() -> (tempfile::TempDir, tempfile::TempDir) {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    mesa(s)
        .arg("import")
        .arg(sample_csv(sample.path()))
        .assert()
        .success();
    for id in ["T-2026-000001", "T-2026-000002", "T-2026-000003"] {
        mesa(s).args(["take", id]).assert().success();
        mesa(s).args(["schedule", id]).assert().success();
    }
    let out = mesa(s)
        .env("MESA_NOW", "2026-11-27T16:30:00-05:00")
        .args(["batch", "seal"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("Lote LOTE-2026-11-27 sellado: 2 tickets"),
        "{}",
        stdout_of(&out)
    );
    (store, sample)
}

fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

#[test]
fn the_export_reads_back_row_by_row_and_its_manifest_checks() {
    let (store, _sample) = sealed_sample();
    let out = tempfile::tempdir().unwrap();
    let run = mesa(store.path())
        .args(["batch", "export", "LOTE-2026-11-27", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr_of(&run));
    let folder = out.path().join("LOTE-2026-11-27");
    assert!(out.path().join("LOTE-2026-11-27.zip").is_file());

    // Every row of the XLSX against the store.
    let mut book: Xlsx<_> = open_workbook(folder.join("solicitudes.xlsx")).unwrap();
    let range = book.worksheet_range("Solicitudes").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[0][5], Data::String("DNI".into()));
    assert_eq!(rows.len(), 3, "header + two applicants");
    for row in &rows[1..] {
        let id = row[1].to_string();
        let out = mesa(store.path())
            .args(["show", &id, "--json"])
            .output()
            .unwrap();
        let ticket: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(ticket["batch"], "LOTE-2026-11-27");
        let a = &ticket["applicants"][0];
        assert_eq!(row[4].to_string(), a["full_name"].as_str().unwrap());
        assert_eq!(row[5].to_string(), a["dni"].as_str().unwrap());
        assert_eq!(row[7].to_string(), a["email"].as_str().unwrap());
        assert_eq!(
            row[8].to_string(),
            format!(
                "fotos/{}.{}",
                a["dni"].as_str().unwrap(),
                if id.ends_with('1') { "jpg" } else { "png" }
            )
        );
        // Dates are dates, not text.
        assert!(matches!(row[6], Data::DateTime(_)), "{:?}", row[6]);
        assert_eq!(
            row[6].as_date().unwrap().to_string(),
            if id.ends_with('1') {
                "2019-05-14"
            } else {
                "2020-01-10"
            }
        );
    }

    // The manifest covers every other file, in sha256sum format.
    let files = read_tree(&folder);
    let manifest = String::from_utf8(files["MANIFEST.sha256"].clone()).unwrap();
    let listed: BTreeMap<String, String> = manifest
        .lines()
        .map(|l| {
            let (sha, path) = l.split_once("  ").unwrap();
            (path.to_string(), sha.to_string())
        })
        .collect();
    let on_disk: Vec<&String> = files.keys().filter(|k| *k != "MANIFEST.sha256").collect();
    assert_eq!(listed.keys().collect::<Vec<_>>(), on_disk);
    for (path, sha) in &listed {
        assert_eq!(&mesa::media::sha256_hex(&files[path]), sha, "{path}");
    }
    for expected in [
        "solicitudes.csv",
        "pagos.csv",
        "resumen.txt",
        "fotos/45781236.jpg",
        "firmas/41234567.png",
    ] {
        assert!(files.contains_key(expected), "{expected}");
    }
    let csv = String::from_utf8(files["solicitudes.csv"].clone()).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a BOM so Excel reads UTF-8");
    assert!(csv.contains("Rosa Quispe Huamán"));
    let pagos = String::from_utf8(files["pagos.csv"].clone()).unwrap();
    assert!(
        pagos.contains("0456789,19/11/2026,8.10,00529,20453744168,41234567"),
        "{pagos}"
    );
    let summary = String::from_utf8(files["resumen.txt"].clone()).unwrap();
    assert!(
        summary.contains("Tickets: 2") && summary.contains("Pagos: 1"),
        "{summary}"
    );

    // Exporting again gives the same files, byte for byte.
    let again = tempfile::tempdir().unwrap();
    mesa(store.path())
        .args(["batch", "export", "LOTE-2026-11-27", "--out"])
        .arg(again.path())
        .assert()
        .success();
    assert_eq!(read_tree(&again.path().join("LOTE-2026-11-27")), files);
    assert_eq!(
        std::fs::read(again.path().join("LOTE-2026-11-27.zip")).unwrap(),
        std::fs::read(out.path().join("LOTE-2026-11-27.zip")).unwrap()
    );
}

#[test]
fn sealing_twice_or_from_two_threads_makes_one_batch_with_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    scheduled_store(dir.path(), 40);
    let desk = Arc::new(desk_at(dir.path(), "2026-11-27T16:30:00-05:00"));
    let threads: Vec<_> = (0..2)
        .map(|i| {
            let desk = desk.clone();
            std::thread::spawn(move || desk.seal(None, None, &format!("sup{i}")).unwrap())
        })
        .collect();
    let results: Vec<Sealed> = threads.into_iter().map(|h| h.join().unwrap()).collect();
    let new: Vec<_> = results
        .iter()
        .filter(|r| matches!(r, Sealed::New(_)))
        .collect();
    assert_eq!(new.len(), 1, "exactly one seal wins: {results:?}");
    let batches = desk.store.batches().unwrap();
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].tickets.len(), 40);
    let again = desk.seal(None, None, "sup9").unwrap();
    assert_eq!(
        again,
        Sealed::Already(batches[0].clone()),
        "a second seal changes nothing"
    );
    // Arrival order.
    let ids = &batches[0].tickets;
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, &sorted);
}

#[test]
fn a_seal_killed_midway_leaves_no_batch_or_the_whole_batch() {
    let template = tempfile::tempdir().unwrap();
    scheduled_store(template.path(), 400);
    let seal_in = |dir: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_mesa"))
            .env("MESA_STORE", dir)
            .env("MESA_NOW", "2026-11-27T16:30:00-05:00")
            .env("MESA_ANALYST", "sup0")
            .env("MESA_PASSWORD", common::PASSWORD)
            .args(["batch", "seal"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole seal takes here, so the kills land across it.
    let probe = tempfile::tempdir().unwrap();
    common::copy_dir(template.path(), probe.path());
    let started = std::time::Instant::now();
    assert!(seal_in(probe.path()).wait().unwrap().success());
    let whole = started.elapsed();
    let rounds = 12u32;
    let mut outcomes = [0usize; 2];
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        common::copy_dir(template.path(), dir.path());
        let mut child = seal_in(dir.path());
        std::thread::sleep(whole.mul_f64(0.3 + 1.4 * f64::from(round) / f64::from(rounds)));
        let _ = child.kill();
        child.wait().unwrap();

        let desk = desk_at(dir.path(), "2026-11-27T16:30:00-05:00");
        let batches = desk.store.batches().unwrap();
        let members = desk
            .store
            .in_arrival_order()
            .filter(|t| t.as_ref().unwrap().batch.is_some())
            .count();
        match batches.as_slice() {
            [] => {
                assert_eq!(
                    members, 0,
                    "round {round}: no batch, so no ticket may be in one"
                );
                outcomes[0] += 1;
            }
            [b] => {
                assert_eq!(b.tickets.len(), 400, "round {round}");
                assert_eq!(members, 400, "round {round}: the whole batch");
                outcomes[1] += 1;
            }
            more => panic!("round {round}: {} batches", more.len()),
        }
    }
    eprintln!("seal kill outcomes (none, whole): {outcomes:?} over a {whole:?} seal");
    assert_eq!(outcomes.iter().sum::<usize>(), rounds as usize);
}

#[test]
fn the_cut_off_second_and_an_early_seal_decide_the_batch() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    mesa(s)
        .arg("import")
        .arg(sample_csv(sample.path()))
        .assert()
        .success();
    mesa(s).args(["take", "T-2026-000001"]).assert().success();
    mesa(s).args(["take", "T-2026-000002"]).assert().success();
    let at = |now: &str, id: &str| -> String {
        let out = mesa(s)
            .env("MESA_NOW", now)
            .args(["schedule", id])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        stdout_of(&out)
    };
    assert!(at("2026-11-27T16:30:00-05:00", "T-2026-000001").contains("vie 27/11/2026 16:30"));
    assert!(at("2026-11-27T16:30:01-05:00", "T-2026-000002").contains("vie 04/12/2026 16:30"));

    // Sealing next week's batch early needs a reason.
    let out = mesa(s)
        .args(["batch", "seal", "--dispatch", "2026-12-04"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("aún no llega") && stderr_of(&out).contains("--reason"),
        "{}",
        stderr_of(&out)
    );
    let out = mesa(s)
        .args([
            "batch",
            "seal",
            "--dispatch",
            "2026-12-04",
            "--reason",
            "Vacaciones del analista",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // A late ticket rolls to the next dispatch; the sealed content stays.
    mesa(s).args(["take", "T-2026-000004"]).assert().success();
    mesa(s)
        .args(["observe", "T-2026-000004", "--reason", "foto"])
        .assert()
        .success();
    mesa(s).args(["take", "T-2026-000003"]).assert().success();
    let held = at("2026-11-23T09:00:00-05:00", "T-2026-000003");
    assert!(held.contains("jue 24/12/2026 16:30"), "{held}");
    let out = mesa(s).args(["batch", "list", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sealed"][0]["id"], "LOTE-2026-12-04");
    assert_eq!(
        v["sealed"][0]["tickets"],
        serde_json::json!(["T-2026-000002"])
    );
    assert_eq!(v["sealed"][0]["early_reason"], "Vacaciones del analista");
    let christmas = v["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["dispatch_at"] == "2026-12-24T16:30:00-05:00")
        .unwrap();
    assert_eq!(christmas["moved"], true, "25 Dec 2026 is a Friday holiday");
    assert_eq!(christmas["tickets"], serde_json::json!(["T-2026-000003"]));
    // The sealed ticket cannot be withdrawn any more.
    let out = mesa(s)
        .args(["withdraw", "T-2026-000002", "--reason", "x"])
        .output()
        .unwrap();
    assert!(stderr_of(&out).contains("lote sellado LOTE-2026-12-04"));
}

#[test]
fn sent_then_answers_with_a_bad_row_refuse_the_whole_file() {
    let (store, sample) = sealed_sample();
    let s = store.path();
    // Marked sent before its moment: only with a reason.
    let out = mesa(s)
        .args([
            "batch",
            "sent",
            "LOTE-2026-11-27",
            "--reason",
            "RENIEC lo pidió antes",
        ])
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains("2 tickets en estado «enviado»"),
        "{}",
        stdout_of(&out)
    );
    let out = mesa(s)
        .args(["batch", "sent", "LOTE-2026-11-27"])
        .output()
        .unwrap();
    assert!(stderr_of(&out).contains("ya fue marcado como enviado"));

    let file = sample.path().join("respuesta.csv");
    std::fs::write(&file, "ticket,result,date,reason\nT-2026-000001,aprobado,2026-11-23,\nT-2026-000002,rechazado,2026-11-23,\nT-2026-000003,talvez,2026-11-23,\n").unwrap();
    let before = common::list_json(s);
    let out = mesa(s)
        .args(["batch", "outcome"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("línea 3, columna reason: es obligatorio"),
        "{err}"
    );
    assert!(
        err.contains("línea 4, columna ticket: el ticket T-2026-000003 está programado"),
        "{err}"
    );
    assert!(
        err.contains("línea 4, columna result: «talvez» no es un resultado"),
        "{err}"
    );
    assert_eq!(common::list_json(s), before, "nothing recorded");

    std::fs::write(&file, "ticket,result,date,reason\nT-2026-000001,aprobado,2026-11-23,\nT-2026-000002,rechazado,2026-11-23,Foto borrosa\n").unwrap();
    let out = mesa(s)
        .args(["batch", "outcome"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("1 aprobado, 1 rechazado."));
    let show = |id: &str| -> serde_json::Value {
        serde_json::from_slice(
            &mesa(s)
                .args(["show", id, "--json"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
    };
    assert_eq!(show("T-2026-000001")["status"], "aprobado");
    assert_eq!(show("T-2026-000001")["approved_on"], "2026-11-23");
    let rejected = show("T-2026-000002");
    assert_eq!(rejected["status"], "rechazado");
    assert_eq!(
        rejected["history"].as_array().unwrap().last().unwrap()["reasons"][0],
        "Foto borrosa"
    );
}
