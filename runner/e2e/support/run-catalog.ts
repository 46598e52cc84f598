/**
 * @module Runs the scenario catalog in-process, as `samlspec demo` does: the mock IdP's state in memory
 * on a free port, an SP (the reference SP with some options, or a library SP) configured from the app
 * federation metadata, then executeRun() in HTTP mode with 4 workers and no file reporters. The e2e
 * tests compare the report's findings with a checked-in expectation (findings.ts).
 */
import { summarize, type RunReport } from '../../../reports/types.js';
import {
  baseUrlFor,
  ensureApp,
  appMetadataFor,
  tenantUrls,
  MockIdpState,
  MemoryStatePersistence,
} from '../../../mock-idp/internal.js';
import { selectScenarios } from '../../../scenarios/index.js';
import { startReferenceSp } from '../../../fixtures/sps/reference-sp/server.js';
import {
  generateKeyPair,
  type ReferenceSpOptions,
  type SpKeyPair,
} from '../../../fixtures/sps/reference-sp/options.js';
import type { ControlRun } from '../../../fixtures/sps/reference-sp/controls.js';
import { executeRun } from '../../run/execute-run.js';
import { createScenarioIdp } from '../../engine/scenario-idp.js';
import { parseRunConfig } from '../../run/run-config.js';
import { withFreePort } from '../../run/free-port.js';

const HOST = '127.0.0.1';
/** The SP domain of every run: the mock directory's own, as `samlspec demo` uses. */
export const SP_DOMAIN = 'contoso.com';

/** What a run needs from the SP under test, whatever SP it is. */
export interface SpUnderTest {
  metadataXml: string;
  loginUrl: string;
  probeUrl: string;
  /** A regex whose first group is the account id the probe shows (account-lifecycle scenarios). */
  accountPattern?: string;
  /** The page that starts sign-out (--logout-url): given, the single logout phase runs. */
  logoutUrl?: string;
  /** Where the run's --refresh-idp-metadata hook POSTs (certificate rollover phase); none: the phase is skipped. */
  refreshUrl?: string;
  close(): Promise<void>;
}

/** The IdP's app federation metadata, as XML and as a data: URL (for SPs that fetch a URL at start). */
export interface IdpMetadataForSp {
  xml: string;
  url: string;
  /** The live App Federation Metadata Url, served once the run has started the mock (re-read on refresh). */
  liveUrl: string;
}

export interface CatalogRun {
  /** The report, its results narrowed to exactly the scenarios the run selected. */
  report: RunReport;
  /** Wall time of the whole run, SP start included (ms). */
  wallMs: number;
}

/** The ids a run selects: its prefixes (default: all), minus the excluded prefixes. */
export function scenarioIds(run: ControlRun): string[] {
  const excluded = (id: string): boolean => (run.exclude ?? []).some((prefix) => id.startsWith(prefix));
  return selectScenarios(run.scenarios ?? [])
    .map((s) => s.id)
    .filter((id) => !excluded(id));
}

let template: MemoryStatePersistence | undefined;
/**
 * A fresh in-memory IdP state, as `openConfiguredState({})` makes it, with what every run adds before its
 * first scenario (the other tenant, its app, the attacker key: createScenarioIdp), made once per test
 * file; each run opens its own copy. Every run otherwise generated those RSA keys anew (a few per run,
 * dozens of runs per file). Within a run the keys are as distinct as ever, and nothing a run changes
 * reaches the template or another run.
 */
function idpTemplate(): MemoryStatePersistence {
  if (!template) {
    // What openConfiguredState({}) does without a config file, then the run's own additions.
    const persistence = new MemoryStatePersistence();
    const state = MockIdpState.open({ persistence });
    createScenarioIdp(state, ensureApp(state.defaultTenant));
    template = persistence;
  }
  return template;
}

/** Runs the selected scenarios against the SP `startSp` starts from the IdP metadata. */
export async function runCatalog(
  startSp: (idp: IdpMetadataForSp) => Promise<SpUnderTest>,
  run: ControlRun = {},
): Promise<CatalogRun> {
  return withFreePort((port) => runCatalogOnPort(port, startSp, run));
}

