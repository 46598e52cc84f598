/**
 * @module Entra tenants and domains — a token properly signed by another tenant of the same cloud, and an
 * email at a domain the SP's connection does not own (docs/attacks.md APP-01).
 */
import { defineScenarios } from '../define.js';
import { rewriteIdentity } from '../mutations/protocol.js';
import { CLAIM, DIRECTORY, ENTRA_DOCS } from './entra-refs.js';

/** The baseline user as the default mock directory names it (contoso.com). */
const BASELINE_UPN = 'B.Simon@contoso.com';
/** A domain the signing tenant (contoso.com) does not own: the other mock tenant's. */
const FOREIGN_DOMAIN = 'fabrikam.com';

export default defineScenarios('entra/tenants', [
  {
    slug: 'other-tenant',
    title:
      "Sends a response from another Entra tenant (its own issuer and app certificate) for that tenant's B.Simon",
    requirement: 'The SP MUST reject a response issued and signed by a tenant it is not configured to trust.',
    fix: 'Trust exactly one IdP per connection: its Issuer (https://sts.windows.net/<your tenant id>/) and its signing certificate; refuse tokens from every other tenant.',
    refs: [{ doc: 'saml-profiles', section: '4.1.4.2' }, ENTRA_DOCS.samlTokens],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-foreign-tenant' }],
    response: { tenant: 'other', user: DIRECTORY.baseline },
    tags: ['tenant', 'issuer'],
  },
  {
    slug: 'other-tenant-asserting-baseline',
    title:
      'Sends a response from another Entra tenant whose NameID, emailaddress and name claim B.Simon@contoso.com',
    requirement:
      "The SP MUST reject it: another tenant's admin can put any address in a user's mail, and that must never reach this tenant's account.",
    fix: 'Bind accounts to the issuer plus NameID (or objectidentifier), never to an e-mail claim alone, and never link an existing account by an e-mail another IdP asserts.',
    refs: [
      { doc: 'saml-profiles', section: '4.1.4.2' },
      {
        url: 'https://www.descope.com/blog/post/noauth',
        title: 'nOAuth: account takeover via unverified email claims',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-foreign-tenant' }],
    response: {
      tenant: 'other',
      user: DIRECTORY.baseline,
      nameId: BASELINE_UPN,
      attributes: { [CLAIM.email]: [BASELINE_UPN], [CLAIM.name]: [BASELINE_UPN] },
    },
    tags: ['tenant', 'issuer', 'account-linking'],
  },
  {
    slug: 'email-outside-sp-domain',
    title:
      "Sends NameID, emailaddress and name at fabrikam.com, a domain not verified for the SP's connection",
    requirement:
      'The SP SHOULD accept from an IdP only email addresses in the domains configured for that connection and reject the rest.',
    fix: 'Accept from a connection only e-mail addresses in its verified domains (exact match) and refuse the rest; never link accounts across unverified domains.',
    refs: [
      {
        url: 'https://www.descope.com/blog/post/noauth',
        title: 'nOAuth: account takeover via unverified email claims',
      },
      ENTRA_DOCS.claims,
    ],
    level: 'should',
    expect: 'reject',
    control: [
      { sp: 'naive-no-domain-check' },
      { sp: 'naive-xml-unverified' },
      { sp: 'naive-foreign-tenant' },
    ],
    requires: ['sp-domain'],
    mutations: [rewriteIdentity((upn) => upn.replace(/@.*$/, `@${FOREIGN_DOMAIN}`))],
    tags: ['domain', 'account-linking'],
    note: "Changed, before signing: NameID, the emailaddress claim and the name claim move from the baseline domain to fabrikam.com; issuer, signature and everything else stay the tenant's own.",
  },
  {
    slug: 'email-in-sp-subdomain',
    title: "Sends NameID, emailaddress and name at a subdomain of the SP's connection domain (eu.<domain>)",
    requirement:
      "The SP SHOULD match the connection's email domain exactly: a subdomain is another domain, which the tenant may not own or which another connection may own.",
    fix: "Match the e-mail domain exactly against the connection's verified domains; a subdomain counts only if it is verified too.",
    refs: [
      {
        url: 'https://docs.hanko.io/guides/saml/introduction',
        title: 'Hanko docs: SAML SSO (domain of the connection)',
      },
      ENTRA_DOCS.claims,
    ],
    level: 'should',
    expect: 'reject',
    control: [
      { sp: 'naive-no-domain-check' },
      { sp: 'naive-xml-unverified' },
      { sp: 'naive-foreign-tenant' },
    ],
    requires: ['sp-domain'],
    mutations: [rewriteIdentity((upn) => upn.replace(/@(.*)$/, '@eu.$1'))],
    tags: ['domain', 'account-linking'],
    note: 'Changed, before signing: NameID, the emailaddress claim and the name claim move to the subdomain eu.<domain>; everything else is the baseline.',
  },
]);
