import { describe, expect, it } from 'vitest';
import { calibrationLines, showsFix, skipReasons, spDownLine, spDownLines } from './run-notes.js';
import { sampleReport } from './test-support/sample-report.js';
import type { RunReport, ScenarioResult } from './types.js';

describe('run notes', () => {
  it('gives the calibration summary of each flow, in order', () => {
    const lines = calibrationLines(sampleReport);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^sp-initiated: this SP needs/);
    expect(calibrationLines({ ...sampleReport, calibration: undefined })).toEqual([]);
  });

  it('says after which run the SP stopped answering and how many runs it kept from running', () => {
    expect(spDownLines(sampleReport)).toEqual([
      'SP stopped answering after attacks/xml/oversized-attribute@sp-initiated: 1 scenario run not run',
    ]);
    expect(spDownLine({ after: ['a@sp-initiated', 'b@idp-initiated'], recovered: false, notRun: 3 })).toBe(
      'SP stopped answering after a@sp-initiated, b@idp-initiated: 3 scenario runs not run',
    );
    expect(spDownLine({ after: ['a@sp-initiated'], recovered: true, notRun: 0 })).toMatch(/came back/);
  });

  it('still reports runs not run when the liveness record is missing', () => {
    const report: RunReport = { ...sampleReport, liveness: undefined };
    expect(spDownLines(report)).toEqual(['SP stopped answering: 1 scenario run not run']);
  });

  it('groups ordinary skip reasons with counts, leaving out the runs the SP was down for', () => {
    const skipped = sampleReport.results.find((r) => r.outcome === 'skipped' && !r.notRun) as ScenarioResult;
    const report: RunReport = {
      ...sampleReport,
      results: [
        ...sampleReport.results,
        { ...skipped, id: 'x/y/one' },
        { ...skipped, id: 'x/y/two', actual: 'skipped: the SP publishes no encryption certificate' },
      ],
    };
    expect(skipReasons(report)).toEqual([
      { reason: 'the target does not support IdP-initiated login', count: 2 },
      { reason: 'the SP publishes no encryption certificate', count: 1 },
    ]);
  });

  it('shows a fix only for results that prove something about the SP', () => {
    const byOutcome = (o: ScenarioResult['outcome']) =>
      sampleReport.results.filter((r) => r.outcome === o).map(showsFix);
    expect(byOutcome('fail')).toEqual([true, true]);
    expect(byOutcome('non-strict')).toEqual([true]);
    expect(byOutcome('inconclusive')).toEqual([false]);
    expect(byOutcome('error')).toEqual([false]);
  });
});