async function runCatalogOnPort(
  port: number,
  startSp: (idp: IdpMetadataForSp) => Promise<SpUnderTest>,
  run: ControlRun,
): Promise<CatalogRun> {
  const started = Date.now();
  const state = MockIdpState.open({ persistence: idpTemplate().copy() });
  const app = state.persistence.transaction(() => ensureApp(state.defaultTenant));
  const xml = appMetadataFor(state.defaultTenant, app, baseUrlFor(HOST, port), state.ids).toString('utf8');
  const sp = await startSp({
    xml,
    url: `data:application/samlmetadata+xml;base64,${Buffer.from(xml, 'utf8').toString('base64')}`,
    liveUrl: tenantUrls(baseUrlFor(HOST, port), state.defaultTenant.tenant.tenantId).appMetadataUrl(
      app.appId,
    ),
  });
  try {
    const ids = scenarioIds(run);
    const config = parseRunConfig(
      {
        sp: {
          metadata: 'in-memory (e2e)',
          ...(run.spInitiated === false ? {} : { loginUrl: sp.loginUrl }),
          probe: sp.probeUrl,
          ...(sp.accountPattern ? { accountPattern: sp.accountPattern } : {}),
          domain: SP_DOMAIN,
          ...(run.idpInitiated === 'undeclared' ? {} : { idpInitiated: run.idpInitiated ?? true }),
          ...(sp.refreshUrl && run.refresh !== false ? { refreshIdpMetadata: sp.refreshUrl } : {}),
          ...(sp.logoutUrl ? { logoutUrl: sp.logoutUrl } : {}),
        },
        idp: {
          port,
          host: HOST,
          ...(run.signingOption ? { signingOption: run.signingOption } : {}),
        },
        run: {
          scenarios: ids,
          reporters: [],
          workers: run.workers ?? 4,
          quiet: true,
          mode: 'http',
          ...(run.spRecoveryMs !== undefined ? { spRecoveryMs: run.spRecoveryMs } : {}),
        },
      },
      'e2e',
    );
    const { report } = await executeRun(config, { state, spMetadataXml: sp.metadataXml });
    // Ids are prefixes: one that prefixes an excluded id (aes256-cbc, aes256-cbc-signed-response) selects it.
    const selected = new Set(ids);
    const results = report.results.filter((r) => selected.has(r.id));
    return { report: { ...report, results, summary: summarize(results) }, wallMs: Date.now() - started };
  } finally {
    await sp.close();
  }
}

let spKeys: { signing: SpKeyPair; encryption: SpKeyPair } | undefined;
/**
 * The reference SP's own key pairs, made once per test file: every run starts a new SP, and two RSA
 * key pairs per start were a large share of a short run's time (a file runs dozens). One run never
 * sees two SPs, so sharing them across runs changes nothing a scenario sees; options that set their
 * own keys (a mismatched decryption key, no encryption) still win.
 */
function sharedSpKeys(): { signing: SpKeyPair; encryption: SpKeyPair } {
  spKeys ??= { signing: generateKeyPair('signing'), encryption: generateKeyPair('encryption') };
  return spKeys;
}

/** The built-in reference SP with these options (spDomain contoso.com unless they say otherwise). */
export function runCatalogOnReferenceSp(
  options: Partial<ReferenceSpOptions>,
  run: ControlRun = {},
): Promise<CatalogRun> {
  return runCatalog(async (idp) => {
    const sp = await startReferenceSp({
      spDomain: SP_DOMAIN,
      ...sharedSpKeys(),
      ...options,
      idpMetadataXml: idp.xml,
      idpMetadataRefreshUrl: idp.liveUrl,
      host: HOST,
    });
    return {
      metadataXml: sp.metadataXml,
      loginUrl: sp.loginUrl,
      probeUrl: sp.probeUrl,
      refreshUrl: sp.refreshUrl,
      // Only an SP with an SLO route does single logout; the others are run without a logout URL.
      ...(options.routes?.slo !== undefined ? { logoutUrl: sp.logoutUrl } : {}),
      close: sp.close,
    };
  }, run);
}

/** A library reference SP (fixtures/sps/node-saml-sp, samlify-sp): routes /login and /me, metadata at start. */
export function runCatalogOnLibrarySp(
  start: (
    idpMetadataUrl: string,
  ) => Promise<{ baseUrl: string; metadataXml: string; close(): Promise<void> }>,
  run: ControlRun = {},
): Promise<CatalogRun> {
  return runCatalog(async (idp) => {
    const sp = await start(idp.url);
    return {
      metadataXml: sp.metadataXml,
      loginUrl: `${sp.baseUrl}/login`,
      probeUrl: `${sp.baseUrl}/me`,
      close: () => sp.close(),
    };
  }, run);
}
