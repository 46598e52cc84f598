import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonReporter } from './json-reporter.js';
import { sampleReport } from './test-support/sample-report.js';
import type { RunReport } from './types.js';

describe('JsonReporter', () => {
  it('keeps passes and skips as compact records by default, every finding in full', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samlspec-json-'));
    const [path] = await new JsonReporter({ outputDir: dir }).onRunEnd(sampleReport);
    const parsed = JSON.parse(await readFile(path!, 'utf8')) as RunReport;
    expect(parsed.evidence).toBe('failures');
    parsed.results.forEach((r, i) => {
      const original = sampleReport.results[i]!;
      if (r.outcome === 'pass' || r.outcome === 'skipped') {
        expect(r.compact).toBe(true);
        expect(r.evidence.responseSent).toBeUndefined();
        expect(r.evidence.spReply).toBeUndefined();
        // Everything but the transcripts is still there: the reader knows what was tested and what happened.
        const { evidence: _kept, compact: _mark, ...rest } = r;
        const { evidence: _full, ...same } = original;
        expect(rest).toEqual(same);
      } else expect(r).toEqual(original);
    });
    expect(parsed.results.some((r) => r.compact)).toBe(true);
  });

  it('writes the RunReport pretty-printed, and with --evidence all it round-trips', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samlspec-json-'));
    const written = await new JsonReporter({ outputDir: join(dir, 'nested'), evidence: 'all' }).onRunEnd(
      sampleReport,
    );
    expect(written).toEqual([join(dir, 'nested', 'samlspec-report.json')]);
    const text = await readFile(join(dir, 'nested', 'samlspec-report.json'), 'utf8');
    expect(text.startsWith('{\n  "tool"')).toBe(true);
    const parsed = JSON.parse(text);
    expect(parsed).toEqual({ ...sampleReport, evidence: 'all' });
    expect(parsed.summary).toEqual({
      passed: 1,
      failed: 2,
      nonStrict: 1,
      info: 1,
      errors: 1,
      inconclusive: 1,
      skipped: 2,
    });
    // What the runner adds around results is part of the JSON report as it is.
    expect(parsed.calibration.map((c: { status: string }) => c.status)).toEqual([
      'calibrated',
      'sp-initiated-only',
    ]);
    expect(parsed.liveness.spDown[0].notRun).toBe(1);
    const first = parsed.results[0];
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining([
        'id',
        'flow',
        'level',
        'expect',
        'outcome',
        'title',
        'requirement',
        'refs',
        'durationMs',
        'evidence',
      ]),
    );
    expect(Object.keys(first.evidence)).toEqual(['authnRequest', 'responseSent', 'spReply']);
    // The temporary file used for the atomic write is gone.
    expect(await readdir(join(dir, 'nested'))).toEqual(['samlspec-report.json']);
  });
});
