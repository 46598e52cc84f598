/** @module Each core/* scenario's response really carries its change (read back from the exact XML). */
import { describe, expect, it } from 'vitest';
import {
  attr,
  build,
  childNames,
  count,
  expectCheckForEvery,
  minutesAfterIssue,
  minutesFromNow,
  scenariosOf,
  text,
  type Built,
  type Check,
} from '../test-support/xml-checks.js';
import { groups } from './index.js';

const STATUS = 'urn:oasis:names:tc:SAML:2.0:status:';
const SP = 'https://sp.example.com/metadata';

function window(notBefore: number | null, notOnOrAfter: number): Check {
  return ({ doc }) => {
    expect(
      notBefore === null
        ? attr(doc, 'Conditions', 'NotBefore')
        : minutesAfterIssue(doc, 'Conditions', 'NotBefore'),
    ).toBe(notBefore);
    expect(minutesAfterIssue(doc, 'Conditions', 'NotOnOrAfter')).toBe(notOnOrAfter);
    expect(minutesAfterIssue(doc, 'SubjectConfirmationData', 'NotOnOrAfter')).toBe(notOnOrAfter);
  };
}

function statusIs(top: string, sub?: string): Check {
  return ({ doc }) => {
    expect(attr(doc, 'StatusCode', 'Value')).toBe(`${STATUS}${top}`);
    expect(attr(doc, 'StatusCode', 'Value', 1)).toBe(sub === undefined ? null : `${STATUS}${sub}`);
  };
}

const skewProbes = Object.fromEntries(
  (
    [
      ['30s', 0.5],
      ['1m', 1],
      ['3m', 3],
      ['5m', 5],
    ] as const
  ).flatMap(([step, minutes]): [string, Check][] => [
    [`core/2.5.1.2/skew-probe-not-before-plus-${step}`, window(minutes, 60)],
    [`core/2.5.1.2/skew-probe-expired-minus-${step}`, window(-5, -minutes)],
  ]),
);

