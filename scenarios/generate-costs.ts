/**
 * @module Writes scenarios/costs.json, the cost table `--shard` balances with, from a run's JSON
 * report: per scenario, the mean duration of its runs that did run (skipped runs took no time and a
 * harness error's time says nothing about the scenario). Rounded to whole milliseconds and sorted by id,
 * so the file changes only where costs do. `npm run costs` runs the demo and then this:
 * `node dist/scenarios/generate-costs.js <samlspec-report.json> [out-file]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The part of a RunReport (reports/types.ts) the table is made from; the catalog stays free of reports/. */
export interface TimedReport {
  target: { mode: string };
  results: ReadonlyArray<{ id: string; outcome: string; durationMs: number }>;
}

export interface CostTable {
  about: string;
  /** Scenario id → mean milliseconds per run (one flow). */
  costs: Record<string, number>;
}

export function costsFromReport(report: TimedReport): CostTable {
  const samples = new Map<string, number[]>();
  for (const r of report.results) {
    if (r.outcome === 'skipped' || r.outcome === 'error' || !(r.durationMs > 0)) continue;
    samples.set(r.id, [...(samples.get(r.id) ?? []), r.durationMs]);
  }
  const costs: Record<string, number> = {};
  for (const id of [...samples.keys()].sort()) {
    const values = samples.get(id)!;
    costs[id] = Math.max(1, Math.round(values.reduce((a, b) => a + b, 0) / values.length));
  }
  return {
    about: `mean ms per scenario run (${report.target.mode} mode, samlspec demo), from npm run costs; --shard balances shards with it, and ids not listed cost the median`,
    costs,
  };
}

function main(argv: string[]): void {
  const [input, output = 'scenarios/costs.json'] = argv;
  if (!input) {
    console.error('usage: node dist/scenarios/generate-costs.js <samlspec-report.json> [out-file]');
    process.exitCode = 2;
    return;
  }
  const table = costsFromReport(JSON.parse(readFileSync(input, 'utf8')) as TimedReport);
  writeFileSync(resolve(output), `${JSON.stringify(table, null, 2)}\n`);
  console.error(`wrote ${Object.keys(table.costs).length} scenario costs to ${output}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  main(process.argv.slice(2));
