import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockIdp, type MockIdpHandle } from '../start-mock-idp.js';
import {
  authnRequestXml,
  postBindingBody,
  readAutoPost,
  redirectBindingUrl,
} from '../test-support/authn-requests.js';
import { parseXml } from '../util/xml.js';
import { NAMEID_FORMAT, NS, STATUS } from '../constants/namespaces.js';

const SP = 'https://sp.example.com/metadata';
const ACS = 'https://sp.example.com/acs';

let idp: MockIdpHandle;

beforeAll(async () => {
  idp = await startMockIdp({ autoSignIn: true });
  idp.admin.addApp({
    name: 'sp',
    identifiers: [SP],
    replyUrls: [
      { url: ACS, isDefault: true },
      { url: 'https://sp.example.com/acs2', index: 7 },
    ],
    relayState: '/welcome',
    logoutUrl: 'https://sp.example.com/slo',
  });
});
afterAll(() => idp.close());

const get = (url: string, init: RequestInit = {}) => fetch(url, { redirect: 'manual', ...init });
const aadsts = (res: Response) => res.headers.get('x-aadsts-code');

function decodeResponse(html: string) {
  const post = readAutoPost(html);
  if (!post?.fields.SAMLResponse) throw new Error('no auto-post form');
  const doc = parseXml(Buffer.from(post.fields.SAMLResponse, 'base64').toString('utf8'));
  return { post, doc, root: doc.documentElement! };
}

describe('/{tenant}/saml2', () => {
  it('answers a Redirect-binding AuthnRequest with a response posted to the registered ACS, RelayState echoed', async () => {
    const relay = 'https://sp.example.com/deep/link?a=1&b=ü x';
    const res = await get(
      redirectBindingUrl(idp.loginUrl, authnRequestXml({ id: '_r1', issuer: SP }), relay),
    );
    expect(res.status).toBe(200);
    const { post, root } = decodeResponse(await res.text());
    expect(post.action).toBe(ACS);
    expect(post.fields.RelayState).toBe(relay);
    expect(root.getAttribute('InResponseTo')).toBe('_r1');
    expect(root.getAttribute('Destination')).toBe(ACS);
    expect(root.getElementsByTagNameNS(NS.saml, 'Audience')[0]?.textContent).toBe(SP);
    expect(root.getElementsByTagNameNS(NS.saml, 'NameID')[0]?.textContent).toBe('B.Simon@contoso.com');
  });

  it('answers a POST-binding AuthnRequest and honours AssertionConsumerServiceIndex', async () => {
    const res = await get(idp.loginUrl, {
      method: 'POST',
      body: postBindingBody(authnRequestXml({ issuer: SP, acsIndex: 7 }), 'rs'),
    });
    const { post } = decodeResponse(await res.text());
    expect(post.action).toBe('https://sp.example.com/acs2');
    expect(post.fields.RelayState).toBe('rs');
  });

  it('signs in the login_hint user', async () => {
    const url = redirectBindingUrl(
      idp.loginUrl,
      authnRequestXml({ issuer: SP }),
      undefined,
      '&login_hint=nomail.user%40contoso.onmicrosoft.com',
    );
    const { root } = decodeResponse(await (await get(url)).text());
    expect(root.getElementsByTagNameNS(NS.saml, 'NameID')[0]?.textContent).toBe(
      'nomail.user@contoso.onmicrosoft.com',
    );
    const names = Array.from(root.getElementsByTagNameNS(NS.saml, 'Attribute')).map((a) =>
      a.getAttribute('Name'),
    );
    expect(names).not.toContain('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress');
  });

  it('gives a persistent pairwise NameID when the request asks for one', async () => {
    const xml = authnRequestXml({ issuer: SP, nameIdFormat: NAMEID_FORMAT.persistent });
    const first = decodeResponse(await (await get(redirectBindingUrl(idp.loginUrl, xml))).text());
    const second = decodeResponse(await (await get(redirectBindingUrl(idp.loginUrl, xml))).text());
    const nameId = (d: typeof first) => d.root.getElementsByTagNameNS(NS.saml, 'NameID')[0]!;
    expect(nameId(first).getAttribute('Format')).toBe(NAMEID_FORMAT.persistent);
    expect(nameId(first).textContent).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nameId(second).textContent).toBe(nameId(first).textContent);
  });

  it.each([
    ['no SAML message', () => get(idp.loginUrl), 'AADSTS750054'],
    ['undecodable SAMLRequest', () => get(`${idp.loginUrl}?SAMLRequest=%%%not-base64`), 'AADSTS75005'],
    [
      'unknown Issuer',
      () => get(redirectBindingUrl(idp.loginUrl, authnRequestXml({ issuer: 'https://unknown.example' }))),
      'AADSTS700016',
    ],
    [
      'ID starting with a digit',
      () => get(redirectBindingUrl(idp.loginUrl, authnRequestXml({ id: '1abc', issuer: SP }))),
      'AADSTS7500529',
    ],
    [
      'unknown tenant',
      () => get(idp.loginUrl.replace(idp.tenantId, '00000000-0000-4000-8000-00000000dead')),
      'AADSTS90002',
    ],
  ])('shows Entra’s error page for %s', async (_name, send, code) => {
    const res = await send();
    expect(res.status).toBe(400);
    expect(aadsts(res)).toBe(code);
    expect(await res.text()).toContain(`data-aadsts="${code}"`);
  });

  it('never posts to an unregistered ACS URL (AADSTS50011)', async () => {
    const res = await get(
      redirectBindingUrl(idp.loginUrl, authnRequestXml({ issuer: SP, acsUrl: 'https://evil.example/acs' })),
    );
    expect(aadsts(res)).toBe('AADSTS50011');
    const body = await res.text();
    expect(readAutoPost(body)).toBeUndefined();
    expect(body).not.toContain('SAMLResponse');
  });

  it('answers IsPassive without a session with an error Response (AADSTS50058, NoPassive), no assertion', async () => {
    const passive = await startMockIdp();
    try {
      passive.admin.addApp({ name: 'sp', identifiers: [SP], replyUrls: [{ url: ACS }] });
      const res = await get(
        redirectBindingUrl(passive.loginUrl, authnRequestXml({ id: '_p1', issuer: SP, isPassive: true })),
      );
      const { root } = decodeResponse(await res.text());
      const codes = Array.from(root.getElementsByTagNameNS(NS.samlp, 'StatusCode')).map((c) =>
        c.getAttribute('Value'),
      );
      expect(codes).toEqual([STATUS.requester, STATUS.noPassive]);
      expect(root.getElementsByTagNameNS(NS.samlp, 'StatusMessage')[0]?.textContent).toMatch(/^AADSTS50058:/);
      expect(root.getElementsByTagNameNS(NS.saml, 'Assertion')).toHaveLength(0);
    } finally {
      await passive.close();
    }
  });

  it('refuses a request body larger than the limit with AADSTS75005', async () => {
    const res = await get(idp.loginUrl, {
      method: 'POST',
      body: new URLSearchParams({ SAMLRequest: 'A'.repeat(3 * 1024 * 1024) }),
    });
    expect(aadsts(res)).toBe('AADSTS75005');
  });
});

