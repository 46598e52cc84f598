/**
 * @module The fuzzer's inputs: raw HTTP requests for the mock IdP, generated from a seed (mulberry32),
 * so a run is reproducible from its seed and count alone. Every route and both bindings, with hostile
 * XML (DTDs, entities, external entities, XInclude, deep nesting, huge and NUL-laden documents), bad
 * encodings (base64, DEFLATE, percent-escapes, UTF-8, charsets), ACS URLs the app does not register,
 * malformed cookies, undecodable path parameters, admin API bodies and HTTP framing garbage.
 *
 * URLs a hostile document points at are the loopback canary (which counts any fetch) or an address in
 * TEST-NET-2, which the network guard refuses before a packet leaves: the mock must fetch neither.
 */
import { deflateRawSync } from 'node:zlib';

/** What a generator needs to know about the IdP under test. */
export interface FuzzContext {
  host: string;
  tenantId: string;
  appId: string;
  appName: string;
  /** A second app the admin API fuzzing may change or delete (never the one sign-ins use). */
  scratchApp: string;
  issuer: string;
  /** The app's registered Reply URL. */
  acsUrl: string;
  certificateId: string;
  /** A loopback URL that counts every request: an external fetch by the IdP. */
  canaryUrl: string;
  /** A non-loopback URL; any attempt at it is refused and counted by the network guard. */
  outsideUrl: string;
  /** The session cookie name of the tenant. */
  sessionCookie: string;
  /** An app without auto sign-in: its requests get the sign-in page (and a sign-in context). */
  peopleIssuer: string;
  /** The last sign-in context the IdP handed out (the driver reads it from sign-in pages). */
  signInContext?: string | undefined;
}

export interface FuzzRequest {
  category: string;
  /** The request as sent, byte for byte. */
  raw: Buffer;
  /** One line for reports: method, path (cut) and what is special. */
  summary: string;
}

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for a seed on every platform. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;

/** Fixed, so that a seed always gives the same bytes (Entra does not check a request's age). */
const INSTANT = '2025-01-01T00:00:00Z';
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

// ---- XML payloads ----

interface RequestShape {
  id?: string;
  issuer?: string;
  acsUrl?: string | undefined;
  acsIndex?: string;
  extraAttrs?: string;
  inner?: string;
  nameIdFormat?: string;
  root?: string;
}

function authnRequest(shape: RequestShape): string {
  const root = shape.root ?? 'AuthnRequest';
  const attrs = [
    `ID="${shape.id ?? '_fz1'}"`,
    'Version="2.0"',
    `IssueInstant="${INSTANT}"`,
    shape.acsUrl !== undefined ? `AssertionConsumerServiceURL="${shape.acsUrl}"` : '',
    shape.acsIndex !== undefined ? `AssertionConsumerServiceIndex="${shape.acsIndex}"` : '',
    shape.extraAttrs ?? '',
  ].filter(Boolean);
  const policy = shape.nameIdFormat ? `<samlp:NameIDPolicy Format="${shape.nameIdFormat}"/>` : '';
  return `<samlp:${root} xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ${attrs.join(' ')}><saml:Issuer>${shape.issuer ?? ''}</saml:Issuer>${policy}${shape.inner ?? ''}</samlp:${root}>`;
}

