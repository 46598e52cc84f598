import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { createRequire } from 'node:module';
import { bundleCli, DATA_PACKAGES } from './bundle-cli.js';
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
  it('holds every module exactly once, so state the entry points share (the early keys) is one state', () => {
    expect(
      Object.keys(metafile.inputs).some((input) => input.endsWith('mock-idp/keys/prepared-keys.js')),
    ).toBe(true);
    expect(modulesInSeveralFiles(metafile)).toEqual({});
  });

  it('leaves the on-demand and data packages outside, and the library API to tsc', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(
      inputs.filter((input) => /node_modules\/(playwright-core|yaml|iconv-lite|mime-db)\//.test(input)),
    ).toEqual([]);
    expect(inputs.some((input) => input.endsWith('runner/index.js'))).toBe(false);
  });

  it('finds each data package from dist/cli/ where the package that uses it finds it', () => {
    const fromBundle = createRequire(join(root, 'dist/cli/cli.js'));
    const users: Record<string, string> = { 'iconv-lite': 'body-parser', 'mime-db': 'mime-types' };
    expect(Object.keys(users).sort()).toEqual([...DATA_PACKAGES].sort());
    for (const [name, user] of Object.entries(users)) {
      const fromUser = createRequire(
        createRequire(join(root, 'node_modules/express/index.js')).resolve(user),
      );
      expect(fromBundle.resolve(name)).toBe(fromUser.resolve(name));
    }
  });

  it('runs on its own from dist/cli/ (it finds its package.json from there)', () => {
    const out = execFileSync(process.execPath, [join(root, 'dist/cli/cli.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe(VERSION);
  });
});
