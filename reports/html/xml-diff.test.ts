import { describe, expect, it } from 'vitest';
import { samlResponse } from '../test-support/sample-report.js';
import { MAX_DIFF_CHARS, MAX_DIFF_LINES, xmlDiff } from './xml-diff.js';

describe('xmlDiff', () => {
  it('marks exactly the mutated attribute line', () => {
    const diff = xmlDiff(samlResponse(), samlResponse({ recipient: 'https://other.example/acs' }));
    if ('omitted' in diff) throw new Error('omitted');
    expect(diff.lines.filter((l) => !l.startsWith(' '))).toEqual([
      '-            Recipient="https://sp.example.com/saml/acs"/>',
      '+            Recipient="https://other.example/acs"/>',
    ]);
    // The lines around it are the shared, unchanged context.
    const at = diff.lines.findIndex((l) => l.startsWith('-'));
    expect(diff.lines[at - 1]).toBe('             NotOnOrAfter="2025-01-01T10:05:00.000Z"');
    expect([diff.added, diff.removed]).toEqual([1, 1]);
  });

  it('reports no change for identical documents', () => {
    expect(xmlDiff(samlResponse(), samlResponse())).toMatchObject({ added: 0, removed: 0 });
  });

  it('skips documents too large to diff quickly', () => {
    expect(xmlDiff('<a/>', `<a>${'x'.repeat(MAX_DIFF_CHARS)}</a>`)).toHaveProperty('omitted');
    expect(xmlDiff('<a/>', `<a>${'x'.repeat(MAX_DIFF_CHARS)}</a>`)).toEqual({
      omitted:
        'The response is 65,543 bytes and its baseline 4 bytes: too large to pretty-print and diff (the limit is 64 KB each). The raw XML is below.',
    });
  });

  it('skips small documents that pretty-print to too many lines (10 000-deep nesting is 70 KB)', () => {
    const deep = `<r>${'<a>'.repeat(MAX_DIFF_LINES)}${'</a>'.repeat(MAX_DIFF_LINES)}</r>`;
    expect(deep.length).toBeLessThan(MAX_DIFF_CHARS);
    const diff = xmlDiff('<r/>', deep);
    expect(diff).toHaveProperty('omitted');
    expect('omitted' in diff && diff.omitted).toContain('more than 2,000 lines once pretty-printed');
    // Just under the limit, it is diffed.
    const shallow = `<r>${'<a/>'.repeat(MAX_DIFF_LINES - 2)}</r>`;
    expect(xmlDiff('<r/>', shallow)).toMatchObject({ added: MAX_DIFF_LINES, removed: 1 });
  });
});
