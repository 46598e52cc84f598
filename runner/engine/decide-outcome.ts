/**
 * @module From the oracle's verdict to an outcome: pass, fail (a broken must), non-strict (a broken
 * should), info (observed only), or error (the harness could not tell). "The SP was wrong" and "the
 * harness broke" are never confused: an inconclusive verdict is an error, never a pass.
 */
import type { Expectation, Level, Outcome, Verdict } from '../../reports/types.js';

export interface Decision {
  outcome: Outcome;
  expected: string[];
  actual: string;
}

const EXPECTED: Record<Expectation, string[]> = {
  accept: ['the SP signs the baseline user in'],
  reject: ['the SP creates no session'],
  'no-victim-session': [
    'the SP creates no session',
    'or signs in only the identity the IdP signed (not the victim)',
  ],
};

/**
 * The level rule, the one place it is written: a requirement that held passes; one that did not is a
 * `fail` for a must, `non-strict` for a should. An `info` scenario is observed, never judged.
 */
export function outcomeFor(level: Level, held: boolean): Outcome {
  if (level === 'info') return 'info';
  if (held) return 'pass';
  return level === 'must' ? 'fail' : 'non-strict';
}

export function decideOutcome(level: Level, expect: Expectation, verdict: Verdict): Decision {
  const expected = EXPECTED[expect];
  if (verdict.login === 'inconclusive') return { outcome: 'error', expected, actual: verdict.because };
  return { outcome: outcomeFor(level, held(expect, verdict)), expected, actual: describe(verdict) };
}

/** Whether the SP did what the scenario expects, by the oracle's (conclusive) verdict. */
function held(expect: Expectation, verdict: Verdict): boolean {
  switch (expect) {
    case 'accept':
      return verdict.login === 'accepted' && verdict.identity === 'baseline';
    case 'reject':
      return verdict.login === 'rejected';
    case 'no-victim-session':
      // Only the victim's session is the bypass; another identity (e.g. the full, untruncated
      // `admin@contoso.com.evil.test`) is the signed one read correctly.
      return !(verdict.login === 'accepted' && verdict.identity === 'victim');
  }
}

function describe(verdict: Verdict): string {
  if (verdict.login === 'rejected') return `no session (${verdict.because})`;
  const who = {
    baseline: 'the baseline user',
    victim: 'THE VICTIM',
    other: 'an unrecognised user',
    undefined: 'someone',
  }[String(verdict.identity) as 'baseline'];
  return `signed in ${who} (${verdict.because})`;
}

/**
 * The landing check (open redirects, deep links): applied on top of the session decision, since an SP
 * can sign the right user in and still send the browser somewhere it must not.
 */
export function applyLanding(
  decision: Decision,
  level: Level,
  landing: 'same-origin' | { path: string } | undefined,
  reply: { url: string; offSiteRedirect?: string | undefined },
  acsUrl: string,
): Decision {
  if (!landing || decision.outcome === 'error') return decision;
  const wrong = outcomeFor(level, false);
  if (landing === 'same-origin') {
    const expected = [...decision.expected, 'no redirect off the SP origin'];
    if (reply.offSiteRedirect) {
      return {
        outcome: wrong,
        expected,
        actual: `${decision.actual}; then redirected off-site to ${reply.offSiteRedirect}`,
      };
    }
    return { ...decision, expected };
  }
  const expected = [...decision.expected, `lands on ${landing.path}`];
  const final = new URL(reply.url);
  const landed = final.origin === new URL(acsUrl).origin ? `${final.pathname}${final.search}` : reply.url;
  if (reply.offSiteRedirect || landed !== landing.path) {
    const where = reply.offSiteRedirect ? `off-site ${reply.offSiteRedirect}` : landed;
    return {
      outcome: decision.outcome === 'pass' ? wrong : decision.outcome,
      expected,
      actual: `${decision.actual}; landed on ${where}`,
    };
  }
  return { ...decision, expected };
}
