/**
 * Example: samlspec in your own Vitest (or Jest) suite. Your SP starts in-process, configured with the
 * mock Entra ID's metadata that runScenarios() hands it; the mock starts and stops with the run. Nothing
 * else is started by hand. Here the built-in reference SP stands in for yours.
 *
 * In your project, import from the package:
 *   import { runScenarios } from 'samlspec';
 */
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../runner/index.js';
import { startReferenceSp } from '../fixtures/sps/reference-sp/server.js';

describe('my SP, against samlspec', () => {
  it('signs the right user in and resists forged, expired and misdirected responses', async () => {
    const { report, exitCode } = await runScenarios({
      // Start the SP with the IdP's metadata (or metadataUrl, or loginUrl + issuer + certificatePem).
      sp: async (idp) => {
        const sp = await startReferenceSp({ idpMetadataXml: idp.metadataXml, spDomain: 'contoso.com' });
        return {
          metadataXml: sp.metadataXml,
          loginUrl: sp.loginUrl,
          probe: sp.probeUrl,
          domain: 'contoso.com',
          close: sp.close,
        };
      },
      // A part of the catalog, by id prefix (see `npx samlspec list`); --grep and --tag work too.
      scenarios: ['core/2.5.1', 'profiles/4.1.4', 'attacks/signature', 'attacks/xsw'],
    });
    // Anything the SP got wrong, or the harness could not judge, with its reason.
    const problems = report.results
      .filter((r) => ['fail', 'non-strict', 'error', 'inconclusive'].includes(r.outcome))
      .map((r) => `${r.outcome} ${r.id} [${r.flow}]: ${r.actual}`);
    expect(problems).toEqual([]);
    expect(report.summary.passed).toBeGreaterThan(50);
    expect(exitCode).toBe(0);
  });
});
