import { describe, expect, it } from 'vitest';
import { sampleReport } from './test-support/sample-report.js';
import { summarize, type ScenarioResult } from './types.js';
import { runVerdict } from './verdict.js';

/** The sample report with only these outcomes; runs the SP's death kept from running are left out. */
const only = (...outcomes: ScenarioResult['outcome'][]) => {
  const results = sampleReport.results.filter((r) => outcomes.includes(r.outcome) && !r.notRun);
  return { ...sampleReport, results, summary: summarize(results) };
};

describe('runVerdict', () => {
  it('follows the exit-code rules: MUST failures fail, SHOULD ones only under --strict, errors apart', () => {
    expect(runVerdict(sampleReport)).toEqual({
      tone: 'fail',
      headline:
        'FAILED: 2 findings, 1 non-strict (SHOULD), 1 harness error, 1 inconclusive, 1 not run (the SP stopped answering).',
    });
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

  it('never says PASSED when a result is inconclusive, and counts it apart from harness errors', () => {
    const verdict = runVerdict(only('pass', 'non-strict', 'inconclusive'));
    expect(verdict.tone).toBe('error');
    expect(verdict.headline).toMatch(/^INCONCLUSIVE: /);
    expect(verdict.headline).toContain('1 inconclusive');
    expect(verdict.headline).not.toContain('harness error');
    expect(verdict.headline).not.toContain('PASSED');
  });

  it('never says PASSED when runs were not run because the SP stopped answering', () => {
    const results = sampleReport.results.filter((r) => r.outcome === 'pass' || r.notRun);
    const verdict = runVerdict({ ...sampleReport, results, summary: summarize(results) });
    expect(verdict.tone).toBe('error');
    expect(verdict.headline).toContain('1 not run (the SP stopped answering)');
  });
});

describe('runVerdict for a run that stopped as a whole', () => {
  it('is an error headed STOPPED with the code, whatever finished before', () => {
    const runError = { code: 'TARGET_UNREACHABLE', message: 'the SP could not be reached' };
    const none = { ...sampleReport, results: [], summary: { ...summarize([]), runError } };
    expect(runVerdict(none).tone).toBe('error');
    expect(runVerdict(none).headline).toMatch(/^STOPPED: TARGET_UNREACHABLE/);
    expect(runVerdict({ ...sampleReport, summary: { ...sampleReport.summary, runError } }).tone).toBe(
      'error',
    );
  });
});
