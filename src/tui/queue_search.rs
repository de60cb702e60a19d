//! The filter's text search, fast enough for a million rows inside one
//! frame. Every row's folded text (id, names, DNIs, emails) sits in one
//! buffer, each followed by a newline, which no typed word contains: a
//! search for the rarest word runs over the whole buffer at memory speed
//! (SIMD `memmem`, split across the cores) instead of once per row. A
//! one-letter word is answered from a per-row mask of the characters present.
//!
//! The email domain most rows share (the institution's) is kept as one byte
//! that never occurs in UTF-8, [`MARK`]: `rhuaman@regioncajamarca.gob.pe`
//! is stored as `rhuaman@` and that byte, a third of the text. A typed word
//! that runs into the domain (`rhuaman@regioncaj`) is looked for as its part
//! up to the `@` followed by the domain's start or the mark; a word inside
//! the domain (`cajamarca`) matches every row with an email there, known
//! from the mask.

use memchr::memmem::Finder;

/// Below this many rows, one thread scans faster than two start.
const PARALLEL_FROM: usize = 100_000;

/// Stands for the common domain after an `@`.
const MARK: u8 = 0xFF;

/// Mask bit: the row has an email at the common domain.
const AT_DOMAIN: u64 = 1 << 62;

#[derive(Debug, Clone, Default)]
pub struct Haystacks {
    bytes: Vec<u8>,
    /// Where each row's text (with its newline) ends.
    ends: Vec<u32>,
    /// Which character classes ([`class`]) each row's text contains.
    masks: Vec<u64>,
    /// The common email domain, folded, without its `@`.
    domain: Option<String>,
}

/// The mask bit of an ASCII byte that has one of its own; `None` for bytes
/// that share the last bit (a one-letter search on those scans the text).
fn class(b: u8) -> Option<u32> {
    match b {
        b'a'..=b'z' => Some((b - b'a') as u32),
        b'0'..=b'9' => Some(26 + (b - b'0') as u32),
        b'-' => Some(36),
        b'@' => Some(37),
        b'.' => Some(38),
        b'_' => Some(39),
        b'+' => Some(40),
        b'\'' => Some(41),
        _ => None,
    }
}

fn mask_of(text: &[u8]) -> u64 {
    text.iter()
        .fold(0, |m, b| m | class(*b).map_or(1 << 63, |c| 1 << c))
}

/// The email domain that at least half of these folded texts use, if any.
pub fn common_domain<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    let mut rows = 0;
    for text in texts {
        rows += 1;
        let mut seen: Vec<&str> = Vec::new();
        for domain in text
            .split(' ')
            .filter_map(|w| w.rsplit_once('@'))
            .map(|(_, d)| d)
        {
            if !domain.is_empty() && !seen.contains(&domain) {
                seen.push(domain);
                *counts.entry(domain).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(d, n)| (*n, std::cmp::Reverse(*d)))
        .filter(|(_, n)| *n * 2 >= rows)
        .map(|(d, _)| d.to_string())
}

/// A typed word as it is looked for in the stored text.
struct Word<'a> {
    /// The word, or its part up to its last `@` when what follows is the
    /// start of the common domain.
    head: Finder<'a>,
    /// That start: after `head`, either it or the mark.
    tail: Option<&'a [u8]>,
    /// The word lies inside the common domain.
    in_domain: bool,
}

impl<'a> Word<'a> {
    fn new(word: &'a str, domain: Option<&str>) -> Word<'a> {
        let split = domain.and_then(|d| {
            let (at, rest) = word.rsplit_once('@')?;
            (!rest.is_empty() && d.starts_with(rest)).then_some(at.len() + 1)
        });
        let (head, tail) = match split {
            Some(n) => (&word.as_bytes()[..n], Some(&word.as_bytes()[n..])),
            None => (word.as_bytes(), None),
        };
        Word {
            head: Finder::new(head),
            tail,
            in_domain: domain.is_some_and(|d| d.contains(word)),
        }
    }

    /// Where the word first occurs in `text`.
    fn find(&self, text: &[u8]) -> Option<usize> {
        let Some(tail) = self.tail else {
            return self.head.find(text);
        };
        let n = self.head.needle().len();
        let mut from = 0;
        loop {
            let at = from + self.head.find(&text[from..])?;
            let rest = &text[at + n..];
            if rest.starts_with(tail) || rest.first() == Some(&MARK) {
                return Some(at);
            }
            from = at + 1;
        }
    }

    fn in_row(&self, text: &[u8], mask: u64) -> bool {
        (self.in_domain && mask & AT_DOMAIN != 0) || self.find(text).is_some()
    }
}

impl Haystacks {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Sets the common domain (`None`: none); only before the first row.
    pub fn set_domain(&mut self, domain: Option<String>) {
        debug_assert!(self.is_empty(), "rows already stored with the old domain");
        self.domain = domain.filter(|d| !d.is_empty() && !d.contains(['@', ' ', '\n']));
    }

