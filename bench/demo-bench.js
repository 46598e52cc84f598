/**
 * @module `samlspec demo` as a new user first meets it (issue 11's table): the whole catalog against the built-in
 * strict reference SP in the same process, all reporters. Records the wall time of the whole process and of the
 * scenarios, the peak RSS, and the size of each report file (the JSON and HTML reports of an all-pass run are what
 * a CI job uploads on every pull request). Median over rounds. Merges its figures into bench/results.json under
 * "demo".
 *
 * Run: npm run bench (builds dist/ first). BENCH_DEMO_ROUNDS tunes the rounds (default 3).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, mergeResults } from './bench-util.js';

const launchModule = new URL('../dist/runner/browser/launch.js', import.meta.url).href;

/**
 * How soon the HTML report shows something and its result list, opened from disk in headless Chromium
 * (the system one, as browser mode finds it): first contentful paint, and the moment every result row
 * is in the list. Undefined when no Chromium is there (the figure is then left out, not faked).
 */
async function reportPaint(htmlFile) {
  const { launchBrowser } = await import(launchModule);
  let launched;
  try {
    launched = await launchBrowser();
  } catch (error) {
    console.warn(`report paint not measured: ${error.message}`);
    return undefined;
  }
  try {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const page = await launched.browser.newPage();
      await page.goto(`file://${htmlFile}`, { waitUntil: 'load' });
      await page.waitForFunction(() => globalThis.document.querySelectorAll('#results > details').length > 0);
      times.push(
        await page.evaluate(() => ({
          firstContentfulPaintMs: Math.round(
            globalThis.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
          ),
          rowsShownMs: Math.round(globalThis.performance.now()),
          rows: globalThis.document.querySelectorAll('#results > details').length,
        })),
      );
      await page.close();
    }
    return {
      firstContentfulPaintMs: median(times.map((t) => t.firstContentfulPaintMs)),
      rowsShownMs: median(times.map((t) => t.rowsShownMs)),
      rows: times[0].rows,
    };
  } finally {
    await launched.close();
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/samlspec.js');
const rounds = Number(process.env.BENCH_DEMO_ROUNDS ?? 3);

if (!existsSync(join(root, 'dist/cli/cli.cjs'))) {
  console.error('dist/ is missing: run npm run build first');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'samlspec-demo-bench-'));
const samples = [];
let paint;
try {
  for (let round = 0; round < rounds; round++) {
    const outputDir = join(work, `out-${round}`);
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [bin, 'demo', '--output-dir', outputDir, '--quiet'], {
      cwd: work,
      encoding: 'utf8',
      timeout: 600_000,
    });
    const processMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0)
      throw new Error(`samlspec demo exited ${run.status}: ${(run.stderr || run.stdout).slice(-2000)}`);
    const report = JSON.parse(readFileSync(join(outputDir, 'samlspec-report.json'), 'utf8'));
    const sizes = Object.fromEntries(
      readdirSync(outputDir)
        .filter((name) => statSync(join(outputDir, name)).isFile())
        .map((name) => [name, statSync(join(outputDir, name)).size]),
    );
    samples.push({
      processMs,
      catalogMs: report.durationMs,
      peakRssMb: report.resources.peakRssKb / 1024,
      runs: report.results.filter((r) => r.outcome !== 'skipped').length,
      sizes,
    });
    console.log(
      `round ${round + 1}/${rounds}: process ${processMs.toFixed(0)} ms, scenarios ${report.durationMs} ms`,
    );
  }
  paint = await reportPaint(join(work, `out-${rounds - 1}`, 'samlspec-report.html'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const pick = (get) => median(samples.map(get));
const reportKb = Object.fromEntries(
  Object.keys(samples[0].sizes).map((name) => [name, Math.round(pick((s) => s.sizes[name] ?? 0) / 1024)]),
);
const figures = {
  processMs: Math.round(pick((s) => s.processMs)),
  catalogMs: pick((s) => s.catalogMs),
  peakRssMb: Math.round(pick((s) => s.peakRssMb)),
  runs: samples[0].runs,
  reportKb,
  ...(paint ? { htmlReportPaint: paint } : {}),
  targets: {
    'htmlReportPaint.firstContentfulPaintMs': 1000,
    processMs: 3000,
    peakRssMb: 200,
    'samlspec-report.html (kB)': 2048,
    'samlspec-report.json (kB)': 1536,
  },
  method: {
    rounds,
    command: 'samlspec demo --quiet (all reporters; SP in-process, on its own thread)',
    statistic: "median over rounds; processMs = the whole process, catalogMs = the report's durationMs",
    cpus: cpus().length,
    // Wall times mean little on a busy machine: say how busy it was.
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
    node: process.version,
    measuredAt: new Date().toISOString(),
  },
};
console.table({
  'demo process (ms)': figures.processMs,
  'scenarios (ms)': figures.catalogMs,
  'peak RSS (MB)': figures.peakRssMb,
  ...Object.fromEntries(Object.entries(reportKb).map(([name, kb]) => [`${name} (kB)`, kb])),
  ...(paint
    ? {
        'HTML report first paint (ms)': paint.firstContentfulPaintMs,
        'HTML report rows shown (ms)': paint.rowsShownMs,
      }
    : {}),
});
mergeResults('demo', figures);
