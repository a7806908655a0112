// Type-checked usage of the round-two API (`tsc --noEmit`, strict): CSV
// import plans, status and KPIs, reports, call quality, provisioning and API
// helpers. Every result is a declared interface (no `any`).
import {
  buildCustomerRequest,
  buildSubscriberRequest,
  checkApiPayload,
  checkCsv,
  checkTagEdit,
  classifyColumns,
  classifyLeg,
  customerStatus,
  endpointTypeCodes,
  featureUsage,
  filterCustomers,
  kpiDashboard,
  lastCompletedWeek,
  maxFileBytes,
  parseReportFileName,
  queueKpis,
  readCallLegs,
  readReport,
  remediationFor,
  reportFileName,
  resourceIdDecode,
  resourceIdEncode,
  sameResource,
  validateManualBatch,
  validateNewCustomer,
  validatePackageChange,
  validateTemplate,
  verdictCodes,
  weeklyQualityReport,
  writeReport,
  type Action,
  type CallLeg,
  type Classification,
  type Customer,
  type CustomerStatus,
  type DeviceRow,
  type FeatureUsage,
  type Findings,
  type ImportPlan,
  type JsonObject,
  type KpiDashboard,
  type OrgSnapshot,
  type PayloadCheck,
  type QualityReport,
  type QueueReport,
  type CustomerInput,
  type DeviceRowTable,
  type RemediationAdvice,
  type ReportFileName,
  type ResourceId,
  type RowOutcome,
  type Status,
  type SubscriptionInput,
  type WholesaleError,
} from "wholesale-core";

// CSV import plan: text or bytes, behavior and an optional snapshot.
// The two Jabber columns are required (R-CSV-12). Snapshot lists left out
// (here `subscribed_packages`, the user's `licenses`) are not known (R-CSV-21).
const csv =
  "User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n" +
  "ana@acme.example,TRUE,acme.webex.com,FALSE,TRUE\n";
const plan: ImportPlan = checkCsv(new TextEncoder().encode(csv), {
  behavior: "add_and_remove",
  org: { locations: ["HQ"], users: [{ email: "ana@acme.example", package: "Webex Calling", licenses: null }] },
});
const lines: [number, number][] = plan.rows.map((r) => [r.line, r.last_line]);
const tooLarge: boolean = new TextEncoder().encode(csv).length > maxFileBytes();
try {
  checkCsv(csv, { org: { locatons: [] } as unknown as OrgSnapshot });
} catch (e) {
  const err = e as WholesaleError;
  const where: string | null = err.field; // "locatons" (SNAPSHOT_KEY_UNKNOWN, R-CSV-21)
  console.log(err.code, where);
}
const rejected: RowOutcome[] = plan.rows.filter((r) => r.action === "rejected");
const action: Action | undefined = plan.rows[0]?.action;
const firstCode: string | undefined = rejected[0]?.errors[0]?.code;
const column: string | null | undefined = rejected[0]?.errors[0]?.field;
const counts: number = plan.summary.add + plan.summary.change_package + plan.summary.rejected;
const fix: RemediationAdvice | null = remediationFor("Cannot update user attributes; cannot revert license change.");

// Status and KPIs.
const subscription: SubscriptionInput = {
  id: "S1", customer_id: "acme", kind: "trial", product: "calling", status: "active",
  end_date: "2026-12-10", licenses: { total: 10, assigned: 12 },
};
const customer: CustomerInput = { name: "Acme", package: "webex_calling", subscriptions: [subscription] };
const status: CustomerStatus = customerStatus(customer, "2026-11-25", { expiring_soon_days: 14 });
const primary: Status = status.primary;
const kept: Customer[] = filterCustomers([customer], new Date(), { status: ["trial"], product: ["calling"] });
const kpis: KpiDashboard = kpiDashboard([subscription], "calling", "2026-11-25", {
  low_assignment: { rule: "fixed_ratio", value: 0.5 },
});
const overage: number = kpis.overage.excess_licenses;
const nearest: string | undefined = kpis.subscriptions.near_expiration[0]?.end_date;

// Reports.
const devices = readReport("devices", "External ID,...") as DeviceRowTable;
const macs: string[] = devices.rows.map((d) => d.mac);
const csvText: string = writeReport("devices", devices.rows);
const name: ReportFileName = parseReportFileName("Devices_m2N8s5_2026-11-25.csv");
const fileName: string = reportFileName(name.template, name.id, name.date, false);

// Call quality.
const { legs } = readCallLegs("customer_id,leg_id,...");
const leg: CallLeg | undefined = legs[0];
const verdict: Classification | null = leg ? classifyLeg(leg, { combine: "all" }) : null;
const report: QualityReport = weeklyQualityReport(legs, "2026-11-25", { jitter_ms: 30 });
const poorPct: number | null | undefined = report.trend[0]?.poor_pct;
const usage: FeatureUsage[] = featureUsage(legs, lastCompletedWeek("2026-11-25"));
const queues: QueueReport = queueKpis([], "2026-11-25");
const codes = endpointTypeCodes();
const n = 3;
const verdicts: Uint8Array = classifyColumns({
  audio_jitter_ms: new Float64Array(n), audio_latency_ms: new Float64Array(n), audio_loss_pct: new Float64Array(n),
  video_jitter_ms: new Float64Array(n).fill(NaN), video_latency_ms: new Float64Array(n).fill(NaN),
  video_loss_pct: new Float64Array(n).fill(NaN),
  endpoint_type: new Uint8Array(n).fill(codes.desk_phone), ip_version: new Uint8Array(n).fill(4),
});
const poorLegs: number = verdicts.filter((v) => v === verdictCodes().poor).length;

// Provisioning and API.
const nc = { name: "Nordvik", admin_email: "it@nordvik.example", packages: ["webex_suite"] };
const customerFindings: Findings = validateNewCustomer(nc);
const templateFindings: Findings = validateTemplate({ name: "T", pstn_provider: null });
const batch: Findings = validateManualBatch(customer, [{ email: "ana@acme.example" }]);
const change: Findings = validatePackageChange(customer, { email: "ana@acme.example" }, "webex_suite");
const tag = checkTagEdit("partner_read_only");
const payload: PayloadCheck = checkApiPayload({ email: "x" });
const id: string = resourceIdEncode("us", "CUSTOMER", "f5b36187-c8dd-4727-8b2f-f9c447f29046");
const parts: ResourceId = resourceIdDecode(id);
const same: boolean = sameResource(id, parts.uuid);
try {
  const body: JsonObject = buildCustomerRequest(nc, { webex_suite: 50 });
  const sub: JsonObject = buildSubscriberRequest(id, { email: "ana@acme.example", package: "webex_meetings" });
  console.log(body, sub);
} catch (e) {
  const err = e as WholesaleError;
  console.log(err.code, err.rule, err.field, (err.problems ?? []).map((p) => p.code));
}

console.log(rejected, action, firstCode, column, counts, lines, tooLarge, fix, primary, kept, overage, nearest, macs, csvText,
  fileName, verdict, poorPct, usage, queues, poorLegs, customerFindings, templateFindings, batch, change,
  tag, payload, same);
