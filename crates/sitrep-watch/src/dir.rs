//! Which files of a watched directory changed since the last look.
//!
//! This only spares re-reading unchanged files within one run; whether a document is new is
//! still decided by its content hash in the store (a fresh run reads every file again).

use crate::Error;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::SystemTime;

/// What a file looked like: its length and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl Stamp {
    /// The file's stamp now; None when it is gone (a file removed since the listing has nothing
    /// left to read).
    pub fn of(path: &std::path::Path) -> Result<Option<Stamp>, Error> {
        match std::fs::metadata(path) {
            Ok(m) => Ok(Some(Stamp { len: m.len(), modified: m.modified().ok() })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(Error::Io { path: path.to_path_buf(), source }),
        }
    }
}

/// The stamps of the files read so far.
#[derive(Debug, Default, Clone)]
pub struct DirState {
    read: HashMap<PathBuf, Stamp>,
}

impl DirState {
    /// Of these files, the ones never read or changed since, with their stamps now.
    pub fn changed(&self, files: Vec<PathBuf>) -> Result<Vec<(PathBuf, Stamp)>, Error> {
        let mut stamped = Vec::with_capacity(files.len());
        for f in files {
            if let Some(s) = Stamp::of(&f)? {
                stamped.push((f, s));
            }
        }
        Ok(self.unread(stamped))
    }

    /// The pure half of [`DirState::changed`].
    pub fn unread(&self, stamped: Vec<(PathBuf, Stamp)>) -> Vec<(PathBuf, Stamp)> {
        stamped.into_iter().filter(|(p, s)| self.read.get(p) != Some(s)).collect()
    }

    /// Records files as read; call it once their documents are written.
    pub fn mark(&mut self, done: impl IntoIterator<Item = (PathBuf, Stamp)>) {
        self.read.extend(done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn st(len: u64, secs: u64) -> Stamp {
        Stamp { len, modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs)) }
    }

    #[test]
    fn only_new_or_changed_files_come_back() {
        let mut d = DirState::default();
        let first = vec![("a".into(), st(10, 1)), ("b".into(), st(20, 1))];
        assert_eq!(d.unread(first.clone()), first);
        d.mark(first);
        // (file, stamp now, read again?), one per line.
        let cases: &[(&str, Stamp, bool)] = &[
            ("a", st(10, 1), false),
            ("a", st(11, 1), true),
            ("a", st(10, 2), true),
            ("b", Stamp { len: 20, modified: None }, true),
            ("c", st(1, 1), true),
        ];
        for (f, s, want) in cases {
            assert_eq!(!d.unread(vec![(PathBuf::from(f), *s)]).is_empty(), *want, "{f} {s:?}");
        }
    }

    #[test]
    fn changed_reads_real_files_and_skips_vanished_ones() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.jsonl");
        std::fs::write(&a, "{}\n").unwrap();
        let gone = dir.path().join("gone.jsonl");
        let mut d = DirState::default();
        let c = d.changed(vec![a.clone(), gone]).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].1.len, 3);
        d.mark(c);
        assert!(d.changed(vec![a.clone()]).unwrap().is_empty());
        std::fs::write(&a, "{}\n{}\n").unwrap();
        assert_eq!(d.changed(vec![a]).unwrap().len(), 1);
    }
}
