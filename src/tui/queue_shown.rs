//! How the queue shows a row's id, applicants and DNI, kept as what differs
//! from the row's folded search text, which starts with the same three
//! folded (`t-2026-000001 rosa huaman quispe 41234567 …`): at a million rows
//! the strings as written would cost half as much again as that text. An id
//! is its folded form in capitals, a DNI its folded form, a name its folded
//! form in title case with its accents put back (one patch per accented
//! letter); whatever these rules do not give back is kept as written.
//!
//! A row's record: one byte of modes (id, DNI and name: bits 0–1, 2–3, 4–5;
//! a suffix such as " +1" follows: bit 6; patches follow: bit 7), then the
//! id and the DNI if written, the name (written, or its patch count and
//! patches: char index from the previous patch, the character), the suffix.

use std::borrow::Cow;

use crate::domain::query::{fold, fold_char, folded_chars};

/// Where a row's record starts and how long the folded id, first name and
/// DNI are at the start of its search text (all 0 when that text does not
/// start with them: everything is then written).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spans {
    pub at: u32,
    pub lens: [u8; 3],
}

/// An id or a DNI: its folded form, that in capitals, or as written.
const AS_FOLDED: u8 = 0;
const UPPER: u8 = 1;
const WRITTEN: u8 = 2;
/// A name as written (the other name modes are [`Case`]s).
const NAME_WRITTEN: u8 = 3;
const SUFFIX: u8 = 1 << 6;
const PATCHES: u8 = 1 << 7;

/// How a name's letters are predicted from its folded ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower = 0,
    Title = 1,
    Upper = 2,
}

const CASES: [Case; 3] = [Case::Lower, Case::Title, Case::Upper];

fn single_upper(c: char) -> Option<char> {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => Some(u),
        _ => None,
    }
}

impl Case {
    fn of(bits: u8) -> Case {
        CASES.get(bits as usize).copied().unwrap_or(Case::Lower)
    }

    /// The letter shown for folded `c` after folded `prev`.
    fn predict(self, c: char, prev: Option<char>) -> char {
        let up = match self {
            Case::Lower => false,
            Case::Upper => true,
            Case::Title => !prev.is_some_and(char::is_alphabetic),
        };
        if up { single_upper(c).unwrap_or(c) } else { c }
    }

    /// The patches `name` needs over its folded letters, one call per patch
    /// (char index since the previous one, the letter); false when they do
    /// not fit a record (a letter folding to several, a gap over 255).
    fn patches(self, name: &str, mut each: impl FnMut(u8, char)) -> bool {
        let (mut prev, mut last) = (None, 0usize);
        for (i, c) in name.chars().enumerate() {
            let Some(f) = fold_char(c) else {
                return false;
            };
            if self.predict(f, prev) != c {
                let Ok(gap) = u8::try_from(i - last) else {
                    return false;
                };
                each(gap, c);
                last = i;
            }
            prev = Some(f);
        }
        true
    }

    /// Bytes the patches take, if they fit.
    fn cost(self, name: &str) -> Option<usize> {
        let (mut bytes, mut count) = (0, 0usize);
        let fits = self.patches(name, |_, c| {
            bytes += 1 + c.len_utf8();
            count += 1;
        });
        (fits && count <= u8::MAX as usize).then_some(if count == 0 { 0 } else { 1 + bytes })
    }
}

/// `s` without a trailing " +N" (more applicants), and that suffix.
fn split_suffix(s: &str) -> (&str, &str) {
    let body = s.trim_end_matches(|c: char| c.is_ascii_digit());
    match body.strip_suffix(" +") {
        Some(name) if body.len() < s.len() => (name, &s[name.len()..]),
        _ => (s, ""),
    }
}

/// How long `fold(s)` is, if `text` starts with it.
fn folded_len(s: &str, text: &[u8]) -> Option<usize> {
    let mut at = 0;
    let mut buf = [0u8; 4];
    for c in folded_chars(s) {
        let c = c.encode_utf8(&mut buf).as_bytes();
        if !text[at..].starts_with(c) {
            return None;
        }
        at += c.len();
    }
    Some(at)
}

