/** @module Atlassian Cloud (Atlassian Guard): both flows, configured by hand, NameID = e-mail. */
import { nameIdMustBeEmail } from './rules.js';
import type { SpProfile } from './types.js';

export const atlassian: SpProfile = {
  name: 'atlassian',
  product: 'Atlassian Cloud',
  docs: [
    {
      url: 'https://learn.microsoft.com/en-us/entra/identity/saas-apps/atlassian-cloud-tutorial',
      title: 'Microsoft Entra SSO integration with Atlassian Cloud',
    },
    {
      url: 'https://support.atlassian.com/security-and-access-policies/docs/configure-saml-single-sign-on-with-an-identity-provider/',
      title: 'Atlassian: Configure SAML single sign-on with an identity provider',
    },
  ],
  idpSetup: 'manual',
  app: {
    identifier: { example: 'https://auth.atlassian.com/saml/<id> (Service provider entity URL)' },
    replyUrl: { example: 'https://auth.atlassian.com/login/callback?connection=saml-<id> (SP ACS URL)' },
    signOnUrl: { example: 'https://<instance>.atlassian.net' },
    relayState: 'instance-url',
    nameId: { source: 'user.mail', format: 'emailAddress', sourceWhenNoMail: 'user.userprincipalname' },
  },
  flows: { spInitiated: true, idpInitiated: true },
  accounts: { key: 'name-id', jit: true, linkByEmail: true },
  sessionHours: 8,
  needsSpDomain: false,
  levels: [
    ...nameIdMustBeEmail('Atlassian'),
    {
      match: { tag: 'open-redirect' },
      level: 'must',
      because:
        'Atlassian sends the browser where the IdP-initiated Relay State says (the instance URL), so an off-site Relay State is a ready-made open redirect',
    },
  ],
  notApplicable: [
    {
      prefix: 'entra/claims/user-without-mail',
      because:
        'with NameID = user.mail Entra refuses users without a mailbox (AADSTS501241); such tenants use user.userprincipalname, which the run picks when the baseline user has no mail',
    },
    {
      prefix: 'lifecycle/account/persistent-name-id-survives-email-change',
      because: 'Atlassian keys accounts by the e-mail NameID: a new address is a new account by design',
    },
    {
      prefix: 'lifecycle/account/transient-name-id-not-an-account-key',
      because: 'Atlassian takes the e-mail as NameID; a transient NameID is not an e-mail',
    },
  ],
  singleLogout: {
    uses: true,
    because: 'Atlassian Cloud supports app-initiated SAML single logout with Microsoft Entra ID',
    source: {
      url: 'https://support.atlassian.com/security-and-access-policies/docs/what-is-saml-single-logout/',
      title: 'Atlassian Support: What is SAML single logout?',
    },
  },
  notes: [
    'Configured by hand in Atlassian: Login URL → "Identity provider SSO URL", Microsoft Entra Identifier → "Identity provider Entity ID", Certificate (Base64) → "Public x509 certificate".',
    'NameID = user.mail; tenants whose users have no mailbox use user.userprincipalname (the run picks it when the baseline user has no mail).',
    'IdP-initiated sign-in carries Relay State = the instance URL, where the user must land.',
  ],
};
