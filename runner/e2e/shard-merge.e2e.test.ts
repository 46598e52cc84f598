/**
 * Sharding end to end: shards of `samlspec demo` merged with `samlspec merge-reports` give the same
 * result per id@flow and the same exit code as one full run — for the strict SP (exit 0) and for a
 * broken one (exit 1); and an SP-initiated-only SP split into one run per shard is judged in every
 * shard as in the whole run (each shard calibrates what its part needs).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/types.js';
import { startReferenceSp } from '../../fixtures/sps/reference-sp/server.js';
import { runScenarios, type MockIdpForSp } from '../run-scenarios.js';
import { mergeShardReports } from '../run/merge-reports.js';
import { exitCodeFor } from '../run/exit-code.js';

const BIN = join(process.cwd(), 'bin/samlspec.js');
/**
 * Most of the catalog — every spec section, the Entra cases, account lifecycle and the XSW family —
 * so the file stays well under a minute on two CPUs with three demo runs side by side.
 */
const CATALOG_PART = ['core/', 'profiles/', 'bindings/', 'entra/', 'attacks/xsw', 'lifecycle/'];

function samlspec(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

const readReport = (dir: string): RunReport =>
  JSON.parse(readFileSync(join(dir, 'samlspec-report.json'), 'utf8')) as RunReport;

/** What a run decided: outcome (and level, which a profile may change) per id@flow, in report order. */
const verdicts = (report: RunReport): string[] =>
  report.results.map((r) => `${r.id}@${r.flow} ${r.level} ${r.outcome}`);

async function fullAndMerged(
  args: string[],
): Promise<{ full: RunReport; merged: RunReport; fullCode: number; mergedCode: number; work: string }> {
  const work = mkdtempSync(join(tmpdir(), 'samlspec-shards-'));
  const demo = (out: string, extra: string[] = []) =>
    samlspec(['demo', ...args, ...extra, '--reporter', 'json', '--output-dir', out], work);
  // As a CI matrix would: the shards side by side (and the full run for comparison).
  const [full, one, two] = await Promise.all([
    demo('full'),
    demo('shard-1', ['--shard', '1/2']),
    demo('shard-2', ['--shard', '2/2']),
  ]);
  expect(one.stderr).toMatch(/shard 1\/2: \d+ of \d+ scenario runs/);
  // Each shard judged its part (0 or 1); 2 would mean it could not.
  expect([0, 1], one.stderr).toContain(one.code);
  expect([0, 1], two.stderr).toContain(two.code);
  const merge = await samlspec(
    ['merge-reports', 'shard-1', 'shard-2', '--output-dir', 'merged', '--quiet'],
    work,
  );
  expect(merge.stderr).not.toMatch(/unexpected error/);
  return {
    full: readReport(join(work, 'full')),
    merged: readReport(join(work, 'merged')),
    fullCode: full.code,
    mergedCode: merge.code,
    work,
  };
}

describe('samlspec demo --shard i/n + merge-reports', () => {
  it('two shards merged equal one full run (exit 0), in every report format', async () => {
    const { full, merged, fullCode, mergedCode, work } = await fullAndMerged(CATALOG_PART);
    expect(fullCode).toBe(0);
    expect(mergedCode).toBe(fullCode);
    expect(verdicts(merged)).toEqual(verdicts(full));
    expect(merged.summary).toEqual(full.summary);
    expect(merged.calibration?.map((c) => c.summary)).toEqual(full.calibration?.map((c) => c.summary));
    expect(merged.target.notes[0]).toMatch(/^merged from 2 shards/);
    for (const file of ['samlspec-junit.xml', 'samlspec-report.html', 'samlspec-summary.md'])
      expect(existsSync(join(work, 'merged', file)), file).toBe(true);
  });

  it('with findings: the merged exit code is the full run’s (1), the same findings', async () => {
    const { full, merged, fullCode, mergedCode } = await fullAndMerged([
      'entra/tenants',
      'profiles/4.1.4.5',
      '--profile',
      'hanko',
      '--broken',
      'subdomain-match',
    ]);
    expect(fullCode).toBe(1);
    expect(mergedCode).toBe(1);
    expect(verdicts(merged)).toEqual(verdicts(full));
    expect(merged.results.filter((r) => r.outcome === 'fail').length).toBeGreaterThan(0);
  });
});

describe('runScenarios with shard: one run per shard', () => {
  it('an SP-initiated-only SP is judged in every shard as in the whole run', async () => {
    const selection = ['profiles/4.1.5/', 'profiles/4.1.4.5/unsigned', 'core/2.5.1.4/audience-other-sp'];
    const startSp = async (idp: MockIdpForSp) => {
      const sp = await startReferenceSp({ idpMetadataXml: idp.metadataXml, allowUnsolicited: false });
      return { metadataXml: sp.metadataXml, loginUrl: sp.loginUrl, probe: sp.probeUrl, close: sp.close };
    };
    const full = await runScenarios({ sp: startSp, scenarios: selection });
    const total = full.report.results.length;
    expect(full.report.calibration?.find((c) => c.flow === 'idp-initiated')?.status).toBe(
      'sp-initiated-only',
    );
    const shards = [];
    for (let current = 1; current <= total; current++)
      shards.push(await runScenarios({ sp: startSp, scenarios: selection, shard: { current, total } }));
    for (const shard of shards) expect(shard.report.results).toHaveLength(1);
    const merged = mergeShardReports(
      shards.map((s, i) => ({ source: `shard ${i + 1}`, dir: '/shards', report: s.report })),
      '/shards',
    );
    expect(verdicts(merged)).toEqual(verdicts(full.report));
    expect(exitCodeFor(merged, false)).toBe(full.exitCode);
    expect(full.exitCode).toBe(0);
  });
});
