/** @module NameID selection (docs/entra.md §2.5): configured and requested formats, pairwise and transient ids. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NAMEID_FORMAT } from '../constants/namespaces.js';
import { defaultUsers } from '../directory/default-directory.js';
import { appSchema, type EnterpriseApp, type NameIdFormatSetting } from '../model/app.js';
import { userSchema, type DirectoryUser } from '../model/user.js';
import { TEST_TENANT_ID } from '../test-support/fixtures.js';
import {
  NameIdSourceMissingError,
  pairwiseId,
  REQUESTABLE_NAMEID_FORMATS,
  selectNameId,
  type NameId,
} from './name-id.js';

const tenant = { tenantId: TEST_TENANT_ID, displayName: 'Contoso', primaryDomain: 'contoso.com' };
const secret = randomBytes(32);
const [bSimon, nomail] = defaultUsers('contoso.com').map((u) => userSchema.parse(u)) as [
  DirectoryUser,
  DirectoryUser,
];
let appCounter = 0;

function app(nameId: { source?: string; format?: NameIdFormatSetting } = {}): EnterpriseApp {
  const n = ++appCounter;
  return appSchema.parse({
    appId: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
    objectId: `00000000-0000-4000-b000-${String(n).padStart(12, '0')}`,
    displayName: `App ${n}`,
    name: `app-${n}`,
    ...(Object.keys(nameId).length > 0
      ? { nameId: { source: 'user.userprincipalname', format: 'default', ...nameId } }
      : {}),
  });
}

function nameIdOf(
  forApp: EnterpriseApp,
  requestedFormat?: string,
  user: DirectoryUser = bSimon,
  pairwiseSecret = secret,
): NameId {
  return selectNameId({ tenant, app: forApp, user, pairwiseSecret, requestedFormat });
}

describe('configured format (no NameIDPolicy in the request)', () => {
  it('"Default" with the default source (UPN) gives emailAddress and the UPN', () => {
    expect(nameIdOf(app())).toEqual({ format: NAMEID_FORMAT.emailAddress, value: bSimon.userPrincipalName });
  });

  it.each([
    ['user.mail', NAMEID_FORMAT.emailAddress, bSimon.mail],
    ['user.objectid', NAMEID_FORMAT.unspecified, bSimon.objectId],
    ['user.employeeid', NAMEID_FORMAT.unspecified, bSimon.employeeId],
  ])('"Default" with source %s gives %s', (source, format, value) => {
    expect(nameIdOf(app({ source }))).toEqual({ format, value });
  });

  it('"Default" with the pairwise source gives a persistent pairwise id', () => {
    const forApp = app({ source: 'user.pairwiseid' });
    expect(nameIdOf(forApp)).toEqual({
      format: NAMEID_FORMAT.persistent,
      value: pairwiseId(secret, TEST_TENANT_ID, forApp.appId, bSimon.objectId),
    });
  });

  it.each([
    ['emailAddress', NAMEID_FORMAT.emailAddress],
    ['persistent', NAMEID_FORMAT.persistent],
    ['unspecified', NAMEID_FORMAT.unspecified],
    ['windowsDomainQualifiedName', NAMEID_FORMAT.windowsDomainQualifiedName],
  ] as const)('an explicit %s format is emitted with the configured source value', (format, uri) => {
    expect(nameIdOf(app({ format }))).toEqual({ format: uri, value: bSimon.userPrincipalName });
  });
});

describe('requested format (AuthnRequest NameIDPolicy)', () => {
  it('accepts exactly persistent, emailAddress, unspecified and transient', () => {
    expect([...REQUESTABLE_NAMEID_FORMATS].sort()).toEqual(
      [
        NAMEID_FORMAT.persistent,
        NAMEID_FORMAT.emailAddress,
        NAMEID_FORMAT.unspecified,
        NAMEID_FORMAT.transient,
      ].sort(),
    );
  });

  it('emailAddress and unspecified carry the configured source value', () => {
    const forApp = app({ source: 'user.objectid' });
    expect(nameIdOf(forApp, NAMEID_FORMAT.emailAddress)).toEqual({
      format: NAMEID_FORMAT.emailAddress,
      value: bSimon.objectId,
    });
    expect(nameIdOf(forApp, NAMEID_FORMAT.unspecified)).toEqual({
      format: NAMEID_FORMAT.unspecified,
      value: bSimon.objectId,
    });
  });

  describe('persistent', () => {
    it('is an opaque 43-character base64url pairwise id, not the UPN', () => {
      const id = nameIdOf(app(), NAMEID_FORMAT.persistent);
      expect(id.format).toBe(NAMEID_FORMAT.persistent);
      expect(id.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(id.value).not.toContain(bSimon.userPrincipalName);
    });

    it('is stable for the same user and app', () => {
      const forApp = app();
      expect(nameIdOf(forApp, NAMEID_FORMAT.persistent)).toEqual(nameIdOf(forApp, NAMEID_FORMAT.persistent));
    });

    it('differs across apps, users and tenant secrets', () => {
      const forApp = app();
      const reference = nameIdOf(forApp, NAMEID_FORMAT.persistent).value;
      expect(nameIdOf(app(), NAMEID_FORMAT.persistent).value).not.toBe(reference);
      expect(nameIdOf(forApp, NAMEID_FORMAT.persistent, nomail).value).not.toBe(reference);
      expect(nameIdOf(forApp, NAMEID_FORMAT.persistent, bSimon, randomBytes(32)).value).not.toBe(reference);
    });

    it('needs no source value (a user without mail still gets one)', () => {
      expect(nameIdOf(app({ source: 'user.mail' }), NAMEID_FORMAT.persistent, nomail).format).toBe(
        NAMEID_FORMAT.persistent,
      );
    });
  });

  it('transient is new at every sign-in', () => {
    const forApp = app();
    const ids = Array.from({ length: 5 }, () => nameIdOf(forApp, NAMEID_FORMAT.transient));
    for (const id of ids) expect(id.format).toBe(NAMEID_FORMAT.transient);
    expect(new Set(ids.map((id) => id.value)).size).toBe(5);
  });
});

describe('missing source value', () => {
  it.each([
    ['no request', undefined],
    ['emailAddress requested', NAMEID_FORMAT.emailAddress],
    ['unspecified requested', NAMEID_FORMAT.unspecified],
  ])('throws NameIdSourceMissingError naming the source (%s)', (_label, requested) => {
    const thrown = (() => {
      try {
        nameIdOf(app({ source: 'user.mail' }), requested, nomail);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(NameIdSourceMissingError);
    expect((thrown as NameIdSourceMissingError).source).toBe('user.mail');
  });
});
