//! Every validator on arbitrary text: never a panic, and what the
//! strict ones accept is what their rule says.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mesa::domain::applicant::{
    Field, ValidationRules, check_dni, check_email, check_text, parse_amount_cents, parse_date,
};
use mesa::domain::retention::Period;
use mesa::domain::role::check_name;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let rules = ValidationRules::default();
    if check_dni(s).is_empty() {
        assert!(
            s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()),
            "{s:?}"
        );
    }
    let _ = check_email(s, &rules);
    for field in [
        Field::FullName,
        Field::Email,
        Field::PaymentOperation,
        Field::Certificate,
    ] {
        let _ = check_text(field, s, &rules);
    }
    let _ = parse_date(s);
    if let Ok(cents) = parse_amount_cents(s) {
        assert!(cents < 100_000_000, "{s:?} → {cents}");
    }
    let _ = Period::parse(s);
    if let Ok(name) = check_name(s) {
        assert!((2..=32).contains(&name.chars().count()), "{s:?}");
    }
    let _ = mesa::desk::table::read_rows(data, &mesa::desk::import::COLUMNS);
});
