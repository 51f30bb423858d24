// The commands' argument parser (src/lookup/commandArgs.ts): which arguments are ours (and skip prompts), one vocabulary
// for every command, and errors that name the key.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CapillaryApiError } from '../../src/capillary';
import {
  argsFromQuery,
  COMMAND_KEYS,
  isOurArgs,
  lookupArgs,
  newProfileArgs,
  parseArgs,
  PROFILE_ALIAS,
  type CommandId,
} from '../../src/lookup/commandArgs';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const COMMANDS = Object.keys(COMMAND_KEYS) as CommandId[];
const doc = { userId: '564332013', targetRuleId: '1986' };

/** Stands in for vscode.Uri: a class instance, as VS Code passes it (e.g. from an explorer menu). */
class FakeUri {
  readonly scheme = 'file';
  readonly path = '/tmp/events.csv';
  readonly userId = '564332013';
}

describe('what is an argument of ours', () => {
  const lookup = { profileName: 'EU', ...doc };
  const notOurs: Array<[string, unknown]> = [
    ['nothing', undefined],
    ['null', null],
    ['a number', 42],
    ['the selection (a list of tree nodes)', [{ kind: 'lookup', lookup }]],
    ['a lookup tree node', { kind: 'lookup', lookup }],
    ['a period tree node', { kind: 'period', lookup, group: { periodId: '9887' } }],
    ['a message tree node', { kind: 'message', lookup, label: 'Loading…', isError: false }],
    ['a Uri (class instance), even with a key of ours', new FakeUri()],
    ['Uri components', { scheme: 'file', authority: '', path: '/x', query: '', fragment: '' }],
    ['a tree view context', { $treeViewId: 'capillary.lookups', $treeItemHandle: '0/1' }],
    ['an empty object', {}],
  ];
  for (const [what, value] of notOurs) {
    test(`${what} is not ours: every command prompts instead`, () => {
      assert.equal(isOurArgs(value), false);
      for (const command of COMMANDS) assert.equal(parseArgs(command, value), undefined, command);
    });
  }

  test('a plain object with a key of ours is ours, also without a prototype', () => {
    assert.equal(isOurArgs({ ...doc }), true);
    assert.equal(isOurArgs(Object.assign(Object.create(null), doc)), true);
    assert.deepEqual(parseArgs('capillary.lookupEvents', Object.assign(Object.create(null), doc)), doc);
  });

  test('text is the profile name for the profile commands only', () => {
    for (const command of ['capillary.switchProfile', 'capillary.editProfile', 'capillary.setCredentials', 'capillary.clearCredentials'] as const) {
      assert.deepEqual(parseArgs(command, 'EU'), { profile: 'EU' }, command);
      assert.equal(parseArgs(command, '  '), undefined, command);
    }
    assert.equal(parseArgs('capillary.lookupEvents', 'EU'), undefined);
    assert.equal(parseArgs('capillary.addProfile', 'EU'), undefined);
  });
});

describe('one vocabulary', () => {
  test('every command the parser knows is contributed in package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const contributed = new Set(manifest.contributes.commands.map((entry: { command: string }) => entry.command));
    for (const command of COMMANDS) assert.ok(contributed.has(command), `${command} is not contributed`);
  });

  test('`profile` names the profile for every command that takes one, `profileName` being its alias', () => {
    for (const command of COMMANDS) {
      if (!(COMMAND_KEYS[command] as readonly string[]).includes('profile')) continue;
      assert.equal(parseArgs(command, { profile: 'EU' })?.profile, 'EU', command);
      assert.equal(parseArgs(command, { [PROFILE_ALIAS]: 'EU' })?.profile, 'EU', command);
      assert.equal(parseArgs(command, { profile: 'EU', [PROFILE_ALIAS]: 'EU' })?.profile, 'EU', command);
      assert.equal(parseArgs(command, { profile: '', [PROFILE_ALIAS]: 'EU' })?.profile, 'EU', command);
      assert.throws(() => parseArgs(command, { profile: 'EU', [PROFILE_ALIAS]: 'US' }), /"profile" and its alias "profileName" name different profiles/);
    }
  });

  test('a key the command does not take is refused, naming it and the keys it takes', () => {
    assert.throws(
      () => parseArgs('capillary.lookupEvents', { ...doc, profle: 'EU' }),
      (error: Error) => /capillary\.lookupEvents does not take "profle"/.test(error.message) && /"profile", "userId", "targetRuleId", "periodId"/.test(error.message),
    );
    assert.throws(() => parseArgs('capillary.switchProfile', { name: 'EU' }), /does not take "name"; it takes "profile"/);
    assert.throws(() => parseArgs('capillary.setCredentials', { profile: 'EU', userId: '1' }), /does not take "userId"/);
    assert.throws(() => parseArgs('capillary.addProfile', { name: 'EU', profile: 'EU' }), /does not take "profile"/);
  });

  test('the README documents every key', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const start = readme.search(/^#+ Command arguments/m);
    assert.ok(start >= 0, 'README.md has a "Command arguments" section');
    const rest = readme.slice(readme.indexOf('\n', start) + 1);
    const next = rest.search(/^#+ /m);
    const section = next < 0 ? rest : rest.slice(0, next);
    for (const key of new Set([...COMMANDS.flatMap((command) => COMMAND_KEYS[command]), PROFILE_ALIAS])) {
      assert.ok(section.includes(`\`${key}\``), `the README's command arguments section names \`${key}\``);
    }
  });
});

