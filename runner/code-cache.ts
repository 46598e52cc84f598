/**
 * @module Runs one of the CLI's CommonJS bundles (runner/build/bundle-cli.ts) through V8's code cache.
 *
 * Every samlspec process compiles the CLI's ~2 MB of JavaScript again: the whole file is pre-parsed when it
 * loads, and each function the command runs is compiled on its first call. Node 20 keeps no compiled code
 * between processes (its module compile cache came in Node 22), but `vm.Script` takes and makes V8's code
 * cache: the bytecode of every function compiled so far. Loaded with a cache made by an earlier run, a process
 * starts with its functions already compiled (docs/performance.md has the figures).
 *
 * The cache is kept beside the bundle, in a file whose name is a digest of the bundle's text and of V8's
 * cachedDataVersionTag() (V8's version, its flags, the CPU's features): V8 itself checks only the source's
 * length and its flags, so a rebuilt bundle of the same length must never meet the old cache, and a command
 * with other V8 flags (the demo's) keeps its own file instead of overwriting another command's. A cache is
 * code: it is only ever read from and written to the bundle's own directory, never a shared temporary one.
 * A directory this process may not write (an installation owned by another user) simply keeps no cache.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';

export interface CodeCachedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  /** Where the cache for this bundle, these V8 flags and this Node is kept. */
  cacheFile: string;
  /** V8 took the cache: the functions it holds were not compiled again. */
  cacheUsed: boolean;
  /**
   * Writes the cache, with every function compiled so far, unless one was used. False when nothing was
   * written (a cache was used, or the directory is not writable); never throws.
   */
  saveCodeCache(): boolean;
}

/** Loads and runs the CommonJS file `file` (an absolute path) as Node's loader would, through the code cache. */
export function loadBundle(file: string): CodeCachedBundle {
  // Read as bytes, hashed as bytes, decoded once: about half the time of readFileSync(file, 'utf8') and hashing
  // that string (which encodes the 2 MB to UTF-8 again), for the same digest. An all-ASCII bundle (the build
  // keeps it so: bundle-cli.e2e.test.ts) is decoded as Latin-1, a plain copy into a one-byte string, where UTF-8
  // decoding validates every byte (and any other character makes V8 hold all 2 MB as a two-byte string).
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const key = createHash('sha256')
    .update(bytes)
    .update(`\0${cachedDataVersionTag()}`)
    .digest('hex')
    .slice(0, 16);
  const cacheFile = `${file}.${key}.v8cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet
  }
  // CommonJS's function wrapper, as Node's loader puts it around a module's text.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  // No importModuleDynamically: in Node 20 a function restored from the cache loses it ("A dynamic import
  // callback was not specified", while the same code compiled afresh works), so the bundles hold no import()
  // (bundle-cli.ts refuses to build one that does) and what they load on demand they require().
  const script = new Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const cacheUsed = cachedData !== undefined && script.cachedDataRejected !== true;
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    get exports() {
      return module.exports;
    },
    cacheFile,
    cacheUsed,
    saveCodeCache: () => !cacheUsed && writeAtomically(cacheFile, () => script.createCachedData()),
  };
}

/** Another process may be reading or writing the same cache: it sees the old file or the new, never half of one. */
function writeAtomically(file: string, data: () => Buffer): boolean {
  // node:worker_threads only when a cache is written (every process's start loads this module).
  const { threadId } = process.getBuiltinModule('node:worker_threads');
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    writeFileSync(temporary, data(), { mode: 0o644 });
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the directory refused the write too
    }
    return false;
  }
}
