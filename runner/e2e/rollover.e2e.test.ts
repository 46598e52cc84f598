/**
 * @module End to end: the certificate rollover phase (runner/run/rollover-phase.ts) against the reference
 * SP, in-process. The strict SP follows the rollover; each rollover weakness fails exactly its scenarios;
 * without a refresh hook nothing in the phase can pass.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/types.js';
import { runCatalogOnReferenceSp, SP_DOMAIN } from './support/run-catalog.js';
import { baseUrlFor, openConfiguredState } from '../../mock-idp/start-mock-idp.js';
import { ensureApp } from '../../mock-idp/default-app.js';
import { appMetadataFor } from '../../mock-idp/metadata/app-metadata.js';
import { tenantUrls } from '../../mock-idp/model/tenant.js';
import { startReferenceSp } from '../../fixtures/sps/reference-sp/server.js';
import { executeRun } from '../run/execute-run.js';
import { parseRunConfig } from '../run/run-config.js';
import { withFreePort } from '../run/free-port.js';
import { resultKey } from './support/findings.js';
import type { Weakness } from '../../fixtures/sps/reference-sp/weaknesses.js';

const P = 'entra/certificates';
const outcomes = (report: RunReport): Record<string, string> =>
  Object.fromEntries(report.results.map((r) => [resultKey(r), r.outcome]));
const both = (slug: string, outcome: string): Record<string, string> => ({
  [`${P}/${slug}@sp-initiated`]: outcome,
  [`${P}/${slug}@idp-initiated`]: outcome,
});
/** What the strict SP gets in the phase; each weakness's expectation lists only what differs. */
const STRICT = {
  'metadata-lists-two-certificates': 'pass',
  'rollover-new-active': 'pass',
  'rollover-retired': 'pass',
  'never-published-certificate': 'pass',
  'not-refreshed': 'info',
  'expired-certificate-still-signing': 'info',
};
const expected = (changes: Partial<typeof STRICT> = {}): Record<string, string> =>
  Object.assign({}, ...Object.entries({ ...STRICT, ...changes }).map(([slug, o]) => both(slug, o)));
const run = (weaknesses: Weakness[] = [], refresh = true): Promise<RunReport> =>
  runCatalogOnReferenceSp({ weaknesses }, { scenarios: [P], refresh }).then((r) => r.report);

describe('certificate rollover phase', () => {
  it('the strict SP follows the rollover: new certificate accepted, retired and unknown ones refused', async () => {
    expect(outcomes(await run())).toEqual(expected());
  }, 60_000);

  it('an SP that never re-reads the metadata fails the rollover and its refusals are not counted', async () => {
    const report = await run(['no-idp-metadata-refresh']);
    expect(outcomes(report)).toEqual(
      expected({
        // Signed in after the refresh, but it never re-reads the metadata: not judged.
        'metadata-lists-two-certificates': 'skipped',
        'rollover-new-active': 'fail',
        // It still trusts the retired certificate: that is accepted.
        'rollover-retired': 'fail',
        // Refusing an unknown certificate proves nothing when the new one is refused too.
        'never-published-certificate': 'skipped',
        'expired-certificate-still-signing': 'skipped',
      }),
    );
    // The "will break at rollover" observation names the date the certificate it trusts expires.
    for (const result of report.results.filter((r) => r.id === `${P}/not-refreshed`))
      expect(result.actual).toMatch(/\d{4}-\d{2}-\d{2}/);
  }, 60_000);

  it('an SP whose trust store never drops a certificate fails only the retired-certificate case', async () => {
    expect(outcomes(await run(['keep-retired-idp-certificates']))).toEqual(
      expected({
        'rollover-retired': 'fail',
      }),
    );
  }, 60_000);

  it('an SP whose metadata import takes one certificate only fails the two-certificate import, then follows the rollover', async () => {
    const report = await run(['one-idp-signing-certificate']);
    expect(outcomes(report)).toEqual(
      expected({
        'metadata-lists-two-certificates': 'non-strict',
      }),
    );
  }, 60_000);

  it('an SP that pins the metadata signer refuses the metadata Entra signs after the rollover: findings, not a harness error', async () => {
    const report = await run(['pinned-idp-metadata-signer']);
    expect(outcomes(report)).toEqual(
      expected({
        // It took both certificates from the metadata still signed with the old one, then refused the
        // metadata signed with the new one: the retired certificate stays trusted.
        'rollover-retired': 'fail',
      }),
    );
    expect(report.target.notes.some((n) => n.includes('could not re-read'))).toBe(true);
  }, 60_000);

  it("an SP that trusts the message's KeyInfo certificate fails both refusals", async () => {
    expect(outcomes(await run(['trust-keyinfo-cert']))).toEqual(
      expected({
        'rollover-retired': 'fail',
        'never-published-certificate': 'fail',
      }),
    );
  }, 60_000);

  it('without a refresh hook every rollover scenario is skipped, never passed', async () => {
    const report = await run([], false);
    expect(report.results).toHaveLength(12);
    expect(report.results.filter((r) => r.outcome !== 'skipped').map(resultKey)).toEqual([]);
  }, 60_000);
});