/** Hostile and odd documents; each is a complete message (text) or raw bytes. */
function hostileXml(rng: Rng, ctx: FuzzContext): { name: string; xml: string | Buffer } {
  const issuer = ctx.issuer;
  const external = pick(rng, [`${ctx.canaryUrl}/xxe`, `${ctx.outsideUrl}/xxe`]);
  const options: Array<() => { name: string; xml: string | Buffer }> = [
    () => ({
      name: 'external-entity',
      xml: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "${external}">]>${authnRequest({ issuer: `${issuer}&x;` })}`,
    }),
    () => ({
      name: 'parameter-entity',
      xml: `<!DOCTYPE r [<!ENTITY % p SYSTEM "${external}"> %p;]>${authnRequest({ issuer })}`,
    }),
    () => ({
      name: 'billion-laughs',
      xml: `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>${authnRequest({ issuer: `${issuer}&d;` })}`,
    }),
    () => ({
      name: 'doctype-lowercase-spacing',
      xml: `<!doctype\n r SYSTEM "${external}">${authnRequest({ issuer })}`,
    }),
    () => ({
      name: 'xinclude',
      xml: authnRequest({
        issuer,
        inner: `<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${external}" parse="text"/>`,
      }),
    }),
    () => ({
      name: 'xslt-pi',
      xml: `<?xml-stylesheet type="text/xsl" href="${external}"?>${authnRequest({ issuer })}`,
    }),
    () => ({
      name: 'schema-location',
      xml: authnRequest({
        issuer,
        extraAttrs: `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${SAMLP} ${external}"`,
      }),
    }),
    () => ({
      name: 'deep-nesting',
      xml: authnRequest({
        issuer,
        inner: `${'<samlp:Extensions>'.repeat(1 + int(rng, 40_000))}`,
      }),
    }),
    () => {
      const depth = 1 + int(rng, 5000);
      return {
        name: 'deep-nesting-closed',
        xml: authnRequest({
          issuer,
          inner: `<samlp:Extensions>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</samlp:Extensions>`,
        }),
      };
    },
    () => ({
      name: 'huge-attribute',
      xml: authnRequest({ issuer, extraAttrs: `ProviderName="${'A'.repeat(int(rng, 400_000))}"` }),
    }),
    () => ({
      name: 'many-attributes',
      xml: authnRequest({
        issuer,
        extraAttrs: Array.from({ length: 1 + int(rng, 5000) }, (_, i) => `a${i}="${i}"`).join(' '),
      }),
    }),
    () => ({
      name: 'nul-character',
      xml: authnRequest({
        issuer: pick(rng, [`${issuer}\u0000`, `\u0000${issuer}`, issuer]),
        id: pick(rng, ['_a\u0000b', '_fz']),
      }),
    }),
    () => ({ name: 'nul-reference', xml: authnRequest({ issuer: `${issuer}&#0;` }) }),
    () => ({ name: 'control-characters', xml: authnRequest({ issuer: `${issuer}\u0001\u001f\uffff` }) }),
    () => ({
      name: 'comment-in-issuer',
      xml: authnRequest({ issuer: `${issuer.slice(0, 10)}<!-- c -->${issuer.slice(10)}` }),
    }),
    () => ({ name: 'cdata-issuer', xml: authnRequest({ issuer: `<![CDATA[${issuer}]]>` }) }),
    () => ({
      name: 'utf16',
      xml: Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${authnRequest({ issuer })}`, 'utf16le'),
      ]),
    }),
    () => ({
      name: 'invalid-utf8',
      xml: Buffer.concat([
        Buffer.from(authnRequest({ issuer }).slice(0, 120)),
        Buffer.from(pick(rng, [[0xc0, 0xaf], [0xff], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]])),
        Buffer.from(authnRequest({ issuer }).slice(120)),
      ]),
    }),
    () => ({
      name: 'latin1-declared',
      xml: Buffer.from(
        `<?xml version="1.0" encoding="ISO-8859-1"?>${authnRequest({ issuer: `${issuer}\u00e9` })}`,
        'latin1',
      ),
    }),
    () => ({ name: 'not-xml', xml: pick(rng, ['', ' ', 'hello', '{"a":1}', '<', '<a', '<<<>>>', '\u0000']) }),
    () => ({ name: 'wrong-namespace', xml: authnRequest({ issuer }).replace(SAMLP, 'urn:example:not-saml') }),
    () => ({
      name: 'two-roots',
      xml: `${authnRequest({ issuer })}${authnRequest({ issuer })}`,
    }),
    () => ({ name: 'response-as-request', xml: authnRequest({ issuer, root: 'Response' }) }),
    () => ({ name: 'logout-response', xml: authnRequest({ issuer, root: 'LogoutResponse' }) }),
  ];
  return pick(rng, options)();
}

/** AuthnRequests Entra could take or refuse on its rules, ACS URLs the app does not register included. */
function protocolXml(rng: Rng, ctx: FuzzContext): { name: string; xml: string } {
  const acs = new URL(ctx.acsUrl);
  const unregistered = [
    `${ctx.acsUrl}/`,
    ctx.acsUrl.toUpperCase(),
    `${acs.protocol}//evil@${acs.host}${acs.pathname}`,
    `${acs.origin}${acs.pathname}?x=1`,
    `${acs.origin}${acs.pathname}#frag`,
    `${acs.origin}/other`,
    `https://evil.example/acs`,
    `${ctx.outsideUrl}/acs`,
    `${ctx.canaryUrl}/acs`,
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/acs',
    '',
    ' ',
    `${ctx.acsUrl}%00`,
    `${ctx.acsUrl}\t`,
  ];
  const options: Array<() => { name: string; xml: string }> = [
    () => ({
      name: 'valid',
      xml: authnRequest({
        issuer: pick(rng, [ctx.issuer, ctx.peopleIssuer]),
        acsUrl: pick(rng, [ctx.acsUrl, undefined]),
        id: `_fz${int(rng, 1e9)}`,
      }),
    }),
    () => ({
      name: 'unregistered-acs',
      xml: authnRequest({ issuer: ctx.issuer, acsUrl: escapeAttr(pick(rng, unregistered)) }),
    }),
    () => ({
      name: 'acs-index',
      xml: authnRequest({
        issuer: ctx.issuer,
        acsIndex: pick(rng, ['0', '1', '7', '-1', '99999999999', 'x', '']),
      }),
    }),
    () => ({
      name: 'unknown-issuer',
      xml: authnRequest({
        issuer: escapeAttr(
          pick(rng, ['', 'x', `${ctx.issuer}/`, ctx.issuer.toUpperCase(), 'a'.repeat(5000)]),
        ),
      }),
    }),
    () => ({
      name: 'id-digit',
      xml: authnRequest({ issuer: ctx.issuer, id: pick(rng, ['1abc', '', ' ', '_'.repeat(300)]) }),
    }),
    () => ({
      name: 'nameid-policy',
      xml: authnRequest({
        issuer: ctx.issuer,
        nameIdFormat: pick(rng, [
          'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
          'urn:oasis:names:tc:SAML:2.0:nameid-format:encrypted',
          'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
          'bogus',
          '',
        ]),
      }),
    }),
    () => ({
      name: 'passive-force',
      xml: authnRequest({
        issuer: ctx.issuer,
        extraAttrs: pick(rng, [
          'IsPassive="true"',
          'ForceAuthn="true"',
          'IsPassive="1" ForceAuthn="0"',
          'IsPassive="maybe"',
        ]),
      }),
    }),
    () => ({
      name: 'unsupported-properties',
      xml: authnRequest({
        issuer: ctx.issuer,
        extraAttrs: pick(rng, [
          'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"',
          'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"',
          'AttributeConsumingServiceIndex="3"',
          'Version="1.1"',
          'Destination="https://elsewhere.example/"',
        ]),
        inner: pick(rng, [
          '',
          '<samlp:Scoping><samlp:IDPList/></samlp:Scoping>',
          '<saml:Subject><saml:NameID>admin@contoso.com</saml:NameID></saml:Subject>',
          '<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>urn:x</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>',
          '<saml:Conditions NotBefore="x"/>',
          '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>',
        ]),
      }),
    }),
    () => ({
      name: 'logout-request',
      xml: `<samlp:LogoutRequest xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${pick(rng, ['_lo', '1', ''])}" Version="2.0" IssueInstant="${INSTANT}"><saml:Issuer>${escapeAttr(pick(rng, [ctx.issuer, 'x', '']))}</saml:Issuer>${pick(rng, ['<saml:NameID>B.Simon@contoso.com</saml:NameID>', '', '<saml:NameID/>', '<saml:EncryptedID/>'])}</samlp:LogoutRequest>`,
    }),
  ];
  return pick(rng, options)();
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Random damage to a document: cut, byte flips, repeats. */
function mutate(rng: Rng, bytes: Buffer): Buffer {
  if (bytes.length === 0 || rng() < 0.75) return bytes;
  const copy = Buffer.from(bytes);
  switch (int(rng, 4)) {
    case 0:
      return copy.subarray(0, int(rng, copy.length));
    case 1:
      for (let i = 0; i < 1 + int(rng, 8); i++) copy[int(rng, copy.length)] = int(rng, 256);
      return copy;
    case 2: {
      const at = int(rng, copy.length);
      return Buffer.concat([
        copy.subarray(0, at),
        copy.subarray(at - Math.min(at, 40), at),
        copy.subarray(at),
      ]);
    }
    default:
      return Buffer.concat([
        copy,
        Buffer.from(pick(rng, ['<', '</samlp:AuthnRequest>', '\u0000', ']]>', '&'])),
      ]);
  }
}

// ---- encodings of a SAML parameter ----

function redirectParam(rng: Rng, xml: Buffer): string {
  switch (int(rng, 20)) {
    case 0:
      return pick(rng, ['%', '%zz', '%E0%A4%A', '%C0%AF', '%FF%FE', '%00']); // bad percent-escapes
    case 1:
      return encodeURIComponent(xml.toString('base64')); // not deflated
    case 2:
      return encodeURIComponent(deflateRawSync(xml).toString('base64').replace(/=+$/, '')); // no padding
    case 3:
      return encodeURIComponent(`${deflateRawSync(xml).toString('base64')}!!`); // junk
    case 4:
      return encodeURIComponent(deflateRawSync(Buffer.alloc(2_000_000, 0x41)).toString('base64')); // bomb
    case 5:
      return 'A'.repeat(1 + int(rng, pick(rng, [12_000, 3_000_000]))); // huge
    case 6:
      return encodeURIComponent(Buffer.from(deflateRawSync(xml)).subarray(0, 10).toString('base64')); // truncated
    default:
      return encodeURIComponent(deflateRawSync(xml).toString('base64'));
  }
}

function postParam(rng: Rng, xml: Buffer): string {
  switch (int(rng, 16)) {
    case 0:
      return pick(rng, ['%', '%zz', '%C0%AF', '%FF']);
    case 1:
      return encodeURIComponent(deflateRawSync(xml).toString('base64')); // deflated on POST
    case 2:
      return encodeURIComponent(xml.toString('base64').replace(/(.{64})/g, '$1\r\n')); // line breaks
    case 3:
      return encodeURIComponent(`${xml.toString('base64')}====`);
    case 4:
      return encodeURIComponent(xml.toString('latin1')); // not base64 at all
    default:
      return encodeURIComponent(xml.toString('base64'));
  }
}

// ---- raw HTTP ----

function http(
  ctx: FuzzContext,
  method: string,
  path: string,
  headers: ReadonlyArray<readonly [string, string]> = [],
  body?: Buffer | string,
): Buffer {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
  const lines = [
    `${method} ${path} HTTP/1.1`,
    `Host: ${ctx.host}`,
    'Connection: close',
    ...headers.map(([k, v]) => `${k}: ${v}`),
    ...(bytes !== undefined && !headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))
      ? [`Content-Length: ${bytes.length}`]
      : []),
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes ?? Buffer.alloc(0)]);
}

