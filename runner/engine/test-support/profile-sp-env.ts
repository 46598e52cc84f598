/**
 * @module Test helper for engine tests against a real SP over HTTP: a fresh mock tenant whose app trusts
 * the generic profile SP (accounts keyed by NameID, never by a transient one; `broken` flags make it
 * wrong on purpose), the SP started with the tenant's metadata, and the run environment that drives it
 * through an HttpTarget. The SP is closed when the test that started it ends.
 */
import { onTestFinished } from 'vitest';
import { startProfileSp, type ProfileSpHandle } from '../../../fixtures/sps/profile-sps/index.js';
import { ensureApp } from '../../../mock-idp/default-app.js';
import type { TenantState } from '../../../mock-idp/index.js';
import { appMetadataFor } from '../../../mock-idp/metadata/app-metadata.js';
import { appPatchFromSpMetadata, parseSpMetadata } from '../../../mock-idp/metadata/sp-metadata.js';
import { tenantUrls } from '../../../mock-idp/model/tenant.js';
import { openConfiguredState } from '../../../mock-idp/start-mock-idp.js';
import { sessionProbe } from '../../oracles/session-probe.js';
import { HttpTarget, type HttpTargetOptions } from '../../targets/http-target.js';
import type { RunEnvironment } from '../run-environment.js';
import { createScenarioIdp } from '../scenario-idp.js';

/** The IdP's base URL in the metadata the SP trusts: nothing listens there (the HttpTarget stops at its origin). */
const IDP_BASE = 'http://127.0.0.1:7999';
/** Where the generic profile SP's probe page shows the signed-in account. */
export const GENERIC_ACCOUNT = /"account":"([^"]+)"/;

export interface ProfileSpEnvOptions {
  /** The SP's broken flags (fixtures/sps/profile-sps/broken-flags.ts). */
  broken?: readonly string[] | undefined;
  /** How the probe reads the account id (default GENERIC_ACCOUNT); null: not at all. */
  accountPattern?: RegExp | null | undefined;
}

export interface ProfileSpEnv {
  env: RunEnvironment;
  sp: ProfileSpHandle;
  tenant: TenantState;
  /** What each HttpTarget of `env` is made with, for a target of the test's own. */
  targetOptions: HttpTargetOptions;
}

export async function profileSpEnv(options: ProfileSpEnvOptions = {}): Promise<ProfileSpEnv> {
  const { broken = [], accountPattern = GENERIC_ACCOUNT } = options;
  const state = openConfiguredState({});
  const tenant = state.defaultTenant;
  const app = ensureApp(tenant);
  const idpMetadataXml = appMetadataFor(tenant, app, IDP_BASE, state.ids).toString('utf8');
  const sp = await startProfileSp('generic', { idpMetadataXml, domain: 'contoso.com', broken });
  onTestFinished(() => sp.close());
  const configured = tenant.updateApp(
    app.name,
    appPatchFromSpMetadata(parseSpMetadata(sp.metadataXml!)).patch,
  );
  const targetOptions: HttpTargetOptions = {
    loginUrl: sp.loginUrl,
    idpLoginUrl: tenantUrls(IDP_BASE, tenant.tenant.tenantId).loginUrl,
    timeoutMs: 5000,
  };
  const env: RunEnvironment = {
    idp: createScenarioIdp(state, configured, { spDomain: 'contoso.com' }),
    createTarget: () => new HttpTarget(targetOptions),
    oracle: sessionProbe(sp.probeUrl),
    now: () => new Date(),
    accountPattern: accountPattern ?? undefined,
  };
  return { env, sp, tenant, targetOptions };
}
