/**
 * @module End to end: each `--profile` against its product-like fixture SP (fixtures/sps/profile-sps),
 * configured from the mock IdP the way the product takes it (metadata file, metadata URL, or by hand).
 * The strict SP passes the whole catalog with its profile, account-lifecycle scenarios included; each
 * broken variant fails exactly its recorded scenarios (expected-findings.ts); and a Sentry SP whose
 * Issuer lacks the trailing slash is stopped before the run with Entra's AADSTS650056.
 */
import { describe, expect, it } from 'vitest';
import { baseUrlFor, openConfiguredState } from '../../mock-idp/start-mock-idp.js';
import { ensureApp } from '../../mock-idp/default-app.js';
import { PROFILE_VARIANTS } from '../../fixtures/sps/profile-sps/expected-findings.js';
import { SP_PROFILE_NAMES, type SpProfileName } from '../../scenarios/sp-profiles/index.js';
import { startDemoSp } from '../commands/demo-sp.js';
import { executeRun, type ExecuteResult } from '../run/execute-run.js';
import { parseRunConfig } from '../run/run-config.js';
import { HarnessError } from '../errors.js';
import { withFreePort } from '../run/free-port.js';
import { diffFindings, harnessErrors, resultKey } from './support/findings.js';

const HOST = '127.0.0.1';

async function runProfile(
  profile: SpProfileName,
  options: { broken?: readonly string[]; scenarios?: readonly string[] } = {},
): Promise<ExecuteResult> {
  return withFreePort((port) => runProfileOnPort(port, profile, options));
}

async function runProfileOnPort(
  port: number,
  profile: SpProfileName,
  options: { broken?: readonly string[]; scenarios?: readonly string[] },
): Promise<ExecuteResult> {
  const state = openConfiguredState({});
  const app = ensureApp(state.defaultTenant);
  const sp = await startDemoSp(
    profile,
    { state, app, baseUrl: baseUrlFor(HOST, port) },
    { host: HOST, ...(options.broken ? { broken: options.broken } : {}) },
  );
  try {
    const config = parseRunConfig(
      {
        sp: sp.sp,
        idp: { port, host: HOST },
        run: { scenarios: [...(options.scenarios ?? [])], reporters: [], workers: 4, quiet: true },
      },
      'e2e',
    );
    return await executeRun(config, { state, ...(sp.metadataXml ? { spMetadataXml: sp.metadataXml } : {}) });
  } finally {
    await sp.close();
  }
}

describe('profiles × their fixture SPs', () => {
  it.each(SP_PROFILE_NAMES.map((name) => [name] as const))(
    '%s: the strict fixture SP passes the whole catalog with its profile',
    async (profile) => {
      const { report, exitCode } = await runProfile(profile);
      expect(harnessErrors(report)).toEqual([]);
      const notPassed = report.results.filter(
        (r) => r.level !== 'info' && r.outcome !== 'pass' && r.outcome !== 'skipped',
      );
      expect(notPassed.map(resultKey)).toEqual([]);
      expect(exitCode).toBe(0);
      // The account scenarios really ran (the fixture shows account ids), except where the profile says
      // they do not apply to the product.
      const ran = report.results.filter((r) => r.id.startsWith('lifecycle/account/') && r.outcome === 'pass');
      expect(ran.length).toBeGreaterThanOrEqual(profile === 'heroku' ? 2 : 4);
      const skipped = report.results.filter((r) => r.outcome === 'skipped');
      for (const result of skipped) expect(result.actual, resultKey(result)).not.toMatch(/account-pattern/);
    },
    120_000,
  );

  it.each(PROFILE_VARIANTS.map((v) => [`${v.profile} --broken ${v.broken.join(',')}`, v] as const))(
    '%s fails exactly its recorded scenarios',
    async (_name, variant) => {
      const { report } = await runProfile(variant.profile, {
        broken: variant.broken,
        ...(variant.scenarios ? { scenarios: variant.scenarios } : {}),
      });
      expect(harnessErrors(report)).toEqual([]);
      expect(diffFindings(report, variant.mustFail)).toEqual({ unexpected: [], missing: [] });
    },
    120_000,
  );

  it("stops a Sentry SP whose Issuer lacks the Identifier's trailing slash with Entra's AADSTS650056", async () => {
    const run = runProfile('sentry', { broken: ['entity-id-without-trailing-slash'] });
    await expect(run).rejects.toBeInstanceOf(HarnessError);
    await expect(run).rejects.toMatchObject({ code: 'IDP_REFUSED_REQUEST' });
    await expect(run).rejects.toThrow(/AADSTS650056/);
  }, 60_000);
});
