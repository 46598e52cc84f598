/** @module SAML Core §3.2.2 — the StatusResponseType attributes of <Response>: Version, IssueInstant, Destination, Status. */
import { defineScenarios } from '../define.js';
import { removeElement, setAttr } from '../mutations/basic.js';
import type { SpecRef } from '../types.js';

const core = { doc: 'saml-core', section: '3.2.2' } as const satisfies SpecRef;

export default defineScenarios('core/3.2.2', [
  {
    slug: 'version-1-1',
    title: 'Sends a Response and Assertion that declare Version="1.1"',
    requirement: 'The SP MUST reject a message whose Version is not 2.0.',
    fix: 'Refuse any Response or Assertion whose Version attribute is not exactly "2.0".',
    refs: [core, { doc: 'saml-core', section: '4.1' }],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-version-check' }],
    mutations: [setAttr('Response', 'Version', '1.1'), setAttr('Assertion', 'Version', '1.1')],
    tags: ['version'],
  },
  {
    slug: 'issue-instant-day-old',
    title: 'Sends a Response and Assertion issued 24 hours ago whose validity window still includes now',
    requirement:
      'The SP SHOULD reject a response whose IssueInstant is far outside the expected delivery window.',
    fix: 'Refuse a Response whose IssueInstant is older than a few minutes plus clock skew (a Response is posted at once); do not rely on NotOnOrAfter alone.',
    refs: [core, { doc: 'saml-core', section: '2.3.3' }],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-no-time-check' }],
    response: { issuedAt: '-24h', notOnOrAfter: '+25h' },
    tags: ['time'],
    note: 'NotBefore is IssueInstant − 5 min; NotOnOrAfter (Conditions and bearer) is now + 1 h.',
  },
  {
    slug: 'issue-instant-day-ahead',
    title:
      'Sends a Response and Assertion whose IssueInstant is 24 hours in the future, validity window including now',
    requirement: 'The SP SHOULD reject a response issued in the future beyond clock skew.',
    fix: 'Refuse a Response or Assertion whose IssueInstant lies in the future by more than the allowed clock skew.',
    refs: [core, { doc: 'saml-core', section: '2.3.3' }],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-no-time-check' }],
    response: { issuedAt: '+24h', notBefore: '-25h' },
    tags: ['time'],
  },
  {
    slug: 'status-missing',
    title: 'Sends a Response without a Status element (the assertion is intact and signed)',
    requirement: 'Status is required; the SP MUST reject a Response without it.',
    fix: 'Validate the Response against the SAML schema (or at least require samlp:Status) and refuse one without Status; sign in only when the top-level StatusCode is Success.',
    refs: [core],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-accept-any-status' }],
    mutations: [removeElement('Status')],
    tags: ['status'],
  },
  {
    slug: 'destination-other-unsigned-response',
    title: "Sends an unsigned Response (assertion signed) whose Destination is another SP's ACS URL",
    requirement:
      'If Destination is present, the recipient MUST check it identifies the location at which the message was received, and MUST discard the response if not.',
    fix: 'Whenever Destination is present, signed or not, compare it exactly with the ACS URL the Response was posted to and refuse the Response otherwise.',
    refs: [
      {
        ...core,
        quote:
          'If it is present, the actual recipient MUST check that the URI reference identifies the location at which the message was received. If it does not, the response MUST be discarded.',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-destination-check' }],
    response: { destination: 'https://other-sp.example.net/saml/acs' },
    tags: ['destination'],
  },
]);
