/**
 * @module End to end: verdicts that mean something. Calibration finds the signing option an SP needs;
 * an SP that signs nobody in can make no run pass; an SP that dies on an input is reported with that
 * input as a must failure (denial of service), with no harness errors after it — whether a supervisor
 * restarts it (the run goes on) or not (the rest is "not run").
 */
import { describe, expect, it } from 'vitest';
import { createSigningCertificate } from '../../mock-idp/keys/signing-certificate.js';
import { runCatalog, runCatalogOnReferenceSp, SP_DOMAIN } from './support/run-catalog.js';
import { startReferenceSp } from '../../fixtures/sps/reference-sp/server.js';
import { findingKeys, harnessErrors, resultKey } from './support/findings.js';
import { startProcessSp } from './support/process-sp.js';
import { exitCodeFor } from '../run/exit-code.js';
import type { RunReport } from '../../reports/types.js';

/** Scenarios that send what Entra sends out of the box: an SP that needs a signed Response refuses them. */
const DEFAULT_REFUSED = [
  'profiles/4.1.4.5/entra-default-response',
  'entra/signing/sign-assertion-sha256',
  'bindings/3.5.5.2/destination-missing-unsigned-response',
];
const DUPLICATE_ID = 'attacks/xml/duplicate-id-attribute';
/** The duplicate-ID input: an Assertion start tag with a second ID attribute. */
const CRASH_ON = '<(?:saml:)?Assertion\\b[^>]*\\sID="[^"]*"[^>]*\\sID="';

const outcomesOf = (report: RunReport): Record<string, string> =>
  Object.fromEntries(report.results.map((r) => [resultKey(r), r.outcome]));

describe('calibration', () => {
  it('finds "Sign SAML response and assertion" for an SP that requires a signed Response, and judges the rest with it', async () => {
    const { report } = await runCatalogOnReferenceSp({ wantResponseSigned: true });
    const byFlow = Object.fromEntries((report.calibration ?? []).map((c) => [c.flow, c]));
    for (const flow of ['sp-initiated', 'idp-initiated'] as const) {
      expect(byFlow[flow]?.status, flow).toBe('calibrated');
      expect(byFlow[flow]?.option, flow).toBe('both');
      expect(byFlow[flow]?.configuredRefused, flow).toBe(true);
    }
    expect(harnessErrors(report)).toEqual([]);
    // Entra's default stays a finding; nothing else is.
    const failing = new Set(findingKeys(report).map((k) => k.slice(0, k.lastIndexOf('@'))));
    expect([...failing].sort()).toEqual([...DEFAULT_REFUSED].sort());
    // Scenarios that do not choose an option were signed the calibrated way.
    const recipient = report.results.find((r) => r.id === 'profiles/4.1.4.3/recipient-mismatch');
    expect(recipient?.signingOption).toBe('both');
    expect(recipient?.outcome).toBe('pass');
  });

  it('with --signing-option fixed, does not search', async () => {
    const { report } = await runCatalogOnReferenceSp(
      { wantResponseSigned: true },
      { scenarios: ['profiles/4.1.4.3/recipient-mismatch'], signingOption: 'response-and-assertion' },
    );
    expect(report.calibration?.map((c) => [c.status, c.attempts.length])).toEqual([
      ['fixed', 1],
      ['fixed', 1],
    ]);
  });

  it('reports an SP that refuses every unsolicited response as SP-initiated only, and runs only the checks that it refuses them', async () => {
    const { report } = await runCatalogOnReferenceSp(
      { allowUnsolicited: false },
      { idpInitiated: 'undeclared', scenarios: ['profiles/4.1.5', 'profiles/4.1.4.3/recipient-mismatch'] },
    );
    const idp = report.calibration?.find((c) => c.flow === 'idp-initiated');
    expect(idp?.status).toBe('sp-initiated-only');
    const outcomes = outcomesOf(report);
    expect(outcomes['profiles/4.1.5/unsolicited-to-sp-initiated-only@idp-initiated']).toBe('pass');
    expect(outcomes['profiles/4.1.4.3/recipient-mismatch@idp-initiated']).toBe('skipped');
    expect(harnessErrors(report)).toEqual([]);
  });
});

