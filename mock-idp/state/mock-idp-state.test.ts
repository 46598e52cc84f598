import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MockIdpState } from './mock-idp-state.js';
import { MemoryStatePersistence } from './file-persistence.js';
import { selectSigningCertificate } from './tenant-state.js';
import { describeCertificate } from '../keys/signing-certificate.js';
import type { MockIdpError } from '../errors.js';
import type { CertificateRecord } from '../model/app.js';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('in-memory state opened from a copy', () => {
  it('has the same tenant, apps and keys, and neither copy sees the changes of the other', () => {
    const persistence = new MemoryStatePersistence();
    const original = MockIdpState.open({ persistence });
    const app = original.defaultTenant.addApp({ name: 'sp', displayName: 'SP' });
    const copy = MockIdpState.open({ persistence: persistence.copy() });
    const again = copy.defaultTenant.requireApp('sp');
    expect(copy.defaultTenant.tenant.tenantId).toBe(original.defaultTenant.tenant.tenantId);
    expect(copy.defaultTenant.signingMaterial(again).certificatePem).toBe(
      original.defaultTenant.signingMaterial(app).certificatePem,
    );
    copy.defaultTenant.addApp({ name: 'only-in-copy', displayName: 'Copy' });
    original.defaultTenant.addApp({ name: 'only-in-original', displayName: 'Original' });
    expect(MockIdpState.open({ persistence }).defaultTenant.findApp('only-in-copy')).toBeUndefined();
    const reopenedCopy = MockIdpState.open({ persistence: copy.persistence });
    expect(reopenedCopy.defaultTenant.findApp('only-in-original')).toBeUndefined();
    expect(reopenedCopy.defaultTenant.findApp('only-in-copy')).toBeDefined();
  });
});

describe('state directory', () => {
  it('gives the same tenant, apps and certificates after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlspec-state-'));
    const first = MockIdpState.open({ stateDir: dir });
    const app = first.defaultTenant.addApp({ name: 'sp', displayName: 'SP', identifiers: ['https://sp/'] });
    const second = MockIdpState.open({ stateDir: dir });
    expect(second.defaultTenant.tenant.tenantId).toBe(first.defaultTenant.tenant.tenantId);
    const again = second.defaultTenant.requireApp('sp');
    expect(again.appId).toBe(app.appId);
    expect(again.certificates[0]?.thumbprint).toBe(app.certificates[0]?.thumbprint);
    expect(second.defaultTenant.signingMaterial(again).certificatePem).toBe(
      first.defaultTenant.signingMaterial(app).certificatePem,
    );
    expect(second.defaultTenant.requireUser('B.Simon@contoso.com').objectId).toBe(
      first.defaultTenant.requireUser('B.Simon@contoso.com').objectId,
    );
  });

  it('writes private keys 0600 and nowhere else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlspec-state-'));
    const state = MockIdpState.open({ stateDir: dir });
    state.defaultTenant.addApp({ name: 'sp', displayName: 'SP' });
    state.defaultTenant.pairwiseSecret();
    const files = walk(dir);
    const withKeys = files.filter((f) => readFileSync(f, 'utf8').includes('PRIVATE KEY'));
    expect(withKeys.length).toBeGreaterThan(0);
    for (const file of withKeys) {
      expect(file).toMatch(/\/keys\/[^/]+\.key\.pem$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(statSync(files.find((f) => f.endsWith('pairwise.secret'))!).mode & 0o777).toBe(0o600);
  });
});

