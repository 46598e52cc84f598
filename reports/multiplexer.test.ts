import { describe, expect, it } from 'vitest';
import { Multiplexer, type ReporterFailure } from './multiplexer.js';
import { sampleReport } from './test-support/sample-report.js';
import type { Reporter, ScenarioResult } from './types.js';

function recorder(name: string, log: string[]): Reporter {
  return {
    name,
    onRunStart: () => void log.push(`${name}:start`),
    onScenarioEnd: (r: ScenarioResult) => void log.push(`${name}:${r.id}`),
    onRunEnd: async () => {
      log.push(`${name}:end`);
      return [`${name}.out`];
    },
  };
}

const plan = { target: 'sp', scenarios: [], strict: false };

describe('Multiplexer', () => {
  it('keeps calling the other reporters when one throws, and records each failure', async () => {
    const log: string[] = [];
    const seen: ReporterFailure[] = [];
    const broken: Reporter = {
      name: 'broken',
      onRunStart: () => {
        throw new Error('start failed');
      },
      onScenarioEnd: () => Promise.reject(new Error('async failure')),
      onRunEnd: () => {
        throw 'not even an Error';
      },
    };
    const mux = new Multiplexer([recorder('a', log), broken, recorder('b', log)], {
      onReporterError: (f) => seen.push(f),
    });

    await mux.onRunStart(plan);
    await mux.onScenarioEnd(sampleReport.results[0] as ScenarioResult);
    const written = await mux.onRunEnd(sampleReport);

    expect(log).toEqual([
      'a:start',
      'b:start',
      'a:core/2.5.1.2/not-on-or-after-past',
      'b:core/2.5.1.2/not-on-or-after-past',
      'a:end',
      'b:end',
    ]);
    expect(written).toEqual(['a.out', 'b.out']);
    expect(mux.writtenFiles).toEqual(['a.out', 'b.out']);
    expect(mux.failures.map((f) => [f.reporter, f.hook, f.message])).toEqual([
      ['broken', 'onRunStart', 'start failed'],
      ['broken', 'onScenarioEnd', 'async failure'],
      ['broken', 'onRunEnd', 'not even an Error'],
    ]);
    expect(seen).toHaveLength(3);
  });

  it('survives a logger that throws', async () => {
    const broken: Reporter = { name: 'x', onRunStart: () => Promise.reject(new Error('boom')) };
    const mux = new Multiplexer([broken], {
      onReporterError: () => {
        throw new Error('logger broke');
      },
    });
    await expect(mux.onRunStart(plan)).resolves.toBeUndefined();
    expect(mux.failures).toHaveLength(1);
  });

  it('reports whether any reporter prints to stdio, treating a throwing one as not', () => {
    const quiet: Reporter = { name: 'file' };
    const loud: Reporter = { name: 'console', printsToStdio: () => true };
    const odd: Reporter = {
      name: 'odd',
      printsToStdio: () => {
        throw new Error('no');
      },
    };
    expect(new Multiplexer([quiet]).printsToStdio()).toBe(false);
    expect(new Multiplexer([quiet, loud]).printsToStdio()).toBe(true);
    const mux = new Multiplexer([odd]);
    expect(mux.printsToStdio()).toBe(false);
    expect(mux.failures[0]?.hook).toBe('printsToStdio');
  });

  it('calls hooks only on reporters that define them', async () => {
    const mux = new Multiplexer([{ name: 'empty' }]);
    await mux.onRunStart(plan);
    expect(await mux.onRunEnd(sampleReport)).toEqual([]);
    expect(mux.failures).toEqual([]);
  });
});
