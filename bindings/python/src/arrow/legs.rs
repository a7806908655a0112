//! The call-leg columns of an Arrow batch handed to the core's columnar
//! classifier a block at a time (R-CQ-01, R-CQ-02). Each block's metrics
//! (null as NaN, float32 widened), endpoint-type codes and IP-version codes
//! are written into buffers that stay in the L1 cache, so the batch is read
//! once, as the numpy path reads its columns: a float64 column without nulls
//! is borrowed as it is, a dictionary's values are parsed once per
//! dictionary, not per row.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayAccessor, ArrayRef, ArrowPrimitiveType, DictionaryArray, PrimitiveArray,
    RecordBatch,
};
use arrow_buffer::bit_chunk_iterator::BitChunks;
use arrow_buffer::{ArrowNativeType, NullBuffer};
use arrow_schema::DataType;
use wholesale_core::codes::Code;
use wholesale_core::problem::{AsProblem, Problem};
use wholesale_core::quality::{
    classify_columns, EndpointType, IpVersion, LegColumns, QualityError, QualityPolicy,
};

use super::{cast, column, is_text, wrong_type, Refusal, Refused};

/// Legs per block: the block's eight columns and its verdicts (about 50 KiB)
/// fit in the L1 and L2 caches; a multiple of 64 so validity bitmaps are
/// read a word at a time.
const BLOCK: usize = 1024;

/// A code no endpoint type or IP version has: the row is refused.
const INVALID: u8 = u8::MAX;

/// Writes `fill` where the validity bit of row `start + i` is clear.
fn mask_nulls<T: Copy>(out: &mut [T], nulls: Option<&NullBuffer>, start: usize, fill: T) {
    let Some(nulls) = nulls.filter(|n| n.null_count() > 0) else {
        return;
    };
    let bits = BitChunks::new(nulls.validity(), nulls.offset() + start, out.len());
    for (word, slots) in bits.iter_padded().zip(out.chunks_mut(64)) {
        for (bit, slot) in slots.iter_mut().enumerate() {
            *slot = if (word >> bit) & 1 == 1 { *slot } else { fill };
        }
    }
}

/// One metric column; a null is NaN, "not reported" (R-CQ-01).
enum Metric<'a> {
    /// float64: borrowed block by block when it has no nulls.
    F64(&'a [f64], Option<&'a NullBuffer>),
    F32(&'a [f32], Option<&'a NullBuffer>),
    /// A column of type null: no value reported.
    Absent,
}

