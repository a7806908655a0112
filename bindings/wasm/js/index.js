// The package's Node entry (`main`): the wasm-bindgen nodejs build, wrapped so
// a trap becomes an INTERNAL_ERROR and the module is re-instantiated.
import { createRequire } from 'node:module';
import { wrapApi, wholesaleError } from './wrap.js';

const require = createRequire(import.meta.url);
const GLUE = require.resolve('../pkg/node/wholesale_core_wasm.js');

/** A fresh glue module, hence a fresh wasm instance (the compiled bytes are re-read). */
function load() {
  delete require.cache[GLUE];
  return require(GLUE);
}

const api = wrapApi(load(), load);

export { wholesaleError };
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
  // round two
  checkCsv,
  maxFileBytes,
  remediationFor,
  customerStatus,
  filterCustomers,
  checkStatusThresholds,
  kpiDashboard,
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
  __debugPanic,
  __checkCsvSummary,
} = api;
export default api;
