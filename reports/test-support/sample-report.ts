/**
 * @module A fixed RunReport for reporter tests: one result per outcome, several id prefixes, and hostile
 * strings where an SP or a scenario could put them (`"><script>` as RelayState, `</script>` and control
 * characters in a reply body, `|` and newlines in a title, a `javascript:` URL ref and artifact). It also
 * has what the runner adds around results: fix lines, attack variants, the signing option a run used, a
 * run not run because the SP stopped answering, calibration per flow and the liveness record.
 */
import { summarize, type RunReport, type ScenarioResult } from '../types.js';

export const HOSTILE_RELAY_STATE = '"><script>alert("relay")</script>';
export const HOSTILE_BODY =
  '<html><body>Welcome</script><script>alert("body")</script><!-- x --></body></html>';
export const CONTROL_CHARS = 'bad\u0000\u001b[31mred\u0007';

export function samlResponse(
  options: { recipient?: string; nameId?: string; notOnOrAfter?: string } = {},
): string {
  const recipient = options.recipient ?? 'https://sp.example.com/saml/acs';
  const nameId = options.nameId ?? 'b.simon@contoso.example';
  const notOnOrAfter = options.notOnOrAfter ?? '2025-01-01T10:05:00.000Z';
  return [
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="2025-01-01T10:00:00.000Z" Destination="https://sp.example.com/saml/acs" InResponseTo="_req1">',
    '<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">https://sts.windows.net/tenant/</Issuer>',
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>',
    '<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" IssueInstant="2025-01-01T10:00:00.000Z" Version="2.0">',
    '<Issuer>https://sts.windows.net/tenant/</Issuer>',
    '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><Reference URI="#_a1"><DigestValue>q1w2e3r4t5y6u7i8o9p0=</DigestValue></Reference></SignedInfo><SignatureValue>c2lnbmF0dXJl</SignatureValue></Signature>',
    `<Subject><NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${nameId}</NameID>`,
    `<SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><SubjectConfirmationData InResponseTo="_req1" NotOnOrAfter="${notOnOrAfter}" Recipient="${recipient}"/></SubjectConfirmation></Subject>`,
    '<Conditions NotBefore="2025-01-01T09:55:00.000Z" NotOnOrAfter="2025-01-01T11:00:00.000Z"><AudienceRestriction><Audience>https://sp.example.com</Audience></AudienceRestriction></Conditions>',
    '</Assertion></samlp:Response>',
  ].join('');
}

const AUTHN_REQUEST =
  '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_req1" Version="2.0" IssueInstant="2025-01-01T10:00:00Z" AssertionConsumerServiceURL="https://sp.example.com/saml/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://sp.example.com</saml:Issuer></samlp:AuthnRequest>';

const reply = (status: number, bodyExcerpt: string) => ({
  status,
  url: 'https://sp.example.com/app',
  headers: { 'content-type': 'text/html' },
  bodyExcerpt,
  hops: [
    { method: 'POST', url: 'https://sp.example.com/saml/acs', status: 302, location: '/app' },
    { method: 'GET', url: 'https://sp.example.com/app', status },
  ],
});

const base: Pick<ScenarioResult, 'level' | 'expect' | 'tags' | 'expected' | 'durationMs' | 'evidence'> = {
  level: 'must',
  expect: 'reject',
  tags: ['conditions'],
  expected: ['the SP creates no session'],
  durationMs: 120,
  evidence: {},
};

