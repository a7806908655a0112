//! CSV readers for call legs and queued calls. A bad row is rejected with its
//! line and every problem found in it; it is never dropped silently.

use std::io::Read;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::leg::{
    metric_problem, CallLeg, EndpointType, Feature, IpVersion, Metric, StreamMetrics,
};
use super::queue::{QueueOutcome, QueuedCall};
use super::rejected::RejectedRow;
use super::QualityError;
use crate::codes::Code;
use crate::problem::Problem;

/// The call legs of a CSV and the rows that were rejected; serialized as
/// `{"legs", "rejected"}` (what the bindings return).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LegsRead {
    /// The good rows, in file order.
    pub legs: Vec<CallLeg>,
    /// The bad rows, in file order.
    pub rejected: Vec<RejectedRow>,
}

/// The queued calls of a CSV and the rows that were rejected; serialized as
/// `{"calls", "rejected"}` (what the bindings return).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QueuedCallsRead {
    /// The good rows, in file order.
    pub calls: Vec<QueuedCall>,
    /// The bad rows, in file order.
    pub rejected: Vec<RejectedRow>,
}

/// The columns of a call-leg CSV, in the issue's order; all are required.
pub const LEG_COLUMNS: [&str; 11] = [
    "customer_id",
    "leg_id",
    "start_time",
    "endpoint_type",
    "ip_version",
    "audio_jitter_ms",
    "audio_latency_ms",
    "audio_loss_pct",
    "video_jitter_ms",
    "video_latency_ms",
    "video_loss_pct",
];

/// The optional column naming the advanced feature a call used (R-CQ-05).
pub const LEG_FEATURE_COLUMN: &str = "feature";

/// The columns of a queued-call CSV; all are required.
pub const QUEUE_COLUMNS: [&str; 5] = [
    "customer_id",
    "queue",
    "start_time",
    "outcome",
    "wait_seconds",
];

/// The codes one kind of CSV reports for its generic row problems.
struct RowCodes {
    header: Code,
    malformed: Code,
    field: Code,
    time: Code,
}

const LEG_CODES: RowCodes = RowCodes {
    header: Code::LegHeaderMissing,
    malformed: Code::LegRowMalformed,
    field: Code::LegFieldRequired,
    time: Code::LegTimeInvalid,
};

const QUEUE_CODES: RowCodes = RowCodes {
    header: Code::QueueHeaderMissing,
    malformed: Code::QueueRowMalformed,
    field: Code::QueueFieldInvalid,
    time: Code::QueueFieldInvalid,
};

/// One data row with its column positions, collecting problems as fields are read.
struct Row<'a> {
    record: &'a csv::ByteRecord,
    index: &'a [usize],
    names: &'a [&'a str],
    codes: &'a RowCodes,
    problems: Vec<Problem>,
}

impl Row<'_> {
    /// The trimmed text of the `i`-th expected column ("" when not UTF-8, with a problem).
    fn text(&mut self, i: usize) -> &str {
        let name = self.names.get(i).copied().unwrap_or("?");
        let bytes = self
            .index
            .get(i)
            .and_then(|&at| self.record.get(at))
            .unwrap_or_default();
        match std::str::from_utf8(bytes) {
            Ok(text) => text.trim(),
            Err(_) => {
                self.problems.push(Problem::new(
                    self.codes.malformed,
                    name,
                    "the value is not valid UTF-8; save the file as UTF-8",
                ));
                ""
            }
        }
    }

    fn required(&mut self, i: usize) -> String {
        let name = self.names.get(i).copied().unwrap_or("?");
        let text = self.text(i).to_owned();
        if text.is_empty() {
            self.problems.push(Problem::new(
                self.codes.field,
                name,
                format!("{name} is empty; every row needs one"),
            ));
        }
        text
    }

    fn time(&mut self, i: usize) -> Option<DateTime<Utc>> {
        let name = self.names.get(i).copied().unwrap_or("?");
        let text = self.text(i).to_owned();
        match DateTime::parse_from_rfc3339(&text) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(e) => {
                self.problems.push(Problem::new(
                    self.codes.time,
                    name,
                    format!(
                        "{text:?} is not an RFC 3339 time ({e}); write e.g. 2026-11-18T09:30:00Z"
                    ),
                ));
                None
            }
        }
    }
}

