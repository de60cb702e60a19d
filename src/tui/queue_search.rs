//! The filter's text search, fast enough for a million rows inside one
//! frame. Every row's folded text (id, names, DNIs, emails) sits in one
//! buffer, each followed by a newline, which no typed word contains: a
//! search for the rarest word runs over the whole buffer at memory speed
//! (SIMD `memmem`, split across the cores) instead of once per row. A
//! one-letter word is answered from a per-row mask of the characters present.

use memchr::memmem::Finder;

/// Below this many rows, one thread scans faster than two start.
const PARALLEL_FROM: usize = 100_000;

#[derive(Debug, Clone, Default)]
pub struct Haystacks {
    bytes: Vec<u8>,
    /// Where each row's text (with its newline) ends.
    ends: Vec<u32>,
    /// Which character classes ([`class`]) each row's text contains.
    masks: Vec<u64>,
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

impl Haystacks {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn start(&self, row: usize) -> usize {
        if row == 0 {
            0
        } else {
            self.ends[row - 1] as usize
        }
    }

    /// A row's folded text.
    pub fn text(&self, row: usize) -> &str {
        let bytes = &self.bytes[self.start(row)..self.ends[row] as usize - 1];
        std::str::from_utf8(bytes).expect("pushed as str")
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

    pub fn push(&mut self, folded: &str) {
        self.bytes.extend_from_slice(folded.as_bytes());
        self.bytes.push(b'\n');
        self.ends.push(self.bytes.len() as u32);
        self.masks.push(mask_of(folded.as_bytes()));
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
        let mut new = folded.as_bytes().to_vec();
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
        self.masks[row] = mask_of(folded.as_bytes());
    }

    /// The rows (in order) among `source` (every row when `None`) whose
    /// text contains every word. Words are folded and non-empty.
    pub fn matching(&self, words: &[String], source: Option<&[u32]>) -> Vec<u32> {
        let mut bits = 0u64;
        let mut long: Vec<&[u8]> = Vec::new();
        for w in words {
            match (w.as_bytes(), w.as_bytes().first().and_then(|b| class(*b))) {
                ([_], Some(c)) => bits |= 1 << c,
                (bytes, _) => long.push(bytes),
            }
        }
        // The longest word first: usually the rarest.
        long.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let finders: Vec<Finder> = long.iter().map(Finder::new).collect();
        let keep = |row: usize| {
            self.masks[row] & bits == bits
                && finders.iter().all(|f| {
                    f.find(&self.bytes[self.start(row)..self.ends[row] as usize])
                        .is_some()
                })
        };
        match (source, finders.split_first()) {
            (Some(rows), _) => rows.iter().copied().filter(|r| keep(*r as usize)).collect(),
            (None, None) => (0..self.len() as u32)
                .filter(|r| self.masks[*r as usize] & bits == bits)
                .collect(),
            (None, Some((first, rest))) => {
                let verify = |row: u32| {
                    let row = row as usize;
                    self.masks[row] & bits == bits
                        && rest.iter().all(|f| {
                            f.find(&self.bytes[self.start(row)..self.ends[row] as usize])
                                .is_some()
                        })
                };
                self.scan(first)
                    .into_iter()
                    .filter(|r| verify(*r))
                    .collect()
            }
        }
    }

    /// Every row containing `finder`'s word: one pass over the buffer,
    /// split in as many parts as there are cores.
    fn scan(&self, finder: &Finder) -> Vec<u32> {
        let n = self.len();
        let parts = if n >= PARALLEL_FROM {
            std::thread::available_parallelism().map_or(1, |p| p.get().min(4))
        } else {
            1
        };
        if parts == 1 {
            return self.scan_rows(finder, 0, n);
        }
        let per = n.div_ceil(parts);
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..parts)
                .map(|p| {
                    let (from, to) = (p * per, ((p + 1) * per).min(n));
                    s.spawn(move || self.scan_rows(finder, from, to))
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a scan does not panic"))
                .collect()
        })
    }

    fn scan_rows(&self, finder: &Finder, from: usize, to: usize) -> Vec<u32> {
        let mut out = Vec::new();
        if from >= to {
            return out;
        }
        let end = self.ends[to - 1] as usize;
        let (mut row, mut pos) = (from, self.start(from));
        while row < to {
            let Some(at) = finder.find(&self.bytes[pos..end]) else {
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

    fn hay(texts: &[&str]) -> Haystacks {
        let mut h = Haystacks::default();
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
        let all: Vec<&str> = (0..h.len()).map(|i| h.text(i)).collect();
        assert_eq!(all, ["un", "cuatro", "dos", "tres"]);
        assert_eq!(h.matching(&words("tres"), None), [3]);
        assert_eq!(h.matching(&words("tr"), None), [1, 3]);
        assert_eq!(h.matching(&words("c"), None), [1]);
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
        let found = h.matching(&words("rosa"), None);
        let want: Vec<u32> = (0..texts.len() as u32).filter(|i| i % 997 == 0).collect();
        assert_eq!(found, want);
        assert_eq!(h.scan_rows(&Finder::new(b"rosa"), 0, h.len()), want);
    }
}
