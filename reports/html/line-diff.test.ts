import { describe, expect, it } from 'vitest';
import { diffLines } from './line-diff.js';

const render = (before: string[], after: string[], max?: number) =>
  diffLines(before, after, max).map((l) => l.op + l.text);

describe('diffLines', () => {
  it('marks a changed line as removed then added, keeping the rest', () => {
    expect(render(['a', 'b', 'c'], ['a', 'B', 'c'])).toEqual([' a', '-b', '+B', ' c']);
  });

  it('finds insertions and deletions in the middle of a document', () => {
    expect(render(['a', 'b', 'c', 'd', 'e'], ['a', 'x', 'b', 'c', 'e', 'f'])).toEqual([
      ' a',
      '+x',
      ' b',
      ' c',
      '-d',
      ' e',
      '+f',
    ]);
    expect(render([], ['a'])).toEqual(['+a']);
    expect(render(['a'], [])).toEqual(['-a']);
    expect(render(['a', 'a'], ['a', 'a'])).toEqual([' a', ' a']);
  });

  it('produces a minimal script for interleaved changes', () => {
    const out = render(['x', 'a', 'y', 'b', 'z'], ['a', 'q', 'b', 'r']);
    expect(out.filter((l) => l.startsWith(' '))).toEqual([' a', ' b']);
    expect(out.filter((l) => l.startsWith('-'))).toEqual(['-x', '-y', '-z']);
    expect(out.filter((l) => l.startsWith('+'))).toEqual(['+q', '+r']);
  });

  it('falls back to remove-all/add-all beyond the edit budget, still correct', () => {
    const before = Array.from({ length: 50 }, (_, i) => `old${i}`);
    const after = Array.from({ length: 50 }, (_, i) => `new${i}`);
    const out = render(['head', ...before, 'tail'], ['head', ...after, 'tail'], 10);
    expect(out[0]).toBe(' head');
    expect(out.at(-1)).toBe(' tail');
    expect(out.filter((l) => l.startsWith('-'))).toHaveLength(50);
    expect(out.filter((l) => l.startsWith('+'))).toHaveLength(50);
  });

  it('reconstructs both sides exactly', () => {
    const a = 'the quick brown fox jumps over the lazy dog'.split(' ');
    const b = 'a quick red fox jumped over the dog today'.split(' ');
    const out = diffLines(a, b);
    expect(out.filter((l) => l.op !== '+').map((l) => l.text)).toEqual(a);
    expect(out.filter((l) => l.op !== '-').map((l) => l.text)).toEqual(b);
  });

  it('handles hundreds of thousands of lines without overflowing the call stack', () => {
    const before = Array.from({ length: 200_000 }, (_, i) => `old${i}`);
    const after = Array.from({ length: 200_000 }, (_, i) => `new${i}`);
    const out = diffLines(['head', ...before, 'tail'], ['head', ...after, 'tail'], 10);
    expect(out).toHaveLength(400_002);
    expect(out.filter((l) => l.op === '-')).toHaveLength(200_000);
    expect(out[1]).toEqual({ op: '-', text: 'old0' });
    expect(out[200_001]).toEqual({ op: '+', text: 'new0' });
  });
});
