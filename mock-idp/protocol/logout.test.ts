/** @module Tests for single logout: LogoutRequest validation and the signed, lowercase-encoded LogoutResponse. */
import { createPublicKey, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ALG, NS, STATUS } from '../constants/namespaces.js';
import type { EnterpriseAppInput } from '../model/app.js';
import { TEST_NOW, TEST_TENANT_ID, testTenant } from '../test-support/fixtures.js';
import { sequentialIds } from '../util/ids.js';
import { firstChildElement, parseXml } from '../util/xml.js';
import { AadstsError } from './aadsts.js';
import {
  buildLogoutResponse,
  entraUrlEncode,
  handleLogoutRequest,
  parseLogoutRequest,
  type LogoutOutcome,
  type LogoutResponseOverrides,
} from './logout.js';

const ISSUER = 'https://sp.example.com/metadata';
const LOGOUT_URL = 'https://sp.example.com/slo';

function logoutRequest(
  attrs: Record<string, string | undefined> = {},
  issuer: string | null = ISSUER,
): string {
  const all: Record<string, string | undefined> = {
    ID: '_c1f1e3d6-0b1a-4d5e-9f3a-2b7c8d9e0f11',
    Version: '2.0',
    IssueInstant: '2026-03-01T12:00:00Z',
    ...attrs,
  };
  const attrText = Object.entries(all)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  return (
    `<samlp:LogoutRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}"${attrText}>` +
    (issuer === null ? '' : `<saml:Issuer>${issuer}</saml:Issuer>`) +
    '<saml:NameID>B.Simon@contoso.com</saml:NameID><samlp:SessionIndex>_abc</samlp:SessionIndex></samlp:LogoutRequest>'
  );
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AadstsError) return error.code;
    throw error;
  }
  return undefined;
}

function logout(appOverrides: Partial<EnterpriseAppInput>, xml = logoutRequest(), relayState?: string) {
  const { state } = testTenant(appOverrides);
  const deps = { loginBase: 'https://login.example.test', ids: sequentialIds(100), now: new Date(TEST_NOW) };
  const outcome = handleLogoutRequest(xml, relayState, state, deps);
  return { outcome, state };
}

function redirectOf(outcome: LogoutOutcome): Extract<LogoutOutcome, { kind: 'redirect' }> {
  if (outcome.kind !== 'redirect') throw new Error(`expected a redirect, got ${outcome.kind}`);
  return outcome;
}

/** Splits `url` into its raw query parameters (no decoding, as a raw-bytes verifier would). */
function rawParams(url: string): Map<string, string> {
  const query = url.slice(url.indexOf('?') + 1);
  return new Map(
    query
      .split('&')
      .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as [string, string]),
  );
}

describe('parseLogoutRequest', () => {
  it('reads ID, Issuer, NameID and SessionIndex', () => {
    expect(parseLogoutRequest(logoutRequest())).toEqual({
      id: '_c1f1e3d6-0b1a-4d5e-9f3a-2b7c8d9e0f11',
      version: '2.0',
      issueInstant: '2026-03-01T12:00:00Z',
      issuer: ISSUER,
      nameId: 'B.Simon@contoso.com',
      sessionIndexes: ['_abc'],
    });
  });

  it.each<[string, Record<string, string | undefined>, (string | null)?]>([
    ['missing ID', { ID: undefined }],
    ['Version 1.0', { Version: '1.0' }],
    ['missing IssueInstant', { IssueInstant: undefined }],
    ['missing Issuer', {}, null],
  ])('AADSTS50061 for %s', (_name, attrs, issuer) => {
    expect(codeOf(() => parseLogoutRequest(logoutRequest(attrs, issuer)))).toBe('50061');
  });

  it('AADSTS7500529 for an ID that begins with a digit', () => {
    expect(codeOf(() => parseLogoutRequest(logoutRequest({ ID: '1abc' })))).toBe('7500529');
  });

  it.each([
    ['an AuthnRequest', `<samlp:AuthnRequest xmlns:samlp="${NS.samlp}" ID="_1"/>`],
    ['a DTD', `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${logoutRequest()}`],
    ['non-XML', 'logout please'],
  ])('AADSTS75005 for %s', (_name, xml) => {
    expect(codeOf(() => parseLogoutRequest(xml))).toBe('75005');
  });
});