/// How the id or DNI `s`, folded to `folded`, is kept.
fn plain_mode(s: &str, folded: &[u8]) -> u8 {
    if s.as_bytes() == folded {
        AS_FOLDED
    } else if s.len() == folded.len()
        && s.bytes()
            .zip(folded)
            .all(|(a, b)| a == b.to_ascii_uppercase())
    {
        UPPER
    } else {
        WRITTEN
    }
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn len_len(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()).max(1).div_ceil(7) as usize
}

/// The bytes of a UTF-8 character starting with `lead`.
fn char_len(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0xE0..0xF0 => 3,
        0xF0.. => 4,
        _ => 2,
    }
}

/// Reads a record; a short record (never written so) reads as empty parts.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.first().copied().unwrap_or(0);
        self.bytes = self.bytes.get(1..).unwrap_or_default();
        b
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.bytes.len());
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        head
    }

    fn len(&mut self) -> usize {
        let (mut n, mut shift) = (0usize, 0);
        loop {
            let b = self.byte();
            n |= ((b & 0x7F) as usize) << shift.min(63);
            shift += 7;
            if b & 0x80 == 0 {
                return n;
            }
        }
    }

    fn string(&mut self) -> &'a [u8] {
        let n = self.len();
        self.take(n)
    }
}

/// An id or DNI: bytes shown as they are or in capitals.
#[derive(Clone, Copy)]
struct Plain<'a> {
    bytes: &'a [u8],
    upper: bool,
}

impl<'a> Plain<'a> {
    fn bytes(self) -> impl Iterator<Item = u8> + 'a {
        let upper = self.upper;
        self.bytes
            .iter()
            .map(move |b| if upper { b.to_ascii_uppercase() } else { *b })
    }

    fn text(self) -> Cow<'a, str> {
        let s = String::from_utf8_lossy(self.bytes);
        if self.upper {
            Cow::Owned(s.to_ascii_uppercase())
        } else {
            s
        }
    }
}

enum Name<'a> {
    Derived {
        folded: &'a [u8],
        case: Case,
        count: u8,
        patches: &'a [u8],
    },
    Written(&'a [u8]),
}

struct Record<'a> {
    id: Plain<'a>,
    dni: Plain<'a>,
    name: Name<'a>,
    suffix: &'a [u8],
}

fn plain<'a>(mode: u8, folded: &'a [u8], r: &mut Reader<'a>) -> Plain<'a> {
    match mode {
        WRITTEN => Plain {
            bytes: r.string(),
            upper: false,
        },
        mode => Plain {
            bytes: folded,
            upper: mode == UPPER,
        },
    }
}

/// Where a row's shown strings are kept, for every row in one buffer.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    bytes: Vec<u8>,
}

impl Shown {
    /// Records how `id`, `applicants` and `dni` are shown, given the row's
    /// search text as stored (`folded`).
    pub fn push(&mut self, id: &str, applicants: &str, dni: &str, folded: &[u8]) -> Spans {
        let at = self.bytes.len() as u32;
        let (name, suffix) = split_suffix(applicants);
        let lens = folded_len(id, folded).and_then(|a| {
            let rest = folded.get(a..)?.strip_prefix(b" ")?;
            let b = folded_len(name, rest)?;
            let rest = rest.get(b..)?.strip_prefix(b" ")?;
            let c = folded_len(dni, rest)?;
            let after = rest.get(c..)?;
            (after.is_empty() || after[0] == b' ').then_some([a, b, c])
        });
        let Some([a, b, c]) = lens.filter(|l| l.iter().all(|n| *n <= u8::MAX as usize)) else {
            self.bytes.push(WRITTEN | WRITTEN << 2 | NAME_WRITTEN << 4);
            put(&mut self.bytes, id);
            put(&mut self.bytes, dni);
            put(&mut self.bytes, applicants);
            return Spans { at, lens: [0; 3] };
        };
        let id_mode = plain_mode(id, &folded[..a]);
        let dni_mode = plain_mode(dni, &folded[a + b + 2..a + b + 2 + c]);
        let written = len_len(name.len()) + name.len();
        let case = CASES
            .iter()
            .filter_map(|case| case.cost(name).map(|cost| (cost, *case)))
            .min_by_key(|(cost, _)| *cost)
            .filter(|(cost, _)| *cost <= written);
        let mut head = id_mode | dni_mode << 2;
        head |= case.map_or(NAME_WRITTEN, |(_, case)| case as u8) << 4;
        if !suffix.is_empty() {
            head |= SUFFIX;
        }
        if case.is_some_and(|(cost, _)| cost > 0) {
            head |= PATCHES;
        }
        self.bytes.push(head);
        if id_mode == WRITTEN {
            put(&mut self.bytes, id);
        }
        if dni_mode == WRITTEN {
            put(&mut self.bytes, dni);
        }
        match case {
            None => put(&mut self.bytes, name),
            Some((cost, case)) if cost > 0 => {
                let count_at = self.bytes.len();
                self.bytes.push(0);
                let mut count = 0u8;
                let mut buf = [0u8; 4];
                case.patches(name, |gap, c| {
                    count += 1;
                    self.bytes.push(gap);
                    self.bytes
                        .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                });
                self.bytes[count_at] = count;
            }
            Some(_) => {}
        }
        if !suffix.is_empty() {
            put(&mut self.bytes, suffix);
        }
        let spans = Spans {
            at,
            lens: [a as u8, b as u8, c as u8],
        };
        debug_assert_eq!(self.id(spans, folded), id);
        debug_assert_eq!(self.applicants(spans, folded), applicants);
        debug_assert_eq!(self.dni(spans, folded), dni);
        spans
    }

