import { describe, expect, it } from 'vitest';
import { sampleReport } from './test-support/sample-report.js';
import { summarize, type ScenarioResult } from './types.js';
import { runVerdict } from './verdict.js';

const only = (...outcomes: ScenarioResult['outcome'][]) => {
  const results = sampleReport.results.filter((r) => outcomes.includes(r.outcome));
  return { ...sampleReport, results, summary: summarize(results) };
};

describe('runVerdict', () => {
  it('follows the exit-code rules: MUST failures fail, SHOULD ones only under --strict, errors apart', () => {
    expect(runVerdict(sampleReport).tone).toBe('fail');
    expect(runVerdict(only('pass', 'non-strict'))).toEqual({
      tone: 'warn',
      headline: 'PASSED with 1 non-strict (SHOULD).',
    });
    expect(runVerdict({ ...only('pass', 'non-strict'), strict: true })).toEqual({
      tone: 'fail',
      headline: 'FAILED: 1 finding.',
    });
    expect(runVerdict(only('pass', 'error')).tone).toBe('error');
    expect(runVerdict(only('pass', 'info', 'skipped'))).toEqual({
      tone: 'ok',
      headline: 'PASSED: no findings.',
    });
    expect(runVerdict(only()).tone).toBe('empty');
    expect(runVerdict({ ...only('pass'), interrupted: true }).headline).toBe(
      'Interrupted run. PASSED: no findings.',
    );
  });
});
