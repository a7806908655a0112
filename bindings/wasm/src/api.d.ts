// ---- Hand-written declarations of the round-two shapes (src/api.d.ts). ----
// Each interface is the serde JSON of a core type, keys as in Rust
// (snake_case). `cargo test` (types.rs) checks every interface's keys
// against the core's serialized values, so a key added, removed or renamed
// in the core fails the native tests.

/** Any JSON value (documents the core keeps as free-form JSON). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };
/** A calendar day: `YYYY-MM-DD`, or a `Date` (its UTC date). */
export type Day = string | Date;
/** A package API id (`webex_calling`) or display name, any case. */
export type PackageId = string;

// --- csv_import (R-CSV) ---
/** The import behavior chosen in Control Hub (R-CSV-06). */
export type ImportBehavior = "add_only" | "add_and_remove";
/** What the import would do with one row (R-CSV-20). */
export type Action = "add" | "modify" | "change_package" | "remove" | "no_change" | "rejected";
export type BasicLicense = "basic_messaging" | "basic_space_meetings" | "call_on_webex";
/**
 * One user of an org snapshot (all keys optional but `email`). Strict
 * (R-CSV-21): an unknown key throws `SNAPSHOT_KEY_UNKNOWN` with its `path`.
 */
export interface SnapshotUser {
  email: string;
  package?: PackageId | null;
  phone_number?: string | null;
  extension?: string | null;
  location?: string | null;
  /** Absent or `null`: not known (the checks that need it are skipped). */
  licenses?: BasicLicense[] | null;
  first_name?: string | null;
  last_name?: string | null;
  display_name?: string | null;
  preferred_webex_site?: string | null;
}
/**
 * The customer org before the import (`samples/org.json`). Strict
 * (R-CSV-21): an unknown key throws `SNAPSHOT_KEY_UNKNOWN`, a bad value or
 * an unknown package `SNAPSHOT_INVALID`, each with the key's `path`. A list
 * that is absent (or `null`) is not known: the checks that need it are
 * skipped and the plan says so in a `SNAPSHOT_LIST_MISSING` warning; `[]`
 * is known to be empty.
 */
export interface OrgSnapshot {
  package?: PackageId | null;
  admin_email?: string | null;
  locations?: string[] | null;
  subscribed_packages?: PackageId[] | null;
  users?: SnapshotUser[] | null;
}
/** Options of `checkCsv`; absent keys take the core's defaults. */
export interface CheckCsvOptions {
  behavior?: ImportBehavior;
  /** The org snapshot, or its JSON text. */
  org?: OrgSnapshot | string | null;
}
/** A problem on one row; `column` is the header as written in the file. */
export interface RowProblem {
  code: string;
  column: string | null;
  rule: string;
  message: string;
}
/** A problem with the file as a whole. */
export interface FileProblem {
  code: string;
  line: number | null;
  message: string;
}
export interface RowOutcome {
  /** The physical line where the record starts (the header is line 1). */
  line: number;
  /** The physical line where it ends: `line` unless a cell spans lines (R-CSV-05, R-CSV-20). */
  last_line: number;
  email: string;
  action: Action;
  package: PackageId | null;
  assign: string[];
  remove: string[];
  errors: RowProblem[];
  warnings: RowProblem[];
}
export interface ImportSummary {
  rows: number;
  add: number;
  modify: number;
  change_package: number;
  remove: number;
  no_change: number;
  rejected: number;
  warnings: number;
}
/** The import plan: the CLI's `csv check --format json`, field for field. */
export interface ImportPlan {
  file_errors: FileProblem[];
  file_warnings: FileProblem[];
  rows: RowOutcome[];
  summary: ImportSummary;
}
/** The fix for a Control Hub error message (R-CSV-19). */
export interface Remediation {
  remediation: string;
  rule: string;
  steps: string;
}