    fn record<'a>(&'a self, s: Spans, folded: &'a [u8]) -> Record<'a> {
        let mut r = Reader {
            bytes: self.bytes.get(s.at as usize..).unwrap_or_default(),
        };
        let [a, b, c] = s.lens.map(usize::from);
        let part = |from: usize, len: usize| folded.get(from..from + len).unwrap_or_default();
        let head = r.byte();
        let id = plain(head & 3, part(0, a), &mut r);
        let dni = plain(head >> 2 & 3, part(a + b + 2, c), &mut r);
        let name = match head >> 4 & 3 {
            NAME_WRITTEN => Name::Written(r.string()),
            case => {
                let count = if head & PATCHES != 0 { r.byte() } else { 0 };
                let start = r.bytes;
                let mut used = 0;
                for _ in 0..count {
                    let lead = start.get(used + 1).copied().unwrap_or(0);
                    used += 1 + char_len(lead);
                }
                Name::Derived {
                    folded: part(a + 1, b),
                    case: Case::of(case),
                    count,
                    patches: r.take(used),
                }
            }
        };
        let suffix = if head & SUFFIX != 0 { r.string() } else { &[] };
        Record {
            id,
            dni,
            name,
            suffix,
        }
    }

    pub fn id<'a>(&'a self, s: Spans, folded: &'a [u8]) -> Cow<'a, str> {
        self.record(s, folded).id.text()
    }

    /// The id's bytes, to compare ids without building them.
    pub fn id_bytes<'a>(&'a self, s: Spans, folded: &'a [u8]) -> impl Iterator<Item = u8> + 'a {
        self.record(s, folded).id.bytes()
    }

    pub fn dni<'a>(&'a self, s: Spans, folded: &'a [u8]) -> Cow<'a, str> {
        self.record(s, folded).dni.text()
    }

    pub fn dni_bytes<'a>(&'a self, s: Spans, folded: &'a [u8]) -> impl Iterator<Item = u8> + 'a {
        self.record(s, folded).dni.bytes()
    }

    /// The applicants as shown: the first one's name and " +N" for more.
    pub fn applicants(&self, s: Spans, folded: &[u8]) -> String {
        let r = self.record(s, folded);
        let mut out = match r.name {
            Name::Written(w) => String::from_utf8_lossy(w).into_owned(),
            Name::Derived {
                folded,
                case,
                count,
                patches,
            } => {
                let mut p = Reader { bytes: patches };
                let mut left = count;
                let mut next = if left > 0 {
                    Some(p.byte() as usize)
                } else {
                    None
                };
                let mut out = String::with_capacity(folded.len() + 2 * count as usize);
                let mut prev = None;
                for (i, c) in String::from_utf8_lossy(folded).chars().enumerate() {
                    match next {
                        Some(n) if n == i => {
                            let lead = p.bytes.first().copied().unwrap_or(0);
                            let ch = std::str::from_utf8(p.take(char_len(lead)))
                                .ok()
                                .and_then(|s| s.chars().next())
                                .unwrap_or(c);
                            out.push(ch);
                            left -= 1;
                            next = (left > 0).then(|| i + p.byte() as usize);
                        }
                        _ => out.push(case.predict(c, prev)),
                    }
                    prev = Some(c);
                }
                out
            }
        };
        out.push_str(&String::from_utf8_lossy(r.suffix));
        out
    }

