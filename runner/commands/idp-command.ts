/**
 * @module `samlspec idp` (serve the mock tenant) and `samlspec idp metadata` (print an app's federation
 * metadata without starting a server, so an SP can be configured before a run).
 */
import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  startMockIdp,
  openConfiguredState,
  baseUrlFor,
  type MockIdpHandle,
  ensureApp,
  appMetadataFor,
  applySpMetadataToApp,
  tenantUrls,
} from '../../mock-idp/internal.js';
import type { TenantState } from '../../mock-idp/internal.js';
import { loadTextFromFileOrUrl } from '../load-text.js';
import { HarnessError } from '../errors.js';
import { parsePort } from '../options.js';
import { discoveredIdpSection } from '../run/config-discovery.js';
import { IDP_DEFAULTS } from '../run/run-config.js';
import { addOptionTable, attributeNameOf, type OptionSpec } from './option-table.js';

interface IdpOptions {
  port: number;
  host: string;
  baseUrl?: string;
  stateDir: string;
  config?: string;
  app: string;
  spMetadata?: string;
  autoSignIn?: string | boolean;
  adminToken?: string;
}

/**
 * Both subcommands: where the mock listens and what it serves. The rows with a config path are the run
 * config's idp settings, so a discovered config file fills in what the command line did not say.
 */
export const IDP_COMMON_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--port <port>',
    description: 'port the mock IdP listens on (part of every URL in its metadata)',
    parse: parsePort,
    defaultValue: IDP_DEFAULTS.port,
    config: ['idp', 'port'],
  },
  {
    flags: '--host <address>',
    description: 'address to bind; beyond loopback the admin API requires a token',
    defaultValue: IDP_DEFAULTS.host,
    config: ['idp', 'host'],
  },
  {
    flags: '--base-url <url>',
    description: 'public base URL, if not http://<host>:<port>',
    config: ['idp', 'baseUrl'],
  },
  {
    flags: '--state-dir <dir>',
    description: 'where the tenant, apps and keys persist',
    defaultValue: IDP_DEFAULTS.stateDir,
    config: ['idp', 'stateDir'],
  },
  { flags: '--config <file>', description: 'users and apps (JSON or YAML)', config: ['idp', 'config'] },
  {
    flags: '--app <name>',
    description: 'enterprise app to use',
    defaultValue: IDP_DEFAULTS.app,
    config: ['idp', 'app'],
  },
  {
    flags: '--sp-metadata <file|url>',
    description: 'configure the app from SP metadata ("Upload metadata file")',
  },
];

/** `idp serve` only. A function: the admin token's default is the environment's when the command is built. */
export function idpServeOptions(env: NodeJS.ProcessEnv = process.env): OptionSpec[] {
  return [
    {
      flags: '--auto-sign-in [upn]',
      description: 'sign users in without the sign-in page (login_hint user, else B.Simon, or the given UPN)',
    },
    {
      flags: '--admin-token <token>',
      description: 'bearer token for the admin API (env SAMLSPEC_ADMIN_TOKEN)',
      defaultValue: env.SAMLSPEC_ADMIN_TOKEN,
    },
  ];
}

/** `idp metadata` only: where the XML (and the certificate, for SPs set up by hand) goes. */
export const IDP_METADATA_OPTIONS: readonly OptionSpec[] = [
  { flags: '--out <file>', description: 'write to a file instead of standard output' },
  {
    flags: '--certificate-out <file>',
    description:
      'also write "Certificate (Base64)" and print the Login URL and Entra Identifier (for SPs configured by hand)',
  },
];

