//! A family's TOML file → a validated [`Family`], or a typed error naming
//! the file, the line when it is known, the field and the problem. Its
//! Spanish words are chosen at the edge (`strings::families`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveTime;
use serde::Deserialize;

use super::{
    Check, Deadline, DocDef, DocKind, Family, FieldDef, OfficeHours, RequestType, StatusDef,
    StepDef, Template, Unit, default_hours,
};

/// The biggest document a family may ask for (the store keeps it whole).
pub const MAX_DOC_KB: u64 = 25 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefError {
    pub file: String,
    pub line: Option<usize>,
    /// Where in the file: `steps[2].deadline`, `types[creacion].fields[dni]`.
    pub field: String,
    pub problem: DefProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefProblem {
    /// Not TOML, or a value of the wrong type.
    Syntax,
    Missing,
    Duplicate(String),
    UnknownStep(String),
    UnknownStatus(String),
    UnknownTemplate(String),
    UnknownField(String),
    DeadlineNoUnit,
    BadUnit(String),
    ZeroDeadline,
    BadCheck(String),
    NoOptions,
    BadKind(String),
    TooBig(u64),
    BadTime(String),
    ClosesBeforeOpening,
    BadAddress(String),
    Empty,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    id: Option<String>,
    name: Option<String>,
    closed_status: Option<String>,
    hours: Option<RawHours>,
    #[serde(default)]
    statuses: Vec<RawStatus>,
    #[serde(default)]
    steps: Vec<RawStep>,
    #[serde(default)]
    types: Vec<RawType>,
    #[serde(default)]
    templates: BTreeMap<String, RawTemplate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHours {
    opens: Option<String>,
    closes: Option<String>,
    cutoff: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    id: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Option<String>,
    name: Option<String>,
    office: Option<String>,
    #[serde(default)]
    to: Vec<String>,
    deadline: Option<RawDeadline>,
    status: Option<String>,
    template: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeadline {
    amount: Option<u32>,
    unit: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawType {
    id: Option<String>,
    name: Option<String>,
    steps: Option<Vec<String>>,
    note: Option<String>,
    #[serde(default)]
    fields: Vec<RawField>,
    #[serde(default)]
    documents: Vec<RawDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    id: Option<String>,
    label: Option<String>,
    check: Option<String>,
    required: Option<bool>,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    domains: Vec<String>,
    max_age_days: Option<i64>,
    max_len: Option<usize>,
    equals: Option<String>,
    refusal: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDoc {
    id: Option<String>,
    label: Option<String>,
    kind: Option<String>,
    required: Option<bool>,
    max_kb: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    subject: Option<String>,
    body: Option<String>,
    to_field: Option<String>,
}

struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
}

impl Ctx<'_> {
    /// The line of the first `key = "value"` naming `needle`, if any.
    fn line_of(&self, needle: &str) -> Option<usize> {
        let quoted = format!("\"{needle}\"");
        self.text
            .lines()
            .position(|l| !needle.is_empty() && l.contains(&quoted))
            .map(|i| i + 1)
    }

    fn err(&self, field: impl Into<String>, needle: &str, problem: DefProblem) -> DefError {
        DefError {
            file: self.file.to_string(),
            line: self.line_of(needle),
            field: field.into(),
            problem,
        }
    }

    fn need(&self, value: Option<String>, field: &str, near: &str) -> Result<String, DefError> {
        match value {
            Some(v) if !v.trim().is_empty() => Ok(v.trim().to_string()),
            Some(_) => Err(self.err(field, near, DefProblem::Empty)),
            None => Err(self.err(field, near, DefProblem::Missing)),
        }
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].matches('\n').count() + 1
}

fn time(ctx: &Ctx, value: &str, field: &str) -> Result<NaiveTime, DefError> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M")
        .map_err(|_| ctx.err(field, value, DefProblem::BadTime(value.to_string())))
}

fn unique<'a>(ctx: &Ctx, ids: impl Iterator<Item = &'a str>, field: &str) -> Result<(), DefError> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(ctx.err(field, id, DefProblem::Duplicate(id.to_string())));
        }
    }
    Ok(())
}

