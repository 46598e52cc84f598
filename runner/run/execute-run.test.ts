/**
 * A run writes every selected report however it ends — here, the ways it ends before the first
 * scenario: the SP unreachable, Entra refusing its AuthnRequest (an unregistered ACS URL, Sentry's
 * trailing slash), the SP leading the browser off the named origins, its metadata unreadable, nothing
 * selected. The run-level error is a JUnit <error> and `summary.runError` in the JSON report, and the
 * caller still gets the HarnessError (exit 2). Against hostile SPs, with the network guard on.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openConfiguredState, baseUrlFor } from '../../mock-idp/start-mock-idp.js';
import type { RunReport } from '../../reports/types.js';
import {
  startFaultSp,
  startTrap,
  type FaultSp,
  type FaultSpOptions,
  type Trap,
} from '../../test-support/fault-sp.js';
import { useNetworkGuard } from '../../test-support/network-guard.js';
import { HarnessError } from '../errors.js';
import { executeRun } from './execute-run.js';
import { exitCodeFor } from './exit-code.js';
import { freePort } from './free-port.js';
import { parseRunConfig, type RunConfigInput } from './run-config.js';
import { REDACTED } from './redact-secrets.js';

useNetworkGuard();

const REPORTERS = ['json', 'junit', 'markdown', 'html'];
let trap: Trap;
const closing: Array<() => Promise<void>> = [];
beforeAll(async () => {
  trap = await startTrap();
});
afterAll(() => trap.close());
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
  expect(trap.hits, 'requests that reached another origin').toEqual([]);
});

interface Setup {
  sp: FaultSp;
  run: (overrides?: { sp?: RunConfigInput['sp']; run?: RunConfigInput['run'] }) => Promise<{
    error: unknown;
    report: RunReport;
    junit: string;
    dir: string;
  }>;
}

async function setup(spOptions: FaultSpOptions = {}): Promise<Setup> {
  const state = openConfiguredState({});
  const port = await freePort();
  const idpLoginUrl = `${baseUrlFor('127.0.0.1', port)}/${state.defaultTenant.tenant.tenantId}/saml2`;
  const sp = await startFaultSp({ idpLoginUrl, ...spOptions });
  closing.push(() => sp.close());
  return {
    sp,
    run: async (overrides = {}) => {
      const dir = mkdtempSync(join(tmpdir(), 'samlspec-run-'));
      const config = parseRunConfig(
        {
          sp: { metadata: sp.metadataUrl, loginUrl: sp.loginUrl, probe: sp.probeUrl, ...overrides.sp },
          idp: { port, host: '127.0.0.1' },
          run: {
            scenarios: ['profiles/4.1.4.3/recipient-mismatch'],
            reporters: REPORTERS,
            outputDir: dir,
            timeoutMs: 2000,
            ...overrides.run,
          },
        },
        'test',
      );
      const error = await executeRun(config, { state }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const files = {
        json: 'samlspec-report.json',
        junit: 'samlspec-junit.xml',
        markdown: 'samlspec-summary.md',
        html: 'samlspec-report.html',
      };
      for (const name of (overrides.run?.reporters ?? REPORTERS) as (keyof typeof files)[])
        expect(existsSync(join(dir, files[name])), files[name]).toBe(true);
      return {
        error,
        report: JSON.parse(readFileSync(join(dir, 'samlspec-report.json'), 'utf8')) as RunReport,
        junit: readFileSync(join(dir, 'samlspec-junit.xml'), 'utf8'),
        dir,
      };
    },
  };
}

function expectStopped(result: Awaited<ReturnType<Setup['run']>>, code: string): void {
  expect(result.error).toBeInstanceOf(HarnessError);
  expect((result.error as HarnessError).code).toBe(code);
  expect(result.report.summary.runError?.code).toBe(code);
  expect(exitCodeFor(result.report, false)).toBe(2);
  expect(result.junit).toMatch(new RegExp(`<error [^>]*type="${code}"`));
  // Markdown escapes the underscores.
  expect(readFileSync(join(result.dir, 'samlspec-summary.md'), 'utf8')).toContain(code.replace(/_/g, '\\_'));
}

describe('reports are written when the run stops before its first scenario', () => {
  it('the SP login URL does not answer (calibration: TARGET_UNREACHABLE)', async () => {
    const { run } = await setup();
    const closed = await freePort();
    expectStopped(await run({ sp: { loginUrl: `http://127.0.0.1:${closed}/login` } }), 'TARGET_UNREACHABLE');
  });

  it('the SP hangs (calibration: TARGET_UNREACHABLE within the time limit)', async () => {
    const { sp, run } = await setup();
    sp.setFault('login', { kind: 'hang' });
    expectStopped(await run({ run: { timeoutMs: 1000 } }), 'TARGET_UNREACHABLE');
  });

  it('Entra refuses the AuthnRequest: an ACS URL the app does not register (AADSTS50011)', async () => {
    const { run } = await setup({ acsUrl: 'https://elsewhere.example/acs' });
    const result = await run();
    expectStopped(result, 'IDP_REFUSED_REQUEST');
    expect(result.report.summary.runError?.message).toContain('AADSTS50011');
  });

  it("Entra refuses the AuthnRequest: an Issuer with a trailing slash the Identifier lacks (AADSTS650056, Sentry's check)", async () => {
    const { run } = await setup({ issuer: (entityId) => `${entityId}/` });
    const result = await run();
    expectStopped(result, 'IDP_REFUSED_REQUEST');
    expect(result.report.summary.runError?.message).toContain('AADSTS650056');
  });

  it('the SP sends the browser to another origin (OFF_ORIGIN), which is never contacted', async () => {
    const { sp, run } = await setup();
    sp.setFault('login', { kind: 'redirect', to: `${trap.url}/phish` });
    expectStopped(await run(), 'OFF_ORIGIN');
    sp.setFault('login', { kind: 'redirect', to: 'http://evil.example/phish' });
    expectStopped(await run(), 'OFF_ORIGIN');
  });

  it('the SP metadata cannot be read (BAD_CONFIG), before the IdP starts', async () => {
    const { sp, run } = await setup();
    sp.setFault('metadata', { kind: 'huge-body', declared: false });
    const result = await run();
    expectStopped(result, 'BAD_CONFIG');
    expect(result.report.target.spEntityId).toBeUndefined();
  });

  it('no scenario matches the selection (BAD_CONFIG)', async () => {
    const { run } = await setup();
    expectStopped(await run({ run: { scenarios: ['no/such/prefix'] } }), 'BAD_CONFIG');
  });
});

describe('every fault of the SP ends the run with reports, and nothing off the named origins', () => {
  it('at the ACS and the probe: hangs, resets, 500s, 50 MB bodies, loops, off-site redirects, floods, slowness', async () => {
    const { sp, run } = await setup();
    const faults = [
      { kind: 'hang' },
      { kind: 'reset-mid-body' },
      { kind: 'status', status: 500 },
      { kind: 'huge-body', declared: false },
      { kind: 'redirect-loop' },
      { kind: 'redirect', to: `${trap.url}/landing` },
      { kind: 'redirect', to: 'http://evil.example/landing' },
      { kind: 'cookie-flood', count: 300, bytes: 1 },
      { kind: 'header-flood' },
      { kind: 'slow', intervalMs: 100, endless: true },
    ] as const;
    for (const route of ['acs', 'probe'] as const) {
      for (const fault of faults) {
        sp.setFault(route, fault);
        const result = await run({ run: { timeoutMs: 1000, reporters: ['json', 'junit'] } });
        const outcome =
          result.report.summary.runError?.code ?? result.report.results.map((r) => r.outcome).join();
        // Nothing is judged against an SP that never signs the baseline user in: never a pass.
        expect(outcome, `${route} ${fault.kind}`).not.toContain('pass');
        expect(exitCodeFor(result.report, false), `${route} ${fault.kind}`).toBe(2);
      }
      sp.setFault(route, undefined);
    }
  }, 120_000);

  it('the SP dies after its first answers', async () => {
    const { run } = await setup({ dieAfterRequests: 2 });
    const result = await run();
    expect(exitCodeFor(result.report, false)).toBe(2);
  });
});

describe('secrets in reports', () => {
  it("redacts the SP's Set-Cookie values by default, and keeps them with keepSecrets", async () => {
    const { run } = await setup({ cookies: ['sid=s3cr3t-session; Path=/; HttpOnly; SameSite=None; Secure'] });
    const text = (r: Awaited<ReturnType<Setup['run']>>) => JSON.stringify(r.report);
    const redacted = await run();
    expect(text(redacted)).not.toContain('s3cr3t-session');
    expect(text(redacted)).toContain(`sid=${REDACTED}; Path=/; HttpOnly; SameSite=None; Secure`);
    const kept = await run({ run: { keepSecrets: true } });
    expect(text(kept)).toContain('sid=s3cr3t-session');
  });
});
