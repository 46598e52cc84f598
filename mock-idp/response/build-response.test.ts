/** @module Entra byte-level fidelity of the baseline Response draft (docs/entra.md §2.1–2.4, §2.9, §2.10). */
import { describe, expect, it } from 'vitest';
import { ATTRNAME_FORMAT, AUTHN_CONTEXT_PASSWORD, CLAIM, NS, STATUS } from '../constants/namespaces.js';
import { fixedClock } from '../util/clock.js';
import { randomIds, sequentialIds } from '../util/ids.js';
import { descendants, firstChildElement, parseXml, serializeXml, type Element } from '../util/xml.js';
import { testTenant, TEST_NOW } from '../test-support/fixtures.js';
import { AUTHN_INSTANT, contentFor } from '../test-support/response-fixtures.js';
import {
  buildErrorResponseDraft,
  buildResponseDraft,
  LIFETIME_MS,
  NOT_BEFORE_SKEW_MS,
  type AssertionContent,
} from './build-response.js';

const GUID_ID = /^_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Read-only use: one tenant (one RSA key generation) serves the whole file.
const t = testTenant();

function draftXml(overrides: Partial<AssertionContent> = {}): {
  xml: string;
  assertionId: string;
  responseId: string;
} {
  const draft = buildResponseDraft(contentFor(t.state, t.app, t.user, overrides), {
    ids: sequentialIds(),
    now: new Date(TEST_NOW),
  });
  return { xml: serializeXml(draft.document), assertionId: draft.assertionId, responseId: draft.responseId };
}

