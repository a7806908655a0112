//! The core types the bindings exchange: results (written by the core) and
//! inputs (read from callers). Their definitions, and every type they
//! reach, make the generated declarations.

use schemars::generate::{Contract, SchemaSettings};
use schemars::SchemaGenerator;
use serde_json::{Map, Value};
use wholesale_core::{api, codes, csv_import, kpi, org, package, quality, report, status};
use wholesale_core::{subscription, template, week, Findings, Problem};

fn generator(contract: Contract) -> SchemaGenerator {
    let mut settings = SchemaSettings::draft2020_12();
    settings.contract = contract;
    settings.into_generator()
}

macro_rules! add {
    ($generator:expr; $($ty:ty),* $(,)?) => {
        $( $generator.subschema_for::<$ty>(); )*
    };
}

/// The results: what the core serializes for the bindings.
fn outputs() -> Map<String, Value> {
    let mut g = generator(Contract::Serialize);
    add!(g;
        Problem, Findings, codes::CodeInfo, package::PackageInfo, week::Week,
        csv_import::ImportPlan, csv_import::RemediationAdvice,
        csv_import::SnapshotBuild, csv_import::CodeCount, csv_import::PlanReview,
        csv_import::PlanFacets,
        status::CustomerStatus, org::Customer, subscription::Subscription,
        kpi::Dashboard<'static>, kpi::LicenseTrend, subscription::SubscriptionsRead,
        report::AnyReportTable, report::ReportKind, report::ReportFileName,
        org::DataRegion,
        quality::CallLeg, quality::Classification, quality::LegsRead, quality::QueuedCallsRead,
        quality::QualityReport, quality::FeatureUsage, quality::QueueReport, quality::EndpointType,
        api::PayloadCheck, api::ResourceId,
    );
    g.take_definitions(true)
}

/// The inputs: what the core deserializes from callers.
fn inputs() -> Map<String, Value> {
    let mut g = generator(Contract::Deserialize);
    add!(g;
        Problem, csv_import::ImportOptions, csv_import::OrgSnapshot,
        org::Customer, org::User, subscription::Subscription, subscription::ProductLine,
        status::StatusThresholds, status::CustomerFilter, kpi::KpiOptions, csv_import::ImportOptionsArg,
        kpi::DatedSubscriptions, csv_import::RowQuery,
        report::ReportKind, report::kind::AnyReportRow, org::DataRegion,
        quality::QualityPolicy, quality::CallLeg, quality::QueuedCall,
        template::OnboardingTemplate, wholesale_core::provisioning::NewCustomer, org::AdminRole,
    );
    g.take_definitions(true)
}

/// Both sets in one namespace: a definition whose input form differs from
/// its result form (keys with defaults are optional when read) is emitted
/// twice, the input form as `<Name>Input`, and input definitions refer to
/// the `Input` forms.
pub fn schema() -> crate::Schema {
    let outputs = outputs();
    let mut inputs = inputs();
    let differing: Vec<String> = inputs
        .iter()
        .filter(|(name, schema)| outputs.get(*name).is_some_and(|out| out != *schema))
        .map(|(name, _)| name.clone())
        .collect();
    let mut definitions = outputs;
    let mut input_names = Vec::new();
    for (name, mut schema) in std::mem::take(&mut inputs) {
        rename_refs(&mut schema, &differing);
        let name = if differing.contains(&name) {
            format!("{name}Input")
        } else {
            name
        };
        input_names.push(name.clone());
        definitions.entry(name).or_insert(schema);
    }
    crate::Schema {
        definitions,
        inputs: input_names,
    }
}

fn rename_refs(schema: &mut Value, renamed: &[String]) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                if renamed.iter().any(|n| n == crate::ref_name(reference)) {
                    reference.push_str("Input");
                }
            }
            map.values_mut().for_each(|v| rename_refs(v, renamed));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_refs(v, renamed)),
        _ => {}
    }
}
