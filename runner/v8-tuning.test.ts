import { describe, expect, it } from 'vitest';
import { CLI_INTERRUPT_BUDGET, DEMO_HEAP_GROWING_PERCENT, cliV8Flags } from './v8-tuning.js';

const BUDGET = `--interrupt-budget=${CLI_INTERRUPT_BUDGET}`;
const GROWTH = `--heap-growing-percent=${DEMO_HEAP_GROWING_PERCENT}`;

describe('cliV8Flags', () => {
  it('sets the tiering budget for every command, and the heap growth for the demo only', () => {
    expect(cliV8Flags([], ['run', '--sp-metadata', 'sp.xml'])).toEqual([BUDGET]);
    expect(cliV8Flags(['--enable-source-maps'], ['demo'])).toEqual([BUDGET, GROWTH]);
    expect(cliV8Flags([], [])).toEqual([BUDGET]);
    expect(cliV8Flags([], ['run', 'demo'])).toEqual([BUDGET]);
  });

  it("leaves the user's own setting alone, in either spelling", () => {
    expect(cliV8Flags(['--interrupt-budget=5000'], ['demo'])).toEqual([GROWTH]);
    expect(cliV8Flags(['--inspect', '--interrupt_budget=5000'], ['run'])).toEqual([]);
    expect(cliV8Flags(['--heap_growing_percent=50'], ['demo'])).toEqual([BUDGET]);
    expect(cliV8Flags(['--heap-growing-percent=50', '--interrupt-budget=1'], ['demo'])).toEqual([]);
  });

  it('does not mistake a longer flag of the same prefix for the setting', () => {
    expect(cliV8Flags(['--interrupt-budget-for-feedback-allocation=10'], ['demo'])).toEqual([BUDGET, GROWTH]);
  });
});
