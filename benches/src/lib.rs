//! Deterministic data generators shared by the criterion benches, the timing
//! binaries and the peer comparison (`--bin compare`), so every measurement
//! of a workload runs on the same data.
//!
//! ```
//! let csv = wholesale_benches::user_csv(3);
//! assert_eq!(csv.iter().filter(|&&b| b == b'\n').count(), 4); // header + 3 rows
//! ```

use std::io::{self, Write};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use wholesale_core::csv_import::{ImportOptions, OrgSnapshot};
use wholesale_core::quality::{CallLeg, EndpointType, IpVersion, LegColumnBuffers, StreamMetrics};
use wholesale_core::subscription::{
    LicenseCounts, ProductLine, Subscription, SubscriptionKind, SubscriptionStatus,
};

/// A small deterministic generator (xorshift64), so runs are comparable.
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    /// The default seed every generator starts from.
    pub const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

    /// The next raw value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in `0..below` (`below` > 0).
    pub fn below(&mut self, below: u64) -> u64 {
        self.next_u64() % below
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The as-of date of every generated workload.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

/// The header of [`user_csv`]: Control Hub's export columns.
pub const USER_CSV_HEADER: &str = "User ID/Email (Required),First Name,Last Name,Display Name,Phone Number,Extension,Location,\
Preferred Webex Site,Jabber Calling,Jabber with Webex Teams,Basic Messaging,Basic Space Meetings,\
Call on Webex,Webex Calling [Sub1],Webex Suite [Sub1],Webex Meetings [acme.webex.com],Webex Voice [Sub1],Department\n";

/// A Control Hub-style user CSV of `rows` data rows: one package per row in
/// turn (calling, suite, meetings), half at HQ and half at Branch. With
/// [`org_snapshot_json`] every fourth row is a known user.
pub fn user_csv(rows: usize) -> Vec<u8> {
    let mut csv = String::with_capacity(rows * 160 + USER_CSV_HEADER.len());
    csv.push_str(USER_CSV_HEADER);
    for i in 0..rows {
        let (calling, suite, meetings) = match i % 3 {
            0 => ("TRUE", "", ""),
            1 => ("", "TRUE", ""),
            _ => ("", "", "TRUE"),
        };
        csv.push_str(&format!(
            "user{i}@acme.example,First{i},Last{i},First{i} Last{i},+1408{i:07},{ext},{loc},acme.webex.com,FALSE,FALSE,TRUE,TRUE,TRUE,{calling},{suite},{meetings},,Sales\n",
            ext = 10_000 + i,
            loc = if i % 2 == 0 { "HQ" } else { "Branch" },
        ));
    }
    csv.into_bytes()
}

/// The org snapshot JSON for [`user_csv`]`(rows)`: every fourth user exists
/// with a calling package, and all four packages are subscribed.
pub fn org_snapshot_json(rows: usize) -> String {
    let users: Vec<String> = (0..rows)
        .step_by(4)
        .map(|i| {
            format!(
                r#"{{"email":"user{i}@acme.example","package":"webex_calling","phone_number":"+1408{i:07}","extension":"{}","location":"HQ","licenses":["basic_messaging"]}}"#,
                10_000 + i
            )
        })
        .collect();
    format!(
        r#"{{"package":"webex_calling","admin_email":"user0@acme.example","locations":["HQ","Branch"],"subscribed_packages":["webex_calling","webex_suite","webex_meetings","webex_voice"],"users":[{}]}}"#,
        users.join(",")
    )
}

/// [`ImportOptions`] with the snapshot of [`org_snapshot_json`]`(rows)`.
pub fn import_options(rows: usize) -> ImportOptions {
    let org = OrgSnapshot::from_json(&org_snapshot_json(rows)).expect("generated snapshot");
    ImportOptions::default().with_org(org)
}

/// `count` subscriptions of 5 per customer, two thirds calling, one in ten a
/// trial, with dates around [`as_of`] and usage data.
pub fn subscriptions(count: usize) -> Vec<Subscription> {
    let as_of = as_of();
    let days = |d: u64| chrono::Duration::days(i64::try_from(d).unwrap_or(i64::MAX));
    let mut rng = Rng(Rng::SEED);
    (0..count)
        .map(|i| {
            let total = rng.below(500);
            let assigned = rng.below(total + total / 5 + 1);
            let used = rng.below(assigned + 1);
            Subscription {
                id: format!("Sub-{i}"),
                customer_id: format!("org-{}", i / 5),
                customer_name: format!("Customer {}", i / 5),
                kind: if rng.below(10) == 0 {
                    SubscriptionKind::Trial
                } else {
                    SubscriptionKind::Subscription
                },
                product: if rng.below(3) == 0 {
                    ProductLine::Meetings
                } else {
                    ProductLine::Calling
                },
                status: SubscriptionStatus::Active,
                start_date: Some(as_of - days(rng.below(1000))),
                end_date: Some(as_of + days(rng.below(800)) - days(30)),
                auto_renew: rng.below(2) == 0,
                licenses: LicenseCounts {
                    total,
                    assigned,
                    used_last_7_days: Some(used),
                    used_last_3_months: Some(used),
                    used_at_least_once: None,
                    last_week_assigned: Some(assigned.saturating_sub(rng.below(3))),
                    last_week_used: Some(used.saturating_sub(rng.below(3))),
                },
            }
        })
        .collect()
}

/// Writes `subs` as CSV (the columns the KPIs read; dates ISO, empty when
/// absent) for the peers of the comparison.
pub fn write_subscriptions_csv(subs: &[Subscription], out: impl Write) -> io::Result<()> {
    let mut w = io::BufWriter::new(out);
    writeln!(
        w,
        "id,customer_id,product,status,start_date,end_date,auto_renew,total,assigned,used_last_7_days"
    )?;
    for s in subs {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{},{}",
            s.id,
            s.customer_id,
            match s.product {
                ProductLine::Calling => "calling",
                _ => "meetings",
            },
            match s.status {
                SubscriptionStatus::Expired => "expired",
                _ => "active",
            },
            date(s.start_date),
            date(s.end_date),
            s.auto_renew,
            s.licenses.total,
            s.licenses.assigned,
            s.licenses
                .used_last_7_days
                .map(|u| u.to_string())
                .unwrap_or_default(),
        )?;
    }
    w.flush()
}

