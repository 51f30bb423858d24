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
} from './transport/errors';
export { md5Hex, basicAuthHeader } from './transport/auth';
export { validateId, idValidationMessage, baseUrlValidationMessage } from './validation';
export { parseJson, JsonNumber, JsonSyntaxError, isJsonObject, type JsonValue, type JsonObject } from './transport/json';
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
export { normalizeEvent } from './endpoints/trackedTargetEvents/events';
export { checkCredentials, credentialVerdict, type CredentialCheck, type CredentialVerdict } from './credentialCheck';
export { boundaryTime, type TargetProgress, type ProgressPeriod, type ProgressParams, type StreakProgress, type MilestoneProgress } from './endpoints/targetProgress';
