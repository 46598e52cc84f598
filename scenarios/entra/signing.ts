/** @module Entra signing options — sign the assertion (default), the response, or both; SHA-256 or SHA-1. */
import { defineScenarios } from '../define.js';
import type { SpecRef } from '../types.js';
import { ENTRA_DOCS } from './entra-refs.js';

const post = { doc: 'saml-profiles', section: '4.1.4.5' } as const satisfies SpecRef;

export default defineScenarios('entra/signing', [
  {
    slug: 'sign-assertion-sha256',
    title: 'Signs only the assertion with RSA-SHA256 ("Sign SAML assertion", the Entra default)',
    requirement: 'The SP MUST accept a response whose assertion is signed and whose Response is not.',
    fix: "Accept an assertion signature without a Response signature (Entra's default 'Sign SAML assertion'); do not insist on a signed Response.",
    refs: [ENTRA_DOCS.signingOptions, post],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'overstrict-want-response-signed' }],
    response: { sign: 'assertion', signatureAlgorithm: 'sha256' },
    tags: ['signature', 'baseline'],
  },
  {
    slug: 'sign-response-and-assertion',
    title: 'Signs the assertion, then the Response ("Sign SAML response and assertion")',
    requirement: 'The SP MUST accept a response whose Response and assertion are both signed.',
    fix: 'Verify both signatures (Response and Assertion) with the IdP certificate when both are present, and accept the response.',
    refs: [ENTRA_DOCS.signingOptions, post],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'overstrict-single-signature' }],
    response: { sign: 'both' },
    tags: ['signature'],
  },
  {
    slug: 'sign-response-only',
    title: 'Signs only the Response; the assertion inside is unsigned ("Sign SAML response")',
    requirement:
      'Observation only: POST assertions MUST be signed, yet the Response signature covers this one; SPs that want signed assertions reject it.',
    fix: 'Either require signed assertions (WantAssertionsSigned) and tell admins which Entra option to pick, or check that the Response signature references the Response you read.',
    refs: [
      ENTRA_DOCS.signingOptions,
      {
        ...post,
        quote:
          'If the HTTP POST binding is used to deliver the <Response>, the enclosed assertion(s) MUST be signed.',
      },
    ],
    level: 'info',
    expect: 'accept',
    response: { sign: 'response' },
    tags: ['signature'],
    note: 'Accepted: the SP trusts the Response signature. Rejected: it requires signed assertions (WantAssertionsSigned).',
  },
  {
    slug: 'sign-assertion-sha1',
    title: 'Signs the assertion with RSA-SHA1 and a SHA-1 digest (the Entra "SHA-1" option)',
    requirement: 'SHA-1 is deprecated for signatures; the SP SHOULD refuse RSA-SHA1 signed assertions.',
    fix: "Accept only RSA-SHA256 (or stronger) signatures and digests, and ask admins to keep Entra's default SHA-256 signing algorithm.",
    refs: [
      ENTRA_DOCS.signingOptions,
      {
        url: 'https://www.w3.org/TR/xmldsig-core1/#sec-SignatureAlg',
        title: 'XML Signature 1.1 §6.4 Signature Algorithms (SHA-1 discouraged)',
      },
    ],
    level: 'should',
    expect: 'reject',
    control: [
      { sp: 'naive-allow-sha1' },
      { sp: 'naive-no-signature-check' },
      { sp: 'naive-xml-unverified' },
      { sp: 'naive-unverified-multiple-assertions' },
    ],
    response: { signatureAlgorithm: 'sha1' },
    tags: ['signature', 'algorithm'],
  },
]);
