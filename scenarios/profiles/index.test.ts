/** @module Each profiles/* scenario's response really carries its change (read back from the exact XML). */
import { describe, expect, it } from 'vitest';
import {
  attr,
  build,
  count,
  expectCheckForEvery,
  idpCertificate,
  minutesAfterIssue,
  scenariosOf,
  text,
  verifiedIds,
  type Check,
} from '../test-support/xml-checks.js';
import { groups } from './index.js';

const BASELINE = 'B.Simon@contoso.com';
const VICTIM = 'admin@contoso.com';
const ACS = 'https://sp.example.com/acs';
const REQUEST = '_request-1';

const issuers = (built: Parameters<Check>[0]) => [text(built.doc, 'Issuer'), text(built.doc, 'Issuer', 1)];
const tenantIssuer = (built: Parameters<Check>[0]) => text(built.doc, 'Issuer', 0)!;

/** Every Signature verifies with the IdP certificate alone, and they sign exactly these elements. */
function signedBy(...parts: ('Response' | 'Assertion' | 'Assertion2')[]): Check {
  return ({ xml, doc }) => {
    const ids = {
      Response: attr(doc, 'Response', 'ID'),
      Assertion: attr(doc, 'Assertion', 'ID'),
      Assertion2: attr(doc, 'Assertion', 'ID', 1),
    };
    expect(verifiedIds(xml, doc, idpCertificate()).sort()).toEqual(parts.map((p) => ids[p]).sort());
  };
}

function inResponseTo(response: string | null, subject: string | null): Check {
  return ({ doc }) => {
    expect(attr(doc, 'Response', 'InResponseTo')).toBe(response);
    expect(attr(doc, 'SubjectConfirmationData', 'InResponseTo')).toBe(subject);
  };
}

function twoAssertions(
  first: string,
  second: string,
  audiences = ['https://sp.example.com/metadata', 'https://sp.example.com/metadata'],
): Check {
  return (built) => {
    expect(count(built.doc, 'Assertion')).toBe(2);
    expect([text(built.doc, 'NameID'), text(built.doc, 'NameID', 1)]).toEqual([first, second]);
    expect([text(built.doc, 'Audience'), text(built.doc, 'Audience', 1)]).toEqual(audiences);
    expect(attr(built.doc, 'AuthnStatement', 'SessionIndex', 1)).toBe(attr(built.doc, 'Assertion', 'ID', 1));
    signedBy('Assertion', 'Assertion2')(built);
  };
}

