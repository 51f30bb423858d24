// The public surface of the Capillary client, shared by the extension, tests, benchmarks and scripts.
export * from './types';
export { createCapillaryClient, clientDefaults, maxPageSize } from './client';
export {
  CapillaryApiError,
  isCancellation,
  isCapillaryApiError,
  type CapillaryErrorKind,
  type CapillaryApiErrorInit,
} from './errors';
export { md5Hex, basicAuthHeader } from './auth';
export { validateId, idValidationMessage, baseUrlValidationMessage, maxLongText } from './validation';
export { parseJson, JsonNumber, JsonSyntaxError, isJsonObject, type JsonValue, type JsonObject } from './json';
export { parseDecimal, formatDecimal, sumDecimals, addDecimals, compareDecimals, normalizeDecimalText, type ScaledDecimal } from './decimal';
export { groupByPeriod, processingLagSeconds } from './grouping';
export { parseEventTime } from './dates';
export { normalizeEvent } from './events';
export { eventsToCsv, lookupToJson, type ExportProvenance } from './format';
export { buildCurlScript, type CurlRequest } from './curl';
export { checkCredentials, credentialVerdict, type CredentialCheck, type CredentialVerdict } from './credentialCheck';