describe('certificate rollover phase: state and hook failures', () => {
  /** A run of the phase with a state this test holds, against the strict SP, with the given hook. */
  async function runWithState(hook: (sp: { refreshUrl: string }, metadataUrl: string) => string) {
    const state = openConfiguredState({});
    const app = ensureApp(state.defaultTenant);
    return withFreePort(async (port) => {
      const baseUrl = baseUrlFor('127.0.0.1', port);
      const xml = appMetadataFor(state.defaultTenant, app, baseUrl, state.ids).toString('utf8');
      const metadataUrl = tenantUrls(baseUrl, state.defaultTenant.tenant.tenantId).appMetadataUrl(app.appId);
      const sp = await startReferenceSp({
        idpMetadataXml: xml,
        idpMetadataRefreshUrl: metadataUrl,
        host: '127.0.0.1',
        spDomain: SP_DOMAIN,
      });
      const before = state.defaultTenant.requireApp(app.appId).certificates;
      try {
        const config = parseRunConfig(
          {
            sp: {
              metadata: 'in-memory (e2e)',
              loginUrl: sp.loginUrl,
              probe: sp.probeUrl,
              idpInitiated: true,
              refreshIdpMetadata: hook(sp, metadataUrl),
            },
            idp: { port, host: '127.0.0.1' },
            run: { scenarios: [P], reporters: [], quiet: true },
          },
          'e2e',
        );
        const outcome = await executeRun(config, { state, spMetadataXml: sp.metadataXml }).then(
          (r) => ({ report: r.report, code: undefined }),
          (error: unknown) => ({ report: undefined, code: (error as { code?: string }).code }),
        );
        const restored = state.defaultTenant.requireApp(app.appId);
        return {
          ...outcome,
          before,
          after: restored.certificates,
          publishesInactive: restored.publishInactiveCertificates,
        };
      } finally {
        await sp.close();
      }
    });
  }

  it("puts the app's certificates back after the phase (runs share a state directory)", async () => {
    const { report, before, after, publishesInactive } = await runWithState((sp) => sp.refreshUrl);
    expect(report?.results.filter((r) => r.outcome === 'pass')).toHaveLength(8);
    expect(after).toEqual(before);
    // The two-certificate metadata of the import step is switched off again.
    expect(publishesInactive).toBe(false);
  }, 60_000);

  it('an SP that cannot import metadata listing two certificates gets the import finding, not a pass', async () => {
    // A real refresh step in front of the strict SP that refuses metadata naming more than one certificate.
    const dir = mkdtempSync(join(tmpdir(), 'samlspec-one-cert-'));
    const script = join(dir, 'refresh.mjs');
    writeFileSync(
      script,
      [
        'const [metadataUrl, refreshUrl] = process.argv.slice(2);',
        'const xml = await (await fetch(metadataUrl)).text();',
        'const certs = new Set([...xml.matchAll(/<X509Certificate>([^<]+)</g)].map((m) => m[1]));',
        'if (certs.size > 1) process.exit(1);',
        "const res = await fetch(refreshUrl, { method: 'POST' });",
        'process.exit(res.ok ? 0 : 1);',
      ].join('\n'),
    );
    try {
      const { report } = await runWithState(
        (sp, metadataUrl) => `node ${script} ${metadataUrl} ${sp.refreshUrl}`,
      );
      expect(outcomes(report!)).toEqual(
        expected({
          'metadata-lists-two-certificates': 'non-strict',
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a refresh URL that answers an error stops the run as a configuration error, and restores', async () => {
    const { code, before, after } = await runWithState((sp) => `${sp.refreshUrl}/nope`);
    expect(code).toBe('BAD_CONFIG');
    expect(after).toEqual(before);
  }, 60_000);
});
