import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrlFor, openConfiguredState } from '../../mock-idp/start-mock-idp.js';
import { ensureApp } from '../../mock-idp/default-app.js';
import { appMetadataFor } from '../../mock-idp/metadata/app-metadata.js';
import { startReferenceSp } from '../../fixtures/sps/reference-sp/server.js';
import type { ReferenceSpHandle } from '../../fixtures/sps/reference-sp/options.js';
import { sampleResults } from '../../reports/test-support/sample-report.js';
import { runVerdict } from '../../reports/verdict.js';
import { EXIT } from '../errors.js';
import { executeRun } from './execute-run.js';
import { FailureLimit } from './max-failures.js';
import { freePort } from './free-port.js';
import { parseRunConfig } from './run-config.js';

const HOST = '127.0.0.1';
let port: number;
let state: ReturnType<typeof openConfiguredState>;
let sp: ReferenceSpHandle;

// A naive SP that verifies no signature: every signature attack is a finding.
beforeAll(async () => {
  port = await freePort(HOST);
  state = openConfiguredState({});
  const app = ensureApp(state.defaultTenant);
  const idpMetadataXml = appMetadataFor(state.defaultTenant, app, baseUrlFor(HOST, port), state.ids).toString(
    'utf8',
  );
  sp = await startReferenceSp({ idpMetadataXml, host: HOST, weaknesses: ['no-signature-check'] });
});
afterAll(() => sp.close());

async function run(maxFailures: number | undefined) {
  const config = parseRunConfig(
    {
      sp: { metadata: 'in memory', loginUrl: sp.loginUrl, probe: sp.probeUrl, idpInitiated: true },
      idp: { port, host: HOST },
      run: {
        scenarios: ['attacks/signature'],
        reporters: [],
        workers: 1,
        ...(maxFailures ? { maxFailures } : {}),
      },
    },
    'test',
  );
  return executeRun(config, { state, spMetadataXml: sp.metadataXml });
}

describe('--max-failures', () => {
  it('stops scheduling at the Nth finding, marks the report, and exits as the findings say', async () => {
    const full = await run(undefined);
    expect(full.report.summary.failed).toBeGreaterThan(3);
    expect([full.report.interrupted, full.report.interruptedBy]).toEqual([false, undefined]);

    const { report, exitCode } = await run(2);
    expect(report.summary.failed).toBe(2);
    expect(report.results.length).toBeLessThan(full.report.results.length);
    expect([report.interrupted, report.interruptedBy]).toEqual([true, { reason: 'max-failures', limit: 2 }]);
    expect(exitCode).toBe(EXIT.findings);
    expect(report.target.notes.some((n) => n.includes('--max-failures 2'))).toBe(true);
    expect(runVerdict(report).tone).toBe('fail');
    expect(runVerdict(report).headline).toMatch(/^Stopped at --max-failures 2\. FAILED: 2 findings/);
  });

  it('leaves a run that never reaches the limit as it was', async () => {
    const { report, exitCode } = await run(1000);
    expect([report.interrupted, report.interruptedBy, exitCode]).toEqual([false, undefined, EXIT.findings]);
  });
});

describe('FailureLimit', () => {
  const nonStrict = sampleResults.find((r) => r.outcome === 'non-strict')!;
  const failed = sampleResults.find((r) => r.outcome === 'fail')!;

  it('counts what the exit code counts: a broken SHOULD only under --strict', () => {
    const lenient = new FailureLimit(1, false, undefined);
    lenient.count(nonStrict);
    expect(lenient.reached).toBe(false);
    lenient.count(failed);
    expect([lenient.reached, lenient.accepting, lenient.signal.aborted]).toEqual([true, false, true]);
    const strict = new FailureLimit(1, true, undefined);
    strict.count(nonStrict);
    expect(strict.reached).toBe(true);
  });

  it('stops with Ctrl-C too, without calling that the limit', () => {
    const ctrlC = new AbortController();
    const limit = new FailureLimit(undefined, false, ctrlC.signal);
    limit.count(failed);
    expect(limit.accepting).toBe(true);
    ctrlC.abort();
    expect([limit.accepting, limit.reached]).toEqual([false, false]);
  });
});