export const sampleResults: ScenarioResult[] = [
  {
    ...base,
    id: 'core/2.5.1.2/not-on-or-after-past',
    flow: 'sp-initiated',
    outcome: 'pass',
    title: 'Sends a Response whose Assertion expired 10 minutes ago',
    requirement: 'The SP MUST reject an assertion whose NotOnOrAfter is in the past.',
    refs: [
      { doc: 'saml-core', section: '2.5.1.2', quote: 'The time instant at which the assertion expires.' },
    ],
    tags: ['conditions', 'time'],
    actual: 'no session (the SP answered 403)',
    verdict: { login: 'rejected', because: 'the SP answered 403' },
    evidence: {
      authnRequest: { binding: 'redirect', xml: AUTHN_REQUEST, relayState: '/app' },
      responseSent: {
        xml: samlResponse({ notOnOrAfter: '2025-01-01T09:50:00.000Z' }),
        baselineXml: samlResponse(),
        relayState: '/app',
        acsUrl: 'https://sp.example.com/saml/acs',
        deliveries: 1,
      },
      spReply: reply(403, 'Forbidden'),
    },
  },
  {
    ...base,
    id: 'profiles/4.1.4.3/recipient-mismatch',
    flow: 'idp-initiated',
    outcome: 'fail',
    title: 'Sends a bearer assertion whose Recipient is a | different\nACS URL',
    requirement: 'The SP MUST reject an assertion whose Recipient is not the ACS URL it was delivered to.',
    refs: [{ doc: 'saml-profiles', section: '4.1.4.3' }],
    tags: ['subject-confirmation'],
    fix: 'Compare Recipient with your own ACS URL | exactly and refuse the response otherwise <b>now</b>.',
    signingOption: 'assertion',
    actual: `signed in the baseline user (${CONTROL_CHARS})`,
    verdict: { login: 'accepted', identity: 'baseline', because: 'GET /me answered 200' },
    durationMs: 2345,
    evidence: {
      responseSent: {
        xml: samlResponse({ recipient: 'https://other.example/acs' }),
        baselineXml: samlResponse(),
        relayState: HOSTILE_RELAY_STATE,
        acsUrl: 'https://sp.example.com/saml/acs',
        deliveries: 1,
      },
      spReply: reply(200, HOSTILE_BODY),
      probe: reply(200, '{"user":"b.simon@contoso.example"}'),
      artifacts: [
        'profiles/recipient-mismatch/screenshot.png',
        'profiles/recipient-mismatch/trace.zip',
        'javascript:alert(1)',
      ],
    },
  },
  {
    ...base,
    id: 'profiles/4.1.4.3/one-time-use-ignored',
    flow: 'sp-initiated',
    level: 'should',
    outcome: 'non-strict',
    title: 'Sends an assertion with a OneTimeUse condition twice',
    requirement: 'The SP SHOULD refuse a second use of a OneTimeUse assertion.',
    refs: [{ doc: 'saml-core', section: '2.5.1.5' }],
    fix: 'Keep used assertion IDs until NotOnOrAfter and refuse a second use.',
    actual: 'signed in the baseline user (GET /me answered 200)',
    verdict: { login: 'accepted', identity: 'baseline', because: 'GET /me answered 200' },
  },
  {
    ...base,
    id: 'attacks/xsw/xsw3-assertion-sibling',
    flow: 'sp-initiated',
    expect: 'no-victim-session',
    outcome: 'error',
    title: 'Adds an unsigned victim assertion before the signed one',
    requirement: 'The SP MUST NOT sign the victim in from an unsigned assertion.',
    refs: [{ cve: 'CVE-2017-11427' }, { url: 'javascript:alert("ref")', title: 'Hostile link' }],
    tags: ['signature', 'xsw'],
    expected: [],
    actual: 'harness error: connect ECONNREFUSED',
    error: { code: 'TARGET_UNREACHABLE', message: 'connect ECONNREFUSED 127.0.0.1:8080' },
    verdict: { login: 'inconclusive', because: 'connect ECONNREFUSED 127.0.0.1:8080' },
  },
  {
    ...base,
    id: 'attacks/comments/nameid-comment-injection',
    flow: 'sp-initiated',
    expect: 'no-victim-session',
    outcome: 'fail',
    title: 'Splits the NameID with an XML comment <!-- --> and leaves a tag unclosed',
    requirement: 'The SP MUST NOT sign the victim in.',
    refs: [
      { cve: 'CVE-2017-11428' },
      { url: 'https://duo.com/blog/duo-finds-saml-vulnerabilities', title: 'Duo' },
    ],
    tags: ['signature', 'comments'],
    fix: 'Read NameID as the full text content of the element; upgrade ruby-saml to 1.7.0 or later (CVE-2017-11428).',
    signingOption: 'both',
    variants: [
      { name: 'comment in NameID', outcome: 'fail', actual: 'signed in THE VICTIM (GET /me answered 200)' },
      { name: 'CDATA in NameID', outcome: 'pass', actual: 'no session (the SP answered 403)' },
    ],
    variant: 'comment in NameID',
    actual: 'signed in THE VICTIM (GET /me answered 200)',
    verdict: { login: 'accepted', identity: 'victim', because: 'GET /me answered 200 as victim' },
    evidence: {
      responseSent: {
        xml: samlResponse({ nameId: 'victim@contoso.example<!---->.evil.example' }).replace(
          '</Assertion>',
          '<Broken attr="x',
        ),
        baselineXml: samlResponse(),
        acsUrl: 'https://sp.example.com/saml/acs',
        deliveries: 1,
      },
    },
  },
  {
    ...base,
    id: 'entra/claims/extra-claim',
    flow: 'idp-initiated',
    level: 'info',
    expect: 'accept',
    outcome: 'info',
    title: 'Adds an unknown claim',
    requirement: 'Observed: how the SP treats unknown claims.',
    refs: [{ doc: 'entra-docs', section: 'claims' }],
    expected: ['the SP signs the baseline user in'],
    actual: 'signed in the baseline user',
  },
  {
    ...base,
    id: 'bindings/3.5/post-binding-get',
    flow: 'idp-initiated',
    outcome: 'skipped',
    title: 'Delivers the response by GET',
    requirement: 'The SP MUST NOT accept a POST-binding response by GET.',
    refs: [{ doc: 'saml-bindings', section: '3.5.4' }],
    actual: 'skipped: the target does not support IdP-initiated login',
    durationMs: 0,
  },
  {
    ...base,
    id: 'attacks/xsw/xsw1-response-copy-in-signature',
    flow: 'idp-initiated',
    expect: 'no-victim-session',
    outcome: 'inconclusive',
    title: 'Wraps the signed Response in an evil one (XSW1)',
    requirement: 'The SP MUST use exactly the element its signature references.',
    refs: [{ cve: 'CVE-2024-45409' }],
    tags: ['signature', 'xsw'],
    fix: 'Read identity only from the element the verified signature references.',
    signingOption: 'response',
    expected: ['the SP never signs the victim in'],
    actual:
      "no session; but the SP was not seen to sign the baseline user in with 'Sign SAML response' in this flow, so this refusal proves nothing",
    verdict: { login: 'rejected', because: 'GET /me answered 401' },
  },
  {
    ...base,
    id: 'attacks/xml/deep-nesting',
    flow: 'sp-initiated',
    outcome: 'skipped',
    notRun: 'sp-down',
    title: 'Nests 10 000 elements inside the first AttributeValue (XML-10)',
    requirement: 'The SP MUST reject an oversized response within bounded time and memory.',
    refs: [{ cve: 'CVE-2025-25293' }],
    tags: ['xml', 'dos'],
    fix: 'Cap the SAMLResponse size before parsing.',
    expected: [],
    actual: 'not run: the SP stopped answering after attacks/xml/oversized-attribute@sp-initiated',
    durationMs: 0,
  },
];

