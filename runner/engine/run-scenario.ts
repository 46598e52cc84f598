/**
 * @module One scenario in one flow: start the login (SP-initiated: capture and check the SP's
 * AuthnRequest as Entra would), build the scenario's response, deliver it (twice for replays, into
 * another session for cross-session cases), ask the oracle, decide the outcome, keep the evidence.
 * Scenarios tagged `interactive-sign-in` (browser mode only) instead sign in on the mock IdP's own page,
 * and the IdP's real response is what the SP gets. A target that records evidence (the browser) adds
 * files (screenshot, trace) and notes (e.g. a cookie the browser withheld) to the result.
 */
import { decodeSamlMessage } from '../../mock-idp/internal.js';
import type {
  Evidence,
  Flow,
  ScenarioResult,
  SigningOption,
  SpReplyEvidence,
  Verdict,
} from '../../reports/types.js';
import type { AttackVariant, Scenario } from '../../scenarios/types.js';
import { SP_INITIATED_ONLY_TAG } from '../run/plan.js';
import { AS_CONFIGURED_TAG, PORTAL_LABEL, flowOptionFor, judgedOption } from './signing-options.js';
import { HarnessError } from '../errors.js';
import type { Identities } from '../oracles/types.js';
import type { SpTarget } from '../targets/types.js';
import {
  canSignInInteractively,
  recordsEvidence,
  type InteractiveSignIn,
} from '../targets/browser/capabilities.js';
import { buildScenarioResponse } from './scenario-response.js';
import { decodeLogin, startFlow } from './start-flow.js';
import { judgeLifecycle } from './run-lifecycle.js';
import {
  deliverAndJudge,
  judgeDelivery,
  recordLogin,
  type Judgement,
  type RunContext,
} from './deliver-and-judge.js';
import type { RunEnvironment } from './run-environment.js';
import { scenarioFields } from './result-fields.js';
import { applyReplyCheck, pagesOf, placeMarker } from './reply-checks.js';
import { judgeSessionFixation } from './session-fixation.js';
import type { Marker } from '../oracles/marker.js';
import { INTERACTIVE_SIGN_IN_TAG } from '../../scenarios/browser/tags.js';

/**
 * One scenario in one flow, under the no-vacuous-pass rule: a refusal is a `pass` only when the SP,
 * in the same flow and signing configuration, signs the baseline user in. A scenario with attack
 * variants delivers each, and passes only if every variant that applies to the SP is refused.
 */
export async function runScenario(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
): Promise<ScenarioResult> {
  const result =
    scenario.variants && scenario.expect !== 'accept'
      ? await runVariants(scenario, scenario.variants, flow, env)
      : await runGuarded(scenario, flow, env);
  return scenario.fix ? { ...result, fix: scenario.fix } : result;
}

async function runGuarded(scenario: Scenario, flow: Flow, env: RunEnvironment): Promise<ScenarioResult> {
  const option = signingOptionFor(scenario, flow, env);
  const result = await runOnce(scenario, flow, env, option);
  const judged = await guardPass(result, scenario, flow, env);
  const signed = scenario.response?.sign;
  const used = signed && signed !== 'none' ? signed : option;
  return used ? { ...judged, signingOption: used } : judged;
}

/** The option the response is signed with when the scenario does not choose one: the flow's calibrated one. */
function signingOptionFor(scenario: Scenario, flow: Flow, env: RunEnvironment): SigningOption | undefined {
  if (scenario.tags?.includes(AS_CONFIGURED_TAG)) return undefined;
  const option = env.baseline?.optionFor(referenceFlow(scenario, flow));
  return option && flowOptionFor(scenario, option);
}

/**
 * The flow whose baseline a verdict leans on. The checks that an SP which takes only SP-initiated
 * sign-in refuses unsolicited responses lean on its SP-initiated baseline: its IdP-initiated one is
 * refused by design.
 */
function referenceFlow(scenario: Scenario, flow: Flow): Flow {
  return flow === 'idp-initiated' && scenario.tags?.includes(SP_INITIATED_ONLY_TAG) ? 'sp-initiated' : flow;
}

