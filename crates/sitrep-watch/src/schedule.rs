//! When each target is next due. Pure: the caller passes the time in.

use std::time::{Duration, Instant};

/// The wait after `failures` consecutive errors: the interval doubled per failure, never more
/// than `cap` (nor less than the interval, when the interval is longer than the cap).
pub fn backoff(interval: Duration, failures: u32, cap: Duration) -> Duration {
    if failures == 0 {
        return interval;
    }
    let cap = cap.max(interval);
    2u32.checked_pow(failures).and_then(|f| interval.checked_mul(f)).map_or(cap, |d| d.min(cap))
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    next: Instant,
    failures: u32,
}

/// Per-target due times and error counts. Every target is due at the start.
#[derive(Debug, Clone)]
pub struct Schedule {
    interval: Duration,
    cap: Duration,
    slots: Vec<Slot>,
}

impl Schedule {
    /// The longest wait after repeated errors, unless told otherwise.
    pub const DEFAULT_CAP: Duration = Duration::from_secs(3600);

    pub fn new(targets: usize, interval: Duration, cap: Duration, now: Instant) -> Schedule {
        Schedule { interval, cap, slots: vec![Slot { next: now, failures: 0 }; targets] }
    }

    /// The targets due at `now`, the longest overdue first (ties in list order).
    pub fn due(&self, now: Instant) -> Vec<usize> {
        let mut due: Vec<usize> = (0..self.slots.len()).filter(|&i| self.slots[i].next <= now).collect();
        due.sort_by_key(|&i| (self.slots[i].next, i));
        due
    }

    /// When the next target falls due (None with no targets).
    pub fn next_due(&self) -> Option<Instant> {
        self.slots.iter().map(|s| s.next).min()
    }

    /// A poll of target `i` went through: its error count resets, the next poll is an interval
    /// away. None for an index that is not a target.
    pub fn succeeded(&mut self, i: usize, now: Instant) -> Option<Instant> {
        let s = self.slots.get_mut(i)?;
        s.failures = 0;
        s.next = now + self.interval;
        Some(s.next)
    }

    /// A poll of target `i` failed: the next one waits [`backoff`]. Returns that wait.
    pub fn failed(&mut self, i: usize, now: Instant) -> Option<Duration> {
        self.failed_asked(i, now, None)
    }

    /// As [`Schedule::failed`], but waiting at least what the server asked (`Retry-After`),
    /// as long as that is within the cap.
    pub fn failed_asked(&mut self, i: usize, now: Instant, asked: Option<Duration>) -> Option<Duration> {
        let s = self.slots.get_mut(i)?;
        s.failures = s.failures.saturating_add(1);
        let cap = self.cap.max(self.interval);
        let wait = backoff(self.interval, s.failures, self.cap).max(asked.unwrap_or_default().min(cap));
        s.next = now + wait;
        Some(wait)
    }

    /// Consecutive failures of target `i` (0 after a success).
    pub fn failures(&self, i: usize) -> u32 {
        self.slots.get(i).map_or(0, |s| s.failures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        // (interval s, failures, cap s, wait s), one per line.
        let cases: &[(u64, u32, u64, u64)] = &[
            (300, 0, 3600, 300),
            (300, 1, 3600, 600),
            (300, 2, 3600, 1200),
            (300, 3, 3600, 2400),
            (300, 4, 3600, 3600),
            (300, 40, 3600, 3600),
            (300, u32::MAX, 3600, 3600),
            (7200, 1, 3600, 7200),
            (1, 1, 3600, 2),
            (1, 5, 10, 10),
        ];
        for &(interval, failures, cap, want) in cases {
            assert_eq!(backoff(S(interval), failures, S(cap)), S(want), "{interval} {failures} {cap}");
        }
    }

    #[test]
    fn all_due_at_start_then_one_interval_after_success() {
        let t0 = Instant::now();
        let mut s = Schedule::new(3, S(300), Schedule::DEFAULT_CAP, t0);
        assert_eq!(s.due(t0), vec![0, 1, 2]);
        assert_eq!(s.succeeded(0, t0), Some(t0 + S(300)));
        assert_eq!(s.succeeded(1, t0 + S(1)), Some(t0 + S(301)));
        assert_eq!(s.succeeded(2, t0 + S(2)), Some(t0 + S(302)));
        assert!(s.due(t0 + S(299)).is_empty());
        assert_eq!(s.next_due(), Some(t0 + S(300)));
        assert_eq!(s.due(t0 + S(301)), vec![0, 1]);
        assert_eq!(s.succeeded(7, t0), None);
    }

    #[test]
    fn failures_back_off_and_a_success_resets() {
        let t0 = Instant::now();
        let mut s = Schedule::new(2, S(60), S(600), t0);
        assert_eq!(s.failed(0, t0), Some(S(120)));
        assert_eq!(s.failed(0, t0 + S(120)), Some(S(240)));
        assert_eq!(s.failed(0, t0 + S(360)), Some(S(480)));
        assert_eq!(s.failed(0, t0 + S(840)), Some(S(600)));
        assert_eq!(s.failures(0), 4);
        // The healthy feed keeps its own pace.
        s.succeeded(1, t0);
        assert_eq!(s.due(t0 + S(60)), vec![1]);
        assert_eq!(s.due(t0 + S(1440)), vec![1, 0]);
        s.succeeded(0, t0 + S(1440));
        assert_eq!(s.failures(0), 0);
        assert_eq!(s.failed(0, t0 + S(1500)), Some(S(120)));
    }

    #[test]
    fn a_server_asking_for_longer_is_obeyed_up_to_the_cap() {
        let t0 = Instant::now();
        let mut s = Schedule::new(1, S(60), S(600), t0);
        // (asked s, wait s), one per line; failures accumulate: back-off 120, 240, 480, 600, 600.
        let cases: &[(Option<u64>, u64)] =
            &[(Some(300), 300), (Some(10), 240), (None, 480), (Some(9999), 600), (Some(0), 600)];
        for &(asked, want) in cases {
            assert_eq!(s.failed_asked(0, t0, asked.map(S)), Some(S(want)), "{asked:?}");
        }
    }

    #[test]
    fn most_overdue_first() {
        let t0 = Instant::now();
        let mut s = Schedule::new(3, S(10), S(100), t0);
        s.succeeded(0, t0 + S(5));
        s.succeeded(1, t0);
        s.succeeded(2, t0 + S(2));
        assert_eq!(s.due(t0 + S(20)), vec![1, 2, 0]);
    }

    proptest! {
        #[test]
        fn waits_stay_between_interval_and_cap(interval in 1u64..10_000, cap in 1u64..100_000, fails in prop::collection::vec(any::<bool>(), 0..64)) {
            let t0 = Instant::now();
            let mut s = Schedule::new(1, S(interval), S(cap), t0);
            let mut now = t0;
            let mut last = Duration::ZERO;
            for fail in fails {
                if fail {
                    let w = s.failed(0, now).unwrap();
                    prop_assert!(w >= S(interval) && w <= S(cap.max(interval)));
                    prop_assert!(w >= last, "waits never shrink while failing");
                    last = w;
                    now += w;
                } else {
                    prop_assert_eq!(s.succeeded(0, now), Some(now + S(interval)));
                    last = Duration::ZERO;
                    now += S(interval);
                }
                prop_assert_eq!(s.due(now), vec![0]);
            }
        }
    }
}