const checks: Record<string, Check> = {
  'profiles/4.1.4.5/entra-default-response': (built) => {
    expect(built.scenario.response).toBeUndefined();
    expect(built.scenario.flows).toEqual(['sp-initiated', 'idp-initiated']);
    signedBy('Assertion')(built);
  },
  'profiles/4.1.4.5/unsigned': ({ doc }) => expect(count(doc, 'Signature')).toBe(0),
  'profiles/4.1.4.5/replay': (built) => {
    expect(built.scenario.delivery).toEqual({ replay: true });
    signedBy('Assertion')(built);
  },
  'profiles/4.1.4.2/no-assertion': (built) => {
    expect(count(built.doc, 'Assertion')).toBe(0);
    expect(attr(built.doc, 'StatusCode', 'Value')).toMatch(/:Success$/);
    signedBy('Response')(built);
  },
  'profiles/4.1.4.2/no-authn-statement': (built) => {
    expect(count(built.doc, 'AuthnStatement')).toBe(0);
    signedBy('Assertion')(built);
  },
  'profiles/4.1.4.2/no-audience-restriction': ({ doc }) => {
    expect(count(doc, 'AudienceRestriction')).toBe(0);
    expect(count(doc, 'Conditions')).toBe(1);
  },
  'profiles/4.1.4.2/confirmation-method-holder-of-key': ({ doc }) =>
    expect(attr(doc, 'SubjectConfirmation', 'Method')).toBe('urn:oasis:names:tc:SAML:2.0:cm:holder-of-key'),
  'profiles/4.1.4.2/bearer-not-before-present': ({ doc }) =>
    expect(minutesAfterIssue(doc, 'SubjectConfirmationData', 'NotBefore')).toBeCloseTo(-5, 0),
  'profiles/4.1.4.2/issuer-other-tenant': (built) => {
    expect(issuers(built)).toEqual([
      'https://sts.windows.net/5e1d7a3c-0b9f-4c2e-8a6d-9f3b2c1e0d47/',
      'https://sts.windows.net/5e1d7a3c-0b9f-4c2e-8a6d-9f3b2c1e0d47/',
    ]);
    signedBy('Assertion')(built);
  },
  'profiles/4.1.4.2/assertion-issuer-differs': (built) => {
    const [response, assertion] = issuers(built);
    expect(response).not.toBe(assertion);
    expect(assertion).toBe('https://sts.windows.net/5e1d7a3c-0b9f-4c2e-8a6d-9f3b2c1e0d47/');
  },
  'profiles/4.1.4.2/response-issuer-differs': (built) => {
    const [response, assertion] = issuers(built);
    expect(response).toBe('https://sts.windows.net/5e1d7a3c-0b9f-4c2e-8a6d-9f3b2c1e0d47/');
    expect(assertion).toMatch(/^https:\/\/sts\.windows\.net\/[0-9a-f-]{36}\/$/);
    expect(assertion).not.toBe(response);
  },
  'profiles/4.1.4.2/assertion-issuer-missing': (built) => {
    expect(count(built.doc, 'Issuer')).toBe(1);
    signedBy('Assertion')(built);
  },
  'profiles/4.1.4.2/issuer-login-microsoftonline-form': (built) => {
    const [response, assertion] = issuers(built);
    expect(response).toMatch(/^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/$/);
    expect(assertion).toBe(response);
  },
  'profiles/4.1.4.2/issuer-without-trailing-slash': (built) => {
    expect(tenantIssuer(built)).toMatch(/^https:\/\/sts\.windows\.net\/[0-9a-f-]{36}$/);
    expect(text(built.doc, 'Issuer', 1)).toBe(tenantIssuer(built));
  },
  'profiles/4.1.4.2/assertion-issuer-format-email': (built) => {
    expect(attr(built.doc, 'Issuer', 'Format', 1)).toBe(
      'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    );
    expect(attr(built.doc, 'Issuer', 'Format', 0)).toBeNull();
    signedBy('Assertion')(built);
  },
  'profiles/4.1.4.2/two-assertions-victim-second': twoAssertions(BASELINE, VICTIM),
  'profiles/4.1.4.2/two-assertions-victim-first': twoAssertions(VICTIM, BASELINE),
  'profiles/4.1.4.2/two-assertions-second-for-other-sp': twoAssertions(BASELINE, VICTIM, [
    'https://sp.example.com/metadata',
    'https://other-sp.example.net/saml/metadata',
  ]),
  'profiles/4.1.4.2/two-assertions-same-subject': twoAssertions(BASELINE, BASELINE),
  'profiles/4.1.4.3/recipient-mismatch': ({ doc }) => {
    expect(attr(doc, 'SubjectConfirmationData', 'Recipient')).toBe('https://other-sp.example.net/saml/acs');
    expect(attr(doc, 'Response', 'Destination')).toBe(ACS);
  },
  'profiles/4.1.4.3/recipient-missing': ({ doc }) =>
    expect(attr(doc, 'SubjectConfirmationData', 'Recipient')).toBeNull(),
  'profiles/4.1.4.3/recipient-trailing-slash-differs': ({ doc }) =>
    expect(attr(doc, 'SubjectConfirmationData', 'Recipient')).toBe(`${ACS}/`),
  'profiles/4.1.4.3/subject-confirmation-expired': ({ doc }) => {
    expect(minutesAfterIssue(doc, 'SubjectConfirmationData', 'NotOnOrAfter')).toBe(-10);
    expect(minutesAfterIssue(doc, 'Conditions', 'NotOnOrAfter')).toBe(60);
  },
  'profiles/4.1.4.3/address-mismatch': ({ doc }) =>
    expect(attr(doc, 'SubjectConfirmationData', 'Address')).toBe('203.0.113.9'),
  'profiles/4.1.4.3/in-response-to-unknown': inResponseTo('_not_a_request_we_sent', '_not_a_request_we_sent'),
  'profiles/4.1.4.3/in-response-to-missing': inResponseTo(null, null),
  'profiles/4.1.4.3/subject-in-response-to-differs': inResponseTo(REQUEST, '_a_different_request'),
  'profiles/4.1.4.3/response-in-response-to-differs': inResponseTo('_a_different_request', REQUEST),
  'profiles/4.1.4.3/subject-in-response-to-missing': inResponseTo(REQUEST, null),
  'profiles/4.1.4.3/in-response-to-other-session': (built) => {
    expect(built.scenario.delivery).toEqual({ foreignSession: true });
    inResponseTo(REQUEST, REQUEST)(built);
  },
  'profiles/4.1.5/unsolicited-accepted': inResponseTo(null, null),
  'profiles/4.1.5/unsolicited-to-sp-initiated-only': (built) => {
    expect(built.scenario.tags).toContain('unsolicited-to-sp-initiated-only');
    inResponseTo(null, null)(built);
  },
  'profiles/4.1.5/unsolicited-with-subject-in-response-to': inResponseTo(null, '_never_sent_by_this_sp'),
};

describe('profiles scenarios', () => {
  const scenarios = scenariosOf(groups);

  it('has a check for every scenario', () => expectCheckForEvery(groups, checks));

  it('runs InResponseTo checks in the SP-initiated flow only, unsolicited ones in the IdP-initiated flow only', () => {
    for (const [id, s] of scenarios) {
      if (id.startsWith('profiles/4.1.4.3/') && s.tags?.includes('in-response-to'))
        expect(s.flows, id).toEqual(['sp-initiated']);
      if (id.startsWith('profiles/4.1.5/')) expect(s.flows, id).toEqual(['idp-initiated']);
    }
  });

  it.each(Object.keys(checks))('%s carries its change', async (id) => {
    await checks[id]!(await build(scenarios.get(id)!));
  });
});
