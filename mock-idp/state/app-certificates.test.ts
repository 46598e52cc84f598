import { describe, expect, it } from 'vitest';
import { MockIdpState } from './mock-idp-state.js';
import { stateWithApp } from '../test-support/state-dir-with-app.js';

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
