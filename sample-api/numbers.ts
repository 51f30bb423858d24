// IDs and decimals as the sample API checks and adds them: digit text, never floating point, so that Longs past
// 2^53 and decimals such as 1.000 stay exact.

export const DIGITS = /^[0-9]+$/;
export const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
export const INT64_MAX = 9223372036854775807n;

/** A positive signed 64-bit integer written as ASCII digits. */
export function isLong(text: string): boolean {
  return DIGITS.test(text) && BigInt(text) > 0n && BigInt(text) <= INT64_MAX;
}

/** Exact sum of decimal texts, via BigInt at the largest scale. */
export function sumDecimals(values: readonly string[]): string {
  let scale = 0;
  for (const value of values) scale = Math.max(scale, (value.split('.')[1] ?? '').length);
  let total = 0n;
  for (const value of values) {
    const negative = value.startsWith('-');
    const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    total += negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Sign of a − b for decimal texts. */
export function compareDecimalTexts(a: string, b: string): number {
  const difference = sumDecimals([a, b.startsWith('-') ? b.slice(1) : `-${b}`]);
  return difference.startsWith('-') ? -1 : /^[0.]+$/.test(difference) ? 0 : 1;
}
