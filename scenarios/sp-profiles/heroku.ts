/** @module Heroku: SP-initiated only, the IdP's metadata uploaded as a file, NameID = e-mail. */
import { nameIdMustBeEmail } from './rules.js';
import type { SpProfile } from './types.js';

export const heroku: SpProfile = {
  name: 'heroku',
  product: 'Heroku',
  docs: [
    {
      url: 'https://learn.microsoft.com/en-us/entra/identity/saas-apps/heroku-tutorial',
      title: 'Microsoft Entra SSO integration with Heroku',
    },
    {
      url: 'https://devcenter.heroku.com/articles/single-sign-on-sso',
      title: 'Heroku Dev Center: Single Sign-on (SSO)',
    },
  ],
  idpSetup: 'metadata-file',
  app: {
    identifier: { example: 'https://sso.heroku.com/saml/<company>', path: '^/saml/[^/]+$' },
    replyUrl: { example: 'https://sso.heroku.com/saml/<company>/finalize', path: '^/saml/[^/]+/finalize$' },
    signOnUrl: { example: 'https://sso.heroku.com/saml/<company>/init', path: '^/saml/[^/]+/init$' },
    nameId: { source: 'user.mail', format: 'emailAddress' },
  },
  flows: { spInitiated: true, idpInitiated: false },
  accounts: { key: 'name-id', jit: true, linkByEmail: false },
  sessionHours: 8,
  needsSpDomain: false,
  levels: [
    ...nameIdMustBeEmail('Heroku'),
    {
      match: { prefix: 'entra/nameid/format-unspecified' },
      level: 'should',
      expect: 'reject',
      because:
        "Heroku's metadata asks for the emailAddress format; a NameID in another format should be refused rather than taken for an e-mail",
    },
  ],
  notApplicable: [
    {
      prefix: 'entra/claims/user-without-mail',
      because:
        'with NameID = user.mail Entra refuses users without a mailbox (AADSTS501241), so nothing reaches Heroku',
    },
    {
      prefix: 'lifecycle/account/persistent-name-id-survives-email-change',
      because: 'Heroku keys accounts by the e-mail NameID: a new address is a new Heroku user by design',
    },
    {
      prefix: 'lifecycle/account/transient-name-id-not-an-account-key',
      because: 'Heroku takes only an emailAddress NameID; a transient one is refused',
    },
  ],
  singleLogout: {
    uses: false,
    because:
      "Heroku's Entra tutorial sets only the Sign on URL and Identifier, and Heroku's SSO docs name no logout endpoint: sign-out ends the Heroku session only",
    source: {
      url: 'https://learn.microsoft.com/en-us/entra/identity/saas-apps/heroku-tutorial',
      title: 'Tutorial: Microsoft Entra integration with Heroku',
    },
  },
  notes: [
    'Heroku is SP-initiated only: an unsolicited Response must sign nobody in (Heroku restarts SP-initiated sign-in).',
    "Upload Entra's Federation Metadata XML to Heroku (Identity Provider → Upload Metadata).",
    'NameID = user.mail in emailAddress format: Heroku creates (JIT) and finds users by that address.',
  ],
};
