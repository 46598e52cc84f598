/**
 * @module An account-lifecycle scenario in one flow: several sign-ins, each in a new browser session,
 * by directory users made for this scenario run (removed afterwards), with directory changes between
 * them (a new mail address; removal from the app). After each accepted sign-in the SP's page must show
 * the step's user, and the account id it shows (sp.accountPattern) is kept; at the end the ids must be
 * all the same or all different, as the scenario says.
 */
import { randomBytes } from 'node:crypto';
import { isAssigned, AadstsError } from '../../mock-idp/internal.js';
import type { DirectoryUser } from '../../mock-idp/internal.js';
import type { Verdict } from '../../reports/types.js';
import type { LifecycleStep, ResponseOverrides, Scenario } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';
import { identityShown } from '../oracles/identity.js';
import type { SpReply } from '../targets/types.js';
import { buildScenarioResponse } from './scenario-response.js';
import { startFlow } from './start-flow.js';
import type { RunEnvironment } from './run-environment.js';
import { outcomeFor, type Decision } from './decide-outcome.js';
import { addRunUser, removeRunUser } from './run-users.js';
import {
  askOracle,
  deliverAndJudge,
  sentResponse,
  recordLogin,
  type Judgement,
  type RunContext,
} from './deliver-and-judge.js';

const NAMEID_FORMAT = {
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
} as const;

interface StepResult {
  step: LifecycleStep;
  user: string;
  verdict: Verdict;
  account?: string | undefined;
  /** What went against the step's expectation, if anything. */
  problem?: string | undefined;
}

export async function judgeLifecycle(ctx: RunContext): Promise<Judgement> {
  const { scenario, flow, env, target } = ctx;
  const lifecycle = scenario.lifecycle!;
  const needsAccount = lifecycle.accounts !== undefined;
  if (needsAccount && !env.accountPattern)
    throw new HarnessError('BAD_CONFIG', 'account scenarios need sp.accountPattern (--account-pattern)');
  const users = new ScenarioUsers(env);
  const sharedTransient = `_${randomBytes(16).toString('hex')}`;
  const steps: StepResult[] = [];
  try {
    for (const step of lifecycle.steps) {
      if (step.before === 'change-email') users.changeEmail(step.user);
      await target.reset();
      if (step.expect === 'refused-by-idp') {
        steps.push(await refusedStep(ctx, step, users.get(step.user)));
        continue;
      }
      const current = users.get(step.user);
      const overrides: ResponseOverrides = {
        user: current.userPrincipalName,
        ...(step.nameId === 'persistent'
          ? { nameId: current.objectId, nameIdFormat: NAMEID_FORMAT.persistent }
          : step.nameId === 'shared-transient'
            ? { nameId: sharedTransient, nameIdFormat: NAMEID_FORMAT.transient }
            : {}),
      };
      const start = await startFlow(flow, target, env);
      recordLogin(ctx, start.evidence);
      const built = await buildScenarioResponse(
        { ...scenario, response: overrides, mutations: [] },
        start.target,
        env.idp,
        env.now(),
        ctx.signing,
      );
      const delivery = {
        acsUrl: start.target.acsUrl,
        samlResponse: Buffer.from(built.xml, 'utf8').toString('base64'),
        relayState: start.relayState,
        method: 'POST',
      } as const;
      const judged = await deliverAndJudge(ctx, sentResponse(built, delivery.acsUrl, delivery.relayState), {
        identities: { baseline: current.userPrincipalName, victim: env.idp.victim },
        send: () => target.deliver(delivery),
        ordinal: steps.length + 1,
      });
      const reply = judged.reply;
      if (judged.verdict.login === 'inconclusive')
        throw new HarnessError('ORACLE_INCONCLUSIVE', judged.verdict.because);
      const verdict = withMailAlias(judged.verdict, judged.probe ?? reply, current, env.idp.victim);
      const account = needsAccount ? readAccount(judged.probe ?? reply, env.accountPattern!) : undefined;
      steps.push({
        step,
        user: current.userPrincipalName,
        verdict,
        account,
        problem: acceptProblem(verdict, account, needsAccount),
      });
    }
  } finally {
    users.removeAll();
  }
  return {
    ...decide(scenario, steps),
    verdict: steps.at(-1)?.verdict ?? { login: 'inconclusive', because: 'no step ran' },
  };
}

/** The users a scenario run signs in as, created on first use in the SP's domain. */
class ScenarioUsers {
  private readonly made = new Map<string, DirectoryUser>();
  private readonly tag = randomBytes(4).toString('hex');

  constructor(private readonly env: RunEnvironment) {}

  get(which: LifecycleStep['user']): DirectoryUser {
    const known = this.made.get(which);
    if (known) return this.env.idp.tenant.requireUser(known.objectId);
    const user = addRunUser(this.env, `${this.tag}-${which}`, {
      withMail: true,
      // Namesakes on purpose: an SP that links accounts by name shows it (namesakes-get-separate-accounts).
      displayName: 'Alex Lifecycle',
      givenName: 'Alex',
      surname: 'Lifecycle',
      groups: [],
    });
    this.made.set(which, user);
    return user;
  }

  /** A new mail address in the same domain (the UPN stays, as when a mailbox is renamed). */
  changeEmail(which: LifecycleStep['user']): void {
    const user = this.get(which);
    const [, domain] = user.mail!.split('@');
    this.env.idp.tenant.updateUser(user.objectId, { mail: `renamed-${user.mail!.split('@')[0]}@${domain}` });
  }

