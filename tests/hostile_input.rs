//! Arbitrary input never panics and never half-imports.

mod common;

use chrono::Utc;
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::applicant::{
    ValidationRules, check_dni, check_email, parse_amount_cents, parse_date,
};
use mesa::store::Store;
use proptest::prelude::*;

const HEADER: &str = common::IMPORT_HEADER_LINE;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn validators_never_panic(s in any::<String>()) {
        let rules = ValidationRules::default();
        let _ = check_dni(&s);
        let _ = check_email(&s, &rules);
        let _ = parse_date(&s);
        let _ = parse_amount_cents(&s);
    }

    #[test]
    fn dni_rule_is_exactly_eight_ascii_digits(s in "[0-9]{0,10}") {
        prop_assert_eq!(check_dni(&s).is_empty(), s.len() == 8);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random bytes, alone or after a valid header: never a panic, and a
    /// refused file leaves the store empty.
    #[test]
    fn import_of_arbitrary_bytes_is_all_or_nothing(body in proptest::collection::vec(any::<u8>(), 0..400), with_header in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::new(Store::open(dir.path()).unwrap(), Config::default(), Clock::Fixed(Utc::now()));
        desk.init_supervisor("prueba").unwrap();
        let mut bytes = if with_header { HEADER.as_bytes().to_vec() } else { Vec::new() };
        bytes.extend(body);
        match desk.import_csv(&bytes, dir.path(), "prueba") {
            Ok(ids) => prop_assert_eq!(ids.len(), desk.store.count()),
            Err(_) => prop_assert_eq!(desk.store.count(), 0),
        }
    }

    /// Rows built from plausible pieces, some good, some bad.
    #[test]
    fn import_of_mixed_rows_is_all_or_nothing(rows in proptest::collection::vec(
        (
            prop_oneof!["emision", "reemision", "instalacion", "cancelacion", "otro"],
            prop_oneof!["", "a", "c", "d", "z"],
            prop_oneof!["45781236", "4578123", "x"],
            prop_oneof!["2019-05-14", "2030-01-01", "2019-02-30", ""],
            prop_oneof!["a@regioncajamarca.gob.pe", "a@gmail.com", "a"],
            prop_oneof!["", "123,2026-11-20,8.10", "124,2026-11-20,8.00"],
        ),
        1..6,
    )) {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::new(Store::open(dir.path()).unwrap(), Config::default(), Clock::Fixed(Utc::now()));
        desk.init_supervisor("prueba").unwrap();
        let mut csv = HEADER.to_string();
        for (i, (kind, motive, dni, issued, email, payment)) in rows.iter().enumerate() {
            let payment = if payment.is_empty() { ",,".to_string() } else { payment.to_string() };
            csv += &format!("{i},{kind},{motive},,Nombre Apellido,{dni},{issued},{email},,,{payment},,\n");
        }
        match desk.import_csv(csv.as_bytes(), dir.path(), "prueba") {
            Ok(ids) => prop_assert_eq!(ids.len(), rows.len()),
            Err(_) => prop_assert_eq!(desk.store.count(), 0),
        }
    }
}
