import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReporterConfigError } from './errors.js';
import { createReporters, JSON_REPORT_FILE, REPORTER_NAMES } from './index.js';
import { sampleReport } from './test-support/sample-report.js';

describe('createReporters', () => {
  it('builds every registered reporter by name', () => {
    const reporters = createReporters(['console', 'json', 'junit', 'html', 'markdown'], { outputDir: 'out' });
    expect(reporters.map((r) => r.name)).toEqual(['console', 'json', 'junit', 'html', 'markdown']);
    expect(REPORTER_NAMES).toEqual(['console', 'json', 'junit', 'html', 'markdown', 'github', 'line']);
  });

  it('builds the CI reporters by name (--reporter github,line)', () => {
    expect(createReporters(['github,line']).map((r) => r.name)).toEqual(['github', 'line']);
  });

  it('appends the job summary once when both github and markdown run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samlspec-registry-'));
    const summary = join(dir, 'step-summary.md');
    const env = { GITHUB_STEP_SUMMARY: summary };
    const quiet = { write: () => true };
    for (const reporter of createReporters(['github', 'markdown'], { outputDir: dir, env, stdout: quiet }))
      await reporter.onRunEnd?.(sampleReport);
    const once = await readFile(summary, 'utf8');
    expect(once.match(/^## .* samlspec: /gm)).toHaveLength(1);
    for (const reporter of createReporters(['github'], { outputDir: dir, env, stdout: quiet }))
      await reporter.onRunEnd?.(sampleReport);
    expect((await readFile(summary, 'utf8')).match(/^## .* samlspec: /gm)).toHaveLength(2);
  });

  it('accepts comma-separated names and builds duplicates once', () => {
    expect(createReporters(['json,junit', 'json', ' junit ']).map((r) => r.name)).toEqual(['json', 'junit']);
  });

  it('throws UNKNOWN_REPORTER naming the valid reporters, before building any', () => {
    let thrown: unknown;
    try {
      createReporters(['json', 'xml', 'toString']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReporterConfigError);
    const error = thrown as ReporterConfigError;
    expect(error.code).toBe('UNKNOWN_REPORTER');
    expect(error.validNames).toEqual(REPORTER_NAMES);
    expect(error.message).toContain('"xml"');
    expect(error.message).toContain('"toString"');
    expect(error.message).toContain('console, json, junit, html, markdown, github, line');
  });

  it('passes the output directory and the evidence policy through', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samlspec-registry-'));
    const [json] = createReporters(['json'], { outputDir: dir, evidence: 'all' });
    const written = await json?.onRunEnd?.(sampleReport);
    expect(written).toEqual([join(dir, JSON_REPORT_FILE)]);
    expect(JSON.parse(await readFile(join(dir, JSON_REPORT_FILE), 'utf8'))).toEqual({
      ...sampleReport,
      evidence: 'all',
    });
    const leanDir = await mkdtemp(join(tmpdir(), 'samlspec-registry-'));
    const [lean] = createReporters(['json'], { outputDir: leanDir });
    await lean?.onRunEnd?.(sampleReport);
    expect(JSON.parse(await readFile(join(leanDir, JSON_REPORT_FILE), 'utf8')).evidence).toBe('failures');
  });

  it('sends the stdout reporters to the stream given', async () => {
    const written: string[] = [];
    const stdout = { write: (text: string) => written.push(text) };
    for (const reporter of createReporters(['line'], { stdout })) await reporter.onRunEnd?.(sampleReport);
    expect(written.length).toBeGreaterThan(0);
  });
});
