/**
 * @module One scenario in one flow: start the login (SP-initiated: capture and check the SP's
 * AuthnRequest as Entra would), build the scenario's response, deliver it (twice for replays, into
 * another session for cross-session cases), ask the oracle, decide the outcome, keep the evidence.
 * Scenarios tagged `interactive-sign-in` (browser mode only) instead sign in on the mock IdP's own page,
 * and the IdP's real response is what the SP gets. A target that records evidence (the browser) adds
 * files (screenshot, trace) and notes (e.g. a cookie the browser withheld) to the result.
 */
import { decodeSamlMessage } from '../../mock-idp/protocol/decode-message.js';
import type { Evidence, Flow, ScenarioResult, SpReplyEvidence, Verdict } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';
import type { Oracle } from '../oracles/types.js';
import type { SpTarget } from '../targets/types.js';
import {
  canSignInInteractively,
  recordsEvidence,
  type InteractiveSignIn,
} from '../targets/browser/capabilities.js';
import { buildScenarioResponse, type ScenarioIdp } from './scenario-response.js';
import { decodeLogin, startFlow } from './start-flow.js';
import { judgeLifecycle } from './run-lifecycle.js';
import { applyLanding, decideOutcome } from './decide-outcome.js';
import { INTERACTIVE_SIGN_IN_TAG } from '../../scenarios/browser/tags.js';

export interface RunEnvironment {
  idp: ScenarioIdp;
  createTarget(): SpTarget;
  oracle: Oracle;
  now(): Date;
  /** Reads the account id from the SP's page (first capture group); account scenarios need it. */
  accountPattern?: RegExp | undefined;
}

export async function runScenario(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
): Promise<ScenarioResult> {
  const started = Date.now();
  const evidence: Evidence = {};
  const base = {
    id: scenario.id,
    flow,
    level: scenario.level,
    expect: scenario.expect,
    title: scenario.title,
    requirement: scenario.requirement,
    refs: [...scenario.refs],
    tags: [...(scenario.tags ?? [])],
    evidence,
  };
  const target = env.createTarget();
  let result: ScenarioResult;
  try {
    result = await judgeScenario(scenario, flow, env, target, evidence, base, started);
  } catch (error) {
    result = { ...base, ...errorResult(error), durationMs: Date.now() - started };
  }
  try {
    if (recordsEvidence(target)) {
      const extra = await target.finishScenario(result);
      if (extra.artifacts.length > 0) evidence.artifacts = extra.artifacts;
      if (extra.notes.length > 0)
        result = { ...result, actual: `${result.actual}; ${extra.notes.join('; ')}` };
      result = { ...result, durationMs: Date.now() - started };
    }
  } finally {
    await target.close().catch(() => undefined);
  }
  return result;
}

