/**
 * @module End to end: the whole catalog against the two reference SPs built on SAML libraries, each
 * with its normal secure settings (SP-initiated only, so the run is told so). Their findings are known
 * and recorded in fixtures/sps/<sp>/expected-findings.ts; every result must match: exactly those fail
 * (or are non-strict), the rest pass, are info or skipped, and nothing is a harness error.
 */
import { describe, expect, it, vi } from 'vitest';
import { startNodeSamlSp } from '../../fixtures/sps/node-saml-sp/server.js';
import { startSamlifySp } from '../../fixtures/sps/samlify-sp/server.js';
import { NODE_SAML_FINDINGS } from '../../fixtures/sps/node-saml-sp/expected-findings.js';
import { SAMLIFY_FINDINGS } from '../../fixtures/sps/samlify-sp/expected-findings.js';
import { runCatalogOnLibrarySp } from './support/run-catalog.js';
import { diffFindings, harnessErrors } from './support/findings.js';

const SPS = [
  {
    name: 'node-saml',
    start: (idpMetadataUrl: string) => startNodeSamlSp({ idpMetadataUrl }),
    findings: NODE_SAML_FINDINGS,
  },
  {
    name: 'samlify',
    start: (idpMetadataUrl: string) => startSamlifySp({ idpMetadataUrl }),
    findings: SAMLIFY_FINDINGS,
  },
] as const;

describe('library reference SPs × the whole catalog', () => {
  it.each(SPS.map((sp) => [sp.name, sp] as const))(
    '%s SP: exactly its recorded findings, no harness error',
    async (name, sp) => {
      // samlify's schema validator logs every invalid message (console.debug, console.error): hundreds of lines.
      for (const method of ['log', 'debug', 'info', 'warn', 'error'] as const)
        vi.spyOn(console, method).mockImplementation(() => undefined);
      const { report, wallMs } = await runCatalogOnLibrarySp(sp.start, { idpInitiated: false }).finally(() =>
        vi.restoreAllMocks(),
      );
      console.log(`${name} SP: ${report.results.length} results in ${(wallMs / 1000).toFixed(1)} s`);
      expect(harnessErrors(report), `${name}: harness errors`).toEqual([]);
      expect(diffFindings(report, sp.findings), `${name}: findings`).toEqual({ unexpected: [], missing: [] });
    },
    300_000,
  );
});