/// `n` legs as columns: about 30% without video and 2% without audio
/// (absent = NaN), metrics spread around the default thresholds, six
/// endpoint types, one leg in ten over IPv6.
pub fn leg_columns(n: usize) -> LegColumnBuffers {
    let mut rng = Rng(Rng::SEED);
    let mut b = LegColumnBuffers::default();
    for _ in 0..n {
        let audio = rng.unit() > 0.02;
        let video = rng.unit() > 0.3;
        let mut push = |present: bool, j: &mut Vec<f64>, l: &mut Vec<f64>, p: &mut Vec<f64>| {
            let (x, y, z) = (rng.unit(), rng.unit(), rng.unit());
            j.push(if present { x * 180.0 } else { f64::NAN });
            l.push(if present { y * 450.0 } else { f64::NAN });
            p.push(if present { z * 6.0 } else { f64::NAN });
        };
        push(
            audio,
            &mut b.audio_jitter_ms,
            &mut b.audio_latency_ms,
            &mut b.audio_loss_pct,
        );
        push(
            video,
            &mut b.video_jitter_ms,
            &mut b.video_latency_ms,
            &mut b.video_loss_pct,
        );
        b.endpoint_type
            .push(u8::try_from(rng.below(6)).unwrap_or(0));
        b.ip_version.push(if rng.below(10) == 0 { 6 } else { 4 });
    }
    b
}

/// The legs of `columns` as typed [`CallLeg`]s (empty ids, one start time),
/// for the scalar classifier.
pub fn legs_of(columns: &LegColumnBuffers) -> Vec<CallLeg> {
    let start = as_of().and_hms_opt(9, 0, 0).expect("valid time").and_utc();
    let stream = |j: f64, l: f64, p: f64| {
        (!(j.is_nan() && l.is_nan() && p.is_nan())).then_some(StreamMetrics {
            jitter_ms: j,
            latency_ms: l,
            loss_pct: p,
        })
    };
    (0..columns.endpoint_type.len())
        .map(|i| CallLeg {
            customer_id: String::new(),
            leg_id: String::new(),
            start_time: start,
            endpoint_type: EndpointType::from_code(columns.endpoint_type[i])
                .unwrap_or(EndpointType::Other),
            ip_version: if columns.ip_version[i] == 6 {
                IpVersion::V6
            } else {
                IpVersion::V4
            },
            audio: stream(
                columns.audio_jitter_ms[i],
                columns.audio_latency_ms[i],
                columns.audio_loss_pct[i],
            ),
            video: stream(
                columns.video_jitter_ms[i],
                columns.video_latency_ms[i],
                columns.video_loss_pct[i],
            ),
            feature: None,
        })
        .collect()
}

/// Writes each f64 and u8 column of `b` as a raw little-endian file
/// `<dir>/<column>.bin` (what numpy's `fromfile` reads).
pub fn write_leg_columns(b: &LegColumnBuffers, dir: &std::path::Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let f64s = [
        ("audio_jitter_ms", &b.audio_jitter_ms),
        ("audio_latency_ms", &b.audio_latency_ms),
        ("audio_loss_pct", &b.audio_loss_pct),
        ("video_jitter_ms", &b.video_jitter_ms),
        ("video_latency_ms", &b.video_latency_ms),
        ("video_loss_pct", &b.video_loss_pct),
    ];
    for (name, col) in f64s {
        let mut w = io::BufWriter::new(std::fs::File::create(dir.join(format!("{name}.bin")))?);
        for v in col.iter() {
            w.write_all(&v.to_le_bytes())?;
        }
        w.flush()?;
    }
    std::fs::write(dir.join("endpoint_type.bin"), &b.endpoint_type)?;
    std::fs::write(dir.join("ip_version.bin"), &b.ip_version)
}

/// The parsing floor of the CSV check: a bare `csv::ByteRecord` pass over
/// `bytes` (default settings), returning the number of fields read.
pub fn bare_parse(bytes: &[u8]) -> usize {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut fields = 0;
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        fields += record.len();
    }
    fields
}

/// The best wall times of `runs` calls each of `f` and `g`, called in turn
/// (after one warm-up call each), so both see the same machine: on a shared
/// VM the speed of the host drifts between runs.
pub fn best_of_each(runs: usize, mut f: impl FnMut(), mut g: impl FnMut()) -> (Duration, Duration) {
    f();
    g();
    let time = |h: &mut dyn FnMut()| {
        let t = Instant::now();
        h();
        t.elapsed()
    };
    (0..runs.max(1)).fold((Duration::MAX, Duration::MAX), |(bf, bg), _| {
        (bf.min(time(&mut f)), bg.min(time(&mut g)))
    })
}

/// The best wall time of `runs` calls of `f` (after one warm-up call).
pub fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// This thread's on-CPU time in nanoseconds (Linux `schedstat`), so a run on
/// a loaded machine can tell its own work from time spent waiting for a core.
pub fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}
