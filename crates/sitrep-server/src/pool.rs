//! A few open SQLite connections, reused across requests. r2d2 would add a crate and a thread
//! for what a mutex-guarded stack does here.

use sitrep_store::Store;
use std::path::PathBuf;
use std::sync::Mutex;

/// Connections kept open between requests; more are opened under load and closed after.
const KEEP: usize = 8;

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Pool {
    pub fn new(path: PathBuf) -> Self {
        Pool { path, idle: Mutex::new(Vec::new()) }
    }

    /// Opens one connection (bringing the schema up to date) and keeps it.
    pub fn check(&self) -> Result<(), sitrep_store::Error> {
        let s = Store::open(&self.path)?;
        self.put(s);
        Ok(())
    }

    pub fn take(&self) -> Result<Store, sitrep_store::Error> {
        let reused = self.idle.lock().ok().and_then(|mut v| v.pop());
        match reused {
            Some(s) => Ok(s),
            None => Store::open(&self.path),
        }
    }

    pub fn put(&self, s: Store) {
        if let Ok(mut v) = self.idle.lock()
            && v.len() < KEEP
        {
            v.push(s);
        }
    }
}
