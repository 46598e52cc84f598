import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// tsc's output, as bin/samlspec.js loads it (the e2e setup has built dist/).
const codeCache = new URL('../dist/runner/code-cache.js', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'samlspec-code-cache-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Load {
  answer: number;
  cacheUsed: boolean;
  saved: boolean;
  cacheFile: string;
}

/** Loads `file` in a new process (a new isolate: V8 reads the cache only there) and saves the cache after. */
function loadInNewProcess(file: string): Load {
  const script = `const { loadBundle } = await import(${JSON.stringify(codeCache)});
    const bundle = loadBundle(${JSON.stringify(file)});
    const answer = bundle.exports.answer();
    process.stdout.write(JSON.stringify({ answer, cacheUsed: bundle.cacheUsed, saved: bundle.saveCodeCache(), cacheFile: bundle.cacheFile }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    }),
  ) as Load;
}

describe('the code cache across processes', () => {
  const file = join(dir, 'bundle.cjs');
  writeFileSync(file, `exports.answer = () => [1, 2, 3].reduce((a, b) => a + b, 36);\n`);

  it('is made by the first process and compiled from by the next, which does not write it again', () => {
    const first = loadInNewProcess(file);
    expect(first).toMatchObject({ answer: 42, cacheUsed: false, saved: true });
    const second = loadInNewProcess(file);
    expect(second).toEqual({ ...first, cacheUsed: true, saved: false });
  });

  it('is replaced when V8 rejects it (damaged), and taken again after', () => {
    const { cacheFile } = loadInNewProcess(file);
    writeFileSync(cacheFile, 'not a code cache');
    expect(loadInNewProcess(file)).toMatchObject({ answer: 42, cacheUsed: false, saved: true });
    expect(loadInNewProcess(file)).toMatchObject({ answer: 42, cacheUsed: true });
  });
});
