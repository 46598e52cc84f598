/** @module Entra NameID — the "Unique User Identifier" in each format Entra can send, and UPN vs mail for a guest. */
import { defineScenarios } from '../define.js';
import { DIRECTORY, ENTRA_DOCS, NAMEID_FORMAT } from './entra-refs.js';

/** A pairwise identifier shaped like Entra's (43 characters, base64url). */
export const PAIRWISE_ID = 'm_H3naDei2LNxUmEcWd0BZlNi_jVET1pMLR6iQSuYmo';
export const TRANSIENT_ID = '_5f1c0e8a9b7d4c3e2f1a0b9c8d7e6f5a4b3c2d1e';

export default defineScenarios('entra/nameid', [
  {
    slug: 'format-unspecified',
    title: 'Sends the UPN as NameID with Format unspecified (what Sentry asks the Entra admin to set)',
    requirement: 'The SP SHOULD accept an unspecified-format NameID carrying the UPN.',
    fix: 'Accept the unspecified NameID format (or none) and use the value as sent; do not insist on the emailAddress format that some tutorials change.',
    refs: [ENTRA_DOCS.claims, { doc: 'saml-core', section: '8.3.1' }],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-email-name-id-only' }],
    response: { nameIdFormat: NAMEID_FORMAT.unspecified },
    tags: ['name-id'],
  },
  {
    slug: 'format-persistent',
    title: 'Sends a persistent NameID: an opaque pairwise identifier instead of the UPN',
    requirement: 'Observation only: whether the SP can key accounts on an opaque persistent identifier.',
    fix: 'To key accounts on NameID, accept an opaque persistent value and store it with the issuer; take the e-mail address from the emailaddress claim.',
    refs: [ENTRA_DOCS.claims, { doc: 'saml-core', section: '8.3.7' }],
    level: 'info',
    expect: 'accept',
    response: { nameIdFormat: NAMEID_FORMAT.persistent, nameId: PAIRWISE_ID },
    tags: ['name-id'],
    note: 'An SP that signs in "someone else" here keys on NameID; one that shows B.Simon uses the claims.',
  },
  {
    slug: 'format-transient',
    title: 'Sends a transient NameID: a random value that changes at every sign-in',
    requirement: 'Observation only: a transient NameID must never be linked to an account as a lasting key.',
    fix: 'Never key accounts on a transient NameID; link accounts through a persistent identifier or the objectidentifier claim instead.',
    refs: [ENTRA_DOCS.samlProtocol, { doc: 'saml-core', section: '8.3.8' }],
    level: 'info',
    expect: 'accept',
    response: { nameIdFormat: NAMEID_FORMAT.transient, nameId: TRANSIENT_ID },
    tags: ['name-id'],
  },
  {
    slug: 'format-windows-domain-qualified',
    title: 'Sends a WindowsDomainQualifiedName NameID, CONTOSO\\bsimon',
    requirement: 'Observation only: whether the SP accepts a DOMAIN\\user NameID.',
    fix: 'Store and compare NameID as an opaque string, backslash included; read the e-mail address from the emailaddress claim.',
    refs: [ENTRA_DOCS.claims, { doc: 'saml-core', section: '8.3.4' }],
    level: 'info',
    expect: 'accept',
    response: { nameIdFormat: NAMEID_FORMAT.windowsDomainQualifiedName, nameId: 'CONTOSO\\bsimon' },
    tags: ['name-id'],
  },
  {
    slug: 'guest-upn-ext',
    title: 'Signs in a B2B guest: NameID and name are the #EXT# UPN, emailaddress is the home address',
    requirement:
      'Observation only: whether the SP copes with a guest UPN such as guest_fabrikam.com#EXT#@contoso.onmicrosoft.com.',
    fix: "Treat a guest's #EXT# UPN as an opaque identifier (escape it in URLs and HTML) and take the guest's contact address from the emailaddress claim.",
    refs: [ENTRA_DOCS.guests, ENTRA_DOCS.samlTokens],
    level: 'info',
    expect: 'accept',
    response: { user: DIRECTORY.guest },
    tags: ['name-id', 'guest'],
  },
  {
    slug: 'guest-name-id-mail',
    title: 'Signs in a B2B guest with NameID from user.mail (guest@fabrikam.com) instead of the UPN',
    requirement:
      'Observation only: the mail-based NameID an admin configures for guests (Atlassian tutorial).',
    fix: 'Accept a mail-based NameID for guests, and keep the NameID source fixed once accounts exist: changing it later breaks account links.',
    refs: [ENTRA_DOCS.claims, ENTRA_DOCS.guests],
    level: 'info',
    expect: 'accept',
    response: { user: DIRECTORY.guest, nameId: 'guest@fabrikam.com' },
    tags: ['name-id', 'guest'],
  },
]);
