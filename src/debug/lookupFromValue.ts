// Reads a lookup's IDs from a value where a developer already has it: a selection or the number under the cursor,
// a debugger variable, a log line. Pure (no vscode import), so that plain Node tests cover every form.
import { idValidationMessage } from '../capillary/validation';

/** The IDs a value gave; the userId always, the others when the value carried them. */
export interface ValueIds {
  userId: string;
  targetRuleId?: string;
  periodId?: string;
}

export type ValueReading = { ok: true; ids: ValueIds } | { ok: false; message: string };

const EXPECTED =
  'Expected a customer ID such as 564332013, "564332013", 564332013L, 564332013n, Long(564332013) or NumberLong("564332013"), ' +
  'or JSON or object text with userId or customerId.';

/** Longest piece of the value quoted back in a message. */
const QUOTED_LENGTH = 60;

const FIELD_NAMES = ['userId', 'customerId', 'targetRuleId', 'periodId'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

/** Variables of these names hold some other ID; taking their value for a customer would look up the wrong thing. */
const OTHER_ID_NAMES = new Set(['targetruleid', 'periodid', 'targetgroupid', 'eventlogid', 'targetid']);

// `userId: 1`, `"userId": "1"`, `userId=1L`, `'customerId': NumberLong("1")`: a field name (quoted or not),
// then `:` or `=`, then a value up to the next separator, or a Long(…) / NumberLong(…) wrapper.
const FIELD_PATTERN = new RegExp(
  `(?<![A-Za-z0-9_$])["']?(${FIELD_NAMES.join('|')})["']?\\s*[:=]\\s*((?:NumberLong|Long)\\([^)]*\\)|"[^"]*"|'[^']*'|[^\\s,;&}\\])]+)`,
  'gi',
);

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > QUOTED_LENGTH ? `${oneLine.slice(0, QUOTED_LENGTH)}…` : oneLine);
}

