/**
 * @module The whole catalog in BROWSER mode against the strict reference SP, as a user runs it: the SP
 * in its own process on 127.0.0.1, the mock IdP on localhost (another site), `samlspec run --browser`
 * with its defaults (workers as given, screenshots and traces beside a JSON report). Reports the catalog
 * time, the per-scenario median (target: 150 ms), how many scenarios ran at a time, and CPU split
 * between the SP and samlspec with its Chromium. Merges its figures into bench/results.json under
 * "browser". Skips (exit 0) when no Chromium is installed.
 *
 * Run: npm run bench (builds dist/ first), or node bench/browser-bench.js after npm run build.
 * BENCH_BROWSER_ROUNDS (default 1), BENCH_BROWSER_WORKERS (default: samlspec's own default).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, cpuMsOf, median, mergeResults } from './bench-util.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/samlspec.js');
const spMain = join(root, 'dist/fixtures/sps/reference-sp/main.js');
const rounds = Number(process.env.BENCH_BROWSER_ROUNDS ?? 1);
const workers = process.env.BENCH_BROWSER_WORKERS;
const TARGET_MEDIAN_MS = 150;

const launchModule = new URL('../dist/runner/browser/launch.js', import.meta.url).href;

/** The Chromium browser mode itself picks (SAMLSPEC_CHROMIUM, then the headless shell, then the full browser). */
async function chromiumPath() {
  const { resolveChromiumPath } = await import(launchModule);
  try {
    return resolveChromiumPath(undefined).path;
  } catch {
    return undefined;
  }
}

async function startSp(idpMetadata, port) {
  const child = spawn(
    process.execPath,
    [spMain, '--idp-metadata', idpMetadata, '--port', String(port), '--sp-domain', 'contoso.com'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the reference SP did not start within 20 s')), 20_000);
    child.stdout.once('data', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`the reference SP exited with ${code}`)));
  });
  return child;
}

