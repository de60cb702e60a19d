//! The people directory: staff as the access request gives them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::applicant::{
    Field, Problem, Rule, ValidationRules, check_dni, check_email, check_not_future, check_text,
    parse_date,
};
use super::query::fold;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub dni: String,
    pub full_name: String,
    /// The institutional address.
    pub email: String,
    /// Cargo.
    pub job_title: String,
    /// Órgano o unidad orgánica.
    pub unit: String,
    /// Dependencia.
    pub dependency: String,
    /// Start date in the post.
    pub started_on: NaiveDate,
}

/// The parts of a person a rule can be about (the CSV columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonField {
    Dni,
    FullName,
    Email,
    JobTitle,
    Unit,
    Dependency,
    StartedOn,
}

impl PersonField {
    pub fn column(self) -> &'static str {
        match self {
            PersonField::Dni => "dni",
            PersonField::FullName => "full_name",
            PersonField::Email => "email",
            PersonField::JobTitle => "job_title",
            PersonField::Unit => "unit",
            PersonField::Dependency => "dependency",
            PersonField::StartedOn => "started_on",
        }
    }
}

impl Person {
    /// Every problem of this record, with the field it is about; the same
    /// checks as an applicant's for name, DNI and email.
    pub fn problems(
        &self,
        today: NaiveDate,
        rules: &ValidationRules,
    ) -> Vec<(PersonField, Problem)> {
        let mut out = Vec::new();
        let mut add = |f: PersonField, ps: Vec<Problem>| out.extend(ps.into_iter().map(|p| (f, p)));
        add(PersonField::Dni, check_dni(&self.dni));
        add(
            PersonField::FullName,
            check_text(Field::FullName, &self.full_name, rules),
        );
        add(PersonField::Email, check_email(&self.email, rules));
        for (f, v) in [
            (PersonField::JobTitle, &self.job_title),
            (PersonField::Unit, &self.unit),
            (PersonField::Dependency, &self.dependency),
        ] {
            add(f, check_text(Field::FullName, v, rules));
        }
        add(
            PersonField::StartedOn,
            check_not_future(Field::RegisteredAt, self.started_on, today),
        );
        out
    }

    /// What a search looks in, folded: name, DNI, email, job title, unit
    /// and dependency.
    pub fn haystack(&self) -> String {
        fold(&format!(
            "{} {} {} {} {} {}",
            self.full_name, self.dni, self.email, self.job_title, self.unit, self.dependency
        ))
    }

    /// Free text over name, DNI, email, job title, unit and dependency;
    /// accents and case ignored, every word must appear.
    pub fn matches(&self, text: &str) -> bool {
        let hay = self.haystack();
        fold(text).split_whitespace().all(|w| hay.contains(w))
    }
}

/// A change to a person's record as typed: the fields given replace the
/// current ones. The DNI is the record's key and does not change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonEdit {
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub job_title: Option<String>,
    pub unit: Option<String>,
    pub dependency: Option<String>,
    /// `AAAA-MM-DD` or `DD/MM/AAAA`.
    pub started_on: Option<String>,
}

impl PersonEdit {
    pub fn is_empty(&self) -> bool {
        *self == PersonEdit::default()
    }

