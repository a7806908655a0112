// The package's Node entry (`main`): the wasm-bindgen nodejs build, wrapped so
// a trap becomes an INTERNAL_ERROR and the module is re-instantiated.
import { createRequire } from "node:module";
import type * as Glue from "../pkg/node/wholesale_core_wasm.js";
import { wrapApi } from "./wrap.js";

export type * from "../pkg/node/wholesale_core_wasm.js";
export type { WholesaleError } from "./wrap.js";

/** The package's functions (the glue's exports without its plumbing). */
export type Api = Omit<typeof Glue, "initSync" | `__${string}`>;

const require = createRequire(import.meta.url);
const GLUE = require.resolve("../pkg/node/wholesale_core_wasm.js");

/** A fresh glue module, hence a fresh wasm instance (the compiled bytes are re-read). */
function load(): typeof Glue {
  delete require.cache[GLUE];
  return require(GLUE) as typeof Glue;
}

const api: Api = wrapApi(load(), load);

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
