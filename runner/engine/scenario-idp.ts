/**
 * @module The IdP side of a run: the mock tenant and the app under test (the same state a
 * `samlspec idp` serves), a second tenant with the same app registered (cross-tenant cases), an
 * attacker key pair K' with a look-alike certificate, the baseline user and the victim.
 */
import { ENTRA_CERT_SUBJECT } from '../../mock-idp/internal.js';
import type { MockIdpState, EnterpriseApp, TenantState } from '../../mock-idp/internal.js';
import { once } from './once.js';
import type { ScenarioIdp } from './scenario-response.js';

export const BASELINE_USER = 'B.Simon';
export const OTHER_TENANT_DOMAIN = 'fabrikam.com';

export function createScenarioIdp(
  state: MockIdpState,
  app: EnterpriseApp,
  options: {
    spEncryptionCertificate?: string | undefined;
    baselineUser?: string | undefined;
    spDomain?: string | undefined;
  } = {},
): ScenarioIdp {
  const tenant = state.defaultTenant;
  // The second tenant and the attacker key are made on first use: each needs an RSA key (~100 ms), and
  // a run's first scenarios (calibration included) need neither, so they need not wait for them.
  const other = once(() => {
    const otherTenant =
      state.findTenant(OTHER_TENANT_DOMAIN) ??
      state.createTenant({ displayName: 'Fabrikam', primaryDomain: OTHER_TENANT_DOMAIN });
    return { otherTenant, otherApp: mirrorApp(otherTenant, app) };
  });
  // K': same subject as Entra's certificates, so only the key tells it apart (SAML Raider's "clone").
  // Kept in the state directory beside the tenant's keys, so later runs need not generate it again.
  const attacker = once((): ScenarioIdp['attacker'] => {
    const key = tenant.persistedKey('samlspec-attacker', { commonName: ENTRA_CERT_SUBJECT });
    return { privateKey: key.privateKey, certificatePem: key.certificatePem };
  });
  const baselineUser =
    options.baselineUser ??
    tenant.findUser(`${BASELINE_USER}@${tenant.tenant.primaryDomain}`)?.userPrincipalName ??
    tenant.listUsers()[0]!.userPrincipalName;
  return {
    tenant,
    app,
    get otherTenant() {
      return other().otherTenant;
    },
    get otherApp() {
      return other().otherApp;
    },
    get attacker() {
      return attacker();
    },
    ids: state.ids,
    baselineUser,
    victim: `admin@${tenant.tenant.primaryDomain}`,
    spEncryptionCertificate: options.spEncryptionCertificate,
    spDomain: options.spDomain,
  };
}

/** The same SP registered in another tenant (its own certificate), so cross-tenant responses are well-formed. */
function mirrorApp(tenant: TenantState, app: EnterpriseApp): EnterpriseApp {
  const settings = {
    identifiers: app.identifiers,
    replyUrls: app.replyUrls,
    signing: app.signing,
    ...(app.defaultIdentifier ? { defaultIdentifier: app.defaultIdentifier } : {}),
  };
  const existing = tenant.findApp(app.name);
  return existing
    ? tenant.updateApp(existing.appId, settings)
    : tenant.addApp({ name: app.name, displayName: app.displayName, ...settings });
}
