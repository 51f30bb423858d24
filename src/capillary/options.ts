// The client's options: defaults, limits, and the check that turns ClientOptions into transport settings
// (or a `config` error naming what to fix) before any request is made.
import { CapillaryApiError } from './transport/errors';
import type { TransportSettings } from './transport/http';
import { RequestScheduler } from './transport/scheduler';
import type { ClientOptions } from './types';
import { baseUrlValidationMessage } from './validation';

export const clientDefaults = {
  /** The largest page other Capillary list endpoints allow: the fewest requests, and a server that caps it is detected. */
  pageSize: 1000,
  concurrency: 4,
  timeoutMs: 30_000,
  retries: 3,
  retryBaseDelayMs: 500,
  maxRetryDelayMs: 30_000,
  rateLimitPatienceMs: 5 * 60_000,
} as const;

/** The API's largest accepted `limit`. */
export const maxPageSize = 1000;

/** Checked options: what the transport needs, plus the lookup's page size. */
export type ClientSettings = TransportSettings & { pageSize: number };

function configError(message: string, hint: string): CapillaryApiError {
  return new CapillaryApiError({ kind: 'config', message, hint });
}

export function checkOptions(options: ClientOptions): ClientSettings {
  const urlProblem = typeof options.baseUrl === 'string' ? baseUrlValidationMessage(options.baseUrl) : 'The base URL is missing.';
  if (urlProblem) throw configError(urlProblem, 'Fix the base URL of this profile, e.g. https://eu.api.capillarytech.com.');
  const auth = options.auth;
  if (auth?.kind === 'basic') {
    if (!auth.username) throw configError('The Basic auth username is empty.', 'Enter the till username of this profile.');
    if (!/^[0-9a-fA-F]{32}$/.test(auth.passwordMd5 ?? '')) {
      throw configError('The stored password digest is not an MD5 hex digest.', 'Enter the password of this profile again.');
    }
  } else if (auth?.kind === 'oauth') {
    if (!auth.clientKey || !auth.clientSecret) {
      throw configError('The OAuth client key or secret is empty.', 'Enter the client key and secret of this profile.');
    }
  } else {
    throw configError('No credentials were given.', 'Set Basic or OAuth credentials for this profile.');
  }
  const integer = (name: string, value: number | undefined, fallback: number, min: number, max: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw configError(`${name} must be a whole number from ${min} to ${max} (got ${value}).`, `Fix the ${name} setting.`);
    }
    return value;
  };
  const concurrency = integer('concurrency', options.concurrency, clientDefaults.concurrency, 1, 64);
  const requestsPerMinute = options.requestsPerMinute === undefined ? undefined : integer('requestsPerMinute', options.requestsPerMinute, 0, 1, 1_000_000);
  return {
    baseUrl: new URL(options.baseUrl.trim()),
    auth,
    pageSize: integer('pageSize', options.pageSize, clientDefaults.pageSize, 1, maxPageSize),
    concurrency,
    scheduler: options.scheduler ?? new RequestScheduler({ maxConcurrency: concurrency, requestsPerMinute }),
    rateLimitPatienceMs: integer('rateLimitPatienceMs', options.rateLimitPatienceMs, clientDefaults.rateLimitPatienceMs, 0, 60 * 60_000),
    timeoutMs: integer('timeoutMs', options.timeoutMs, clientDefaults.timeoutMs, 1, 10 * 60_000),
    retries: integer('retries', options.retries, clientDefaults.retries, 0, 10),
    retryBaseDelayMs: integer('retryBaseDelayMs', options.retryBaseDelayMs, clientDefaults.retryBaseDelayMs, 0, 60_000),
    maxRetryDelayMs: integer('maxRetryDelayMs', options.maxRetryDelayMs, clientDefaults.maxRetryDelayMs, 0, 10 * 60_000),
    onRequest: options.onRequest,
    onToken: options.onToken,
  };
}
