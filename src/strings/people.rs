//! Editing a person of the directory (console and `mesa people edit`).

use crate::domain::Problem;
use crate::domain::person::PersonField;

pub fn field_label(f: PersonField) -> &'static str {
    match f {
        PersonField::Dni => "DNI",
        PersonField::FullName => "Nombre completo",
        PersonField::Email => "Correo institucional",
        PersonField::JobTitle => "Cargo",
        PersonField::Unit => "Órgano o unidad orgánica",
        PersonField::Dependency => "Dependencia",
        PersonField::StartedOn => "Inicio en el cargo",
    }
}
/// The command-line option that sets a field.
pub fn field_option(f: PersonField) -> &'static str {
    match f {
        PersonField::Dni => "DNI",
        PersonField::FullName => "--full-name",
        PersonField::Email => "--email",
        PersonField::JobTitle => "--job-title",
        PersonField::Unit => "--unit",
        PersonField::Dependency => "--dependency",
        PersonField::StartedOn => "--started-on",
    }
}
/// "Correo institucional: gmail.com es un correo personal; …"
pub fn field_problem(f: PersonField, p: &Problem) -> String {
    format!("{}: {}", field_label(f), super::rule_text(&p.rule))
}
pub fn edit_problems(problems: &[(PersonField, Problem)]) -> String {
    let list: Vec<String> = problems
        .iter()
        .map(|(f, p)| format!("{} ({})", field_problem(*f, p), field_option(*f)))
        .collect();
    format!("no se guardó nada: {}", list.join("; "))
}
pub fn not_in_directory(dni: &str) -> String {
    format!("el DNI {dni} no está en el directorio de personas")
}
pub fn nothing_to_edit() -> &'static str {
    "indique al menos un dato a cambiar: --full-name, --email, --job-title, --unit, --dependency o --started-on"
}
pub fn edited(name: &str, dni: &str) -> String {
    format!("Se guardaron los datos de {name} (DNI {dni}).")
}
