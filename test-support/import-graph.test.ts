import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph.js';

const SOURCE_FOLDERS = ['mock-idp', 'scenarios', 'runner', 'reports', 'fixtures', 'test-support', 'bench'];

describe('importCycles', () => {
  it('finds a two-file cycle and a file importing itself, and nothing in a tree', () => {
    const graph = new Map([
      ['a.ts', ['b.ts', 'c.ts']],
      ['b.ts', ['a.ts']],
      ['c.ts', ['d.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual(expect.arrayContaining([['a.ts', 'b.ts'], ['e.ts']]));
    expect(importCycles(graph)).toHaveLength(2);
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });
});

describe('the repository', () => {
  it('reads the engine imports, type-only ones included', () => {
    const graph = importGraph(process.cwd(), ['runner']);
    expect(graph.get('runner/engine/judge-scenario.ts')).toContain('runner/engine/run-lifecycle.ts');
    expect(graph.get('runner/engine/start-flow.ts')).toContain('runner/engine/run-environment.ts');
  });

  it('has no import cycle', () => {
    expect(importCycles(importGraph(process.cwd(), SOURCE_FOLDERS))).toEqual([]);
  });
});