/** `<name attr1=... attr2=...` of the first start tag of `name`, attribute names in byte order. */
function attributeOrder(xml: string, tag: string): string[] {
  const start = new RegExp(`<${tag}(\\s[^>]*)?/?>`).exec(xml)?.[1] ?? '';
  return [...start.matchAll(/\s([\w:]+)="/g)].map((m) => m[1]!);
}

function assertionOf(xml: string): Element {
  return firstChildElement(parseXml(xml).documentElement!, NS.saml, 'Assertion')!;
}

describe('serialization', () => {
  it('is one line with no XML declaration and no whitespace between elements', () => {
    const { xml } = draftXml();
    expect(xml.startsWith('<samlp:Response ')).toBe(true);
    expect(xml).not.toMatch(/<\?xml/);
    expect(xml).not.toMatch(/[\r\n]/);
    expect(xml).not.toMatch(/>\s+</);
  });

  it('writes empty elements as "/>" without a space, protocol elements with samlp:, assertion elements unprefixed', () => {
    const { xml } = draftXml();
    expect(xml).toContain('<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>');
    expect(xml).not.toContain(' />');
    expect(xml).not.toMatch(/<saml:|<ds:/);
    expect(xml).toContain(`<Issuer xmlns="${NS.saml}">`);
  });

  it('emits attributes in Entra order, namespace declarations last', () => {
    const { xml } = draftXml();
    expect(attributeOrder(xml, 'samlp:Response')).toEqual([
      'ID',
      'Version',
      'IssueInstant',
      'Destination',
      'InResponseTo',
      'xmlns:samlp',
    ]);
    expect(attributeOrder(xml, 'Assertion')).toEqual(['ID', 'IssueInstant', 'Version', 'xmlns']);
    expect(attributeOrder(xml, 'SubjectConfirmationData')).toEqual([
      'InResponseTo',
      'NotOnOrAfter',
      'Recipient',
    ]);
    expect(attributeOrder(xml, 'Conditions')).toEqual(['NotBefore', 'NotOnOrAfter']);
    expect(attributeOrder(xml, 'AuthnStatement')).toEqual(['AuthnInstant', 'SessionIndex']);
    expect(attributeOrder(xml, 'Attribute')).toEqual(['Name']);
  });

  it('orders the Assertion children Issuer, Subject, Conditions, AttributeStatement, AuthnStatement', () => {
    const children = Array.from(assertionOf(draftXml().xml).childNodes).map((n) => (n as Element).localName);
    expect(children).toEqual(['Issuer', 'Subject', 'Conditions', 'AttributeStatement', 'AuthnStatement']);
  });

  it('escapes markup characters in values and keeps them intact through a parse', () => {
    const tricky = `a<b>&"c'\u00e9\u{1F600}`;
    const { xml } = draftXml({ audience: tricky, acsUrl: `https://sp.example.com/acs?x=1&y=${tricky}` });
    const assertion = assertionOf(xml);
    expect(descendants(assertion, NS.saml, 'Audience')[0]?.textContent).toBe(tricky);
    expect(parseXml(xml).documentElement!.getAttribute('Destination')).toBe(
      `https://sp.example.com/acs?x=1&y=${tricky}`,
    );
  });
});

describe('identifiers and times', () => {
  it('uses `_`+GUID ids, different for Response and Assertion', () => {
    const draft = buildResponseDraft(contentFor(t.state, t.app, t.user), {
      ids: randomIds,
      now: t.clock.now(),
    });
    expect(draft.responseId).toMatch(GUID_ID);
    expect(draft.assertionId).toMatch(GUID_ID);
    expect(draft.responseId).not.toBe(draft.assertionId);
  });

  it('sets SessionIndex to the Assertion ID', () => {
    const { xml, assertionId } = draftXml();
    expect(descendants(assertionOf(xml), NS.saml, 'AuthnStatement')[0]?.getAttribute('SessionIndex')).toBe(
      assertionId,
    );
  });

  it('puts NotBefore 5 min before and both NotOnOrAfter 60 min after the issue instant, in ms precision', () => {
    const clock = fixedClock('2026-03-01T12:00:00.060Z');
    const draft = buildResponseDraft(contentFor(t.state, t.app, t.user), {
      ids: sequentialIds(),
      now: clock.now(),
    });
    const assertion = assertionOf(serializeXml(draft.document));
    const conditions = firstChildElement(assertion, NS.saml, 'Conditions')!;
    const confirmation = descendants(assertion, NS.saml, 'SubjectConfirmationData')[0]!;
    expect(NOT_BEFORE_SKEW_MS).toBe(-5 * 60_000);
    expect(LIFETIME_MS).toBe(60 * 60_000);
    expect(assertion.getAttribute('IssueInstant')).toBe('2026-03-01T12:00:00.060Z');
    expect(conditions.getAttribute('NotBefore')).toBe('2026-03-01T11:55:00.060Z');
    expect(conditions.getAttribute('NotOnOrAfter')).toBe('2026-03-01T13:00:00.060Z');
    expect(confirmation.getAttribute('NotOnOrAfter')).toBe('2026-03-01T13:00:00.060Z');
  });

  it('keeps the AuthnInstant of the actual sign-in, not the issue time', () => {
    const { xml } = draftXml();
    expect(descendants(assertionOf(xml), NS.saml, 'AuthnStatement')[0]?.getAttribute('AuthnInstant')).toBe(
      AUTHN_INSTANT.toISOString(),
    );
  });
});

describe('subject, audience and authn context', () => {
  it('sends a bearer confirmation whose Recipient is the ACS URL, also the Response Destination', () => {
    const { xml } = draftXml({ acsUrl: 'https://sp.example.com/saml/acs' });
    const doc = parseXml(xml);
    expect(doc.documentElement!.getAttribute('Destination')).toBe('https://sp.example.com/saml/acs');
    expect(descendants(doc, NS.saml, 'SubjectConfirmation')[0]?.getAttribute('Method')).toBe(
      'urn:oasis:names:tc:SAML:2.0:cm:bearer',
    );
    expect(descendants(doc, NS.saml, 'SubjectConfirmationData')[0]?.getAttribute('Recipient')).toBe(
      'https://sp.example.com/saml/acs',
    );
  });

  it('defaults AuthnContextClassRef to Password and honours a given one', () => {
    expect(descendants(parseXml(draftXml().xml), NS.saml, 'AuthnContextClassRef')[0]?.textContent).toBe(
      AUTHN_CONTEXT_PASSWORD,
    );
    const federated = draftXml({ authnContextClassRef: 'urn:federation:authentication:windows' }).xml;
    expect(descendants(parseXml(federated), NS.saml, 'AuthnContextClassRef')[0]?.textContent).toBe(
      'urn:federation:authentication:windows',
    );
  });

  it('has no NameQualifier, SessionNotOnOrAfter, OneTimeUse or SubjectLocality', () => {
    const { xml } = draftXml();
    for (const absent of [
      'NameQualifier',
      'SPNameQualifier',
      'SessionNotOnOrAfter',
      'OneTimeUse',
      'SubjectLocality',
      'Advice',
    ]) {
      expect(xml).not.toContain(absent);
    }
  });
});

describe('attributes', () => {
  it('emits Attribute with Name only, several AttributeValue children for multi-valued claims', () => {
    const { xml } = draftXml({ claims: [{ name: CLAIM.groups, values: ['g1', 'g2'] }] });
    expect(xml).toContain(
      `<Attribute Name="${CLAIM.groups}"><AttributeValue>g1</AttributeValue><AttributeValue>g2</AttributeValue></Attribute>`,
    );
    expect(xml).not.toContain('xsi:type');
  });

  it.each(Object.entries(ATTRNAME_FORMAT))(
    'adds NameFormat %s to every Attribute when configured',
    (key, uri) => {
      const { xml } = draftXml({ attributeNameFormat: key as keyof typeof ATTRNAME_FORMAT });
      const attributes = descendants(parseXml(xml), NS.saml, 'Attribute');
      expect(attributes.length).toBeGreaterThan(0);
      for (const attribute of attributes) expect(attribute.getAttribute('NameFormat')).toBe(uri);
      expect(attributeOrder(xml, 'Attribute')).toEqual(['Name', 'NameFormat']);
    },
  );

  it('omits the AttributeStatement when there are no claims', () => {
    expect(draftXml({ claims: [] }).xml).not.toContain('AttributeStatement');
  });
});

describe('IdP-initiated (unsolicited) responses', () => {
  it('carry no InResponseTo anywhere', () => {
    const { xml } = draftXml({ inResponseTo: undefined });
    expect(xml).not.toContain('InResponseTo');
    expect(attributeOrder(xml, 'SubjectConfirmationData')).toEqual(['NotOnOrAfter', 'Recipient']);
  });

  it('echo InResponseTo on Response and SubjectConfirmationData when SP-initiated', () => {
    const doc = parseXml(draftXml({ inResponseTo: '_req-1' }).xml);
    expect(doc.documentElement!.getAttribute('InResponseTo')).toBe('_req-1');
    expect(descendants(doc, NS.saml, 'SubjectConfirmationData')[0]?.getAttribute('InResponseTo')).toBe(
      '_req-1',
    );
  });
});

describe('error responses', () => {
  it('carry nested status codes and a message, and no Assertion or Destination', () => {
    const draft = buildErrorResponseDraft(
      {
        issuer: 'https://sts.windows.net/t/',
        inResponseTo: '_r',
        statusCode: STATUS.requester,
        subStatusCode: STATUS.requestUnsupported,
        message: 'AADSTS75006',
      },
      { ids: sequentialIds(), now: new Date(TEST_NOW) },
    );
    const xml = serializeXml(draft.document);
    expect(xml).toContain(
      `<samlp:Status><samlp:StatusCode Value="${STATUS.requester}"><samlp:StatusCode Value="${STATUS.requestUnsupported}"/></samlp:StatusCode><samlp:StatusMessage>AADSTS75006</samlp:StatusMessage></samlp:Status>`,
    );
    expect(xml).not.toMatch(/Assertion|Destination/);
    expect(draft.assertionId).toBe('');
  });
});
