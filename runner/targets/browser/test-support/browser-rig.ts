/**
 * @module Test rig for browser mode: the mock IdP served on `localhost` (every request it gets is
 * counted) and the reference SP on `127.0.0.1` — two sites, as Entra and an SP are — the app configured
 * from the SP's metadata, and a run environment whose targets are BrowserTargets of one shared browser.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { MockIdpState } from '../../../../mock-idp/state/mock-idp-state.js';
import { ensureApp } from '../../../../mock-idp/default-app.js';
import { appMetadataFor } from '../../../../mock-idp/metadata/app-metadata.js';
import { appPatchFromSpMetadata, parseSpMetadata } from '../../../../mock-idp/metadata/sp-metadata.js';
import { tenantUrls } from '../../../../mock-idp/model/tenant.js';
import { createServerContext } from '../../../../mock-idp/http/context.js';
import { createMockIdpListener } from '../../../../mock-idp/http/server.js';
import { startReferenceSp } from '../../../../fixtures/sps/reference-sp/server.js';
import type { ReferenceSpHandle, ReferenceSpOptions } from '../../../../fixtures/sps/reference-sp/options.js';
import { createScenarioIdp } from '../../../engine/scenario-idp.js';
import type { ScenarioIdp } from '../../../engine/scenario-response.js';
import type { RunEnvironment } from '../../../engine/run-environment.js';
import { sessionProbe } from '../../../oracles/session-probe.js';
import { BrowserTarget, type BrowserArtifactOptions } from '../../browser-target.js';

export const SP_DOMAIN = 'contoso.com';

export interface BrowserRig {
  sp: ReferenceSpHandle;
  idp: ScenarioIdp;
  idpLoginUrl: string;
  /** `METHOD /path?query` of every request the mock IdP received. */
  idpHits: string[];
  target(artifacts?: BrowserArtifactOptions): BrowserTarget;
  env(artifacts?: BrowserArtifactOptions): RunEnvironment;
  close(): Promise<void>;
}

export async function startBrowserRig(
  browser: Browser,
  spOptions: Partial<ReferenceSpOptions> = {},
): Promise<BrowserRig> {
  const state = MockIdpState.open();
  const app = ensureApp(state.defaultTenant);
  const idpHits: string[] = [];
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  const handler = createMockIdpListener(createServerContext(state, baseUrl, { adminToken: undefined }));
  server.on('request', (req, res) => {
    idpHits.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  const idpMetadataXml = appMetadataFor(state.defaultTenant, app, baseUrl, state.ids).toString('utf8');
  const sp = await startReferenceSp({ spDomain: SP_DOMAIN, ...spOptions, idpMetadataXml, host: '127.0.0.1' });
  const spMetadata = parseSpMetadata(sp.metadataXml);
  const configured = state.defaultTenant.updateApp(
    app.name,
    appPatchFromSpMetadata(spMetadata, { existing: app }).patch,
  );
  const idp = createScenarioIdp(state, configured, {
    spEncryptionCertificate: spMetadata.encryptionCertificates[0],
    baselineUser: `B.Simon@${SP_DOMAIN}`,
    spDomain: SP_DOMAIN,
  });
  const idpLoginUrl = tenantUrls(baseUrl, state.defaultTenant.tenant.tenantId).loginUrl;
  const target = (artifacts?: BrowserArtifactOptions): BrowserTarget =>
    new BrowserTarget({ browser, loginUrl: sp.loginUrl, idpLoginUrl, timeoutMs: 10_000, artifacts });
  return {
    sp,
    idp,
    idpLoginUrl,
    idpHits,
    target,
    env: (artifacts) => ({
      idp,
      createTarget: () => target(artifacts),
      oracle: sessionProbe(sp.probeUrl),
      now: () => new Date(),
    }),
    close: async () => {
      await sp.close();
      await closeServer(server);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
