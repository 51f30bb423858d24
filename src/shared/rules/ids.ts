// Capillary IDs are Java Longs written as decimal text: ASCII digits only, no leading zero, from 1 to
// 9223372036854775807 (at most 19 digits). One spelling per ID, because IDs are compared and stored as text.
// Input is checked with this rule before any request (src/capillary/validation.ts explains a refusal in words), and
// saved lookups and restored table panels are only accepted when their IDs pass it.

/** The largest Capillary ID: the signed 64-bit maximum. */
export const MAX_LONG_ID = '9223372036854775807';

/** Whether `value` is a Capillary ID as the rule above writes it. */
export function isLongId(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LONG_ID.length) return false;
  if (value.charCodeAt(0) === 0x30) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return value.length < MAX_LONG_ID.length || value <= MAX_LONG_ID;
}
