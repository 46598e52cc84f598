import { describe, expect, it } from 'vitest';
import { costsFromReport } from './generate-costs.js';
import { scenarios } from './index.js';
import table from './costs.json' with { type: 'json' };

describe('the cost table', () => {
  it('is the mean duration per scenario of the runs that ran, sorted by id', () => {
    const { costs } = costsFromReport({
      target: { mode: 'http' },
      results: [
        { id: 'b', outcome: 'pass', durationMs: 30 },
        { id: 'b', outcome: 'fail', durationMs: 51 },
        { id: 'a', outcome: 'info', durationMs: 0.4 },
        { id: 'c', outcome: 'skipped', durationMs: 0 },
        { id: 'd', outcome: 'error', durationMs: 30_000 },
      ],
    });
    expect(costs).toEqual({ a: 1, b: 41 });
    expect(Object.keys(costs)).toEqual(['a', 'b']);
  });

  it('checked in, names catalog scenarios only', () => {
    const ids = new Set(scenarios.map((s) => s.id));
    const unknown = Object.keys(table.costs).filter((id) => !ids.has(id));
    expect(unknown).toEqual([]);
  });
});
