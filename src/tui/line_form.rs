//! A small form of one-line fields over a screen: a person's data, a
//! payment receipt, a date range. The screen that owns it checks the values
//! with the domain's rules after every change and decides what saving does.

use std::collections::{BTreeMap, BTreeSet};

use crossterm::event::KeyEvent;

use super::action::Command;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineField {
    /// The name the owner knows the field by.
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
}

/// What a command did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Stay,
    Save,
    Cancel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineForm {
    pub title: String,
    /// A line under the title (what the form is about).
    pub note: Option<String>,
    pub fields: Vec<LineField>,
    pub focus: usize,
    /// Problems by field, as the owner last checked them.
    pub problems: BTreeMap<&'static str, String>,
    /// Fields typed in: their problems show at once; the others after the
    /// first attempt to save.
    pub touched: BTreeSet<&'static str>,
    pub tried: bool,
    /// Sent to the store; a second save waits for the answer.
    pub saving: bool,
}

impl LineForm {
    pub fn new(
        title: impl Into<String>,
        fields: Vec<(&'static str, &'static str, String)>,
    ) -> LineForm {
        LineForm {
            title: title.into(),
            note: None,
            fields: fields
                .into_iter()
                .map(|(key, label, value)| LineField { key, label, value })
                .collect(),
            focus: 0,
            problems: BTreeMap::new(),
            touched: BTreeSet::new(),
            tried: false,
            saving: false,
        }
    }

    pub fn value(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
            .unwrap_or("")
    }

    /// The problem shown beside a field, if it is time to show it.
    pub fn shown_problem(&self, key: &'static str) -> Option<&String> {
        (self.tried || self.touched.contains(key))
            .then(|| self.problems.get(key))
            .flatten()
    }

    /// Moves the focus, or asks to save or cancel.
    pub fn command(&mut self, c: Command) -> Step {
        let n = self.fields.len().max(1);
        match c {
            Command::NextField | Command::Down => self.focus = (self.focus + 1) % n,
            Command::PrevField | Command::Up => self.focus = (self.focus + n - 1) % n,
            Command::Save | Command::Accept => {
                self.tried = true;
                return Step::Save;
            }
            Command::Back => return Step::Cancel,
            _ => {}
        }
        Step::Stay
    }

    /// Types into the focused field; true when its value changed.
    pub fn key(&mut self, ev: &KeyEvent) -> bool {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let changed = super::app::edit_line(&mut f.value, ev);
        if changed {
            self.touched.insert(f.key);
        }
        changed
    }

    /// "Label: problem" for every field with a problem, in the form's order.
    pub fn problem_lines(&self) -> Vec<String> {
        self.fields
            .iter()
            .filter_map(|f| {
                self.problems
                    .get(f.key)
                    .map(|p| format!("{}: {p}", f.label))
            })
            .collect()
    }

    /// Focuses the first field with a problem.
    pub fn focus_first_problem(&mut self) {
        if let Some(i) = self
            .fields
            .iter()
            .position(|f| self.problems.contains_key(f.key))
        {
            self.focus = i;
        }
    }
}