    /// The applicants folded, for sorting: from the search text when the
    /// name is derived from it.
    pub fn sort_key<'a>(&'a self, s: Spans, folded: &'a [u8]) -> Cow<'a, [u8]> {
        let r = self.record(s, folded);
        match r.name {
            Name::Derived { folded, .. } if r.suffix.is_empty() => Cow::Borrowed(folded),
            Name::Derived { folded, .. } => {
                let mut key = folded.to_vec();
                key.extend_from_slice(fold(&String::from_utf8_lossy(r.suffix)).as_bytes());
                Cow::Owned(key)
            }
            Name::Written(w) => Cow::Owned(fold(&String::from_utf8_lossy(w)).into_bytes()),
        }
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub fn reserve(&mut self, bytes: usize) {
        self.bytes.reserve(bytes);
    }

    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pushes the strings against a search text laid out as the store's.
    fn round_trip(id: &str, applicants: &str, dni: &str, more: &str) -> usize {
        let (name, _) = split_suffix(applicants);
        let folded = fold(&format!("{id} {name} {dni}{more}"));
        let mut shown = Shown::default();
        shown.push("X", "junk before", "1", b"x junk before 1");
        let s = shown.push(id, applicants, dni, folded.as_bytes());
        let f = folded.as_bytes();
        assert_eq!(shown.id(s, f), id);
        assert_eq!(shown.applicants(s, f), applicants);
        assert_eq!(shown.dni(s, f), dni);
        assert_eq!(shown.id_bytes(s, f).collect::<Vec<_>>(), id.as_bytes());
        assert_eq!(shown.dni_bytes(s, f).collect::<Vec<_>>(), dni.as_bytes());
        assert_eq!(&*shown.sort_key(s, f), fold(applicants).as_bytes());
        shown.len() - s.at as usize
    }

    #[test]
    fn names_come_back_with_their_accents_and_capitals() {
        for name in [
            "Rosa Huamán Quispe",
            "Édgar Mego Mego",
            "JOSÉ ÑIQUE DÍAZ",
            "maría de la cruz",
            "Ana María Pérez de la Cruz O'Brien",
            "Luisa Ñique +1",
            "Zoë Müller-Lüdenscheidt +12",
            "",
            "Ünal Çelik",
            "İlker Şahin",
            "Straße",
            "a +b",
            "+3",
        ] {
            round_trip("T-2026-000042", name, "45781236", " rhuaman@x.pe");
        }
    }

    #[test]
    fn a_typical_row_takes_a_few_bytes() {
        assert_eq!(
            round_trip("T-2026-000042", "Rosa Huamán Quispe", "45781236", " r@x.pe"),
            1 + 1 + 3,
            "modes, patch count, one accent"
        );
        assert_eq!(
            round_trip("T-2026-000042", "Luis Rojas", "45781236", ""),
            1,
            "no patch"
        );
    }

    #[test]
    fn what_the_rules_cannot_give_back_is_kept_as_written() {
        // An id with small letters, a DNI with a letter, a name in mixed case.
        round_trip("t-2026-A1", "rOsA hUaMáN", "4578123a", "");
        // Text that does not start with the row's own strings.
        let mut shown = Shown::default();
        let s = shown.push(
            "T-1",
            "Certificado CD-1",
            "41234567",
            b"t-1  41234567 a@b.pe",
        );
        assert_eq!(s.lens, [0; 3]);
        let f = b"t-1  41234567 a@b.pe".as_slice();
        assert_eq!(shown.applicants(s, f), "Certificado CD-1");
        assert_eq!(
            (shown.id(s, f), shown.dni(s, f)),
            ("T-1".into(), "41234567".into())
        );
        // A name too long for the spans.
        round_trip("T-1", &"Á".repeat(300), "1", "");
    }

    #[test]
    fn suffixes_are_split_only_when_they_are_a_count() {
        assert_eq!(split_suffix("Ana Díaz +1"), ("Ana Díaz", " +1"));
        assert_eq!(split_suffix("Ana +12"), ("Ana", " +12"));
        assert_eq!(split_suffix("Ana +"), ("Ana +", ""));
        assert_eq!(split_suffix("Ana 1"), ("Ana 1", ""));
    }
}
