//! The emails a step sends when a request reaches it: the step's template
//! filled in with the request's values, one message per recipient. Pure:
//! the desk turns them into outbox entries in the same transaction as the
//! change.

use super::{Family, Request};

/// One message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepLetter {
    /// `<request>/paso-<step>/<change>/<n>`: unique per change and
    /// recipient, so a replayed change never queues it twice.
    pub id: String,
    pub to_name: String,
    pub to: String,
    pub subject: String,
    /// Paragraphs (the template's body split on blank lines).
    pub paragraphs: Vec<String>,
}

/// Fills `{id}`, `{familia}`, `{tipo}`, `{paso}`, `{oficina}` and
/// `{campo.X}` (a field's value; empty when the request has none).
pub fn fill(text: &str, family: &Family, r: &Request) -> String {
    let step = r.current_step(family);
    let kind = family
        .request_type(&r.kind)
        .map_or(r.kind.as_str(), |t| t.name.as_str());
    let mut out = text
        .replace("{id}", &r.id)
        .replace("{familia}", &family.name)
        .replace("{tipo}", kind)
        .replace("{paso}", step.map_or("", |s| s.name.as_str()))
        .replace("{oficina}", step.map_or("", |s| s.office.as_str()));
    // Left to right, never looking into a value just put in (a value may
    // itself contain `{campo.…}`).
    let mut from = 0;
    while let Some(at) = out[from..].find("{campo.") {
        let start = from + at;
        let Some(len) = out[start..].find('}') else {
            break;
        };
        let key = out[start + 7..start + len].to_string();
        let value = r.fields.get(&key).cloned().unwrap_or_default();
        out.replace_range(start..start + len + 1, &value);
        from = start + value.len();
    }
    out
}

/// The messages of the step `r` has just reached (none when it has no
/// template, or nobody to write to).
pub fn on_arrival(family: &Family, r: &Request) -> Vec<StepLetter> {
    let Some(step) = r.current_step(family) else {
        return Vec::new();
    };
    let Some(template) = step.template.as_ref().and_then(|t| family.templates.get(t)) else {
        return Vec::new();
    };
    let person = template
        .to_field
        .as_ref()
        .and_then(|f| r.fields.get(f))
        .filter(|a| !a.trim().is_empty());
    let recipients: Vec<(String, String)> = match person {
        Some(address) => vec![(
            r.fields
                .get("nombres")
                .cloned()
                .unwrap_or_else(|| address.clone()),
            address.clone(),
        )],
        None => step
            .to
            .iter()
            .map(|a| (step.office.clone(), a.clone()))
            .collect(),
    };
    let subject = fill(&template.subject, family, r);
    let paragraphs: Vec<String> = fill(&template.body, family, r)
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    recipients
        .into_iter()
        .enumerate()
        .map(|(n, (to_name, to))| StepLetter {
            id: format!("{}/paso-{}/{:08}/{}", r.id, step.id, r.log.len(), n + 1),
            to_name,
            to,
            subject: subject.clone(),
            paragraphs: paragraphs.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::parse_family;
    use super::*;
    use crate::domain::calendar::DispatchRules;
    use crate::domain::family::Intake;

    #[test]
    fn a_template_is_filled_and_addressed_to_the_field_or_the_step() {
        let text = r#"
id = "f"
name = "F"
closed_status = "c"
[[statuses]]
id = "c"
name = "C"
[[steps]]
id = "a"
name = "Primero"
office = "Mesa"
to = ["mesa@x.gob.pe", "jefe@x.gob.pe"]
deadline = { amount = 1, unit = "days" }
status = "c"
template = "oficina"
[[steps]]
id = "b"
name = "Entrega"
office = "Mesa"
deadline = { amount = 1, unit = "days" }
status = "c"
template = "persona"
[[types]]
id = "t"
name = "Tipo T"
[[types.fields]]
id = "correo"
label = "Correo"
check = "email"
[templates.oficina]
subject = "{id}: {tipo}"
body = "Paso {paso} en {oficina}.\n\nDe {campo.correo} {campo.nada}."
[templates.persona]
subject = "Para {campo.correo}"
body = "Listo."
to_field = "correo"
"#;
        let f = parse_family("f.toml", text).unwrap();
        let mut intake = Intake::default();
        intake
            .fields
            .insert("correo".into(), "{campo.correo}@x.pe".into());
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 3, 15, 0, 0).unwrap();
        let mut r = Request::new(
            &f,
            &f.types[0],
            &intake,
            vec![],
            "ana",
            now,
            &DispatchRules::default(),
        );
        r.id = "S-2026-000001".into();
        let first = on_arrival(&f, &r);
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].to, "mesa@x.gob.pe");
        assert_eq!(first[1].id, "S-2026-000001/paso-a/00000000/2");
        assert_eq!(first[0].subject, "S-2026-000001: Tipo T");
        assert_eq!(
            first[0].paragraphs,
            ["Paso Primero en Mesa.", "De {campo.correo}@x.pe ."]
        );
        let r = r.advance(&f, "", &[], "", vec![], "ana", now).unwrap();
        let second = on_arrival(&f, &r);
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].to, "{campo.correo}@x.pe");
        let closed = r.advance(&f, "", &[], "", vec![], "ana", now).unwrap();
        assert!(on_arrival(&f, &closed).is_empty());
    }
}
