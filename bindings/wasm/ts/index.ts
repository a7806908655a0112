// The package's Node entry (`main`): the wasm-bindgen nodejs build, wrapped so
// a trap becomes an INTERNAL_ERROR and the module is re-instantiated (the
// glue's `__wbg_reset_state`, from wasm-bindgen's reset-state option).
import * as glue from "../pkg/node/wholesale_core_wasm.js";
import type { CsvPlan } from "./plan.js";
import { wrapApi } from "./wrap.js";

export type * from "../pkg/node/wholesale_core_wasm.js";
export type { WholesaleError } from "./wrap.js";
export type { CsvPlan } from "./plan.js";

/** The package's functions (the glue's exports without its plumbing and classes). */
export type Api = Omit<typeof glue, "initSync" | `__${string}` | "PlanHandle" | "checkCsv"> & {
  /** The glue's `checkCsv`, its plan wrapped: see `CsvPlan`. */
  checkCsv(...args: Parameters<typeof glue.checkCsv>): CsvPlan;
};

const api: Api = wrapApi<Api>(glue, glue.__wbg_reset_state);

export const {
  codes,
  codeInfo,
  packages,
  parsePackage,
  lastCompletedWeek,
  checkEmail,
  checkPhoneNumber,
  checkExtension,
  checkAdminPackage,
  checkCallingNumber,
  findings,
  raiseForErrors,
  checkCsv,
  maxFileBytes,
  remediationFor,
  reviewCsv,
  readyFile,
  rejectedFile,
  snapshotFromExport,
  customerStatus,
  filterCustomers,
  checkStatusThresholds,
  kpiDashboard,
  licenseTrend,
  subscriptionsFromReport,
  readReport,
  writeReport,
  reportKinds,
  parseReportFileName,
  reportFileName,
  regionSelector,
  classifyLeg,
  readCallLegs,
  readQueuedCalls,
  weeklyQualityReport,
  featureUsage,
  queueKpis,
  classifyColumns,
  endpointTypeCodes,
  verdictCodes,
  validateNewCustomer,
  validateTemplate,
  validateUser,
  validateManualBatch,
  validatePackageChange,
  checkTagEdit,
  checkApiPayload,
  resourceIdDecode,
  resourceIdEncode,
  resourceIdUuidOf,
  sameResource,
  buildCustomerRequest,
  buildSubscriberRequest,
} = api;
export default api;
