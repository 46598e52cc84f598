/** @module Microsoft Entra documentation pages and claim URIs the entra/* scenarios cite and change. */
import type { SpecRef } from '../types.js';

const learn = (path: string, title: string): SpecRef => ({
  url: `https://learn.microsoft.com/en-us/entra/${path}`,
  title,
});

export const ENTRA_DOCS = {
  samlTokens: learn(
    'identity-platform/reference-saml-tokens',
    'SAML token claims reference (Microsoft Entra)',
  ),
  claims: learn(
    'identity-platform/saml-claims-customization',
    'Customize SAML token claims (Microsoft Entra)',
  ),
  groupClaims: learn(
    'identity/hybrid/connect/how-to-connect-fed-group-claims',
    'Configure group claims for applications (Microsoft Entra)',
  ),
  signingOptions: learn(
    'identity/enterprise-apps/certificate-signing-options',
    'Advanced SAML token certificate signing options (Microsoft Entra)',
  ),
  encryption: learn(
    'identity/enterprise-apps/howto-saml-token-encryption',
    'Configure SAML token encryption (Microsoft Entra)',
  ),
  samlProtocol: learn(
    'identity-platform/single-sign-on-saml-protocol',
    'Single sign-on SAML protocol (Microsoft Entra)',
  ),
  manageCertificates: learn(
    'identity/enterprise-apps/tutorial-manage-certificates-for-federated-single-sign-on',
    'Manage certificates for federated single sign-on (Microsoft Entra)',
  ),
  guests: learn('external-id/user-properties', 'Properties of a B2B guest user (Microsoft Entra)'),
} as const;

export const CLAIM = {
  tenantId: 'http://schemas.microsoft.com/identity/claims/tenantid',
  displayName: 'http://schemas.microsoft.com/identity/claims/displayname',
  authnMethods: 'http://schemas.microsoft.com/claims/authnmethodsreferences',
  givenName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  surname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  groups: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
  groupsLink: 'http://schemas.microsoft.com/claims/groups.link',
  role: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
} as const;

export const NAMEID_FORMAT = {
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  windowsDomainQualifiedName: 'urn:oasis:names:tc:SAML:1.1:nameid-format:WindowsDomainQualifiedName',
} as const;

/**
 * Users of the mock's built-in directory, by object id (the same in every mock tenant, whatever its
 * domain): the user without a mailbox and the B2B guest with an #EXT# UPN.
 */
export const DIRECTORY = {
  baseline: 'b7c2e5a1-4d3f-4a8b-9c6e-1f2d3e4a5b01',
  noMail: 'c8d3f6b2-5e4a-4b9c-8d7f-2a3e4f5b6c02',
  guest: 'd9e4a7c3-6f5b-4cad-9e8a-3b4f5a6c7d03',
} as const;