describe('the /saml2 hot path (dispatched before the router) answers as the router does', () => {
  /** The same URL spelled `/SAML2`: Express routes it case-insensitively, the hot path does not take it. */
  const viaRouter = (url: string) => url.replace('/saml2', '/SAML2');
  const shape = async (res: Response) => {
    const body = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      cache: res.headers.get('cache-control'),
      aadsts: aadsts(res),
      cookie: res.headers.get('set-cookie')?.replace(/=[^;]*/, '=<id>'),
      action: readAutoPost(body)?.action,
    };
  };
  const cases: Array<[string, (login: string) => string]> = [
    ['an AuthnRequest', (l) => redirectBindingUrl(l, authnRequestXml({ id: '_hot1', issuer: SP }), 'rs')],
    ['an unknown Issuer', (l) => redirectBindingUrl(l, authnRequestXml({ id: '_hot2', issuer: 'urn:x' }))],
    ['no message', (l) => l],
    ['an undecodable message', (l) => `${l}?SAMLRequest=%%%`],
    ['an unknown tenant', (l) => l.replace(/\/[^/]+\/saml2/, '/no-such-tenant/saml2')],
  ];
  it.each(cases)('%s', async (_name, url) => {
    const hot = await get(url(idp.loginUrl));
    const routed = await get(viaRouter(url(idp.loginUrl)));
    expect(await shape(hot)).toEqual(await shape(routed));
  });
});

