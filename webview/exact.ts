// Exact comparison of the decimal strings the API sends (IDs past 2^53, targetValue like "1.000").
// Floats would merge neighbours such as 9007199254740993 and 9007199254740992, so nothing here parses to Number
// except as a fast first pass whose ties are settled on the digits.

interface DecimalParts {
  negative: boolean;
  integer: string;
  fraction: string;
}

const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?$/;

function splitDecimal(text: string): DecimalParts | undefined {
  const match = decimalPattern.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] === undefined || match[3] === ''))) return undefined;
  const integer = match[2].replace(/^0+/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const isZero = integer === '' && fraction === '';
  return { negative: match[1] === '-' && !isZero, integer, fraction };
}

function compareMagnitude(a: DecimalParts, b: DecimalParts): number {
  if (a.integer.length !== b.integer.length) return a.integer.length < b.integer.length ? -1 : 1;
  if (a.integer !== b.integer) return a.integer < b.integer ? -1 : 1;
  if (a.fraction === b.fraction) return 0;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/**
 * Orders two decimal strings by value, exactly. Text that is not a decimal sorts after every number and
 * among itself by plain text order, so odd server data still sorts deterministically.
 */
export function compareDecimalText(a: string, b: string): number {
  const pa = splitDecimal(a);
  const pb = splitDecimal(b);
  if (!pa || !pb) {
    if (pa) return -1;
    if (pb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
  const magnitude = compareMagnitude(pa, pb);
  return pa.negative ? -magnitude : magnitude;
}