async function judgeScenario(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
  target: SpTarget,
  evidence: Evidence,
  base: Omit<ScenarioResult, 'outcome' | 'durationMs' | 'expected' | 'actual'>,
  started: number,
): Promise<ScenarioResult> {
  const identities = {
    baseline: env.idp.tenant.requireUser(scenario.response?.user ?? env.idp.baselineUser).userPrincipalName,
    victim: env.idp.victim,
  };
  if (scenario.lifecycle) return judgeLifecycle(scenario, flow, env, target, evidence, base, started);
  if (scenario.tags?.includes(INTERACTIVE_SIGN_IN_TAG)) {
    if (!canSignInInteractively(target))
      throw new HarnessError('NOT_APPLICABLE', 'only browser mode signs in on the IdP page (--browser)');
    return judgeInteractive(scenario, env, target, evidence, base, started, identities);
  }
  let start = await startFlow(flow, target, env);
  evidence.authnRequest = start.evidence;
  if (scenario.delivery?.foreignSession) {
    // The response answers a request of another browser session: start a second login in a new one.
    await target.reset();
    const second = await startFlow(flow, target, env);
    start = { ...second, target: start.target };
  }
  const built = await buildScenarioResponse(scenario, start.target, env.idp, env.now());
  const relayState = scenario.delivery?.relayState ?? start.relayState;
  const delivery = {
    acsUrl: start.target.acsUrl,
    samlResponse: Buffer.from(built.xml, 'utf8').toString('base64'),
    relayState,
    method: scenario.delivery?.method ?? 'POST',
  } as const;
  evidence.responseSent = {
    xml: clip(built.xml),
    baselineXml: clip(built.baselineXml),
    relayState,
    acsUrl: delivery.acsUrl,
    deliveries: 1,
  };
  let reply = await target.deliver(delivery);
  let judged = await env.oracle.judge({ reply, target, identities });
  if (scenario.delivery?.replay) {
    if (judged.verdict.login !== 'accepted') {
      throw new HarnessError(
        'ORACLE_INCONCLUSIVE',
        `the first delivery was not accepted (${judged.verdict.because}), so a replay cannot be judged`,
      );
    }
    await target.reset();
    reply = await target.deliver(delivery);
    evidence.responseSent.deliveries = 2;
    judged = await env.oracle.judge({ reply, target, identities });
  }
  evidence.spReply = reply;
  evidence.probe = judged.probe;
  const decision = applyLanding(
    decideOutcome(scenario.level, scenario.expect, judged.verdict),
    scenario.level,
    scenario.landing,
    reply,
    delivery.acsUrl,
  );
  return { ...base, ...decision, verdict: judged.verdict, durationMs: Date.now() - started };
}

/** A person's sign-in: the browser types the baseline user's credentials into the mock IdP's page. */
async function judgeInteractive(
  scenario: Scenario,
  env: RunEnvironment,
  target: SpTarget & InteractiveSignIn,
  evidence: Evidence,
  base: Omit<ScenarioResult, 'outcome' | 'durationMs' | 'expected' | 'actual'>,
  started: number,
  identities: { baseline: string; victim: string },
): Promise<ScenarioResult> {
  const user = env.idp.tenant.requireUser(identities.baseline);
  const signIn = await target.signInInteractively({
    username: user.userPrincipalName,
    password: user.password,
  });
  const { xml } = decodeLogin(signIn.login);
  evidence.authnRequest = { binding: signIn.login.binding, xml, relayState: signIn.login.relayState };
  const sent = decodeSamlMessage(signIn.delivered.samlResponse, 'post');
  evidence.responseSent = {
    xml: clip(sent),
    baselineXml: clip(sent),
    relayState: signIn.delivered.relayState,
    acsUrl: signIn.delivered.acsUrl,
    deliveries: 1,
  };
  const judged = await env.oracle.judge({ reply: signIn.reply, target, identities });
  evidence.spReply = signIn.reply;
  evidence.probe = judged.probe;
  const decision = applyLanding(
    decideOutcome(scenario.level, scenario.expect, judged.verdict),
    scenario.level,
    scenario.landing,
    signIn.reply,
    signIn.delivered.acsUrl,
  );
  return { ...base, ...decision, verdict: judged.verdict, durationMs: Date.now() - started };
}

/** Evidence beyond this is cut (attack payloads reach megabytes); the cut is marked in the text. */
export const MAX_EVIDENCE_CHARS = 128 * 1024;

export function clip(text: string): string {
  if (text.length <= MAX_EVIDENCE_CHARS) return text;
  return `${text.slice(0, MAX_EVIDENCE_CHARS)}\n[… ${text.length - MAX_EVIDENCE_CHARS} more characters not kept as evidence]`;
}

export function errorResult(
  error: unknown,
): Pick<ScenarioResult, 'outcome' | 'expected' | 'actual' | 'error' | 'verdict'> {
  const code = error instanceof HarnessError ? error.code : 'SCENARIO_INVALID';
  const message = error instanceof Error ? error.message : String(error);
  const verdict: Verdict = { login: 'inconclusive', because: message };
  return {
    outcome: 'error',
    expected: [],
    actual: `harness error: ${message}`,
    error: { code, message },
    verdict,
  };
}

export type { SpReplyEvidence };
