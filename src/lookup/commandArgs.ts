// Command arguments, for scripts, keybindings, tasks and deep links: one vocabulary for every command, read in
// one place (without `vscode`, so that it is unit-tested).
//
// Only a plain object with at least one key of the vocabulary is an argument of ours, and only it skips prompts.
// Whatever else a command receives is VS Code's own argument: the focused tree node and the selection when it runs
// from the view's title bar or a context menu, a Uri, nothing from the palette. Then the command prompts (or, for a
// command on one lookup, acts on the tree node or the selection).
import { baseUrlValidationMessage, validateId } from '../capillary';

export const LOOKUP_KEYS = ['profile', 'userId', 'targetRuleId', 'periodId'] as const;
export const EXPORT_KEYS = [...LOOKUP_KEYS, 'format', 'uri'] as const;
export const NEW_PROFILE_KEYS = ['name', 'baseUrl', 'authType'] as const;
export const PROFILE_KEYS = ['profile'] as const;
export const CREDENTIAL_KEYS = ['profile', 'username', 'password', 'clientKey', 'clientSecret', 'verify'] as const;
export const WATCH_KEYS = [...LOOKUP_KEYS, 'intervalSeconds'] as const;
export const BILL_KEYS = ['profile', 'billNumber'] as const;

/** `profileName` (the field of a saved lookup) is accepted wherever `profile` is, so a lookup object can be passed as is. */
export const PROFILE_ALIAS = 'profileName';

/** The keys each command takes; a command that is not listed takes no argument object. */
export const COMMAND_KEYS = {
  'capillary.lookupEvents': LOOKUP_KEYS,
  'capillary.addLookup': LOOKUP_KEYS,
  'capillary.refreshLookup': LOOKUP_KEYS,
  'capillary.openInTable': LOOKUP_KEYS,
  'capillary.removeLookup': LOOKUP_KEYS,
  'capillary.copyCurl': LOOKUP_KEYS,
  'capillary.exportLookup': EXPORT_KEYS,
  'capillary.addProfile': NEW_PROFILE_KEYS,
  'capillary.editProfile': PROFILE_KEYS,
  'capillary.switchProfile': PROFILE_KEYS,
  'capillary.setCredentials': CREDENTIAL_KEYS,
  'capillary.clearCredentials': PROFILE_KEYS,
  'capillary.watchLookup': WATCH_KEYS,
  'capillary.stopWatching': LOOKUP_KEYS,
  'capillary.compareFetches': LOOKUP_KEYS,
  'capillary.explainPeriod': LOOKUP_KEYS,
  'capillary.explainTransaction': BILL_KEYS,
} as const;

export type CommandId = keyof typeof COMMAND_KEYS;

/** Commands on one profile, which also take its name alone, as text. */
const TAKE_PROFILE_NAME: ReadonlySet<CommandId> = new Set<CommandId>([
  'capillary.editProfile',
  'capillary.switchProfile',
  'capillary.setCredentials',
  'capillary.clearCredentials',
]);
export type ArgKey = (typeof COMMAND_KEYS)[CommandId][number];

const VOCABULARY = new Set<string>([...Object.values(COMMAND_KEYS).flat(), PROFILE_ALIAS]);

export interface CommandArgs {
  profile?: string;
  userId?: string;
  targetRuleId?: string;
  periodId?: string;
  format?: 'csv' | 'json';
  /** A file URI as text, or a vscode.Uri (checked by the command, which knows the class). */
  uri?: string | object;
  username?: string;
  password?: string;
  clientKey?: string;
  clientSecret?: string;
  name?: string;
  baseUrl?: string;
  authType?: 'basic' | 'oauth';
  /** Seconds between a watch's fetches (bounded by the watcher). */
  intervalSeconds?: number;
  /** setCredentials: check given credentials against the API before saving them. */
  verify?: boolean;
  /** explainTransaction: the bill whose evaluation log to read, as Capillary numbers it. */
  billNumber?: string;
}

export interface LookupArgs {
  /** Absent: the active profile. */
  profile?: string;
  userId: string;
  targetRuleId: string;
  periodId?: string;
}

export interface NewProfileArgs {
  name: string;
  baseUrl: string;
  authType: 'basic' | 'oauth';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether `value` is an argument object of ours: a plain object with at least one key of the vocabulary. */
export function isOurArgs(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).some((key) => VOCABULARY.has(key));
}

