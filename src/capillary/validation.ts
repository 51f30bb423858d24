// Input checks for Capillary IDs (Java Longs), run before any request is sent.
//
// Accepted: what `isLongId` (src/shared/rules/ids.ts) accepts, plain ASCII digits 0-9 for a value from 1 to
// 9223372036854775807 (the signed 64-bit maximum). Refused, with the reason in words: empty text, whitespace
// anywhere, signs, decimal points, exponents, non-ASCII digits, zero, overflow, and leading zeros. Leading
// zeros are refused rather than stripped so that one ID always has one spelling (IDs are compared and stored
// as text) and a mistyped or padded value is pointed out, not guessed.
import { MAX_LONG_ID, isLongId } from '../shared/rules';
import { CapillaryApiError } from './transport/errors';

const fieldLabels: Record<string, string> = {
  userId: 'userId (the customer ID)',
  targetRuleId: 'targetRuleId',
  periodId: 'periodId',
  targetGroupId: 'targetGroupId',
};

function label(field: string): string {
  return fieldLabels[field] ?? field;
}

function describeCharacter(char: string): string {
  if (/\s/u.test(char)) return 'a space or other whitespace';
  if (char === '+' || char === '-') return `a sign ("${char}")`;
  if (char === '.' || char === ',') return `a decimal separator ("${char}")`;
  if (char === 'e' || char === 'E') return 'an exponent ("e")';
  if (/\p{Nd}/u.test(char)) return `the non-ASCII digit "${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  const code = char.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `the character "${char}"`;
}

/** Why `raw` is not a valid ID for `field`, in plain words; undefined when it is valid. */
export function idValidationMessage(field: string, raw: string): string | undefined {
  if (isLongId(raw)) return undefined;
  const name = label(field);
  if (typeof raw !== 'string' || raw.length === 0) return `${name} is required: enter the ID as digits, e.g. 387538614.`;
  for (const char of raw) {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0x30 && code <= 0x39) continue;
    return `${name} must contain only the digits 0-9, but it contains ${describeCharacter(char)}.`;
  }
  if (/^0+$/.test(raw)) return `${name} must be a positive number; 0 is not an ID.`;
  if (raw.charCodeAt(0) === 0x30) return `${name} must not start with 0; write it without leading zeros.`;
  // Only digits, no leading zero, and still refused: the value is past the maximum.
  return `${name} is too large: Capillary IDs are at most ${MAX_LONG_ID}.`;
}

/** Returns `raw` when it is a valid ID; otherwise throws an invalid-input error naming the field. */
export function validateId(field: string, raw: string): string {
  const message = idValidationMessage(field, raw);
  if (message !== undefined) {
    throw new CapillaryApiError({
      kind: 'invalid-input',
      field,
      message,
      hint: `Enter ${label(field)} as a whole number, digits only, for example by copying it from Capillary.`,
    });
  }
  return raw;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Why `raw` cannot be a base URL, in plain words; undefined when it can. */
export function baseUrlValidationMessage(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'The base URL is not a valid URL; write it like https://eu.api.capillarytech.com.';
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      return `The base URL must use https:// (http:// is only allowed for localhost), so that credentials are never sent in the clear to ${url.host}.`;
    }
  } else if (url.protocol !== 'https:') {
    return `The base URL must start with https:// (got ${url.protocol}).`;
  }
  if (url.username || url.password) return 'The base URL must not contain a user name or password; enter credentials separately.';
  if (url.search || url.hash) return 'The base URL must not contain a query (?) or fragment (#).';
  return undefined;
}