    fn start(&self, row: usize) -> usize {
        if row == 0 {
            0
        } else {
            self.ends[row - 1] as usize
        }
    }

    /// A row's text as stored: the common domain as [`MARK`], no newline.
    pub fn stored(&self, row: usize) -> &[u8] {
        &self.bytes[self.start(row)..self.ends[row] as usize - 1]
    }

    /// A row's folded text.
    pub fn text(&self, row: usize) -> String {
        let stored = self.stored(row);
        let domain = self.domain.as_deref().unwrap_or_default();
        let mut out = Vec::with_capacity(stored.len() + domain.len());
        for part in stored.split_inclusive(|b| *b == MARK) {
            match part.split_last() {
                Some((&MARK, before)) => {
                    out.extend_from_slice(before);
                    out.extend_from_slice(domain.as_bytes());
                }
                _ => out.extend_from_slice(part),
            }
        }
        String::from_utf8(out).unwrap_or_default()
    }

    /// `folded` as stored, appended to `out`; whether it has an email at
    /// the common domain.
    fn pack_into(&self, folded: &str, out: &mut Vec<u8>) -> bool {
        let Some(domain) = self.domain.as_deref() else {
            out.extend_from_slice(folded.as_bytes());
            return false;
        };
        let mut found = false;
        for (i, word) in folded.split(' ').enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            match word.strip_suffix(domain) {
                Some(local) if local.ends_with('@') => {
                    out.extend_from_slice(local.as_bytes());
                    out.push(MARK);
                    found = true;
                }
                _ => out.extend_from_slice(word.as_bytes()),
            }
        }
        found
    }

    /// `folded` as it would be stored.
    pub fn pack(&self, folded: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(folded.len());
        self.pack_into(folded, &mut out);
        out
    }