/** The digits inside the forms debuggers and logs give a Long: quotes, an L or n suffix, Long(…), NumberLong(…). */
function unwrapNumber(raw: string): string {
  let text = raw.trim();
  const wrapped = /^(?:NumberLong|Long)\(\s*(.*?)\s*\)$/.exec(text);
  if (wrapped) text = wrapped[1];
  const quoted = /^(["'])(.*)\1$/.exec(text);
  if (quoted) text = quoted[2].trim();
  if (/^\d+[Lln]$/.test(text)) text = text.slice(0, -1);
  return text;
}

function canonicalField(name: string): FieldName {
  return FIELD_NAMES.find((field) => field.toLowerCase() === name.toLowerCase()) ?? 'userId';
}

/** Field values found in structured text (JSON, object previews, toString output, query strings); the first of each wins. */
function fieldsOf(text: string): Map<FieldName, string> {
  const fields = new Map<FieldName, string>();
  for (const match of text.matchAll(FIELD_PATTERN)) {
    const field = canonicalField(match[1]);
    if (!fields.has(field)) fields.set(field, match[2]);
  }
  return fields;
}

function readId(field: 'userId' | 'targetRuleId' | 'periodId', raw: string, source: string): { id: string } | { message: string } {
  const id = unwrapNumber(raw);
  const problem = idValidationMessage(field, id);
  if (problem === undefined) return { id };
  const expected = field === 'userId' ? ` ${EXPECTED}` : '';
  return { message: `Found ${quote(id)} as ${field} in ${quote(source)}, which is not an ID: ${problem}${expected}` };
}

/** Reads the userId (and targetRuleId, periodId when present) from text; a reading that fails says what it found. */
export function readIdsFromText(text: string): ValueReading {
  if (text.trim() === '') return { ok: false, message: `Found no text to read a customer ID from. ${EXPECTED}` };
  const fields = fieldsOf(text);
  if (fields.size === 0) {
    const id = unwrapNumber(text);
    const problem = idValidationMessage('userId', id);
    if (problem === undefined) return { ok: true, ids: { userId: id } };
    return { ok: false, message: `Found ${quote(text)}, which is not a customer ID: ${problem} ${EXPECTED}` };
  }
  const userText = fields.get('userId') ?? fields.get('customerId');
  if (userText === undefined) {
    return { ok: false, message: `Found ${quote(text)}, which has ${[...fields.keys()].join(' and ')} but no userId or customerId. ${EXPECTED}` };
  }
  const ids: Partial<ValueIds> = {};
  for (const [field, raw] of [['userId', userText], ['targetRuleId', fields.get('targetRuleId')], ['periodId', fields.get('periodId')]] as const) {
    if (raw === undefined) continue;
    const read = readId(field, raw, text);
    if ('message' in read) return { ok: false, message: read.message };
    ids[field] = read.id;
  }
  return { ok: true, ids: ids as ValueIds };
}

/** What VS Code passes from the Debug Variables and Watch views. */
interface DebugVariable {
  name?: unknown;
  value?: unknown;
  evaluateName?: unknown;
}

/** A debugger variable: its value is read as text, unless its name says it holds some other ID. */
export function readIdsFromVariable(variable: DebugVariable): ValueReading {
  const name = typeof variable.name === 'string' ? variable.name : '';
  const value = typeof variable.value === 'string' ? variable.value : '';
  if (OTHER_ID_NAMES.has(name.toLowerCase())) {
    return { ok: false, message: `Found the variable ${quote(name)} = ${quote(value)}: it holds a ${name}, not a customer ID. ${EXPECTED}` };
  }
  const reading = readIdsFromText(value);
  if (reading.ok || name === '') return reading;
  return { ok: false, message: `In the variable ${quote(name)}: ${reading.message}` };
}

/** A lookup from a command argument: the IDs read from the value, and the profile when the argument names one. */
export type ArgumentReading = { ok: true; ids: ValueIds; profile?: string } | { ok: false; message: string };

/**
 * Reads `capillary.lookupFromValue`'s argument: a string, `{ variable: { name, value, evaluateName? } }` from the
 * debug views, or `{ value }`; any of them may also carry `targetRuleId`, `periodId` and `profile`, which win
 * over IDs found in the value.
 */
export function readLookupArgument(arg: unknown): ArgumentReading {
  if (typeof arg === 'string') return readIdsFromText(arg);
  if (typeof arg !== 'object' || arg === null) {
    return { ok: false, message: `Found ${arg === undefined ? 'no value' : `a ${typeof arg}`}. ${EXPECTED}` };
  }
  const given = arg as Record<string, unknown>;
  const reading =
    typeof given.variable === 'object' && given.variable !== null
      ? readIdsFromVariable(given.variable)
      : typeof given.value === 'string'
        ? readIdsFromText(given.value)
        : { ok: false as const, message: `Found an object without a value or variable to read. ${EXPECTED}` };
  if (!reading.ok) return reading;
  const ids = { ...reading.ids };
  for (const field of ['targetRuleId', 'periodId'] as const) {
    const raw = given[field];
    if (raw === undefined || raw === null || raw === '') continue;
    const text = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : typeof raw === 'string' ? raw : '';
    const problem = idValidationMessage(field, text);
    if (problem !== undefined) return { ok: false, message: problem };
    ids[field] = text;
  }
  const profile = typeof given.profile === 'string' && given.profile !== '' ? given.profile : undefined;
  return { ok: true, ids, profile };
}

export interface TextLink {
  startIndex: number;
  length: number;
  text: string;
  /**
   * The part of the line that belongs to this mention (up to the neighbouring mentions), so that a targetRuleId or
   * periodId beside the userId is read with it.
   */
  lookupText: string;
}

const LINK_PATTERN = /(?<![A-Za-z0-9_$])(?:(?:userId|customerId)\s*=\s*\d+|"(?:userId|customerId)"\s*:\s*"?\d+"?)/g;

/**
 * Where the fields of one mention end and the next mention's begin: after the first `}` between them (the end of
 * the first one's object), else at the next mention (`key=value` logs put a record's fields after its userId).
 */
function boundary(line: string, end: number, nextStart: number): number {
  const close = line.indexOf('}', end);
  return close !== -1 && close < nextStart ? close + 1 : nextStart;
}

/** `userId=…` and `"userId": …` (or customerId) mentions in a line of terminal output, for links. */
export function findUserIdMentions(line: string): TextLink[] {
  const matches = [...line.matchAll(LINK_PATTERN)];
  const ends = matches.map((match, i) => (i + 1 < matches.length ? boundary(line, match.index + match[0].length, matches[i + 1].index) : line.length));
  return matches.map((match, i) => ({
    startIndex: match.index,
    length: match[0].length,
    text: match[0],
    lookupText: line.slice(i === 0 ? 0 : ends[i - 1], ends[i]),
  }));
}
