/** @module SAML Core §2.5.1.2 — the NotBefore / NotOnOrAfter validity window, inside and beyond clock skew. */
import { defineScenarios } from '../define.js';
import type { SpecRef } from '../types.js';

const core = { doc: 'saml-core', section: '2.5.1.2' } as const satisfies SpecRef;
const skew = {
  doc: 'saml-profiles',
  section: '4.1.4.3',
  quote:
    'Verify that the NotOnOrAfter attribute in any bearer <SubjectConfirmationData> has not passed, subject to allowable clock skew between the providers',
} as const satisfies SpecRef;

export default defineScenarios('core/2.5.1.2', [
  {
    slug: 'expired-30m-ago',
    title: 'Sends an assertion whose Conditions and bearer confirmation expired 30 minutes ago',
    requirement: 'The SP MUST reject an assertion whose NotOnOrAfter has passed.',
    fix: 'Refuse an assertion once Conditions NotOnOrAfter (and the bearer NotOnOrAfter) has passed, allowing at most a few minutes of clock skew; keep the server clock NTP-synchronised.',
    refs: [core, skew],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-time-check' }],
    response: { notBefore: '-60m', notOnOrAfter: '-30m' },
    tags: ['time'],
  },
  {
    slug: 'not-yet-valid-30m',
    title: 'Sends an assertion whose Conditions NotBefore is 30 minutes in the future',
    requirement: 'The SP MUST reject an assertion that is not yet valid (NotBefore in the future).',
    fix: 'Refuse an assertion before its Conditions NotBefore, allowing at most a few minutes of clock skew; keep the server clock NTP-synchronised.',
    refs: [core],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-time-check' }],
    response: { notBefore: '+30m' },
    tags: ['time'],
  },
  {
    slug: 'not-before-within-skew-2m',
    title: 'Sends an assertion whose NotBefore is 2 minutes in the future (IdP clock slightly ahead)',
    requirement: 'The SP SHOULD tolerate a clock skew of a few minutes and accept the assertion.',
    fix: 'Allow a small clock skew (2 to 5 minutes) when checking NotBefore, so an IdP clock slightly ahead of yours does not lock users out.',
    refs: [core, skew],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-no-clock-skew' }],
    response: { notBefore: '+2m' },
    tags: ['time', 'clock-skew'],
  },
  {
    slug: 'expired-within-skew-2m',
    title: 'Sends an assertion whose NotOnOrAfter passed 2 minutes ago (IdP clock slightly behind)',
    requirement: 'The SP SHOULD tolerate a clock skew of a few minutes and accept the assertion.',
    fix: 'Allow a small clock skew (2 to 5 minutes) when checking NotOnOrAfter, so an IdP clock slightly behind yours does not lock users out.',
    refs: [core, skew],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-no-clock-skew' }],
    response: { notOnOrAfter: '-2m' },
    tags: ['time', 'clock-skew'],
  },
  {
    slug: 'not-before-beyond-skew-10m',
    title: 'Sends an assertion whose NotBefore is 10 minutes in the future',
    requirement: 'The SP MUST reject an assertion that becomes valid only beyond any reasonable clock skew.',
    fix: 'Cap the clock-skew allowance on NotBefore at a few minutes (5 at most); a wider window accepts assertions issued for later use.',
    refs: [core, skew],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-time-check' }],
    response: { notBefore: '+10m' },
    tags: ['time', 'clock-skew'],
  },
  {
    slug: 'expired-beyond-skew-10m',
    title: 'Sends an assertion whose Conditions and bearer confirmation expired 10 minutes ago',
    requirement: 'The SP MUST reject an assertion that expired beyond any reasonable clock skew.',
    fix: 'Cap the clock-skew allowance on NotOnOrAfter at a few minutes (5 at most); a wider window lengthens how long a stolen assertion can be replayed.',
    refs: [core, skew],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-time-check' }],
    response: { notOnOrAfter: '-10m' },
    tags: ['time', 'clock-skew'],
  },
  {
    slug: 'not-before-absent',
    title: 'Sends an assertion whose Conditions carry no NotBefore attribute',
    requirement:
      'NotBefore is optional; the SP SHOULD accept an assertion that is otherwise valid without it.',
    fix: 'Treat a missing NotBefore as no lower bound: check NotBefore only when present, and keep checking NotOnOrAfter.',
    refs: [core],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-conditions-time-bounds-required' }],
    response: { notBefore: null },
    tags: ['time'],
  },
]);
