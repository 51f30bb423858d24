// Exact decimal arithmetic and ordering for targetValue. Values are BigInt units with a count of fraction
// digits, so 1000 + 2000.46 + 999.54 is exactly 4000.00 and never 3999.9999999999995. The client's sums and the
// table's sort use these, so a value the sum skips is also the value the sort puts after every number.
//
// Canonical form of a sum: plain decimal text (never an exponent) with as many fraction digits as the most
// precise addend, like SQL DECIMAL addition. No digit is ever rounded away and none is invented:
// 1000 + 2000.46 + 999.54 = "4000.00", 1.000 + 1.000 = "2.000", 1000 + 1000 = "2000", the empty sum is "0".

export interface ScaledDecimal {
  /** The value times 10^scale. */
  units: bigint;
  /** Number of fraction digits (never negative). */
  scale: number;
}

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

// Exponents beyond this would make absurdly long digit strings; such text is not a targetValue.
const maxExponent = 1000;

function matchDecimal(text: string): RegExpExecArray | undefined {
  const match = decimalPattern.exec(text);
  if (!match) return undefined;
  const exponent = match[4] === undefined ? 0 : Number(match[4]);
  return Number.isSafeInteger(exponent) && Math.abs(exponent) <= maxExponent ? match : undefined;
}

/** Reads decimal text (JSON number grammar, leading zeros tolerated); undefined when it is not a number. */
export function parseDecimal(text: string): ScaledDecimal | undefined {
  const match = matchDecimal(text);
  if (!match) return undefined;
  const [, sign, integerDigits, fractionDigits = '', exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  let units = BigInt(integerDigits + fractionDigits);
  let scale = fractionDigits.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

export function formatDecimal(value: ScaledDecimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString();
  let text: string;
  if (value.scale === 0) {
    text = digits;
  } else {
    const padded = digits.padStart(value.scale + 1, '0');
    text = `${padded.slice(0, padded.length - value.scale)}.${padded.slice(padded.length - value.scale)}`;
  }
  return negative ? `-${text}` : text;
}

/** Plain decimal text for a number as the server wrote it: exponents expanded, fraction digits kept. */
export function normalizeDecimalText(text: string): string | undefined {
  const parsed = parseDecimal(text);
  return parsed === undefined ? undefined : formatDecimal(parsed);
}

export function addDecimals(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  if (a.scale > b.scale) return { units: a.units + b.units * 10n ** BigInt(a.scale - b.scale), scale: a.scale };
  return { units: a.units * 10n ** BigInt(b.scale - a.scale) + b.units, scale: b.scale };
}

/**
 * Exact sum of decimal texts in the canonical form above. Texts that are not numbers (an event without a
 * targetValue is normalised to "") are skipped: they carry no value to add.
 */
export function sumDecimals(values: Iterable<string>): string {
  let total: ScaledDecimal = { units: 0n, scale: 0 };
  for (const text of values) {
    const value = parseDecimal(text);
    if (value !== undefined) total = addDecimals(total, value);
  }
  return formatDecimal(total);
}

/** Running Σ after each value, exactly, in the canonical form above; values that are not numbers add nothing. */
export function runningTotals(values: readonly string[]): string[] {
  let total: ScaledDecimal = { units: 0n, scale: 0 };
  return values.map((text) => {
    const value = parseDecimal(text);
    if (value !== undefined) total = addDecimals(total, value);
    return formatDecimal(total);
  });
}

/** Whether text is a decimal in the grammar above (what `parseDecimal` reads), without building the value. */
export function isDecimalText(text: string): boolean {
  return matchDecimal(text) !== undefined;
}

/**
 * Orders two decimal texts by value, exactly (-1, 0, 1): "1.000" equals "1", 9007199254740993 is above
 * 9007199254740992. Text that is not a decimal (an event without a targetValue has "") sorts after every
 * number, and among itself by plain text order, so that odd server data still sorts deterministically.
 */
export function compareDecimals(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (x === undefined || y === undefined) {
    if (x !== undefined) return -1;
    if (y !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const scale = Math.max(x.scale, y.scale);
  const xu = x.units * 10n ** BigInt(scale - x.scale);
  const yu = y.units * 10n ** BigInt(scale - y.scale);
  return xu < yu ? -1 : xu > yu ? 1 : 0;
}
