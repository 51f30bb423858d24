// The public surface of the Capillary client, shared by the extension, tests, benchmarks and scripts.
export * from './types';
export { createCapillaryClient, fetchTrackedTargetEvents } from './client';
export type { CapillarySource, CapillaryClient } from './source';
export { clientDefaults, maxPageSize } from './options';
export { RequestScheduler, type SchedulerSettings, type PauseListener } from './transport/scheduler';
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
export { trackedTargetEventsRequest } from './endpoints/trackedTargetEvents/page';
export { targetGroupsRequest, readUserTargetGroups, type UserTargetGroups, type TargetGroup, type UserTarget } from './endpoints/targetGroups';
export { targetPeriodsRequest, readTargetPeriods, type TargetPeriod } from './endpoints/targetPeriods';
export { oauthTokenRequest } from './endpoints/oauth';
export { targetDefinitionsRequest, readTargetDefinitions } from './endpoints/targetDefinitions';
export {
  customerTransactionsRequest,
  readTransactionsPage,
  TRANSACTIONS_PAGE_LIMIT,
  type CustomerTransaction,
  type TransactionWindow,
} from './endpoints/customerTransactions';
export { eventsSearchRequest, readEventsSearch, type BehaviouralEvent, type EventsSearch } from './endpoints/eventsSearch';
export { storeEntitiesRequest, readStoreParents, type StoreParents } from './endpoints/orgEntities';
export { evaluationLogRequest, readEvaluationLog, treeLines, parseRuleLine } from './endpoints/evaluationLog';
export { requestUrl, type ApiRequest } from './transport/http';
export { boundaryTime } from './endpoints/values';
export { checkCredentials, credentialVerdict, type CredentialCheck, type CredentialVerdict } from './credentialCheck';
export {
  type TargetProgress,
  type TargetProgressOptions,
  type ProgressPeriod,
  type ProgressParams,
  type StreakProgress,
  type MilestoneProgress,
} from './targetProgress';
