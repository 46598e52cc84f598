import { describe, expect, it } from 'vitest';
import { decideOutcome } from './decide-outcome.js';
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
});
