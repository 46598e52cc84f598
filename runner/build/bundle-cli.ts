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
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPV6_REGEX_GUARD } from './ipv6-regex-guard.js';

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

/**
 * @xmldom/xmldom's entities.js builds and freezes its ~2,200-entry HTML entity table when the package loads (0.9
 * copies it into a null-prototype object first), in each of the bundle's three copies of xmldom (0.9, and the
 * 0.8 that xml-crypto and xml-encryption each bring): CPU at every start for a table only an HTML-mode parse
 * reads (dom-parser.js, in parseFromString). The bundle gets the same module with HTML_ENTITIES and its alias
 * entityMap as getters that build the same frozen table on first read. A release whose file no longer has
 * that shape fails the build instead of being bundled unchanged unnoticed.
 */
export function lazyHtmlEntities(text: string, file: string): string {
  const head = 'exports.HTML_ENTITIES = ';
  const start = text.indexOf(`${head}freeze({`);
  const end = start < 0 ? -1 : text.indexOf('\n});\n', start);
  const alias = 'exports.entityMap = exports.HTML_ENTITIES;';
  if (start < 0 || end < 0 || text.indexOf(alias, end) < 0 || text.indexOf(head, start + 1) >= 0)
    throw new Error(
      `${file}: not the shape lazyHtmlEntities expects (exports.HTML_ENTITIES = freeze({...}))`,
    );
  const table = text.slice(start + head.length, end + '\n})'.length);
  const getter = (name: string) =>
    `Object.defineProperty(exports, '${name}', { enumerable: true, get: samlspecHtmlEntities });`;
  const lazy =
    `var samlspecHtmlEntitiesTable;\nfunction samlspecHtmlEntities() {\n\treturn samlspecHtmlEntitiesTable || ` +
    `(samlspecHtmlEntitiesTable = ${table});\n}\n${getter('HTML_ENTITIES')}`;
  return `${text.slice(0, start)}${lazy}${text.slice(end + '\n});'.length)}`.replace(
    alias,
    getter('entityMap'),
  );
}

const LAZY_HTML_ENTITIES: Plugin = {
  name: 'lazy-xmldom-html-entities',
  setup(b) {
    b.onLoad({ filter: /[\\/]@xmldom[\\/]xmldom[\\/]lib[\\/]entities\.js$/ }, (args) => ({
      contents: lazyHtmlEntities(readFileSync(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

/**
 * npm nests the same @xmldom/xmldom 0.8 under xml-crypto and under xml-encryption (the top level holds 0.9):
 * bundled as installed, one package goes in twice, 160 kB more to read, compile and keep in the code cache at
 * every start, as two module instances. Here every copy of `name` resolves to one copy of its version (the
 * first by path among node_modules/ and node_modules/<package>/node_modules/), so each version is bundled once.
 */
export function onePackagePerVersion(root: string, name: string): Plugin {
  const modules = join(root, 'node_modules');
  const packages = existsSync(modules)
    ? readdirSync(modules).flatMap((entry) =>
        entry.startsWith('@') ? readdirSync(join(modules, entry)).map((sub) => `${entry}/${sub}`) : [entry],
      )
    : [];
  const copies = [join(modules, name), ...packages.map((p) => join(modules, p, 'node_modules', name))]
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .sort();
  // Each copy's version, read once; the first copy of each version by path is the one bundled.
  const chosenFor = new Map<string, string>();
  const firstOfVersion = new Map<string, string>();
  for (const dir of copies) {
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    if (!firstOfVersion.has(version)) firstOfVersion.set(version, dir);
    chosenFor.set(dir, firstOfVersion.get(version)!);
  }
  const marker = `one-package-per-version:${name}`;
  return {
    name: marker,
    setup(b) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      b.onResolve({ filter: new RegExp(`^${escaped}(/.*)?$`) }, async (args) => {
        if (args.pluginData === marker) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: marker,
        });
        const copy = copies.find((dir) => resolved.path.startsWith(`${dir}/`));
        if (resolved.errors.length > 0 || !copy) return undefined;
        return { path: chosenFor.get(copy)! + resolved.path.slice(copy.length) };
      });
    },
  };
}

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
