// The benchmark at smoke sizes, so that it cannot rot: every figure must be produced and sane. No timing
// target is asserted (the machines are noisy); `npm run bench` judges those at full size.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { BenchResults } from '../../bench/index';
import { clientDefaults } from '../../src/capillary';

const BENCH = path.resolve(__dirname, '..', '..', 'bench', 'index.js');

test('the benchmark runs at smoke sizes and produces every figure', { timeout: 180_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capillary-bench-smoke-'));
  try {
    const out = path.join(dir, 'results.json');
    const { stdout } = await promisify(execFile)(process.execPath, [BENCH, '--smoke', `--out=${out}`], { timeout: 170_000, maxBuffer: 4 * 1024 * 1024 });
    const results = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults;
    assert.equal(results.smoke, true);

    const { fetching } = results;
    assert.ok(fetching, 'the fetching part ran');
    assert.deepEqual(
      fetching.runs.map((run) => `${run.offsetMode} ${run.concurrency}`),
      ['page 1', 'page 4', 'page 8', 'row 1', 'row 4', 'row 8'],
    );
    for (const run of fetching.runs) {
      assert.equal(run.events, fetching.sizes.events, `${run.offsetMode} offsets, concurrency ${run.concurrency}: every event fetched`);
      assert.ok(run.maxInFlight >= 1 && run.maxInFlight <= run.concurrency, `in flight ${run.maxInFlight} at concurrency ${run.concurrency}`);
      assert.ok(run.ms > 0 && run.clientCpuMs > 0 && run.latencyBoundMs > 0, `times of ${run.offsetMode}/${run.concurrency}`);
    }
    // 10 pages of 100 and the empty page after them (a total alone never ends the lookup); at 4 and 8 that page
    // rides in the last round. Row offsets at concurrency 1 also ask for page 1 again.
    const pages = fetching.sizes.events / fetching.sizes.pageSize;
    for (const run of fetching.runs) {
      const extra = run.offsetMode === 'row' ? Math.min(run.concurrency, pages) : 0;
      assert.equal(run.requests, pages + 1 + extra, `requests of ${run.offsetMode}/${run.concurrency}`);
    }

    const { rendering } = results;
    assert.ok(rendering, 'the rendering part ran');
    assert.equal(rendering.sizes.events, 1000);
    assert.ok(rendering.maxRowElements > 10 && rendering.maxRowElements <= 300, `${rendering.maxRowElements} row elements`);
    assert.equal(rendering.filterKeystrokesMs.length, 6);
    const { progressive, oneShot, unchangedRefresh } = rendering;
    assert.ok(progressive.firstPaintedMs < progressive.paintedMs, 'the first page is painted before the last');
    assert.ok(rendering.progressiveCpuRatio > 0 && Number.isFinite(rendering.progressiveCpuRatio));
    const times = [rendering.paintedMs, rendering.paintedMainThreadMs, progressive.mainThreadMs, oneShot.paintedMs, oneShot.mainThreadMs, unchangedRefresh.paintedMs, ...rendering.repaintMs, ...rendering.repaintMainThreadMs, rendering.sortMs, rendering.sortAgainMs, rendering.scrollToLastMs];
    for (const ms of [...times, ...rendering.filterKeystrokesMs, ...rendering.filterKeystrokesMainThreadMs]) {
      assert.ok(Number.isFinite(ms) && ms > 0, `a rendering time of ${ms}`);
    }
    assert.equal(rendering.dataGrid.rows, 100);
    assert.equal(rendering.dataGrid.rowElements, 101, 'the data grid rendered every row and its header');
    assert.ok(rendering.perRowSpeedup > 0 && Number.isFinite(rendering.perRowSpeedup));

    const { footprint } = results;
    assert.ok(footprint, 'the footprint part ran');
    assert.ok(footprint.extensionJsBytes > 10_000 && footprint.webviewJsBytes > 10_000, 'both production bundles were built');
    assert.equal(footprint.node.events, 2000);
    assert.ok(footprint.lookupJsonBytes > 2000 * 200, `${footprint.lookupJsonBytes} bytes of JSON for 2,000 events`);
    assert.ok(footprint.node.growthBytes > 0 && footprint.node.ratio > 0.5 && footprint.node.ratio < 50, `heap ratio ${footprint.node.ratio}`);

    const { scaling } = results;
    assert.ok(scaling, 'the scaling part ran');
    assert.deepEqual(scaling.points.map((point) => point.events), [500, 1000, 2000]);
    for (const point of scaling.points) {
      // A lookup of one page (the default page size is 1,000) is its rows and the end.
      const least = point.events > clientDefaults.pageSize ? 3 : 2;
      assert.ok(point.messages >= least, `${point.messages} messages: the first page's rows, the other rows, the end`);
      assert.ok(point.heapBytes > 0, `${point.events} events: heap held ${point.heapBytes}`);
      const times = [point.fetchMs, point.fetchCpuMs, point.firstPaintMs, point.firstPaintMainThreadMs, point.lastPaintMs, point.lastPaintMainThreadMs, point.filterWorstMs, point.filterWorstMainThreadMs];
      for (const ms of times) assert.ok(Number.isFinite(ms) && ms > 0, `${point.events} events: a time of ${ms}`);
      assert.ok(point.lastPaintMs >= point.firstPaintMs, 'the last paint is not before the first');
      assert.equal(point.perEvent.fetchMs, point.fetchMs / point.events);
    }
    for (const [measure, ratio] of Object.entries(scaling.ratios)) assert.ok(Number.isFinite(ratio) && ratio > 0, `${measure}: ratio ${ratio}`);
    assert.match(stdout, /\| scaling +\| fetch \(wall\) per event, 2,000 ÷ 500/);

    for (const figure of results.figures) assert.ok(Number.isFinite(figure.value) && figure.value >= 0, `${figure.name} = ${figure.value}`);
    assert.match(stdout, /\| fetching +\| offset = page: c8 speed-up over c1/);
    assert.match(stdout, /Smoke run: every figure was produced/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