/// A plausible address: one `@`, something before it, a dot after it.
fn is_address(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// Reads and validates one family file; `file` names it in errors.
pub fn parse_family(file: &str, text: &str) -> Result<Family, DefError> {
    let ctx = Ctx { file, text };
    let raw: Raw = toml::from_str(text).map_err(|e| DefError {
        file: file.to_string(),
        line: e.span().map(|s| line_at(text, s.start)),
        field: String::new(),
        problem: DefProblem::Syntax,
    })?;
    let id = ctx.need(raw.id, "id", "")?;
    let name = ctx.need(raw.name, "name", "")?;

    let hours = match raw.hours {
        None => default_hours(),
        Some(h) => {
            let d = default_hours();
            let opens = match h.opens {
                Some(v) => time(&ctx, &v, "hours.opens")?,
                None => d.opens,
            };
            let closes = match h.closes {
                Some(v) => time(&ctx, &v, "hours.closes")?,
                None => d.closes,
            };
            if closes <= opens {
                return Err(ctx.err("hours.closes", "", DefProblem::ClosesBeforeOpening));
            }
            let cutoff = match h.cutoff {
                Some(v) => Some(time(&ctx, &v, "hours.cutoff")?),
                None => None,
            };
            OfficeHours {
                opens,
                closes,
                cutoff,
            }
        }
    };

    let mut statuses = Vec::new();
    for (i, s) in raw.statuses.into_iter().enumerate() {
        let at = format!("statuses[{i}]");
        let sid = ctx.need(s.id, &format!("{at}.id"), "")?;
        let sname = ctx.need(s.name, &format!("{at}.name"), &sid)?;
        statuses.push(StatusDef {
            id: sid,
            name: sname,
        });
    }
    unique(&ctx, statuses.iter().map(|s| s.id.as_str()), "statuses")?;
    let known_status = |s: &str| statuses.iter().any(|x| x.id == s);
    let closed_status = ctx.need(raw.closed_status, "closed_status", "")?;
    if !known_status(&closed_status) {
        return Err(ctx.err(
            "closed_status",
            &closed_status,
            DefProblem::UnknownStatus(closed_status.clone()),
        ));
    }

    let mut templates = BTreeMap::new();
    for (tid, t) in raw.templates {
        let at = format!("templates.{tid}");
        let subject = ctx.need(t.subject, &format!("{at}.subject"), "")?;
        let body = ctx.need(t.body, &format!("{at}.body"), "")?;
        templates.insert(
            tid,
            Template {
                subject,
                body,
                to_field: t.to_field.filter(|f| !f.trim().is_empty()),
            },
        );
    }

    if raw.steps.is_empty() {
        return Err(ctx.err("steps", "", DefProblem::Missing));
    }
    let mut steps = Vec::new();
    for (i, s) in raw.steps.into_iter().enumerate() {
        let at = format!("steps[{i}]");
        let sid = ctx.need(s.id, &format!("{at}.id"), "")?;
        let at = format!("steps[{sid}]");
        let sname = ctx.need(s.name, &format!("{at}.name"), &sid)?;
        let office = ctx.need(s.office, &format!("{at}.office"), &sid)?;
        for addr in &s.to {
            if !is_address(addr.trim()) {
                return Err(ctx.err(
                    format!("{at}.to"),
                    addr,
                    DefProblem::BadAddress(addr.clone()),
                ));
            }
        }
        let Some(d) = s.deadline else {
            return Err(ctx.err(format!("{at}.deadline"), &sid, DefProblem::Missing));
        };
        let unit = match d.unit.as_deref().map(str::trim) {
            None | Some("") => {
                return Err(ctx.err(
                    format!("{at}.deadline.unit"),
                    &sid,
                    DefProblem::DeadlineNoUnit,
                ));
            }
            Some("days") => Unit::Days,
            Some("hours") => Unit::Hours,
            Some(other) => {
                return Err(ctx.err(
                    format!("{at}.deadline.unit"),
                    other,
                    DefProblem::BadUnit(other.to_string()),
                ));
            }
        };
        let amount = match d.amount {
            Some(0) => {
                return Err(ctx.err(
                    format!("{at}.deadline.amount"),
                    &sid,
                    DefProblem::ZeroDeadline,
                ));
            }
            Some(n) => n,
            None => {
                return Err(ctx.err(format!("{at}.deadline.amount"), &sid, DefProblem::Missing));
            }
        };
        let status = ctx.need(s.status, &format!("{at}.status"), &sid)?;
        if !known_status(&status) {
            return Err(ctx.err(
                format!("{at}.status"),
                &status,
                DefProblem::UnknownStatus(status.clone()),
            ));
        }
        if let Some(t) = &s.template
            && !templates.contains_key(t)
        {
            return Err(ctx.err(
                format!("{at}.template"),
                t,
                DefProblem::UnknownTemplate(t.clone()),
            ));
        }
        steps.push(StepDef {
            id: sid,
            name: sname,
            office,
            to: s.to.iter().map(|a| a.trim().to_string()).collect(),
            deadline: Deadline { amount, unit },
            status,
            template: s.template,
        });
    }
    unique(&ctx, steps.iter().map(|s| s.id.as_str()), "steps")?;

    if raw.types.is_empty() {
        return Err(ctx.err("types", "", DefProblem::Missing));
    }
    let mut types = Vec::new();
    for (i, t) in raw.types.into_iter().enumerate() {
        let tid = ctx.need(t.id, &format!("types[{i}].id"), "")?;
        let at = format!("types[{tid}]");
        let tname = ctx.need(t.name, &format!("{at}.name"), &tid)?;
        let chain = match t.steps {
            Some(list) => {
                if list.is_empty() {
                    return Err(ctx.err(format!("{at}.steps"), &tid, DefProblem::Empty));
                }
                for s in &list {
                    if !steps.iter().any(|x| &x.id == s) {
                        return Err(ctx.err(
                            format!("{at}.steps"),
                            s,
                            DefProblem::UnknownStep(s.clone()),
                        ));
                    }
                }
                unique(
                    &ctx,
                    list.iter().map(String::as_str),
                    &format!("{at}.steps"),
                )?;
                list
            }
            None => steps.iter().map(|s| s.id.clone()).collect(),
        };
        let mut fields = Vec::new();
        for (j, f) in t.fields.into_iter().enumerate() {
            let fid = ctx.need(f.id, &format!("{at}.fields[{j}].id"), &tid)?;
            let fat = format!("{at}.fields[{fid}]");
            let label = ctx.need(f.label, &format!("{fat}.label"), &fid)?;
            let kind = ctx.need(f.check, &format!("{fat}.check"), &fid)?;
            let check = match kind.as_str() {
                "dni" => Check::Dni,
                "email" => Check::Email { domains: f.domains },
                "date" => Check::Date {
                    max_age_days: f.max_age_days,
                },
                "choice" => {
                    if f.options.is_empty() {
                        return Err(ctx.err(format!("{fat}.options"), &fid, DefProblem::NoOptions));
                    }
                    Check::Choice { options: f.options }
                }
                "text" => Check::Text {
                    max_len: f.max_len,
                    equals: f.equals,
                },
                other => {
                    return Err(ctx.err(
                        format!("{fat}.check"),
                        other,
                        DefProblem::BadCheck(other.to_string()),
                    ));
                }
            };
            fields.push(FieldDef {
                id: fid,
                label,
                required: f.required.unwrap_or(true),
                check,
                refusal: f.refusal.filter(|r| !r.trim().is_empty()),
            });
        }
        unique(
            &ctx,
            fields.iter().map(|f| f.id.as_str()),
            &format!("{at}.fields"),
        )?;
        for f in &fields {
            if let Check::Text {
                equals: Some(other),
                ..
            } = &f.check
                && !fields.iter().any(|x| &x.id == other)
            {
                return Err(ctx.err(
                    format!("{at}.fields[{}].equals", f.id),
                    other,
                    DefProblem::UnknownField(other.clone()),
                ));
            }
        }
        let mut documents = Vec::new();
        for (j, d) in t.documents.into_iter().enumerate() {
            let did = ctx.need(d.id, &format!("{at}.documents[{j}].id"), &tid)?;
            let dat = format!("{at}.documents[{did}]");
            let label = ctx.need(d.label, &format!("{dat}.label"), &did)?;
            let kind = ctx.need(d.kind, &format!("{dat}.kind"), &did)?;
            let kind = match kind.as_str() {
                "pdf" => DocKind::Pdf,
                "xlsx" => DocKind::Xlsx,
                "image" => DocKind::Image,
                other => {
                    return Err(ctx.err(
                        format!("{dat}.kind"),
                        other,
                        DefProblem::BadKind(other.to_string()),
                    ));
                }
            };
            let max_kb = d.max_kb.unwrap_or(10 * 1024);
            if max_kb == 0 || max_kb > MAX_DOC_KB {
                return Err(ctx.err(format!("{dat}.max_kb"), &did, DefProblem::TooBig(max_kb)));
            }
            documents.push(DocDef {
                id: did,
                label,
                kind,
                required: d.required.unwrap_or(true),
                max_bytes: max_kb * 1024,
            });
        }
        unique(
            &ctx,
            documents.iter().map(|d| d.id.as_str()),
            &format!("{at}.documents"),
        )?;
        types.push(RequestType {
            id: tid,
            name: tname,
            steps: chain,
            fields,
            documents,
            note: t.note.filter(|n| !n.trim().is_empty()),
        });
    }
    unique(&ctx, types.iter().map(|t| t.id.as_str()), "types")?;

    Ok(Family {
        id,
        name,
        hours,
        statuses,
        closed_status,
        steps,
        types,
        templates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "prueba"
name = "Prueba"
closed_status = "cerrada"

[hours]
opens = "08:00"
closes = "17:00"
cutoff = "13:00"

[[statuses]]
id = "abierta"
name = "Abierta"

[[statuses]]
id = "cerrada"
name = "Cerrada"

[[steps]]
id = "uno"
name = "Primer paso"
office = "Mesa"
to = ["mesa@example.gob.pe"]
deadline = { amount = 2, unit = "days" }
status = "abierta"
template = "aviso"

[[steps]]
id = "dos"
name = "Segundo paso"
office = "Proveedor"
deadline = { amount = 4, unit = "hours" }
status = "abierta"

[[types]]
id = "alta"
name = "Alta"

[[types.fields]]
id = "dni"
label = "DNI"
check = "dni"

[[types.documents]]
id = "oficio"
label = "Oficio"
kind = "pdf"
max_kb = 100

[templates.aviso]
subject = "Solicitud {id}"
body = "Hola"
"#;

    #[test]
    fn a_good_file_is_read_whole() {
        let f = parse_family("prueba.toml", GOOD).unwrap();
        assert_eq!(f.id, "prueba");
        assert_eq!(f.steps.len(), 2);
        assert_eq!(
            f.steps[1].deadline,
            Deadline {
                amount: 4,
                unit: Unit::Hours
            }
        );
        assert_eq!(f.types[0].steps, vec!["uno", "dos"]);
        assert_eq!(f.types[0].documents[0].max_bytes, 100 * 1024);
        assert_eq!(f.hours.cutoff, NaiveTime::from_hms_opt(13, 0, 0));
    }

    fn broken(from: &str, to: &str) -> DefError {
        assert!(GOOD.contains(from), "{from}");
        parse_family("prueba.toml", &GOOD.replacen(from, to, 1)).unwrap_err()
    }

    #[test]
    fn a_type_naming_an_unknown_step_is_refused_with_its_line() {
        let e = broken(
            "name = \"Alta\"",
            "name = \"Alta\"\nsteps = [\"uno\", \"tres\"]",
        );
        assert_eq!(e.problem, DefProblem::UnknownStep("tres".into()));
        assert_eq!(e.field, "types[alta].steps");
        assert_eq!(e.file, "prueba.toml");
        let line = e.line.unwrap();
        let text = GOOD.replacen(
            "name = \"Alta\"",
            "name = \"Alta\"\nsteps = [\"uno\", \"tres\"]",
            1,
        );
        assert!(text.lines().nth(line - 1).unwrap().contains("tres"));
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let e = broken("id = \"dos\"", "id = \"uno\"");
        assert_eq!(e.problem, DefProblem::Duplicate("uno".into()));
        assert_eq!(e.field, "steps");
    }

    #[test]
    fn a_deadline_with_no_unit_is_refused() {
        let e = broken("{ amount = 4, unit = \"hours\" }", "{ amount = 4 }");
        assert_eq!(e.problem, DefProblem::DeadlineNoUnit);
        assert_eq!(e.field, "steps[dos].deadline.unit");
    }

    #[test]
    fn an_unknown_unit_status_template_or_check_is_refused() {
        assert_eq!(
            broken("unit = \"hours\"", "unit = \"weeks\"").problem,
            DefProblem::BadUnit("weeks".into())
        );
        assert_eq!(
            broken("status = \"abierta\"", "status = \"perdida\"").problem,
            DefProblem::UnknownStatus("perdida".into())
        );
        assert_eq!(
            broken("template = \"aviso\"", "template = \"otro\"").problem,
            DefProblem::UnknownTemplate("otro".into())
        );
        assert_eq!(
            broken("check = \"dni\"", "check = \"ruc\"").problem,
            DefProblem::BadCheck("ruc".into())
        );
        assert_eq!(
            broken("kind = \"pdf\"", "kind = \"docx\"").problem,
            DefProblem::BadKind("docx".into())
        );
    }

    #[test]
    fn a_bad_address_or_time_is_refused() {
        assert_eq!(
            broken("mesa@example.gob.pe", "mesa-example").problem,
            DefProblem::BadAddress("mesa-example".into())
        );
        assert_eq!(
            broken("cutoff = \"13:00\"", "cutoff = \"1pm\"").problem,
            DefProblem::BadTime("1pm".into())
        );
    }

    #[test]
    fn broken_toml_names_its_line() {
        let e = parse_family("x.toml", "id = \"a\"\nname = \n").unwrap_err();
        assert_eq!(e.problem, DefProblem::Syntax);
        assert_eq!(e.line, Some(2));
        let e = parse_family("x.toml", "id = \"a\"\nsurprise = 1\n").unwrap_err();
        assert_eq!(e.problem, DefProblem::Syntax);
        assert_eq!(e.line, Some(2));
    }
}
