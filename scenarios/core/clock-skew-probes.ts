/**
 * @module SAML Core §2.5.1.2 — a ladder of informational probes that measures the clock skew the SP
 * actually tolerates: NotBefore slightly in the future, NotOnOrAfter slightly in the past.
 */
import { defineScenarios } from '../define.js';
import type { RelativeTime, ScenarioInput, SpecRef } from '../types.js';

const refs = [
  { doc: 'saml-core', section: '2.5.1.2' },
  { doc: 'saml-profiles', section: '4.1.4.3' },
] as const satisfies readonly [SpecRef, ...SpecRef[]];

const STEPS = [
  ['30s', '30 seconds'],
  ['1m', '1 minute'],
  ['3m', '3 minutes'],
  ['5m', '5 minutes'],
] as const;

function notBeforeProbe([step, words]: (typeof STEPS)[number]): ScenarioInput {
  return {
    slug: `skew-probe-not-before-plus-${step}`,
    title: `Sends an assertion whose NotBefore is ${words} in the future`,
    requirement: 'Observation only: whether the SP tolerates this much clock skew on NotBefore.',
    fix: 'Tolerate a few minutes of skew on NotBefore (2 to 5 is usual) and no more; keep the server clock NTP-synchronised rather than widening the window.',
    refs,
    level: 'info',
    expect: 'accept',
    response: { notBefore: `+${step}` as RelativeTime },
    tags: ['time', 'clock-skew', 'skew-probe'],
    note: `Accepted means the SP tolerates at least ${words} of skew on NotBefore; the ladder's highest accepted step is its tolerance.`,
  };
}

function notOnOrAfterProbe([step, words]: (typeof STEPS)[number]): ScenarioInput {
  return {
    slug: `skew-probe-expired-minus-${step}`,
    title: `Sends an assertion whose Conditions and bearer confirmation expired ${words} ago`,
    requirement: 'Observation only: whether the SP tolerates this much clock skew on NotOnOrAfter.',
    fix: 'Tolerate a few minutes of skew on NotOnOrAfter (2 to 5 is usual) and no more; a wider window lengthens how long a stolen assertion can be replayed.',
    refs,
    level: 'info',
    expect: 'accept',
    response: { notOnOrAfter: `-${step}` as RelativeTime },
    tags: ['time', 'clock-skew', 'skew-probe'],
    note: `Accepted means the SP tolerates at least ${words} of skew on NotOnOrAfter; more than ~5 minutes widens the replay window.`,
  };
}

export default defineScenarios('core/2.5.1.2', [
  ...STEPS.map(notBeforeProbe),
  ...STEPS.map(notOnOrAfterProbe),
]);
