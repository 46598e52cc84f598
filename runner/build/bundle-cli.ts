/**
 * @module Bundles the command line for start-up speed: `npm run build` runs it after tsc.
 *
 * Node 20's ES module loader resolves, reads and links each of the CLI's ~400 modules (its own and its
 * dependencies') one by one: about 0.7 s before `samlspec --version` prints anything, paid by every CLI
 * process (each run, each CI shard, each `idp serve`). Bundled into a few files it is about 0.4 s
 * (docs/performance.md). Only the CLI is bundled; the library API (`dist/runner/index.js`,
 * `dist/mock-idp/index.js`) stays tsc's output, module for module.
 *
 * Four entry points, one copy of every module: bin/samlspec.js loads the V8 settings first (v8-tuning.ts), then
 * the demo's early start (demo-early-start.ts: its first keys and its SP's worker thread), then the CLI; the SP's
 * worker thread runs the fourth (sp-thread-main.ts). Code splitting puts what they share into common chunks, so
 * the keys started early land in the same pool the CLI takes them from.
 * Playwright stays outside (large, loaded only by browser mode); the YAML parser too (loaded on first use), and
 * two data packages of express's.
 */
import { build, type Metafile } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the bundle goes, beside tsc's output (bin/samlspec.js loads it from there). */
const BUNDLE_DIR = 'dist/cli';

const ENTRY_POINTS = [
  'dist/runner/cli.js',
  'dist/runner/v8-tuning.js',
  'dist/runner/commands/demo-early-start.js',
  // The demo's SP thread: fixtures/sps/profile-sps/sp-thread.ts loads it by this name from beside itself.
  'dist/fixtures/sps/profile-sps/sp-thread-main.js',
];

/** Packages loaded only on demand: bundling them would make every start parse code most runs never use. */
const LOADED_ON_DEMAND = ['playwright-core', 'yaml'];

/**
 * Express's dependencies that are mostly data: iconv-lite's code-page tables (~490 kB of the bundle) and mime-db's
 * MIME type list (~150 kB). Bundled, they are JavaScript that every start compiles, twice in the demo (its SP
 * thread is a second isolate); from node_modules iconv-lite reads a table only for an encoding that needs one
 * and mime-db is one JSON.parse (docs/performance.md). package.json lists both at express's versions, so they
 * resolve from dist/cli/ to the copies express uses (bundle-cli.e2e.test.ts checks that).
 */
export const DATA_PACKAGES = ['iconv-lite', 'mime-db'];

/** Bundles tsc's output under `root` into `outdir`; returns which modules went into which file. */
export async function bundleCli(root: string, outdir = join(root, BUNDLE_DIR)): Promise<Metafile> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...LOADED_ON_DEMAND, ...DATA_PACKAGES],
    // Whitespace and syntax only: identifiers stay readable, and the smaller text is parsed sooner and held
    // in less memory. No keepNames: it wraps every named function and class, nested ones included, in a
    // __name() call that runs each time a closure is made (~8% of a run's CPU, docs/performance.md). Without
    // identifier minification only top-level names that collide across modules change (`DOMParser2`), and
    // no message samlspec prints is made from such a name.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __samlspecRequire } from 'node:module'; const require = __samlspecRequire(import.meta.url);",
    },
    logLevel: 'warning',
    metafile: true,
  });
  return result.metafile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  bundleCli(root).catch((error: unknown) => {
    console.error(`bundle-cli: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