// --- org, subscriptions ---
export type DataRegion = "US" | "CA" | "EU" | "UAE";
export type ManagedBy = "external_admin" | "own_org";
export type AdminRole = "full_admin" | "partner_admin" | "partner_read_only";
export type ProductLine = "calling" | "meetings" | "messaging";
export type SubscriptionKind = "subscription" | "trial";
/** Known statuses, or the report's own text. */
export type SubscriptionStatus = "active" | "suspended" | "expired" | "pending_setup" | (string & {});
export interface Address {
  addressLine1: string;
  addressLine2?: string;
  city: string;
  stateOrProvince?: string;
  zipOrPostalCode: string;
  country: string;
}
export interface Location {
  name: string;
  address?: Address;
  timezone?: string | null;
}
export interface User {
  first_name?: string;
  last_name?: string;
  email: string;
  package?: PackageId | null;
  location?: string | null;
  phone_number?: string | null;
  extension?: string | null;
}
export interface LicenseCounts {
  total: number;
  assigned: number;
  used_last_7_days?: number | null;
  used_last_3_months?: number | null;
  last_week_assigned?: number | null;
  last_week_used?: number | null;
}
export interface Subscription {
  id: string;
  customer_id: string;
  customer_name?: string;
  kind: SubscriptionKind;
  product: ProductLine;
  status: SubscriptionStatus;
  start_date?: string | null;
  end_date?: string | null;
  auto_renew?: boolean;
  licenses: LicenseCounts;
}
export interface Customer {
  name: string;
  org_id?: string | null;
  external_id?: string;
  country?: string;
  data_region?: DataRegion | null;
  hq_address?: Address | null;
  package: PackageId;
  admin_email?: string;
  locations?: Location[];
  users?: User[];
  subscriptions?: Subscription[];
  tags?: string[];
  assigned_admins?: string[];
  managed_by?: ManagedBy;
  last_admin_sign_in?: string | null;
}

// --- status and kpi (R-STA, R-KPI) ---
export type Status =
  | "suspended" | "expired" | "ready_for_order_setup" | "license_overage"
  | "expiring_soon" | "no_recent_activity" | "trial" | "subscription";
export interface StatusThresholds {
  expiring_soon_days: number;
  no_activity_days: number;
}
export interface CustomerStatus {
  statuses: Status[];
  primary: Status;
}
export interface CustomerFilter {
  managed_by?: ManagedBy[];
  product?: ProductLine[];
  status?: Status[];
  subscription_type?: SubscriptionKind[];
}
export type LowAssignmentRule =
  | { rule: "percentile"; value: number }
  | { rule: "fixed_ratio"; value: number };
export interface KpiOptions {
  window_days: number;
  low_assignment: LowAssignmentRule;
}
export interface WindowSummary {
  customers: number;
  customer_percent: number | null;
  subscriptions: number;
  total_licenses: number;
  assigned_licenses: number;
  used_licenses: number | null;
  assignment_percent: number | null;
  utilization_percent: number | null;
  utilization_3_months_percent: number | null;
}
export interface LowAssignmentSummary {
  customers: number;
  customer_percent: number | null;
  subscriptions: number;
  threshold_ratio: number | null;
  total_licenses: number;
  assigned_licenses: number;
  unassigned_licenses: number;
  assignment_percent: number | null;
  utilization_percent: number | null;
  utilization_of_assigned_percent: number | null;
}
export interface OverageSummary {
  customers: number;
  customer_percent: number | null;
  subscriptions: number;
  excess_licenses: number;
  average_excess_per_customer: number | null;
}
export interface RecentSummary {
  customers: number | null;
  customer_percent: number | null;
  subscriptions: number | null;
  total_licenses: number | null;
}
export interface ExpiryRow {
  subscription_id: string;
  customer_id: string;
  customer_name: string;
  kind: SubscriptionKind;
  end_date: string;
  days_to_end: number;
  total: number;
  assigned: number;
  used_last_7_days: number | null;
  used_last_3_months: number | null;
  assignment_percent: number | null;
  utilization_percent: number | null;
  utilization_3_months_percent: number | null;
}
export interface LowAssignmentRow {
  subscription_id: string;
  customer_id: string;
  customer_name: string;
  kind: SubscriptionKind;
  months_since_added: number | null;
  total: number;
  assigned: number;
  assignment_percent: number | null;
  weekly_assignment_change: number | null;
}
export interface OverageRow {
  subscription_id: string;
  customer_id: string;
  customer_name: string;
  kind: SubscriptionKind;
  months_remaining: number | null;
  auto_renew: boolean;
  total: number;
  assigned: number;
  excess: number;
  assignment_percent: number | null;
  used_percent: number | null;
}
export interface RecentRow {
  subscription_id: string;
  customer_id: string;
  customer_name: string;
  kind: SubscriptionKind;
  start_date: string;
  days_since_added: number;
  total: number;
  assigned: number;
  available: number;
  used_last_7_days: number | null;
  weekly_assignment_change: number | null;
  weekly_usage_change: number | null;
}
export interface SubscriptionTables {
  near_expiration: ExpiryRow[];
  near_renewal: ExpiryRow[];
  low_assignment: LowAssignmentRow[];
  overage: OverageRow[];
  recently_added: RecentRow[];
}
export interface KpiDashboard {
  product: ProductLine;
  as_of: string;
  total_customers: number;
  near_expiration: WindowSummary;
  near_renewal: WindowSummary;
  low_assignment: LowAssignmentSummary;
  overage: OverageSummary;
  recently_added: RecentSummary;
  subscriptions: SubscriptionTables;
}

