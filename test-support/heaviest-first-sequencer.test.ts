import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAVIEST_FIRST, heavinessRank } from './heaviest-first-sequencer.js';

const ROOT = process.cwd();

describe('heaviest-first sequencer', () => {
  it('names only e2e files that exist (a renamed file would silently lose its place)', () => {
    const missing = HEAVIEST_FIRST.filter((file) => !existsSync(join(ROOT, file)));
    expect(missing).toEqual([]);
    expect(HEAVIEST_FIRST.every((file) => file.endsWith('.e2e.test.ts'))).toBe(true);
    expect(new Set(HEAVIEST_FIRST).size).toBe(HEAVIEST_FIRST.length);
  });

  it('ranks listed files by their place and every other file after them', () => {
    expect(heavinessRank(join(ROOT, HEAVIEST_FIRST[0]!), ROOT)).toBe(0);
    expect(heavinessRank(join(ROOT, HEAVIEST_FIRST[1]!), ROOT)).toBe(1);
    expect(heavinessRank(join(ROOT, 'runner/cli.test.ts'), ROOT)).toBe(HEAVIEST_FIRST.length);
    // A file elsewhere with the same relative tail is not the listed one.
    expect(heavinessRank(join('/elsewhere', HEAVIEST_FIRST[0]!), ROOT)).toBe(HEAVIEST_FIRST.length);
  });
});
