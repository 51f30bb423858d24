import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUserIdMentions, readIdsFromText, readIdsFromVariable, readLookupArgument } from '../../src/debug/lookupFromValue';

const USER = '564332013';

function idsOf(text: string) {
  const reading = readIdsFromText(text);
  assert.ok(reading.ok, `${text} should be read, got: ${reading.ok ? '' : reading.message}`);
  return reading.ids;
}

function messageOf(reading: ReturnType<typeof readIdsFromText>): string {
  assert.ok(!reading.ok, `expected a refusal, got ${JSON.stringify(reading)}`);
  return reading.message;
}

for (const form of [USER, `"${USER}"`, `'${USER}'`, `${USER}L`, `${USER}n`, `Long(${USER})`, `NumberLong("${USER}")`, `NumberLong(${USER})`, `  ${USER}\n`]) {
  test(`the userId is read from ${JSON.stringify(form)}`, () => {
    assert.deepEqual(idsOf(form), { userId: USER });
  });
}

test('JSON with userId, targetRuleId and periodId gives all three, numbers or strings', () => {
  assert.deepEqual(idsOf(`{"userId": ${USER}, "targetRuleId": "1986", "periodId": 9889, "name": "x"}`), {
    userId: USER,
    targetRuleId: '1986',
    periodId: '9889',
  });
});

test('customerId stands in for userId; userId wins when both are there', () => {
  assert.deepEqual(idsOf(`{"customerId":"${USER}"}`), { userId: USER });
  assert.deepEqual(idsOf(`{"customerId": 1, "userId": ${USER}}`), { userId: USER });
});

test('object text as debuggers and logs print it: JS previews, Java toString, Python dicts, Mongo shell', () => {
  assert.deepEqual(idsOf(`{userId: ${USER}n, targetRuleId: 1986}`), { userId: USER, targetRuleId: '1986' });
  assert.deepEqual(idsOf(`Customer{userId=${USER}L, name=Ann}`), { userId: USER });
  assert.deepEqual(idsOf(`{'customerId': '${USER}', 'periodId': 9889}`), { userId: USER, periodId: '9889' });
  assert.deepEqual(idsOf(`{ userId: NumberLong("${USER}"), targetRuleId: Long(1986) }`), { userId: USER, targetRuleId: '1986' });
  assert.deepEqual(idsOf(`POST /v2/events?userId=${USER}&targetRuleId=1986`), { userId: USER, targetRuleId: '1986' });
});

test('IDs past 2^53 keep every digit', () => {
  assert.deepEqual(idsOf('9007199254740993L'), { userId: '9007199254740993' });
  assert.deepEqual(idsOf('{"userId": 9223372036854775807}'), { userId: '9223372036854775807' });
});

for (const [text, says] of [
  ['', /no text/],
  ['   ', /no text/],
  ['abc', /"abc".*character "a"/],
  ['0', /"0".*0 is not an ID/],
  ['0123', /"0123".*leading zeros/],
  ['-5', /"-5".*sign/],
  ['12.5', /"12\.5".*decimal separator/],
  ['9223372036854775808', /too large/],
  ['564332013 1986', /"564332013 1986"/],
  ['Object', /"Object"/],
  ['{"name": "Ann", "targetRuleId": 1986}', /targetRuleId but no userId or customerId/],
  ['{"userId": "abc"}', /"abc".*userId.*character "a"/],
  ['{"userId": 564332013, "targetRuleId": 0}', /targetRuleId.*0 is not an ID/],
] as const) {
  test(`${JSON.stringify(text)} is refused, saying what was found and what is expected`, () => {
    const message = messageOf(readIdsFromText(text));
    assert.match(message, says);
    if (!/targetRuleId/.test(text)) assert.match(message, /Expected a customer ID such as 564332013/);
  });
}

test('a long value is quoted back shortened to one line', () => {
  const message = messageOf(readIdsFromText(`x\n${'y'.repeat(500)}`));
  assert.ok(message.length < 400, message);
  assert.match(message, /"x y+…"/);
});

test('a debug variable is read from its value; one named after another ID is refused', () => {
  assert.deepEqual(readIdsFromVariable({ name: 'customer', value: `{userId: ${USER}, tier: 'gold'}` }), { ok: true, ids: { userId: USER } });
  assert.deepEqual(readIdsFromVariable({ name: 'userId', value: `${USER}L`, evaluateName: 'order.userId' }), { ok: true, ids: { userId: USER } });
  assert.match(messageOf(readIdsFromVariable({ name: 'targetRuleId', value: '1986' })), /"targetRuleId" = "1986".*not a customer ID/);
  assert.match(messageOf(readIdsFromVariable({ name: 'order', value: 'Order@12' })), /variable "order".*"Order@12"/);
});

test('the command argument: a string, { value }, or { variable }, with targetRuleId, periodId and profile winning over the value', () => {
  assert.deepEqual(readLookupArgument(USER), { ok: true, ids: { userId: USER } });
  assert.deepEqual(readLookupArgument({ value: `{"userId": ${USER}, "targetRuleId": 1}`, targetRuleId: 1986, profile: 'EU' }), {
    ok: true,
    ids: { userId: USER, targetRuleId: '1986' },
    profile: 'EU',
  });
  assert.deepEqual(readLookupArgument({ variable: { name: 'id', value: `${USER}n` }, targetRuleId: '1986', periodId: '9889' }), {
    ok: true,
    ids: { userId: USER, targetRuleId: '1986', periodId: '9889' },
    profile: undefined,
  });
  assert.match(messageOf(readLookupArgument(undefined)), /no value/);
  assert.match(messageOf(readLookupArgument(42)), /a number/);
  assert.match(messageOf(readLookupArgument({ userId: USER })), /without a value or variable/);
  assert.match(messageOf(readLookupArgument({ value: USER, targetRuleId: '19x6' })), /targetRuleId must contain only the digits/);
});

test('terminal lines: userId=… and "userId": … mentions are found where they are', () => {
  const line = `INFO posted txn userId=${USER} rule=1986 body={"customerId": "387544807", "userIdx": 5}`;
  const mentions = findUserIdMentions(line);
  assert.deepEqual(mentions.map((m) => m.text), [`userId=${USER}`, '"customerId": "387544807"']);
  for (const mention of mentions) assert.equal(line.slice(mention.startIndex, mention.startIndex + mention.length), mention.text);
  assert.deepEqual(findUserIdMentions('myuserId=5 and no ids here'), []);
});

test('terminal lines: a link reads the targetRuleId and periodId beside its userId, not those of another mention', () => {
  const line = `{"targetRuleId": 1986, "userId": ${USER}, "periodId": 9887} then {"userId": 387544807, "targetRuleId": 2001}`;
  const [first, second] = findUserIdMentions(line);
  assert.deepEqual(idsOf(first.lookupText), { userId: USER, targetRuleId: '1986', periodId: '9887' });
  assert.deepEqual(idsOf(second.lookupText), { userId: '387544807', targetRuleId: '2001' });
  assert.deepEqual(idsOf(findUserIdMentions(`userId=${USER}`)[0].lookupText), { userId: USER });
});