const FORM = ['Content-Type', 'application/x-www-form-urlencoded'] as const;

function cookieHeader(rng: Rng, ctx: FuzzContext): [string, string][] {
  if (rng() < 0.5) return [];
  const values = [
    'other=50%off',
    `${ctx.sessionCookie}=%E0%A4%A`,
    `${ctx.sessionCookie}=${'a'.repeat(int(rng, 3000))}`,
    `${ctx.sessionCookie}="quoted%zz"`,
    '=novalue',
    ';;;',
    'a=b; a=c; __proto__=x; constructor=y',
    `${ctx.sessionCookie}=00000000-0000-4000-8000-000000000001`,
    `x=${'%'.repeat(100)}`,
    'naïve=caf\u00e9',
  ];
  return [['Cookie', Array.from({ length: 1 + int(rng, 4) }, () => pick(rng, values)).join('; ')]];
}

const BAD_SEGMENTS = [
  '%FF',
  '%C0%AF',
  '%',
  '%%',
  '%E0%A4%A',
  '..%2F..%2F',
  '%2e%2e',
  'a'.repeat(3000),
  '%00',
  '\u00e9',
  '%F0%9F%98%80',
];

function segment(rng: Rng, good: string): string {
  return rng() < 0.6 ? good : pick(rng, BAD_SEGMENTS);
}