/// Reads the header and maps each expected column to its position.
fn header_index<R: Read>(
    reader: &mut csv::Reader<R>,
    required: &[&str],
    optional: &[&str],
    code: Code,
) -> Result<(Vec<usize>, Vec<Option<usize>>), QualityError> {
    let header = reader.byte_headers()?.clone();
    let names: Vec<String> = header
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    let find = |col: &str| names.iter().position(|n| n == col);
    let mut missing = Vec::new();
    let mut index = Vec::new();
    for col in required {
        match find(col) {
            Some(i) => index.push(i),
            None => missing.push((*col).to_owned()),
        }
    }
    if !missing.is_empty() {
        return Err(QualityError::HeaderMissing { code, missing });
    }
    Ok((index, optional.iter().map(|c| find(c)).collect()))
}

/// The largest call-leg or queued-call CSV read (R-REP-05): larger input is
/// refused before it is parsed, so an endless reader costs bounded memory.
pub const MAX_CALL_DATA_BYTES: usize = 256 * 1024 * 1024;

/// A call-data row's limits: R-CSV-04's columns and cell size.
const CALL_LIMITS: crate::text::RecordLimits = crate::text::RecordLimits {
    columns: crate::csv_import::MAX_COLUMNS,
    cell_bytes: crate::csv_import::MAX_FIELD_BYTES,
};

/// Reads at most [`MAX_CALL_DATA_BYTES`] of `input`.
fn read_bounded(input: impl Read) -> Result<Vec<u8>, QualityError> {
    crate::text::read_bounded(input, MAX_CALL_DATA_BYTES, "split it by week").map_err(|e| match e {
        crate::text::Unbounded::Io(e) => QualityError::Read(e.into()),
        crate::text::Unbounded::TooLarge(why) => QualityError::TooLarge(why),
    })
}

/// A row with more columns or a larger cell than call data can have stops
/// the reading (R-REP-05, the limits of R-CSV-04).
fn check_record_size(record: &csv::ByteRecord, line: u64) -> Result<(), QualityError> {
    match crate::text::record_over_limits(
        record.len(),
        record.iter().map(<[u8]>::len),
        line,
        &CALL_LIMITS,
    ) {
        Some(why) => Err(QualityError::TooLarge(why)),
        None => Ok(()),
    }
}

/// The good rows with their lines, and the rejected rows.
type RowsRead<T> = (Vec<(u64, T)>, Vec<RejectedRow>);

/// Runs `parse` on every data row, collecting rejected rows with their
/// physical lines (LF, CRLF, CR, blank lines counted) and each good row's line.
fn read_rows<R: Read, T>(
    input: R,
    required: &[&str],
    optional: &[&str],
    codes: &RowCodes,
    mut parse: impl FnMut(&mut Row<'_>, &[Option<usize>]) -> Option<T>,
) -> Result<RowsRead<T>, QualityError> {
    let bytes = read_bounded(input)?;
    let mut lines = crate::text::LineCounter::new(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());
    let (index, optional_index) = header_index(&mut reader, required, optional, codes.header)?;
    let width = reader.byte_headers()?.len();
    check_record_size(reader.byte_headers()?, 1)?;
    let mut good = Vec::new();
    let mut rejected = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let before = reader.position().byte();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if e.is_io_error() => return Err(e.into()),
            Err(e) => {
                let line = lines.record_line(e.position().map_or(before, |p| p.byte()));
                rejected.push(RejectedRow::new(
                    line,
                    vec![Problem::general(codes.malformed, e.to_string())],
                ));
                continue;
            }
        }
        let line = lines.record_line(record.position().map_or(before, |p| p.byte()));
        check_record_size(&record, line)?;
        if record.len() != width {
            rejected.push(RejectedRow::new(
                line,
                vec![Problem::general(
                    codes.malformed,
                    format!(
                        "the row has {} fields, the header {width}; check for a stray or missing comma",
                        record.len()
                    ),
                )],
            ));
            continue;
        }
        let mut row = Row {
            record: &record,
            index: &index,
            names: required,
            codes,
            problems: Vec::new(),
        };
        let parsed = parse(&mut row, &optional_index);
        match parsed {
            Some(value) if row.problems.is_empty() => good.push((line, value)),
            _ => rejected.push(RejectedRow::new(line, row.problems)),
        }
    }
    Ok((good, rejected))
}