async function main() {
  const browserPath = await chromiumPath();
  if (!browserPath) {
    console.log(
      'browser bench skipped: no Chromium (apt-get install chromium-headless-shell, or set SAMLSPEC_CHROMIUM)',
    );
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'samlspec-browser-bench-'));
  const stateDir = join(work, 'state');
  const idpPort = await freePort();
  const spPort = await freePort();
  // The IdP on another site than the SP, as Entra is: localhost vs 127.0.0.1.
  const idpBaseUrl = `http://localhost:${idpPort}`;
  const idpMetadata = join(work, 'idp.xml');
  const meta = spawnSync(
    process.execPath,
    [
      bin,
      'idp',
      'metadata',
      '--port',
      String(idpPort),
      '--base-url',
      idpBaseUrl,
      '--state-dir',
      stateDir,
      '--out',
      idpMetadata,
    ],
    { stdio: 'inherit' },
  );
  if (meta.status !== 0) throw new Error('samlspec idp metadata failed');
  const sp = await startSp(idpMetadata, spPort);
  const base = `http://127.0.0.1:${spPort}`;
  const samples = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const outputDir = join(work, `out-${round}`);
      const spCpuBefore = cpuMsOf(sp.pid);
      const childCpuBefore = cpuMsOf(process.pid, true);
      const started = process.hrtime.bigint();
      const run = spawnSync(
        process.execPath,
        [
          bin,
          'run',
          '--browser',
          '--sp-metadata',
          `${base}/metadata`,
          '--login-url',
          `${base}/login`,
          '--probe',
          '/me',
          '--sp-domain',
          'contoso.com',
          '--idp-port',
          String(idpPort),
          '--idp-base-url',
          idpBaseUrl,
          '--state-dir',
          stateDir,
          '--reporter',
          'json',
          '--output-dir',
          outputDir,
          '--quiet',
          '--browser-path',
          browserPath,
          ...(workers ? ['--workers', workers] : []),
        ],
        { encoding: 'utf8', timeout: 1_800_000 },
      );
      const processMs = Number(process.hrtime.bigint() - started) / 1e6;
      const spCpuAfter = cpuMsOf(sp.pid);
      const childCpuAfter = cpuMsOf(process.pid, true);
      if (run.status !== 0)
        throw new Error(`samlspec run --browser exited ${run.status}: ${run.stderr.slice(-2000)}`);
      const report = JSON.parse(readFileSync(join(outputDir, 'samlspec-report.json'), 'utf8'));
      const ran = report.results.filter((r) => r.outcome !== 'skipped');
      const atATime = /(\d+) at a time/.exec(report.target.notes.join('\n'))?.[1];
      samples.push({
        catalogMs: report.durationMs,
        processMs,
        medianScenarioMs: median(ran.map((r) => r.durationMs)),
        catalogMsPerRun: report.durationMs / Math.max(1, ran.length),
        harnessPeakRssMb: report.resources.peakRssKb / 1024,
        samlspecAndChromiumCpuMs:
          childCpuBefore !== undefined && childCpuAfter !== undefined
            ? childCpuAfter - childCpuBefore
            : undefined,
        spCpuMs: spCpuBefore !== undefined && spCpuAfter !== undefined ? spCpuAfter - spCpuBefore : undefined,
        scenarios: new Set(report.results.map((r) => r.id)).size,
        runs: ran.length,
        concurrent: atATime ? Number(atATime) : undefined,
        failures: report.summary.failed,
        errors: report.summary.errors,
      });
      console.log(
        `round ${round + 1}/${rounds}: browser catalog ${report.durationMs} ms (process ${processMs.toFixed(0)} ms), ${ran.length} runs, ${atATime ?? '?'} at a time`,
      );
      rmSync(outputDir, { recursive: true, force: true });
    }
  } finally {
    sp.kill('SIGTERM');
  }
  const pick = (key) => median(samples.map((s) => s[key]).filter((v) => v !== undefined));
  const figures = {
    catalogMs: pick('catalogMs'),
    processMs: Math.round(pick('processMs')),
    medianScenarioMs: pick('medianScenarioMs'),
    catalogMsPerRun: Math.round(pick('catalogMsPerRun')),
    concurrent: samples[0].concurrent,
    harnessPeakRssMb: Math.round(pick('harnessPeakRssMb')),
    samlspecAndChromiumCpuMs: pick('samlspecAndChromiumCpuMs'),
    spCpuMs: pick('spCpuMs'),
    scenarios: samples[0].scenarios,
    runs: samples[0].runs,
    failures: samples[0].failures,
    errors: samples[0].errors,
    targets: { medianScenarioMs: TARGET_MEDIAN_MS },
    method: {
      rounds,
      mode: 'browser',
      target: 'strict reference SP in its own process (127.0.0.1), mock IdP on localhost (another site)',
      browser: browserPath,
      statistic:
        "median over rounds; catalogMs = report startedAt..finishedAt (scenarios only); medianScenarioMs = median of the scenarios' durationMs (context opened to screenshot written); processMs = the whole samlspec run process",
      cpus: cpus().length,
      node: process.version,
      measuredAt: new Date().toISOString(),
    },
  };
  console.table({
    'browser catalog wall time (ms)': figures.catalogMs,
    'whole process (ms)': figures.processMs,
    'per-scenario median (ms)': figures.medianScenarioMs,
    'catalog time per run (ms)': figures.catalogMsPerRun,
    'scenarios at a time': figures.concurrent,
    'samlspec + Chromium CPU (ms)': figures.samlspecAndChromiumCpuMs,
    'SP CPU (ms)': figures.spCpuMs,
  });
  if (figures.medianScenarioMs > TARGET_MEDIAN_MS)
    console.log(
      `per-scenario median ${figures.medianScenarioMs} ms is above the ${TARGET_MEDIAN_MS} ms target`,
    );
  mergeResults('browser', figures);
  rmSync(work, { recursive: true, force: true });
}

await main();
