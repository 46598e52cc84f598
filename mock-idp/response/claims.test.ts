/** @module Entra's default AttributeStatement (docs/entra.md §2.6): order, omission, guests, groups and overage. */
import { describe, expect, it } from 'vitest';
import { AUTHN_METHOD, CLAIM } from '../constants/namespaces.js';
import type { EnterpriseAppInput } from '../model/app.js';
import type { DirectoryUserInput } from '../model/user.js';
import { testTenant, TEST_TENANT_ID } from '../test-support/fixtures.js';
import { buildClaims, claimUri, SAML_GROUP_OVERAGE_LIMIT, type Claim } from './claims.js';

const ISSUER = `https://sts.windows.net/${TEST_TENANT_ID}/`;
const DEFAULT_ORDER = [
  CLAIM.tenantId,
  CLAIM.objectId,
  CLAIM.displayName,
  CLAIM.identityProvider,
  CLAIM.authnMethodsReferences,
  CLAIM.givenName,
  CLAIM.surname,
  CLAIM.emailAddress,
  CLAIM.name,
];

// One tenant per file: generating an app's RSA key dominates the cost of each test. Apps made here
// carry a placeholder certificate record for the same reason; claims never need the key.
const base = testTenant();
let counter = 0;
const NO_KEY = {
  id: 'none',
  thumbprint: '00',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2029-01-01T00:00:00.000Z',
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
};

/** Claims for a user (B.Simon unless given) of an app (the default test app unless configured). */
function claimsFor(
  options: {
    user?: Partial<DirectoryUserInput>;
    app?: Partial<EnterpriseAppInput>;
    authMethods?: string[];
  } = {},
): Claim[] {
  const { state } = base;
  const n = ++counter;
  const app = options.app
    ? state.addApp({
        name: `app-${n}`,
        displayName: `App ${n}`,
        identifiers: [`urn:app:${n}`],
        certificates: [NO_KEY],
        ...options.app,
      })
    : base.app;
  const user = options.user
    ? state.addUser({
        objectId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
        userPrincipalName: `user${n}@contoso.com`,
        displayName: `User ${n}`,
        ...options.user,
      })
    : base.user;
  return buildClaims({
    tenant: state.tenant,
    app,
    user,
    issuer: ISSUER,
    groups: (id) => state.findGroup(id),
    ...(options.authMethods ? { authMethods: options.authMethods } : {}),
  });
}

const valuesOf = (claims: Claim[], name: string): string[] | undefined =>
  claims.find((c) => c.name === name)?.values;

describe('default claims', () => {
  it('come in Entra order: the five fixed claims, then givenname, surname, emailaddress, name', () => {
    expect(claimsFor().map((c) => c.name)).toEqual(DEFAULT_ORDER);
  });

  it('carry tenant id, object id, display name, issuer as identity provider, the auth methods and the UPN as name', () => {
    const claims = claimsFor();
    expect(valuesOf(claims, CLAIM.tenantId)).toEqual([TEST_TENANT_ID]);
    expect(valuesOf(claims, CLAIM.objectId)).toEqual([base.user.objectId]);
    expect(valuesOf(claims, CLAIM.displayName)).toEqual(['B.Simon']);
    expect(valuesOf(claims, CLAIM.identityProvider)).toEqual([ISSUER]);
    expect(valuesOf(claims, CLAIM.authnMethodsReferences)).toEqual([AUTHN_METHOD.password]);
    expect(valuesOf(claims, CLAIM.name)).toEqual([base.user.userPrincipalName]);
  });

  it('omit emailaddress entirely for a user without mail (unlicensed tenant)', () => {
    const nomail = base.state.requireUser('nomail.user@contoso.onmicrosoft.com');
    expect(nomail.mail).toBeUndefined();
    const claims = buildClaims({
      tenant: base.state.tenant,
      app: base.app,
      user: nomail,
      issuer: ISSUER,
      groups: () => undefined,
    });
    expect(claims.map((c) => c.name)).toEqual(DEFAULT_ORDER.filter((n) => n !== CLAIM.emailAddress));
  });

  it('omit every empty claim: a user with only a UPN gets the five fixed claims and name', () => {
    const claims = claimsFor({ user: {} });
    expect(claims.map((c) => c.name)).toEqual([...DEFAULT_ORDER.slice(0, 5), CLAIM.name]);
    expect(claims.every((c) => c.values.length > 0 && c.values.every((v) => v !== ''))).toBe(true);
  });

  it("give a guest's home identity provider, a member's the tenant issuer", () => {
    const guestIdp = 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/';
    expect(
      valuesOf(
        claimsFor({ user: { userType: 'Guest', identityProvider: guestIdp } }),
        CLAIM.identityProvider,
      ),
    ).toEqual([guestIdp]);
    expect(
      valuesOf(
        claimsFor({ user: { userType: 'Member', identityProvider: guestIdp } }),
        CLAIM.identityProvider,
      ),
    ).toEqual([ISSUER]);
  });

  it('list one authnmethodsreferences value per method, MFA included', () => {
    const methods = [AUTHN_METHOD.password, AUTHN_METHOD.multipleAuthn];
    expect(valuesOf(claimsFor({ authMethods: methods }), CLAIM.authnMethodsReferences)).toEqual(methods);
  });
});