/// Reads one metric: blank is `None`; NaN, infinite, negative or (for loss)
/// above 100 is a `LEG_METRIC_INVALID` problem.
fn metric(row: &mut Row<'_>, i: usize) -> Result<Option<f64>, ()> {
    let name = row.names.get(i).copied().unwrap_or("?");
    let text = row.text(i).to_owned();
    if text.is_empty() {
        return Ok(None);
    }
    let metric = if name.ends_with("_pct") {
        Metric::Loss
    } else if name.ends_with("latency_ms") {
        Metric::Latency
    } else {
        Metric::Jitter
    };
    let blank = "leave the cell blank when the leg has no such stream";
    let problem = match text.parse::<f64>() {
        Err(_) => format!("{text:?} is not a number; {blank}"),
        Ok(v) if v.is_nan() => format!("{text:?} is not a finite number; {blank}"),
        Ok(v) => match metric_problem(metric, v) {
            Some(why) => format!("{text} {why}"),
            None => return Ok(Some(v)),
        },
    };
    row.problems
        .push(Problem::new(Code::LegMetricInvalid, name, problem));
    Err(())
}

/// Reads the three metrics of a stream starting at expected column `first`.
fn stream(row: &mut Row<'_>, first: usize, label: &str) -> Option<Option<StreamMetrics>> {
    let j = metric(row, first);
    let l = metric(row, first + 1);
    let p = metric(row, first + 2);
    match (j.ok()?, l.ok()?, p.ok()?) {
        (None, None, None) => Some(None),
        (Some(jitter_ms), Some(latency_ms), Some(loss_pct)) => Some(Some(StreamMetrics {
            jitter_ms,
            latency_ms,
            loss_pct,
        })),
        _ => {
            row.problems.push(Problem::new(
                Code::LegStreamIncomplete,
                label,
                format!(
                    "the {label} stream has some metrics blank and some not; \
                     give jitter, latency and loss, or leave all three blank"
                ),
            ));
            None
        }
    }
}

/// Reads a call-leg CSV (columns [`LEG_COLUMNS`], any order, plus the optional
/// `feature`). Bad rows are returned in [`LegsRead::rejected`] with their
/// physical line, as is a repeated leg ID (counted once, R-REP-05); only an
/// unreadable or oversized file, or a missing column, is an error.
///
/// ```
/// use wholesale_core::quality::read_legs;
/// let csv = "customer_id,leg_id,start_time,endpoint_type,ip_version,audio_jitter_ms,audio_latency_ms,audio_loss_pct,video_jitter_ms,video_latency_ms,video_loss_pct
/// acme,1,2026-11-18T09:30:00Z,webex_app,4,12,80,0.1,,,
/// acme,2,2026-11-18T09:31:00Z,desk_phone,4,-3,80,0.1,,,
/// ";
/// let read = read_legs(csv.as_bytes()).unwrap();
/// assert_eq!(read.legs.len(), 1);
/// assert_eq!(read.rejected[0].line, 3);
/// assert_eq!(read.rejected[0].problems[0].code.as_str(), "LEG_METRIC_INVALID");
/// ```
pub fn read_legs<R: Read>(input: R) -> Result<LegsRead, QualityError> {
    let (read, rejected) = read_rows(
        input,
        &LEG_COLUMNS,
        &[LEG_FEATURE_COLUMN],
        &LEG_CODES,
        |row, optional| {
            let customer_id = row.required(0);
            let leg_id = row.required(1);
            let start_time = row.time(2);
            let endpoint_text = row.text(3).to_owned();
            let endpoint_type = EndpointType::parse(&endpoint_text);
            if endpoint_type.is_none() {
                row.problems.push(Problem::new(
                    Code::LegEndpointUnknown,
                    "endpoint_type",
                    format!(
                        "{endpoint_text:?} is not an endpoint type; use webex_app, desk_phone, \
                         room_device, analog, third_party or other"
                    ),
                ));
            }
            let ip_text = row.text(4).to_owned();
            let ip_version = IpVersion::parse(&ip_text);
            if ip_version.is_none() {
                row.problems.push(Problem::new(
                    Code::LegIpVersionInvalid,
                    "ip_version",
                    format!("{ip_text:?} is not an IP version; use 4 or 6"),
                ));
            }
            let audio = stream(row, 5, "audio");
            let video = stream(row, 8, "video");
            let feature = match optional.first().copied().flatten() {
                Some(at) => {
                    let bytes = row.record.get(at).unwrap_or_default();
                    let text = String::from_utf8_lossy(bytes).trim().to_owned();
                    if text.is_empty() {
                        Some(None)
                    } else if let Some(f) = Feature::parse(&text) {
                        Some(Some(f))
                    } else {
                        row.problems.push(Problem::new(
                            Code::LegFeatureUnknown,
                            LEG_FEATURE_COLUMN,
                            format!(
                                "{text:?} is not a feature; use call_queue, hunt_group, \
                                 auto_attendant or leave it blank"
                            ),
                        ));
                        None
                    }
                }
                None => Some(None),
            };
            Some(CallLeg {
                customer_id,
                leg_id,
                start_time: start_time?,
                endpoint_type: endpoint_type?,
                ip_version: ip_version?,
                audio: audio?,
                video: video?,
                feature: feature?,
            })
        },
    )?;
    Ok(unique_legs(read, rejected))
}

