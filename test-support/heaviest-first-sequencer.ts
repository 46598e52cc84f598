/**
 * @module Test file order for `npm test`: the long end-to-end files first, then vitest's own order. The
 * unit and e2e projects share one pool of workers (vitest.config.ts), and a fresh CI checkout has no
 * timing cache, so vitest would order the files by size and could start the longest file last, leaving
 * one core idle while it runs alone. Starting the longest first lets the short files fill in beside it.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest files, slowest first (wall time on a 2-core CI machine). Order only: a file missing here
 * still runs, just later. Keep the few that take more than ~15 s.
 */
export const HEAVIEST_FIRST: readonly string[] = [
  'runner/e2e/catalog-controls.e2e.test.ts',
  'runner/e2e/browser-mode.e2e.test.ts',
  'runner/e2e/verdicts.e2e.test.ts',
  'runner/e2e/signed-response-controls.e2e.test.ts',
  'runner/e2e/library-sps.e2e.test.ts',
  'runner/targets/browser-target.e2e.test.ts',
  'fixtures/known-vulnerable/known-vulnerable.e2e.test.ts',
  'runner/ci/github-action.e2e.test.ts',
];

/** Rank of a file in HEAVIEST_FIRST (its path relative to the root), or past the end. */
export function heavinessRank(moduleId: string, root: string): number {
  const relative = moduleId.startsWith(`${root}/`) ? moduleId.slice(root.length + 1) : moduleId;
  const rank = HEAVIEST_FIRST.indexOf(relative);
  return rank === -1 ? HEAVIEST_FIRST.length : rank;
}

export default class HeaviestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    // Array#sort is stable: files of equal rank keep vitest's order. Groups (sequence.groupOrder) still
    // run one after the other, as BaseSequencer orders them.
    return sorted.sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        heavinessRank(a.moduleId, root) - heavinessRank(b.moduleId, root),
    );
  }
}
