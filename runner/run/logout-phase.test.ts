/**
 * @module The logout phase's verdict rules: a session that survives a changed LogoutResponse or a forged
 * LogoutRequest passes only when the genuine logout ends it; an SP that ended the session at logout start
 * gets info; the SP's own LogoutRequest problems fail only the sp-initiated scenario.
 */
import { describe, expect, it } from 'vitest';
import logoutScenarios from '../../scenarios/entra/logout.js';
import type { Scenario } from '../../scenarios/types.js';
import type { StepResult } from '../engine/logout-steps.js';
import { judgeLogoutStep } from './logout-phase.js';

const byId = (slug: string): Scenario =>
  logoutScenarios.scenarios.find((s) => s.id === `entra/logout/${slug}`)!;
const survived: StepResult = {
  kind: 'judged',
  verdict: { login: 'accepted', identity: 'baseline', because: 'probe 200' },
  problems: [],
};
const ended: StepResult = {
  kind: 'judged',
  verdict: { login: 'rejected', because: 'probe 302' },
  problems: [],
};
const genuineEnds = () => Promise.resolve(true);
const genuineKeeps = () => Promise.resolve(false);

describe('judgeLogoutStep', () => {
  it('passes a survived forgery only when the genuine logout ends the session, else inconclusive', async () => {
    const forged = byId('forged-logout-request-unsigned');
    expect((await judgeLogoutStep(forged, survived, genuineEnds, false)).outcome).toBe('pass');
    const unproven = await judgeLogoutStep(forged, survived, genuineKeeps, false);
    expect([unproven.outcome, unproven.error?.code]).toEqual(['inconclusive', 'ORACLE_INCONCLUSIVE']);
  });

  it('fails a forgery that ended the session, whatever the genuine logout does', async () => {
    const forged = byId('logout-response-unsigned');
    expect((await judgeLogoutStep(forged, ended, genuineKeeps, false)).outcome).toBe('fail');
    expect(
      (await judgeLogoutStep(byId('logout-response-not-success'), ended, genuineEnds, false)).outcome,
    ).toBe('non-strict');
  });

  it('reports info, never pass, when the SP ended the session as soon as logout started', async () => {
    const step: StepResult = { ...survived, endedAtStart: true };
    expect(
      (await judgeLogoutStep(byId('logout-response-other-issuer'), step, genuineEnds, false)).outcome,
    ).toBe('info');
  });

  it('fails the sp-initiated logout on a LogoutRequest problem even though the session ended', async () => {
    const step: StepResult = { ...ended, problems: ['no SessionIndex of the session'] };
    const result = await judgeLogoutStep(byId('sp-initiated-logout'), step, undefined, true);
    expect(result.outcome).toBe('fail');
    expect((await judgeLogoutStep(byId('sp-initiated-logout'), ended, undefined, true)).outcome).toBe('pass');
    // The same problems do not fail a LogoutResponse scenario, which is about the answer.
    const other = { ...survived, problems: ['no SessionIndex of the session'] };
    expect((await judgeLogoutStep(byId('logout-response-unsigned'), other, genuineEnds, false)).outcome).toBe(
      'pass',
    );
  });

  it('maps steps that could not run: fail at the level, skipped and inconclusive as they are', async () => {
    const noRequest: StepResult = { kind: 'not-run', outcome: 'fail', why: 'no LogoutRequest', problems: [] };
    expect((await judgeLogoutStep(byId('sp-initiated-logout'), noRequest, undefined, true)).outcome).toBe(
      'fail',
    );
    expect((await judgeLogoutStep(byId('idp-logout-request'), noRequest, undefined, false)).outcome).toBe(
      'non-strict',
    );
    const skipped: StepResult = { ...noRequest, outcome: 'skipped' };
    expect(
      (await judgeLogoutStep(byId('logout-response-unsigned'), skipped, genuineEnds, false)).outcome,
    ).toBe('skipped');
  });
});
