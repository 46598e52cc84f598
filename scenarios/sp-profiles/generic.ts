/** @module The generic profile: the portal's defaults for a non-gallery SAML app, no product quirks. */
import type { SpProfile } from './types.js';

export const generic: SpProfile = {
  name: 'generic',
  product: 'a SAML 2.0 SP (no product profile)',
  docs: [
    {
      url: 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/add-application-portal-setup-sso',
      title: 'Enable single sign-on for an enterprise application (Microsoft Entra)',
    },
  ],
  idpSetup: 'metadata-url',
  app: {
    identifier: { example: 'the SP entity ID from its metadata' },
    replyUrl: { example: 'the SP ACS URL from its metadata' },
    nameId: { source: 'user.userprincipalname', format: 'default' },
  },
  flows: { spInitiated: true, idpInitiated: true },
  accounts: { key: 'name-id', jit: true, linkByEmail: false },
  sessionHours: 8,
  needsSpDomain: false,
  levels: [
    {
      match: { prefix: 'lifecycle/jit/' },
      level: 'should',
      because: 'creating accounts at first sign-in is a product choice; most SaaS SPs do',
    },
  ],
  notes: ['The portal defaults: NameID = user.userprincipalname, the four default claims, assertion signed.'],
};
