/**
 * @module samlspec's own version, read once from its package.json, so the CLI's --version, the reports'
 * `tool.version` and the published package can never disagree (it was typed by hand in two places).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from this module (runner/ in a clone, dist/runner/ when built or installed) to samlspec's package.json. */
function readOwnVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'samlspec' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here (or not ours): keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('samlspec: cannot find its own package.json to read the version from');
    dir = parent;
  }
}

export const VERSION = readOwnVersion();
