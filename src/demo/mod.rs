//! `mesa demo`: a realistic, deterministic sample store. Every ticket is
//! walked through the real lifecycle rules, so its history is one a desk
//! could really have.

mod delivery;
pub mod images;
mod people;
mod replay;
pub mod rng;

use chrono::{DateTime, Duration, Utc};

use crate::desk::Desk;
use crate::domain::applicant::{Applicant, Attachment, PaymentReceipt};
use crate::domain::audit::{self, AuditNote};
use crate::domain::role::{Analyst, Role};
use crate::domain::ticket::{HistoryEntry, MoveContext};
use crate::domain::{Kind, Move, Status, Ticket};
use crate::store::{BulkState, NewRecord, Result};
use rng::Rng;

const FIRST_NAMES: &[&str] = &[
    "Rosa", "Luis", "María", "José", "Carmen", "Juan", "Ana", "Carlos", "Lucía", "Jorge", "Elena",
    "Miguel", "Sofía", "Víctor", "Gladys", "Segundo", "Flor", "Wilmer", "Yeni", "Édgar", "Nelly",
    "Percy", "Marleni", "Ronald",
];
const SURNAMES: &[&str] = &[
    "Quispe",
    "Huamán",
    "Chávez",
    "Rojas",
    "Mendoza",
    "Vásquez",
    "Sánchez",
    "Díaz",
    "Cabrera",
    "Alcántara",
    "Terrones",
    "Chilón",
    "Tasilla",
    "Cotrina",
    "Villanueva",
    "Mego",
    "Guevara",
    "Culqui",
    "Llanos",
    "Bazán",
    "Castañeda",
    "Zamora",
];
const ANALYSTS: &[&str] = &["mvasquez", "jterrones", "rchilon"];
/// The demo store's supervisor (the analysts above work under it).
pub const SUPERVISOR: &str = "supervisor";
/// Every demo analyst's password, printed by `mesa demo` and in the README:
/// a demo must be usable. Never the password of a real store.
pub const PASSWORD: &str = "mesa-demo-2026";

/// Who the demo's staff are, for the line `mesa demo` prints.
pub fn staff_names() -> String {
    std::iter::once(SUPERVISOR)
        .chain(ANALYSTS.iter().copied())
        .collect::<Vec<_>>()
        .join(", ")
}
const OBSERVATIONS: &[&str] = &[
    "La foto no es frontal o tiene lentes",
    "La firma no está completa ni centrada",
    "La fecha de emisión del DNI no coincide con el documento",
    "El correo debe ser el institucional",
];
const DAY_SECS: i64 = 86_400;

struct Media {
    photos: Vec<Attachment>,
    signatures: Vec<Attachment>,
    bad_photo: Attachment,
}

fn make_media(desk: &Desk, rng: &mut Rng) -> Result<Media> {
    let mut photos = Vec::new();
    for i in 0..6 {
        let bytes = images::portrait(rng, 300, 400, i % 2 == 0);
        let ext = if i % 2 == 0 { "jpg" } else { "png" };
        photos.push(
            desk.store
                .put_attachment(&bytes, &format!("foto-{i}.{ext}"))?,
        );
    }
    let mut signatures = Vec::new();
    for i in 0..6 {
        let bytes = images::signature(rng, 420, 140);
        signatures.push(
            desk.store
                .put_attachment(&bytes, &format!("firma-{i}.png"))?,
        );
    }
    // A landscape photo: the analyst will have to return it for correction.
    let bad = images::portrait(rng, 400, 300, true);
    let bad_photo = desk.store.put_attachment(&bad, "foto-horizontal.jpg")?;
    Ok(Media {
        photos,
        signatures,
        bad_photo,
    })
}

