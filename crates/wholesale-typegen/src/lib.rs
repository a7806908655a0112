//! The declarations the bindings ship, generated from one source: the JSON
//! Schema that `schemars` derives from the core's serde types (feature
//! `schema` of `wholesale-core`). Because schemars follows the serde
//! attributes, the schema describes the JSON the core actually writes and
//! reads, and so do the TypeScript interfaces and Python `TypedDict`s drawn
//! from it. Why this tool: `docs/decisions.md`, "One problem shape,
//! generated declarations, thin bindings".
//!
//! `cargo run -p wholesale-typegen` rewrites the generated files;
//! `tests/up_to_date.rs` fails when a committed file differs from what the
//! generator writes now.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

pub mod python;
pub mod python_stubs;
pub mod roots;
pub mod typescript;

/// One generated file: its path from the repository root and its text.
pub struct Generated {
    /// Relative to the repository root.
    pub path: &'static str,
    /// The whole file.
    pub text: String,
}

/// The repository root (this crate is `crates/wholesale-typegen`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every generated file, from the schema and the binding sources.
pub fn generate() -> Vec<Generated> {
    let schema = roots::schema();
    vec![
        Generated {
            path: "bindings/wasm/src/types.d.ts",
            text: typescript::render(&schema),
        },
        Generated {
            path: "bindings/python/python/wholesale_core/_types.py",
            text: python::render(&schema),
        },
        Generated {
            path: "bindings/python/python/wholesale_core/_lowlevel.pyi",
            text: python_stubs::render(&repo_root().join("bindings/python/src")),
        },
    ]
}

/// The definitions the bindings use, by name, in name order; `inputs` are
/// the names read from callers (options, snapshots), whose optional keys
/// may be left out.
pub struct Schema {
    /// Name -> JSON Schema of the definition.
    pub definitions: Map<String, Value>,
    /// The names of definitions that describe what callers pass in.
    pub inputs: Vec<String>,
}

/// The definition name a `$ref` points at.
pub fn ref_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// The `description` of a schema, if any.
pub fn description(schema: &Value) -> Option<&str> {
    schema.get("description").and_then(Value::as_str)
}

/// The members of a union (`anyOf`, `oneOf`, or a `type` array), if the
/// schema is one.
pub fn union_members(schema: &Value) -> Option<Vec<Value>> {
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = schema.get(key) {
            return Some(members.clone());
        }
    }
    if let Some(Value::Array(types)) = schema.get("type") {
        let members = types
            .iter()
            .map(|t| {
                let mut member = schema.clone();
                member["type"] = t.clone();
                member
            })
            .collect();
        return Some(members);
    }
    None
}

/// The schema of a single-member `allOf` (schemars wraps documented refs so).
pub fn unwrap_all_of(schema: &Value) -> &Value {
    match schema.get("allOf") {
        Some(Value::Array(all)) if all.len() == 1 => &all[0],
        _ => schema,
    }
}

/// `Name`'s object properties and the required ones, when it is an object.
pub fn object_properties(schema: &Value) -> Option<(&Map<String, Value>, Vec<&str>)> {
    let properties = schema.get("properties")?.as_object()?;
    let required = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    Some((properties, required))
}

/// A debugging aid: the merged definitions as JSON.
pub fn schema_json() -> String {
    serde_json::to_string_pretty(&Value::Object(roots::schema().definitions)).unwrap_or_default()
}
