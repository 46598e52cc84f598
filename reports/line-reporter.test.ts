import { describe, expect, it } from 'vitest';
import { LineReporter, resultLine, summaryLine } from './line-reporter.js';
import { sampleReport, sampleResults } from './test-support/sample-report.js';

function capture(): { write(text: string): boolean; lines(): string[] } {
  let out = '';
  return {
    write: (text: string) => ((out += text), true),
    lines: () => out.split('\n').filter(Boolean),
  };
}

describe('line reporter', () => {
  it('prints one line per finding, error or inconclusive result as it ends, then one verdict line', () => {
    const stream = capture();
    const reporter = new LineReporter({ stream });
    for (const r of sampleResults) reporter.onScenarioEnd(r);
    reporter.onRunEnd(sampleReport);
    const lines = stream.lines();
    expect(lines.map((l) => l.split(' ').slice(0, 4).join(' '))).toEqual([
      '✗ FAILED must profiles/4.1.4.3/recipient-mismatch',
      '! NON-STRICT should profiles/4.1.4.3/one-time-use-ignored',
      '‼ ERROR must attacks/xsw/xsw3-assertion-sibling',
      '✗ FAILED must attacks/comments/nameid-comment-injection',
      '? INCONCLUSIVE must attacks/xsw/xsw1-response-copy-in-signature',
      'samlspec: FAILED: 2 findings,',
    ]);
  });

  it('keeps each line a single line without control characters', () => {
    const line = resultLine(sampleResults[1]!);
    expect([...line].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    expect(line).toContain('[idp-initiated]: signed in the baseline user (bad[31mred)');
    expect(resultLine(sampleResults[3]!)).toContain(': TARGET_UNREACHABLE: connect ECONNREFUSED');
    expect(resultLine(sampleResults[4]!)).toContain('(variant: comment in NameID)');
  });

  it('still lists findings it did not hear about (a run cut short, merged reports)', () => {
    const stream = capture();
    new LineReporter({ stream }).onRunEnd(sampleReport);
    expect(stream.lines()).toHaveLength(6);
  });

  it('closes with the verdict and the counts', () => {
    expect(summaryLine(sampleReport)).toMatch(
      /^samlspec: FAILED: .*\. 1 passed, 2 failed, 1 non-strict, 1 error, 1 inconclusive, 1 info, 2 skipped \(\d/,
    );
  });
});
