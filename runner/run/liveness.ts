/**
 * @module The SP's liveness during a run, for the scheduler (scheduler.ts): a re-delivery of the
 * calibrated baseline tells whether the SP still signs the baseline user in, answers without signing
 * anyone in, or does not answer at all; and the results the scheduler gives when it does not.
 */
import type { Flow, ScenarioResult } from '../../reports/types.js';
import type { Calibration } from '../engine/calibrate.js';
import type { LivenessHooks, LivenessState } from './scheduler.js';
import type { PlannedRun } from './plan.js';
import { runKey } from './scheduler.js';
import { unrunResult } from './static-result.js';

/** Errors that mean "nothing answered": the SP's process or port is gone, or it hangs. */
const NO_ANSWER =
  /ECONNREFUSED|ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|socket hang up|other side closed|timed out|did not finish within|ERR_CONNECTION_(REFUSED|RESET|CLOSED)|ERR_EMPTY_RESPONSE/;

export function lostConnection(result: ScenarioResult): boolean {
  if (result.outcome !== 'error') return false;
  // An oracle that could not read the probe has no code of its own (the verdict is inconclusive).
  const code = result.error?.code;
  if (code !== undefined && code !== 'TARGET_UNREACHABLE' && code !== 'TIMEOUT') return false;
  return NO_ANSWER.test(result.error?.message ?? result.actual);
}

export interface LivenessSettings {
  every: number;
  recoveryMs: number;
  pollMs?: number;
}

export function livenessHooks(
  calibration: Calibration,
  flow: Flow,
  settings: LivenessSettings,
): LivenessHooks {
  return {
    every: settings.every,
    recoveryMs: settings.recoveryMs,
    pollMs: settings.pollMs ?? 250,
    async check(): Promise<LivenessState> {
      const { result } = await calibration.recheck(flow);
      if (result.outcome === 'pass') return 'alive';
      return lostConnection(result) ? 'down' : 'refusing';
    },
    lostConnection,
    crashed(run, result, suspects, recovered) {
      const others = suspects.filter((s) => s !== run).map(runKey);
      const who =
        others.length === 0
          ? recovered
            ? 'the SP stopped answering again when this input was sent alone'
            : 'the SP stopped answering after this input and did not come back'
          : `the SP stopped answering while this input and ${others.length} other(s) were in flight (${others.join(', ')}); it did not come back, so the one that stopped it could not be isolated — run them alone with --workers 1`;
      return {
        ...result,
        level: 'must',
        outcome: 'fail',
        expected: ['the SP refuses the input and keeps answering'],
        actual: `denial of service: ${who}. Last answer: ${result.actual}`,
        verdict: { login: 'inconclusive', because: 'the SP stopped answering' },
        error: undefined,
        tags: [...new Set([...result.tags, 'denial-of-service'])],
      };
    },
    notRun(run: PlannedRun, after: string): ScenarioResult {
      return unrunResult(run, 'skipped', `not run: the SP stopped answering after ${after}`, {
        notRun: 'sp-down',
      });
    },
    unconfirmed(result) {
      return {
        ...result,
        outcome: 'inconclusive',
        actual: `${result.actual}; but at the next check the SP no longer signed the baseline user in, so this refusal proves nothing`,
      };
    },
  };
}