describe('certificates', () => {
  it('creates Entra-shaped certificates: self-signed, fixed CN, RSA-2048, 3 years, 16-byte serial, no extensions', () => {
    const state = MockIdpState.open();
    const app = state.defaultTenant.addApp({ name: 'sp', displayName: 'SP' });
    const pem = state.defaultTenant.signingMaterial(app).certificatePem;
    const info = describeCertificate(pem);
    expect(info.subject).toBe('CN=Microsoft Azure Federated SSO Certificate');
    expect(info.issuer).toBe(info.subject);
    expect(info.serialNumber).toMatch(/^[0-9a-f]{32}$/);
    expect(info.notAfter.getUTCFullYear() - info.notBefore.getUTCFullYear()).toBe(3);
    // DER of an Entra cert is 756 bytes: the base64 always starts the same way (docs/entra.md §5).
    expect(pem.replace(/-----[A-Z ]+-----|\s/g, '')).toMatch(/^MIIC8DCCAdigAwIBAgIQ/);
  });

  it('rolls over: a new certificate is inactive until made active, then the old one is inactive', () => {
    const tenant = MockIdpState.open().defaultTenant;
    const app = tenant.addApp({ name: 'sp', displayName: 'SP' });
    const first = app.certificates[0]!;
    const next = tenant.newCertificate('sp');
    expect(next.active).toBe(false);
    expect(tenant.signingMaterial(tenant.requireApp('sp')).record.id).toBe(first.id);
    tenant.activateCertificate('sp', next.id);
    const after = tenant.requireApp('sp');
    expect(after.certificates.map((c) => [c.id, c.active])).toEqual([
      [first.id, false],
      [next.id, true],
    ]);
    expect(tenant.signingMaterial(after).record.id).toBe(next.id);
  });

  it('signs with a valid inactive certificate when the active one expired, else keeps the expired one (Entra)', () => {
    const cert = (id: string, active: boolean, notAfter: string): CertificateRecord => ({
      id,
      active,
      thumbprint: id,
      notBefore: '2020-01-01T00:00:00.000Z',
      notAfter,
      createdAt: '2020-01-01T00:00:00.000Z',
    });
    const now = new Date('2026-01-01T00:00:00Z');
    const expiredActive = cert('a', true, '2025-01-01T00:00:00.000Z');
    const validInactive = cert('b', false, '2028-01-01T00:00:00.000Z');
    expect(selectSigningCertificate([expiredActive, validInactive], now)?.id).toBe('b');
    expect(selectSigningCertificate([expiredActive], now)?.id).toBe('a');
  });
});

describe('apps', () => {
  it('keeps Identifiers unique across the tenant', () => {
    const tenant = MockIdpState.open().defaultTenant;
    tenant.addApp({ name: 'one', displayName: 'One', identifiers: ['https://sp/'] });
    try {
      tenant.addApp({ name: 'two', displayName: 'Two', identifiers: ['https://sp/'] });
      expect.unreachable();
    } catch (error) {
      expect((error as MockIdpError).code).toBe('CONFLICT');
    }
  });

  it('finds apps by exact Identifier only', () => {
    const tenant = MockIdpState.open().defaultTenant;
    tenant.addApp({
      name: 'sentry',
      displayName: 'Sentry',
      identifiers: ['https://sentry.io/saml/metadata/acme/'],
    });
    expect(tenant.findAppByIdentifier('https://sentry.io/saml/metadata/acme/')?.name).toBe('sentry');
    expect(tenant.findAppByIdentifier('https://sentry.io/saml/metadata/acme')).toBeUndefined();
    expect(tenant.findAppByIdentifier('HTTPS://SENTRY.IO/saml/metadata/acme/')).toBeUndefined();
  });

  it('hosts several tenants, found by GUID or domain', () => {
    const state = MockIdpState.open();
    const other = state.createTenant({ displayName: 'Fabrikam', primaryDomain: 'fabrikam.com' });
    expect(state.findTenant('fabrikam.com')).toBe(other);
    expect(state.findTenant(other.tenant.tenantId)).toBe(other);
    expect(other.requireUser('B.Simon@fabrikam.com').mail).toBe('B.Simon@fabrikam.com');
  });
});

describe('certificate signature', () => {
  it('is a valid self-signature (verifies with its own public key)', async () => {
    const { X509Certificate } = await import('node:crypto');
    const tenant = MockIdpState.open().defaultTenant;
    const app = tenant.addApp({ name: 'sp', displayName: 'SP' });
    const x509 = new X509Certificate(tenant.signingMaterial(app).certificatePem);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
  });
});