function queryNoise(rng: Rng): string {
  return pick(rng, [
    '',
    '&login_hint=B.Simon',
    '&login_hint=%FF',
    '&login_hint=nobody@contoso.com',
    '&RelayState=%',
    '&SAMLRequest=x',
    '&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256&Signature=AAAA',
    '&a[b]=c&a[c]=d',
    '&__proto__=1',
  ]);
}

export type FuzzCategory =
  | 'redirect-binding'
  | 'post-binding'
  | 'hostile-xml'
  | 'unregistered-acs'
  | 'cookies'
  | 'routes'
  | 'sign-in-form'
  | 'metadata'
  | 'launch'
  | 'admin'
  | 'http-garbage';

const WEIGHTS: ReadonlyArray<readonly [FuzzCategory, number]> = [
  ['redirect-binding', 16],
  ['post-binding', 14],
  ['hostile-xml', 16],
  ['unregistered-acs', 8],
  ['cookies', 8],
  ['routes', 10],
  ['sign-in-form', 6],
  ['metadata', 5],
  ['launch', 5],
  ['admin', 6],
  ['http-garbage', 6],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((n, [, w]) => n + w, 0);

export function nextRequest(rng: Rng, ctx: FuzzContext): FuzzRequest {
  let roll = rng() * TOTAL_WEIGHT;
  let category: FuzzCategory = WEIGHTS[0]![0];
  for (const [name, weight] of WEIGHTS) {
    if ((roll -= weight) < 0) {
      category = name;
      break;
    }
  }
  return build(category, rng, ctx);
}

function samlMessage(rng: Rng, ctx: FuzzContext, category: FuzzCategory): { name: string; bytes: Buffer } {
  const chosen =
    category === 'hostile-xml'
      ? hostileXml(rng, ctx)
      : category === 'unregistered-acs'
        ? (() => {
            let m = protocolXml(rng, ctx);
            while (m.name !== 'unregistered-acs' && m.name !== 'acs-index') m = protocolXml(rng, ctx);
            return m;
          })()
        : rng() < 0.2
          ? hostileXml(rng, ctx)
          : rng() < 0.4
            ? {
                name: 'valid',
                xml: authnRequest({
                  issuer: pick(rng, [ctx.issuer, ctx.peopleIssuer]),
                  id: `_fz${int(rng, 1e9)}`,
                }),
              }
            : protocolXml(rng, ctx);
  const bytes = Buffer.isBuffer(chosen.xml) ? chosen.xml : Buffer.from(chosen.xml, 'utf8');
  return { name: chosen.name, bytes: mutate(rng, bytes) };
}

function build(category: FuzzCategory, rng: Rng, ctx: FuzzContext): FuzzRequest {
  const saml2 = `/${segment(rng, ctx.tenantId)}/saml2`;
  const make = (raw: Buffer, summary: string): FuzzRequest => ({
    category,
    raw,
    summary: `${summary}: ${raw.subarray(0, 160).toString('latin1').split('\r\n')[0]}`,
  });
  switch (category) {
    case 'redirect-binding':
    case 'hostile-xml':
    case 'unregistered-acs':
    case 'cookies':
    case 'post-binding': {
      const message = samlMessage(rng, ctx, category);
      const post = category === 'post-binding' || (category !== 'redirect-binding' && rng() < 0.5);
      const relay =
        rng() < 0.3
          ? `&RelayState=${encodeURIComponent(pick(rng, ['/x', 'a'.repeat(int(rng, 5000)), 'javascript:alert(1)', '\u0000']))}`
          : '';
      const cookies =
        category === 'cookies'
          ? cookieHeader(rng, ctx).concat([['Cookie', 'other=50%off']])
          : cookieHeader(rng, ctx);
      if (post) {
        const body = `SAMLRequest=${postParam(rng, message.bytes)}${relay}`;
        const headers: [string, string][] = [
          [
            FORM[0],
            rng() < 0.7
              ? FORM[1]
              : pick(rng, [
                  `${FORM[1]}; charset=utf-7`,
                  `${FORM[1]}; charset=x-bogus`,
                  `${FORM[1]}; charset=iso-8859-1`,
                  'text/plain',
                  'application/json',
                  'multipart/form-data; boundary=x',
                ]),
          ],
          ...cookies,
        ];
        if (rng() < 0.05) headers.push(['Content-Encoding', pick(rng, ['gzip', 'deflate', 'br', 'x-bogus'])]);
        return make(
          http(
            ctx,
            'POST',
            `${saml2}${rng() < 0.2 ? `?login_hint=${pick(rng, ['B.Simon', '%FF', ''])}` : ''}`,
            headers,
            body,
          ),
          `POST ${message.name}`,
        );
      }
      const path = `${saml2}?SAMLRequest=${redirectParam(rng, message.bytes)}${relay}${queryNoise(rng)}`;
      return make(http(ctx, 'GET', path, cookies), `GET ${message.name}`);
    }
    case 'routes': {
      const paths = [
        '/',
        `/${segment(rng, ctx.tenantId)}/saml2`,
        `/${segment(rng, ctx.tenantId)}/saml2?SAMLResponse=${pick(rng, ['x', '%', ''])}`,
        `/${segment(rng, ctx.tenantId)}/login`,
        `/portal/${segment(rng, ctx.tenantId)}/apps/${segment(rng, ctx.appId)}/saml`,
        `/portal/${segment(rng, ctx.tenantId)}/apps/${segment(rng, ctx.appId)}/certificates/${segment(rng, ctx.certificateId)}/${pick(rng, ['base64', 'raw', 'pem', 'thumbprint', 'x', '%FF'])}`,
        `/portal/${segment(rng, ctx.tenantId)}/apps/${segment(rng, ctx.appId)}/test`,
        `/launcher/api/signin/${segment(rng, ctx.appId)}?tenantId=${segment(rng, ctx.tenantId)}`,
        `/${segment(rng, ctx.tenantId)}/federationmetadata/2007-06/federationmetadata.xml?appid=${segment(rng, ctx.appId)}`,
        `/${pick(rng, BAD_SEGMENTS)}/${pick(rng, BAD_SEGMENTS)}`,
        `/admin/api/tenants/${segment(rng, 'default')}/apps/${segment(rng, ctx.appName)}`,
        `/${'a/'.repeat(int(rng, 2000))}`,
        '/%2F%2F',
        '//',
        '/?'.padEnd(int(rng, 8000), 'x'),
      ];
      const method = pick(rng, [
        'GET',
        'GET',
        'GET',
        'POST',
        'HEAD',
        'PUT',
        'DELETE',
        'OPTIONS',
        'PATCH',
        'TRACE',
      ]);
      const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? 'a=b' : undefined;
      const headers: [string, string][] = body !== undefined ? [[FORM[0], FORM[1]]] : [];
      return make(
        http(ctx, method, pick(rng, paths), [...headers, ...cookieHeader(rng, ctx)], body),
        `${method} route`,
      );
    }
    case 'sign-in-form': {
      const fields = [
        `ctx=${rng() < 0.5 && ctx.signInContext ? ctx.signInContext : pick(rng, ['', 'x', '%FF', '00000000-0000-4000-8000-000000000001', 'a'.repeat(5000)])}`,
        `username=${pick(rng, ['B.Simon', 'B.Simon%40contoso.com', 'nobody', '%C0%AF', ''])}`,
        `password=${pick(rng, ['Passw0rd%21', 'x', ''])}`,
        ...(rng() < 0.3 ? ['ctx=second', 'username[]=x'] : []),
      ];
      const body = fields.join('&');
      return make(
        http(
          ctx,
          'POST',
          `/${segment(rng, ctx.tenantId)}/login`,
          [[FORM[0], FORM[1]], ...cookieHeader(rng, ctx)],
          body,
        ),
        'POST sign-in',
      );
    }
    case 'metadata': {
      const tenant = pick(rng, [
        ctx.tenantId,
        'common',
        'organizations',
        'consumers',
        'contoso.com',
        'nope',
        '%FF',
        ctx.tenantId.toUpperCase(),
      ]);
      const appid = pick(rng, [ctx.appId, '', 'x', '%FF', ctx.appName, `${ctx.appId}&appid=${ctx.appId}`]);
      const file = pick(rng, [
        'federationmetadata/2007-06/federationmetadata.xml',
        'FederationMetadata/2007-06/FederationMetadata.xml',
        'federationmetadata/2007-06/x',
      ]);
      return make(
        http(ctx, 'GET', `/${tenant}/${file}${rng() < 0.8 ? `?appid=${appid}` : ''}`),
        'GET metadata',
      );
    }
    case 'launch': {
      const app = pick(rng, [ctx.appId, ctx.appName, ctx.scratchApp, 'nope', '%C0%AF', '%FF', '']);
      const tenant = pick(rng, [ctx.tenantId, 'nope', '%FF', '']);
      const path =
        rng() < 0.5
          ? `/launcher/api/signin/${app}?tenantId=${tenant}${rng() < 0.5 ? `&login_hint=${pick(rng, ['B.Simon', 'x', '%FF'])}` : ''}${rng() < 0.2 ? '&force=1' : ''}`
          : `/portal/${tenant}/apps/${app}/test`;
      return make(http(ctx, 'GET', path, cookieHeader(rng, ctx)), 'GET launch');
    }
    case 'admin': {
      const ref = pick(rng, [ctx.scratchApp, 'nope', '%FF', '%C0%AF']);
      const method = pick(rng, ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
      const paths = [
        '/admin/api/tenants',
        `/admin/api/tenants/${pick(rng, ['default', ctx.tenantId, 'nope', '%FF'])}`,
        '/admin/api/tenants/default/users',
        `/admin/api/tenants/default/users/${pick(rng, ['B.Simon@contoso.com', 'nope', '%FF'])}`,
        '/admin/api/tenants/default/groups',
        '/admin/api/tenants/default/apps',
        `/admin/api/tenants/default/apps/${ref}`,
        `/admin/api/tenants/default/apps/${ref}/sp-metadata`,
        `/admin/api/tenants/default/apps/${ref}/certificates`,
        `/admin/api/tenants/default/apps/${ref}/certificates/${pick(rng, ['x', ctx.certificateId])}/activate`,
      ];
      let path = pick(rng, paths);
      // Never change the app the sign-in fuzzing uses, nor the default directory's users.
      if (
        method !== 'GET' &&
        (path.endsWith('/users/B.Simon@contoso.com') || path.endsWith(`/apps/${ctx.appName}`))
      )
        path = `/admin/api/tenants/default/apps/${ctx.scratchApp}`;
      const bodies = [
        '{}',
        '{"displayName":',
        '[]',
        'null',
        '{"__proto__":{"admin":true}}',
        '{"identifiers":["https://x.example/"],"replyUrls":[{"url":"javascript:alert(1)"}]}',
        '{"signOnUrl":"javascript:alert(1)"}',
        '{"logoutUrl":"data:text/html,x"}',
        `{"userPrincipalName":"fz${int(rng, 1e6)}@contoso.com"}`,
        '{"years":99}',
        '{"notAfter":"not a date"}',
        JSON.stringify({ a: 'x'.repeat(int(rng, 2_000_000)) }),
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>',
        `<!DOCTYPE x [<!ENTITY e SYSTEM "${ctx.canaryUrl}/admin-xxe">]><x>&e;</x>`,
        '\u0000',
      ];
      const types = [
        'application/json',
        'application/xml',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
      ];
      const host =
        rng() < 0.15
          ? [
              [
                'Host',
                pick(rng, ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', '[::1]', '']),
              ] as [string, string],
            ]
          : [];
      const origin =
        rng() < 0.15
          ? [
              ['Origin', pick(rng, ['https://evil.example', 'null', `http://${ctx.host}`])] as [
                string,
                string,
              ],
            ]
          : [];
      const body = method === 'GET' || method === 'DELETE' ? undefined : pick(rng, bodies);
      const headers: [string, string][] = [
        ...(body !== undefined ? [['Content-Type', pick(rng, types)] as [string, string]] : []),
        ...origin,
      ];
      // A second Host header makes Node answer 400 itself; replace ours instead.
      const raw = http(ctx, method, path, headers, body);
      return make(
        host.length
          ? Buffer.from(raw.toString('latin1').replace(`Host: ${ctx.host}`, `Host: ${host[0]![1]}`), 'latin1')
          : raw,
        `${method} admin`,
      );
    }
    case 'http-garbage': {
      const options: Array<() => Buffer> = [
        () => Buffer.from('GARBAGE\r\n\r\n'),
        () =>
          Buffer.from(
            `GET /${ctx.tenantId}/saml2 HTTP/1.1\r\nHost: ${ctx.host}\r\nX: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
          ),
        () =>
          Buffer.from(
            `GET / HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: y`).join('\r\n')}\r\n\r\n`,
          ),
        () =>
          Buffer.from(
            `POST /${ctx.tenantId}/saml2 HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nZZ\r\nxx\r\n0\r\n\r\n`,
          ),
        () =>
          Buffer.from(
            `POST /${ctx.tenantId}/saml2 HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcdefg`,
          ),
        () => Buffer.from(`GET /\u0000 HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`, 'latin1'),
        () => Buffer.from(`GET / HTTP/9.9\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`),
        () =>
          Buffer.from(`GET http://evil.example/ HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`),
        () =>
          Buffer.from(
            `GET /${ctx.tenantId}/saml2?${'a=b&'.repeat(20_000)} HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`,
          ),
        () =>
          http(
            ctx,
            'POST',
            `/${ctx.tenantId}/saml2`,
            [[FORM[0], FORM[1]]],
            `${'a=b&'.repeat(200)}SAMLRequest=x`,
          ),
        () =>
          http(ctx, 'POST', `/${ctx.tenantId}/saml2`, [[FORM[0], FORM[1]]], Buffer.alloc(3_000_000, 0x61)),
        () =>
          http(
            ctx,
            'POST',
            `/${ctx.tenantId}/saml2`,
            [
              [FORM[0], FORM[1]],
              ['Content-Encoding', 'gzip'],
            ],
            Buffer.from('not gzip'),
          ),
        () =>
          http(ctx, 'POST', `/${ctx.tenantId}/login`, [[FORM[0], `${FORM[1]}; charset=latin1`]], 'ctx=%E9'),
        () => http(ctx, 'GET', `/${ctx.tenantId}/saml2`, [['Cookie', `${'a=b; '.repeat(2000)}`]]),
      ];
      return make(pick(rng, options)(), 'raw');
    }
  }
}
