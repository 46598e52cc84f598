/**
 * @module `samlspec demo`: the whole catalog against the built-in strict reference SP, with the mock IdP
 * in memory on a free port; writes every report. The README's main command: it shows what a run
 * looks like and that a careful SP passes every must.
 */
import { createServer } from 'node:net';
import type { Command } from 'commander';
import { openConfiguredState, baseUrlFor } from '../../mock-idp/start-mock-idp.js';
import { ensureApp } from '../../mock-idp/default-app.js';
import { appMetadataFor } from '../../mock-idp/metadata/app-metadata.js';
import { startReferenceSp } from '../../fixtures/sps/reference-sp/server.js';
import { parseRunConfig, type RunConfig } from '../run/run-config.js';
import type { ExecuteOptions } from '../run/execute-run.js';
import { addRunOptions, type RunFlags } from './run-command.js';

export function registerDemoCommand(
  program: Command,
  run: (config: RunConfig, options?: ExecuteOptions) => Promise<number>,
): void {
  addRunOptions(
    program
      .command('demo')
      .description('run the whole catalog against the built-in strict reference SP and write all reports')
      .argument('[ID_PREFIX...]', 'scenario id prefixes (default: all)'),
  ).action(async (prefixes: string[], flags: RunFlags) => {
    const host = '127.0.0.1';
    const port = await freePort(host);
    // Browser mode: the IdP on another site (localhost) than the SP (127.0.0.1), as Entra is.
    const idpBaseUrl = flags.browser ? `http://localhost:${port}` : baseUrlFor(host, port);
    const state = openConfiguredState({});
    const app = ensureApp(state.defaultTenant);
    const idpMetadataXml = appMetadataFor(state.defaultTenant, app, idpBaseUrl, state.ids).toString('utf8');
    const sp = await startReferenceSp({ idpMetadataXml, host, spDomain: 'contoso.com' });
    try {
      const config = parseRunConfig(
        {
          sp: {
            metadata: `${sp.baseUrl}/metadata`,
            loginUrl: sp.loginUrl,
            probe: sp.probeUrl,
            domain: 'contoso.com',
          },
          idp: { port, host, ...(flags.browser ? { baseUrl: idpBaseUrl } : {}) },
          run: {
            ...(prefixes.length > 0 ? { scenarios: prefixes } : {}),
            ...(flags.reporter ? { reporters: flags.reporter } : {}),
            ...(flags.outputDir ? { outputDir: flags.outputDir } : {}),
            ...(flags.strict ? { strict: true } : {}),
            ...(flags.workers ? { workers: flags.workers } : {}),
            ...(flags.timeout ? { timeoutMs: flags.timeout } : {}),
            ...(flags.quiet ? { quiet: true } : {}),
            ...(flags.browser ? { mode: 'browser' } : {}),
            ...(flags.browserPath ? { browserPath: flags.browserPath } : {}),
          },
        },
        'demo',
      );
      process.exitCode = await run(config, {
        state,
        spMetadataXml: sp.metadataXml,
        describeTarget: `built-in strict reference SP at ${sp.baseUrl}`,
        notes: ['demo: the mock IdP and the reference SP run in this process; the IdP state is in memory'],
      });
    } finally {
      await sp.close();
    }
  });
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
