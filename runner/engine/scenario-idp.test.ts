import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addPreparedKeys, preparedKeyCount } from '../../mock-idp/keys/prepared-keys.js';
import { generatePrivateKeyPem } from '../../mock-idp/keys/signing-certificate.js';
import { MockIdpState } from '../../mock-idp/state/mock-idp-state.js';
import { createScenarioIdp, OTHER_TENANT_DOMAIN } from './scenario-idp.js';

function setUp() {
  const state = MockIdpState.open();
  const app = state.defaultTenant.addApp({
    name: 'sp',
    displayName: 'Test SP',
    identifiers: ['https://sp.example.com/metadata'],
    replyUrls: [{ url: 'https://sp.example.com/acs', isDefault: true }],
  });
  return { state, app, idp: createScenarioIdp(state, app) };
}

describe('createScenarioIdp', () => {
  it('makes the second tenant, its copy of the app and the attacker key on first use, once', () => {
    addPreparedKeys([0, 1, 2].map(() => generatePrivateKeyPem(2048)));
    const { state, app, idp } = setUp();
    // Nothing made yet: a run's first scenarios need neither (each costs an RSA key).
    const keysLeft = preparedKeyCount();
    expect(state.findTenant(OTHER_TENANT_DOMAIN)).toBeUndefined();
    const otherTenant = idp.otherTenant;
    expect(preparedKeyCount()).toBe(keysLeft - 1);
    expect(state.findTenant(OTHER_TENANT_DOMAIN)).toBe(otherTenant);
    expect(idp.otherTenant).toBe(otherTenant);
    expect(idp.otherApp.identifiers).toEqual(app.identifiers);
    expect(idp.otherApp.replyUrls).toEqual(app.replyUrls);
    const attacker = idp.attacker;
    expect(idp.attacker).toBe(attacker);
    expect(preparedKeyCount()).toBe(keysLeft - 2);
    // Entra's subject, another key: only the key tells it from the tenant's certificate.
    const tenantCertificate = new X509Certificate(state.defaultTenant.signingMaterial(app).certificatePem);
    const attackerCertificate = new X509Certificate(attacker.certificatePem);
    expect(attackerCertificate.subject).toBe(tenantCertificate.subject);
    expect(attackerCertificate.publicKey.equals(tenantCertificate.publicKey)).toBe(false);
  });

  it('a copy (the rollover phase spreads it) carries the same tenant and key', () => {
    const { idp } = setUp();
    const copy = { ...idp };
    expect(copy.otherTenant).toBe(idp.otherTenant);
    expect(copy.attacker).toBe(idp.attacker);
  });
});
