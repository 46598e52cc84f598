/**
 * @module The mock IdP for a run: the same state directory, port and app as `samlspec idp metadata`
 * (so an SP configured from that metadata before the run trusts this IdP), the app's Identifier and
 * Reply URLs updated from the SP's metadata, and the HTTP server started so the SP can fetch metadata.
 */
import { resolve } from 'node:path';
import { openConfiguredState, startMockIdp, type MockIdpHandle } from '../../mock-idp/start-mock-idp.js';
import { ensureApp } from '../../mock-idp/default-app.js';
import {
  parseSpMetadata,
  appPatchFromSpMetadata,
  SpMetadataError,
  type SpMetadata,
} from '../../mock-idp/metadata/sp-metadata.js';
import type { EnterpriseApp } from '../../mock-idp/model/app.js';
import type { MockIdpState } from '../../mock-idp/state/mock-idp-state.js';
import { HarnessError } from '../errors.js';
import { loadTextFromFileOrUrl } from '../load-text.js';
import { createScenarioIdp, BASELINE_USER } from '../engine/scenario-idp.js';
import type { ScenarioIdp } from '../engine/scenario-response.js';
import type { RunConfig } from './run-config.js';

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
  const metadataXml =
    options.spMetadataXml ?? (await loadTextFromFileOrUrl(config.sp.metadata, 'SP metadata'));
  let sp: SpMetadata;
  try {
    sp = parseSpMetadata(metadataXml);
  } catch (error) {
    if (error instanceof SpMetadataError)
      throw new HarnessError('BAD_CONFIG', `SP metadata ${config.sp.metadata}: ${error.message}`);
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
  for (const skipped of imported.skipped)
    notes.push(`SP metadata: skipped ${skipped.service} ${skipped.location} (${skipped.reason})`);
  if (!imported.patch.replyUrls)
    throw new HarnessError(
      'BAD_CONFIG',
      'the SP metadata has no usable HTTP-POST AssertionConsumerService (https, or http on loopback)',
    );
  const app = tenant.updateApp(config.idp.app, imported.patch);
  const baselineUser = ensureBaselineUser(state, config.sp.domain, notes);
  let handle: MockIdpHandle;
  try {
    handle = await startMockIdp({
      state,
      port: config.idp.port,
      host: config.idp.host,
      ...(config.idp.baseUrl ? { baseUrl: config.idp.baseUrl } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HarnessError(
      'BAD_CONFIG',
      code === 'EADDRINUSE'
        ? `the IdP port ${config.idp.port} is in use (--idp-port)`
        : `cannot start the mock IdP: ${(error as Error).message}`,
    );
  }
  const scenarioIdp = createScenarioIdp(state, app, {
    spEncryptionCertificate: sp.encryptionCertificates[0],
    baselineUser,
    spDomain: config.sp.domain,
  });
  return { handle, state, app, sp, scenarioIdp, notes };
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
