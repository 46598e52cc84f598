/** @module Reading a sharded run's JSON reports for `samlspec merge-reports`: each path a report directory or file, each file checked to be a samlspec report. */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { JSON_REPORT_FILE } from '../../reports/index.js';
import type { ReportShard, RunReport } from '../../reports/types.js';
import { HarnessError } from '../errors.js';

export interface ShardReport {
  /** The file read. */
  source: string;
  /** The directory its artifact paths are relative to. */
  dir: string;
  report: RunReport;
}

/** A shard report that names its shard. */
export type Shard = ShardReport & { shard: ReportShard };

/** Each path is a shard's report directory (holding samlspec-report.json) or the JSON file itself. */
export async function readShardReports(paths: readonly string[]): Promise<ShardReport[]> {
  if (paths.length === 0)
    throw new HarnessError('BAD_CONFIG', 'merge-reports: name the shard report directories');
  return Promise.all(paths.map(readShardReport));
}

async function readShardReport(path: string): Promise<ShardReport> {
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    () => {
      throw new HarnessError('BAD_CONFIG', `merge-reports: ${path} does not exist`);
    },
  );
  const source = isDir ? join(path, JSON_REPORT_FILE) : path;
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch {
    throw new HarnessError(
      'BAD_CONFIG',
      `merge-reports: ${path} has no ${JSON_REPORT_FILE} (run each shard with the json reporter)`,
    );
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new HarnessError('BAD_CONFIG', `merge-reports: ${source}: not JSON: ${(error as Error).message}`);
  }
  if (!isRunReport(report))
    throw new HarnessError('BAD_CONFIG', `merge-reports: ${source}: not a samlspec JSON report`);
  return { source, dir: resolve(isDir ? path : dirname(path)), report };
}

function isRunReport(value: unknown): value is RunReport {
  const r = value as Partial<RunReport> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.tool?.name === 'samlspec' &&
    typeof r.tool.version === 'string' &&
    Array.isArray(r.results) &&
    typeof r.summary === 'object' &&
    typeof r.target === 'object'
  );
}
