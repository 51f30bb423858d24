// Profiles and request settings, read from the `capillary.*` configuration. No secret ever lives here.
import * as vscode from 'vscode';
import { baseUrlValidationMessage } from '../capillary';
import { DEFAULT_LAG_WARNING_SECONDS } from '../shared/rules';

export type AuthType = 'basic' | 'oauth';

export interface Profile {
  name: string;
  baseUrl: string;
  authType: AuthType;
  /** Paces this profile's requests below the API key's rate limit; undefined: paced only once Capillary refuses. */
  requestsPerMinute?: number;
}

export interface RequestSettings {
  pageSize: number;
  concurrency: number;
  timeoutMs: number;
  retries: number;
}

/** Capillary's documented clusters; any other base URL can be typed. */
export const CLUSTERS: ReadonlyArray<{ label: string; baseUrl: string }> = [
  { label: 'Europe', baseUrl: 'https://eu.api.capillarytech.com' },
  { label: 'India / Asia 1', baseUrl: 'https://apac.api.capillarytech.com' },
  { label: 'Asia 2 (Singapore)', baseUrl: 'https://apac2.api.capillarytech.com' },
  { label: 'United States', baseUrl: 'https://us.api.capillarytech.com' },
  { label: 'North America', baseUrl: 'https://north-america.api.capillarytech.com' },
  { label: 'China', baseUrl: 'https://api.capillarytech.cn.com' },
];

const SECTION = 'capillary';

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function isProfile(value: unknown): value is Profile {
  if (typeof value !== 'object' || value === null) return false;
  const { name, baseUrl, authType } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    name.trim() !== '' &&
    typeof baseUrl === 'string' &&
    (authType === 'basic' || authType === 'oauth')
  );
}

export function readProfiles(): Profile[] {
  const raw = configuration().get<unknown[]>('profiles', []);
  return Array.isArray(raw) ? raw.filter(isProfile).map(withUsablePace) : [];
}

/** The profile with `requestsPerMinute` only when it is a usable pace (a whole number from 1). */
function withUsablePace(profile: Profile): Profile {
  const { requestsPerMinute, ...rest } = profile;
  return typeof requestsPerMinute === 'number' && Number.isInteger(requestsPerMinute) && requestsPerMinute >= 1 ? { ...rest, requestsPerMinute } : rest;
}

export function findProfile(name: string): Profile | undefined {
  return readProfiles().find((profile) => profile.name === name);
}

export function activeProfileName(): string | undefined {
  const name = configuration().get<string>('activeProfile', '');
  return name === '' ? undefined : name;
}

/** The active profile, or the only one when none is marked active. */
export function activeProfile(): Profile | undefined {
  const profiles = readProfiles();
  const name = activeProfileName();
  return profiles.find((profile) => profile.name === name) ?? (profiles.length === 1 ? profiles[0] : undefined);
}

export async function saveProfile(profile: Profile, replacing?: string): Promise<void> {
  const others = readProfiles().filter((p) => p.name !== profile.name && p.name !== replacing);
  await configuration().update('profiles', [...others, profile], vscode.ConfigurationTarget.Global);
}

export async function setActiveProfile(name: string): Promise<void> {
  await configuration().update('activeProfile', name, vscode.ConfigurationTarget.Global);
}

function boundedNumber(key: string, fallback: number, min: number, max: number): number {
  const value = configuration().get<number>(key, fallback);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

export function readRequestSettings(): RequestSettings {
  return {
    pageSize: boundedNumber('pageSize', 1000, 1, 1000),
    concurrency: boundedNumber('maxConcurrentRequests', 4, 1, 16),
    timeoutMs: boundedNumber('requestTimeoutSeconds', 30, 1, 600) * 1000,
    retries: boundedNumber('retries', 3, 0, 10),
  };
}

export const WATCH_INTERVAL_BOUNDS = { min: 2, max: 3600 } as const;

/** Seconds between a watched lookup's fetches. */
export function watchIntervalSeconds(): number {
  return boundedNumber('watchIntervalSeconds', 15, WATCH_INTERVAL_BOUNDS.min, WATCH_INTERVAL_BOUNDS.max);
}

/** Minutes between a watch's fetches of every page; the fetches between refresh from the held result's last page. */
export function watchFullFetchMinutes(): number {
  return boundedNumber('watchFullFetchMinutes', 10, 1, 1440);
}

/** Processing lag (seconds) above which an event is flagged; undefined when the setting turns the flag off (0). */
export function readLagFlagSeconds(): number | undefined {
  const minutes = boundedNumber('flagProcessingLagMinutes', 1440, 0, 525_600);
  return minutes === 0 ? undefined : minutes * 60;
}

/** Processing lag (seconds) above which the table shows it in amber. */
export function readLagWarningSeconds(): number {
  return boundedNumber('lagWarningSeconds', DEFAULT_LAG_WARNING_SECONDS, 0, 31_536_000);
}

/** What is wrong with a base URL the user typed, or undefined when it is usable. */
export const baseUrlProblem = baseUrlValidationMessage;

export function normaliseBaseUrl(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