fn person(rng: &mut Rng, seq: u64) -> (String, String, String) {
    let first = *rng.pick(FIRST_NAMES);
    let s1 = *rng.pick(SURNAMES);
    let s2 = *rng.pick(SURNAMES);
    let dni = format!(
        "{:08}",
        40_000_000 + (seq * 7_919 + rng.below(7_000)) % 39_999_999
    );
    let initial: String = first.chars().take(1).collect();
    let local = crate::domain::query::fold(&format!("{initial}{s1}"));
    let email = format!("{local}{}@regioncajamarca.gob.pe", seq % 100);
    (format!("{first} {s1} {s2}"), dni, email)
}

/// Walks a ticket through the lifecycle up to `now`, recording history.
fn walk(
    desk: &Desk,
    rng: &mut Rng,
    mut t: Ticket,
    now: DateTime<Utc>,
) -> (Ticket, Vec<HistoryEntry>) {
    let rules = &desk.config.validation;
    let analyst = rng.pick(ANALYSTS).to_string();
    let mut history = vec![HistoryEntry {
        at: t.registered_at,
        by: t.registered_by.clone(),
        action: None,
        from: None,
        to: Status::Nuevo,
        reasons: vec![],
        changes: Vec::new(),
    }];
    let mut at = t.registered_at;
    let mut step =
        |t: &mut Ticket, action: Move, when: DateTime<Utc>, reasons: Vec<String>| -> bool {
            if when > now {
                return false;
            }
            let ctx = MoveContext {
                actor: analyst.clone(),
                at: when,
                reasons,
                dispatch: (action == Move::Schedule).then(|| desk.dispatch_for(t, when)),
                seen: None,
                oversees: false,
            };
            match t.apply(action, &ctx, desk.today_at(when), rules) {
                Ok((next, entry)) => {
                    *t = next;
                    history.push(entry);
                    true
                }
                Err(_) => false,
            }
        };
    let hours = |rng: &mut Rng, lo: i64, hi: i64| {
        Duration::seconds(lo * 3600 + rng.below(((hi - lo) * 3600) as u64) as i64)
    };

    // The newest tickets are still waiting in the queue, as on any morning.
    let recent = now - t.registered_at < Duration::days(4);
    if recent && rng.chance(50) {
        return (t, history);
    }
    at += hours(rng, 1, 60);
    if !step(&mut t, Move::Take, at, vec![]) {
        return (t, history);
    }
    if recent && rng.chance(35) {
        return (t, history);
    }
    let bad_photo = t
        .failed_problems(desk.today_at(at), rules)
        .iter()
        .any(|p| p.field == crate::domain::Field::Photo);
    if bad_photo || rng.chance(12) {
        at += hours(rng, 1, 6);
        let reason = if bad_photo {
            OBSERVATIONS[0]
        } else {
            *rng.pick(OBSERVATIONS)
        };
        if !step(&mut t, Move::Observe, at, vec![reason.to_string()]) {
            return (t, history);
        }
        if bad_photo {
            return (t, history);
        }
        at += hours(rng, 24, 72);
        if !step(&mut t, Move::Take, at, vec![]) {
            return (t, history);
        }
    }
    if rng.chance(5) {
        at += hours(rng, 1, 30);
        step(
            &mut t,
            Move::Withdraw,
            at,
            vec!["El solicitante desistió del trámite".into()],
        );
        return (t, history);
    }
    at += hours(rng, 1, 30);
    if !t.kind.is_batched() {
        step(&mut t, Move::Close, at + hours(rng, 2, 40), vec![]);
        return (t, history);
    }
    if !step(&mut t, Move::Schedule, at, vec![]) {
        return (t, history);
    }
    let Some(sent_at) = t.dispatch.map(|d| d.dispatch.at) else {
        return (t, history);
    };
    if !step(&mut t, Move::Send, sent_at, vec![]) {
        return (t, history);
    }
    let answered = sent_at + hours(rng, 48, 168);
    let ok = if rng.chance(90) {
        step(&mut t, Move::Approve, answered, vec![])
    } else {
        step(
            &mut t,
            Move::Reject,
            answered,
            vec!["RENIEC: datos del DNI no coinciden".into()],
        )
    };
    if ok {
        step(&mut t, Move::Close, answered + hours(rng, 24, 400), vec![]);
    }
    (t, history)
}

