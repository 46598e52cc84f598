import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize, type RunReport } from '../../reports/types.js';
import { EXIT } from '../errors.js';
import { exitCodeFor } from './exit-code.js';
import { mergeReports, mergeShardReports, type ShardReport } from './merge-reports.js';
import { shardNote } from './shard.js';
import { calibrated, first, result, second, twoShards } from './test-support/shard-reports.js';

describe('merging shard reports', () => {
  it('joins the results in catalog order, with the summary and exit code of a single run', () => {
    const merged = mergeShardReports(twoShards(), '/reports/merged');
    expect(merged.results.map((r) => `${r.id}@${r.flow}`)).toEqual([
      `${first!.id}@sp-initiated`,
      `${first!.id}@idp-initiated`,
      `${second!.id}@sp-initiated`,
      `${second!.id}@idp-initiated`,
    ]);
    expect(merged.summary).toEqual({ ...summarize(merged.results) });
    expect(merged.summary.passed).toBe(3);
    expect(merged.shard).toBeUndefined();
    expect(exitCodeFor(merged, false)).toBe(EXIT.ok);
    expect(exitCodeFor(mergeShardReports(twoShards('fail'), '/reports/merged'), false)).toBe(EXIT.findings);
    expect(exitCodeFor(mergeShardReports(twoShards('error'), '/reports/merged'), false)).toBe(EXIT.harness);
  });

  it('merges calibration once where the shards agree, liveness, resources, times and notes', () => {
    const merged = mergeShardReports(twoShards(), '/reports/merged');
    expect(merged.calibration).toEqual([
      calibrated('sp-initiated', 'assertion'),
      calibrated('idp-initiated', 'assertion'),
    ]);
    expect(merged.liveness).toEqual({ checks: 4, failed: 0, spDown: [] });
    expect(merged.resources).toEqual({ peakRssKb: 2000, cpuUserMs: 200, cpuSystemMs: 20 });
    expect(merged.startedAt).toBe('2025-01-01T10:00:01.000Z');
    expect(merged.finishedAt).toBe('2025-01-01T10:01:02.000Z');
    expect(merged.durationMs).toBe(61_000);
    expect(merged.target.notes[0]).toMatch(/^merged from 2 shards/);
    expect(merged.target.notes.filter((n) => n === 'shared note')).toHaveLength(1);
    expect(merged.target.notes).toEqual(expect.arrayContaining(['note 1', 'note 2']));
    expect(merged.target.notes.join('\n')).not.toMatch(/differ/);
  });

  it("drops each shard's own 'one part of the run' note: the merged report is the whole", () => {
    const shards = twoShards();
    for (const s of shards) s.report.target.notes.unshift(shardNote(s.report.shard!));
    const notes = mergeShardReports(shards, '/reports/merged').target.notes.join('\n');
    expect(notes).not.toMatch(/one part of the run/);
    expect(notes).toMatch(/shared note/);
  });

  it('keeps each calibration where the shards differ, naming the shards, and says so in the notes', () => {
    const [two, one] = twoShards();
    two!.report.calibration = [calibrated('sp-initiated', 'both'), calibrated('idp-initiated', 'assertion')];
    const merged = mergeShardReports([two!, one!], '/reports/merged');
    const sp = merged.calibration!.filter((c) => c.flow === 'sp-initiated');
    expect(sp.map((c) => c.summary)).toEqual([
      'shard 1/2: sp-initiated: accepts assertion',
      'shard 2/2: sp-initiated: accepts both',
    ]);
    expect(merged.calibration!.filter((c) => c.flow === 'idp-initiated')).toHaveLength(1);
    expect(merged.target.notes.join('\n')).toMatch(/calibration differed across shards \(sp-initiated\)/);
  });

  it("carries a shard's run error (exit 2) and an interrupted shard", () => {
    const [two, one] = twoShards();
    two!.report.summary.runError = { code: 'TARGET_UNREACHABLE', message: 'the SP could not be reached' };
    one!.report.interrupted = true;
    const merged = mergeShardReports([two!, one!], '/reports/merged');
    expect(merged.summary.runError).toEqual({
      code: 'TARGET_UNREACHABLE',
      message: 'shard 2/2: the SP could not be reached',
    });
    expect(merged.interrupted).toBe(true);
    expect(exitCodeFor(merged, false)).toBe(EXIT.harness);
  });

  it('keeps a --max-failures stop (exit as the findings say) unless another shard was interrupted otherwise', () => {
    const [two, one] = twoShards('fail');
    two!.report.interrupted = true;
    two!.report.interruptedBy = { reason: 'max-failures', limit: 1 };
    const merged = mergeShardReports([two!, one!], '/reports/merged');
    expect(merged.interrupted).toBe(true);
    expect(merged.interruptedBy).toEqual({ reason: 'max-failures', limit: 1 });
    expect(exitCodeFor(merged, false)).toBe(EXIT.findings);
    // A shard stopped by Ctrl-C or a dead SP is missing results: the merged run is interrupted, exit 2.
    one!.report.interrupted = true;
    const both = mergeShardReports([two!, one!], '/reports/merged');
    expect(both.interruptedBy).toBeUndefined();
    expect(exitCodeFor(both, false)).toBe(EXIT.harness);
  });

  it('merges compact records, and keeps full evidence only when every shard kept it', () => {
    const [two, one] = twoShards();
    const compact = { ...result(first!.id, 'sp-initiated', 'pass'), compact: true as const };
    two!.report.results[1] = compact;
    two!.report.evidence = 'failures';
    one!.report.evidence = 'all';
    const merged = mergeShardReports([two!, one!], '/reports/merged');
    expect(merged.evidence).toBe('failures');
    expect(merged.results.find((r) => r.compact)).toEqual(compact);
    two!.report.evidence = 'all';
    two!.report.results[1] = result(first!.id, 'sp-initiated', 'pass');
    expect(mergeShardReports([two!, one!], '/reports/merged').evidence).toBe('all');
  });

  it('points artifact paths at the shard directories from the merged report', () => {
    const [two, one] = twoShards();
    two!.report.results[0]!.evidence.artifacts = ['browser-artifacts/x/sp-initiated.png'];
    const merged = mergeShardReports([two!, one!], '/reports/merged');
    const withArtifact = merged.results.find((r) => r.evidence.artifacts);
    expect(withArtifact!.evidence.artifacts).toEqual(['../shard-2/browser-artifacts/x/sp-initiated.png']);
  });

  it('notes when the shards ran against different targets', () => {
    const [two, one] = twoShards();
    two!.report.target.description = 'SP https://other.test';
    expect(mergeShardReports([two!, one!], '/m').target.notes.join('\n')).toMatch(
      /the shards ran against different targets: shard 1\/2: SP https:\/\/sp.test; shard 2\/2: SP https:\/\/other.test/,
    );
  });
});

