/**
 * @module The mock IdP for a run: the same state directory, port and app as `samlspec idp metadata`
 * (so an SP configured from that metadata before the run trusts this IdP), the app's Identifier and
 * Reply URLs updated from the SP's metadata, the SP profile's settings laid over the app for the run only,
 * and the HTTP server started so the SP can fetch metadata.
 */
import { resolve } from 'node:path';
import {
  openConfiguredState,
  startMockIdp,
  type MockIdpHandle,
  ensureApp,
  parseSpMetadata,
  appPatchFromSpMetadata,
  SpMetadataError,
  type SpMetadata,
} from '../../mock-idp/internal.js';
import type { EnterpriseApp, MockIdpState } from '../../mock-idp/internal.js';
import { HarnessError } from '../errors.js';
import { loadTextFromFileOrUrl } from '../load-text.js';
import { namedOrigins } from './named-origins.js';
import { createScenarioIdp, BASELINE_USER } from '../engine/scenario-idp.js';
import type { ScenarioIdp } from '../engine/scenario-response.js';
import type { RunConfig } from './run-config.js';
import { checkProfileUrls, profileAppPatch, profileFor, profileSetupNotes } from './apply-profile.js';
import { manualSpMetadata } from './manual-sp-metadata.js';
import { LIFECYCLE_USER_PREFIX } from '../engine/run-users.js';

export interface PreparedIdp {
  handle: MockIdpHandle;
  state: MockIdpState;
  app: EnterpriseApp;
  sp: SpMetadata;
  scenarioIdp: ScenarioIdp;
  notes: string[];
}

export async function prepareIdp(
  config: RunConfig,
  options: { spMetadataXml?: string; inMemory?: boolean; state?: MockIdpState } = {},
): Promise<PreparedIdp> {
  const notes: string[] = [];
  const profile = profileFor(config);
  if (profile.needsSpDomain && !config.sp.domain)
    throw new HarnessError(
      'BAD_CONFIG',
      `profile ${profile.name}: ${profile.product} needs the connection's email domain (--sp-domain)`,
    );
  const metadataXml =
    options.spMetadataXml ??
    (config.sp.metadata !== undefined
      ? await loadTextFromFileOrUrl(config.sp.metadata, 'SP metadata', {
          allowedOrigins: namedOrigins(config),
        })
      : manualSpMetadata(config.sp.entityId!, config.sp.acsUrl!));
  let sp: SpMetadata;
  try {
    sp = parseSpMetadata(metadataXml);
  } catch (error) {
    if (error instanceof SpMetadataError)
      throw new HarnessError(
        'BAD_CONFIG',
        `SP metadata ${config.sp.metadata ?? '(from --sp-entity-id and --acs-url)'}: ${error.message}`,
      );
    throw error;
  }
  const state =
    options.state ??
    openConfiguredState({
      ...(options.inMemory ? {} : { stateDir: resolve(config.idp.stateDir) }),
      ...(config.idp.config ? { config: config.idp.config } : {}),
    });
  const tenant = state.defaultTenant;
  const imported = appPatchFromSpMetadata(sp, { existing: ensureApp(tenant, config.idp.app) });
  for (const warning of sp.warnings ?? []) notes.push(`SP metadata: ${warning}`);
  for (const skipped of imported.skipped)
    notes.push(`SP metadata: skipped ${skipped.service} ${skipped.location} (${skipped.reason})`);
  if (!imported.patch.replyUrls)
    throw new HarnessError(
      'BAD_CONFIG',
      'the SP metadata has no usable HTTP-POST AssertionConsumerService (https, or http on loopback)',
    );
  removeLeftoverLifecycleUsers(tenant);
  const baselineUser = ensureBaselineUser(state, config.sp.domain, notes);
  const fromProfile = profileAppPatch(
    profile,
    config,
    tenant.findUser(baselineUser ?? `${BASELINE_USER}@${tenant.tenant.primaryDomain}`),
  );
  notes.push(...fromProfile.notes);
  // The SP's metadata is stored, as "Upload metadata file" would; the profile's settings are laid over the
  // app for this run only, so the next run on this state (another profile, or none) starts from the app
  // as configured.
  tenant.updateApp(config.idp.app, imported.patch);
  const app = tenant.overlayApp(config.idp.app, fromProfile.patch);
  notes.push(...checkProfileUrls(profile, app));
  let handle: MockIdpHandle;
  try {
    handle = await startMockIdp({
      state,
      port: config.idp.port,
      host: config.idp.host,
      ...(config.idp.baseUrl ? { baseUrl: config.idp.baseUrl } : {}),
      // The harness answers the SP itself; the IdP's pages are loaded if the SP or a browser asks for one.
      httpApp: 'on-first-request',
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HarnessError(
      'BAD_CONFIG',
      code === 'EADDRINUSE'
        ? `the IdP port ${config.idp.port} is in use (--idp-port)`
        : `cannot start the mock IdP: ${(error as Error).message}`,
      { cause: error },
    );
  }
  notes.push(
    ...profileSetupNotes(profile, {
      metadataUrl: handle.metadataUrl(app.appId),
      loginUrl: handle.loginUrl,
      issuer: handle.issuer,
      certificateUrl: handle.portalUrl(app.appId),
    }),
  );
  const scenarioIdp = createScenarioIdp(state, app, {
    spEncryptionCertificate: sp.encryptionCertificates[0],
    baselineUser,
    spDomain: config.sp.domain,
  });
  return { handle, state, app, sp, scenarioIdp, notes };
}

/** Users of lifecycle scenarios are removed when the scenario ends; an interrupted run may leave some. */
function removeLeftoverLifecycleUsers(tenant: MockIdpState['defaultTenant']): void {
  for (const user of tenant.listUsers())
    if (user.userPrincipalName.startsWith(LIFECYCLE_USER_PREFIX)) tenant.removeUser(user.objectId);
}

/** With --sp-domain, the baseline user must be in the SP's domain, so that only the scenario's change mismatches. */
function ensureBaselineUser(
  state: MockIdpState,
  domain: string | undefined,
  notes: string[],
): string | undefined {
  if (!domain) return undefined;
  const tenant = state.defaultTenant;
  const upn = `${BASELINE_USER}@${domain}`;
  if (!tenant.findUser(upn)) {
    const template = tenant.findUser(`${BASELINE_USER}@${tenant.tenant.primaryDomain}`);
    tenant.addUser({
      objectId: state.ids.guid(),
      userPrincipalName: upn,
      mail: upn,
      displayName: BASELINE_USER,
      givenName: template?.givenName ?? 'B',
      surname: template?.surname ?? 'Simon',
      groups: template?.groups ?? [],
    });
    notes.push(`added ${upn} to the mock directory as the baseline user (--sp-domain ${domain})`);
  }
  return upn;
}
