/**
 * @module The built-in directory: B.Simon (the user of Microsoft's SaaS tutorials), a user without a
 * mailbox (the unlicensed-tenant case of the Atlassian tutorial) and a B2B guest with an `#EXT#` UPN.
 */
import type { DirectoryGroup, DirectoryUserInput } from '../model/user.js';
import { AUTHN_METHOD } from '../constants/namespaces.js';

export const DEFAULT_GROUPS: DirectoryGroup[] = [
  { objectId: '8f2a1c7e-5b1d-4c39-9f0a-2d7e6b3a9c01', displayName: 'Engineering', securityEnabled: true },
  { objectId: '3c9e7b52-0a6f-4d1e-8b2c-5f4a1e9d7c02', displayName: 'All Staff', securityEnabled: false },
];

export function defaultUsers(domain: string): DirectoryUserInput[] {
  return [
    {
      objectId: 'b7c2e5a1-4d3f-4a8b-9c6e-1f2d3e4a5b01',
      userPrincipalName: `B.Simon@${domain}`,
      mail: `B.Simon@${domain}`,
      givenName: 'B',
      surname: 'Simon',
      displayName: 'B.Simon',
      groups: DEFAULT_GROUPS.map((g) => g.objectId),
      authMethods: [AUTHN_METHOD.password],
      employeeId: '100001',
      onPremisesSamAccountName: 'bsimon',
    },
    {
      objectId: 'c8d3f6b2-5e4a-4b9c-8d7f-2a3e4f5b6c02',
      userPrincipalName: `nomail.user@${domain.replace(/\.[^.]+$/, '')}.onmicrosoft.com`,
      givenName: 'Nomail',
      surname: 'User',
      displayName: 'Nomail User',
      groups: [],
      authMethods: [AUTHN_METHOD.password],
    },
    {
      objectId: 'd9e4a7c3-6f5b-4cad-9e8a-3b4f5a6c7d03',
      userPrincipalName: `guest_fabrikam.com#EXT#@${domain.replace(/\.[^.]+$/, '')}.onmicrosoft.com`,
      mail: 'guest@fabrikam.com',
      givenName: 'Gia',
      surname: 'Guest',
      displayName: 'Gia Guest (Fabrikam)',
      userType: 'Guest',
      identityProvider: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
      groups: [],
      authMethods: [AUTHN_METHOD.password],
    },
  ];
}
