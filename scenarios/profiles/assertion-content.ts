/** @module SAML Profiles §4.1.4.2 — what a successful Response must contain: an assertion, a bearer confirmation, an AuthnStatement, an AudienceRestriction. */
import { defineScenarios } from '../define.js';
import { removeElement, setAttr } from '../mutations/basic.js';
import { instantAt } from '../mutations/protocol.js';
import type { SpecRef } from '../types.js';

const usage = { doc: 'saml-profiles', section: '4.1.4.2' } as const satisfies SpecRef;

export default defineScenarios('profiles/4.1.4.2', [
  {
    slug: 'no-assertion',
    title: 'Sends a signed Success Response that contains no assertion',
    requirement:
      'A successful Response MUST contain at least one assertion; the SP MUST NOT establish a session from one without.',
    fix: 'Refuse a Success Response that contains no Assertion or EncryptedAssertion; never create a session from the Response envelope alone.',
    refs: [usage],
    level: 'must',
    expect: 'reject',
    control: {
      none: 'A Response without any assertion: no configuration has anyone to sign in.',
      wouldNeed: 'Nothing short of an SP that invents a user.',
    },
    response: { sign: 'response' },
    mutations: [removeElement('Assertion')],
    tags: ['structure'],
  },
  {
    slug: 'no-authn-statement',
    title: 'Sends a signed assertion without an AuthnStatement (attributes only)',
    requirement:
      'The bearer assertions MUST contain at least one AuthnStatement; the SP MUST reject an assertion set without one.',
    fix: 'Require an AuthnStatement in the assertion you sign the user in from, and refuse attribute-only assertions.',
    refs: [usage],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-authn-statement-check' }],
    mutations: [removeElement('AuthnStatement')],
    tags: ['structure'],
  },
  {
    slug: 'no-audience-restriction',
    title: 'Sends a signed assertion whose Conditions have no AudienceRestriction',
    requirement:
      'A bearer assertion MUST contain an AudienceRestriction naming the SP; the SP MUST reject an assertion that could be meant for any SP.',
    fix: 'Require an AudienceRestriction that lists your entity ID, and refuse an assertion without one: it could have been issued to any SP.',
    refs: [
      {
        ...usage,
        quote:
          "Each bearer assertion(s) containing a bearer subject confirmation MUST contain an <AudienceRestriction> including the service provider's unique identifier as an <Audience>.",
      },
    ],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-audience-check' }],
    response: { audience: null },
    tags: ['audience'],
  },
  {
    slug: 'confirmation-method-holder-of-key',
    title:
      'Sends an assertion whose only SubjectConfirmation uses the holder-of-key method instead of bearer',
    requirement:
      'An assertion with an AuthnStatement MUST have a bearer SubjectConfirmation; the SP MUST reject one it cannot confirm.',
    fix: 'Require a SubjectConfirmation with Method urn:oasis:names:tc:SAML:2.0:cm:bearer whose data you validate; refuse an assertion without one.',
    refs: [usage, { doc: 'saml-profiles', section: '4.1.4.3' }],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-lenient-bearer' }],
    mutations: [setAttr('SubjectConfirmation', 'Method', 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key')],
    tags: ['subject-confirmation'],
  },
  {
    slug: 'bearer-not-before-present',
    title: 'Sends a bearer SubjectConfirmationData that carries a NotBefore attribute (5 minutes ago)',
    requirement:
      'A bearer SubjectConfirmationData MUST NOT contain NotBefore; a strictly conforming SP SHOULD reject it.',
    fix: 'Refuse a bearer SubjectConfirmationData that carries NotBefore: the Web Browser SSO profile forbids it, so a conforming IdP never sends one.',
    refs: [{ ...usage, quote: 'It MUST NOT contain a NotBefore attribute.' }],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-lenient-bearer' }],
    mutations: [setAttr('SubjectConfirmationData', 'NotBefore', instantAt('-5m'))],
    tags: ['subject-confirmation'],
  },
]);
