import { describe, expect, it } from 'vitest';
import { samlResponse } from '../test-support/sample-report.js';
import { MAX_DIFF_CHARS, xmlDiff } from './xml-diff.js';

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
  });
});
