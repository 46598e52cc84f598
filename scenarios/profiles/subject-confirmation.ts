/** @module SAML Profiles §4.1.4.3 — the SP's checks of the bearer SubjectConfirmationData: Recipient, NotOnOrAfter, Address. */
import { defineScenarios } from '../define.js';
import { setAttr } from '../mutations/basic.js';
import type { SpecRef } from '../types.js';

const processing = { doc: 'saml-profiles', section: '4.1.4.3' } as const satisfies SpecRef;
const recipientRule = {
  ...processing,
  quote:
    'Verify that the Recipient attribute in any bearer <SubjectConfirmationData> matches the assertion consumer service URL to which the <Response> or artifact was delivered',
} as const satisfies SpecRef;

export default defineScenarios('profiles/4.1.4.3', [
  {
    slug: 'recipient-mismatch',
    title: "Sends a bearer assertion whose Recipient is another SP's ACS URL",
    requirement: 'The SP MUST reject an assertion whose Recipient is not the ACS URL it was delivered to.',
    fix: 'Compare Recipient with your own ACS URL exactly and refuse the response otherwise.',
    refs: [recipientRule],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-recipient-check' }],
    response: { recipient: 'https://other-sp.example.net/saml/acs' },
    tags: ['subject-confirmation'],
  },
  {
    slug: 'recipient-missing',
    title: 'Sends a bearer SubjectConfirmationData without a Recipient attribute',
    requirement:
      'A bearer SubjectConfirmationData MUST contain a Recipient; the SP MUST reject an assertion that names no recipient.',
    fix: 'Require a Recipient on the bearer SubjectConfirmationData, and refuse the assertion when it is absent or is not your ACS URL.',
    refs: [recipientRule, { doc: 'saml-profiles', section: '4.1.4.2' }],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-recipient-check' }],
    response: { recipient: null },
    tags: ['subject-confirmation'],
  },
  {
    slug: 'recipient-trailing-slash-differs',
    title: 'Sends a Recipient that differs from the ACS URL only by a trailing slash',
    requirement: 'The SP MUST reject a Recipient that does not match its ACS URL.',
    fix: 'Compare Recipient with your ACS URL as an exact string, trailing slash included; set the Reply URL on the Entra app to exactly that URL.',
    refs: [recipientRule],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-recipient-check' }],
    mutations: [
      setAttr('SubjectConfirmationData', 'Recipient', (ctx) =>
        ctx.acsUrl.endsWith('/') ? ctx.acsUrl.slice(0, -1) : `${ctx.acsUrl}/`,
      ),
    ],
    tags: ['subject-confirmation'],
  },
  {
    slug: 'subject-confirmation-expired',
    title:
      'Sends valid Conditions but a bearer SubjectConfirmationData whose NotOnOrAfter passed 10 minutes ago',
    requirement:
      'The SP MUST reject an assertion whose bearer NotOnOrAfter has passed, whatever its Conditions say.',
    fix: 'Check the bearer SubjectConfirmationData NotOnOrAfter as well as Conditions (with a few minutes of skew at most), and refuse the assertion once it has passed.',
    refs: [
      {
        ...processing,
        quote:
          'Verify that the NotOnOrAfter attribute in any bearer <SubjectConfirmationData> has not passed, subject to allowable clock skew between the providers',
      },
      { doc: 'saml-core', section: '2.4.1.2' },
    ],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-time-check' }],
    response: { subjectNotOnOrAfter: '-10m' },
    tags: ['subject-confirmation', 'time'],
  },
  {
    slug: 'address-mismatch',
    title: 'Sends a bearer SubjectConfirmationData whose Address is 203.0.113.9, not the client',
    requirement: 'Observation only: the SP MAY check the client address against Address.',
    fix: 'Leave Address unchecked unless every client reaches you without NAT or proxies; if you enforce it, compare it with the client IP your proxy reports.',
    refs: [processing, { doc: 'saml-core', section: '2.4.1.2' }],
    level: 'info',
    expect: 'accept',
    mutations: [setAttr('SubjectConfirmationData', 'Address', '203.0.113.9')],
    tags: ['subject-confirmation'],
    note: 'Rejected means the SP enforces Address (which breaks behind NAT or proxies); accepted means it ignores it.',
  },
]);
