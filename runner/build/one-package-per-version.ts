/** @module One copy per version of a package in the CLI's bundle (an esbuild resolve plugin, bundle-cli.ts). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';

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