describe('no vacuous pass', () => {
  /** An SP configured with another IdP's certificate: it signs nobody in. */
  const refusesEverything = (scenarios: string[]) =>
    runCatalog(
      async (idp) => {
        const sp = await startReferenceSp({
          spDomain: SP_DOMAIN,
          host: '127.0.0.1',
          idpMetadataXml: idp.xml.replace(
            /<X509Certificate>[^<]+<\/X509Certificate>/g,
            `<X509Certificate>${otherCertificate()}</X509Certificate>`,
          ),
        });
        return { metadataXml: sp.metadataXml, loginUrl: sp.loginUrl, probeUrl: sp.probeUrl, close: sp.close };
      },
      { scenarios },
    );

  it('a run of only refusal scenarios against an SP that signs nobody in is inconclusive, exit 2', async () => {
    const { report } = await refusesEverything(['attacks/xsw']);
    expect(report.calibration?.map((c) => c.status)).toEqual(['refused', 'refused']);
    expect(report.results.filter((r) => r.outcome === 'pass')).toEqual([]);
    expect(report.summary.inconclusive).toBeGreaterThan(0);
    expect(exitCodeFor(report, false)).toBe(2);
  });

  it('the whole catalog against it gives no pass at all', async () => {
    const { report } = await refusesEverything([]);
    expect(report.summary.passed).toBe(0);
    expect(exitCodeFor(report, false)).toBe(2);
  });
});

describe('liveness: the input that crashed the SP', () => {
  const selection = ['attacks/xml', 'profiles/4.1.4.3'];

  it('with a supervisor: that input is a must failure, the run goes on, no harness errors', async () => {
    let starts = 0;
    const { report } = await runCatalog(
      async (idp) => {
        const sp = await startProcessSp({ idpMetadataXml: idp.xml, crashOn: CRASH_ON, supervised: true });
        return { ...sp, close: async () => ((starts = sp.starts()), sp.close()) };
      },
      { scenarios: selection, spRecoveryMs: 15_000 },
    );
    expect(harnessErrors(report)).toEqual([]);
    const crashed = report.results.filter((r) => r.id === DUPLICATE_ID);
    expect(crashed.map((r) => [r.outcome, r.level])).toEqual([
      ['fail', 'must'],
      ['fail', 'must'],
    ]);
    expect(crashed[0]?.actual).toMatch(/denial of service/);
    expect(findingKeys(report).every((k) => k.startsWith(DUPLICATE_ID))).toBe(true);
    expect(report.results.filter((r) => r.notRun)).toEqual([]);
    expect(report.liveness?.spDown.every((e) => e.recovered)).toBe(true);
    expect(starts).toBeGreaterThan(1);
    expect(exitCodeFor(report, false)).toBe(1);
    // Each crash waits for the supervisor to restart a Node process: slow on a loaded machine.
  }, 180_000);

  it('without one: that input is a must failure and the rest is "not run", still no harness errors', async () => {
    const { report } = await runCatalog(
      async (idp) => startProcessSp({ idpMetadataXml: idp.xml, crashOn: CRASH_ON }),
      { scenarios: selection, workers: 1, spRecoveryMs: 500 },
    );
    expect(harnessErrors(report)).toEqual([]);
    const first = report.results.find((r) => r.id === DUPLICATE_ID);
    expect([first?.outcome, first?.level]).toEqual(['fail', 'must']);
    const notRun = report.results.filter((r) => r.notRun === 'sp-down');
    expect(notRun.length).toBeGreaterThan(0);
    expect(report.liveness?.spDown[0]).toMatchObject({ recovered: false, notRun: notRun.length });
    expect(exitCodeFor(report, false)).toBe(1);
  });
});

let other: string | undefined;
function otherCertificate(): string {
  other ??= createSigningCertificate({ commonName: 'Not the IdP' })
    .certificatePem.replace(/-----[^-]+-----/g, '')
    .replace(/\s+/g, '');
  return other;
}
