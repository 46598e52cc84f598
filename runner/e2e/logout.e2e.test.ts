/**
 * @module End to end: the single logout phase (runner/run/logout-phase.ts) in-process, HTTP mode. The strict
 * reference SP with an SLO route passes it, each run with a user of its own, or the baseline user where the SP
 * signs only known users in; without --logout-url every logout scenario is skipped with the
 * reason, never passed; an SP that ends its session as soon as logout starts (node-saml's /logout) gets
 * `info` for the changed LogoutResponses, and its survived forged LogoutRequests are inconclusive, since
 * it does not take Entra's genuine one either. Each naive control's exact findings are checked by
 * catalog-controls.e2e.test.ts (LOGOUT_CONTROLS).
 */
import { describe, expect, it } from 'vitest';
import { startNodeSamlSp } from '../../fixtures/sps/node-saml-sp/server.js';
import { SLO_ROUTES } from '../../fixtures/sps/reference-sp/logout-controls.js';
import { startReferenceSp } from '../../fixtures/sps/reference-sp/server.js';
import { LIFECYCLE_USER_PREFIX } from '../engine/run-users.js';
import { NO_LOGOUT_URL_REASON } from '../run/plan.js';
import { runCatalog, runCatalogOnReferenceSp } from './support/run-catalog.js';
import { harnessErrors, resultKey } from './support/findings.js';

const LOGOUT = { scenarios: ['entra/logout'] };
const outcomes = (results: ReadonlyArray<{ id: string; outcome: string }>): Record<string, string> =>
  Object.fromEntries(results.map((r) => [r.id.replace('entra/logout/', ''), r.outcome]));

describe('single logout phase', () => {
  it('the strict reference SP with SLO passes every logout scenario, its LogoutRequest checked', async () => {
    const { report } = await runCatalogOnReferenceSp({ routes: SLO_ROUTES }, LOGOUT);
    expect(harnessErrors(report)).toEqual([]);
    expect(report.results).toHaveLength(9);
    expect(report.results.filter((r) => r.outcome !== 'pass').map(resultKey)).toEqual([]);
    const spLogout = report.results.find((r) => r.id === 'entra/logout/sp-initiated-logout')!;
    expect(spLogout.evidence.logoutRequest?.problems).toEqual([]);
    expect(spLogout.evidence.logoutRequest?.xml).toContain('SessionIndex');
    // Each run signs in a user of its own (an SP may find the session to end by NameID alone).
    const nameIds = report.results.map(
      (r) => /<(?:saml:)?NameID[^>]*>([^<]+)</.exec(r.evidence.responseSent?.baselineXml ?? '')?.[1],
    );
    expect(nameIds.every((id) => id?.startsWith(LIFECYCLE_USER_PREFIX))).toBe(true);
    expect(new Set(nameIds).size).toBe(nameIds.length);
  });

  it('an SP that signs only known users in: each logout run signs the baseline user in instead', async () => {
    const { report } = await runCatalogOnReferenceSp(
      {
        routes: SLO_ROUTES,
        onSignIn: ({ user }) =>
          user.nameId.startsWith('B.Simon@')
            ? { account: user.nameId }
            : { refuse: 'not-provisioned', message: 'Ask your administrator for an account.' },
      },
      LOGOUT,
    );
    expect(harnessErrors(report)).toEqual([]);
    expect(report.results.filter((r) => r.outcome !== 'pass').map(resultKey)).toEqual([]);
    const spLogout = report.results.find((r) => r.id === 'entra/logout/sp-initiated-logout')!;
    expect(spLogout.evidence.logoutRequest?.xml).toContain('B.Simon@');
  });

  it('without --logout-url, every logout scenario is skipped with the reason, none passed', async () => {
    // An SLO route, but the run is not told the logout URL.
    const { report } = await runCatalog(async (idp) => {
      const sp = await startReferenceSp({ idpMetadataXml: idp.xml, routes: SLO_ROUTES });
      return { metadataXml: sp.metadataXml, loginUrl: sp.loginUrl, probeUrl: sp.probeUrl, close: sp.close };
    }, LOGOUT);
    expect(report.results).toHaveLength(9);
    for (const result of report.results)
      expect([result.outcome, result.actual]).toEqual(['skipped', NO_LOGOUT_URL_REASON]);
  });

  it('an SP that ends its session at logout start gets info, and unprovable refusals are inconclusive', async () => {
    const { report } = await runCatalog(
      async (idp) => {
        const sp = await startNodeSamlSp({ idpMetadataUrl: idp.url });
        return {
          metadataXml: sp.metadataXml,
          loginUrl: `${sp.baseUrl}/login`,
          probeUrl: `${sp.baseUrl}/me`,
          logoutUrl: `${sp.baseUrl}/logout`,
          close: () => sp.close(),
        };
      },
      { ...LOGOUT, idpInitiated: false },
    );
    expect(outcomes(report.results)).toEqual({
      'sp-initiated-logout': 'pass',
      'logout-response-unsigned': 'info',
      'logout-response-other-request': 'info',
      'logout-response-other-issuer': 'info',
      'logout-response-not-success': 'info',
      // node-saml's /saml/slo takes LogoutResponses only: Entra's own LogoutRequest ends nothing.
      'idp-logout-request': 'non-strict',
      'forged-logout-request-unsigned': 'inconclusive',
      'forged-logout-request-unsigned-own-browser': 'inconclusive',
      'forged-logout-request-unknown-key': 'inconclusive',
    });
  });
});
