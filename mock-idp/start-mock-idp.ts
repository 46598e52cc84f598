/**
 * @module `startMockIdp()`: the mock Entra tenant in-process, for a user's own vitest/jest/Playwright
 * tests. Returns the URLs an SP needs, an admin handle and `close()`.
 *
 * @example
 * const idp = await startMockIdp({ autoSignIn: true });
 * const app = idp.admin.addApp({ name: 'my-sp', identifiers: ['https://sp.test/metadata'],
 *   replyUrls: [{ url: 'http://localhost:3000/saml/acs' }] });
 * const metadataXml = await (await fetch(idp.metadataUrl(app.name))).text();
 * // ... configure the SP under test, run the test ...
 * await idp.close();
 */
import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { MockIdpState } from './state/mock-idp-state.js';
import { tenantUrls, type Tenant, type TenantUrls } from './model/tenant.js';
import {
  isLoopbackHost,
  type CertificateRecord,
  type EnterpriseApp,
  type EnterpriseAppInput,
} from './model/app.js';
import type { DirectoryUser, DirectoryUserInput } from './model/user.js';
import type { TenantState } from './state/tenant-state.js';
import { createServerContext, type ServerContext } from './http/context.js';
import { loadConfigFile, type ConfigFile } from './config/config-file.js';
import { applyConfig } from './config/apply-config.js';
import { applySpMetadataToApp } from './admin/apply-sp-metadata.js';
import { appMetadataFor } from './metadata/app-metadata.js';
import { ensureApp, DEFAULT_APP_NAME } from './default-app.js';
import type { Clock } from './util/clock.js';
import type { IdGenerator } from './util/ids.js';

export interface StartMockIdpOptions {
  /** TCP port; 0 (default in-process) picks a free one. */
  port?: number;
  /** Address to bind; default 127.0.0.1. Anything beyond loopback requires an admin token. */
  host?: string;
  /** Public base URL (default `http://<host>:<port>`). */
  baseUrl?: string;
  /** Persist tenant, apps and keys here; omit to keep everything in memory. */
  stateDir?: string;
  /** Config file path, or an already parsed config. */
  config?: string | ConfigFile;
  /** Non-interactive sign-in: true (login_hint user, else B.Simon) or a UPN. Default false. */
  autoSignIn?: boolean | string;
  /** Admin API bearer token; generated when binding beyond loopback and none is given. */
  adminToken?: string;
  clock?: Clock;
  ids?: IdGenerator;
  /** Serve an already opened state (e.g. the one a test run configured); stateDir and config are then ignored. */
  state?: MockIdpState;
  /**
   * When the HTTP application (Express and every route) is loaded: 'at-start' (the default) before
   * startMockIdp resolves, or 'on-first-request', for a process that may never get one (`samlspec run` in
   * HTTP mode, where the harness plays the browser itself): loading it costs more CPU than a short run's
   * scenarios. The first requests then wait while it loads; a client that half-closes its connection right
   * after its request (HTTP clients of browsers and SPs do not) gets no answer in that moment, because
   * node:http ends such a connection when nothing has answered yet.
   */
  httpApp?: 'at-start' | 'on-first-request';
}

export interface MockIdpAdmin {
  readonly tenant: TenantState;
  addApp(
    input: Omit<EnterpriseAppInput, 'appId' | 'objectId' | 'displayName'> & { displayName?: string },
  ): EnterpriseApp;
  updateApp(app: string, patch: Partial<EnterpriseAppInput>): EnterpriseApp;
  getApp(app?: string): EnterpriseApp;
  /** "Upload metadata file": sets Identifier, Reply URLs and Logout URL from SP metadata XML. */
  uploadSpMetadata(app: string, metadataXml: string): EnterpriseApp;
  addUser(input: Omit<DirectoryUserInput, 'objectId'> & { objectId?: string }): DirectoryUser;
  updateUser(user: string, patch: Partial<DirectoryUserInput>): DirectoryUser;
  removeUser(user: string): void;
  /** "New Certificate"; pass `{ activate: true }` to make it active at once. */
  newCertificate(app: string, options?: { activate?: boolean; notAfter?: Date }): CertificateRecord;
  /** "Make certificate active" (rollover). */
  activateCertificate(app: string, certificateId: string): EnterpriseApp;
  /** The app federation metadata XML (with Entra's UTF-8 BOM). */
  appMetadata(app?: string): string;
  /** A second tenant of the same mock (e.g. for cross-tenant tests). */
  createTenant(input?: Partial<Tenant>): TenantState;
}

export interface MockIdpHandle {
  readonly baseUrl: string;
  readonly tenantId: string;
  /** Microsoft Entra Identifier: `https://sts.windows.net/{tenant}/`. */
  readonly issuer: string;
  readonly loginUrl: string;
  readonly logoutUrl: string;
  readonly urls: TenantUrls;
  /** Admin API bearer token, if one is required. */
  readonly adminToken: string | undefined;
  metadataUrl(app?: string): string;
  portalUrl(app?: string): string;
  userAccessUrl(app?: string): string;
  readonly admin: MockIdpAdmin;
  readonly state: MockIdpState;
  close(): Promise<void>;
}