fn ticket(
    desk: &Desk,
    rng: &mut Rng,
    media: &Media,
    seq: u64,
    registered_at: DateTime<Utc>,
    op: &mut u64,
) -> (Ticket, Vec<PaymentReceipt>) {
    let kind = *rng.pick(&[
        Kind::Emision,
        Kind::Emision,
        Kind::Reemision,
        Kind::Reemision,
        Kind::Reemision,
        Kind::Instalacion,
        Kind::Cancelacion,
    ]);
    let motive = kind
        .takes_motive()
        .then(|| rng.pick(kind.spec().motives).letter);
    let applicants_n = if kind.is_batched() && rng.chance(10) {
        2
    } else {
        1
    };
    let today = desk.today_at(registered_at);
    let mut receipts = Vec::new();
    let applicants = (0..applicants_n)
        .map(|k| {
            let (full_name, dni, email) = person(rng, seq * 3 + k);
            let batched = kind.is_batched();
            let payment_operation = kind.is_paid(motive).then(|| {
                *op += 1;
                let receipt = PaymentReceipt {
                    operation: format!("{:07}", *op),
                    paid_on: today - Duration::days(rng.below(5) as i64),
                    amount_cents: desk.config.validation.fee_cents,
                    tribute_code: desk.config.validation.tribute_code.clone(),
                    ruc: desk.config.validation.ruc.clone(),
                };
                let op = receipt.operation.clone();
                receipts.push(receipt);
                op
            });
            let cert_expires_on = match (kind, motive) {
                (Kind::Reemision, Some('a')) => {
                    Some(today + Duration::days(rng.below(70) as i64 + 3))
                }
                (Kind::Emision, Some('b')) => {
                    Some(today - Duration::days(rng.below(60) as i64 + 1))
                }
                _ => None,
            };
            Applicant {
                full_name,
                dni,
                dni_issued_on: batched
                    .then(|| today - Duration::days(400 + rng.below(3000) as i64)),
                email,
                photo: batched.then(|| {
                    if rng.chance(4) {
                        media.bad_photo.clone()
                    } else {
                        rng.pick(&media.photos).clone()
                    }
                }),
                signature: batched.then(|| rng.pick(&media.signatures).clone()),
                payment_operation,
                cert_expires_on,
            }
        })
        .collect::<Vec<_>>();
    let certificate =
        (!kind.is_batched()).then(|| format!("CD-{}-{}", applicants[0].dni, 1 + rng.below(2)));
    let t = Ticket {
        id: String::new(),
        kind,
        motive,
        status: Status::Nuevo,
        registered_at,
        registered_by: rng.pick(ANALYSTS).to_string(),
        applicants,
        certificate,
        dispatch: None,
        observations: vec![],
        assignee: None,
        updated_at: registered_at,
        batch: None,
        approved_on: None,
        version: 0,
        taken_at: None,
    };
    (t, receipts)
}

/// Arrival times on working days, 08:00–17:00 in the desk's time zone, over
/// the last weeks, oldest first.
fn arrival_times(desk: &Desk, rng: &mut Rng, now: DateTime<Utc>, count: u64) -> Vec<DateTime<Utc>> {
    let tz = desk.config.dispatch.timezone;
    let today = desk.today_at(now);
    let days = (count / 3).clamp(10, 3_650) as i64;
    let mut out: Vec<DateTime<Utc>> = (0..count)
        .filter_map(|_| {
            for _ in 0..20 {
                // One arrival in five is from the last few days: the live queue.
                let back = if rng.chance(20) {
                    rng.below(4)
                } else {
                    rng.below(days as u64)
                };
                let day = today - Duration::days(back as i64);
                if !desk.config.dispatch.is_working_day(day) {
                    continue;
                }
                let secs = 8 * 3600 + rng.below(9 * 3600) as u32;
                let local = day.and_hms_opt(secs / 3600, secs / 60 % 60, secs % 60)?;
                let at = chrono::TimeZone::from_local_datetime(&tz, &local)
                    .earliest()?
                    .with_timezone(&Utc);
                if at < now {
                    return Some(at);
                }
            }
            Some(now - Duration::seconds(DAY_SECS + rng.below(DAY_SECS as u64) as i64))
        })
        .collect();
    out.sort();
    out
}