describe('lookup arguments', () => {
  test('IDs as text or as safe integers; periodId and profile are optional', () => {
    assert.deepEqual(lookupArgs(parseArgs('capillary.lookupEvents', { userId: 564332013, targetRuleId: '1986' })!), doc);
    assert.deepEqual(lookupArgs(parseArgs('capillary.addLookup', { ...doc, periodId: 9887, profile: 'EU' })!), { ...doc, periodId: '9887', profile: 'EU' });
  });

  test('undefined, null and blank text mean "not given"', () => {
    assert.deepEqual(parseArgs('capillary.lookupEvents', { ...doc, periodId: '', profile: null }), doc);
    assert.deepEqual(parseArgs('capillary.lookupEvents', { ...doc, periodId: undefined, profile: '  ' }), doc);
  });

  test('userId and targetRuleId are required, with the ID checks\' own message', () => {
    assert.throws(() => lookupArgs(parseArgs('capillary.lookupEvents', { targetRuleId: '1986' })!), /userId \(the customer ID\) is required/);
    assert.throws(() => lookupArgs(parseArgs('capillary.lookupEvents', { profile: 'EU', userId: '1' })!), /targetRuleId is required/);
  });

  test('a malformed ID is refused before any request, naming the field', () => {
    assert.throws(
      () => parseArgs('capillary.lookupEvents', { ...doc, periodId: '12a4' }),
      (error: unknown) => error instanceof CapillaryApiError && error.kind === 'invalid-input' && error.field === 'periodId',
    );
    assert.throws(() => parseArgs('capillary.lookupEvents', { ...doc, userId: 1.5 }), /userId \(the customer ID\) must contain only the digits/);
  });

  test('an ID past 2^53 as a JSON number is refused (it lost digits): pass it as text', () => {
    assert.throws(() => parseArgs('capillary.lookupEvents', { ...doc, userId: 2 ** 53 + 2 }), /"userId" 9007199254740994 is not exact as a number.*pass it as text/);
    assert.equal(parseArgs('capillary.lookupEvents', { ...doc, userId: '9007199254740993' })?.userId, '9007199254740993');
  });

  test('a value of the wrong kind is refused, naming the key', () => {
    assert.throws(() => parseArgs('capillary.lookupEvents', { ...doc, profile: 7 }), /"profile" must be text, got number 7/);
    assert.throws(() => parseArgs('capillary.lookupEvents', { ...doc, userId: { id: 1 } }), /"userId" must be text, got an object/);
  });

  test('export takes format and uri too', () => {
    assert.deepEqual(parseArgs('capillary.exportLookup', { format: 'csv', uri: 'file:///tmp/x.csv' }), { format: 'csv', uri: 'file:///tmp/x.csv' });
    const uri = new FakeUri();
    assert.equal(parseArgs('capillary.exportLookup', { ...doc, format: 'json', uri })?.uri, uri);
    assert.throws(() => parseArgs('capillary.exportLookup', { format: 'xlsx' }), /"format" must be "csv" or "json", got "xlsx"/);
    assert.throws(() => parseArgs('capillary.exportLookup', { format: 'csv', uri: 3 }), /"uri" must be a file URI/);
    assert.throws(() => parseArgs('capillary.lookupEvents', { ...doc, format: 'csv' }), /does not take "format"/);
  });
});

describe('profile and credentials arguments', () => {
  test('addProfile takes name, baseUrl and authType, all required', () => {
    const args = parseArgs('capillary.addProfile', { name: ' EU ', baseUrl: 'https://eu.api.capillarytech.com', authType: 'oauth' })!;
    assert.deepEqual(newProfileArgs(args), { name: 'EU', baseUrl: 'https://eu.api.capillarytech.com', authType: 'oauth' });
    assert.throws(() => newProfileArgs(parseArgs('capillary.addProfile', { baseUrl: 'https://x.example', authType: 'basic' })!), /needs a "name"/);
    assert.throws(() => newProfileArgs(parseArgs('capillary.addProfile', { name: 'x', authType: 'basic' })!), /needs a "baseUrl"/);
    assert.throws(() => newProfileArgs(parseArgs('capillary.addProfile', { name: 'x', baseUrl: 'https://x.example' })!), /needs an "authType"/);
    assert.throws(() => parseArgs('capillary.addProfile', { name: 'x', baseUrl: 'https://x.example', authType: 'md5' }), /"authType" must be "basic" or "oauth"/);
    assert.throws(
      () => newProfileArgs(parseArgs('capillary.addProfile', { name: 'x', baseUrl: 'http://eu.api.capillarytech.com', authType: 'basic' })!),
      /"baseUrl" is not usable: .*https:\/\//,
    );
  });

  test('setCredentials takes the profile and Basic or OAuth credentials', () => {
    assert.deepEqual(parseArgs('capillary.setCredentials', { profile: 'EU', username: 'till', password: 'secret' }), {
      profile: 'EU',
      username: 'till',
      password: 'secret',
    });
    assert.deepEqual(parseArgs('capillary.setCredentials', { clientKey: 'k', clientSecret: 's' }), { clientKey: 'k', clientSecret: 's' });
  });
});

test('a deep link\'s query is an argument object of the same vocabulary', () => {
  assert.deepEqual(argsFromQuery('userId=564332013&targetRuleId=1986&periodId=9888&profile=EU%20prod'), {
    ...doc,
    periodId: '9888',
    profile: 'EU prod',
  });
  assert.equal(isOurArgs(argsFromQuery('')), false);
  assert.equal(isOurArgs(argsFromQuery('utm_source=mail')), false);
});
