/**
 * @module The session-fixation check (docs/attacks.md APP-05, CWE-384, OWASP Session Management): the
 * cookies a browser holds before sign-in must not carry the session after it. An attacker who gets those
 * values into the victim's browser (an SP-issued pre-login id, or one they chose) would share the
 * victim's session. Three sign-ins of the baseline user:
 * 1. learn which cookies the SP sets at sign-in (its session cookie names);
 * 2. in a new browser: start the flow (the SP's own pre-login cookies), plant a chosen value under each
 *    learned name the SP did not already set, sign in;
 * 3. a third browser holding only the pre-sign-in cookies asks the probe whose session it has.
 * A session there is the finding. It passes only when the SP signed the user in and the probe answered
 * "no session"; without cookie access (browser mode) or a probe it is skipped with the reason.
 */
import { randomBytes } from 'node:crypto';
import type { Outcome, ReplyCheckEvidence, SigningOption, Verdict } from '../../reports/types.js';
import type { Flow, Scenario } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';
import { hasCookieAccess, type CookieAccess } from '../targets/reply-access.js';
import type { SpTarget } from '../targets/types.js';
import { decideOutcome, outcomeFor } from './decide-outcome.js';
import { responseSentEvidence, sentResponse, type RunContext, type Judgement } from './deliver-and-judge.js';
import type { RunEnvironment } from './run-environment.js';
import { buildScenarioResponse } from './scenario-response.js';
import { startFlow } from './start-flow.js';

type Cookie = { name: string; value: string };

const EXPECTED = [
  'the SP signs the baseline user in',
  'the cookies held before sign-in do not carry the signed-in session',
];

export async function judgeSessionFixation(ctx: RunContext): Promise<Judgement> {
  const { scenario, flow, env, target, signing, evidence } = ctx;
  // The second sign-in's verdict, once there is one (the skips before it have none of their own).
  const seen: { verdict?: Verdict } = {};
  const done = (outcome: Outcome, actual: string, check?: ReplyCheckEvidence): Judgement => {
    if (check) evidence.replyCheck = check;
    return {
      outcome,
      expected: EXPECTED,
      actual,
      verdict: seen.verdict ?? { login: 'inconclusive', because: actual },
    };
  };
  if (!hasCookieAccess(target))
    return done(
      'skipped',
      'not applicable to this target: the check reads and plants cookies (HTTP mode only)',
    );
  const probeUrl = env.oracle.probeUrl;
  if (!probeUrl)
    return done('skipped', 'not applicable to this run: the check needs a session probe (--probe)');
  const identities = {
    baseline: env.idp.tenant.requireUser(env.idp.baselineUser).userPrincipalName,
    victim: env.idp.victim,
  };

  // 1. Which cookies does the SP set at sign-in?
  const learn = await signIn(scenario, flow, env, target, signing, () => undefined);
  if (learn.verdict.login !== 'accepted')
    throw new HarnessError(
      'ORACLE_INCONCLUSIVE',
      `the first sign-in was not accepted (${learn.verdict.because})`,
    );
  const sessionNames = learn.after
    .filter((c) => !learn.before.some((b) => b.name === c.name && b.value === c.value))
    .map((c) => c.name);

  // 2. A new browser: the SP's own pre-login cookies, plus a chosen value under each session cookie name.
  await target.reset();
  const planted: string[] = [];
  const second = await signIn(scenario, flow, env, target, signing, (acsUrl, held) => {
    for (const name of sessionNames) {
      if (held.some((c) => c.name === name)) continue;
      target.plantCookie(acsUrl, name, randomBytes(24).toString('base64url'));
      planted.push(name);
    }
  });
  evidence.authnRequest = second.authnRequest;
  evidence.responseSent = second.responseSent;
  evidence.spReply = second.reply;
  seen.verdict = second.verdict;
  const decision = decideOutcome(scenario.level, 'accept', second.verdict);
  const preLogin = second.before;
  const note = `before sign-in the browser held ${preLogin.length === 0 ? 'no cookie' : preLogin.map((c) => c.name).join(', ')}${planted.length > 0 ? ` (planted: ${planted.join(', ')})` : ''}; the SP set ${sessionNames.length === 0 ? 'no cookie' : sessionNames.join(', ')} at sign-in`;
  const check = (findings: ReplyCheckEvidence['findings']): ReplyCheckEvidence => ({
    check: 'session-fixation',
    pagesSeen: 1,
    findings,
    note,
  });
  if (decision.outcome !== 'pass')
    return done(
      'skipped',
      `not applicable: the SP did not sign the baseline user in (${decision.actual})`,
      check([]),
    );
  if (preLogin.length === 0)
    return done(
      'skipped',
      `not applicable to this SP: ${note}, so nothing could fixate a session`,
      check([]),
    );

  // 3. Only the pre-sign-in cookies, in a browser of their own.
  const attacker = target.withCookies(second.acsUrl, preLogin);
  try {
    const judged = await env.oracle.judge({ reply: second.reply, target: attacker, identities });
    evidence.probe = judged.probe;
    const findings = [
      {
        url: probeUrl,
        where: 'probe with only the pre-sign-in cookies',
        excerpt: judged.probe?.bodyExcerpt.slice(0, 300) ?? judged.verdict.because,
        harmful: judged.verdict.login === 'accepted',
      },
    ];
    if (judged.verdict.login === 'inconclusive')
      return done(
        'error',
        `the probe with the pre-sign-in cookies was inconclusive: ${judged.verdict.because}`,
        check(findings),
      );
    if (judged.verdict.login === 'accepted') {
      return done(
        outcomeFor(scenario.level, false),
        `the pre-sign-in cookies alone carry the signed-in session (${judged.verdict.because}); ${note}`,
        check(findings),
      );
    }
    return done(
      'pass',
      `the pre-sign-in cookies alone carry no session (${judged.verdict.because}); ${note}`,
      check(findings),
    );
  } finally {
    await attacker.close().catch(() => undefined);
  }
}

async function signIn(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
  target: SpTarget & CookieAccess,
  signing: SigningOption | undefined,
  beforeDelivery: (acsUrl: string, held: readonly Cookie[]) => void,
) {
  const start = await startFlow(flow, target, env);
  const acsUrl = start.target.acsUrl;
  beforeDelivery(acsUrl, target.cookiesFor(acsUrl));
  const before = target.cookiesFor(acsUrl);
  const built = await buildScenarioResponse(scenario, start.target, env.idp, env.now(), signing);
  const relayState = scenario.delivery?.relayState ?? start.relayState;
  const reply = await target.deliver({
    acsUrl,
    samlResponse: Buffer.from(built.xml, 'utf8').toString('base64'),
    relayState,
    method: 'POST',
  });
  const identities = {
    baseline: env.idp.tenant.requireUser(env.idp.baselineUser).userPrincipalName,
    victim: env.idp.victim,
  };
  const { verdict } = await env.oracle.judge({ reply, target, identities });
  return {
    acsUrl,
    before,
    after: target.cookiesFor(acsUrl),
    verdict,
    reply,
    authnRequest: start.evidence,
    responseSent: responseSentEvidence(sentResponse(built, acsUrl, relayState), 1),
  };
}