describe('handleLogoutRequest', () => {
  it('AADSTS700016 for an Issuer that matches no Identifier exactly', () => {
    expect(codeOf(() => logout({ logoutUrl: LOGOUT_URL }, logoutRequest({}, `${ISSUER}/`)))).toBe('700016');
  });

  it('tells the caller to show the signed-out page when the app has no Logout URL', () => {
    const { outcome } = logout({});
    expect(outcome.kind).toBe('signed-out-page');
  });

  it('redirects a LogoutResponse to the Logout URL, signed over the raw query with RSA-SHA256', () => {
    const { outcome, state } = logout({ logoutUrl: LOGOUT_URL }, logoutRequest(), 'r/s=1 é');
    const { url } = redirectOf(outcome);
    expect(url.startsWith(`${LOGOUT_URL}?SAMLResponse=`)).toBe(true);
    const params = rawParams(url);
    expect([...params.keys()]).toEqual(['SAMLResponse', 'RelayState', 'SigAlg', 'Signature']);
    expect(params.get('RelayState')).toBe('r%2fs%3d1+%c3%a9');
    expect(decodeURIComponent(params.get('SigAlg')!)).toBe(ALG.rsaSha256);
    const signed = `SAMLResponse=${params.get('SAMLResponse')}&RelayState=${params.get('RelayState')}&SigAlg=${params.get('SigAlg')}`;
    const signature = Buffer.from(decodeURIComponent(params.get('Signature')!), 'base64');
    const app = state.requireApp('test-sp');
    const publicKey = createPublicKey(state.signingMaterial(app).certificatePem);
    expect(verify('sha256', Buffer.from(signed), publicKey, signature)).toBe(true);
  });

  it('percent-encodes with lowercase hex only (Entra quirk)', () => {
    const { url } = redirectOf(logout({ logoutUrl: LOGOUT_URL }, logoutRequest(), 'x/y').outcome);
    const query = url.slice(url.indexOf('?'));
    expect(query).toMatch(/%[0-9a-f]{2}/);
    expect(query).not.toMatch(/%[0-9a-f]?[A-F]/);
  });

  it('carries InResponseTo, Destination, the sts.windows.net Issuer and Success', () => {
    const redirect = redirectOf(logout({ logoutUrl: LOGOUT_URL }).outcome);
    const params = rawParams(redirect.url);
    const xml = inflateRawSync(
      Buffer.from(decodeURIComponent(params.get('SAMLResponse')!), 'base64'),
    ).toString();
    expect(xml).toBe(redirect.xml);
    const root = parseXml(xml).documentElement!;
    expect(root.namespaceURI).toBe(NS.samlp);
    expect(root.localName).toBe('LogoutResponse');
    expect(root.getAttribute('ID')).toBe(redirect.responseId);
    expect(redirect.responseId).toMatch(/^_[0-9a-f-]{36}$/);
    expect(root.getAttribute('Version')).toBe('2.0');
    expect(root.getAttribute('IssueInstant')).toBe(TEST_NOW);
    expect(root.getAttribute('InResponseTo')).toBe('_c1f1e3d6-0b1a-4d5e-9f3a-2b7c8d9e0f11');
    expect(root.getAttribute('Destination')).toBe(LOGOUT_URL);
    expect(firstChildElement(root, NS.saml, 'Issuer')?.textContent).toBe(
      `https://sts.windows.net/${TEST_TENANT_ID}/`,
    );
    const status = firstChildElement(root, NS.samlp, 'Status');
    expect(status && firstChildElement(status, NS.samlp, 'StatusCode')?.getAttribute('Value')).toBe(
      STATUS.success,
    );
  });

  it("uses the login.microsoftonline.com-style Issuer when logoutIssuerStyle is 'login'", () => {
    const { xml } = redirectOf(logout({ logoutUrl: LOGOUT_URL, logoutIssuerStyle: 'login' }).outcome);
    const root = parseXml(xml).documentElement!;
    expect(firstChildElement(root, NS.saml, 'Issuer')?.textContent).toBe(
      `https://login.example.test/${TEST_TENANT_ID}/`,
    );
  });

  it('appends to a Logout URL that already has a query, and omits an absent RelayState', () => {
    const { url } = redirectOf(logout({ logoutUrl: `${LOGOUT_URL}?tenant=a` }).outcome);
    expect(url.startsWith(`${LOGOUT_URL}?tenant=a&SAMLResponse=`)).toBe(true);
    expect(url).not.toContain('RelayState=');
  });

  it('escapes the Logout URL in the XML (built as a DOM, not a template)', () => {
    const { xml } = redirectOf(logout({ logoutUrl: `${LOGOUT_URL}?a=1&b="2"` }).outcome);
    expect(parseXml(xml).documentElement!.getAttribute('Destination')).toBe(`${LOGOUT_URL}?a=1&b="2"`);
  });
});

describe('entraUrlEncode', () => {
  it('encodes like .NET HttpUtility.UrlEncode: lowercase hex, space as +', () => {
    expect(entraUrlEncode('aZ09-_.!*() +/=~é')).toBe('aZ09-_.!*()+%2b%2f%3d%7e%c3%a9');
  });
});

describe('buildLogoutResponse overrides (the runner’s changed LogoutResponses)', () => {
  function answer(overrides: LogoutResponseOverrides) {
    const { state } = testTenant({ logoutUrl: LOGOUT_URL, identifiers: [ISSUER] });
    const app = state.findAppByIdentifier(ISSUER)!;
    return redirectOf(
      buildLogoutResponse({
        request: parseLogoutRequest(logoutRequest()),
        app,
        tenantId: TEST_TENANT_ID,
        loginBase: 'https://login.example.test',
        signingKey: state.signingMaterial(app).privateKey,
        ids: sequentialIds(200),
        now: new Date(TEST_NOW),
        overrides,
      }),
    );
  }
  const root = (xml: string) => parseXml(xml).documentElement!;

  it('leaves SigAlg and Signature out when unsigned', () => {
    const params = rawParams(answer({ sign: false }).url);
    expect([params.has('SAMLResponse'), params.has('SigAlg'), params.has('Signature')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('changes InResponseTo, Issuer and StatusCode and nothing else', () => {
    const base = root(answer({}).xml);
    const changed = root(
      answer({ inResponseTo: '_other', issuer: 'https://sts.windows.net/x/', status: STATUS.responder }).xml,
    );
    expect(changed.getAttribute('InResponseTo')).toBe('_other');
    expect(base.getAttribute('InResponseTo')).toBe(parseLogoutRequest(logoutRequest()).id);
    const issuer = (e: typeof base) => firstChildElement(e, NS.saml, 'Issuer')?.textContent;
    expect([issuer(base), issuer(changed)]).toEqual([
      `https://sts.windows.net/${TEST_TENANT_ID}/`,
      'https://sts.windows.net/x/',
    ]);
    const status = (e: typeof base) =>
      e.getElementsByTagNameNS(NS.samlp, 'StatusCode')[0]!.getAttribute('Value');
    expect([status(base), status(changed)]).toEqual([STATUS.success, STATUS.responder]);
  });
});
