import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GitHubReporter,
  annotations,
  escapeData,
  escapeProperty,
  workflowCommand,
} from './github-reporter.js';
import { sampleReport, sampleResults } from './test-support/sample-report.js';
import { summarize, type RunReport } from './types.js';

/** What the Actions runner does with a stdout line: a command only if the line starts with `::`. */
function parseCommand(line: string): { level: string; title: string; message: string } | undefined {
  const match = /^::(\w+) title=([^:]*)::(.*)$/s.exec(line);
  if (!match) return undefined;
  // The runner's unescaping (ActionCommand.Unescape...): %25 last, so "%250A" stays a literal "%0A".
  const data = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const property = (s: string): string => data(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  return { level: match[1]!, title: property(match[2]!), message: data(match[3]!) };
}

function capture(): { write(text: string): boolean; lines(): string[] } {
  let out = '';
  return {
    write: (text: string) => ((out += text), true),
    lines: () => out.split('\n').filter(Boolean),
  };
}

describe('github reporter', () => {
  it('prints one workflow command per finding, worst first, and nothing for passes, info or skips', async () => {
    const stream = capture();
    await new GitHubReporter({ stream, stepSummaryFile: false }, {}).onRunEnd(sampleReport);
    const commands = stream.lines().map(parseCommand);
    expect(commands.every(Boolean)).toBe(true);
    expect(commands.map((c) => [c!.level, c!.title])).toEqual([
      ['error', 'samlspec failed: profiles/4.1.4.3/recipient-mismatch [idp-initiated]'],
      ['error', 'samlspec failed: attacks/comments/nameid-comment-injection [sp-initiated]'],
      ['warning', 'samlspec non-strict: profiles/4.1.4.3/one-time-use-ignored [sp-initiated]'],
      ['error', 'samlspec error: attacks/xsw/xsw3-assertion-sibling [sp-initiated]'],
      ['error', 'samlspec inconclusive: attacks/xsw/xsw1-response-copy-in-signature [idp-initiated]'],
    ]);
  });

  it('makes a broken SHOULD an error under --strict, where it fails the run', () => {
    const levels = annotations({ ...sampleReport, strict: true }).map((a) => a.level);
    expect(levels).toEqual(['error', 'error', 'error', 'error', 'error']);
  });

  it('gives a finding its expected, actual, variant and fix; an error or inconclusive result its reason', () => {
    const [recipient, comment, , error, inconclusive] = annotations(sampleReport);
    expect(recipient!.message.split('\n').map((l) => l.split(':')[0])).toEqual([
      'MUST',
      'Expected',
      'Actual',
      'Fix',
      'Refs',
    ]);
    expect(comment!.message).toContain('(variant: comment in NameID)');
    expect(comment!.message).toContain('CVE-2017-11428');
    expect(error!.message.split('\n')[1]).toBe('TARGET_UNREACHABLE: connect ECONNREFUSED 127.0.0.1:8080');
    expect(inconclusive!.message.split('\n')[1]).toMatch(/^Reason: no session; but the SP was not seen/);
    for (const a of [error!, inconclusive!]) expect(a.message).not.toMatch(/^Fix:/m);
  });

  it('opens with the run-level stop when the run stopped as a whole', () => {
    const stopped: RunReport = {
      ...sampleReport,
      results: [],
      summary: {
        ...summarize([]),
        runError: { code: 'TARGET_UNREACHABLE', message: 'connect ECONNREFUSED' },
      },
    };
    const list = annotations(stopped);
    expect(list).toHaveLength(1);
    expect([list[0]!.level, list[0]!.title]).toEqual(['error', 'samlspec stopped: TARGET_UNREACHABLE']);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties (GitHub workflow-command rules)', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const line = workflowCommand({ level: 'error', title: 'x: y, z', message: 'one\ntwo 50%' });
    expect(line).toBe('::error title=x%3A y%2C z::one%0Atwo 50%25');
    expect(parseCommand(line)).toEqual({ level: 'error', title: 'x: y, z', message: 'one\ntwo 50%' });
  });

  it('keeps hostile SP text inside its own annotation: no raw line break, no command of its own', async () => {
    const hostile = {
      ...sampleResults[1]!,
      title: 'evil\n::warning title=fake::injected\r\n::stop-commands::x',
      actual: '%0A::error::also not a command\u001b[31m',
    };
    const report: RunReport = { ...sampleReport, results: [hostile], summary: summarize([hostile]) };
    const stream = capture();
    await new GitHubReporter({ stream, stepSummaryFile: false }, {}).onRunEnd(report);
    const lines = stream.lines();
    expect(lines).toHaveLength(1);
    const parsed = parseCommand(lines[0]!)!;
    expect(parsed.level).toBe('error');
    expect(parsed.message).toContain('%0A::error::also not a command');
    expect(parsed.message).not.toContain('\u001b');
  });

  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY when set, and only then', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samlspec-github-'));
    const summary = join(dir, 'summary.md');
    await writeFile(summary, 'earlier step\n');
    const quiet = { write: () => true };
    const written = await new GitHubReporter({ stream: quiet }, { GITHUB_STEP_SUMMARY: summary }).onRunEnd(
      sampleReport,
    );
    expect(written).toEqual([summary]);
    const text = await readFile(summary, 'utf8');
    expect(text.startsWith('earlier step\n## ❌ samlspec: FAILED')).toBe(true);
    expect(await new GitHubReporter({ stream: quiet }, {}).onRunEnd(sampleReport)).toEqual([]);
  });
});
