import { describe, expect, it } from 'vitest';
import { MockIdpState } from './mock-idp-state.js';
import { stateWithApp } from '../test-support/state-dir-with-app.js';

const HEROKU_NAMEID = { source: 'user.mail', format: 'emailAddress' } as const;

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
