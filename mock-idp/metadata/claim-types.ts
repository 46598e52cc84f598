/**
 * @module The `fed:ClaimTypesOffered` entries of Entra's federation metadata (docs/entra.md §1.2), in Entra's
 * order with its exact display names and descriptions (two lack a final period), copied from captured
 * app and `common` metadata: WS-Fed consumers show them verbatim. Real documents carry 19 entries
 * (not 20, as sometimes counted).
 */

/** One `auth:ClaimType`: its `Uri` attribute, `auth:DisplayName` and `auth:Description`. */
export interface OfferedClaimType {
  readonly uri: string;
  readonly displayName: string;
  readonly description: string;
}

const XMLSOAP = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
const MS_IDENTITY = 'http://schemas.microsoft.com/identity/claims';
const MS_WS2008 = 'http://schemas.microsoft.com/ws/2008/06/identity/claims';

export const OFFERED_CLAIM_TYPES: readonly OfferedClaimType[] = [
  { uri: `${XMLSOAP}/name`, displayName: 'Name', description: 'The mutable display name of the user.' },
  {
    uri: `${XMLSOAP}/nameidentifier`,
    displayName: 'Subject',
    description:
      'An immutable, globally unique, non-reusable identifier of the user that is unique to the application for which a token is issued.',
  },
  { uri: `${XMLSOAP}/givenname`, displayName: 'Given Name', description: 'First name of the user.' },
  { uri: `${XMLSOAP}/surname`, displayName: 'Surname', description: 'Last name of the user.' },
  {
    uri: `${MS_IDENTITY}/displayname`,
    displayName: 'Display Name',
    description: 'Display name of the user.',
  },
  { uri: `${MS_IDENTITY}/nickname`, displayName: 'Nick Name', description: 'Nick name of the user.' },
  {
    uri: `${MS_WS2008}/authenticationinstant`,
    displayName: 'Authentication Instant',
    description: 'The time (UTC) when the user is authenticated to Windows Azure Active Directory.',
  },
  {
    uri: `${MS_WS2008}/authenticationmethod`,
    displayName: 'Authentication Method',
    description: 'The method that Windows Azure Active Directory uses to authenticate users.',
  },
  {
    uri: `${MS_IDENTITY}/objectidentifier`,
    displayName: 'ObjectIdentifier',
    description:
      'Primary identifier for the user in the directory. Immutable, globally unique, non-reusable.',
  },
  {
    uri: `${MS_IDENTITY}/tenantid`,
    displayName: 'TenantId',
    description: "Identifier for the user's tenant.",
  },
  {
    uri: `${MS_IDENTITY}/identityprovider`,
    displayName: 'IdentityProvider',
    description: 'Identity provider for the user.',
  },
  { uri: `${XMLSOAP}/emailaddress`, displayName: 'Email', description: 'Email address of the user.' },
  { uri: `${MS_WS2008}/groups`, displayName: 'Groups', description: 'Groups of the user.' },
  {
    uri: `${MS_IDENTITY}/accesstoken`,
    displayName: 'External Access Token',
    description: 'Access token issued by external identity provider.',
  },
  {
    uri: `${MS_WS2008}/expiration`,
    displayName: 'External Access Token Expiration',
    description: 'UTC expiration time of access token issued by external identity provider.',
  },
  {
    uri: `${MS_IDENTITY}/openid2_id`,
    displayName: 'External OpenID 2.0 Identifier',
    description: 'OpenID 2.0 identifier issued by external identity provider.',
  },
  {
    uri: 'http://schemas.microsoft.com/claims/groups.link',
    displayName: 'GroupsOverageClaim',
    description: "Issued when number of user's group claims exceeds return limit.",
  },
  {
    uri: `${MS_WS2008}/role`,
    displayName: 'Role Claim',
    description: 'Roles that the user or Service Principal is attached to',
  },
  {
    uri: `${MS_WS2008}/wids`,
    displayName: 'RoleTemplate Id Claim',
    description: 'Role template id of the Built-in Directory Roles that the user is a member of',
  },
];
