import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MockIdpState } from './mock-idp-state.js';

const HEROKU_NAMEID = { source: 'user.mail', format: 'emailAddress' } as const;

function stateWithApp() {
  const dir = mkdtempSync(join(tmpdir(), 'samlspec-overlay-'));
  const state = MockIdpState.open({ stateDir: dir });
  const tenant = state.defaultTenant;
  const app = tenant.addApp({ name: 'sp', displayName: 'SP', identifiers: ['https://sp.test/'] });
  const file = join(dir, 'tenants', tenant.tenant.tenantId, 'apps', `${app.appId}.json`);
  return { dir, state, tenant, app, stored: () => readFileSync(file, 'utf8') };
}

describe("app overlays (a run's settings, never stored)", () => {
  it('are what every read sees, while the stored app stays as configured', () => {
    const { tenant, app, stored } = stateWithApp();
    const before = stored();
    const overlaid = tenant.overlayApp('sp', { nameId: HEROKU_NAMEID, relayState: 'https://sp.test/home' });
    expect(overlaid.nameId).toEqual(HEROKU_NAMEID);
    expect(tenant.requireApp(app.appId).nameId).toEqual(HEROKU_NAMEID);
    expect(tenant.findAppByIdentifier('https://sp.test/')?.relayState).toBe('https://sp.test/home');
    expect(tenant.listApps()[0]?.nameId).toEqual(HEROKU_NAMEID);
    expect(stored()).toBe(before);
  });

  it('stay out of the file when the app is changed and certificates are added while they hold', () => {
    const { tenant, stored } = stateWithApp();
    tenant.overlayApp('sp', { nameId: HEROKU_NAMEID });
    const updated = tenant.updateApp('sp', { replyUrls: [{ url: 'https://sp.test/acs', index: 0 }] });
    const certificate = tenant.newCertificate('sp');
    tenant.activateCertificate('sp', certificate.id);
    expect(updated.nameId).toEqual(HEROKU_NAMEID);
    const onDisk = JSON.parse(stored()) as { nameId: unknown; replyUrls: unknown[]; certificates: unknown[] };
    expect(onDisk.nameId).not.toEqual(HEROKU_NAMEID);
    expect(onDisk.replyUrls).toHaveLength(1);
    expect(onDisk.certificates).toHaveLength(2);
    expect(tenant.requireApp('sp').certificates).toHaveLength(2);
  });

  it('hold across a reload from disk (another process changed the state) and go with an empty overlay', () => {
    const { dir, tenant } = stateWithApp();
    tenant.overlayApp('sp', { nameId: HEROKU_NAMEID });
    // Another process sharing the directory: this one reloads before its next change.
    MockIdpState.open({ stateDir: dir }).defaultTenant.updateApp('sp', { displayName: 'Renamed' });
    tenant.updateApp('sp', { relayState: 'https://sp.test/' });
    expect(tenant.requireApp('sp')).toMatchObject({ displayName: 'Renamed', nameId: HEROKU_NAMEID });
    tenant.overlayApp('sp', {});
    expect(tenant.requireApp('sp').nameId).not.toEqual(HEROKU_NAMEID);
  });

  it('are never seen by another process on the same state directory', () => {
    const { dir, tenant } = stateWithApp();
    tenant.overlayApp('sp', { nameId: HEROKU_NAMEID });
    expect(MockIdpState.open({ stateDir: dir }).defaultTenant.requireApp('sp').nameId).not.toEqual(
      HEROKU_NAMEID,
    );
  });

  it('are validated when laid, as a stored change would be', () => {
    const { tenant } = stateWithApp();
    expect(() => tenant.overlayApp('sp', { relayState: 42 as unknown as string })).toThrow();
    expect(tenant.requireApp('sp').relayState).toBeUndefined();
  });
});

describe('certificate removal and restore (rollover)', () => {
  it('removes an inactive certificate, refuses the active one, and restores a saved list with its keys', () => {
    const { tenant, dir } = stateWithApp();
    const saved = tenant.requireApp('sp').certificates;
    const original = saved[0]!;
    const next = tenant.newCertificate('sp');
    tenant.activateCertificate('sp', next.id);
    const codeOf = (f: () => unknown): string | undefined => {
      try {
        f();
        return undefined;
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(codeOf(() => tenant.removeCertificate('sp', next.id))).toBe('CONFLICT');
    expect(codeOf(() => tenant.removeCertificate('sp', 'no-such-id'))).toBe('NOT_FOUND');
    expect(tenant.removeCertificate('sp', original.id).certificates.map((c) => c.id)).toEqual([next.id]);
    expect(tenant.signingMaterial(tenant.requireApp('sp')).record.id).toBe(next.id);
    tenant.restoreCertificates('sp', saved);
    // Another process sharing the directory sees the restored certificate, and can sign with it.
    const reopened = MockIdpState.open({ stateDir: dir }).defaultTenant;
    expect(reopened.signingMaterial(reopened.requireApp('sp')).record.id).toBe(original.id);
  });
});
