/**
 * @module SAML Profiles §4.1.4.2 — several assertions in one Response, each legitimately signed by the
 * IdP. The profile allows several, but all must be about the same principal; which one an SP acts on
 * must never let the second subject in.
 */
import { defineScenarios } from '../define.js';
import { addSignedAssertion } from '../mutations/protocol.js';
import type { SpecRef } from '../types.js';

const samePrincipal = {
  doc: 'saml-profiles',
  section: '4.1.4.2',
  quote:
    "If multiple assertions are included, then each assertion's <Subject> element MUST refer to the same principal.",
} as const satisfies SpecRef;

export default defineScenarios('profiles/4.1.4.2', [
  {
    slug: 'two-assertions-victim-second',
    title: 'Sends two IdP-signed assertions: the baseline user first, the victim second',
    requirement:
      'Assertions in one Response MUST refer to the same principal; the SP MUST NOT sign in the subject of the second assertion.',
    fix: 'Accept exactly one assertion (refuse a Response with several), or verify each one and require all Subjects to name the same principal; never read identity from an unchecked one.',
    refs: [samePrincipal],
    level: 'must',
    expect: 'no-victim-session',
    control: {
      none: 'Needs an SP that reads a later assertion; `accept-multiple-assertions`, `read-first-assertion` and `any-valid-signature` all read the first (`two-assertions-victim-first` has a control).',
      wouldNeed: 'A weakness flag "read the last assertion".',
    },
    mutations: [addSignedAssertion({ subject: 'victim', position: 'after' })],
    tags: ['multiple-assertions'],
    note: 'Rejecting the Response, or signing in only the baseline user, both pass.',
  },
  {
    slug: 'two-assertions-victim-first',
    title: 'Sends two IdP-signed assertions: the victim first, the baseline user second',
    requirement:
      'Assertions in one Response MUST refer to the same principal; the SP MUST NOT sign in a subject that differs between them.',
    fix: 'Refuse a Response whose assertions name different subjects; if you accept several, verify each and use the identity only when all Subjects agree.',
    refs: [samePrincipal],
    level: 'must',
    expect: 'no-victim-session',
    control: [
      { sp: 'naive-accept-multiple-assertions' },
      { sp: 'naive-read-first-assertion' },
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xsw-first-reader' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-unverified-multiple-assertions' },
    ],
    mutations: [addSignedAssertion({ subject: 'victim', position: 'before' })],
    tags: ['multiple-assertions'],
  },
  {
    slug: 'two-assertions-second-for-other-sp',
    title: 'Sends a valid assertion plus an IdP-signed assertion for the victim whose Audience is another SP',
    requirement:
      'The SP MUST validate every assertion it relies on; it MUST NOT sign in the subject of an assertion issued to another audience.',
    fix: 'Validate signature, issuer, audience and times of every assertion you read from; simplest is to refuse a Response with more than one assertion.',
    refs: [samePrincipal, { doc: 'saml-core', section: '2.5.1.4' }],
    level: 'must',
    expect: 'no-victim-session',
    control: {
      none: 'Needs an SP that reads a later assertion; `accept-multiple-assertions`, `read-first-assertion` and `any-valid-signature` all read the first, which is the valid one here.',
      wouldNeed: 'A weakness flag "read the last assertion".',
    },
    mutations: [
      addSignedAssertion({ subject: 'victim', audience: 'https://other-sp.example.net/saml/metadata' }),
    ],
    tags: ['multiple-assertions', 'audience'],
  },
  {
    slug: 'two-assertions-same-subject',
    title: 'Sends two IdP-signed assertions about the baseline user',
    requirement:
      'Observation only: the profile permits several assertions about one principal; many SPs accept exactly one.',
    fix: 'A careful SP accepts exactly one assertion and refuses the rest, or validates every assertion and checks they all name the same subject.',
    refs: [samePrincipal],
    level: 'info',
    expect: 'accept',
    mutations: [addSignedAssertion({ subject: 'baseline' })],
    tags: ['multiple-assertions'],
  },
]);
