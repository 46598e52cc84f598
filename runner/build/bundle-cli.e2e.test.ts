import { isAscii } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { createRequire } from 'node:module';
import { bundleCli, DATA_PACKAGES, refuseDynamicImports } from './bundle-cli.js';
import { lazyHtmlEntities } from './lazy-html-entities.js';
import { VERSION } from '../version.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'samlspec-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
// One bundling for the checks that read its metafile (each takes about half a second).
let metafile: Metafile;
beforeAll(async () => {
  metafile = await bundleCli(root, outdir);
});

/** Output file per bundled module, for modules found in more than one output file. */
function modulesInSeveralFiles(metafile: Metafile): Record<string, string[]> {
  const places = new Map<string, string[]>();
  for (const [file, output] of Object.entries(metafile.outputs))
    for (const input of Object.keys(output.inputs)) places.set(input, [...(places.get(input) ?? []), file]);
  return Object.fromEntries([...places].filter(([, files]) => files.length > 1));
}

describe('the CLI bundle', () => {
  // The e2e globalSetup has compiled dist/ (the bundle's input) and bundled it once already.
  it('puts the early start and the CLI in one file, so the state they share (the early SP thread) is one state', () => {
    const cli = metafile.outputs[relative(root, join(outdir, 'cli.cjs'))];
    const inputs = Object.keys(cli?.inputs ?? {});
    for (const module of ['runner/commands/demo-early-start.js', 'runner/cli-main.js'])
      expect(inputs.some((input) => input.endsWith(module))).toBe(true);
    // The SP thread is another isolate, and the loader holds pure functions that run before the CLI is
    // loaded: their copies of what they share with the CLI are the only duplication.
    const apart = new Set(
      ['sp-thread-main.cjs', 'loader.cjs'].map((file) => relative(root, join(outdir, file))),
    );
    for (const files of Object.values(modulesInSeveralFiles(metafile)))
      expect(files.filter((file) => !apart.has(file))).toHaveLength(1);
  });

  it('keeps the bundles ASCII, so the code-cache loader reads them as one-byte strings', () => {
    for (const file of ['cli.cjs', 'sp-thread-main.cjs', 'loader.cjs'])
      expect(isAscii(readFileSync(join(outdir, file))), file).toBe(true);
  });

  it('leaves the on-demand and data packages outside, and the library API to tsc', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(
      inputs.filter((input) => /node_modules\/(playwright-core|yaml|iconv-lite|mime-db)\//.test(input)),
    ).toEqual([]);
    expect(inputs.some((input) => input.endsWith('runner/index.js'))).toBe(false);
  });

  it('holds no import(), which fails in code restored from the code cache, and refuses to build with one', () => {
    expect(() => refuseDynamicImports(metafile)).not.toThrow();
    const withImport: Metafile = {
      inputs: {},
      outputs: {
        'dist/cli/cli.cjs': {
          bytes: 1,
          inputs: {},
          exports: [],
          imports: [{ path: 'playwright-core', kind: 'dynamic-import', external: true }],
        },
      },
    };
    expect(() => refuseDynamicImports(withImport)).toThrow(/playwright-core/);
  });

  it('finds each data package from dist/cli/ where the package that uses it finds it', () => {
    const fromBundle = createRequire(join(root, 'dist/cli/cli.cjs'));
    const users: Record<string, string> = { 'iconv-lite': 'body-parser', 'mime-db': 'mime-types' };
    expect(Object.keys(users).sort()).toEqual([...DATA_PACKAGES].sort());
    for (const [name, user] of Object.entries(users)) {
      const fromUser = createRequire(
        createRequire(join(root, 'node_modules/express/index.js')).resolve(user),
      );
      expect(fromBundle.resolve(name)).toBe(fromUser.resolve(name));
    }
  });

  it('runs from dist/cli/ (it finds its package.json from there), through the command and through require', () => {
    const viaCommand = execFileSync(process.execPath, [join(root, 'bin/samlspec.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(viaCommand.trim()).toBe(VERSION);
    // Plain CommonJS too, without the code cache's loader: nothing in it depends on being loaded by vm.Script.
    const viaRequire = execFileSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(root, 'dist/cli/cli.cjs'))}).main(['node', 'samlspec', '--version'])`,
      ],
      { encoding: 'utf8' },
    );
    expect(viaRequire.trim()).toBe(VERSION);
  });

  it("builds xmldom's HTML entity table on first read, the same frozen table, in every copy of xmldom it holds", () => {
    const copies = Object.keys(metafile.inputs).filter((input) =>
      /@xmldom\/xmldom\/lib\/entities\.js$/.test(input),
    );
    expect(copies.length).toBeGreaterThanOrEqual(2);
    const cli = readFileSync(join(outdir, 'cli.cjs'), 'latin1');
    expect(cli.split('function samlspecHtmlEntities()').length - 1).toBe(copies.length);
    for (const copy of copies) {
      const file = join(root, copy);
      const original = createRequire(file)(file) as Record<string, unknown>;
      const lazy: Record<string, unknown> = {};
      new Function('exports', 'require', lazyHtmlEntities(readFileSync(file, 'utf8'), file))(
        lazy,
        createRequire(file),
      );
      // Not built until read: a getter, not a value.
      expect(Object.getOwnPropertyDescriptor(lazy, 'HTML_ENTITIES')?.get, copy).toBeTypeOf('function');
      expect(lazy.HTML_ENTITIES, copy).toEqual(original.HTML_ENTITIES);
      expect(Object.isFrozen(lazy.HTML_ENTITIES)).toBe(true);
      expect(lazy.entityMap).toBe(lazy.HTML_ENTITIES);
      expect(lazy.XML_ENTITIES).toEqual(original.XML_ENTITIES);
      expect(Object.keys(lazy).sort()).toEqual(Object.keys(original).sort());
    }
    expect(() => lazyHtmlEntities('exports.HTML_ENTITIES = {};', 'x.js')).toThrow(/x\.js/);
  });

  it("guards tough-cookie's IPv6 pattern in the bundle (ipv6-regex-guard.ts)", () => {
    const cli = readFileSync(join(outdir, 'cli.cjs'), 'latin1');
    expect(cli.split('samlspecIpv6Pattern=IP_V6_REGEX_OBJECT').length - 1).toBe(1);
  });

  it('bundles each version of xmldom once, however many packages nest a copy of it', () => {
    const roots = new Set(
      Object.keys(metafile.inputs)
        .map((input) => /^(.*node_modules\/@xmldom\/xmldom)\//.exec(input)?.[1])
        .filter((root): root is string => root !== undefined),
    );
    const versions = [...roots].map(
      (dir) =>
        (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { version: string }).version,
    );
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
