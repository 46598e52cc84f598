/**
 * @module The repository stands on its own: every document a file cites is in docs/, every docs/ path and
 * Markdown link resolves (anchors included, for links into docs/), no relative path climbs out of the
 * repository, every attack row id cited anywhere is a row of docs/attacks.md, and every scenario id the
 * docs name is in the catalog.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarios } from './index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  '.git',
  '.samlspec',
  'reports-out',
  'test-results',
  'coverage',
]);

/** Files git tracks or would track (untracked but not ignored), else a walk of the working tree. */
function repositoryFiles(): string[] {
  let listed: string[];
  try {
    listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
      .split('\0')
      .filter(Boolean);
  } catch {
    listed = walk(ROOT).map((file) => relative(ROOT, file));
  }
  return [...new Set(listed)]
    .filter((file) => !file.split('/').some((part) => SKIPPED_DIRS.has(part)))
    .filter((file) => existsSync(join(ROOT, file)) && statSync(join(ROOT, file)).isFile());
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

interface TextFile {
  path: string;
  text: string;
}

const files: TextFile[] = repositoryFiles().flatMap((path) => {
  const bytes = readFileSync(join(ROOT, path));
  return bytes.includes(0) ? [] : [{ path, text: bytes.toString('utf8') }];
});

const inside = (absolute: string): boolean =>
  absolute === ROOT || absolute.startsWith(ROOT.endsWith(sep) ? ROOT : ROOT + sep);

/** Where `reference` points from `file`: relative to the file's folder, else to the repository root. */
function resolveFrom(file: string, reference: string): string | undefined {
  const candidates = [resolve(ROOT, dirname(file), reference), resolve(ROOT, reference)];
  const withTs = (path: string): string[] =>
    path.endsWith('.js') ? [path, `${path.slice(0, -3)}.ts`] : [path];
  return candidates.flatMap(withTs).find((path) => inside(path) && existsSync(path));
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? undefined : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = heading
      .toLowerCase()
      .replace(/<[^>]*>/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const NOTE = /(?<![\w.@/-])(?:[\w.-]+\/)*(?:attacks|entra|style|perf)\.md(?!\w)/g;
const DOCS_PATH = /(?<![\w.@/-])(?:[\w.-]+\/)*docs\/[\w.-]+\.md(?!\w)/g;
/** A climb to a folder named `shared`: the notes this repository was written from live beside it, not in it. */
const SHARED = /(?<![\w.@/-])(?:\.\.\/)+shared(?:\/[\w.@-]+)*\/?/g;
const MD_LINK = /\]\(([^)\s#]+\.md)(#[^)\s]*)?\)/g;
const ROW = /\b(?:SIG|XSW|C14N|ALG|XML|PROTO|ENC|APP)-\d{2}\b/g;

describe('documentation references', () => {
  it('cites documents only where they are: under docs/', () => {
    const bad = files.flatMap(({ path, text }) =>
      [...text.matchAll(NOTE)]
        .filter((m) => {
          const target = resolveFrom(path, m[0]);
          return !target || !relative(ROOT, target).startsWith(`docs${sep}`);
        })
        .map((m) => `${path}:${lineOf(text, m.index)}: ${m[0]} (not a file under docs/)`),
    );
    expect(bad).toEqual([]);
  });

  it('names only docs/ files that exist', () => {
    const bad = files.flatMap(({ path, text }) =>
      [...text.matchAll(DOCS_PATH)]
        .filter((m) => !resolveFrom(path, m[0]))
        .map((m) => `${path}:${lineOf(text, m.index)}: ${m[0]}`),
    );
    expect(bad).toEqual([]);
  });

  it('climbs to a shared folder only where it is inside the repository', () => {
    // fixtures/sps/*/ import fixtures/sps/shared/; anything else by that name is outside the repository.
    const bad = files.flatMap(({ path, text }) =>
      [...text.matchAll(SHARED)]
        .filter((m) => {
          const target = resolve(ROOT, dirname(path), m[0]);
          const candidates = target.endsWith('.js') ? [target, `${target.slice(0, -3)}.ts`] : [target];
          return !candidates.some((candidate) => inside(candidate) && existsSync(candidate));
        })
        .map((m) => `${path}:${lineOf(text, m.index)}: ${m[0]}`),
    );
    expect(bad).toEqual([]);
  });

  it('links Markdown files that exist, and anchors in docs/ that exist', () => {
    const bad = files
      .filter(({ path }) => path.endsWith('.md'))
      .flatMap(({ path, text }) =>
        [...text.matchAll(MD_LINK)].flatMap((m) => {
          const [, target, anchor] = m;
          if (/^[a-z]+:/i.test(target!)) return [];
          const file = resolve(ROOT, dirname(path), target!);
          const where = `${path}:${lineOf(text, m.index)}: ${target}${anchor ?? ''}`;
          if (!inside(file) || !existsSync(file)) return [`${where} (no such file)`];
          const checksAnchor =
            anchor && (path.startsWith('docs/') || relative(ROOT, file).startsWith(`docs${sep}`));
          if (checksAnchor && !anchorsOf(readFileSync(file, 'utf8')).has(anchor.slice(1)))
            return [`${where} (no such heading)`];
          return [];
        }),
      );
    // Links within a page of docs/ (`[§B](#b-...)`).
    const ownAnchors = files
      .filter(({ path }) => path.startsWith('docs/') && path.endsWith('.md'))
      .flatMap(({ path, text }) => {
        const anchors = anchorsOf(text);
        return [...text.matchAll(/\]\(#([^)\s]+)\)/g)]
          .filter((m) => !anchors.has(m[1]!))
          .map((m) => `${path}:${lineOf(text, m.index)}: #${m[1]} (no such heading)`);
      });
    expect([...bad, ...ownAnchors]).toEqual([]);
  });

  it('cites only attack rows that docs/attacks.md has', () => {
    const doc = readFileSync(join(ROOT, 'docs/attacks.md'), 'utf8');
    const rows = new Set(
      doc
        .split('\n')
        .map((line) => /^\|\s*([A-Z][A-Z0-9]*-\d{2})\s*\|/.exec(line)?.[1])
        .filter((id): id is string => id !== undefined),
    );
    expect(rows.size).toBeGreaterThanOrEqual(100);
    const bad = files
      .filter(({ path }) => path !== 'docs/attacks.md')
      .flatMap(({ path, text }) =>
        [...text.matchAll(ROW)]
          .filter((m) => !rows.has(m[0]))
          .map((m) => `${path}:${lineOf(text, m.index)}: ${m[0]}`),
      );
    expect(bad).toEqual([]);
  });

  it('names only scenarios and id prefixes that the catalog has', () => {
    const ids = scenarios.map((s) => s.id);
    const known = (name: string): boolean =>
      ids.includes(name) || ids.some((id) => id.startsWith(name.endsWith('/') ? name : `${name}/`));
    const bad = files
      .filter(({ path }) => path.startsWith('docs/'))
      .flatMap(({ path, text }) =>
        [...text.matchAll(/`([^`\s]+)`/g)]
          .map((m) => ({ m, name: m[1]!.replace(/@(sp|idp)-initiated$/, '') }))
          .filter(({ name }) =>
            /^(core|profiles|bindings|entra|attacks|lifecycle|browser)(\/[\w.-]+)*\/?$/.test(name),
          )
          .filter(({ name }) => !known(name))
          .map(({ m, name }) => `${path}:${lineOf(text, m.index)}: ${name}`),
      );
    expect(bad).toEqual([]);
  });
});