export function registerIdpCommand(program: Command, onServerStarted: (handle: MockIdpHandle) => void): void {
  const idp = program.command('idp').description('the mock Microsoft Entra ID tenant');
  const serve = addOptionTable(
    idp.command('serve', { isDefault: true }).description('serve the mock tenant (default)'),
    [...IDP_COMMON_OPTIONS, ...idpServeOptions()],
  ).action(async (flags: IdpOptions, command: Command) => {
    const options = withConfigFileDefaults(flags, command);
    const stateDir = resolve(options.stateDir);
    const handle = await startMockIdp({
      port: options.port,
      host: options.host,
      stateDir,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.config ? { config: options.config } : {}),
      ...(options.autoSignIn !== undefined ? { autoSignIn: options.autoSignIn } : {}),
      ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        throw new HarnessError(
          'BAD_CONFIG',
          `port ${options.port} is already in use (choose another with --port)`,
        );
      throw error;
    });
    const tenant = handle.admin.tenant;
    ensureApp(tenant, options.app);
    if (options.spMetadata) await applySpMetadataFrom(tenant, options.app, options.spMetadata);
    printServerInfo(handle, tenant, options.app, stateDir);
    onServerStarted(handle);
  });
  // `samlspec idp` is `idp serve` (the default subcommand): its help lists serve's options too.
  idp.configureHelp({ visibleOptions: () => serve.createHelp().visibleOptions(serve) });
  addOptionTable(
    idp.command('metadata').description("print the app's federation metadata XML (no server is started)"),
    [...IDP_COMMON_OPTIONS, ...IDP_METADATA_OPTIONS],
  ).action(async (flags: IdpOptions & { out?: string; certificateOut?: string }, command: Command) => {
    const options = withConfigFileDefaults(flags, command);
    const state = openConfiguredState({
      stateDir: resolve(options.stateDir),
      ...(options.config ? { config: options.config } : {}),
    });
    const tenant = state.defaultTenant;
    const app = ensureApp(tenant, options.app);
    if (options.spMetadata) await applySpMetadataFrom(tenant, app.name, options.spMetadata);
    const xml = appMetadataFor(
      tenant,
      tenant.requireApp(app.name),
      baseUrlFor(options.host, options.port, options.baseUrl),
      state.ids,
      state.clock.now(),
    );
    if (options.out) await writeOutput(options.out, xml, '--out');
    else process.stdout.write(xml);
    if (options.certificateOut) {
      // Entra's "Certificate (Base64)" download: the PEM text of the active signing certificate.
      const configured = tenant.requireApp(app.name);
      await writeOutput(
        options.certificateOut,
        tenant.signingMaterial(configured).certificatePem,
        '--certificate-out',
      );
      const urls = tenantUrls(
        baseUrlFor(options.host, options.port, options.baseUrl),
        tenant.tenant.tenantId,
      );
      console.error(`Login URL                   ${urls.loginUrl}`);
      console.error(`Microsoft Entra Identifier  ${urls.issuer}`);
      console.error(`Certificate (Base64)        ${options.certificateOut}`);
    }
  });
}

/** An output file the user named: a folder there or no permission is their configuration, exit 2. */
async function writeOutput(path: string, content: string | Buffer, flag: string): Promise<void> {
  try {
    await writeFile(path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EISDIR'
        ? 'it is a folder'
        : code === 'ENOENT'
          ? 'its folder does not exist'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (code ?? (error as Error).message);
    throw new HarnessError('BAD_CONFIG', `${flag} ${path}: cannot write there (${why})`, { cause: error });
  }
}

async function applySpMetadataFrom(tenant: TenantState, app: string, source: string): Promise<void> {
  const xml = await loadTextFromFileOrUrl(source, 'SP metadata');
  const skipped = applySpMetadataToApp(tenant, app, xml);
  for (const url of skipped)
    console.error(`samlspec: skipped Reply URL ${url} (https only, http only for localhost)`);
}

function printServerInfo(
  handle: MockIdpHandle,
  tenant: TenantState,
  appName: string,
  stateDir: string,
): void {
  const app = tenant.requireApp(appName);
  const urls = tenantUrls(handle.baseUrl, tenant.tenant.tenantId);
  const rows: [string, string][] = [
    ['Tenant', `${tenant.tenant.displayName} (${tenant.tenant.tenantId})`],
    ['App', `${app.displayName} [${app.name}] appId ${app.appId}`],
    ['Login URL', urls.loginUrl],
    ['Microsoft Entra Identifier', urls.issuer],
    ['Logout URL', urls.logoutUrl],
    ['App Federation Metadata Url', urls.appMetadataUrl(app.appId)],
    ['Set-up page (portal)', urls.portalUrl(app.appId)],
    ['User access URL (IdP-initiated)', urls.userAccessUrl(app.appId)],
    [
      'Admin API',
      `${handle.baseUrl}/admin/api${handle.adminToken ? `  (Authorization: Bearer ${handle.adminToken})` : ''}`,
    ],
    ['State directory', stateDir],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('samlspec mock Microsoft Entra ID is running');
  for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
  if (app.identifiers.length === 0 || app.replyUrls.length === 0) {
    console.log(
      `  Note: the app has no Identifier or Reply URL yet; pass --sp-metadata, a --config, or use the admin API.`,
    );
  }
  console.log('Press Ctrl-C to stop.');
}

/**
 * The idp section of a discovered samlspec.config.{yaml,yml,json} fills in what the command line did not
 * say, so `idp metadata` and `run` share the port, state directory and app from one file.
 */
function withConfigFileDefaults<T extends IdpOptions>(options: T, command: Command): T {
  const section = discoveredIdpSection();
  if (!section) return options;
  const out: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const spec of IDP_COMMON_OPTIONS) {
    if (spec.config?.[0] !== 'idp') continue;
    const attribute = attributeNameOf(spec);
    const value = section[spec.config[1]];
    if (value !== undefined && command.getOptionValueSource(attribute) !== 'cli') out[attribute] = value;
  }
  return out as T;
}