    fn mask(folded: &str, at_domain: bool) -> u64 {
        mask_of(folded.as_bytes()) | if at_domain { AT_DOMAIN } else { 0 }
    }

    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.ends.capacity() * 4 + self.masks.capacity() * 8
    }

    /// Room for `rows` more rows as long, on average, as those so far.
    pub fn reserve(&mut self, rows: usize) {
        let per_row = self.bytes.len() / self.len().max(1);
        self.bytes.reserve(per_row * rows * 21 / 20);
        self.ends.reserve(rows);
        self.masks.reserve(rows);
    }

    /// Gives back what [`Haystacks::reserve`] overestimated.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.masks.shrink_to_fit();
    }

    pub fn push(&mut self, folded: &str) {
        let mut bytes = std::mem::take(&mut self.bytes);
        let at_domain = self.pack_into(folded, &mut bytes);
        self.bytes = bytes;
        self.bytes.push(b'\n');
        self.ends.push(self.bytes.len() as u32);
        self.masks.push(Haystacks::mask(folded, at_domain));
    }

    /// Puts a row's text at `row`, moving the later rows (rare: a new
    /// ticket registered earlier than the newest, or a changed name).
    pub fn set(&mut self, row: usize, folded: &str, insert: bool) {
        let start = self.start(row);
        let old_len = if insert {
            0
        } else {
            self.ends[row] as usize - start
        };
        let mut new = Vec::with_capacity(folded.len() + 1);
        let at_domain = self.pack_into(folded, &mut new);
        new.push(b'\n');
        let delta = new.len() as i64 - old_len as i64;
        self.bytes.splice(start..start + old_len, new);
        if insert {
            self.ends.insert(row, start as u32);
            self.masks.insert(row, 0);
        }
        for e in &mut self.ends[row..] {
            *e = (*e as i64 + delta) as u32;
        }
        self.masks[row] = Haystacks::mask(folded, at_domain);
    }

    /// The rows (in order) among `source` (every row when `None`) whose
    /// text contains every word. Words are folded and non-empty.
    pub fn matching(&self, words: &[String], source: Option<&[u32]>) -> Vec<u32> {
        let mut bits = 0u64;
        let mut long: Vec<Word> = Vec::new();
        for w in words {
            match (w.as_bytes(), w.as_bytes().first().and_then(|b| class(*b))) {
                ([_], Some(c)) => bits |= 1 << c,
                _ => long.push(Word::new(w, self.domain.as_deref())),
            }
        }
        // The longest word first: usually the rarest; a word inside the
        // common domain last, as most rows have it.
        long.sort_by_key(|w| (w.in_domain, std::cmp::Reverse(w.head.needle().len())));
        let keep = |row: usize, words: &[Word]| {
            let mask = self.masks[row];
            mask & bits == bits && words.iter().all(|w| w.in_row(self.stored(row), mask))
        };
        match (source, long.split_first()) {
            // Letters alone: the masks answer (kept apart from `keep`, which
            // the compiler does not make as tight).
            (None, None) => (0..self.len() as u32)
                .filter(|r| self.masks[*r as usize] & bits == bits)
                .collect(),
            (Some(rows), _) => rows
                .iter()
                .copied()
                .filter(|r| keep(*r as usize, &long))
                .collect(),
            (None, Some((first, rest))) if !first.in_domain => self
                .scan(first)
                .into_iter()
                .filter(|r| keep(*r as usize, rest))
                .collect(),
            (None, _) => (0..self.len() as u32)
                .filter(|r| keep(*r as usize, &long))
                .collect(),
        }
    }

    /// Every row containing `word`: one pass over the buffer, split in as
    /// many parts as there are cores.
    fn scan(&self, word: &Word) -> Vec<u32> {
        let n = self.len();
        let parts = if n >= PARALLEL_FROM {
            std::thread::available_parallelism().map_or(1, |p| p.get().min(4))
        } else {
            1
        };
        if parts == 1 {
            return self.scan_rows(word, 0, n);
        }
        let per = n.div_ceil(parts);
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..parts)
                .map(|p| {
                    let (from, to) = (p * per, ((p + 1) * per).min(n));
                    s.spawn(move || self.scan_rows(word, from, to))
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a scan does not panic"))
                .collect()
        })
    }

    fn scan_rows(&self, word: &Word, from: usize, to: usize) -> Vec<u32> {
        let mut out = Vec::new();
        if from >= to {
            return out;
        }
        let end = self.ends[to - 1] as usize;
        let (mut row, mut pos) = (from, self.start(from));
        while row < to {
            let Some(at) = word.find(&self.bytes[pos..end]) else {
                break;
            };
            let at = pos + at;
            while self.ends[row] as usize <= at {
                row += 1;
            }
            out.push(row as u32);
            pos = self.ends[row] as usize;
            row += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts stored with the domain most of them share.
    fn hay(texts: &[&str]) -> Haystacks {
        let mut h = Haystacks::default();
        h.set_domain(common_domain(texts.iter().copied()));
        for t in texts {
            h.push(t);
        }
        h
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    /// The plain definition: every word is a substring of the row's text.
    fn naive(texts: &[&str], q: &str) -> Vec<u32> {
        (0..texts.len() as u32)
            .filter(|i| {
                words(q)
                    .iter()
                    .all(|w| texts[*i as usize].contains(w.as_str()))
            })
            .collect()
    }

    const TEXTS: &[&str] = &[
        "t-2026-000001 rosa huaman quispe 41234567 rhuaman@regioncajamarca.gob.pe",
        "t-2026-000002 luis rojas 40000001 lrojas1@regioncajamarca.gob.pe",
        "t-2026-000003 ana diaz 45781236 adiaz@regioncajamarca.gob.pe carlos diaz 45781237 cdiaz@regioncajamarca.gob.pe",
        "cd-40000001-1",
        "t-2027-000001 señor ñandú 49999999 x_y+z@otro.pe",
    ];

    #[test]
    fn matches_exactly_the_rows_containing_every_word() {
        let h = hay(TEXTS);
        for q in [
            "r",
            "ro",
            "rosa",
            "4",
            "40000001",
            "-",
            "@",
            "_",
            "+",
            "ñ",
            "ñandú",
            "diaz carlos",
            "a 7",
            "000001 t-2027",
            "gob.pe",
            "zzz",
            "q r",
            "1 cd",
        ] {
            assert_eq!(h.matching(&words(q), None), naive(TEXTS, q), "{q:?}");
        }
    }

    /// Rows whose emails test where the domain is packed and where not.
    const TRICKY: &[&str] = &[
        "t-1 a@regioncajamarca.gob.pe.evil b@regioncajamarca.gob.pe",
        "t-2 a@b@regioncajamarca.gob.pe",
        "t-3 regioncajamarca x@region.pe",
        "t-4 @regioncajamarca.gob.pe",
        "t-5 sin correo",
        "t-6 rhuaman@regioncajamarca.gob.pe",
    ];

    /// Every piece of every text, alone and after another word, finds the
    /// rows that contain it, whether the domain was packed or not: a whole
    /// email, its local part, `local@`, `local@regioncaj`, `@regioncajamarca.gob.pe`,
    /// `cajamarca`, `gob.pe`.
    #[test]
    fn every_piece_of_every_text_finds_what_the_unpacked_text_would() {
        let texts: Vec<&str> = TEXTS.iter().chain(TRICKY).copied().collect();
        let h = hay(&texts);
        assert_eq!(h.domain.as_deref(), Some("regioncajamarca.gob.pe"));
        let all: Vec<u32> = (0..texts.len() as u32).collect();
        for text in &texts {
            for token in text.split(' ') {
                let chars: Vec<(usize, char)> = token.char_indices().collect();
                for (n, (from, _)) in chars.iter().enumerate() {
                    for (to, c) in &chars[n..] {
                        let word = &token[*from..to + c.len_utf8()];
                        for q in [word.to_string(), format!("t- {word}"), format!("{word} 1")] {
                            let want = naive(&texts, &q);
                            assert_eq!(h.matching(&words(&q), None), want, "{q:?}");
                            assert_eq!(h.matching(&words(&q), Some(&all)), want, "{q:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_common_domain_is_stored_as_one_byte_and_given_back() {
        let h = hay(TRICKY);
        for (row, text) in TRICKY.iter().enumerate() {
            assert_eq!(h.text(row), *text);
        }
        assert_eq!(h.stored(5), b"t-6 rhuaman@\xFF");
        assert_eq!(h.stored(0), b"t-1 a@regioncajamarca.gob.pe.evil b@\xFF");
        assert_eq!(
            common_domain(["a@x.pe b@y.pe", "c@y.pe", "d@z.pe"]),
            Some("y.pe".into()),
            "used by two rows of three"
        );
        assert_eq!(common_domain(["a@x.pe", "c@y.pe", "d@z.pe"]), None);
        assert_eq!(common_domain(["sin correo"]), None);
    }

    #[test]
    fn narrowing_a_previous_result_keeps_only_its_rows() {
        let h = hay(TEXTS);
        let ro = h.matching(&words("ro"), None);
        assert_eq!(h.matching(&words("rosa"), Some(&ro)), [0]);
        assert_eq!(h.matching(&words("diaz"), Some(&ro)), Vec::<u32>::new());
    }

    #[test]
    fn a_newline_between_rows_is_never_matched_across() {
        let h = hay(&["abc", "def"]);
        assert!(h.matching(&words("cd"), None).is_empty());
        assert!(h.matching(&words("c"), None) == [0]);
    }

    #[test]
    fn setting_a_row_moves_the_others_and_keeps_their_text() {
        let mut h = hay(&["uno", "dos", "tres"]);
        h.set(1, "cuatro", true);
        h.set(0, "un", false);
        let all: Vec<String> = (0..h.len()).map(|i| h.text(i)).collect();
        assert_eq!(all, ["un", "cuatro", "dos", "tres"]);
        assert_eq!(h.matching(&words("tres"), None), [3]);
        assert_eq!(h.matching(&words("tr"), None), [1, 3]);
        assert_eq!(h.matching(&words("c"), None), [1]);
        let mut h = hay(&["a@x.pe", "b@x.pe", "c@y.pe"]);
        h.set(1, "d@x.pe", true);
        h.set(3, "e@x.pe f", false);
        assert_eq!(h.stored(3), b"e@\xFF f");
        assert_eq!(h.text(3), "e@x.pe f");
        assert_eq!(h.matching(&words("x.pe"), None), [0, 1, 2, 3]);
        assert_eq!(h.matching(&words("y.pe"), None), Vec::<u32>::new());
        assert_eq!(h.matching(&words("d@x"), None), [1]);
    }

    #[test]
    fn the_parallel_scan_finds_the_same_rows_as_one_pass() {
        let texts: Vec<String> = (0..PARALLEL_FROM as u32 + 17)
            .map(|i| format!("t-{i:06} {}", if i % 997 == 0 { "rosa" } else { "luis" }))
            .collect();
        let mut h = Haystacks::default();
        for t in &texts {
            h.push(t);
        }
        assert!(h.domain.is_none());
        let found = h.matching(&words("rosa"), None);
        let want: Vec<u32> = (0..texts.len() as u32).filter(|i| i % 997 == 0).collect();
        assert_eq!(found, want);
        assert_eq!(h.scan_rows(&Word::new("rosa", None), 0, h.len()), want);
    }
}
