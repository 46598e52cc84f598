/**
 * @module Runs catalog scenarios in-process against the reference SP, as `samlspec demo` does, in
 * either mode: the mock IdP's state in memory on a free port — served as `localhost`, another site than
 * the SP on `127.0.0.1` — then executeRun() with 4 workers.
 */
import { summarize, type RunReport } from '../../../../reports/types.js';
import { openConfiguredState } from '../../../../mock-idp/start-mock-idp.js';
import { ensureApp } from '../../../../mock-idp/default-app.js';
import { appMetadataFor } from '../../../../mock-idp/metadata/app-metadata.js';
import { startReferenceSp } from '../../../../fixtures/sps/reference-sp/server.js';
import type { ReferenceSpOptions } from '../../../../fixtures/sps/reference-sp/options.js';
import { executeRun } from '../../../run/execute-run.js';
import { withFreePort } from '../../../run/free-port.js';
import { parseRunConfig } from '../../../run/run-config.js';

export interface BrowserCatalogRun {
  report: RunReport;
  wallMs: number;
}

export async function runReferenceSpCatalog(options: {
  mode: 'http' | 'browser';
  sp?: Partial<ReferenceSpOptions>;
  /** Scenario id prefixes (default: all). */
  scenarios?: readonly string[];
  /** Report files (and browser artifacts) go here; none when absent. */
  outputDir?: string;
  reporters?: string[];
  workers?: number;
  /** Browser mode's Chromium (default: the one browser mode finds itself). */
  browserPath?: string;
}): Promise<BrowserCatalogRun> {
  const host = '127.0.0.1';
  return withFreePort((port) => runOnPort(port, host, options), { host });
}

async function runOnPort(
  port: number,
  host: string,
  options: Parameters<typeof runReferenceSpCatalog>[0],
): Promise<BrowserCatalogRun> {
  const started = Date.now();
  const idpBaseUrl = `http://localhost:${port}`;
  const state = openConfiguredState({});
  const app = ensureApp(state.defaultTenant);
  const xml = appMetadataFor(state.defaultTenant, app, idpBaseUrl, state.ids).toString('utf8');
  const sp = await startReferenceSp({ spDomain: 'contoso.com', ...options.sp, idpMetadataXml: xml, host });
  try {
    const config = parseRunConfig(
      {
        sp: { metadata: 'in-memory (e2e)', loginUrl: sp.loginUrl, probe: sp.probeUrl, domain: 'contoso.com' },
        idp: { port, host, baseUrl: idpBaseUrl },
        run: {
          scenarios: [...(options.scenarios ?? [])],
          reporters: options.reporters ?? (options.outputDir ? ['json'] : []),
          ...(options.outputDir ? { outputDir: options.outputDir } : {}),
          workers: options.workers ?? 4,
          quiet: true,
          mode: options.mode,
          ...(options.browserPath ? { browserPath: options.browserPath } : {}),
        },
      },
      'e2e',
    );
    const { report } = await executeRun(config, { state, spMetadataXml: sp.metadataXml });
    return { report: { ...report, summary: summarize(report.results) }, wallMs: Date.now() - started };
  } finally {
    await sp.close();
  }
}
