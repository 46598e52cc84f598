import { describe, expect, it } from 'vitest';
import { applyLanding, decideOutcome, outcomeFor } from './decide-outcome.js';
import type { Verdict } from '../../reports/types.js';

const asBaseline: Verdict = { login: 'accepted', identity: 'baseline', because: 'probe 200' };
const asVictim: Verdict = { login: 'accepted', identity: 'victim', because: 'probe 200' };
const asOther: Verdict = { login: 'accepted', identity: 'other', because: 'probe 200' };
const none: Verdict = { login: 'rejected', because: 'probe 302' };
const unknown: Verdict = { login: 'inconclusive', because: 'probe 404' };

describe('decideOutcome', () => {
  it.each([
    ['must', 'accept', asBaseline, 'pass'],
    ['must', 'accept', none, 'fail'],
    ['must', 'accept', asOther, 'fail'],
    ['should', 'accept', none, 'non-strict'],
    ['must', 'reject', none, 'pass'],
    ['must', 'reject', asBaseline, 'fail'],
    ['should', 'reject', asBaseline, 'non-strict'],
    ['must', 'no-victim-session', none, 'pass'],
    ['must', 'no-victim-session', asBaseline, 'pass'],
    ['must', 'no-victim-session', asVictim, 'fail'],
    ['must', 'no-victim-session', asOther, 'pass'],
    ['info', 'reject', asBaseline, 'info'],
    ['info', 'accept', none, 'info'],
  ] as const)('%s/%s with %o → %s', (level, expect_, verdict, outcome) => {
    expect(decideOutcome(level, expect_, verdict).outcome).toBe(outcome);
  });

  it('never turns an inconclusive verdict into a pass, whatever the level', () => {
    for (const level of ['must', 'should', 'info'] as const) {
      for (const e of ['accept', 'reject', 'no-victim-session'] as const)
        expect(decideOutcome(level, e, unknown).outcome).toBe('error');
    }
  });

  it('agrees with the level rule for every verdict', () => {
    for (const level of ['must', 'should', 'info'] as const)
      for (const e of ['accept', 'reject', 'no-victim-session'] as const)
        for (const verdict of [asBaseline, asVictim, asOther, none]) {
          const outcome = decideOutcome(level, e, verdict).outcome;
          expect([outcomeFor(level, true), outcomeFor(level, false)]).toContain(outcome);
        }
  });
});

describe('outcomeFor', () => {
  it.each([
    ['must', true, 'pass'],
    ['must', false, 'fail'],
    ['should', true, 'pass'],
    ['should', false, 'non-strict'],
    ['info', true, 'info'],
    ['info', false, 'info'],
  ] as const)('%s, held %s → %s', (level, held, outcome) => {
    expect(outcomeFor(level, held)).toBe(outcome);
  });
});

describe('applyLanding', () => {
  const acsUrl = 'https://sp.example/acs';
  const passed = decideOutcome('should', 'accept', asBaseline);

  it("turns a pass with an off-site redirect into the level's failure", () => {
    const reply = { url: acsUrl, offSiteRedirect: 'https://evil.example/' };
    expect(applyLanding(passed, 'should', 'same-origin', reply, acsUrl).outcome).toBe('non-strict');
    expect(
      applyLanding(decideOutcome('must', 'accept', asBaseline), 'must', 'same-origin', reply, acsUrl).outcome,
    ).toBe('fail');
  });

  it('keeps a pass that lands on the deep link, and fails one that lands elsewhere', () => {
    const deep = { path: '/settings' };
    expect(applyLanding(passed, 'should', deep, { url: 'https://sp.example/settings' }, acsUrl).outcome).toBe(
      'pass',
    );
    expect(applyLanding(passed, 'should', deep, { url: 'https://sp.example/' }, acsUrl).outcome).toBe(
      'non-strict',
    );
  });

  it('leaves an error alone', () => {
    const error = decideOutcome('must', 'accept', unknown);
    expect(
      applyLanding(error, 'must', 'same-origin', { url: acsUrl, offSiteRedirect: 'x' }, acsUrl).outcome,
    ).toBe('error');
  });
});
