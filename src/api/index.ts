// The public surface of the Capillary client, shared by the extension, tests, benchmarks and scripts.
export * from './types';
export { createCapillaryClient } from './client';
export { clientDefaults, maxPageSize } from './options';
export {
  CapillaryApiError,
  isCancellation,
  isCapillaryApiError,
  type CapillaryErrorKind,
  type CapillaryApiErrorInit,
} from './errors';
export { md5Hex, basicAuthHeader } from './auth';
export { validateId, idValidationMessage, baseUrlValidationMessage } from './validation';
export { parseJson, JsonNumber, JsonSyntaxError, isJsonObject, type JsonValue, type JsonObject } from './json';
export { groupByPeriod, PeriodGrouper } from './grouping';
// The domain rules the client applies live in src/shared/rules (shared with the webview); re-exported here
// for the scripts, tests and benchmarks that use this surface.
export {
  parseDecimal,
  formatDecimal,
  sumDecimals,
  addDecimals,
  compareDecimals,
  normalizeDecimalText,
  type ScaledDecimal,
  processingLagSeconds,
  parseEventTime,
  MAX_LONG_ID as maxLongText,
} from '../shared/rules';
export { normalizeEvent } from './events';
export { eventsToCsv, lookupToJson, type ExportProvenance, type EventAnnotations, type ProgressExport } from './format';
export { buildCurlScript, type CurlRequest } from './curl';
export { checkCredentials, credentialVerdict, type CredentialCheck, type CredentialVerdict } from './credentialCheck';
export { boundaryTime, type TargetProgress, type ProgressPeriod, type ProgressParams, type StreakProgress, type MilestoneProgress } from './progress';
export { reconcile, runningTotals, eventRunningTotals, type Reconciliation, type PeriodReconciliation, type EventFlag, type Verdict, type ReconcileOptions } from './reconcile';
