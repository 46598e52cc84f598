/**
 * The traced repeat of failing scenarios, against a real SP over HTTP. The traced target here is an HTTP
 * target that reports a trace file as its evidence (a browser target's part: what is tested is which runs
 * get a repeat and what the result keeps of it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appMetadataFor } from '../../mock-idp/metadata/app-metadata.js';
import { appPatchFromSpMetadata, parseSpMetadata } from '../../mock-idp/metadata/sp-metadata.js';
import { ensureApp } from '../../mock-idp/default-app.js';
import { openConfiguredState } from '../../mock-idp/start-mock-idp.js';
import { tenantUrls } from '../../mock-idp/model/tenant.js';
import { startProfileSp, type ProfileSpHandle } from '../../fixtures/sps/profile-sps/index.js';
import type { ScenarioResult } from '../../reports/types.js';
import { scenarios } from '../../scenarios/index.js';
import { sessionProbe } from '../oracles/session-probe.js';
import { HttpTarget, type HttpTargetOptions } from '../targets/http-target.js';
import type { ScenarioEvidence } from '../targets/browser/capabilities.js';
import { HarnessError } from '../errors.js';
import type { RunEnvironment } from './run-environment.js';
import { createScenarioIdp } from './scenario-idp.js';
import { runScenarioTracingFailures } from './trace-failures.js';

const IDP_BASE = 'http://127.0.0.1:7998';
const TRACE = 'browser-artifacts/x/idp-initiated.trace.zip';
let sp: ProfileSpHandle | undefined;
afterEach(async () => {
  await sp?.close();
  sp = undefined;
});

/** An HTTP target that, like a traced browser target, keeps a trace for a fail or an error. */
class TracingHttpTarget extends HttpTarget {
  finishScenario(result: Pick<ScenarioResult, 'outcome'>): Promise<ScenarioEvidence> {
    const kept = result.outcome === 'fail' || result.outcome === 'error';
    return Promise.resolve({ artifacts: kept ? [TRACE] : [], notes: [] });
  }
}

/** A traced target whose SP is gone by the repeat: every delivery is refused. */
class GoneTracingTarget extends TracingHttpTarget {
  override deliver(): Promise<never> {
    return Promise.reject(new HarnessError('TARGET_UNREACHABLE', 'connection refused'));
  }
}

async function setUp(broken: string[], repeatTarget: typeof TracingHttpTarget = TracingHttpTarget) {
  const state = openConfiguredState({});
  const tenant = state.defaultTenant;
  const app = ensureApp(tenant);
  const idpMetadataXml = appMetadataFor(tenant, app, IDP_BASE, state.ids).toString('utf8');
  sp = await startProfileSp('generic', { idpMetadataXml, domain: 'contoso.com', broken });
  const configured = tenant.updateApp(
    app.name,
    appPatchFromSpMetadata(parseSpMetadata(sp.metadataXml!)).patch,
  );
  const options: HttpTargetOptions = {
    loginUrl: sp.loginUrl,
    idpLoginUrl: tenantUrls(IDP_BASE, tenant.tenant.tenantId).loginUrl,
    timeoutMs: 5000,
  };
  const traced: string[] = [];
  const env: RunEnvironment = {
    idp: createScenarioIdp(state, configured, { spDomain: 'contoso.com' }),
    createTarget: () => new HttpTarget(options),
    createTracedTarget: () => {
      traced.push('repeat');
      return new repeatTarget(options);
    },
    oracle: sessionProbe(sp.probeUrl),
    now: () => new Date(),
    accountPattern: /"account":"([^"]+)"/,
  };
  return { env, traced };
}

const scenario = (id: string) => scenarios.find((s) => s.id === id)!;
const TRANSIENT = 'lifecycle/account/transient-name-id-not-an-account-key';
const FLOW = 'idp-initiated';

describe('runScenarioTracingFailures', () => {
  it('runs a passing scenario once, untraced', async () => {
    const { env, traced } = await setUp([]);
    const result = await runScenarioTracingFailures(scenario(TRANSIENT), FLOW, env);
    expect(result.outcome).toBe('pass');
    expect(traced).toEqual([]);
    expect(result.evidence.artifacts ?? []).toEqual([]);
  });

  it('runs a failing scenario again on a traced target and keeps that trace with the first verdict', async () => {
    const { env, traced } = await setUp(['link-transient-name-id']);
    const result = await runScenarioTracingFailures(scenario(TRANSIENT), FLOW, env);
    expect(result.outcome).toBe('fail');
    expect(traced).toEqual(['repeat']);
    expect(result.evidence.artifacts).toEqual([TRACE]);
  });

  it('keeps the first verdict when the repeat ends otherwise, and says how it ended', async () => {
    // The SP is gone by the repeat: it ends in an error, the first run's fail stands.
    const { env } = await setUp(['link-transient-name-id'], GoneTracingTarget);
    const first = await runScenarioTracingFailures(scenario(TRANSIENT), FLOW, env);
    expect(first.outcome).toBe('fail');
    expect(first.actual).toContain('traced repeat');
    expect(first.evidence.artifacts).toEqual([TRACE]);
  });
});