// --- report (R-REP) ---
export type ReportKind = "subscription_details" | "devices" | "phone_numbers" | "calling_usage" | "app_versions";
export interface ReportProblem {
  code: string;
  rule: string;
  line: number;
  column: string | null;
  message: string;
}
export interface SubscriptionDetailsRow {
  calculation_date: string;
  customer_name: string;
  customer_org_id: string;
  subscription_status: string;
  subscription_id: string;
  subscription_type: string;
  total_users_in_org: number;
  total_verified_users: number;
  auto_renewal_enabled: boolean;
  expiration_or_renewal_date: string | null;
  meetings_available: number;
  meetings_assigned: number;
  meetings_used: number;
  calling_professional_available: number;
  calling_professional_assigned: number;
  calling_professional_used: number;
  calling_standard_available: number;
  calling_standard_assigned: number;
  calling_standard_used: number;
}
export interface DeviceRow {
  external_id: string;
  customer: string;
  customer_org_id: string;
  location_id: string;
  location_name: string;
  product: string;
  mac: string;
  firmware: string;
  phone_number: string;
  extension: string;
  user_id: string;
  user_uuid: string;
}
export interface PhoneNumberRow {
  external_id: string;
  customer: string;
  customer_org_id: string;
  location_id: string;
  location_name: string;
  country: string;
  phone_number: string;
  extension: string;
  pstn_connection: string;
  active: boolean | null;
  user_type: string;
  number_type: string;
  user_id: string;
  user_uuid: string;
}
export interface CallingUsageRow {
  customer_name: string;
  org_id: string;
  location: string;
  total_calls: number;
  total_call_legs: number;
  total_poor_quality_calls: number;
  call_minutes: number;
  call_minutes_video: number;
  call_legs_audio: number;
  call_legs_video: number;
  call_legs_desk_phone: number;
  call_legs_room_device: number;
  call_legs_other_devices: number;
  hunt_group_calls: number;
  auto_attendant_calls: number;
  call_queue_total_calls: number;
  call_queue_timed_out_calls: number;
  call_queue_overflowed_calls: number;
  call_queue_transferred_calls: number;
  call_queue_abandoned_calls: number;
  total_internal_calls: number;
  total_toll_free_calls: number;
  total_premium_calls: number;
  total_integrated_audio_calls: number;
  total_national_calls: number;
  total_inbound_calls: number;
  total_operator_service_calls: number;
  total_spark_calls: number;
  total_short_number_calls: number;
  total_international_calls: number;
  total_mobile_calls: number;
  total_emergency_calls: number;
  total_unknown_calls: number;
}
export interface AppVersionRow {
  customer_name: string;
  org_id: string;
  app_type: string;
  platform: string;
  version: string;
  os_version: string;
  number_of_users: number;
}
export type ReportRow = SubscriptionDetailsRow | DeviceRow | PhoneNumberRow | CallingUsageRow | AppVersionRow;
/** What `readReport` returns: the rows read and one problem per unreadable row. */
export interface ReportTable<R = ReportRow> {
  rows: R[];
  problems: ReportProblem[];
}
export interface ReportFileNameParts {
  template: string;
  id: string;
  date: string;
}

// --- quality (R-CQ) ---
export type EndpointType = "webex_app" | "desk_phone" | "room_device" | "analog" | "third_party" | "other";
export type IpVersion = "v4" | "v6";
export type Feature = "call_queue" | "hunt_group" | "auto_attendant";
export type Verdict = "not_measured" | "good" | "poor";
export interface StreamMetrics {
  jitter_ms: number;
  latency_ms: number;
  loss_pct: number;
}
export interface CallLeg {
  customer_id: string;
  leg_id: string;
  /** RFC 3339 instant. */
  start_time: string;
  endpoint_type: EndpointType;
  ip_version: IpVersion;
  audio: StreamMetrics | null;
  video: StreamMetrics | null;
  feature?: Feature;
}
export interface QualityPolicy {
  jitter_ms: number;
  latency_ms: number;
  loss_pct: number;
  combine: "any" | "all";
}
export interface Reason {
  stream: "audio" | "video";
  metric: "jitter" | "latency" | "loss";
  value: number;
  threshold: number;
}
export type Exclusion =
  | { kind: "endpoint_type"; endpoint_type: EndpointType }
  | { kind: "ipv6" }
  | { kind: "no_media_statistics" };
