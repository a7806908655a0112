//! Analytics weeks (R-KPI-12): Partner Hub refreshes weekly data at Sunday
//! 00:00:00 UTC, and describes the most recent completed week.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use wholesale_core::week::Week;
//!
//! // Wednesday 2026-11-25: the last completed week ran Sunday 15th to Sunday 22nd.
//! let week = Week::last_completed(Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
//! assert_eq!(week.start.to_string(), "2026-11-15 00:00:00 UTC");
//! assert_eq!(week.end.to_string(), "2026-11-22 00:00:00 UTC");
//! ```

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// A week `[start, end)` that starts and ends at Sunday 00:00:00 UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Week {
    /// Sunday 00:00:00 UTC, included.
    pub start: DateTime<Utc>,
    /// The next Sunday 00:00:00 UTC, excluded.
    pub end: DateTime<Utc>,
}

impl Week {
    /// The week that contains `instant`; an instant at Sunday 00:00:00 UTC
    /// exactly starts a new week.
    ///
    /// At the very ends of chrono's calendar (year ±262,143) the week is
    /// clamped to the representable range instead of overflowing.
    pub fn containing(instant: DateTime<Utc>) -> Week {
        let day = instant.date_naive();
        let back = Duration::days(i64::from(day.weekday().num_days_from_sunday()));
        let sunday = day.checked_sub_signed(back).unwrap_or(NaiveDate::MIN);
        let start = Utc.from_utc_datetime(&sunday.and_time(chrono::NaiveTime::MIN));
        // The end is the next Sunday counted from `day`, not from `start`: at
        // the calendar's first days `start` is clamped and is no Sunday, and
        // weeks must still tile time (found by tests/props_week.rs).
        let midnight = Utc.from_utc_datetime(&day.and_time(chrono::NaiveTime::MIN));
        Week {
            start,
            end: midnight
                .checked_add_signed(Duration::days(7) - back)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        }
    }

    /// The most recent week that has ended at `instant`: the week before the
    /// one containing it.
    pub fn last_completed(instant: DateTime<Utc>) -> Week {
        Week::containing(instant).previous()
    }

    /// The last completed week as of the start of a calendar day (UTC).
    pub fn last_completed_on(day: NaiveDate) -> Week {
        Week::last_completed(Utc.from_utc_datetime(&day.and_time(chrono::NaiveTime::MIN)))
    }

    /// The week before this one; the same week when there is none before it
    /// in chrono's calendar.
    pub fn previous(self) -> Week {
        match self.start.checked_sub_signed(Duration::days(7)) {
            Some(start) => Week {
                start,
                end: self.start,
            },
            None => self,
        }
    }

    /// Whether `instant` falls in `[start, end)`.
    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }

    /// This week and the `count - 1` weeks before it, oldest first.
    /// Stops early at the start of chrono's calendar rather than repeat a week.
    pub fn trailing(self, count: usize) -> Vec<Week> {
        let mut weeks: Vec<Week> = std::iter::successors(Some(self), |w| {
            let previous = w.previous();
            (previous != *w).then_some(previous)
        })
        .take(count)
        .collect();
        weeks.reverse();
        weeks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, mi, s).unwrap()
    }

    #[test]
    fn r_kpi_12_sunday_midnight_starts_a_new_week() {
        // 2026-11-22 is a Sunday.
        let boundary = at(2026, 11, 22, 0, 0, 0);
        assert_eq!(Week::containing(boundary).start, boundary);
        assert_eq!(Week::last_completed(boundary).end, boundary);
        assert_eq!(
            Week::last_completed(boundary).start,
            at(2026, 11, 15, 0, 0, 0)
        );
        let just_before = at(2026, 11, 21, 23, 59, 59);
        assert_eq!(
            Week::containing(just_before).start,
            at(2026, 11, 15, 0, 0, 0)
        );
        assert_eq!(
            Week::last_completed(just_before).start,
            at(2026, 11, 8, 0, 0, 0)
        );
    }

    #[test]
    fn r_kpi_12_calendar_ends_do_not_panic() {
        let first = Week::containing(DateTime::<Utc>::MIN_UTC);
        assert_eq!(first.previous(), first);
        assert_eq!(
            Week::last_completed(DateTime::<Utc>::MIN_UTC)
                .trailing(3)
                .len(),
            1
        );
        let last = Week::containing(DateTime::<Utc>::MAX_UTC);
        assert!(last.start <= last.end);
        let near_start = DateTime::<Utc>::MIN_UTC + Duration::days(30);
        let weeks = Week::containing(near_start).trailing(10);
        assert!((4..=6).contains(&weeks.len()), "{}", weeks.len());
        assert_eq!(weeks.last().unwrap(), &Week::containing(near_start));
    }

    #[test]
    fn r_kpi_12_trailing_weeks_are_contiguous_oldest_first() {
        let weeks = Week::last_completed(at(2026, 11, 25, 9, 0, 0)).trailing(8);
        assert_eq!(weeks.len(), 8);
        for pair in weeks.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        assert_eq!(weeks[7].end, at(2026, 11, 22, 0, 0, 0));
    }
}
