// Property tests: exactly the positive integers within the signed 64-bit range, written as plain ASCII
// digits, are accepted; everything else is refused with a message naming the field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CapillaryApiError, idValidationMessage, validateId } from '../../src/capillary';
import { parseTablePanelState } from '../../src/shared/messages';
import { isLongId } from '../../src/shared/rules';

const maxLong = 2n ** 63n - 1n;
const fields = fc.constantFrom('userId', 'targetRuleId', 'periodId', 'targetGroupId');

/** The reference rule, written independently of the implementation. */
function isValidId(raw: string): boolean {
  if (!/^[0-9]+$/.test(raw) || raw.startsWith('0')) return false;
  return BigInt(raw) <= maxLong;
}

const trickyCharacters = fc.constantFrom(
  ...'0123456789'.split(''),
  ' ', '\t', '\n', '\u00a0', '\u2003', '+', '-', '.', ',', 'e', 'E', 'x', '_', '\'', '"', '\u0000',
  '\u0660', '\u0661', '\u0969', '\uff10', '\uff11', '\u00b9', '\ud835\udfcf',
);

describe('ID validation properties', () => {
  it('accepts every positive 64-bit integer as its decimal digits, unchanged', () => {
    fc.assert(
      fc.property(fields, fc.bigInt({ min: 1n, max: maxLong }), (field, value) => {
        const raw = value.toString();
        assert.equal(idValidationMessage(field, raw), undefined);
        assert.equal(validateId(field, raw), raw);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every integer past the signed 64-bit maximum, naming the field', () => {
    fc.assert(
      fc.property(fields, fc.bigInt({ min: maxLong + 1n, max: 10n ** 40n }), (field, value) => {
        const message = idValidationMessage(field, value.toString());
        assert.ok(message?.includes(field) && /too large/.test(message));
      }),
    );
  });

  it('agrees with the reference rule on arbitrary strings of digits and look-alikes', () => {
    fc.assert(
      fc.property(fields, fc.string({ unit: trickyCharacters, maxLength: 22 }), (field, raw) => {
        const message = idValidationMessage(field, raw);
        assert.equal(message === undefined, isValidId(raw), JSON.stringify(raw));
        assert.equal(isLongId(raw), isValidId(raw), `shared rule: ${JSON.stringify(raw)}`);
        const restored = parseTablePanelState({ lookup: { userId: raw, targetRuleId: '1986', profileName: 'p', host: 'h' } });
        assert.equal(restored !== undefined, isValidId(raw), `restored panel: ${JSON.stringify(raw)}`);
        if (message !== undefined) {
          assert.ok(message.includes(field));
          assert.throws(
            () => validateId(field, raw),
            (error: unknown) => error instanceof CapillaryApiError && error.kind === 'invalid-input' && error.field === field,
          );
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a valid ID once any non-digit is inserted anywhere, or it is signed, padded or written as a number format', () => {
    const spoilers = fc.constantFrom(' ', '\t', '+', '-', '.', 'e', '\u0661', '\uff11', 'a', '\u200b');
    fc.assert(
      fc.property(fields, fc.bigInt({ min: 1n, max: maxLong }), spoilers, fc.nat(), (field, value, spoiler, at) => {
        const digits = value.toString();
        const position = at % (digits.length + 1);
        const spoiled = digits.slice(0, position) + spoiler + digits.slice(position);
        assert.ok(idValidationMessage(field, spoiled)?.includes(field), JSON.stringify(spoiled));
        assert.ok(idValidationMessage(field, `0${digits}`), 'leading zero');
        assert.ok(idValidationMessage(field, `${digits}.0`), 'decimal');
        assert.ok(idValidationMessage(field, `${digits}e0`), 'exponent');
      }),
      { numRuns: 1000 },
    );
  });
});