export interface Classification {
  verdict: Verdict;
  reasons: Reason[];
  excluded: Exclusion | null;
}
/** A CSV row that was not used, with every problem found in it. */
export interface RejectedRow {
  line: number;
  problems: Problem[];
}
export interface LegsRead {
  legs: CallLeg[];
  rejected: RejectedRow[];
}
export type QueueOutcome = "answered" | "moved_to_other_queue" | "abandoned";
export interface QueuedCall {
  customer_id: string;
  queue: string;
  start_time: string;
  outcome: QueueOutcome;
  wait_seconds: number;
}
export interface QueuedCallsRead {
  calls: QueuedCall[];
  rejected: RejectedRow[];
}
export interface QualityCounts {
  legs: number;
  measured: number;
  poor: number;
  poor_pct: number | null;
}
export interface CustomerQuality extends QualityCounts { customer_id: string }
export interface EndpointQuality extends QualityCounts { endpoint_type: EndpointType }
export interface WeekQuality extends QualityCounts { week: Week }
export interface QualityReport {
  week: Week;
  customers: CustomerQuality[];
  by_endpoint_type: EndpointQuality[];
  trend: WeekQuality[];
  rejected_rows: RejectedRow[];
}
export interface FeatureUsage {
  customer_id: string;
  call_queue: number;
  hunt_group: number;
  auto_attendant: number;
}
export interface QueueKpis {
  calls: number;
  answered: number;
  moved: number;
  abandoned: number;
  avg_answer_seconds: number | null;
  avg_abandon_wait_seconds: number | null;
  abandonment_pct: number | null;
}
export interface CustomerQueueKpis extends QueueKpis { customer_id: string }
export interface QueueReport {
  week: Week;
  customers: CustomerQueueKpis[];
  pooled: QueueKpis;
  /** Rows of the CSV the reader rejected (empty for an array input). */
  rejected_rows: RejectedRow[];
}
/** The eight columns of `classifyColumns`, by name (Python's argument names). */
export interface LegColumnArrays {
  audio_jitter_ms: Float64Array;
  audio_latency_ms: Float64Array;
  audio_loss_pct: Float64Array;
  video_jitter_ms: Float64Array;
  video_latency_ms: Float64Array;
  video_loss_pct: Float64Array;
  endpoint_type: Uint8Array;
  ip_version: Uint8Array;
}
/** The verdict codes in the `Uint8Array` of `classifyColumns`. */
export interface VerdictCodes {
  not_measured: number;
  good: number;
  poor: number;
}

// --- provisioning and API (R-CUS, R-USR, R-TPL, R-API) ---
export interface NewCustomer {
  name?: string;
  admin_email?: string;
  external_id?: string;
  country?: string;
  data_region?: string | null;
  provisioning_id?: string;
  packages?: PackageId[];
  hq_address?: Address | null;
  hq_location_confirmed?: boolean;
  language?: string | null;
  timezone?: string | null;
  sub_partner_admin_email?: string | null;
}
export interface OnboardingTemplate {
  name?: string;
  service_provider_admin?: string;
  country?: string;
  default_email_language?: string;
  wholesale_subscription_id?: string;
  authentication_method?: "webex" | "sso" | (string & {}) | null;
  pstn_provider?: string | null;
  common_settings?: JsonObject;
  calling_settings?: JsonObject;
  provisioning_id?: string | null;
}
export type PayloadKind =
  | "customer" | "customer_list" | "subscriber" | "subscriber_list"
  | "provision_customer_request" | "update_customer_request"
  | "provision_subscriber_request" | "update_subscriber_request"
  | "precheck_customer_request" | "precheck_subscriber_request"
  | "precheck_response" | "accepted_response" | "unrecognized";
export interface PayloadCheck {
  kind: PayloadKind;
  valid: boolean;
  errors: Problem[];
  warnings: Problem[];
}
export interface ResourceIdParts {
  region: string;
  kind: string;
  uuid: string;
}
