/**
 * The package as a user gets it: `npm pack` of the built repository, installed from the tarball into an
 * empty project, and the README's CI recipe run there as the README writes it (taken from the README
 * itself, so the two cannot drift apart). Catches what the repository's own tests cannot see: a file the
 * `files` list leaves out, a dependency only present as a devDependency, a recipe step that does not work.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../run/free-port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** Installing samlspec's dependencies (from npm's cache when it has them) can take a minute or more. */
const INSTALL_TIMEOUT_MS = 5 * 60_000;
/** The recipe runs the whole catalog against the reference SP. */
const RECIPE_TIMEOUT_MS = 10 * 60_000;

interface PackedFile {
  path: string;
}

let work: string | undefined;
let project: string;
let packedFiles: string[];

/** The env of the commands run in the project: no npm settings inherited from `npm test`, no job summary. */
function projectEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^npm_/i.test(key) && key !== 'GITHUB_STEP_SUMMARY' && key !== 'INIT_CWD') env[key] = value;
  return { ...env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
}

/** The first ```sh block of the README's "The CI recipe" section. */
function ciRecipe(readme: string): string {
  const section = readme.split(/^### The CI recipe$/m)[1]?.split(/^#{1,3} /m)[0];
  const block = section?.match(/^```sh\n([\s\S]*?)^```$/m)?.[1];
  if (block === undefined) throw new Error('README.md has no ```sh block under "### The CI recipe"');
  return block;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'samlspec-packed-'));
  // dist/ is fresh (the e2e globalSetup built it), so pack without running `prepare` a second time.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: ROOT,
      env: projectEnv(),
      encoding: 'utf8',
    }),
  ) as [{ filename: string; files: PackedFile[] }];
  packedFiles = packed[0].files.map((f) => f.path);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'packed-install-check', version: '1.0.0', private: true }),
  );
  execFileSync(
    'npm',
    ['install', join(work, packed[0].filename), '--no-audit', '--no-fund', '--prefer-offline'],
    { cwd: project, env: projectEnv(), stdio: ['ignore', 'ignore', 'inherit'], timeout: INSTALL_TIMEOUT_MS },
  );
}, INSTALL_TIMEOUT_MS + 60_000);

// The installed project holds a whole node_modules; the recipe's SP is stopped before this runs.
afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the CLI, the compiled code, its types and the licence, and no sources, tests or maps', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'bin/samlspec.js',
        'dist/cli/cli.cjs',
        'dist/cli/sp-thread-main.cjs',
        'dist/cli/sp-thread-main.js',
        'dist/runner/cli.js',
        'dist/runner/index.d.ts',
        'dist/mock-idp/index.js',
        'dist/fixtures/sps/reference-sp/main.js',
      ]),
    );
    expect(packedFiles.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
    // The bundler is a build tool (esbuild is a dev dependency): it is not part of the package.
    expect(packedFiles.filter((p) => p.startsWith('dist/runner/build/'))).toEqual([]);
    expect(packedFiles.filter((p) => /\.map$|\.test\.|(^|\/)(e2e|test-support)\//.test(p))).toEqual([]);
    // A code cache is made by this machine's runs for this machine's V8: never shipped.
    expect(packedFiles.filter((p) => p.endsWith('.v8cache'))).toEqual([]);
  });

  it('installs a working `npx samlspec --version`', () => {
    const out = execFileSync('npx', ['samlspec', '--version'], {
      cwd: project,
      env: projectEnv(),
      encoding: 'utf8',
    });
    expect(out.trim()).toBe(VERSION);
  });
});

describe("the README's CI recipe, in the installed project", () => {
  let group: number | undefined;
  let spPort: number;

  afterAll(async () => {
    if (group === undefined) return;
    // Step 2 leaves the SP running in the background, as a CI job does until it ends: stop its group.
    try {
      process.kill(-group, 'SIGTERM');
    } catch {
      return; // already gone
    }
    for (let i = 0; i < 50; i++) {
      const up = await fetch(`http://127.0.0.1:${spPort}/metadata`).then(
        () => true,
        () => false,
      );
      if (!up) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it(
    'exits 0 against the strict reference SP and writes the reports it names',
    async () => {
      const recipe = ciRecipe(readFileSync(join(ROOT, 'README.md'), 'utf8'));
      expect(recipe).toMatch(/samlspec reference-sp /);
      expect(recipe).toMatch(/samlspec run /);
      // The README's fixed ports become free ones, so parallel jobs on one machine do not collide; the
      // commands themselves run as written.
      expect(recipe).toMatch(/\b7080\b/);
      expect(recipe).toMatch(/\b3000\b/);
      const idpPort = await freePort();
      spPort = await freePort();
      const script = recipe.replaceAll(/\b7080\b/g, String(idpPort)).replaceAll(/\b3000\b/g, String(spPort));

      const logFile = join(project, 'recipe.log');
      const log = openSync(logFile, 'w');
      // Its own process group, so the SP the recipe starts in the background can be stopped with it.
      const child = spawn('bash', ['-c', script], {
        cwd: project,
        env: projectEnv(),
        stdio: ['ignore', log, log],
        detached: true,
      });
      group = child.pid;
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      closeSync(log);
      const output = readFileSync(logFile, 'utf8');

      expect(code, output.slice(-4000)).toBe(0);
      expect(output).toMatch(/^samlspec: .*passed/m); // the line reporter's closing line
      const reports = join(project, 'reports-out');
      expect(readFileSync(join(reports, 'samlspec-junit.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuites/);
      expect(readFileSync(join(reports, 'samlspec-summary.md'), 'utf8')).toMatch(/samlspec/i);
      expect(existsSync(join(project, 'idp-metadata.xml'))).toBe(true);
    },
    RECIPE_TIMEOUT_MS,
  );
});

describe('ciRecipe', () => {
  it('takes the sh block of the CI recipe section only', () => {
    const readme = '## A\n```sh\nnot this\n```\n### The CI recipe\ntext\n```sh\nstep 1\nstep 2\n```\n## B\n';
    expect(ciRecipe(readme)).toBe('step 1\nstep 2\n');
    expect(() => ciRecipe('## A\n```sh\nx\n```\n')).toThrow();
  });
});
