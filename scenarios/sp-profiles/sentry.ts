/** @module Sentry: both flows, metadata by URL, the Identifier with its trailing slash, NameID unspecified. */
import type { SpProfile } from './types.js';

export const sentry: SpProfile = {
  name: 'sentry',
  product: 'Sentry',
  docs: [
    {
      url: 'https://learn.microsoft.com/en-us/entra/identity/saas-apps/sentry-tutorial',
      title: 'Microsoft Entra SSO integration with Sentry',
    },
    {
      url: 'https://docs.sentry.io/organization/authentication/sso/azure-sso/',
      title: 'Sentry docs: Azure Active Directory SSO',
    },
  ],
  idpSetup: 'metadata-url',
  app: {
    identifier: {
      example: 'https://sentry.io/saml/metadata/<slug>/',
      path: '^/saml/metadata/[^/]+/$',
      required: {
        pattern: '/$',
        because:
          'Sentry sends its entity ID with the trailing slash and the tutorial enters it so; without it Entra answers AADSTS650056 (or AADSTS700016) to every sign-in',
      },
    },
    replyUrl: { example: 'https://sentry.io/saml/acs/<slug>/', path: '^/saml/acs/[^/]+/$' },
    signOnUrl: { example: 'https://sentry.io/auth/login/<slug>/', path: '^/auth/login/[^/]+/$' },
    nameId: { source: 'user.userprincipalname', format: 'unspecified' },
  },
  flows: { spInitiated: true, idpInitiated: true },
  accounts: { key: 'name-claim', jit: true, linkByEmail: false },
  sessionHours: 8,
  needsSpDomain: false,
  levels: [
    {
      match: { prefix: 'entra/claims/user-without-mail' },
      level: 'must',
      expect: 'reject',
      because: 'Sentry fails the sign-in without an emailaddress claim ("Failed to map SAML attributes")',
    },
  ],
  singleLogout: {
    uses: true,
    because:
      "Sentry's SAML2 provider has a single logout service at /saml/sls/<slug>/ (HTTP-Redirect) that its SP metadata advertises; Entra's Logout URL is set to it",
    source: {
      url: 'https://github.com/getsentry/sentry/blob/master/src/sentry/auth/providers/saml2/provider.py',
      title: 'Sentry source: SAML2SLSView and the SP singleLogoutService',
    },
  },
  notes: [
    "Sentry fetches Entra's App Federation Metadata Url.",
    'Sentry maps IdP User ID = the name claim and Email = the emailaddress claim; a missing one fails the sign-in ("Failed to map SAML attributes").',
  ],
};
