/**
 * @module A synthetic RunReport shaped like a full catalog run, for the HTML reporter's size bounds:
 * hundreds of results with signed ~5 KB responses, plus the attack scenarios whose evidence is huge on
 * purpose — a ~1 MB attribute value on one line, ~450 KB of small elements (10 000 lines), 10 000-deep
 * nesting, a ~1 MB response behind an entity-expansion DOCTYPE, two ~450 KB documents one line apart, and
 * an SP that answers with a megabyte of body. Like a real run it has fix lines, attack variants,
 * inconclusive results, calibration attempts with their evidence, and a liveness record.
 */
import { summarize, type Outcome, type RunReport, type ScenarioResult } from '../types.js';

const OUTCOMES: readonly Outcome[] = [
  'pass',
  'pass',
  'pass',
  'fail',
  'non-strict',
  'info',
  'error',
  'inconclusive',
  'skipped',
];

// A signature block like the mock IdP's: digest, a 344-character SignatureValue, a 1 KB certificate.
const SIGNATURE = [
  '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>',
  '<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
  '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>',
  '<Reference URI="#_a1"><Transforms>',
  '<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>',
  '<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms>',
  '<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>',
  '<DigestValue>P6YwnVeCy0iy2BwjnoD59r/ehm2fBjHyfz1TEQh5qz4=</DigestValue></Reference></SignedInfo>',
  `<SignatureValue>${'WvvXxYXW93putu3jLQN6I18j'.repeat(14)}==</SignatureValue>`,
  `<KeyInfo><X509Data><X509Certificate>${'MIIC8DCCAdigAwIBAgIQMJoB1ylOrZ'.repeat(34)}</X509Certificate></X509Data></KeyInfo>`,
  '</Signature>',
].join('');

const CLAIMS = [
  ['http://schemas.microsoft.com/identity/claims/tenantid', 'fa087f78-c0c0-47b7-9bd9-e7c877a36086'],
  ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'b7c2e5a1-4d3f-4a8b-9c6e-1f2d3e4a5b01'],
  ['http://schemas.microsoft.com/identity/claims/displayname', 'B.Simon'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'B.Simon@contoso.com'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'B.Simon@contoso.com'],
];

/** A signed Entra-style response on one line, ~4.5 KB; `n` makes its IDs and instants unique. */
export function entraResponse(
  n: number,
  options: { nameId?: string; attributeValues?: string[]; extraAttributes?: string } = {},
): string {
  const at = new Date(Date.UTC(2025, 0, 1, 10, 0, n)).toISOString();
  const claims = CLAIMS.map(
    ([name, value]) => `<Attribute Name="${name}"><AttributeValue>${value}</AttributeValue></Attribute>`,
  );
  const values = (options.attributeValues ?? []).map((v) => `<AttributeValue>${v}</AttributeValue>`);
  if (values.length) claims.push(`<Attribute Name="urn:samlspec:groups">${values.join('')}</Attribute>`);
  return [
    `<samlp:Response ID="_r${n}" Version="2.0" IssueInstant="${at}" Destination="https://sp.example.com/saml/acs" InResponseTo="_req${n}" xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">`,
    '<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">https://sts.windows.net/fa087f78-c0c0-47b7-9bd9-e7c877a36086/</Issuer>',
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>',
    `<Assertion ID="_a${n}" IssueInstant="${at}" Version="2.0" xmlns="urn:oasis:names:tc:SAML:2.0:assertion">`,
    '<Issuer>https://sts.windows.net/fa087f78-c0c0-47b7-9bd9-e7c877a36086/</Issuer>',
    SIGNATURE,
    `<Subject><NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${options.nameId ?? 'B.Simon@contoso.com'}</NameID>`,
    `<SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><SubjectConfirmationData InResponseTo="_req${n}" NotOnOrAfter="2025-01-01T11:00:00.000Z" Recipient="https://sp.example.com/saml/acs"/></SubjectConfirmation></Subject>`,
    '<Conditions NotBefore="2025-01-01T09:55:00.000Z" NotOnOrAfter="2025-01-01T11:00:00.000Z"><AudienceRestriction><Audience>https://sp.example.com</Audience></AudienceRestriction></Conditions>',
    `<AttributeStatement>${claims.join('')}${options.extraAttributes ?? ''}</AttributeStatement>`,
    `<AuthnStatement AuthnInstant="${at}" SessionIndex="_a${n}"><AuthnContext><AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</AuthnContextClassRef></AuthnContext></AuthnStatement>`,
    '</Assertion></samlp:Response>',
  ].join('');
}