describe('configured claims', () => {
  it('follow the fixed five in configuration order, from user attributes, extension attributes or constants', () => {
    const claims = claimsFor({
      user: { employeeId: 'E42', extensionAttributes: { extensionattribute1: 'x1' } },
      app: {
        claims: [
          { name: 'employee', namespace: 'https://claims.example.com/', source: 'user.employeeid' },
          { name: 'ext', source: 'user.extensionattribute1' },
          { name: 'plan', source: 'constant:gold' },
        ],
      },
    });
    expect(claims.slice(5)).toEqual([
      { name: 'https://claims.example.com/employee', values: ['E42'] },
      { name: 'ext', values: ['x1'] },
      { name: 'plan', values: ['gold'] },
    ]);
  });

  it('joins namespace and name with exactly one slash', () => {
    expect(claimUri({ name: 'n', namespace: 'http://a/b//', source: 'user.mail' })).toBe('http://a/b/n');
    expect(claimUri({ name: 'n', source: 'user.mail' })).toBe('n');
  });

  it('drops a configured claim whose source the user lacks', () => {
    const claims = claimsFor({
      user: {},
      app: { claims: [{ name: 'employee', source: 'user.employeeid' }] },
    });
    expect(claims.map((c) => c.name)).toEqual(DEFAULT_ORDER.slice(0, 5));
  });
});

describe('group claim', () => {
  const groupIds = (claims: Claim[]): string[] | undefined => valuesOf(claims, CLAIM.groups);
  const engineering = '8f2a1c7e-5b1d-4c39-9f0a-2d7e6b3a9c01';
  const allStaff = '3c9e7b52-0a6f-4d1e-8b2c-5f4a1e9d7c02';

  it('comes last, one value per security group object id by default', () => {
    const claims = claimsFor({ app: { groupClaim: {} } });
    expect(claims.at(-1)).toEqual({ name: CLAIM.groups, values: [engineering] });
  });

  it('includes non-security groups with groups=all and only assigned groups with applicationGroups', () => {
    expect(groupIds(claimsFor({ app: { groupClaim: { groups: 'all' } } }))).toEqual([engineering, allStaff]);
    expect(
      groupIds(
        claimsFor({ app: { groupClaim: { groups: 'applicationGroups' }, assignedGroups: [allStaff] } }),
      ),
    ).toEqual([allStaff]);
  });

  it('can carry display names, a custom claim name, or be emitted as roles', () => {
    expect(
      groupIds(claimsFor({ app: { groupClaim: { groups: 'all', sourceAttribute: 'displayName' } } })),
    ).toEqual(['Engineering', 'All Staff']);
    expect(valuesOf(claimsFor({ app: { groupClaim: { claimName: 'memberOf' } } }), 'memberOf')).toEqual([
      engineering,
    ]);
    expect(valuesOf(claimsFor({ app: { groupClaim: { emitAsRoles: true } } }), CLAIM.role)).toEqual([
      engineering,
    ]);
  });

  it('is absent when the user is in no matching group', () => {
    expect(claimsFor({ user: {}, app: { groupClaim: {} } }).map((c) => c.name)).not.toContain(CLAIM.groups);
  });

  describe(`overage beyond ${SAML_GROUP_OVERAGE_LIMIT} groups`, () => {
    const many = Array.from(
      { length: SAML_GROUP_OVERAGE_LIMIT + 1 },
      (_, i) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    for (const id of many) base.state.addGroup({ objectId: id, displayName: `G${id.slice(-4)}` });

    it(`sends all ${SAML_GROUP_OVERAGE_LIMIT} groups at the limit`, () => {
      const claims = claimsFor({
        user: { groups: many.slice(0, SAML_GROUP_OVERAGE_LIMIT) },
        app: { groupClaim: {} },
      });
      expect(groupIds(claims)).toHaveLength(SAML_GROUP_OVERAGE_LIMIT);
      expect(valuesOf(claims, CLAIM.groupsLink)).toBeUndefined();
    });

    it('replaces the groups claim by a single groups.link one past the limit', () => {
      const claims = claimsFor({ user: { groups: many }, app: { groupClaim: {} } });
      expect(groupIds(claims)).toBeUndefined();
      const link = valuesOf(claims, CLAIM.groupsLink);
      expect(link).toHaveLength(1);
      const user = claims.find((c) => c.name === CLAIM.objectId)!.values[0]!;
      expect(link![0]).toBe(`https://graph.windows.net/${TEST_TENANT_ID}/users/${user}/getMemberObjects`);
      expect(claims.at(-1)?.name).toBe(CLAIM.groupsLink);
    });
  });
});
