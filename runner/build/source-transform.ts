/**
 * @module An esbuild plugin that bundles a dependency's file through a function of its text (the bundle's source
 * transforms: lazy-html-entities.ts, ipv6-regex-guard.ts). The function throws when the file is not the shape
 * it was written for, which fails the build rather than bundling the file unchanged unnoticed.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

export function sourceTransform(
  name: string,
  filter: RegExp,
  transform: (text: string, file: string) => string,
): Plugin {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, (args) => ({
        contents: transform(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
      }));
    },
  };
}