const AUTHN_REQUEST = (n: number): string =>
  `<?xml version="1.0"?><samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_req${n}" Version="2.0" IssueInstant="2025-01-01T10:00:00Z" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" AssertionConsumerServiceURL="https://sp.example.com/saml/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://sp.example.com</saml:Issuer><samlp:NameIDPolicy AllowCreate="true" Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"/></samlp:AuthnRequest>`;

/** The huge payloads, one per kind, as (baseline, sent) pairs built from response `n`. */
export const HUGE_KINDS = {
  /** XML-10: a ~1 MB AttributeValue: one enormous line. */
  'oversized-attribute': (n: number) => [
    entraResponse(n),
    entraResponse(n, {
      extraAttributes: `<Attribute Name="urn:samlspec:padding"><AttributeValue>${'A'.repeat(1_000_000)}</AttributeValue></Attribute>`,
    }),
  ],
  /** ~450 KB of small elements: ~10 000 pretty-printed lines, all of them added. */
  'many-elements': (n: number) => [
    entraResponse(n),
    entraResponse(n, {
      attributeValues: Array.from({ length: 10_000 }, (_, i) => `g-${i}-${'x'.repeat(6)}`),
    }),
  ],
  /** XML-10: 10 000 nested elements (~70 KB, as sent): indented, 20 000 lines of up to 20 000 spaces. */
  'deep-nesting': (n: number) => [
    entraResponse(n),
    entraResponse(n, { attributeValues: [`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`] }),
  ],
  /** XML-03: a billion-laughs DOCTYPE (small) in front of a ~1 MB response. */
  'entity-expansion': (n: number) => {
    const defs = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i < 10; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    return [
      entraResponse(n),
      `<!DOCTYPE samlp:Response [${defs.join('')}]>${entraResponse(n, { nameId: '&lol9;', attributeValues: ['B'.repeat(1_000_000)] })}`,
    ];
  },
  /** Both sides ~450 KB, one line apart: a big document with a small change (a groups overage). */
  'large-both-sides': (n: number) => {
    const groups = Array.from({ length: 11_000 }, (_, i) => `grp-${i}`);
    const changed = [...groups];
    changed[5_500] = 'grp-admins';
    return [entraResponse(n, { attributeValues: groups }), entraResponse(n, { attributeValues: changed })];
  },
} satisfies Record<string, (n: number) => string[]>;

export type HugeKind = keyof typeof HUGE_KINDS;

const reply = (status: number, bodyExcerpt: string) => ({
  status,
  url: 'https://sp.example.com/app',
  headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': String(bodyExcerpt.length) },
  bodyExcerpt,
  hops: [
    { method: 'POST', url: 'https://sp.example.com/saml/acs', status: 302, location: '/app' },
    { method: 'GET', url: 'https://sp.example.com/app', status },
  ],
});

/**
 * `results` scenario results, `huge` of which (spread through the list) carry a ~1 MB response of each
 * kind in turn; one of those also has a ~1 MB SP reply body. The rest mutate one attribute of a ~4.5 KB
 * response, and every fourth has a 4 KB reply body.
 */
