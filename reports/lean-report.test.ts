import { describe, expect, it } from 'vitest';
import { leanInPlace, leanReport, leanResult } from './lean-report.js';
import { sampleReport } from './test-support/sample-report.js';
import type { Outcome, ScenarioResult } from './types.js';

const base = sampleReport.results.find((r) => r.evidence.responseSent && r.evidence.spReply)!;
const withOutcome = (outcome: Outcome): ScenarioResult => ({
  ...base,
  outcome,
  evidence: { ...base.evidence, artifacts: ['browser-artifacts/a/sp-initiated.png'] },
});

describe('leanResult', () => {
  it('leaves the transcripts out of passes and skips, keeping the artifact paths', () => {
    for (const outcome of ['pass', 'skipped'] as const) {
      const lean = leanResult(withOutcome(outcome), 'failures');
      expect(lean.compact).toBe(true);
      expect(lean.evidence).toEqual({ artifacts: ['browser-artifacts/a/sp-initiated.png'] });
      expect(lean.actual).toBe(base.actual);
      expect(lean.verdict).toEqual(base.verdict);
    }
    expect(
      leanResult({ ...base, outcome: 'pass', evidence: { spReply: base.evidence.spReply } }, 'failures')
        .evidence,
    ).toEqual({});
  });

  it('keeps everything for findings, errors, inconclusive and info, and for every result under `all`', () => {
    for (const outcome of ['fail', 'non-strict', 'error', 'inconclusive', 'info'] as const) {
      const full = withOutcome(outcome);
      expect(leanResult(full, 'failures')).toBe(full);
    }
    const pass = withOutcome('pass');
    expect(leanResult(pass, 'all')).toBe(pass);
  });
});

describe('leanReport', () => {
  it('stamps the policy it applied, and a report already compact stays marked so', () => {
    const lean = leanReport(sampleReport, 'failures');
    expect(lean.evidence).toBe('failures');
    expect(lean.summary).toEqual(sampleReport.summary);
    expect(lean.results).toHaveLength(sampleReport.results.length);
    expect(leanReport(sampleReport, 'all').evidence).toBe('all');
    // `all` cannot bring evidence back: a merged or re-rendered compact report says what it holds.
    expect(leanReport(lean, 'all').evidence).toBe('failures');
  });
});

describe('leanInPlace', () => {
  it('drops, in the object itself, what the policy leaves out, and nothing else', () => {
    const pass = withOutcome('pass');
    leanInPlace(pass, 'failures');
    expect(pass.compact).toBe(true);
    expect(pass.evidence).toEqual({ artifacts: ['browser-artifacts/a/sp-initiated.png'] });
    const fail = withOutcome('fail');
    leanInPlace(fail, 'failures');
    expect(fail.compact).toBeUndefined();
    expect(fail.evidence.responseSent).toBeDefined();
    const kept = withOutcome('pass');
    leanInPlace(kept, 'all');
    expect(kept.compact).toBeUndefined();
    expect(kept.evidence.spReply).toBeDefined();
  });
});
