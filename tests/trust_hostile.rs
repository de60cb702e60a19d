//! Property tests for what `fuzz/` fuzzes (the normal suite runs these):
//! every importer and validator on arbitrary input never panics and never
//! half-imports; any change to any audit entry is found.

use chrono::{DateTime, Utc};
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::applicant::{Field, ValidationRules, check_text};
use mesa::domain::audit::{self, AuditEntry, AuditNote, Head};
use mesa::domain::retention::Period;
use mesa::domain::role::check_name;
use mesa::store::Store;
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T09:00:00-05:00")
        .unwrap()
        .with_timezone(&Utc)
}

fn desk(dir: &std::path::Path) -> Desk {
    let desk = Desk::new(
        Store::open(dir).unwrap(),
        Config::default(),
        Clock::Fixed(now()),
    );
    desk.init_supervisor("prueba").unwrap();
    desk
}

const PEOPLE_HEADER: &str = "dni,full_name,email,job_title,unit,dependency,started_on\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn text_validators_never_panic_and_keep_their_rules(s in any::<String>()) {
        let rules = ValidationRules::default();
        for field in [Field::FullName, Field::Email, Field::PaymentOperation, Field::Certificate] {
            let _ = check_text(field, &s, &rules);
        }
        if let Ok(p) = Period::parse(&s) {
            // What is accepted reads back the same.
            prop_assert_eq!(Period::parse(&p.to_string()), Ok(p));
        }
        if let Ok(name) = check_name(&s) {
            prop_assert!((2..=32).contains(&name.chars().count()));
            prop_assert_eq!(check_name(&name), Ok(name.clone()));
        }
        let _ = mesa::desk::table::read_rows(s.as_bytes(), &mesa::desk::import::COLUMNS);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Arbitrary bytes as a people file, alone or after a valid header:
    /// a refused file leaves the directory and the audit log as they were.
    #[test]
    fn people_import_of_arbitrary_bytes_is_all_or_nothing(
        body in proptest::collection::vec(any::<u8>(), 0..400),
        with_header in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let desk = desk(dir.path());
        let entries = desk.store.audit_len();
        let mut bytes = if with_header { PEOPLE_HEADER.as_bytes().to_vec() } else { Vec::new() };
        bytes.extend(body);
        match desk.import_people(&bytes, "prueba") {
            Ok(people) => {
                prop_assert_eq!(desk.store.people().unwrap().len(), people.len());
                prop_assert_eq!(desk.store.audit_len(), entries + 1);
            }
            Err(_) => {
                prop_assert!(desk.store.people().unwrap().is_empty());
                prop_assert_eq!(desk.store.audit_len(), entries);
            }
        }
    }

    /// Plausible people rows, some good, some bad: all or nothing.
    #[test]
    fn people_import_of_mixed_rows_is_all_or_nothing(rows in proptest::collection::vec(
        (
            prop_oneof!["45781236", "4578123", "x", "45781237"],
            prop_oneof!["Rosa Quispe", "", "R\u{7}osa"],
            prop_oneof!["r@regioncajamarca.gob.pe", "r@gmail.com", ""],
            prop_oneof!["2020-01-01", "2030-01-01", "2020-02-30", ""],
        ),
        1..6,
    )) {
        let dir = tempfile::tempdir().unwrap();
        let desk = desk(dir.path());
        let mut csv = PEOPLE_HEADER.to_string();
        for (dni, name, email, started) in &rows {
            csv += &format!("{dni},{name},{email},Analista,OTI,Sede,{started}\n");
        }
        match desk.import_people(csv.as_bytes(), "prueba") {
            Ok(p) => prop_assert_eq!(p.len(), rows.len()),
            Err(_) => prop_assert!(desk.store.people().unwrap().is_empty()),
        }
    }

    /// RENIEC's answer as arbitrary bytes: refused row by row (no ticket
    /// awaits an answer) and nothing recorded.
    #[test]
    fn reniec_answer_of_arbitrary_bytes_records_nothing(
        body in proptest::collection::vec(any::<u8>(), 0..300),
        with_header in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let desk = desk(dir.path());
        let entries = desk.store.audit_len();
        let mut bytes = if with_header { b"ticket,result,date,reason\n".to_vec() } else { Vec::new() };
        bytes.extend(body);
        let parsed = mesa::desk::batch::parse_outcomes(&desk, &bytes);
        if let Ok(outcomes) = parsed {
            prop_assert!(outcomes.is_empty(), "no ticket is awaiting an answer");
        }
        prop_assert_eq!(desk.store.audit_len(), entries);
    }
}

fn chain(n: usize) -> Vec<AuditEntry> {
    let mut head = Head::default();
    (0..n)
        .map(|i| {
            let e = AuditEntry::chain(
                &head,
                AuditNote::new(now(), "ana", "take", &format!("T-2026-{i:06}"))
                    .dnis([format!("{:08}", 40_000_000 + i)])
                    .detail("Nuevo → En atención"),
            );
            head = e.head();
            e
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any change to any field of any entry is found at that entry (or, if
    /// the entry was re-hashed to hide it, at the next one).
    #[test]
    fn any_change_to_any_entry_is_found(
        n in 1usize..12,
        pick in any::<prop::sample::Index>(),
        field in 0usize..7,
        text in "[a-zA-Z0-9 ]{1,12}",
        rehash in any::<bool>(),
    ) {
        let original = chain(n);
        let head = original.last().unwrap().head();
        let i = pick.index(n);
        let mut c = original.clone();
        let e = &mut c[i];
        match field {
            0 => e.by.push_str(&text),
            1 => e.action.push_str(&text),
            2 => e.subject.push_str(&text),
            3 => e.dnis.push(text.clone()),
            4 => e.detail.push_str(&text),
            5 => e.at += chrono::Duration::seconds(text.len() as i64),
            _ => e.seq += text.len() as u64 + n as u64,
        }
        if rehash {
            e.hash = e.computed_hash();
        }
        let stored: Vec<audit::Stored> = c.iter().map(|e| (e.seq, Ok(e.clone()))).collect();
        // Entries are stored under their number: a changed number moves it.
        let mut stored = stored;
        stored.sort_by_key(|(k, _)| *k);
        let err = audit::verify(stored, &head).unwrap_err();
        prop_assert!((i + 1..=i + 2).contains(&(err.seq as usize)),
            "changed #{}, broken at #{}: {:?}", i + 1, err.seq, err.why);
    }
}
