/**
 * @module The scenario's own code, between the login start and the verdict: which way it reaches the SP
 * (several sign-ins, a session-fixation check, a person's sign-in on the mock IdP's page, or one crafted
 * response delivered to the ACS), returning its judgement for runOnce to turn into the result.
 */
import { decodeSamlMessage } from '../../mock-idp/internal.js';
import { INTERACTIVE_SIGN_IN_TAG } from '../../scenarios/browser/tags.js';
import { HarnessError } from '../errors.js';
import type { Marker } from '../oracles/marker.js';
import type { Identities } from '../oracles/types.js';
import { canSignInInteractively, type InteractiveSignIn } from '../targets/browser/capabilities.js';
import type { SpTarget } from '../targets/types.js';
import {
  deliverAndJudge,
  sentResponse,
  judgeDelivery,
  recordLogin,
  type Judgement,
  type RunContext,
} from './deliver-and-judge.js';
import { applyReplyCheck, pagesOf, placeMarker } from './reply-checks.js';
import { judgeLifecycle } from './run-lifecycle.js';
import { buildScenarioResponse } from './scenario-response.js';
import { judgeSessionFixation } from './session-fixation.js';
import { decodeLogin, startFlow } from './start-flow.js';

/** Which way this scenario reaches the SP: several sign-ins, a person's sign-in, or one crafted response. */
export async function judgeScenario(declared: RunContext): Promise<Judgement> {
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
  const judged = await deliverAndJudge(ctx, sentResponse(built, delivery.acsUrl, relayState), {
    identities,
    send: () => target.deliver(delivery),
    replay: scenario.delivery?.replay,
  });
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