impl<'a> Metric<'a> {
    fn read(batch: &'a RecordBatch, name: &str) -> Refused<Metric<'a>> {
        let col = column(batch, name)?;
        let nulls = col.nulls().filter(|n| n.null_count() > 0);
        match col.data_type() {
            DataType::Float64 => Ok(Metric::F64(
                col.as_primitive::<Float64Type>().values(),
                nulls,
            )),
            DataType::Float32 => Ok(Metric::F32(
                col.as_primitive::<Float32Type>().values(),
                nulls,
            )),
            DataType::Null => Ok(Metric::Absent),
            other => Err(wrong_type(
                name,
                other,
                "float64 or float32 (null or NaN: not reported)",
            )),
        }
    }

    /// Rows `start..start + scratch.len()` as f64: borrowed from the column
    /// when it is float64 without nulls, else written into `scratch`.
    fn block<'s>(&'s self, start: usize, scratch: &'s mut [f64]) -> &'s [f64] {
        let end = start + scratch.len();
        match self {
            Metric::F64(values, None) => &values[start..end],
            Metric::F64(values, nulls) => {
                scratch.copy_from_slice(&values[start..end]);
                mask_nulls(scratch, *nulls, start, f64::NAN);
                scratch
            }
            Metric::F32(values, nulls) => {
                for (slot, &value) in scratch.iter_mut().zip(&values[start..end]) {
                    *slot = f64::from(value);
                }
                mask_nulls(scratch, *nulls, start, f64::NAN);
                scratch
            }
            Metric::Absent => {
                scratch.fill(f64::NAN);
                scratch
            }
        }
    }
}

/// Writes the codes of rows `start..start + out.len()` of a column into
/// `out`, INVALID for a row the column cannot give.
type BlockCodes<'a> = Box<dyn FnMut(usize, &mut [u8]) + 'a>;

/// The code of an endpoint-type spelling by the core's `EndpointType::parse`,
/// remembered in `seen` (few distinct spellings in practice); INVALID when
/// it is none.
fn endpoint_code<'a>(value: &'a str, seen: &mut Vec<(&'a str, u8)>) -> u8 {
    if let Some(&(_, code)) = seen.iter().find(|(s, _)| *s == value) {
        return code;
    }
    let code = EndpointType::parse(value).map_or(INVALID, EndpointType::code);
    if seen.len() < 64 {
        seen.push((value, code));
    }
    code
}

/// Endpoint codes of a string column, read in place (utf8, large utf8 or
/// utf8 view).
fn text_codes<'a, A>(strings: A) -> BlockCodes<'a>
where
    A: ArrayAccessor<Item = &'a str> + 'a,
{
    let mut seen = Vec::new();
    Box::new(move |start, out| {
        for (row, slot) in (start..).zip(out.iter_mut()) {
            *slot = if strings.is_valid(row) {
                endpoint_code(strings.value(row), &mut seen)
            } else {
                INVALID
            };
        }
    })
}

/// Endpoint codes of a dictionary column: its values parsed once (`lookup`,
/// INVALID for a null or unknown spelling), then one lookup per key.
fn key_codes<K: ArrowPrimitiveType>(keys: &PrimitiveArray<K>, lookup: Vec<u8>) -> BlockCodes<'_> {
    // A dictionary of up to 256 values (every one an encoder writes for
    // six endpoint types) is read through a table indexed without a bounds
    // check or a branch: keys past its end, negative ones included, land on
    // the last slot, which is INVALID.
    if lookup.len() <= 256 {
        let mut table = [INVALID; 257];
        table[..lookup.len()].copy_from_slice(&lookup);
        return Box::new(move |start, out| {
            let values = &keys.values()[start..start + out.len()];
            for (slot, key) in out.iter_mut().zip(values) {
                *slot = table[key.as_usize().min(256)];
            }
            mask_nulls(out, keys.nulls(), start, INVALID);
        });
    }
    Box::new(move |start, out| {
        let values = &keys.values()[start..start + out.len()];
        for (slot, key) in out.iter_mut().zip(values) {
            *slot = lookup.get(key.as_usize()).copied().unwrap_or(INVALID);
        }
        mask_nulls(out, keys.nulls(), start, INVALID);
    })
}

fn endpoint_column<'a>(col: &'a ArrayRef, name: &str) -> Refused<BlockCodes<'a>> {
    let expected = "string or dictionary of strings";
    match col.data_type() {
        DataType::Utf8 => Ok(text_codes(col.as_string::<i32>())),
        DataType::LargeUtf8 => Ok(text_codes(col.as_string::<i64>())),
        DataType::Utf8View => Ok(text_codes(col.as_string_view())),
        DataType::Dictionary(key_type, value_type) if is_text(value_type) => {
            let dict = col.as_any_dictionary();
            let values = cast(dict.values(), &DataType::Utf8, name)?;
            let lookup: Vec<u8> = values
                .as_string::<i32>()
                .iter()
                .map(|v| {
                    v.and_then(EndpointType::parse)
                        .map_or(INVALID, EndpointType::code)
                })
                .collect();
            fn keys<K: arrow_array::types::ArrowDictionaryKeyType>(
                col: &ArrayRef,
                lookup: Vec<u8>,
            ) -> BlockCodes<'_> {
                let dict: &DictionaryArray<K> = col.as_dictionary::<K>();
                key_codes(dict.keys(), lookup)
            }
            match key_type.as_ref() {
                DataType::Int8 => Ok(keys::<Int8Type>(col, lookup)),
                DataType::Int16 => Ok(keys::<Int16Type>(col, lookup)),
                DataType::Int32 => Ok(keys::<Int32Type>(col, lookup)),
                DataType::Int64 => Ok(keys::<Int64Type>(col, lookup)),
                DataType::UInt8 => Ok(keys::<UInt8Type>(col, lookup)),
                DataType::UInt16 => Ok(keys::<UInt16Type>(col, lookup)),
                DataType::UInt32 => Ok(keys::<UInt32Type>(col, lookup)),
                DataType::UInt64 => Ok(keys::<UInt64Type>(col, lookup)),
                other => Err(wrong_type(name, other, "a dictionary with integer keys")),
            }
        }
        other => Err(wrong_type(name, other, expected)),
    }
}

