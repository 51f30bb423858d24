// A small lossless JSON parser. `JSON.parse` turns 9007199254740993 into 9007199254740992 and 1.000 into 1,
// so numbers are kept as their source text (JsonNumber) and converted by the caller that knows what they mean.

/** A JSON number exactly as written in the source, e.g. "9007199254740993" or "1.000". */
export class JsonNumber {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

/** A `__proto__` key is stored as an own property (plain data), never as the object's prototype. */
export interface JsonObject {
  [key: string]: JsonValue;
}

export class JsonSyntaxError extends Error {
  /** True when the text ended before the value was complete (a cut-off body). */
  readonly truncated: boolean;

  constructor(
    message: string,
    readonly position: number,
    textLength: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = 'JsonSyntaxError';
    this.truncated = position >= textLength;
  }
}

// Nesting deeper than this is refused instead of overflowing the call stack.
const maxDepth = 512;

// Raw control characters are not allowed in JSON strings; a backslash starts an escape.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const needsSlowPath = /[\u0000-\u001f\\]/;
const CH_QUOTE = 0x22;
const CH_BACKSLASH = 0x5c;
const CH_MINUS = 0x2d;
const CH_ZERO = 0x30;
const CH_NINE = 0x39;
const CH_DOT = 0x2e;

export function parseJson(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipWhitespace();
  if (parser.pos < text.length && text.charCodeAt(parser.pos) === 0xfeff) {
    parser.pos++;
    parser.skipWhitespace();
  }
  const value = parser.parseValue(0);
  parser.skipWhitespace();
  if (parser.pos !== text.length) parser.fail('Unexpected text after the JSON value');
  return value;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !(value instanceof JsonNumber) && !Array.isArray(value);
}

class Parser {
  pos = 0;

  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new JsonSyntaxError(
      this.pos >= this.text.length ? 'Unexpected end of JSON' : message,
      this.pos,
      this.text.length,
    );
  }

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  parseValue(depth: number): JsonValue {
    if (depth > maxDepth) this.fail('JSON nested too deeply');
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b:
        return this.parseObject(depth);
      case 0x5b:
        return this.parseArray(depth);
      case CH_QUOTE:
        return this.parseString();
      case 0x74:
        return this.parseLiteral('true', true);
      case 0x66:
        return this.parseLiteral('false', false);
      case 0x6e:
        return this.parseLiteral('null', null);
      default:
        if (c === CH_MINUS || (c >= CH_ZERO && c <= CH_NINE)) return this.parseNumber();
        return this.fail(`Unexpected character ${JSON.stringify(this.text.charAt(this.pos))}`);
    }
  }

  private parseLiteral<T extends JsonValue>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) {
      if (this.text.charCodeAt(this.pos) !== word.charCodeAt(i)) this.fail(`Invalid literal, expected ${word}`);
      this.pos++;
    }
    return value;
  }

  private parseObject(depth: number): JsonObject {
    // Plain literals keep V8's fast property layout; a literal `__proto__` key is defined as data below.
    const result: JsonObject = {};
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return result;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== CH_QUOTE) this.fail('Expected a property name');
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail('Expected ":"');
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(depth + 1);
      if (key === '__proto__') {
        Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        result[key] = value;
      }
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x2c) {
        this.skipWhitespace();
        continue;
      }
      if (c === 0x7d) return result;
      this.pos--;
      this.fail('Expected "," or "}"');
    }
  }

  private parseArray(depth: number): JsonValue[] {
    const result: JsonValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.parseValue(depth + 1));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x2c) {
        this.skipWhitespace();
        continue;
      }
      if (c === 0x5d) return result;
      this.pos--;
      this.fail('Expected "," or "]"');
    }
  }

  private parseString(): string {
    const text = this.text;
    const start = ++this.pos;
    // Fast path: most strings have no escapes or control characters and can be sliced directly.
    const end = text.indexOf('"', start);
    if (end < 0) {
      this.pos = text.length;
      this.fail('Unterminated string');
    }
    const candidate = text.slice(start, end);
    if (!needsSlowPath.test(candidate)) {
      this.pos = end + 1;
      return candidate;
    }
    let pos = start;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === CH_BACKSLASH) break;
      if (c < 0x20) {
        this.pos = pos;
        this.fail('Control character in string');
      }
      pos++;
    }
    let result = text.slice(start, pos);
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === CH_QUOTE) {
        this.pos = pos + 1;
        return result;
      }
      if (c < 0x20) {
        this.pos = pos;
        this.fail('Control character in string');
      }
      if (c !== CH_BACKSLASH) {
        const runStart = pos;
        while (pos < text.length) {
          const d = text.charCodeAt(pos);
          if (d === CH_QUOTE || d === CH_BACKSLASH || d < 0x20) break;
          pos++;
        }
        result += text.slice(runStart, pos);
        continue;
      }
      pos++;
      const escape = text.charAt(pos);
      pos++;
      switch (escape) {
        case '"':
          result += '"';
          break;
        case '\\':
          result += '\\';
          break;
        case '/':
          result += '/';
          break;
        case 'b':
          result += '\b';
          break;
        case 'f':
          result += '\f';
          break;
        case 'n':
          result += '\n';
          break;
        case 'r':
          result += '\r';
          break;
        case 't':
          result += '\t';
          break;
        case 'u': {
          const hex = text.slice(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = Math.min(pos, text.length);
            this.fail('Invalid \\u escape');
          }
          result += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          this.pos = pos - 1;
          this.fail('Invalid escape in string');
      }
    }
    this.pos = pos;
    return this.fail('Unterminated string');
  }

  private parseNumber(): JsonNumber {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === CH_MINUS) pos++;
    const intStart = pos;
    pos = this.skipDigits(pos);
    if (pos === intStart) {
      this.pos = pos;
      this.fail('Expected a digit');
    }
    if (text.charCodeAt(intStart) === CH_ZERO && pos - intStart > 1) {
      this.pos = intStart;
      this.fail('Leading zero in number');
    }
    if (text.charCodeAt(pos) === CH_DOT) {
      const fracStart = ++pos;
      pos = this.skipDigits(pos);
      if (pos === fracStart) {
        this.pos = pos;
        this.fail('Expected a digit after the decimal point');
      }
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === CH_MINUS) pos++;
      const expStart = pos;
      pos = this.skipDigits(pos);
      if (pos === expStart) {
        this.pos = pos;
        this.fail('Expected a digit in the exponent');
      }
    }
    this.pos = pos;
    return new JsonNumber(text.slice(start, pos));
  }

  private skipDigits(pos: number): number {
    const text = this.text;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c < CH_ZERO || c > CH_NINE) break;
      pos++;
    }
    return pos;
  }
}
