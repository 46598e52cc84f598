/**
 * The conventions CI users expect, through the real CLI: config discovery, --grep/--tag, list's
 * --shard/--profile/--tag, and `samlspec idp --help` showing what `samlspec idp` takes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/types.js';

const BIN = join(process.cwd(), 'bin/samlspec.js');

function samlspec(args: string[], cwd = process.cwd()) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

const work = (): string => mkdtempSync(join(tmpdir(), 'samlspec-conventions-'));

describe('config discovery', () => {
  it('idp metadata and run read samlspec.config.yaml from the working directory; flags win', () => {
    const cwd = work();
    writeFileSync(
      join(cwd, 'samlspec.config.yaml'),
      'sp: { metadata: missing-sp-metadata.xml, probe: /me }\nidp: { port: 7391, stateDir: ci-state, app: ci }\n',
    );
    const metadata = samlspec(['idp', 'metadata'], cwd);
    expect(metadata.status, metadata.stderr).toBe(0);
    expect(metadata.stdout).toContain('http://127.0.0.1:7391/');
    expect(metadata.stderr).toMatch(/idp settings from .*samlspec\.config\.yaml/);
    expect(existsSync(join(cwd, 'ci-state'))).toBe(true);
    expect(samlspec(['idp', 'metadata', '--port', '7392'], cwd).stdout).toContain('http://127.0.0.1:7392/');
    const run = samlspec(['run'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/config .*samlspec\.config\.yaml/);
    expect(run.stderr).toMatch(/missing-sp-metadata\.xml/);
  });

  it('two candidate files are an error (exit 2), not a silent pick', () => {
    const cwd = work();
    writeFileSync(join(cwd, 'samlspec.config.yml'), 'sp: {}\n');
    writeFileSync(join(cwd, 'samlspec.config.json'), '{}');
    const run = samlspec(['run'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/more than one samlspec config file/);
  });
});

describe('demo', () => {
  it('an unknown --broken flag is a configuration error (exit 2), not an unexpected one', () => {
    const demo = samlspec([
      'demo',
      '--profile',
      'sentry',
      '--broken',
      'no-such-flag',
      '--output-dir',
      work(),
    ]);
    expect(demo.status).toBe(2);
    expect(demo.stderr).toMatch(/--broken: .*no-such-flag/);
    expect(demo.stderr).not.toMatch(/unexpected error/);
  });

  it('a usage error ends the demo (exit 2) although its SP thread was launched before the CLI parsed it', () => {
    // The entry script starts the demo's SP thread before the command line is parsed (demo-early-start.ts);
    // a thread left running would keep the process alive until spawnSync's time limit (status null).
    for (const args of [['--no-such-flag'], ['--workers', 'many']]) {
      const demo = samlspec(['demo', ...args, '--output-dir', work()]);
      expect(demo.status, `demo ${args.join(' ')}: ${demo.stderr}`).toBe(2);
    }
  });
});

describe('filters', () => {
  it('demo --tag and --grep run only the scenarios that match both', () => {
    const cwd = work();
    const demo = samlspec(
      ['demo', '--tag', 'dtd', '--grep', 'entity', '--reporter', 'json', '--output-dir', 'out'],
      cwd,
    );
    expect(demo.status, demo.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, 'out/samlspec-report.json'), 'utf8')) as RunReport;
    const ids = [...new Set(report.results.map((r) => r.id))];
    expect(ids.length).toBeGreaterThan(0);
    for (const r of report.results) {
      expect(r.tags).toContain('dtd');
      expect(`${r.id} ${r.title}`).toMatch(/entity/i);
    }
  });

  it('list --shard splits the listed runs; list --profile says what the profile changes; a bare --tag lists tags', () => {
    const count = (out: string): number => Number(/(\d+) of \d+ scenario runs/.exec(out)?.[1]);
    const one = samlspec(['list', '--shard', '1/2']);
    const two = samlspec(['list', '--shard', '2/2']);
    const all = Number(/of (\d+) scenario runs/.exec(one.stdout)?.[1]);
    expect(count(one.stdout) + count(two.stdout)).toBe(all);
    const profile = samlspec(['list', 'entra/', '--profile', 'hanko']);
    expect(profile.status).toBe(0);
    expect(profile.stdout).toMatch(/--profile hanko \(Hanko\) changes:/);
    expect(samlspec(['list', '--tag']).stdout).toMatch(/^xsw +\d+$/m);
    expect(samlspec(['list', '--shard', '3/2']).status).toBe(2);
  });
});

describe('samlspec idp --help', () => {
  it('shows the serve options (samlspec idp = idp serve), not only the subcommands', () => {
    const help = samlspec(['idp', '--help']);
    expect(help.status).toBe(0);
    for (const option of ['--port', '--state-dir', '--sp-metadata', '--auto-sign-in', '--admin-token'])
      expect(help.stdout).toContain(option);
    expect(help.stdout).toMatch(/metadata \[options\]/);
  });
});
