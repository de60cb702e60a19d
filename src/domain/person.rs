//! The people directory: staff as the access request gives them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::applicant::{
    Field, Problem, ValidationRules, check_dni, check_email, check_not_future, check_text,
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

    /// Free text over name, DNI, email, job title, unit and dependency;
    /// accents and case ignored, every word must appear.
    pub fn matches(&self, text: &str) -> bool {
        let hay = fold(&format!(
            "{} {} {} {} {} {}",
            self.full_name, self.dni, self.email, self.job_title, self.unit, self.dependency
        ));
        fold(text).split_whitespace().all(|w| hay.contains(w))
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
        assert_eq!(found[0], ("dni", Rule::DniEightDigits));
        assert!(matches!(found[1], ("email", Rule::EmailPersonal { .. })));
        assert_eq!(found[2], ("job_title", Rule::Required));
        assert!(matches!(
            found[3],
            ("started_on", Rule::DateInFuture { .. })
        ));
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
