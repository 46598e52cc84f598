import { describe, expect, it } from 'vitest';
import { boundaryCrossings, importGraph } from './import-graph.js';

/**
 * The harness reaches the mock IdP through its entry points only (issue 13): the public API, and
 * mock-idp/internal.ts for what the harness needs beyond it. A new need is a line in internal.ts.
 */
const MOCK_IDP_BOUNDARY = {
  from: ['runner', 'scenarios'],
  into: 'mock-idp',
  entries: ['mock-idp/index.ts', 'mock-idp/internal.ts'],
};

describe('boundaryCrossings', () => {
  it('reports an import past the entry points, and not the entry points, tests or other folders', () => {
    const graph = new Map([
      ['runner/a.ts', ['mock-idp/internal.ts', 'mock-idp/http/login-flow.ts', 'reports/x.ts']],
      ['scenarios/b.ts', ['mock-idp/index.ts', 'mock-idp/util/xml.ts']],
      ['runner/a.test.ts', ['mock-idp/http/login-flow.ts']],
      ['runner/test-support/c.ts', ['mock-idp/util/xml.ts']],
      ['fixtures/d.ts', ['mock-idp/util/xml.ts']],
    ]);
    expect(boundaryCrossings(graph, MOCK_IDP_BOUNDARY)).toEqual([
      ['runner/a.ts', 'mock-idp/http/login-flow.ts'],
      ['scenarios/b.ts', 'mock-idp/util/xml.ts'],
    ]);
  });
});

describe('the repository', () => {
  it('runner/ and scenarios/ import mock-idp/ only through index.ts and internal.ts', () => {
    const graph = importGraph(process.cwd(), MOCK_IDP_BOUNDARY.from);
    expect(boundaryCrossings(graph, MOCK_IDP_BOUNDARY)).toEqual([]);
  });

  it('still sees the harness importing the mock (the check above is not vacuous)', () => {
    const graph = importGraph(process.cwd(), ['runner']);
    expect(graph.get('runner/engine/run-lifecycle.ts')).toContain('mock-idp/internal.ts');
  });
});
