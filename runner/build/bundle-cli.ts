/**
 * @module Bundles the command line for start-up speed: `npm run build` runs it after tsc.
 *
 * Node 20's ES module loader resolves, reads and links each of the CLI's ~400 modules (its own and its
 * dependencies') one by one: about 0.7 s before `samlspec --version` prints anything, paid by every CLI
 * process (each run, each CI shard, each `idp serve`). Bundled into one file it is about 0.4 s, and loaded
 * through V8's code cache (runner/code-cache.ts) less again (docs/performance.md). Only the CLI is bundled; the
 * library API (`dist/runner/index.js`, `dist/mock-idp/index.js`) stays tsc's output, module for module.
 *
 * Three bundles, CommonJS because only a script (vm.Script) takes a code cache in Node 20, not an ES module:
 * - `cli.cjs` (entry runner/cli-bundle.ts), which bin/samlspec.js loads. One file, so what the demo's early
 *   start and the CLI share (the keys made early) is one module instance.
 * - `loader.cjs` (entry runner/cli-loader.ts): what bin/samlspec.js runs before it loads cli.cjs (the V8 flags,
 *   the code-cache loader, the demo's early SP thread), required as one file. It holds no state the CLI
 *   shares: its copy of the early-thread helpers is pure functions.
 * - `sp-thread-main.cjs`, the demo's SP thread (fixtures/sps/profile-sps/sp-thread-main.ts), a second isolate
 *   with its own copy of what it uses. sp-thread.ts starts its worker from `sp-thread-main.js` beside itself
 *   (here: beside the bundle), so the build writes a small ES module of that name that loads the bundle.
 * Playwright stays outside (large, loaded only by browser mode); the YAML parser too (loaded on first use), and
 * two data packages of express's.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPV6_REGEX_GUARD } from './ipv6-regex-guard.js';
import { LAZY_HTML_ENTITIES } from './lazy-html-entities.js';
import { onePackagePerVersion } from './one-package-per-version.js';

/** Where the bundle goes, beside tsc's output (bin/samlspec.js loads it from there). */
const BUNDLE_DIR = 'dist/cli';

/** Each bundle: its entry in tsc's output, and its file in BUNDLE_DIR. */
export const BUNDLES = [
  { entry: 'dist/runner/cli-bundle.js', file: 'cli.cjs' },
  { entry: 'dist/runner/cli-loader.js', file: 'loader.cjs' },
  { entry: 'dist/fixtures/sps/profile-sps/sp-thread-main.js', file: 'sp-thread-main.cjs' },
] as const;

/**
 * The SP thread's entry (see above): an ES module, like every .js file of this package. It keeps the bundle's
 * code cache when the thread has run long enough to have compiled what a demo's SP runs, not when it ended
 * early (a usage error after the thread was launched), whose cache would hold only the start-up's functions.
 */
const SP_THREAD_ENTRY = `// Written by runner/build/bundle-cli.ts: the demo SP thread's entry (fixtures/sps/profile-sps/sp-thread.ts).
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../runner/code-cache.js';

const started = Date.now();
const bundle = loadBundle(fileURLToPath(new URL('./sp-thread-main.cjs', import.meta.url)));
process.once('exit', () => {
  if (Date.now() - started >= 1000) bundle.saveCodeCache();
});
`;

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
  mkdirSync(outdir, { recursive: true });
  const shared = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
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
    // The modules find files relative to themselves (their package.json, the HTML report's assets, the SP
    // thread's entry): in a CommonJS bundle that is the bundle's own file, as it was for the ES module bundle.
    define: { 'import.meta.url': '__samlspecModuleUrl' },
    banner: { js: "const __samlspecModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
    metafile: true,
    plugins: [LAZY_HTML_ENTITIES, IPV6_REGEX_GUARD, onePackagePerVersion(root, '@xmldom/xmldom')],
  } satisfies BuildOptions;
  const results = await Promise.all(
    BUNDLES.map(({ entry, file }) => build({ ...shared, entryPoints: [entry], outfile: join(outdir, file) })),
  );
  writeFileSync(join(outdir, 'sp-thread-main.js'), SP_THREAD_ENTRY);
  const metafile: Metafile = { inputs: {}, outputs: {} };
  for (const result of results) {
    Object.assign(metafile.inputs, result.metafile.inputs);
    Object.assign(metafile.outputs, result.metafile.outputs);
  }
  refuseDynamicImports(metafile);
  return metafile;
}

/**
 * A bundle runs from V8's code cache, where import() fails once the function holding it was restored from the
 * cache (runner/code-cache.ts): only on the second run, and only in the code path that imports. A build that
 * leaves one in fails here instead, naming it.
 */
export function refuseDynamicImports(metafile: Metafile): void {
  const found = Object.entries(metafile.outputs).flatMap(([file, output]) =>
    output.imports.filter((i) => i.kind === 'dynamic-import').map((i) => `${file}: import('${i.path}')`),
  );
  if (found.length > 0)
    throw new Error(
      `a CLI bundle must not import() (load on demand with createRequire instead): ${found.join(', ')}`,
    );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  bundleCli(root).catch((error: unknown) => {
    console.error(`bundle-cli: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