const baselineEvidence = (status: number) => ({
  responseSent: {
    xml: samlResponse(),
    baselineXml: samlResponse(),
    acsUrl: 'https://sp.example.com/saml/acs',
    deliveries: 1,
  },
  spReply: reply(status, status === 200 ? 'Welcome' : 'Signature required on the Response</script>'),
});

export const sampleCalibration: NonNullable<RunReport['calibration']> = [
  {
    flow: 'sp-initiated',
    status: 'calibrated',
    option: 'both',
    configuredOption: 'assertion',
    configuredRefused: true,
    summary:
      'sp-initiated: this SP needs "Sign SAML response and assertion"; the app\'s "Sign SAML assertion" (Entra\'s default) is refused',
    attempts: [
      {
        option: 'assertion',
        algorithm: 'sha256',
        accepted: false,
        because: 'the SP answered 403 <script>alert(1)</script>',
        evidence: baselineEvidence(403),
      },
      {
        option: 'both',
        algorithm: 'sha256',
        accepted: true,
        because: 'GET /me answered 200 as the baseline user',
        evidence: baselineEvidence(200),
      },
    ],
  },
  {
    flow: 'idp-initiated',
    status: 'sp-initiated-only',
    configuredOption: 'assertion',
    configuredRefused: true,
    summary:
      'SP-initiated only: the SP refuses every unsolicited (IdP-initiated) response, with every signing option',
    attempts: [{ option: 'assertion', algorithm: 'sha256', accepted: false, because: 'the SP answered 403' }],
  },
];

export const sampleReport: RunReport = {
  tool: { name: 'samlspec', version: '0.1.0' },
  target: {
    description: 'Reference SP <strict> & co',
    mode: 'http',
    spEntityId: 'https://sp.example.com',
    notes: [],
  },
  startedAt: '2025-01-01T10:00:00.000Z',
  finishedAt: '2025-01-01T10:00:03.000Z',
  durationMs: 3000,
  strict: false,
  interrupted: false,
  calibration: sampleCalibration,
  liveness: {
    checks: 12,
    failed: 1,
    spDown: [
      {
        after: ['attacks/xml/oversized-attribute@sp-initiated'],
        recovered: false,
        notRun: 1,
        lastAnswer: '502 Bad Gateway',
      },
    ],
  },
  summary: summarize(sampleResults),
  results: sampleResults,
};
