//! Filter expressions typed beside free words in the queue's filter:
//! `estado:nuevo`, `trámite:reemisión`, `envío:27/11`, `dni:4123`. Keys and
//! values ignore case and accents (`tramite:reemision`); a value may be cut
//! to any start only one valid value has (`estado:obs`). Pure: the console
//! applies the result over its index and words the errors.

use chrono::{Datelike, NaiveDate};

use super::query::fold;
use super::{Kind, Status};

/// What an expression filters on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Estado,
    Tramite,
    Envio,
    Dni,
    /// Who has the ticket (the start of their name).
    Analista,
}

impl Key {
    pub const ALL: [Key; 5] = [
        Key::Estado,
        Key::Tramite,
        Key::Envio,
        Key::Dni,
        Key::Analista,
    ];

    /// The key as an analyst writes it (with its accent).
    pub fn name(self) -> &'static str {
        match self {
            Key::Estado => "estado",
            Key::Tramite => "trámite",
            Key::Envio => "envío",
            Key::Dni => "dni",
            Key::Analista => "analista",
        }
    }

    fn of(typed: &str) -> Option<Key> {
        let f = fold(typed);
        Key::ALL.into_iter().find(|k| fold(k.name()) == f)
    }

    /// The values a key takes from a list (none for dates and DNIs).
    pub fn values(self) -> Vec<&'static str> {
        match self {
            Key::Estado => Status::ALL.iter().map(|s| s.code()).collect(),
            Key::Tramite => Kind::ALL.iter().map(|k| k.code()).collect(),
            Key::Envio | Key::Dni | Key::Analista => Vec::new(),
        }
    }
}

/// A dispatch day: `27/11` (any year) or `27/11/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

impl Day {
    pub fn matches(&self, d: NaiveDate) -> bool {
        d.day() == self.day && d.month() == self.month && self.year.is_none_or(|y| d.year() == y)
    }
}

/// A filter's text, understood.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterExpr {
    /// The free words, as typed, joined by one space.
    pub text: String,
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    pub dispatch: Option<Day>,
    /// The start of the (first applicant's) DNI.
    pub dni: Option<String>,
    /// The start of the owner's name, folded (case and accents aside).
    pub owner: Option<String>,
}

impl FilterExpr {
    /// Whether any expression (not only free words) was given.
    pub fn has_fields(&self) -> bool {
        self.status.is_some()
            || self.kind.is_some()
            || self.dispatch.is_some()
            || self.dni.is_some()
            || self.owner.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprError {
    /// `clave:` with a key that is not one.
    UnknownKey(String),
    /// `clave:` with nothing after it.
    MissingValue(Key),
    /// A value that is not one of the key's, or the start of several.
    UnknownValue(Key, String),
    /// `envío:` with something that is not dd/mm or dd/mm/aaaa.
    BadDay(String),
    /// `dni:` with something other than up to 8 digits.
    BadDni(String),
}

/// Whether a word is meant as an expression: letters, then a colon.
fn split_expr(word: &str) -> Option<(&str, &str)> {
    let (key, value) = word.split_once(':')?;
    (!key.is_empty() && key.chars().all(char::is_alphabetic)).then_some((key, value))
}

/// The one value of `key` equal to `typed`, or the only one it starts.
fn value_of(key: Key, typed: &str) -> Result<&'static str, ExprError> {
    let norm = |s: &str| fold(s).replace(['_', '-'], "");
    let t = norm(typed);
    let values = key.values();
    if let Some(v) = values.iter().find(|v| norm(v) == t) {
        return Ok(v);
    }
    let mut starting = values.iter().filter(|v| norm(v).starts_with(&t));
    match (starting.next(), starting.next()) {
        (Some(v), None) => Ok(v),
        _ => Err(ExprError::UnknownValue(key, typed.to_string())),
    }
}

fn day_of(typed: &str) -> Result<Day, ExprError> {
    let bad = || ExprError::BadDay(typed.to_string());
    let parts: Vec<&str> = typed.split('/').collect();
    let num = |s: &str| -> Result<u32, ExprError> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse().map_err(|_| bad())
    };
    let (day, month, year) = match parts.as_slice() {
        [d, m] => (num(d)?, num(m)?, None),
        [d, m, y] if y.len() == 4 => (num(d)?, num(m)?, Some(num(y)? as i32)),
        _ => return Err(bad()),
    };
    // A leap year when none is given, so 29/02 is a day.
    NaiveDate::from_ymd_opt(year.unwrap_or(2028), month, day).ok_or_else(bad)?;
    Ok(Day { day, month, year })
}

/// Reads a filter's text: expressions and free words, in any order.
pub fn parse(text: &str) -> Result<FilterExpr, ExprError> {
    let mut out = FilterExpr::default();
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        let Some((typed_key, value)) = split_expr(word) else {
            words.push(word);
            continue;
        };
        let key = Key::of(typed_key).ok_or_else(|| ExprError::UnknownKey(typed_key.to_string()))?;
        if value.is_empty() {
            return Err(ExprError::MissingValue(key));
        }
        match key {
            Key::Estado => out.status = Status::from_code(value_of(key, value)?),
            Key::Tramite => out.kind = Kind::from_code(value_of(key, value)?),
            Key::Envio => out.dispatch = Some(day_of(value)?),
            Key::Dni => {
                if value.len() > 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ExprError::BadDni(value.to_string()));
                }
                out.dni = Some(value.to_string());
            }
            Key::Analista => out.owner = Some(fold(value)),
        }
    }
    out.text = words.join(" ");
    Ok(out)
}