/// Adds the demo's staff that the store does not have yet: the supervisor
/// `supervisor` and the analysts whose names the demo history carries,
/// each with the demo password [`PASSWORD`].
pub fn staff(desk: &Desk) -> Result<()> {
    let now = desk.now();
    let existing = desk.store.analysts()?;
    let wanted = std::iter::once((SUPERVISOR, Role::Supervisor))
        .chain(ANALYSTS.iter().map(|n| (*n, Role::Analista)));
    for (name, role) in wanted {
        if existing.iter().any(|a| a.name == name) {
            continue;
        }
        let a = Analyst {
            name: name.to_string(),
            role,
            active: true,
            added_at: now,
            added_by: SUPERVISOR.to_string(),
            changed_at: None,
            changed_by: None,
        };
        let note = AuditNote::new(now, SUPERVISOR, audit::ANALYST_ADD, name)
            .detail(crate::strings::trust::added_detail(name, role));
        let phc = crate::desk::identity::hash(PASSWORD);
        desk.store.put_analyst_with_password(&a, &phc, note)?;
    }
    Ok(())
}

/// Tickets generated per chunk handed to the store.
const CHUNK: usize = 5_000;

/// Demos up to this many tickets also get a registry: the recent weeks go
/// through the desk's own moves (see `replay`). Larger ones are written in
/// bulk only, so a million-ticket demo stays fast.
pub const REGISTRY_MAX_TICKETS: u64 = 5_000;

/// Fills an empty store with `count` tickets registered over the last
/// weeks, and the staff who worked them. Up to [`REGISTRY_MAX_TICKETS`],
/// the recent weeks are lived through the desk, as the console would: the
/// weekly batches sealed and sent, RENIEC's answers recorded, certificates
/// installed and cancelled, the mail those moves queue and its delivery,
/// and the people directory. The desk's clock is moved to each moment and
/// given back as it was.
pub fn generate(desk: &mut Desk, count: u64, seed: u64) -> Result<u64> {
    if count > REGISTRY_MAX_TICKETS {
        return generate_bulk(desk, count, seed);
    }
    let clock = desk.clock;
    let result = replay::generate(desk, count, seed);
    desk.clock = clock;
    result
}

/// Writes every ticket in bulk, its life invented: one thread walks the
/// tickets through their lives (one random sequence, so a seed always
/// gives the same store) while the store encodes and writes the previous
/// chunk (see `Store::bulk_register`).
fn generate_bulk(desk: &Desk, count: u64, seed: u64) -> Result<u64> {
    let mut state = desk.store.bulk_start()?;
    staff(desk)?;
    let mut rng = Rng::new(seed);
    let media = make_media(desk, &mut rng)?;
    let now = desk.now();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<NewRecord>>(2);
    // One audit entry per generated lot, not per ticket: the history they
    // carry is invented, and a million-ticket demo should not write a
    // million audit entries.
    let mut lots = Vec::new();
    std::thread::scope(|s| {
        s.spawn(move || {
            let mut op = seed.wrapping_mul(1_000_000) % 9_000_000;
            let mut chunk = Vec::with_capacity(CHUNK);
            let arrivals = arrival_times(desk, &mut rng, now, count);
            for (seq, registered_at) in arrivals.into_iter().enumerate() {
                let seq = seq as u64;
                let (t, receipts) = ticket(desk, &mut rng, &media, seq, registered_at, &mut op);
                let (t, history) = walk(desk, &mut rng, t, now);
                let id_year = desk.year_at(t.registered_at);
                chunk.push(NewRecord {
                    ticket: t,
                    id_year,
                    history,
                    receipts,
                });
                if chunk.len() == CHUNK {
                    // The receiver is gone only after a store error.
                    if tx.send(std::mem::take(&mut chunk)).is_err() {
                        return;
                    }
                }
            }
            if !chunk.is_empty() {
                let _ = tx.send(chunk);
            }
        });
        for chunk in rx {
            lots.push(write_lot(desk, &mut state, chunk, now)?);
        }
        Ok::<(), crate::store::StoreError>(())
    })?;
    let registered = desk.store.bulk_finish(state)?;
    desk.store.audit_append_all(lots)?;
    Ok(registered)
}