/// The endpoint types of a string or dictionary column; an unknown
/// spelling or a null is LEG_ENDPOINT_UNKNOWN at its row (R-CQ-02).
pub(super) fn endpoint_types(batch: &RecordBatch, name: &str) -> Refused<Vec<EndpointType>> {
    let col = column(batch, name)?;
    let mut codes = vec![0_u8; col.len()];
    endpoint_column(col, name)?(0, &mut codes);
    (0..)
        .zip(codes)
        .map(|(row, code)| {
            EndpointType::from_code(code).ok_or_else(|| endpoint_refusal(col, name, row))
        })
        .collect()
}

/// IP-version codes of an integer column read in its own type: 4 and 6 as
/// the core's `IpVersion` codes, anything else or null INVALID (R-CQ-02).
fn ip_codes<'a, T: ArrowPrimitiveType>(
    ints: &'a PrimitiveArray<T>,
    name: &str,
) -> Refused<BlockCodes<'a>> {
    let (v4, v6) = (IpVersion::V4.code(), IpVersion::V6.code());
    let (Some(four), Some(six)) = (
        T::Native::from_usize(usize::from(v4)),
        T::Native::from_usize(usize::from(v6)),
    ) else {
        return Err(wrong_type(
            name,
            ints.data_type(),
            "an integer type (4 or 6)",
        ));
    };
    Ok(Box::new(move |start, out| {
        let values = &ints.values()[start..start + out.len()];
        for (slot, &value) in out.iter_mut().zip(values) {
            *slot = if value == four {
                v4
            } else if value == six {
                v6
            } else {
                INVALID
            };
        }
        mask_nulls(out, ints.nulls(), start, INVALID);
    }))
}

fn ip_column<'a>(col: &'a ArrayRef, name: &str) -> Refused<BlockCodes<'a>> {
    match col.data_type() {
        DataType::Int8 => ip_codes(col.as_primitive::<Int8Type>(), name),
        DataType::Int16 => ip_codes(col.as_primitive::<Int16Type>(), name),
        DataType::Int32 => ip_codes(col.as_primitive::<Int32Type>(), name),
        DataType::Int64 => ip_codes(col.as_primitive::<Int64Type>(), name),
        DataType::UInt8 => ip_codes(col.as_primitive::<UInt8Type>(), name),
        DataType::UInt16 => ip_codes(col.as_primitive::<UInt16Type>(), name),
        DataType::UInt32 => ip_codes(col.as_primitive::<UInt32Type>(), name),
        DataType::UInt64 => ip_codes(col.as_primitive::<UInt64Type>(), name),
        other => Err(wrong_type(name, other, "an integer type (4 or 6)")),
    }
}

/// Row `row` of `col` as the error message shows it: the text of its value
/// (quoted when `quoted`), or `null`.
fn shown(col: &ArrayRef, row: usize, quoted: bool) -> String {
    let one = arrow_cast::cast(&col.slice(row, 1), &DataType::Utf8).ok();
    let text = one
        .as_ref()
        .and_then(|a| a.as_string_opt::<i32>())
        .filter(|a| a.is_valid(0))
        .map(|a| a.value(0).to_owned());
    match text {
        Some(text) if quoted => format!("{text:?}"),
        Some(text) => text,
        None => "null".to_owned(),
    }
}

const ENDPOINT: &str = "endpoint_type";
const IP: &str = "ip_version";

/// The refusal of row `row` of column `name`: its value (as `shown`
/// writes it), then `why`.
fn row_refusal(
    code: Code,
    col: &ArrayRef,
    name: &str,
    row: usize,
    quoted: bool,
    why: &str,
) -> Refusal {
    Refusal::Quality(Problem::new(
        code,
        format!("{name}[{row}]"),
        format!("{} {why}", shown(col, row, quoted)),
    ))
}

fn endpoint_refusal(col: &ArrayRef, name: &str, row: usize) -> Refusal {
    let why = "is not an endpoint type; write one of webex_app, desk_phone, room_device, analog, third_party, other";
    row_refusal(Code::LegEndpointUnknown, col, name, row, true, why)
}

/// A refused metric of the block starting at `start`, named by its row in
/// the batch.
fn in_batch(err: QualityError, start: usize) -> Refusal {
    let err = match err {
        QualityError::MetricInvalid {
            column,
            index,
            value,
            why,
        } => QualityError::MetricInvalid {
            column,
            index: start + index,
            value,
            why,
        },
        other => other,
    };
    Refusal::Quality(err.to_problem())
}

