/**
 * The example CI files in docs/ci/ are copied by vendors, so they must keep working as the CLI and the
 * action change: every `samlspec` command in them is one the CLI has, with options it has, and every
 * input given to the action is one action.yml declares. The shard matrix and its merge job fit together.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { registerIdpCommand } from '../commands/idp-command.js';
import { registerMergeReportsCommand } from '../commands/merge-reports-command.js';
import { registerReferenceSpCommand } from '../commands/reference-sp-command.js';
import { registerRunCommand } from '../commands/run-command.js';
import { splitArgs } from './github-action.js';
import { readAction } from './test-support/composite-action-runner.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string): unknown => parseYaml(readFileSync(`${ROOT}/${path}`, 'utf8'));

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
}
interface Workflow {
  jobs: Record<
    string,
    { needs?: string; if?: string; strategy?: { matrix: Record<string, unknown[]> }; steps: Step[] }
  >;
}

/** The CLI's commands as registered (their actions never run here). */
function program(): Command {
  const cli = new Command('samlspec');
  registerIdpCommand(cli, () => undefined);
  registerRunCommand(cli, async () => 0);
  registerReferenceSpCommand(cli, () => undefined);
  registerMergeReportsCommand(cli);
  return cli;
}

/** Each `npx samlspec ...` invocation in a shell script: its words before any redirection or `&`. */
function samlspecCommands(script: string): string[][] {
  const joined = script.replace(/\\\n/g, ' ');
  return [...joined.matchAll(/npx samlspec ([^\n&|>;]*)/g)].map((m) => splitArgs(m[1]!));
}

/** Checks the command path and each --option against what the CLI registers. */
function expectKnown(words: string[]): void {
  let command = program();
  let rest = words;
  for (;;) {
    const sub = command.commands.find((c) => c.name() === rest[0]);
    if (!sub) break;
    command = sub;
    rest = rest.slice(1);
  }
  expect(command.name(), words.join(' ')).not.toBe('samlspec');
  const known = new Set(command.options.flatMap((o) => [o.long, o.short].filter(Boolean)));
  for (const word of rest.filter((w) => w.startsWith('-')))
    expect(known.has(word.split('=')[0]!), `${words.join(' ')}: ${word}`).toBe(true);
}

describe('the check itself', () => {
  it('catches a command or an option the CLI lacks', () => {
    expect(() => expectKnown(['run', '--no-such-flag'])).toThrow();
    expect(() => expectKnown(['no-such-command'])).toThrow();
    expect(() => expectKnown(['idp', 'metadata', '--out', 'x.xml'])).not.toThrow();
  });
});

describe('docs/ci/github-actions.yml', () => {
  const workflow = read('docs/ci/github-actions.yml') as Workflow;
  const inputs = Object.keys(readAction(ROOT).inputs ?? {});
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const actionSteps = steps.filter((s) => /\/samlspec@/.test(s.uses ?? ''));

  it('gives the action only inputs it declares, and extra-args it can pass to samlspec run', () => {
    expect(actionSteps.length).toBeGreaterThanOrEqual(2);
    for (const step of actionSteps) {
      for (const name of Object.keys(step.with ?? {})) expect(inputs, name).toContain(name);
      const extra = String(step.with?.['extra-args'] ?? '').replace(/\$\{\{[^}]*\}\}/g, '1');
      expectKnown(['run', ...splitArgs(extra)]);
    }
  });

  it('uses samlspec commands and options the CLI has', () => {
    const commands = steps.flatMap((s) => samlspecCommands(s.run ?? ''));
    expect(commands.map((c) => c[0])).toEqual(
      expect.arrayContaining(['idp', 'reference-sp', 'merge-reports']),
    );
    for (const words of commands) expectKnown(words);
  });

  it('splits the run with --shard i/n over the matrix, and merges every shard even when one failed', () => {
    const { shard, merge } = workflow.jobs;
    const count = shard!.strategy!.matrix.shard!.length;
    const sharded = shard!.steps.find((s) => /\/samlspec@/.test(s.uses ?? ''))!;
    expect(sharded.with?.['extra-args']).toBe(`--shard \${{ matrix.shard }}/${count}`);
    expect(sharded.with).toMatchObject({ annotations: false, 'fail-on': 'never' });
    expect(merge).toMatchObject({ needs: 'shard', if: 'always()' });
    const download = merge!.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    const pattern = new RegExp(`^${String(download.with?.pattern).replace('*', '.*')}$`);
    expect(String(sharded.with?.['artifact-name']).replace('${{ matrix.shard }}', '3')).toMatch(pattern);
    expect(merge!.steps.some((s) => /samlspec merge-reports .*shards\//.test(s.run ?? ''))).toBe(true);
  });
});

describe("README.md's CI section", () => {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('### The CI recipe'), readme.indexOf('### Browser mode'));
  const blocks = (lang: string): string[] =>
    [...section.matchAll(new RegExp(`^\`\`\`${lang}\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);
  /** A block is a list of steps or a workflow with jobs. */
  const steps = blocks('yaml').flatMap((text) => {
    const doc = parseYaml(text) as Step[] | Workflow;
    return Array.isArray(doc) ? doc : Object.values(doc.jobs).flatMap((job) => job.steps);
  });
  const inputs = Object.keys(readAction(ROOT).inputs ?? {});

  it('shows the recipe, the action, a shard matrix merged by merge-reports, and the library API', () => {
    expect(
      blocks('sh')
        .flatMap(samlspecCommands)
        .map((c) => c[0]),
    ).toEqual(['idp', 'reference-sp', 'run']);
    expect(steps.filter((s) => /\/samlspec@/.test(s.uses ?? '')).length).toBeGreaterThanOrEqual(2);
    expect(section).toMatch(/matrix: \{ shard: \[1, 2, 3, 4\] \}/);
    expect(steps.some((s) => /samlspec merge-reports /.test(s.run ?? ''))).toBe(true);
    expect(blocks('ts').join('')).toMatch(/import \{ runScenarios \} from 'samlspec'/);
  });

  it('uses only action inputs action.yml declares, and commands and options the CLI has', () => {
    for (const step of steps.filter((s) => /\/samlspec@/.test(s.uses ?? ''))) {
      for (const name of Object.keys(step.with ?? {})) expect(inputs, name).toContain(name);
      const extra = String(step.with?.['extra-args'] ?? '').replace(/\$\{\{[^}]*\}\}/g, '1');
      expectKnown(['run', ...splitArgs(extra)]);
    }
    const scripts = [...blocks('sh'), ...steps.map((s) => s.run ?? '')];
    for (const words of scripts.flatMap(samlspecCommands)) expectKnown(words);
  });
});

describe('docs/ci/gitlab-ci.yml', () => {
  const job = (read('docs/ci/gitlab-ci.yml') as Record<string, Record<string, unknown>>)['samlspec']!;

  it('uses samlspec commands and options the CLI has', () => {
    const scripts = [...(job.script as string[]), ...(job.after_script as string[])];
    const commands = scripts.flatMap(samlspecCommands);
    expect(commands.map((c) => c[0])).toEqual(['idp', 'reference-sp', 'run']);
    for (const words of commands) expectKnown(words);
  });

  it('keeps the JUnit report and the reports folder, also when the job fails', () => {
    expect(job.artifacts).toMatchObject({
      when: 'always',
      paths: ['reports-out/'],
      reports: { junit: 'reports-out/samlspec-junit.xml' },
    });
  });
});
