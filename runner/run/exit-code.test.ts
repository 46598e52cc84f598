import { describe, expect, it } from 'vitest';
import { summarize, type RunReport, type RunSummary } from '../../reports/types.js';
import { EXIT } from '../errors.js';
import { exitCodeFor } from './exit-code.js';

const NONE: RunSummary = { ...summarize([]), passed: 1 };

function report(summary: Partial<RunSummary>, more: Partial<RunReport> = {}): RunReport {
  return { strict: false, interrupted: false, summary: { ...NONE, ...summary }, ...more } as RunReport;
}

describe('exit code of a finished run', () => {
  it('is 0 without findings, 1 for a failed must, and 1 for a broken should only with --strict', () => {
    expect(exitCodeFor(report({}), false)).toBe(EXIT.ok);
    expect(exitCodeFor(report({ failed: 1 }), false)).toBe(EXIT.findings);
    expect(exitCodeFor(report({ nonStrict: 1 }), false)).toBe(EXIT.ok);
    expect(exitCodeFor(report({ nonStrict: 1 }, { strict: true }), false)).toBe(EXIT.findings);
  });

  it('is 2 whenever the harness could not judge, findings or not', () => {
    expect(exitCodeFor(report({ failed: 1, runError: { code: 'BAD_CONFIG', message: 'x' } }), false)).toBe(
      EXIT.harness,
    );
    expect(exitCodeFor(report({ failed: 1, errors: 1 }), false)).toBe(EXIT.harness);
    expect(exitCodeFor(report({ inconclusive: 1 }), false)).toBe(EXIT.harness);
    expect(exitCodeFor(report({}), true)).toBe(EXIT.harness);
    expect(exitCodeFor(report({}, { interrupted: true }), false)).toBe(EXIT.harness);
  });

  it('judges a run stopped by --max-failures by what ran', () => {
    const stopped = { interrupted: true, interruptedBy: { reason: 'max-failures', limit: 1 } } as const;
    expect(exitCodeFor(report({ failed: 1 }, stopped), false)).toBe(EXIT.findings);
  });
});
