/** Shard reports that do not belong together stop merge-reports with exit 2 (BAD_CONFIG), saying why. */
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../errors.js';
import { mergeShardReports, type ShardReport } from './merge-reports.js';
import { first, of2, result, second, shardReport, third, twoShards } from './test-support/shard-reports.js';

const mergeError = (shards: ShardReport[]): string => {
  try {
    mergeShardReports(shards, '/reports/merged');
  } catch (error) {
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('BAD_CONFIG');
    return (error as Error).message;
  }
  throw new Error('expected the merge to fail');
};

describe('shards that do not belong together (exit 2)', () => {
  it('a missing shard', () => {
    expect(mergeError([twoShards()[0]!])).toMatch(/missing shard 1\/2/);
  });

  it('the same shard twice', () => {
    const [two] = twoShards();
    const again = shardReport(of2(2), [result(third!.id, 'sp-initiated', 'pass')], {}, 'again');
    expect(mergeError([two!, again])).toMatch(/shard 2\/2 is given twice/);
  });

  it('different shard counts', () => {
    const [two] = twoShards();
    const other = shardReport({ current: 1, total: 3 }, [result(first!.id, 'sp-initiated', 'pass')]);
    expect(mergeError([two!, other])).toMatch(/different shard counts/);
  });

  it('different samlspec versions', () => {
    const [two, one] = twoShards();
    one!.report.tool = { name: 'samlspec', version: '0.0.9' };
    expect(mergeError([two!, one!])).toMatch(/different samlspec versions \(0\.1\.0 and 0\.0\.9\)/);
  });

  it('different plans (another selection or profile)', () => {
    const [two, one] = twoShards();
    one!.report.shard = { ...of2(1), planFingerprint: 'def' };
    expect(mergeError([two!, one!])).toMatch(/planned different runs/);
  });

  it('different modes or --strict', () => {
    const [two, one] = twoShards();
    one!.report.target.mode = 'browser';
    expect(mergeError([two!, one!])).toMatch(/different modes/);
    one!.report.target.mode = 'http';
    one!.report.strict = true;
    expect(mergeError([two!, one!])).toMatch(/--strict/);
  });

  it('a report that is not a shard', () => {
    const [two, one] = twoShards();
    one!.report.shard = undefined;
    expect(mergeError([two!, one!])).toMatch(/not a shard's report/);
  });

  it('the same scenario run in two shards', () => {
    const [two, one] = twoShards();
    one!.report.results.push(result(second!.id, 'idp-initiated', 'pass'));
    expect(mergeError([two!, one!])).toMatch(/is in both/);
  });
});