/// [`parse`], skipping the expressions in error: what the queue shows
/// while the analyst fixes one (the filter line says what is wrong).
pub fn parse_lenient(text: &str) -> FilterExpr {
    let mut out = FilterExpr::default();
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        match parse(word) {
            Ok(e) if e.has_fields() => {
                out.status = e.status.or(out.status);
                out.kind = e.kind.or(out.kind);
                out.dispatch = e.dispatch.or(out.dispatch);
                out.dni = e.dni.or(out.dni);
                out.owner = e.owner.or(out.owner);
            }
            Ok(_) => words.push(word),
            Err(_) => {}
        }
    }
    out.text = words.join(" ");
    out
}

/// Tab completion of the filter's last word: a key's start completes to
/// the key and its colon, a value's start to the value (when only one
/// fits). `None` when nothing (or nothing new) completes.
pub fn complete(text: &str) -> Option<String> {
    if text.ends_with(char::is_whitespace) {
        return None;
    }
    let start = text.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let (head, last) = text.split_at(start);
    let done = match split_expr(last) {
        Some((typed_key, value)) => {
            let key = Key::of(typed_key)?;
            let v = value_of(key, value).ok()?;
            format!("{}:{v} ", key.name())
        }
        None if !last.is_empty() && last.chars().all(char::is_alphabetic) => {
            let f = fold(last);
            let mut keys = Key::ALL
                .into_iter()
                .filter(|k| fold(k.name()).starts_with(&f));
            match (keys.next(), keys.next()) {
                (Some(k), None) => format!("{}:", k.name()),
                _ => return None,
            }
        }
        None => return None,
    };
    let whole = format!("{head}{done}");
    (whole != text).then_some(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_and_free_words_mix_in_any_order() {
        let e = parse("rosa estado:nuevo trámite:reemisión envío:27/11 dni:4123 huaman").unwrap();
        assert_eq!(e.text, "rosa huaman");
        assert_eq!(e.status, Some(Status::Nuevo));
        assert_eq!(e.kind, Some(Kind::Reemision));
        assert_eq!(
            e.dispatch,
            Some(Day {
                day: 27,
                month: 11,
                year: None
            })
        );
        assert_eq!(e.dni.as_deref(), Some("4123"));
        assert_eq!(
            parse("analista:MVás").unwrap().owner.as_deref(),
            Some("mvas"),
            "the owner's name is compared folded"
        );
    }

    #[test]
    fn keys_and_values_ignore_accents_case_and_underscores() {
        let e = parse("TRAMITE:Reemision Estado:en_atención").unwrap();
        assert_eq!(e.kind, Some(Kind::Reemision));
        assert_eq!(e.status, Some(Status::EnAtencion));
        assert_eq!(
            parse("estado:enatencion").unwrap().status,
            Some(Status::EnAtencion)
        );
        assert_eq!(
            parse("envio:1/2/2027").unwrap().dispatch.unwrap().year,
            Some(2027)
        );
    }

    #[test]
    fn a_value_may_be_cut_where_only_one_value_starts_so() {
        assert_eq!(parse("estado:obs").unwrap().status, Some(Status::Observado));
        assert_eq!(
            parse("estado:e"),
            Err(ExprError::UnknownValue(Key::Estado, "e".into())),
            "en_atencion and enviado both start with e"
        );
    }

    #[test]
    fn mistakes_name_what_is_wrong() {
        assert_eq!(
            parse("color:rojo"),
            Err(ExprError::UnknownKey("color".into()))
        );
        assert_eq!(parse("estado:"), Err(ExprError::MissingValue(Key::Estado)));
        assert_eq!(
            parse("estado:perdido"),
            Err(ExprError::UnknownValue(Key::Estado, "perdido".into()))
        );
        assert_eq!(parse("envío:32/11"), Err(ExprError::BadDay("32/11".into())));
        assert_eq!(
            parse("envío:mañana"),
            Err(ExprError::BadDay("mañana".into()))
        );
        assert_eq!(parse("dni:41a"), Err(ExprError::BadDni("41a".into())));
        assert_eq!(
            parse("dni:123456789"),
            Err(ExprError::BadDni("123456789".into()))
        );
    }

    #[test]
    fn a_mistaken_expression_is_skipped_while_the_rest_applies() {
        let e = parse_lenient("rosa estado:perdido trámite:emision");
        assert_eq!(e.text, "rosa");
        assert_eq!(e.status, None);
        assert_eq!(e.kind, Some(Kind::Emision));
    }

    #[test]
    fn words_that_only_hold_a_colon_stay_free_words() {
        let e = parse("10:30 :x").unwrap();
        assert_eq!(e.text, "10:30 :x");
        assert!(!e.has_fields());
    }

    #[test]
    fn a_day_matches_in_any_year_unless_one_is_given() {
        let d = parse("envío:27/11").unwrap().dispatch.unwrap();
        assert!(d.matches(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()));
        assert!(!d.matches(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()));
        let d = parse("envío:27/11/2025").unwrap().dispatch.unwrap();
        assert!(!d.matches(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()));
    }

    #[test]
    fn tab_completes_keys_then_values() {
        assert_eq!(complete("rosa est").as_deref(), Some("rosa estado:"));
        assert_eq!(complete("tra").as_deref(), Some("trámite:"));
        assert_eq!(complete("estado:obs").as_deref(), Some("estado:observado "));
        assert_eq!(
            complete("tramite:reem").as_deref(),
            Some("trámite:reemision ")
        );
        assert_eq!(complete("estado:e"), None, "two values start so");
        assert_eq!(complete("rosa "), None);
        assert_eq!(complete("zz"), None);
    }
}
