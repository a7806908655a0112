//! R-KPI-12 invariants over every representable instant (the examples cover
//! chosen dates): the week containing an instant contains it, starts on a
//! Sunday at midnight UTC, and weeks tile time; trailing weeks are
//! consecutive and end with the week given.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc, Weekday};
use proptest::prelude::*;
use wholesale_core::week::Week;

/// Any instant chrono can represent, with the calendar's ends included often.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let (min, max) = (
        DateTime::<Utc>::MIN_UTC.timestamp(),
        DateTime::<Utc>::MAX_UTC.timestamp(),
    );
    prop_oneof![
        1 => Just(DateTime::<Utc>::MIN_UTC),
        1 => Just(DateTime::<Utc>::MAX_UTC),
        8 => (min..=max).prop_map(|s| DateTime::from_timestamp(s, 0).expect("in range")),
        8 => (0i64..=4_102_444_800).prop_map(|s| DateTime::from_timestamp(s, 0).expect("in range")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    // R-KPI-12
    #[test]
    fn r_kpi_12_the_containing_week_contains_the_instant(t in instant()) {
        let week = Week::containing(t);
        // At the calendar's last instant the end saturates and excludes it.
        if week.end != DateTime::<Utc>::MAX_UTC {
            prop_assert!(week.contains(t), "{week:?} does not contain {t}");
        }
        // Seven days, except the clamped weeks at the calendar's two ends.
        if week.end != DateTime::<Utc>::MAX_UTC && week.start.date_naive() != chrono::NaiveDate::MIN {
            prop_assert_eq!(week.end - week.start, Duration::days(7));
        }
        prop_assert!(week.start <= t);
        // A week starts at midnight, on a Sunday unless the calendar starts first.
        prop_assert_eq!(week.start.num_seconds_from_midnight(), 0);
        if week.start.date_naive() != chrono::NaiveDate::MIN {
            prop_assert_eq!(week.start.weekday(), Weekday::Sun);
        }
    }

    // R-KPI-12: weeks tile time (the last instant of a week and the first of
    // the next fall in adjacent weeks).
    #[test]
    fn r_kpi_12_weeks_tile_time(t in instant()) {
        let week = Week::containing(t);
        if let Some(next) = week.end.checked_add_signed(Duration::zero()) {
            if next != DateTime::<Utc>::MAX_UTC {
                prop_assert_eq!(Week::containing(next).start, week.end);
                // previous() stops at the calendar's first full week.
                if week.start.checked_sub_signed(Duration::days(7)).is_some() {
                    prop_assert_eq!(Week::containing(next).previous(), week);
                }
            }
        }
    }

    // R-KPI-12: trailing(n) is at most n consecutive weeks ending with self.
    #[test]
    fn r_kpi_12_trailing_weeks_are_consecutive(t in instant(), n in 0usize..12) {
        let week = Week::last_completed(t);
        let weeks = week.trailing(n);
        prop_assert!(weeks.len() <= n);
        if n > 0 {
            prop_assert_eq!(weeks.last(), Some(&week));
        }
        for pair in weeks.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start);
        }
    }
}

/// Regression (found by `r_kpi_12_weeks_tile_time`): the calendar's first,
/// clamped week ended 7 days after its start, overlapping the first full week.
#[test]
fn r_kpi_12_the_first_clamped_week_ends_where_the_first_full_week_starts() {
    let first = Week::containing(DateTime::<Utc>::MIN_UTC);
    assert_eq!(Week::containing(first.end).start, first.end);
    assert_eq!(first.end.weekday(), Weekday::Sun);
}
