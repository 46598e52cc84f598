/** @module Hanko: metadata URL, e-mail from the emailaddress claim, the e-mail domain must be the connection's. */
import type { SpProfile } from './types.js';

export const hanko: SpProfile = {
  name: 'hanko',
  product: 'Hanko',
  docs: [
    { url: 'https://docs.hanko.io/guides/saml/introduction', title: 'Hanko docs: SAML SSO' },
    {
      url: 'https://github.com/teamhanko/hanko/tree/main/backend/ee/saml',
      title: 'Hanko backend: SAML service provider (gosaml2)',
    },
  ],
  idpSetup: 'metadata-url',
  app: {
    identifier: { example: '<project API URL> (audience_uri)' },
    replyUrl: { example: '<project API URL>/saml/callback', path: '/saml/callback$' },
    nameId: { source: 'user.userprincipalname', format: 'default' },
  },
  flows: { spInitiated: true, idpInitiated: true },
  accounts: { key: 'email-claim', jit: true, linkByEmail: true },
  sessionHours: 12,
  needsSpDomain: true,
  levels: [
    {
      match: { prefix: 'entra/claims/user-without-mail' },
      level: 'must',
      expect: 'reject',
      because: 'Hanko identifies the user by the emailaddress claim and needs it',
    },
    {
      match: { tag: 'domain' },
      level: 'must',
      because:
        "Hanko picks the SAML connection by the e-mail's domain and must refuse addresses outside it (subdomains included)",
    },
  ],
  notApplicable: [
    {
      prefix: 'lifecycle/account/persistent-name-id-survives-email-change',
      because: 'Hanko identifies users by the emailaddress claim: a new address is a new user by design',
    },
  ],
  singleLogout: {
    uses: false,
    because:
      "Hanko's SAML routes are /saml/metadata, /saml/auth and /saml/callback: it has no single logout endpoint",
    source: {
      url: 'https://github.com/teamhanko/hanko/blob/main/backend/ee/saml/router.go',
      title: 'Hanko source: the SAML routes',
    },
  },
  notes: [
    "Hanko reads Entra's App Federation Metadata Url and takes SingleSignOnService[0] (HTTP-Redirect).",
    'The e-mail comes from http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress; its domain must equal the connection domain exactly.',
    'IdP-initiated Responses are accepted only without InResponseTo.',
  ],
};
