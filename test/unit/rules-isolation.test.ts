// src/shared/rules is bundled into both the extension (Node) and the webview (browser), so it may use neither:
// it must type-check with the plain ES library only (no DOM, no Node, no vscode types) and import nothing from
// outside its own folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as ts from 'typescript';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const RULES_DIR = path.join(REPO_ROOT, 'src', 'shared', 'rules');

function ruleFiles(): string[] {
  return fs
    .readdirSync(RULES_DIR)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(RULES_DIR, file));
}

test('the rules type-check against the ES library alone: no DOM, Node or vscode', () => {
  const program = ts.createProgram(ruleFiles(), {
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
  assert.deepEqual(diagnostics, []);
  const outside = program
    .getSourceFiles()
    .map((file) => file.fileName)
    .filter((file) => !file.includes('/node_modules/typescript/lib/') && path.dirname(path.resolve(file)) !== RULES_DIR);
  assert.deepEqual(outside, [], 'files outside src/shared/rules were pulled in');
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
