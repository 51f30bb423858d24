import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTablePanelState, parseWebviewMessage } from '../../src/shared/messages';

test('every well-formed webview message is accepted as exactly what it says', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'refresh', extra: 'dropped' }), { type: 'refresh' });
  assert.deepEqual(parseWebviewMessage({ type: 'cancel' }), { type: 'cancel' });
  assert.deepEqual(parseWebviewMessage({ type: 'setCredentials', profile: 'ignored' }), { type: 'setCredentials' });
  assert.deepEqual(parseWebviewMessage({ type: 'export', requestId: 7, format: 'csv' }), { type: 'export', requestId: 7, format: 'csv' });
  assert.deepEqual(parseWebviewMessage({ type: 'export', requestId: 8, format: 'json' }), { type: 'export', requestId: 8, format: 'json' });
  assert.deepEqual(parseWebviewMessage({ type: 'copyCurl', requestId: 1 }), { type: 'copyCurl', requestId: 1 });
  assert.deepEqual(parseWebviewMessage({ type: 'openRawJson', requestId: 2 }), { type: 'openRawJson', requestId: 2 });
});

test('unknown or malformed webview messages are refused', () => {
  const malformed: unknown[] = [
    null,
    undefined,
    'ready',
    42,
    [],
    {},
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    { type: 'export', requestId: 1, format: 'xlsx' },
    { type: 'export', requestId: '1', format: 'csv' },
    { type: 'export', format: 'csv' },
    { type: 'copyCurl', requestId: 1.5 },
    { type: 'openRawJson', requestId: Number.MAX_SAFE_INTEGER + 2 },
    { type: '__proto__' },
    { type: 'toString', requestId: 1 },
  ];
  for (const message of malformed) {
    assert.equal(parseWebviewMessage(message), undefined, `accepted ${JSON.stringify(message)}`);
  }
});

test('a persisted panel state is read back only when it describes a lookup by digits', () => {
  const lookup = { userId: '564332013', targetRuleId: '1986', profileName: 'EU', host: 'eu.api.capillarytech.com' };
  assert.deepEqual(parseTablePanelState({ lookup }), { lookup: { ...lookup, periodId: undefined } });
  assert.deepEqual(parseTablePanelState({ lookup: { ...lookup, periodId: '9887' } })?.lookup.periodId, '9887');
  assert.equal(parseTablePanelState({ lookup: { ...lookup, userId: '56a' } }), undefined);
  assert.equal(parseTablePanelState({ lookup: { ...lookup, periodId: 9887 } }), undefined);
  assert.equal(parseTablePanelState({ lookup: { ...lookup, profileName: undefined } }), undefined);
  assert.equal(parseTablePanelState(undefined), undefined);
  assert.equal(parseTablePanelState({}), undefined);
});

test('persisted column widths keep only known columns within bounds', () => {
  const lookup = { userId: '564332013', targetRuleId: '1986', profileName: 'EU', host: 'eu.api.capillarytech.com' };
  const restored = parseTablePanelState({ lookup, columnWidths: { uniqueId: 180.4, event: 5, bogus: 100, eventLogId: '90', targetValue: 1e9 } });
  assert.deepEqual(restored?.columnWidths, { uniqueId: 180 });
  assert.equal(parseTablePanelState({ lookup, columnWidths: { event: 5 } })?.columnWidths, undefined);
  assert.equal(parseTablePanelState({ lookup, columnWidths: 'wide' })?.columnWidths, undefined);
});