/** undefined, null and blank text all mean "not given". */
function given(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function text(key: string, value: unknown): string {
  if (typeof value !== 'string') throw new Error(`"${key}" must be text, got ${describe(value)}.`);
  return value;
}

function id(key: 'userId' | 'targetRuleId' | 'periodId', value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new Error(`"${key}" ${value} is not exact as a number (IDs past 2^53 lose digits): pass it as text, e.g. "${key}": "9007199254740993".`);
    }
    return validateId(key, String(value));
  }
  return validateId(key, text(key, value));
}

function oneOf<T extends string>(key: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`"${key}" must be ${allowed.map((a) => `"${a}"`).join(' or ')}, got ${describe(value)}.`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${value}`;
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * The argument object of ours that `command` received, its values checked; undefined when `value` is not one
 * (the command then prompts). Throws, naming the key, on a key the command does not take or a value of the wrong
 * kind; IDs must be digits (text, or a number up to 2^53). A profile command also takes the profile name as text.
 */
export function parseArgs(command: CommandId, value: unknown): CommandArgs | undefined {
  if (typeof value === 'string' && TAKE_PROFILE_NAME.has(command)) return given(value) ? { profile: value } : undefined;
  if (!isOurArgs(value)) return undefined;
  const keys: readonly string[] = COMMAND_KEYS[command];
  const takes = keys.includes('profile') ? [...keys, PROFILE_ALIAS] : keys;
  const unknown = Object.keys(value).filter((key) => !takes.includes(key));
  if (unknown.length > 0) {
    throw new Error(`${command} does not take ${unknown.map((key) => `"${key}"`).join(', ')}; it takes ${keys.map((key) => `"${key}"`).join(', ')}.`);
  }
  const args: CommandArgs = {};
  const profile = given(value.profile) ? value.profile : value[PROFILE_ALIAS];
  if (given(value.profile) && given(value[PROFILE_ALIAS]) && value.profile !== value[PROFILE_ALIAS]) {
    throw new Error(`"profile" and its alias "${PROFILE_ALIAS}" name different profiles; give one of them.`);
  }
  if (given(profile)) args.profile = text('profile', profile);
  for (const key of ['userId', 'targetRuleId', 'periodId'] as const) {
    if (given(value[key])) args[key] = id(key, value[key]);
  }
  for (const key of ['username', 'password', 'clientKey', 'clientSecret', 'name', 'baseUrl', 'billNumber'] as const) {
    if (given(value[key])) args[key] = text(key, value[key]);
  }
  if (given(value.format)) args.format = oneOf('format', value.format, ['csv', 'json'] as const);
  if (given(value.authType)) args.authType = oneOf('authType', value.authType, ['basic', 'oauth'] as const);
  if (given(value.intervalSeconds)) {
    if (typeof value.intervalSeconds !== 'number' || !Number.isFinite(value.intervalSeconds)) {
      throw new Error(`"intervalSeconds" must be a number of seconds, got ${describe(value.intervalSeconds)}.`);
    }
    args.intervalSeconds = value.intervalSeconds;
  }
  if (given(value.verify)) {
    if (typeof value.verify !== 'boolean') throw new Error(`"verify" must be true or false, got ${describe(value.verify)}.`);
    args.verify = value.verify;
  }
  if (given(value.uri)) {
    if (typeof value.uri !== 'string' && typeof value.uri !== 'object') throw new Error(`"uri" must be a file URI, got ${describe(value.uri)}.`);
    args.uri = value.uri as string | object;
  }
  return args;
}

/** The lookup an argument object names; userId and targetRuleId are required. */
export function lookupArgs(args: CommandArgs): LookupArgs {
  const lookup: LookupArgs = {
    userId: args.userId ?? validateId('userId', ''),
    targetRuleId: args.targetRuleId ?? validateId('targetRuleId', ''),
  };
  if (args.profile !== undefined) lookup.profile = args.profile;
  if (args.periodId !== undefined) lookup.periodId = args.periodId;
  return lookup;
}

/** The profile `capillary.addProfile` is given; every key is required. */
export function newProfileArgs(args: CommandArgs): NewProfileArgs {
  if (args.name === undefined) throw new Error('The profile needs a "name".');
  if (args.baseUrl === undefined) throw new Error('The profile needs a "baseUrl", e.g. "https://eu.api.capillarytech.com".');
  const problem = baseUrlValidationMessage(args.baseUrl);
  if (problem) throw new Error(`"baseUrl" is not usable: ${problem}`);
  if (args.authType === undefined) throw new Error('The profile needs an "authType": "basic" or "oauth".');
  return { name: args.name.trim(), baseUrl: args.baseUrl, authType: args.authType };
}

/** A deep link's query (…/lookup?userId=…&targetRuleId=…) as an argument object of the same vocabulary. */
export function argsFromQuery(query: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) args[key] = value;
  return args;
}