describe('interactive sign-in page', () => {
  let people: MockIdpHandle;
  beforeAll(async () => {
    people = await startMockIdp();
    people.admin.addApp({ name: 'sp', identifiers: [SP], replyUrls: [{ url: ACS }] });
  });
  afterAll(() => people.close());

  async function openSignIn(extra: Partial<Parameters<typeof authnRequestXml>[0]> = {}, cookie?: string) {
    const res = await get(
      redirectBindingUrl(people.loginUrl, authnRequestXml({ issuer: SP, ...extra }), 'rs'),
      cookie ? { headers: { cookie } } : {},
    );
    const html = await res.text();
    return { res, html, ctx: /name="ctx" value="([^"]+)"/.exec(html)?.[1] };
  }
  const signIn = (ctx: string, username: string, password: string) =>
    get(`${people.baseUrl}/${people.tenantId}/login`, {
      method: 'POST',
      body: new URLSearchParams({ ctx, username, password }),
    });

  it('shows the page, refuses a wrong password (AADSTS50126), then posts the response and starts an SSO session', async () => {
    const { ctx } = await openSignIn();
    expect(ctx).toBeDefined();
    const wrong = await (await signIn(ctx!, 'B.Simon@contoso.com', 'nope')).text();
    expect(wrong).toContain('AADSTS50126');
    expect(readAutoPost(wrong)?.fields.SAMLResponse).toBeUndefined();
    const ok = await signIn(ctx!, 'B.Simon@contoso.com', 'Passw0rd!');
    const cookie = ok.headers.get('set-cookie')?.split(';')[0];
    expect(readAutoPost(await ok.text())?.fields.RelayState).toBe('rs');
    // SSO: the next request with the session cookie gets a response without the page...
    const again = await openSignIn({}, cookie);
    expect(readAutoPost(again.html)?.fields.SAMLResponse).toBeDefined();
    // ...unless the SP sends ForceAuthn.
    const forced = await openSignIn({ forceAuthn: true }, cookie);
    expect(forced.ctx).toBeDefined();
  });

  it('refuses an unassigned user when assignment is required (AADSTS50105)', async () => {
    people.admin.updateApp('sp', {
      assignmentRequired: true,
      assignedUsers: ['nomail.user@contoso.onmicrosoft.com'],
    });
    try {
      const { ctx } = await openSignIn();
      const res = await signIn(ctx!, 'B.Simon@contoso.com', 'Passw0rd!');
      expect(aadsts(res)).toBe('AADSTS50105');
      const { ctx: ctx2 } = await openSignIn();
      const assigned = await signIn(ctx2!, 'nomail.user@contoso.onmicrosoft.com', 'Passw0rd!');
      expect(readAutoPost(await assigned.text())?.fields.SAMLResponse).toBeDefined();
    } finally {
      people.admin.updateApp('sp', { assignmentRequired: false, assignedUsers: [] });
    }
  });
});

describe('IdP-initiated launch', () => {
  it('sends an unsolicited response to the default Reply URL with the configured Relay State', async () => {
    const res = await get(idp.userAccessUrl('sp'));
    const { post, root } = decodeResponse(await res.text());
    expect(post.action).toBe(ACS);
    expect(post.fields.RelayState).toBe('/welcome');
    expect(root.hasAttribute('InResponseTo')).toBe(false);
    expect(
      root.getElementsByTagNameNS(NS.saml, 'SubjectConfirmationData')[0]?.hasAttribute('InResponseTo'),
    ).toBe(false);
  });

  it('goes SP-initiated through the Sign-on URL when one is set', async () => {
    idp.admin.addApp({
      name: 'with-sign-on',
      identifiers: ['https://s.example/'],
      replyUrls: [{ url: 'https://s.example/acs' }],
      signOnUrl: 'https://s.example/login',
    });
    const res = await get(idp.userAccessUrl('with-sign-on'));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://s.example/login');
  });
});

