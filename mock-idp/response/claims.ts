/**
 * @module The AttributeStatement Entra emits for a user and app (docs/entra.md §2.6): five fixed claims,
 * then the app's configured claims, then the group claim. Claims with empty values are omitted.
 */
import { AUTHN_METHOD, CLAIM } from '../constants/namespaces.js';
import type { ClaimMapping, EnterpriseApp } from '../model/app.js';
import type { Tenant } from '../model/tenant.js';
import type { DirectoryGroup, DirectoryUser } from '../model/user.js';

export interface Claim {
  name: string;
  values: string[];
}

/** Entra drops the groups claim beyond this many groups and sends groups.link instead. */
export const SAML_GROUP_OVERAGE_LIMIT = 150;

export interface ClaimInputs {
  tenant: Tenant;
  app: EnterpriseApp;
  user: DirectoryUser;
  issuer: string;
  groups: (objectId: string) => DirectoryGroup | undefined;
  authMethods?: readonly string[] | undefined;
}

export function buildClaims({ tenant, app, user, issuer, groups, authMethods }: ClaimInputs): Claim[] {
  const claims: Claim[] = [
    { name: CLAIM.tenantId, values: [tenant.tenantId] },
    { name: CLAIM.objectId, values: [user.objectId] },
    { name: CLAIM.displayName, values: [user.displayName] },
    {
      name: CLAIM.identityProvider,
      values: [user.userType === 'Guest' && user.identityProvider ? user.identityProvider : issuer],
    },
    {
      name: CLAIM.authnMethodsReferences,
      values: [...(authMethods ?? user.authMethods ?? [AUTHN_METHOD.password])],
    },
    ...app.claims.map((c) => ({ name: claimUri(c), values: [resolveSource(c.source, user, tenant) ?? ''] })),
    ...groupClaims(app, user, groups, tenant),
  ];
  return claims
    .map((c) => ({ name: c.name, values: c.values.filter((v) => v !== '') }))
    .filter((c) => c.values.length > 0);
}

export function claimUri(claim: ClaimMapping): string {
  return claim.namespace ? `${claim.namespace.replace(/\/+$/, '')}/${claim.name}` : claim.name;
}

/** Resolves `user.<attribute>` or `constant:<value>` to a value; undefined when the user has none. */
export function resolveSource(source: string, user: DirectoryUser, tenant: Tenant): string | undefined {
  if (source.startsWith('constant:')) return source.slice('constant:'.length);
  const attribute = source.replace(/^user\./i, '').toLowerCase();
  switch (attribute) {
    case 'userprincipalname':
      return user.userPrincipalName;
    case 'mail':
    case 'email':
      return user.mail;
    case 'givenname':
      return user.givenName;
    case 'surname':
      return user.surname;
    case 'displayname':
      return user.displayName;
    case 'objectid':
      return user.objectId;
    case 'employeeid':
      return user.employeeId;
    case 'onpremisessamaccountname':
      return user.onPremisesSamAccountName;
    case 'tenantid':
      return tenant.tenantId;
    case 'usertype':
      return user.userType;
    default:
      return user.extensionAttributes[attribute];
  }
}

function groupClaims(
  app: EnterpriseApp,
  user: DirectoryUser,
  lookup: (id: string) => DirectoryGroup | undefined,
  tenant: Tenant,
): Claim[] {
  const config = app.groupClaim;
  if (!config) return [];
  let memberOf = user.groups.map((id) => ({ id, group: lookup(id) }));
  if (config.groups === 'security') memberOf = memberOf.filter((g) => g.group?.securityEnabled !== false);
  if (config.groups === 'applicationGroups')
    memberOf = memberOf.filter((g) => app.assignedGroups.includes(g.id));
  const name = config.claimName ?? (config.emitAsRoles ? CLAIM.role : CLAIM.groups);
  if (memberOf.length > SAML_GROUP_OVERAGE_LIMIT) {
    return [
      {
        name: CLAIM.groupsLink,
        values: [`https://graph.windows.net/${tenant.tenantId}/users/${user.objectId}/getMemberObjects`],
      },
    ];
  }
  const values = memberOf.map((g) =>
    config.sourceAttribute === 'displayName' ? (g.group?.displayName ?? g.id) : g.id,
  );
  return values.length > 0 ? [{ name, values }] : [];
}
