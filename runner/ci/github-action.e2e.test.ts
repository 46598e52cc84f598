/**
 * The GitHub Action (action.yml) run as GitHub runs a composite action — inputs from `with:`, each
 * `run:` step in bash with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files — against the reference SP
 * started with `samlspec reference-sp`, as the README's CI recipe does: strict, and broken with
 * `--weakness no-recipient-check` (a finding in profiles/4.1.4.3). Everything on loopback, free ports.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/types.js';
import { freePort } from '../run/free-port.js';
import { runCompositeAction, type ActionRun } from './test-support/composite-action-runner.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'bin/samlspec.js');
/** Few scenarios, enough for the recipient checks the broken SP lacks. */
const SCENARIOS = 'profiles/4.1.4.3';

let workspace: string;
let idpPort: number;
const sps: { process: ChildProcess; baseUrl: string }[] = [];
let strict: string;
let broken: string;

async function startReferenceSp(...args: string[]): Promise<string> {
  const child = spawn(
    process.execPath,
    [CLI, 'reference-sp', '--idp-metadata', 'idp-metadata.xml', '--port', '0', ...args],
    { cwd: workspace, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  const baseUrl = String(first.value);
  expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  sps.push({ process: child, baseUrl });
  return baseUrl;
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'samlspec-action-'));
  idpPort = await freePort('127.0.0.1');
  // The recipe's step 1: the IdP metadata, from the state the run will use (.samlspec in the workspace).
  execFileSync(
    process.execPath,
    [CLI, 'idp', 'metadata', '--port', String(idpPort), '--out', 'idp-metadata.xml'],
    {
      cwd: workspace,
    },
  );
  strict = await startReferenceSp();
  broken = await startReferenceSp('--weakness', 'no-recipient-check');
});

afterAll(async () => {
  // `samlspec reference-sp` stops cleanly on SIGTERM, as a CI job's end sends it.
  const codes = await Promise.all(
    sps.map(
      ({ process: child }) =>
        new Promise<number | null>((resolve) => {
          if (child.exitCode !== null) return resolve(child.exitCode);
          child.once('exit', (code) => resolve(code));
          child.kill('SIGTERM');
        }),
    ),
  );
  expect(codes.every((code) => code === 0)).toBe(true);
});

function runAction(sp: string, inputs: Record<string, string>): Promise<ActionRun> {
  return runCompositeAction({
    actionPath: ROOT,
    workspace,
    with: {
      'sp-metadata': `${sp}/metadata`,
      'login-url': `${sp}/login`,
      probe: '/me',
      'idp-port': String(idpPort),
      'extra-args': SCENARIOS,
      ...inputs,
    },
  });
}

const step = (run: ActionRun, name: RegExp) => run.steps.find((s) => name.test(s.name))!;
const report = (run: ActionRun): RunReport =>
  JSON.parse(readFileSync(join(workspace, run.outputs['report-path']!), 'utf8')) as RunReport;

describe('the GitHub Action against the reference SP', () => {
  it('fails the step on a broken SP, with one annotation per finding, the summary, the outputs and the artifact', async () => {
    const run = await runAction(broken, { 'output-dir': 'reports-broken' });

    expect(run.conclusion).toBe('failure');
    expect(step(run, /^Run samlspec/)).toMatchObject({ conclusion: 'failure', exitCode: 1 });
    expect(run.outputs).toMatchObject({ 'exit-code': '1', errors: '0', 'report-dir': 'reports-broken' });
    const findings = Number(run.outputs.findings);
    expect(findings).toBeGreaterThan(0);
    expect(report(run).summary.failed).toBe(findings);

    const failed = run.annotations.filter((a) => a.properties.title?.startsWith('samlspec failed: '));
    expect(failed).toHaveLength(findings);
    expect(failed.every((a) => a.level === 'error')).toBe(true);
    expect(failed.map((a) => a.properties.title)).toContain(
      'samlspec failed: profiles/4.1.4.3/recipient-mismatch [sp-initiated]',
    );
    expect(failed[0]!.message).toMatch(/^MUST: .*\nExpected: .*\nActual: .*\nFix: /);

    // The job summary holds the Markdown summary once (markdown and github reporters both could append it).
    expect(run.summary.match(/^## ❌ samlspec: FAILED/gm)).toHaveLength(1);

    // The artifact upload runs even though the step before it failed, with the reports folder.
    const upload = step(run, /^Upload/);
    expect(upload.uses).toMatch(/^actions\/upload-artifact@v\d+$/);
    expect(upload.if).toMatch(/always\(\)/);
    expect(upload).toMatchObject({
      conclusion: 'would-run',
      with: { name: 'samlspec-reports', path: 'reports-broken' },
    });
    for (const file of [
      'samlspec-report.json',
      'samlspec-junit.xml',
      'samlspec-report.html',
      'samlspec-summary.md',
    ])
      expect(existsSync(join(workspace, 'reports-broken', file)), file).toBe(true);
  });

  it('lets the step pass on findings with fail-on: errors, still annotating them', async () => {
    const run = await runAction(broken, {
      'output-dir': 'reports-errors',
      'fail-on': 'errors',
      'upload-artifact': 'false',
    });
    expect(run.conclusion).toBe('success');
    expect(run.outputs['exit-code']).toBe('1');
    expect(run.annotations.filter((a) => a.level === 'error')).toHaveLength(Number(run.outputs.findings));
    expect(step(run, /^Upload/).conclusion).toBe('skipped');
  });

  it('passes the strict SP: exit 0, no findings, no annotations, a green summary', async () => {
    const run = await runAction(strict, { 'output-dir': 'reports-strict' });
    expect(run.conclusion).toBe('success');
    expect(run.outputs).toMatchObject({ 'exit-code': '0', findings: '0', errors: '0' });
    expect(run.annotations).toEqual([]);
    expect(run.summary).toMatch(/^## ✅ samlspec: PASSED/m);
  });

  it('reports a configuration error (no SP given) as exit 2, with an annotation and a summary, per fail-on', async () => {
    const inputs = { 'sp-metadata': '', 'login-url': '', probe: '', 'output-dir': 'reports-none' };
    const failing = await runCompositeAction({ actionPath: ROOT, workspace, with: inputs });
    expect(failing.conclusion).toBe('failure');
    expect(failing.outputs).toMatchObject({ 'exit-code': '2', findings: '', 'report-path': '' });
    expect(failing.annotations.map((a) => [a.level, a.properties.title])).toEqual([
      ['error', 'samlspec: no report'],
    ]);
    expect(failing.summary).toContain('samlspec: no report');

    const never = await runCompositeAction({
      actionPath: ROOT,
      workspace,
      with: { ...inputs, 'fail-on': 'never' },
    });
    expect([never.conclusion, never.outputs['exit-code']]).toEqual(['success', '2']);
  });

  it('refuses a fail-on it does not know before running anything', async () => {
    const run = await runAction(strict, { 'fail-on': 'sometimes', 'output-dir': 'reports-bad-input' });
    expect(run.conclusion).toBe('failure');
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.annotations[0]?.message).toContain('fail-on: "sometimes"');
    expect(existsSync(join(workspace, 'reports-bad-input'))).toBe(false);
  });
});
