/** @module SAML Profiles §4.1.4.2 — the Issuer of the Response and of each Assertion must be the IdP. */
import { defineScenarios } from '../define.js';
import { removeElement, setAttr, setElementText } from '../mutations/basic.js';
import type { SpecRef } from '../types.js';

const OTHER_ISSUER = 'https://sts.windows.net/5e1d7a3c-0b9f-4c2e-8a6d-9f3b2c1e0d47/';
const assertionIssuer = {
  doc: 'saml-profiles',
  section: '4.1.4.2',
  quote:
    "Each assertion's <Issuer> element MUST contain the unique identifier of the issuing identity provider",
} as const satisfies SpecRef;
const responseIssuer = {
  doc: 'saml-profiles',
  section: '4.1.4.2',
  quote:
    'The <Issuer> element MAY be omitted, but if present it MUST contain the unique identifier of the issuing identity provider',
} as const satisfies SpecRef;
/** Issuer[0] is the Response's, Issuer[1] the Assertion's. */
const RESPONSE_ISSUER = { element: 'Issuer', index: 0 } as const;
const ASSERTION_ISSUER = { element: 'Issuer', index: 1 } as const;
const BOTH_ISSUERS = { element: 'Issuer', index: 'all' } as const;

export default defineScenarios('profiles/4.1.4.2', [
  {
    slug: 'issuer-other-tenant',
    title: "Sends Response and Assertion whose Issuer is another Entra tenant, signed with this IdP's key",
    requirement:
      'The SP MUST reject an assertion whose Issuer is not the configured IdP, even if the signature verifies.',
    fix: "Compare each Assertion's Issuer exactly with the IdP entity ID you configured (https://sts.windows.net/<your tenant id>/) and refuse any other, even when the signature verifies.",
    refs: [assertionIssuer],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-issuer-check' }, { sp: 'naive-foreign-tenant' }],
    response: { issuer: OTHER_ISSUER },
    tags: ['issuer'],
  },
  {
    slug: 'assertion-issuer-differs',
    title: "Sends a Response whose Issuer is the IdP but whose Assertion's Issuer is another tenant",
    requirement: 'The SP MUST reject an assertion whose Issuer is not the configured IdP.',
    fix: "Check the Issuer of every assertion you use, not only the Response's: it must equal the configured IdP entity ID exactly.",
    refs: [assertionIssuer],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-issuer-check' }, { sp: 'naive-foreign-tenant' }],
    mutations: [setElementText(ASSERTION_ISSUER, OTHER_ISSUER)],
    tags: ['issuer'],
  },
  {
    slug: 'response-issuer-differs',
    title:
      "Sends a Response whose own Issuer is another tenant while the signed Assertion's Issuer is the IdP",
    requirement:
      'If the Response carries an Issuer it must be the IdP; the SP SHOULD reject a Response whose Issuer differs.',
    fix: 'When the Response carries an Issuer, compare it exactly with the configured IdP entity ID too, and refuse the Response if it differs.',
    refs: [responseIssuer],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-no-issuer-check' }, { sp: 'naive-foreign-tenant' }],
    mutations: [setElementText(RESPONSE_ISSUER, OTHER_ISSUER)],
    tags: ['issuer'],
  },
  {
    slug: 'assertion-issuer-missing',
    title: 'Sends a signed Assertion that has no Issuer element',
    requirement: 'Issuer is required in an Assertion; the SP MUST reject an assertion without it.',
    fix: 'Require an Issuer in every assertion and compare it with the configured IdP entity ID; refuse an assertion without one.',
    refs: [assertionIssuer, { doc: 'saml-core', section: '2.3.3' }],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-issuer-check' }, { sp: 'naive-foreign-tenant' }],
    mutations: [removeElement(ASSERTION_ISSUER)],
    tags: ['issuer'],
  },
  {
    slug: 'issuer-login-microsoftonline-form',
    title:
      'Sends Issuer https://login.microsoftonline.com/{tenant}/ instead of https://sts.windows.net/{tenant}/',
    requirement:
      "The Issuer MUST be the IdP's entity ID exactly; the SP MUST reject another URL form of the same tenant it was not configured with.",
    fix: "Compare Issuer exactly with the entity ID in Entra's federation metadata (https://sts.windows.net/<tenant id>/); do not accept other URL forms of the tenant.",
    refs: [
      assertionIssuer,
      {
        url: 'https://learn.microsoft.com/en-us/entra/identity-platform/reference-saml-tokens',
        title: 'SAML token claims reference (Microsoft Entra)',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-issuer-check' }, { sp: 'naive-foreign-tenant' }],
    mutations: [
      setElementText(BOTH_ISSUERS, (ctx) =>
        ctx.issuer.replace('https://sts.windows.net/', 'https://login.microsoftonline.com/'),
      ),
    ],
    tags: ['issuer'],
  },
  {
    slug: 'issuer-without-trailing-slash',
    title: "Sends Issuer https://sts.windows.net/{tenant} without Entra's trailing slash",
    requirement: "The SP SHOULD compare the Issuer exactly with the IdP's entity ID and reject this one.",
    fix: 'Compare Issuer as an exact string with the configured entity ID, trailing slash included; do not normalise URLs.',
    refs: [assertionIssuer, { doc: 'saml-core', section: '1.3.2' }],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-no-issuer-check' }, { sp: 'naive-foreign-tenant' }],
    mutations: [setElementText(BOTH_ISSUERS, (ctx) => ctx.issuer.replace(/\/+$/, ''))],
    tags: ['issuer'],
  },
  {
    slug: 'assertion-issuer-format-email',
    title: "Sends the Assertion's Issuer with Format emailAddress instead of entity",
    requirement:
      "The Issuer's Format must be omitted or be entity; the SP SHOULD reject an assertion whose Issuer claims another format.",
    fix: 'Refuse an assertion whose Issuer has a Format other than urn:oasis:names:tc:SAML:2.0:nameid-format:entity.',
    refs: [
      {
        doc: 'saml-profiles',
        section: '4.1.4.2',
        quote:
          'the Format attribute MUST be omitted or have a value of urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
      },
    ],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-no-issuer-check' }, { sp: 'naive-foreign-tenant' }],
    mutations: [
      setAttr(ASSERTION_ISSUER, 'Format', 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'),
    ],
    tags: ['issuer'],
  },
]);