const checks: Record<string, Check> = {
  'core/2.2.3/name-id-empty': ({ doc }) => expect(text(doc, 'NameID')).toBe(''),
  'core/2.2.3/name-id-whitespace-padded': ({ doc }) =>
    expect(text(doc, 'NameID')).toBe('  B.Simon@contoso.com '),
  'core/2.2.3/name-id-foreign-qualifiers': ({ doc }) => {
    expect(attr(doc, 'NameID', 'NameQualifier')).toMatch(/^https:\/\/sts\.windows\.net\/5e1d/);
    expect(attr(doc, 'NameID', 'SPNameQualifier')).toBe('https://other-sp.example.net/saml/metadata');
  },
  'core/2.5.1/unknown-condition': ({ doc, xml }) => {
    expect(childNames(doc, 'Conditions')).toEqual(['AudienceRestriction', 'Condition']);
    expect(xml).toMatch(/<Condition [^>]*xsi:type="ext:DeviceComplianceRequired"/);
  },
  'core/2.5.1/conditions-without-time-bounds': ({ doc }) => {
    expect(attr(doc, 'Conditions', 'NotBefore')).toBeNull();
    expect(attr(doc, 'Conditions', 'NotOnOrAfter')).toBeNull();
    expect(minutesAfterIssue(doc, 'SubjectConfirmationData', 'NotOnOrAfter')).toBe(60);
  },
  'core/2.5.1/one-time-use': ({ doc }) =>
    expect(childNames(doc, 'Conditions')).toEqual(['AudienceRestriction', 'OneTimeUse']),
  'core/2.5.1.2/expired-30m-ago': window(-60, -30),
  'core/2.5.1.2/not-yet-valid-30m': window(30, 60),
  'core/2.5.1.2/not-before-within-skew-2m': window(2, 60),
  'core/2.5.1.2/expired-within-skew-2m': window(-5, -2),
  'core/2.5.1.2/not-before-beyond-skew-10m': window(10, 60),
  'core/2.5.1.2/expired-beyond-skew-10m': window(-5, -10),
  'core/2.5.1.2/not-before-absent': window(null, 60),
  ...skewProbes,
  'core/2.5.1.4/audience-other-sp': ({ doc }) =>
    expect(text(doc, 'Audience')).toBe('https://other-sp.example.net/saml/metadata'),
  'core/2.5.1.4/second-restriction-other-sp': ({ doc }) => {
    expect(count(doc, 'AudienceRestriction')).toBe(2);
    expect([text(doc, 'Audience'), text(doc, 'Audience', 1)]).toEqual([
      SP,
      'https://other-sp.example.net/saml/metadata',
    ]);
  },
  'core/2.5.1.4/audience-among-several': ({ doc }) => {
    expect(count(doc, 'AudienceRestriction')).toBe(1);
    expect([text(doc, 'Audience'), text(doc, 'Audience', 1)]).toEqual([
      'https://other-sp.example.net/saml/metadata',
      SP,
    ]);
  },
  'core/2.5.1.4/audience-trailing-slash-differs': ({ doc }) => expect(text(doc, 'Audience')).toBe(`${SP}/`),
  'core/2.7.2/session-not-on-or-after-past': ({ doc }) =>
    expect(minutesFromNow(doc, 'AuthnStatement', 'SessionNotOnOrAfter')).toBe(-1),
  'core/2.7.2/session-not-on-or-after-future': ({ doc }) =>
    expect(minutesFromNow(doc, 'AuthnStatement', 'SessionNotOnOrAfter')).toBe(480),
  'core/2.7.2/authn-instant-hours-ago': ({ doc }) =>
    expect(minutesFromNow(doc, 'AuthnStatement', 'AuthnInstant')).toBe(-1200),
  'core/3.2.2/version-1-1': ({ doc }) => {
    expect(attr(doc, 'Response', 'Version')).toBe('1.1');
    expect(attr(doc, 'Assertion', 'Version')).toBe('1.1');
  },
  'core/3.2.2/issue-instant-day-old': ({ doc }) => {
    expect(minutesFromNow(doc, 'Response', 'IssueInstant')).toBe(-1440);
    expect(minutesFromNow(doc, 'Conditions', 'NotBefore')).toBe(-1445);
    expect(minutesFromNow(doc, 'Conditions', 'NotOnOrAfter')).toBe(60);
    expect(minutesFromNow(doc, 'SubjectConfirmationData', 'NotOnOrAfter')).toBe(60);
  },
  'core/3.2.2/issue-instant-day-ahead': ({ doc }) => {
    expect(minutesFromNow(doc, 'Response', 'IssueInstant')).toBe(1440);
    expect(minutesFromNow(doc, 'Conditions', 'NotBefore')).toBe(-60);
    expect(minutesFromNow(doc, 'Conditions', 'NotOnOrAfter')).toBe(1500);
  },
  'core/3.2.2/status-missing': ({ doc }) => {
    expect(count(doc, 'Status')).toBe(0);
    expect(count(doc, 'Assertion')).toBe(1);
  },
  'core/3.2.2/destination-other-unsigned-response': ({ doc }) => {
    expect(attr(doc, 'Response', 'Destination')).toBe('https://other-sp.example.net/saml/acs');
    expect(attr(doc, 'SubjectConfirmationData', 'Recipient')).toBe('https://sp.example.com/acs');
  },
  'core/3.2.2.2/responder-error-with-assertion': (built: Built) => {
    statusIs('Responder')(built);
    expect(text(built.doc, 'StatusMessage')).toMatch(/^AADSTS50105: /);
    expect(count(built.doc, 'Assertion')).toBe(1);
  },
  'core/3.2.2.2/requester-authn-failed-with-assertion': (built) => {
    statusIs('Requester', 'AuthnFailed')(built);
    expect(count(built.doc, 'Assertion')).toBe(1);
  },
  'core/3.2.2.2/aadsts-error-response': (built) => {
    statusIs('Requester', 'RequestUnsupported')(built);
    expect(text(built.doc, 'StatusMessage')).toMatch(/^AADSTS75006: /);
    expect(count(built.doc, 'Assertion')).toBe(0);
  },
};

describe('core scenarios', () => {
  const scenarios = scenariosOf(groups);

  it('has a check for every scenario', () => expectCheckForEvery(groups, checks));

  it.each(Object.keys(checks))('%s carries its change', async (id) => {
    await checks[id]!(await build(scenarios.get(id)!));
  });
});