/// R-REP-05: a leg whose customer and leg ID appear on an earlier row is
/// counted once; the later row is listed with a `LEG_ID_DUPLICATE` warning.
fn unique_legs(read: Vec<(u64, CallLeg)>, mut rejected: Vec<RejectedRow>) -> LegsRead {
    let mut first: rustc_hash::FxHashMap<(&str, &str), u64> = Default::default();
    let mut keep = Vec::with_capacity(read.len());
    for (line, leg) in &read {
        match first.entry((leg.customer_id.as_str(), leg.leg_id.as_str())) {
            std::collections::hash_map::Entry::Occupied(seen) => {
                rejected.push(RejectedRow::new(
                    *line,
                    vec![Problem::new(
                        Code::LegIdDuplicate,
                        "leg_id",
                        format!(
                            "leg {:?} of customer {:?} is also on line {}; it is counted once",
                            crate::text::truncate(&leg.leg_id, crate::text::MESSAGE_CHARS),
                            crate::text::truncate(&leg.customer_id, crate::text::MESSAGE_CHARS),
                            seen.get()
                        ),
                    )],
                ));
                keep.push(false);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(*line);
                keep.push(true);
            }
        }
    }
    drop(first);
    rejected.sort_by_key(|r| r.line);
    let legs = read
        .into_iter()
        .zip(keep)
        .filter_map(|((_, leg), keep)| keep.then_some(leg))
        .collect();
    LegsRead { legs, rejected }
}

/// Reads a queued-call CSV (columns [`QUEUE_COLUMNS`], any order;
/// `wait_seconds` a whole number of seconds). Bad rows are returned in
/// [`QueuedCallsRead::rejected`].
///
/// ```
/// use wholesale_core::quality::read_queued_calls;
/// let csv = "customer_id,queue,start_time,outcome,wait_seconds
/// acme,sales,2026-11-18T09:30:00Z,answered,25
/// acme,sales,2026-11-18T09:35:00Z,gave_up,25
/// ";
/// let read = read_queued_calls(csv.as_bytes()).unwrap();
/// assert_eq!(read.calls.len(), 1);
/// assert_eq!(read.rejected[0].problems[0].code.as_str(), "QUEUE_OUTCOME_UNKNOWN");
/// ```
pub fn read_queued_calls<R: Read>(input: R) -> Result<QueuedCallsRead, QualityError> {
    let (calls, rejected) = read_rows(input, &QUEUE_COLUMNS, &[], &QUEUE_CODES, |row, _| {
        let customer_id = row.required(0);
        let queue = row.required(1);
        let start_time = row.time(2);
        let outcome_text = row.text(3).to_owned();
        let outcome = QueueOutcome::parse(&outcome_text);
        if outcome.is_none() {
            row.problems.push(Problem::new(
                Code::QueueOutcomeUnknown,
                "outcome",
                format!(
                    "{outcome_text:?} is not an outcome; use answered, moved_to_other_queue or abandoned"
                ),
            ));
        }
        let wait_text = row.text(4).to_owned();
        let wait_seconds = wait_text.parse::<u32>().ok();
        if wait_seconds.is_none() {
            row.problems.push(Problem::new(
                Code::QueueWaitInvalid,
                "wait_seconds",
                format!("{wait_text:?} is not a whole, non-negative number of seconds"),
            ));
        }
        Some(QueuedCall {
            customer_id,
            queue,
            start_time: start_time?,
            outcome: outcome?,
            wait_seconds: wait_seconds?,
        })
    })?;
    let calls = calls.into_iter().map(|(_, call)| call).collect();
    Ok(QueuedCallsRead { calls, rejected })
}
