// Entry point that the extension host calls (same contract as under @vscode/test-electron): runs every
// compiled *.test.js of this folder with mocha and rejects when any test failed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // CAPILLARY_TEST_GREP runs only the tests whose full title matches (while working on one suite).
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec', grep: process.env.CAPILLARY_TEST_GREP });
  const testFiles = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  if (testFiles.length === 0) throw new Error(`No *.test.js files in ${__dirname}: run 'npm run compile-tests'.`);
  for (const file of testFiles) mocha.addFile(path.join(__dirname, file));

  const failures: Mocha.Test[] = [];
  const counts = await new Promise<{ passed: number; failed: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: failures.length }));
      runner.on('fail', (test: Mocha.Test) => failures.push(test));
    } catch (error) {
      reject(error);
    }
  });

  if (failures.length > 0) {
    console.error(`Failed extension tests:\n${failures.map((test) => `  - ${test.fullTitle()}`).join('\n')}`);
  }
  // One line that the runners and CI read; console.log reaches the runner through the extension host's log.
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  if (counts.failed > 0) throw new Error(`${counts.failed} extension test(s) failed.`);
}