describe('portal, metadata and downloads', () => {
  it('serves the set-up page with the values to copy', async () => {
    const html = await (await get(idp.portalUrl('sp'))).text();
    for (const value of [idp.loginUrl, idp.issuer, SP, ACS, idp.metadataUrl('sp')])
      expect(html).toContain(value.replace(/&/g, '&amp;'));
  });

  it('serves certificate downloads in Base64, Raw and PEM, and never a private key', async () => {
    const app = idp.admin.getApp('sp');
    const base = `${idp.baseUrl}/portal/${idp.tenantId}/apps/${app.appId}/certificates/${app.certificates[0]!.id}`;
    const b64 = await (await get(`${base}/base64`)).text();
    expect(b64).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    const raw = Buffer.from(await (await get(`${base}/raw`)).arrayBuffer());
    expect(raw.toString('base64')).toBe(b64.replace(/-----[A-Z ]+-----|\s/g, ''));
    expect((await (await get(`${base}/thumbprint`)).text()).trim()).toBe(app.certificates[0]!.thumbprint);
    for (const url of [
      idp.metadataUrl('sp'),
      idp.portalUrl('sp'),
      `${base}/pem`,
      `${idp.baseUrl}/admin/api/tenants/default/apps/sp`,
    ]) {
      expect(await (await get(url)).text()).not.toMatch(/PRIVATE KEY/);
    }
  });

  it('serves app metadata with a BOM, tenant metadata by GUID or domain, case-insensitively', async () => {
    const app = Buffer.from(await (await get(idp.metadataUrl('sp'))).arrayBuffer());
    expect([...app.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const tenantDoc = await get(
      `${idp.baseUrl}/contoso.com/FederationMetadata/2007-06/FederationMetadata.xml`,
    );
    expect(tenantDoc.status).toBe(200);
    expect(await tenantDoc.text()).toContain(`entityID="${idp.issuer}"`);
  });

  it('signs LogoutResponses to the Logout URL', async () => {
    const logout = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_lo1" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:Issuer>${SP}</saml:Issuer><saml:NameID>B.Simon@contoso.com</saml:NameID></samlp:LogoutRequest>`;
    const res = await get(redirectBindingUrl(idp.loginUrl, logout, 'after-logout'));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://sp.example.com/slo');
    expect([...location.searchParams.keys()]).toEqual(['SAMLResponse', 'RelayState', 'SigAlg', 'Signature']);
  });
});

describe('malformed input: Entra’s 400 page with an AADSTS code, never a 500', () => {
  it.each([
    ['a cookie with a malformed percent-escape', 'other=50%off'],
    ['the session cookie with an undecodable value', `samlspec_sso_x=%E0%A4%A; other=%`],
    ['a quoted cookie and empty names', '"a"="b"; =x; ;;'],
  ])('signs in as usual with %s (browsers send every localhost cookie)', async (_name, cookie) => {
    const res = await get(redirectBindingUrl(idp.loginUrl, authnRequestXml({ issuer: SP })), {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(readAutoPost(await res.text())?.fields.SAMLResponse).toBeDefined();
  });

  it('signs out with a malformed cookie too', async () => {
    const logout = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_lo2" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:Issuer>${SP}</saml:Issuer><saml:NameID>B.Simon@contoso.com</saml:NameID></samlp:LogoutRequest>`;
    const res = await get(redirectBindingUrl(idp.loginUrl, logout), { headers: { cookie: 'other=50%off' } });
    expect(res.status).toBe(302);
  });

  it.each([
    ['an undecodable tenant segment', '/%FF/saml2', 'AADSTS900023'],
    [
      'an overlong UTF-8 tenant segment',
      '/%C0%AF/federationmetadata/2007-06/federationmetadata.xml',
      'AADSTS900023',
    ],
    ['an undecodable app in the user access URL', '/launcher/api/signin/%C0%AF', 'AADSTS90100'],
    ['an undecodable portal app', () => `/portal/${idp.tenantId}/apps/%E0%A4%A/saml`, 'AADSTS90100'],
  ])('answers %s with 400', async (_name, path, code) => {
    const res = await get(`${idp.baseUrl}${typeof path === 'string' ? path : path()}`);
    expect(res.status).toBe(400);
    expect(aadsts(res)).toBe(code);
  });

  it.each(['gzip', 'br', 'deflate'])(
    'refuses a %s-encoded form post (415, AADSTS75005)',
    async (encoding) => {
      const res = await get(idp.loginUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': encoding },
        body: 'not compressed',
      });
      expect(res.status).toBe(415);
      expect(aadsts(res)).toBe('AADSTS75005');
    },
  );

  it.each([
    ['U+0000 in the Issuer', `${SP}\u0000`],
    ['&#0; in the Issuer', `${SP}&#0;`],
    ['&#x1; in the Issuer', `${SP}&#x1;`],
  ])('refuses an AuthnRequest with %s (AADSTS75005), over both bindings', async (_name, issuer) => {
    const xml = authnRequestXml({ issuer: 'PLACEHOLDER' }).replace('PLACEHOLDER', issuer);
    const redirect = await get(redirectBindingUrl(idp.loginUrl, xml));
    const post = await get(idp.loginUrl, { method: 'POST', body: postBindingBody(xml) });
    for (const res of [redirect, post]) {
      expect(res.status).toBe(400);
      expect(aadsts(res)).toBe('AADSTS75005');
      expect(await res.text()).not.toContain('SAMLResponse');
    }
  });
});

describe('Sign-on and Logout URLs are http(s) only', () => {
  it.each([
    'javascript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'JavaScript://x%0aalert(1)',
  ])('refuses %s as Sign-on URL and Logout URL', (url) => {
    expect(() => idp.admin.updateApp('sp', { signOnUrl: url })).toThrow();
    expect(() => idp.admin.updateApp('sp', { logoutUrl: url })).toThrow();
    expect(idp.admin.getApp('sp').signOnUrl).toBeUndefined();
    expect(idp.admin.getApp('sp').logoutUrl).toBe('https://sp.example.com/slo');
  });

  it('refuses it through the admin API too, and the launch route never redirects there', async () => {
    const res = await get(`${idp.baseUrl}/admin/api/tenants/default/apps/sp`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ signOnUrl: 'javascript:alert(1)' }),
    });
    expect(res.status).toBe(400);
    const launch = await get(idp.userAccessUrl('sp'));
    expect(launch.headers.get('location')).toBeNull();
  });
});