    /// The record after the change, checked as the import checks it; or
    /// every problem, with the field it is about.
    pub fn apply(
        &self,
        current: &Person,
        today: NaiveDate,
        rules: &ValidationRules,
    ) -> Result<Person, Vec<(PersonField, Problem)>> {
        let text = |new: &Option<String>, old: &String| {
            new.as_deref().map(str::trim).unwrap_or(old).to_string()
        };
        let mut bad_date = None;
        let started_on = match self.started_on.as_deref().map(str::trim) {
            None => current.started_on,
            Some("") => {
                bad_date = Some(Rule::Required);
                current.started_on
            }
            Some(typed) => parse_date(typed).unwrap_or_else(|rule| {
                bad_date = Some(rule);
                current.started_on
            }),
        };
        let next = Person {
            dni: current.dni.clone(),
            full_name: text(&self.full_name, &current.full_name),
            email: text(&self.email, &current.email),
            job_title: text(&self.job_title, &current.job_title),
            unit: text(&self.unit, &current.unit),
            dependency: text(&self.dependency, &current.dependency),
            started_on,
        };
        let mut problems = next.problems(today, rules);
        if let Some(rule) = bad_date {
            problems.push((
                PersonField::StartedOn,
                Problem::new(Field::RegisteredAt, rule),
            ));
        }
        match problems.is_empty() {
            true => Ok(next),
            false => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::applicant::Rule;

    fn person() -> Person {
        Person {
            dni: "45781236".into(),
            full_name: "Rosa Quispe Huamán".into(),
            email: "rquispe@regioncajamarca.gob.pe".into(),
            job_title: "Especialista administrativo".into(),
            unit: "Oficina de Tecnologías de la Información".into(),
            dependency: "Sede central".into(),
            started_on: "2024-03-01".parse().unwrap(),
        }
    }
    fn today() -> NaiveDate {
        "2026-11-23".parse().unwrap()
    }

    #[test]
    fn a_complete_person_has_no_problem() {
        assert!(
            person()
                .problems(today(), &ValidationRules::default())
                .is_empty()
        );
    }

    #[test]
    fn every_problem_names_its_column_and_reuses_the_applicant_rules() {
        let p = Person {
            dni: "4578123".into(),
            email: "rosa@gmail.com".into(),
            job_title: " ".into(),
            started_on: "2027-01-01".parse().unwrap(),
            ..person()
        };
        let found: Vec<(&str, Rule)> = p
            .problems(today(), &ValidationRules::default())
            .into_iter()
            .map(|(f, p)| (f.column(), p.rule))
            .collect();
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[0], ("dni", Rule::DniLeadingZeroLost));
        assert!(matches!(found[1], ("email", Rule::EmailPersonal { .. })));
        assert_eq!(found[2], ("job_title", Rule::Required));
        assert!(matches!(
            found[3],
            ("started_on", Rule::DateInFuture { .. })
        ));
    }

    #[test]
    fn an_edit_replaces_only_the_fields_given_and_keeps_the_dni() {
        let rules = ValidationRules::default();
        let edit = PersonEdit {
            job_title: Some("  Jefa de oficina ".into()),
            started_on: Some("15/10/2026".into()),
            ..PersonEdit::default()
        };
        let next = edit.apply(&person(), today(), &rules).unwrap();
        assert_eq!(next.job_title, "Jefa de oficina");
        assert_eq!(next.started_on, "2026-10-15".parse::<NaiveDate>().unwrap());
        assert_eq!(next.dni, "45781236");
        assert_eq!(next.email, person().email);
    }

    #[test]
    fn a_bad_edit_names_each_field_and_rule() {
        let rules = ValidationRules::default();
        let edit = PersonEdit {
            email: Some("rosa@hotmail.com".into()),
            full_name: Some("".into()),
            started_on: Some("31/02/2026".into()),
            ..PersonEdit::default()
        };
        let found: Vec<(&str, Rule)> = edit
            .apply(&person(), today(), &rules)
            .unwrap_err()
            .into_iter()
            .map(|(f, p)| (f.column(), p.rule))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], ("full_name", Rule::Required));
        assert!(matches!(found[1], ("email", Rule::EmailPersonal { .. })));
        assert!(matches!(found[2], ("started_on", Rule::DateNotReal { .. })));
    }

    #[test]
    fn search_ignores_accents_and_case_over_every_field() {
        let p = person();
        assert!(p.matches("huaman"));
        assert!(p.matches("TECNOLOGIAS rosa"));
        assert!(p.matches("4578"));
        assert!(!p.matches("rosa chávez"));
        assert!(p.matches(""));
    }
}
