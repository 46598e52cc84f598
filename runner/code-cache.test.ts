import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBundle } from './code-cache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlspec-code-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A CommonJS "bundle" whose functions differ by `variant` and not in length. */
function writeBundle(variant: 'a' | 'b'): string {
  const file = join(dir, 'bundle.cjs');
  writeFileSync(
    file,
    `const { basename } = require('node:path');
exports.variant = () => '${variant}';
exports.where = () => [basename(__filename), basename(__dirname), typeof module.exports];
exports.self = this === module.exports;
`,
  );
  return file;
}

// Whether V8 takes a cache shows only in a new isolate (within one, V8 reuses what it compiled for the same
// text without reading the cache): code-cache.e2e.test.ts loads bundles in processes of their own.
describe('loadBundle', () => {
  it('runs the file as CommonJS (require, __filename, __dirname, module, this)', () => {
    const bundle = loadBundle(writeBundle('a'));
    const exports = bundle.exports as { variant(): string; where(): string[]; self: boolean };
    expect(exports.variant()).toBe('a');
    expect(exports.where()).toEqual(['bundle.cjs', dir.split('/').pop(), 'object']);
    expect(exports.self).toBe(true);
  });

  it('never gives a rebuilt bundle of the same length the old cache (V8 checks only the length)', () => {
    const before = loadBundle(writeBundle('a'));
    before.saveCodeCache();
    const after = loadBundle(writeBundle('b'));
    expect(after.cacheFile).not.toBe(before.cacheFile);
    expect(after.cacheUsed).toBe(false);
    expect((after.exports as { variant(): string }).variant()).toBe('b');
  });

  it('keeps a cache for each set of V8 flags (another set would have V8 reject it)', () => {
    const file = writeBundle('a');
    const plain = loadBundle(file).cacheFile;
    // The demo's flag, set for a moment: V8 recomputes its flag hash, and back to the default restores it.
    setFlagsFromString('--heap-growing-percent=40');
    let demo: string;
    try {
      demo = loadBundle(file).cacheFile;
    } finally {
      setFlagsFromString('--heap-growing-percent=0');
    }
    expect(demo).not.toBe(plain);
    expect(loadBundle(file).cacheFile).toBe(plain);
  });

  it('runs without a cache where it cannot keep one, and leaves nothing behind', () => {
    const file = writeBundle('a');
    const { cacheFile } = loadBundle(file);
    // A directory where the cache would go: the write cannot land (as root too, unlike a read-only mode).
    mkdirSync(join(cacheFile, 'in-the-way'), { recursive: true });
    const bundle = loadBundle(file);
    expect(bundle.cacheUsed).toBe(false);
    expect(bundle.saveCodeCache()).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
