// src/shared/rules and src/shared/display are bundled into both the extension (Node) and the webview (browser),
// so they may use neither: they must type-check with the plain ES library only (no DOM, no Node, no vscode
// types). The rules import nothing from outside their own folder; the display module nothing from outside
// src/shared.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as ts from 'typescript';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SHARED_DIR = path.join(REPO_ROOT, 'src', 'shared');
const RULES_DIR = path.join(SHARED_DIR, 'rules');
const DISPLAY_DIR = path.join(SHARED_DIR, 'display');

function filesOf(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

function ruleFiles(): string[] {
  return filesOf(RULES_DIR);
}

/** Type-checks `files` against the ES library alone; returns the diagnostics and every source file pulled in. */
function checkAlone(files: string[]): { diagnostics: string[]; pulledIn: string[] } {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.CommonJS,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.relative(REPO_ROOT, diagnostic.file.fileName)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
  const pulledIn = program
    .getSourceFiles()
    .map((file) => path.resolve(file.fileName))
    .filter((file) => !file.includes('/node_modules/typescript/lib/'));
  return { diagnostics, pulledIn };
}

test('the rules type-check against the ES library alone: no DOM, Node or vscode', () => {
  const { diagnostics, pulledIn } = checkAlone(ruleFiles());
  assert.deepEqual(diagnostics, []);
  const outside = pulledIn.filter((file) => path.dirname(file) !== RULES_DIR);
  assert.deepEqual(outside, [], 'files outside src/shared/rules were pulled in');
});

test('the display module type-checks against the ES library alone and pulls in nothing outside src/shared', () => {
  const { diagnostics, pulledIn } = checkAlone(filesOf(DISPLAY_DIR));
  assert.deepEqual(diagnostics, []);
  assert.ok(pulledIn.some((file) => path.dirname(file) === DISPLAY_DIR));
  const outside = pulledIn.filter((file) => !file.startsWith(`${SHARED_DIR}${path.sep}`));
  assert.deepEqual(outside, [], 'files outside src/shared were pulled in');
});

test('the rules import only each other', () => {
  for (const file of ruleFiles()) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      assert.match(specifier.text, /^\.\/[A-Za-z]+$/, `${path.basename(file)} imports ${specifier.text}`);
    }
  }
});