/** Whether a refusal of this scenario proves anything: the SP must accept the same configuration's baseline. */
async function applicability(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
): Promise<{ applies: boolean; option?: SigningOption; why?: string }> {
  const gate = env.baseline;
  if (!gate || scenario.expect === 'accept' || scenario.lifecycle) return { applies: true };
  const refFlow = referenceFlow(scenario, flow);
  const flowOption = gate.optionFor(refFlow);
  if (!flowOption)
    return { applies: false, why: `the SP was never seen to sign the baseline user in (${refFlow})` };
  const option = judgedOption(scenario.response, flowOptionFor(scenario, flowOption));
  if (await gate.accepts(refFlow, option)) return { applies: true, option };
  return {
    applies: false,
    option,
    why: `the SP refuses even the baseline signed "${PORTAL_LABEL[option]}" (${refFlow}; the run uses "${PORTAL_LABEL[flowOption]}"), so a refusal here proves nothing`,
  };
}

async function guardPass(
  result: ScenarioResult,
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
): Promise<ScenarioResult> {
  if (result.outcome !== 'pass') return result;
  const { applies, why } = await applicability(scenario, flow, env);
  if (applies) return result;
  return { ...result, outcome: 'skipped', actual: `not applicable to this SP: ${why}` };
}

/**
 * Each variant is a scenario of its own (same flow, fresh session). The worst applicable outcome is
 * the scenario's; the variant that got through is named.
 */
async function runVariants(
  scenario: Scenario,
  variants: readonly AttackVariant[],
  flow: Flow,
  env: RunEnvironment,
): Promise<ScenarioResult> {
  const tried: NonNullable<ScenarioResult['variants']> = [];
  let worst: { result: ScenarioResult; name: string } | undefined;
  for (const variant of variants) {
    const { variants: _all, ...rest } = scenario;
    const single: Scenario = {
      ...rest,
      response: { ...scenario.response, ...variant.response },
      mutations: variant.mutations ?? scenario.mutations ?? [],
    };
    const { applies, why } = await applicability(single, flow, env);
    if (!applies) {
      tried.push({ name: variant.name, outcome: 'skipped', actual: `not applicable: ${why}` });
      continue;
    }
    const result = await runGuarded(single, flow, env);
    tried.push({ name: variant.name, outcome: result.outcome, actual: result.actual });
    if (!worst || severity(result.outcome) > severity(worst.result.outcome))
      worst = { result, name: variant.name };
  }
  if (!worst) {
    const base = resultSkeleton(scenario, flow);
    return {
      ...base,
      outcome: 'skipped',
      actual: `not applicable to this SP: no variant applies (${tried.map((t) => `${t.name}: ${t.actual}`).join('; ')})`,
      variants: tried,
    };
  }
  const failed = worst.result.outcome === 'fail' || worst.result.outcome === 'non-strict';
  return {
    ...worst.result,
    variants: tried,
    ...(failed
      ? { variant: worst.name, actual: `variant "${worst.name}" got through: ${worst.result.actual}` }
      : {}),
  };
}

const SEVERITY: Readonly<Record<ScenarioResult['outcome'], number>> = {
  skipped: 0,
  pass: 1,
  info: 2,
  inconclusive: 3,
  error: 4,
  'non-strict': 5,
  fail: 6,
};
const severity = (o: ScenarioResult['outcome']): number => SEVERITY[o];

function resultSkeleton(scenario: Scenario, flow: Flow): Omit<ScenarioResult, 'outcome' | 'actual'> {
  return { ...resultBase(scenario, flow, {}), durationMs: 0, expected: [] };
}

/** What every result of this scenario run says before it is judged. */
function resultBase(
  scenario: Scenario,
  flow: Flow,
  evidence: Evidence,
): Omit<ScenarioResult, 'outcome' | 'durationMs' | 'expected' | 'actual'> {
  return { ...scenarioFields(scenario, flow), evidence };
}

/**
 * One run of one scenario (no variants, no verdict guard): the framework around the judge path. It
 * opens the target, lets the scenario's code judge, and turns its judgement — or the harness error it
 * threw — into the result, with the evidence gathered either way.
 */
