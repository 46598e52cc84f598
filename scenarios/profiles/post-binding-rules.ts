/** @module SAML Profiles §4.1.4.5 — POST-specific rules: Entra's default response is accepted, unsigned assertions and replays are not. */
import { AS_CONFIGURED_TAG } from '../signing-tags.js';
import { defineScenarios } from '../define.js';
import type { SpecRef } from '../types.js';
import { SIGNATURE_UNCHECKED } from '../control-groups.js';

const post = { doc: 'saml-profiles', section: '4.1.4.5' } as const satisfies SpecRef;

export default defineScenarios('profiles/4.1.4.5', [
  {
    slug: 'entra-default-response',
    title: "Sends Entra's default response for B.Simon: assertion signed with RSA-SHA256, nothing changed",
    requirement:
      'The SP MUST accept a valid response and sign the user in; this is the positive control every other scenario is judged against.',
    fix: "Accept Entra's default response: verify the assertion's RSA-SHA256 signature with the certificate from Entra's federation metadata and sign the user in; every other verdict depends on it.",
    refs: [post, { doc: 'saml-profiles', section: '4.1.4.3' }],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'overstrict-want-response-signed' }],
    tags: ['baseline', AS_CONFIGURED_TAG],
  },
  {
    slug: 'unsigned',
    title: 'Sends the baseline response with no signature on the Response or the Assertion',
    requirement: 'Assertions delivered by HTTP-POST MUST be signed; the SP MUST reject an unsigned one.',
    fix: 'Require a valid signature by the configured IdP certificate over the assertion (or the Response that contains it), and refuse a Response that has none.',
    refs: [
      {
        ...post,
        quote:
          'If the HTTP POST binding is used to deliver the <Response>, the enclosed assertion(s) MUST be signed.',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: SIGNATURE_UNCHECKED,
    response: { sign: 'none' },
    tags: ['signature'],
  },
  {
    slug: 'replay',
    title: 'Posts the same valid response a second time, from a fresh browser session',
    requirement:
      'The SP MUST ensure bearer assertions are not replayed, keeping used assertion IDs until their NotOnOrAfter.',
    fix: 'Keep the IDs of consumed assertions in a store shared by all instances until their NotOnOrAfter, and refuse an ID seen before.',
    refs: [
      {
        ...post,
        quote:
          'The service provider MUST ensure that bearer assertions are not replayed, by maintaining the set of used ID values for the length of time for which the assertion would be considered valid based on the NotOnOrAfter attribute in the <SubjectConfirmationData>.',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: [
      { sp: 'naive-no-replay-cache' },
      { sp: 'naive-read-first-assertion' },
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xsw-first-reader' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-unverified-multiple-assertions' },
      { sp: 'naive-replay-across-sessions' },
    ],
    delivery: { replay: true },
    tags: ['replay'],
  },
]);