/// The first INVALID code of a block: a `memchr` search (`contains`)
/// answers for the whole block, the row is looked for only then.
fn first_invalid(codes: &[u8]) -> Option<usize> {
    if codes.contains(&INVALID) {
        codes.iter().position(|&c| c == INVALID)
    } else {
        None
    }
}

/// The leg columns of one batch.
pub(super) struct Legs<'a> {
    metrics: [Metric<'a>; 6],
    endpoint: (&'a ArrayRef, BlockCodes<'a>),
    ip: (&'a ArrayRef, BlockCodes<'a>),
    rows: usize,
}

impl<'a> Legs<'a> {
    /// The columns of `batch`: the six metrics (float64 or float32, null or
    /// NaN = not reported), `endpoint_type` (string or dictionary of
    /// strings) and `ip_version` (any integer type). A missing column or a
    /// wrong type is refused here; a value, by `classify`.
    pub(super) fn read(batch: &'a RecordBatch) -> Refused<Legs<'a>> {
        let metric = |name| Metric::read(batch, name);
        let metrics = [
            metric("audio_jitter_ms")?,
            metric("audio_latency_ms")?,
            metric("audio_loss_pct")?,
            metric("video_jitter_ms")?,
            metric("video_latency_ms")?,
            metric("video_loss_pct")?,
        ];
        let endpoints = column(batch, ENDPOINT)?;
        let ips = column(batch, IP)?;
        Ok(Legs {
            metrics,
            endpoint: (endpoints, endpoint_column(endpoints, ENDPOINT)?),
            ip: (ips, ip_column(ips, IP)?),
            rows: batch.num_rows(),
        })
    }

    /// Classifies every leg by the core's `classify_columns` into
    /// `verdicts` (one code per row), and writes the rows' endpoint-type
    /// codes into `endpoint_codes` when given. The first row with an
    /// unknown endpoint type, an IP version other than 4 or 6 (or null) or
    /// a metric the core refuses is the refusal.
    pub(super) fn classify(
        mut self,
        policy: &QualityPolicy,
        verdicts: &mut [u8],
        mut endpoint_codes: Option<&mut [u8]>,
    ) -> Refused<()> {
        let rows = self.rows;
        if verdicts.len() != rows || endpoint_codes.as_ref().is_some_and(|e| e.len() != rows) {
            return Err(Refusal::input(
                "batch",
                format!("{rows} legs but {} verdicts to write", verdicts.len()),
            ));
        }
        let mut scratch = Box::new([[0.0_f64; BLOCK]; 6]);
        let mut own_endpoints = [0_u8; BLOCK];
        let mut ips = [0_u8; BLOCK];
        for start in (0..rows).step_by(BLOCK) {
            let end = BLOCK.min(rows - start) + start;
            let len = end - start;
            let endpoints = match endpoint_codes.as_deref_mut() {
                Some(all) => &mut all[start..end],
                None => &mut own_endpoints[..len],
            };
            let ips = &mut ips[..len];
            (self.endpoint.1)(start, endpoints);
            if let Some(i) = first_invalid(endpoints) {
                return Err(endpoint_refusal(self.endpoint.0, ENDPOINT, start + i));
            }
            (self.ip.1)(start, ips);
            if let Some(i) = first_invalid(ips) {
                let why = "is not an IP version; give 4 or 6";
                return Err(row_refusal(
                    Code::LegIpVersionInvalid,
                    self.ip.0,
                    IP,
                    start + i,
                    false,
                    why,
                ));
            }
            let [aj, al, ap, vj, vl, vp] = &self.metrics;
            let [saj, sal, sap, svj, svl, svp] = &mut *scratch;
            let columns = LegColumns {
                audio_jitter_ms: aj.block(start, &mut saj[..len]),
                audio_latency_ms: al.block(start, &mut sal[..len]),
                audio_loss_pct: ap.block(start, &mut sap[..len]),
                video_jitter_ms: vj.block(start, &mut svj[..len]),
                video_latency_ms: vl.block(start, &mut svl[..len]),
                video_loss_pct: vp.block(start, &mut svp[..len]),
                endpoint_type: endpoints,
                ip_version: ips,
            };
            classify_columns(&columns, policy, &mut verdicts[start..end])
                .map_err(|err| in_batch(err, start))?;
        }
        Ok(())
    }
}