describe('mergeReports (files)', () => {
  function writeShards(root: string, shards: ShardReport[]): string[] {
    return shards.map((s) => {
      const dir = join(root, `shard-${s.report.shard!.current}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'samlspec-report.json'), JSON.stringify(s.report));
      return dir;
    });
  }

  it('reads shard directories and writes the merged JSON report with the merged exit code', async () => {
    const root = mkdtempSync(join(tmpdir(), 'samlspec-merge-'));
    const dirs = writeShards(root, twoShards('fail'));
    const outputDir = join(root, 'merged');
    const result = await mergeReports(dirs, { reporters: ['json'], outputDir });
    expect(result.exitCode).toBe(EXIT.findings);
    expect(result.files).toEqual([join(outputDir, 'samlspec-report.json')]);
    const written = JSON.parse(readFileSync(result.files[0]!, 'utf8')) as RunReport;
    expect(written.results).toHaveLength(4);
    expect(written.summary.failed).toBe(1);
  });

  it('writes what the shards kept: their full evidence stays, their compact records stay compact', async () => {
    const root = mkdtempSync(join(tmpdir(), 'samlspec-merge-'));
    const shards = twoShards();
    const transcript = {
      spReply: { status: 403, url: 'https://sp.test/acs', headers: {}, bodyExcerpt: 'no', hops: [] },
    };
    for (const s of shards) for (const r of s.report.results) r.evidence = { ...transcript };
    const full = await mergeReports(writeShards(join(root, 'all'), shards), {
      reporters: ['json'],
      outputDir: join(root, 'merged-all'),
    });
    const kept = JSON.parse(readFileSync(full.files[0]!, 'utf8')) as RunReport;
    expect(kept.evidence).toBe('all');
    expect(kept.results.every((r) => r.evidence.spReply && !r.compact)).toBe(true);
    for (const s of shards) s.report.evidence = 'failures';
    const lean = await mergeReports(writeShards(join(root, 'lean'), shards), {
      reporters: ['json'],
      outputDir: join(root, 'merged-lean'),
    });
    const written = JSON.parse(readFileSync(lean.files[0]!, 'utf8')) as RunReport;
    expect(written.evidence).toBe('failures');
    const passes = written.results.filter((r) => r.outcome === 'pass');
    expect(passes.every((r) => r.compact && !r.evidence.spReply)).toBe(true);
    expect(written.results.find((r) => r.outcome === 'info')?.evidence.spReply).toBeDefined();
  });

  it('says which directory has no report, and refuses to write over a shard', async () => {
    const root = mkdtempSync(join(tmpdir(), 'samlspec-merge-'));
    const dirs = writeShards(root, twoShards());
    mkdirSync(join(root, 'empty'));
    await expect(
      mergeReports([dirs[0]!, join(root, 'empty')], { reporters: [], outputDir: join(root, 'm') }),
    ).rejects.toThrow(/empty has no samlspec-report\.json/);
    await expect(mergeReports(dirs, { reporters: [], outputDir: dirs[0]! })).rejects.toThrow(
      /write the merged reports elsewhere/,
    );
    writeFileSync(join(root, 'empty', 'samlspec-report.json'), '{"hello":1}');
    await expect(
      mergeReports([join(root, 'empty')], { reporters: [], outputDir: join(root, 'm') }),
    ).rejects.toThrow(/not a samlspec JSON report/);
  });
});