async function runOnce(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
  signing: SigningOption | undefined,
): Promise<ScenarioResult> {
  const started = Date.now();
  const ctx: RunContext = { scenario, flow, env, target: env.createTarget(), signing, evidence: {} };
  const base = resultBase(scenario, flow, ctx.evidence);
  let result: ScenarioResult;
  try {
    result = { ...base, ...(await judgeScenario(ctx)), durationMs: Date.now() - started };
  } catch (error) {
    result = { ...base, ...errorResult(error), durationMs: Date.now() - started };
  }
  const { target, evidence } = ctx;
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

/** Which way this scenario reaches the SP: several sign-ins, a person's sign-in, or one crafted response. */
async function judgeScenario(declared: RunContext): Promise<Judgement> {
  // A reflection check carries a fresh marker in the RelayState or a claim: the scenario as sent has it.
  const { scenario, marker } = placeMarker(declared.scenario);
  const ctx: RunContext = { ...declared, scenario };
  const { env, target } = ctx;
  const identities: Identities = {
    baseline: env.idp.tenant.requireUser(scenario.response?.user ?? env.idp.baselineUser).userPrincipalName,
    victim: env.idp.victim,
  };
  if (scenario.lifecycle) return judgeLifecycle(ctx);
  if (scenario.replyCheck === 'session-fixation') return judgeSessionFixation(ctx);
  if (scenario.tags?.includes(INTERACTIVE_SIGN_IN_TAG)) {
    if (!canSignInInteractively(target))
      throw new HarnessError('NOT_APPLICABLE', 'only browser mode signs in on the IdP page (--browser)');
    return judgeInteractive(ctx, target, identities);
  }
  return judgeCrafted(ctx, identities, marker);
}

/** The scenario's own response, built from the baseline, delivered to the ACS (twice for a replay). */
async function judgeCrafted(
  ctx: RunContext,
  identities: Identities,
  marker: Marker | undefined,
): Promise<Judgement> {
  const { scenario, flow, env, target } = ctx;
  let start = await startFlow(flow, target, env);
  recordLogin(ctx, start.evidence);
  if (scenario.delivery?.foreignSession) {
    // The response answers a request of another browser session: start a second login in a new one.
    await target.reset();
    const second = await startFlow(flow, target, env);
    start = { ...second, target: start.target };
  }
  const built = await buildScenarioResponse(scenario, start.target, env.idp, env.now(), ctx.signing);
  const relayState = scenario.delivery?.relayState ?? start.relayState;
  const delivery = {
    acsUrl: start.target.acsUrl,
    samlResponse: Buffer.from(built.xml, 'utf8').toString('base64'),
    relayState,
    method: scenario.delivery?.method ?? 'POST',
  } as const;
  const judged = await deliverAndJudge(
    ctx,
    { xml: built.xml, baselineXml: built.baselineXml, acsUrl: delivery.acsUrl, relayState },
    { identities, send: () => target.deliver(delivery), replay: scenario.delivery?.replay },
  );
  const landed = judgeDelivery(scenario, judged, delivery.acsUrl);
  // The SP's pages of this flow, checked for the marker or for leaked signature details.
  const { decision, evidence: replyCheck } = applyReplyCheck(landed, {
    scenario,
    marker,
    pages: pagesOf(target, judged.reply, judged.probe),
    sentXml: built.xml,
    verdict: judged.verdict,
  });
  if (replyCheck) ctx.evidence.replyCheck = replyCheck;
  return { ...decision, verdict: judged.verdict };
}

/** A person's sign-in: the browser types the baseline user's credentials into the mock IdP's page. */
async function judgeInteractive(
  ctx: RunContext,
  target: SpTarget & InteractiveSignIn,
  identities: Identities,
): Promise<Judgement> {
  const user = ctx.env.idp.tenant.requireUser(identities.baseline);
  const signIn = await target.signInInteractively({
    username: user.userPrincipalName,
    password: user.password,
  });
  const { xml } = decodeLogin(signIn.login);
  recordLogin(ctx, { binding: signIn.login.binding, xml, relayState: signIn.login.relayState });
  const sent = decodeSamlMessage(signIn.delivered.samlResponse, 'post');
  // The IdP's page has already posted its response: "sending" it is reading the SP's answer.
  const judged = await deliverAndJudge(
    ctx,
    {
      xml: sent,
      baselineXml: sent,
      acsUrl: signIn.delivered.acsUrl,
      relayState: signIn.delivered.relayState,
    },
    { identities, send: () => Promise.resolve(signIn.reply) },
  );
  return judgeDelivery(ctx.scenario, judged, signIn.delivered.acsUrl);
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