/** Opens the state (directory or memory), applies the config file and makes sure the default app exists. */
export function openConfiguredState(
  options: Pick<StartMockIdpOptions, 'stateDir' | 'config' | 'clock' | 'ids'>,
): MockIdpState {
  const state = MockIdpState.open({
    stateDir: options.stateDir,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ids ? { ids: options.ids } : {}),
  });
  const config = typeof options.config === 'string' ? loadConfigFile(options.config) : options.config;
  // One step under the state lock, so parallel processes configure the state one after the other.
  state.persistence.transaction(() => {
    if (config) {
      applyConfig(state, config, {
        ...(typeof options.config === 'string' ? { configPath: options.config } : {}),
        applySpMetadata: (tenant, app, xml) => void applySpMetadataToApp(tenant, app, xml),
      });
    }
    ensureApp(state.defaultTenant);
  });
  return state;
}

/** The base URL the server will have: the same for `samlspec idp metadata` and `samlspec idp`. */
export function baseUrlFor(host: string, port: number, explicit?: string): string {
  return (explicit ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
}

export async function startMockIdp(options: StartMockIdpOptions = {}): Promise<MockIdpHandle> {
  const host = options.host ?? '127.0.0.1';
  const state = options.state ?? openConfiguredState(options);
  const tenant = state.defaultTenant;
  const adminToken =
    options.adminToken ?? (isLoopbackHost(host) ? undefined : randomBytes(24).toString('base64url'));
  const server = createServer();
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const baseUrl = baseUrlFor(host, port, options.baseUrl);
  const ctx = createServerContext(state, baseUrl, {
    ...(options.autoSignIn !== undefined ? { autoSignIn: options.autoSignIn } : {}),
    adminToken,
  });
  const app = httpApplication(ctx);
  server.on('request', app.listener);
  if (options.httpApp !== 'on-first-request')
    await app.load().catch((error: unknown) => {
      server.close();
      throw error;
    });
  // Never hang on a slow or stuck client.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;

  const urls = tenantUrls(baseUrl, tenant.tenant.tenantId);
  const appId = (ref?: string): string => tenant.requireApp(ref ?? DEFAULT_APP_NAME).appId;
  const admin: MockIdpAdmin = {
    tenant,
    addApp: (input) => tenant.addApp({ displayName: input.name, ...input }),
    updateApp: (ref, patch) => tenant.updateApp(ref, patch),
    getApp: (ref) => tenant.requireApp(ref ?? DEFAULT_APP_NAME),
    uploadSpMetadata: (ref, xml) => {
      applySpMetadataToApp(tenant, ref, xml);
      return tenant.requireApp(ref);
    },
    addUser: (input) => tenant.addUser({ ...input, objectId: input.objectId ?? state.ids.guid() }),
    updateUser: (ref, patch) => tenant.updateUser(ref, patch),
    removeUser: (ref) => tenant.removeUser(ref),
    newCertificate: (ref, opts = {}) =>
      tenant.newCertificate(ref, {
        activate: opts.activate ?? false,
        ...(opts.notAfter ? { notAfter: opts.notAfter } : {}),
      }),
    activateCertificate: (ref, id) => tenant.activateCertificate(ref, id),
    appMetadata: (ref) =>
      appMetadataFor(
        tenant,
        tenant.requireApp(ref ?? DEFAULT_APP_NAME),
        baseUrl,
        state.ids,
        state.clock.now(),
      ).toString('utf8'),
    createTenant: (input = {}) => state.createTenant(input),
  };
  return {
    baseUrl,
    tenantId: tenant.tenant.tenantId,
    issuer: urls.issuer,
    loginUrl: urls.loginUrl,
    logoutUrl: urls.logoutUrl,
    urls,
    adminToken,
    metadataUrl: (ref) => urls.appMetadataUrl(appId(ref)),
    portalUrl: (ref) => urls.portalUrl(appId(ref)),
    userAccessUrl: (ref) => urls.userAccessUrl(appId(ref)),
    admin,
    state,
    close: () => closeServer(server),
  };
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The server's request listener, over the HTTP application (http/server.ts) loaded by load() or by the first
 * request, whichever comes first. Requests that arrive while it loads wait for it, their bodies unread; if it
 * cannot load, each gets a 500 and the reason goes to stderr (no stack, no state).
 */
function httpApplication(ctx: ServerContext): {
  listener: RequestListener;
  load(): Promise<RequestListener>;
} {
  let ready: RequestListener | undefined;
  let loading: Promise<RequestListener> | undefined;
  const load = (): Promise<RequestListener> =>
    (loading ??= import('./http/server.js').then((http) => (ready = http.createMockIdpListener(ctx))));
  const listener: RequestListener = (req, res) => {
    if (ready) return ready(req, res);
    load().then(
      (loaded) => loaded(req, res),
      (error: unknown) => {
        console.error(`samlspec mock IdP: internal error: ${(error as Error)?.message ?? String(error)}`);
        res.statusCode = 500;
        res.end('Internal error in the samlspec mock IdP\n');
      },
    );
  };
  return { listener, load };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