  removeAll(): void {
    for (const user of this.made.values()) removeRunUser(this.env, user);
  }
}

/**
 * The user was removed from the app: Entra's assignment check (the mock's own) refuses with AADSTS50105,
 * so no Response is issued. The SP is asked to start a sign-in (SP-initiated) and then, in that new
 * session, must show no session.
 */
async function refusedStep(ctx: RunContext, step: LifecycleStep, user: DirectoryUser): Promise<StepResult> {
  const { flow, env, target } = ctx;
  if (flow === 'sp-initiated') recordLogin(ctx, (await startFlow(flow, target, env)).evidence);
  const appAfterRemoval = {
    ...env.idp.app,
    assignmentRequired: true,
    assignedUsers: env.idp.app.assignedUsers.filter(
      (u) => u.toLowerCase() !== user.objectId && u.toLowerCase() !== user.userPrincipalName.toLowerCase(),
    ),
  };
  if (isAssigned(appAfterRemoval, user))
    throw new HarnessError('SCENARIO_INVALID', 'the mock IdP did not refuse the removed user (AADSTS50105)');
  const refusal = new AadstsError('50105', {
    app: env.idp.app.displayName,
    appId: env.idp.app.appId,
    user: user.userPrincipalName,
  });
  // Nothing reaches the SP: the oracle reads the SP in the new session (a probe), or sees no reply.
  const reply: SpReply = { status: 0, url: '', headers: {}, bodyExcerpt: '', hops: [] };
  const judged = await askOracle(ctx, reply, {
    baseline: user.userPrincipalName,
    victim: env.idp.victim,
  });
  if (judged.verdict.login === 'inconclusive')
    throw new HarnessError('ORACLE_INCONCLUSIVE', judged.verdict.because);
  const verdict: Verdict =
    judged.verdict.login === 'accepted'
      ? judged.verdict
      : {
          login: 'rejected',
          because: `Entra refused the sign-in (AADSTS${refusal.code}); ${judged.verdict.because}`,
        };
  const problem =
    judged.verdict.login === 'accepted'
      ? 'the SP shows a session in a new browser session although Entra refused the sign-in'
      : undefined;
  return { step, user: user.userPrincipalName, verdict, problem };
}

/** The SP may show the mail address rather than the UPN (they differ after an e-mail change). */
function withMailAlias(verdict: Verdict, page: SpReply, user: DirectoryUser, victim: string): Verdict {
  if (verdict.login !== 'accepted' || verdict.identity !== 'other' || !user.mail) return verdict;
  return identityShown(page.bodyExcerpt, { baseline: user.mail, victim }) === 'baseline'
    ? { ...verdict, identity: 'baseline', because: `${verdict.because} (its mail ${user.mail})` }
    : verdict;
}

function readAccount(page: SpReply, pattern: RegExp): string | undefined {
  const match = pattern.exec(page.bodyExcerpt);
  return match?.[1] ?? match?.[0];
}

function acceptProblem(
  verdict: Verdict,
  account: string | undefined,
  needsAccount: boolean,
): string | undefined {
  if (verdict.login !== 'accepted') return `not signed in (${verdict.because})`;
  if (verdict.identity !== 'baseline') return `signed in as someone else (${verdict.because})`;
  if (needsAccount && account === undefined) return 'the page shows no account id (sp.accountPattern)';
  return undefined;
}

function decide(scenario: Scenario, steps: readonly StepResult[]): Decision {
  const lifecycle = scenario.lifecycle!;
  const expected = [
    ...lifecycle.steps.map(
      (s, i) =>
        `sign-in ${i + 1} (${s.user} user${s.before ? `, after ${s.before}` : ''}${s.nameId ? `, ${s.nameId} NameID` : ''}): ${
          s.expect === 'accept' ? 'signed in as that user' : 'refused by Entra, no session at the SP'
        }`,
    ),
    ...(lifecycle.accounts
      ? [`the accounts are all ${lifecycle.accounts === 'same' ? 'the same' : 'different'}`]
      : []),
  ];
  const problems = steps.flatMap((s, i) => (s.problem ? [`sign-in ${i + 1}: ${s.problem}`] : []));
  const accounts = steps.filter((s) => s.step.expect === 'accept').map((s) => s.account);
  if (problems.length === 0 && lifecycle.accounts) {
    const distinct = new Set(accounts).size;
    if (lifecycle.accounts === 'same' && distinct !== 1)
      problems.push(`the sign-ins reached ${distinct} different accounts (${accounts.join(', ')})`);
    if (lifecycle.accounts === 'different' && distinct !== accounts.length)
      problems.push(`different users reached the same account (${accounts.join(', ')})`);
  }
  const actual = [
    ...steps.map((s, i) => `sign-in ${i + 1} as ${s.user}: ${describeStep(s)}`),
    ...problems,
  ].join('; ');
  return { outcome: outcomeFor(scenario.level, problems.length === 0), expected, actual };
}

function describeStep(step: StepResult): string {
  const account = step.account ? `, account ${step.account}` : '';
  if (step.verdict.login === 'accepted') return `signed in (${step.verdict.because})${account}`;
  return `no session (${step.verdict.because})`;
}
