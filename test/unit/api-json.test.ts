// The lossless JSON parser and the normalisation of events: exact numbers, odd but valid data, bad bodies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonNumber, JsonSyntaxError, isJsonObject, normalizeEvent, parseJson, type JsonObject } from '../../src/capillary';

function object(text: string): JsonObject {
  const value = parseJson(text);
  assert.ok(isJsonObject(value));
  return value;
}

describe('parseJson', () => {
  it('keeps numbers as their exact source text', () => {
    const value = object('{"big": 9007199254740993, "max": 9223372036854775807, "dec": 1.000, "neg": -0.5, "exp": 1E+3}');
    assert.deepEqual(
      Object.entries(value).map(([key, number]) => [key, (number as JsonNumber).text]),
      [
        ['big', '9007199254740993'],
        ['max', '9223372036854775807'],
        ['dec', '1.000'],
        ['neg', '-0.5'],
        ['exp', '1E+3'],
      ],
    );
    assert.notEqual(String(JSON.parse('9007199254740993')), '9007199254740993', 'JSON.parse would round it');
  });

  it('parses every JSON value kind, escapes and nesting like JSON.parse does', () => {
    const text = '{"s":"a\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00","t":true,"f":false,"n":null,"a":[1,[2,{}],[]],"o":{"x":{}}, "e": ""}';
    const value = object(text);
    const plain = JSON.parse(text);
    assert.equal(value.s, plain.s);
    assert.equal(value.t, true);
    assert.equal(value.f, false);
    assert.equal(value.n, null);
    assert.equal(value.e, '');
    assert.deepEqual(JSON.parse(JSON.stringify(value, (_key, v) => (v instanceof JsonNumber ? Number(v.text) : v))), plain);
  });

  it('accepts surrounding whitespace and a byte-order mark', () => {
    assert.deepEqual(parseJson(' \n\t[ ] \r\n'), []);
    assert.equal(parseJson('\ufeff"x"'), 'x');
  });

  it('stores a "__proto__" key as data, never as the prototype', () => {
    const value = object('{"__proto__": {"polluted": true}, "a": 1}');
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.ok(Object.prototype.hasOwnProperty.call(value, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses invalid JSON with a position, and marks cut-off text as truncated', () => {
    const truncated = ['{"data":[{"a":1', '{"a":"abc', '[1,2', '{"a":', '{"a":12', '"\\u00', '-', '1e', '', 'nul'];
    for (const text of truncated) {
      assert.throws(() => parseJson(text), (error: unknown) => error instanceof JsonSyntaxError && error.truncated, text);
    }
    const invalid = ['<html>', '{"a":01}', '{"a":1.}', '{"a":+1}', '[1,]', '{"a" 1}', '{a:1}', '"a\nb"', '"\\x"', '1 2', '{"a":1}}'];
    for (const text of invalid) {
      assert.throws(() => parseJson(text), (error: unknown) => error instanceof JsonSyntaxError && !error.truncated, text);
    }
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    assert.throws(() => parseJson('['.repeat(100_000)), JsonSyntaxError);
  });

  it('parses 20,000 events within a small factor of JSON.parse', () => {
    const event = (i: number) =>
      `{"eventLogId":${700000000 + i},"eventName":"ADD_TRANSACTION","customerId":412000001,"eventDisplayName":null,` +
      `"uniqueId":"${990000000 + i}","eventDate":"2024-01-01 10:00:00.0","eventProcessedDate":"2024-01-01 10:00:02.0",` +
      `"periodId":880001,"targetGroupId":7001,"targetRuleId":90001,"targetValue":123.45}`;
    const text = `{"data":[${Array.from({ length: 20_000 }, (_, i) => event(i)).join(',')}]}`;
    // Relative to the native parser on the same text, so that a busy machine does not fail the test.
    let native = Infinity;
    let lossless = Infinity;
    let value: JsonObject | undefined;
    for (let round = 0; round < 3; round++) {
      let started = performance.now();
      JSON.parse(text);
      native = Math.min(native, performance.now() - started);
      started = performance.now();
      value = object(text);
      lossless = Math.min(lossless, performance.now() - started);
    }
    assert.equal((value?.data as unknown[]).length, 20_000);
    assert.ok(lossless < native * 8 + 50, `lossless ${lossless.toFixed(0)} ms vs JSON.parse ${native.toFixed(0)} ms`);
  });
});

describe('normalizeEvent', () => {
  const full =
    '{"eventLogId":9223372036854775807,"eventName":"GENERIC_EVENT","customerId":9007199254740993,"eventDisplayName":"testBehavioural",' +
    '"uniqueId":"6621dee9","eventDate":"2024-12-05 00:00:00.0","eventProcessedDate":"2024-12-12 18:42:52.0",' +
    '"periodId":77865,"targetGroupId":52065,"targetRuleId":79192,"targetValue":1.000}';

  it('turns IDs into exact decimal strings and keeps targetValue digits', () => {
    assert.deepEqual(normalizeEvent(parseJson(full), 0), {
      eventLogId: '9223372036854775807',
      eventName: 'GENERIC_EVENT',
      customerId: '9007199254740993',
      eventDisplayName: 'testBehavioural',
      uniqueId: '6621dee9',
      eventDate: '2024-12-05 00:00:00.0',
      eventProcessedDate: '2024-12-12 18:42:52.0',
      periodId: '77865',
      targetGroupId: '52065',
      targetRuleId: '79192',
      targetValue: '1.000',
    });
  });

  it('accepts IDs and values sent as strings, exponents, and the ISO date fields', () => {
    const event = normalizeEvent(
      parseJson(
        '{"eventLogId":"606066681","customerId":"564332013","uniqueId":880613909,"periodId":"9887","targetGroupId":1717,' +
          '"targetRuleId":"1986","targetValue":"2000.46","eventName":"ADD_TRANSACTION","eventDate":"2025-01-09T12:00:12Z",' +
          '"eventProcessedDate":"2025-01-09 12:00:12.0","eventDateISO":"2025-01-09T12:00:12+05:30","eventProcessedDateISO":"2025-01-09T12:00:13+05:30"}',
      ),
      0,
    );
    assert.equal(event.eventLogId, '606066681');
    assert.equal(event.uniqueId, '880613909');
    assert.equal(event.targetValue, '2000.46');
    assert.equal(event.eventDateISO, '2025-01-09T12:00:12+05:30');
    assert.equal(normalizeEvent(parseJson('{"eventLogId":1,"targetValue":2.5E+2}'), 0).targetValue, '250');
    assert.equal(normalizeEvent(parseJson('{"eventLogId":1,"targetValue":-0.0}'), 0).targetValue, '0.0');
  });

  it('tolerates missing optional fields, null display names and unknown event names', () => {
    const event = normalizeEvent(parseJson('{"eventLogId":5,"eventName":"BRAND_NEW_EVENT","eventDisplayName":null}'), 0);
    assert.deepEqual(event, {
      eventLogId: '5',
      eventName: 'BRAND_NEW_EVENT',
      customerId: '',
      eventDisplayName: null,
      uniqueId: '',
      eventDate: '',
      eventProcessedDate: '',
      periodId: '',
      targetGroupId: '',
      targetRuleId: '',
      targetValue: '',
    });
    const long = 'x'.repeat(100_000);
    assert.equal(normalizeEvent(parseJson(`{"eventLogId":5,"eventDisplayName":"${long}"}`), 0).eventDisplayName, long);
  });

  it('refuses an event without eventLogId or that is not an object, as invalid-response', () => {
    for (const text of ['{"eventName":"ENROL"}', '[1]', '"x"', '{"eventLogId":null}']) {
      assert.throws(() => normalizeEvent(parseJson(text), 2), (error: unknown) => {
        const apiError = error as { kind?: string; message?: string };
        return apiError.kind === 'invalid-response' && /event 3/.test(apiError.message ?? '');
      });
    }
  });
});