export function largeReport(results = 400, huge = 10): RunReport {
  const kinds = Object.keys(HUGE_KINDS) as HugeKind[];
  const every = huge > 0 ? Math.floor(results / huge) : Infinity;
  const list: ScenarioResult[] = [];
  for (let n = 0; n < results; n++) {
    const hugeIndex = n % every === every - 1 ? Math.floor(n / every) : -1;
    const kind = hugeIndex >= 0 && hugeIndex < huge ? kinds[hugeIndex % kinds.length] : undefined;
    const [baselineXml, xml] = kind
      ? HUGE_KINDS[kind](n)
      : [entraResponse(n), entraResponse(n, { nameId: `victim-${n}@contoso.example` })];
    const outcome = OUTCOMES[n % OUTCOMES.length] as Outcome;
    const variants =
      outcome === 'fail'
        ? [
            { name: 'fresh IDs', outcome: 'fail' as const, actual: 'signed in THE VICTIM' },
            { name: 'copied IDs', outcome: 'pass' as const, actual: 'no session (the SP answered 403)' },
          ]
        : undefined;
    const body =
      hugeIndex === 0 ? `<html>${'<p>spam</p>'.repeat(100_000)}</html>` : 'Forbidden'.repeat(n % 4 ? 1 : 455);
    list.push({
      id: `attacks/${kind ?? `area-${n % 12}`}/scenario-${n}`,
      flow: n % 2 ? 'idp-initiated' : 'sp-initiated',
      level: n % 3 ? 'must' : 'should',
      expect: 'reject',
      outcome,
      title: `Synthetic scenario ${n}${kind ? ` (${kind})` : ''}`,
      requirement: 'The SP MUST reject the response.',
      fix: 'Refuse the response; upgrade xml-crypto to 6.0.1 or later (CVE-2025-29775).',
      signingOption: n % 3 ? 'assertion' : 'both',
      ...(variants ? { variants, variant: 'fresh IDs' } : {}),
      refs: [{ doc: 'saml-core', section: '2.5.1.2' }],
      tags: ['synthetic', kind ?? 'small'],
      durationMs: 100 + n,
      expected: ['the SP creates no session'],
      actual: 'no session (the SP answered 403)',
      verdict: { login: 'rejected', because: 'the SP answered 403' },
      evidence: {
        ...(n % 2 ? {} : { authnRequest: { binding: 'redirect' as const, xml: AUTHN_REQUEST(n) } }),
        responseSent: {
          xml: xml as string,
          baselineXml: baselineXml as string,
          relayState: '/app',
          acsUrl: 'https://sp.example.com/saml/acs',
          deliveries: 1,
        },
        spReply: reply(403, body),
      },
    });
  }
  return {
    tool: { name: 'samlspec', version: '0.1.0' },
    target: { description: 'Synthetic catalog run', mode: 'http', notes: [] },
    startedAt: '2025-01-01T10:00:00.000Z',
    finishedAt: '2025-01-01T10:10:00.000Z',
    durationMs: 600_000,
    strict: false,
    interrupted: false,
    calibration: (['sp-initiated', 'idp-initiated'] as const).map((flow, i) => ({
      flow,
      status: 'calibrated' as const,
      option: 'both' as const,
      configuredOption: 'assertion' as const,
      configuredRefused: true,
      summary: `${flow}: this SP needs "Sign SAML response and assertion"; the app's "Sign SAML assertion" (Entra's default) is refused`,
      attempts: (['assertion', 'both'] as const).map((option) => ({
        option,
        algorithm: 'sha256' as const,
        accepted: option === 'both',
        because: option === 'both' ? 'GET /me answered 200' : 'the SP answered 403',
        evidence: {
          responseSent: {
            xml: entraResponse(10_000 + i),
            baselineXml: entraResponse(10_000 + i),
            acsUrl: 'https://sp.example.com/saml/acs',
            deliveries: 1,
          },
          spReply: reply(option === 'both' ? 200 : 403, 'Forbidden'),
        },
      })),
    })),
    liveness: { checks: Math.ceil(results / 25), failed: 0, spDown: [] },
    summary: summarize(list),
    results: list,
  };
}