/// Writes one chunk in bulk; returns its audit note (the lot's ids and
/// DNIs), appended once every lot is written.
fn write_lot(
    desk: &Desk,
    state: &mut BulkState,
    chunk: Vec<NewRecord>,
    at: DateTime<Utc>,
) -> Result<AuditNote> {
    let dnis = chunk
        .iter()
        .flat_map(|r| r.ticket.applicants.iter().map(|a| a.dni.clone()));
    let mut note = lot_note(at, chunk.len()).dnis(dnis);
    if let Some((first, last)) = desk.store.bulk_register(state, chunk)? {
        note.subject = format!("{first}…{last}");
    }
    Ok(note)
}

fn lot_note(now: DateTime<Utc>, n: usize) -> AuditNote {
    AuditNote::new(now, SUPERVISOR, audit::DEMO, "").detail(crate::strings::trust::demo_detail(n))
}

/// Plain records for tests and benchmarks: a new ticket with one valid
/// applicant (number `n`) and no payment, registered at `at`.
pub fn plain_record(
    kind: Kind,
    motive: Option<char>,
    n: u64,
    at: DateTime<Utc>,
    photo: Option<Attachment>,
    signature: Option<Attachment>,
) -> NewRecord {
    let ticket = Ticket {
        id: String::new(),
        kind,
        motive,
        status: Status::Nuevo,
        registered_at: at,
        registered_by: "prueba".into(),
        applicants: vec![Applicant {
            full_name: format!("Solicitante {n}"),
            dni: format!("{:08}", 10_000_000 + n),
            dni_issued_on: Some(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a real date")),
            email: format!("s{n}@regioncajamarca.gob.pe"),
            photo,
            signature,
            payment_operation: None,
            cert_expires_on: None,
        }],
        certificate: None,
        dispatch: None,
        observations: vec![],
        assignee: None,
        updated_at: at,
        batch: None,
        approved_on: None,
        version: 0,
        taken_at: None,
    };
    let history = vec![HistoryEntry {
        at,
        by: "prueba".into(),
        action: None,
        from: None,
        to: Status::Nuevo,
        reasons: vec![],
        changes: Vec::new(),
    }];
    NewRecord {
        ticket,
        id_year: chrono::Datelike::year(&at),
        history,
        receipts: vec![],
    }
}

/// A generated photo (240×320, PNG or JPEG) and signature (300×100) put in
/// the store, both passing the checks: for tests and benchmarks.
pub fn stored_images(
    store: &crate::store::Store,
    rng: &mut Rng,
    jpeg: bool,
) -> Result<(Attachment, Attachment)> {
    let photo = store.put_attachment(&images::portrait(rng, 240, 320, jpeg), "f")?;
    let signature = store.put_attachment(&images::signature(rng, 300, 100), "s")?;
    Ok((photo, signature))
}

/// The same record, already scheduled by `desk`'s calendar.
pub fn scheduled_record(
    desk: &Desk,
    n: u64,
    at: DateTime<Utc>,
    photo: Attachment,
    signature: Attachment,
) -> NewRecord {
    let mut record = plain_record(
        Kind::Emision,
        Some('a'),
        n,
        at,
        Some(photo),
        Some(signature),
    );
    record.ticket.status = Status::Programado;
    record.ticket.dispatch = Some(desk.dispatch_for(&record.ticket, at));
    record
}
