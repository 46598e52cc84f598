/**
 * @module The one judge path every kind of scenario run goes through: deliver the response (or take the
 * one the IdP's own page posted), ask the oracle, keep the evidence, and — for a single delivery — decide
 * the outcome. The run's state travels in one RunContext; the scenario's code states what it sends and
 * reads the verdict, and runScenario (the framework) turns that into the ScenarioResult. h2spec's
 * spec/spec.go has the same split: a test case returns expected and actual, the framework runs it.
 */
import type { Evidence, Flow, SigningOption, Verdict } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';
import type { Identities } from '../oracles/types.js';
import type { SpReply, SpTarget } from '../targets/types.js';
import { applyLanding, decideOutcome, type Decision } from './decide-outcome.js';
import type { RunEnvironment } from './run-environment.js';
import type { BuiltResponse } from './scenario-response.js';

/** One scenario run in one flow: what runs, where, and the evidence it gathers. */
export interface RunContext {
  readonly scenario: Scenario;
  readonly flow: Flow;
  readonly env: RunEnvironment;
  /** A fresh target (a new browser) for this run. */
  readonly target: SpTarget;
  /** The option responses are signed with where the scenario does not choose (the flow's calibrated one). */
  readonly signing: SigningOption | undefined;
  /**
   * Filled as the run goes (by deliverAndJudge, askOracle and recordLogin only), so a run that stops on
   * a harness error still reports what it sent and saw.
   */
  readonly evidence: Evidence;
}

/** What a scenario's code hands back to the framework: the outcome, expected vs actual, and the verdict. */
export interface Judgement extends Decision {
  verdict: Verdict;
}

/** A response on its way to the ACS, as the evidence keeps it. */
export interface SentResponse {
  xml: string;
  /**
   * The unmodified baseline it was derived from (the report diffs the two). May be a getter: it is read
   * only for results a report shows in full (scenario-response.ts builds it then).
   */
  readonly baselineXml: string;
  acsUrl: string;
  relayState: string | undefined;
}

export interface DeliverOptions {
  identities: Identities;
  /** Puts the response in front of the SP and returns its answer (again, for a replay). */
  send(): Promise<SpReply>;
  /** After an accepted first delivery, deliver again in a new session; the verdict is on the second. */
  replay?: boolean | undefined;
  /** Which delivery of the run this is (a lifecycle's sign-ins count on); default 1. */
  ordinal?: number | undefined;
}

export interface Judged {
  verdict: Verdict;
  reply: SpReply;
  probe?: SpReply | undefined;
}

/** Evidence beyond this is cut (attack payloads reach megabytes); the cut is marked in the text. */
export const MAX_EVIDENCE_CHARS = 128 * 1024;

export function clip(text: string): string {
  if (text.length <= MAX_EVIDENCE_CHARS) return text;
  return `${text.slice(0, MAX_EVIDENCE_CHARS)}\n[… ${text.length - MAX_EVIDENCE_CHARS} more characters not kept as evidence]`;
}

/** A built response on its way to `acsUrl`; its baseline stays unbuilt until read (scenario-response.ts). */
export function sentResponse(
  built: BuiltResponse,
  acsUrl: string,
  relayState: string | undefined,
): SentResponse {
  return {
    xml: built.xml,
    get baselineXml() {
      return built.baselineXml;
    },
    acsUrl,
    relayState,
  };
}

/** The evidence of a sent response, clipped; its baseline is read (and clipped) only when a report shows it. */
export function responseSentEvidence(
  sent: SentResponse,
  deliveries: number,
): NonNullable<Evidence['responseSent']> {
  return {
    xml: clip(sent.xml),
    get baselineXml() {
      return clip(sent.baselineXml);
    },
    relayState: sent.relayState,
    acsUrl: sent.acsUrl,
    deliveries,
  };
}

export function recordLogin(ctx: RunContext, authnRequest: Evidence['authnRequest']): void {
  ctx.evidence.authnRequest = authnRequest;
}

export async function deliverAndJudge(
  ctx: RunContext,
  sent: SentResponse,
  options: DeliverOptions,
): Promise<Judged> {
  const ordinal = options.ordinal ?? 1;
  const responseSent = responseSentEvidence(sent, ordinal);
  ctx.evidence.responseSent = responseSent;
  let reply = await options.send();
  let judged = await ctx.env.oracle.judge({ reply, target: ctx.target, identities: options.identities });
  if (options.replay) {
    if (judged.verdict.login !== 'accepted') {
      throw new HarnessError(
        'ORACLE_INCONCLUSIVE',
        `the first delivery was not accepted (${judged.verdict.because}), so a replay cannot be judged`,
      );
    }
    await ctx.target.reset();
    reply = await options.send();
    responseSent.deliveries = ordinal + 1;
    judged = await ctx.env.oracle.judge({ reply, target: ctx.target, identities: options.identities });
  }
  ctx.evidence.spReply = reply;
  ctx.evidence.probe = judged.probe;
  return { verdict: judged.verdict, reply, probe: judged.probe };
}

/**
 * The oracle's reading of the SP without a delivery (the IdP refused, nothing reached the SP): the probe
 * is evidence; the reply is not, since the SP was sent nothing.
 */
export async function askOracle(ctx: RunContext, reply: SpReply, identities: Identities): Promise<Judged> {
  const judged = await ctx.env.oracle.judge({ reply, target: ctx.target, identities });
  ctx.evidence.probe = judged.probe;
  return { verdict: judged.verdict, reply, probe: judged.probe };
}

/** A single delivery's outcome: the session decision, then the landing check on top. */
export function judgeDelivery(scenario: Scenario, judged: Judged, acsUrl: string): Judgement {
  const decision = applyLanding(
    decideOutcome(scenario.level, scenario.expect, judged.verdict),
    scenario.level,
    scenario.landing,
    judged.reply,
    acsUrl,
  );
  return { ...decision, verdict: judged.verdict };
}
