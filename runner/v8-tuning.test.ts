import { describe, expect, it } from 'vitest';
import { CLI_HEAP_GROWING_PERCENT, CLI_INTERRUPT_BUDGET, cliV8Flags } from './v8-tuning.js';

const BUDGET = `--interrupt-budget=${CLI_INTERRUPT_BUDGET}`;
const GROWTH = `--heap-growing-percent=${CLI_HEAP_GROWING_PERCENT}`;

describe('cliV8Flags', () => {
  it('sets the tiering budget and the heap growth by default', () => {
    expect(cliV8Flags([])).toEqual([BUDGET, GROWTH]);
    expect(cliV8Flags(['--enable-source-maps'])).toEqual([BUDGET, GROWTH]);
  });

  it("leaves the user's own setting alone, in either spelling", () => {
    expect(cliV8Flags(['--interrupt-budget=5000'])).toEqual([GROWTH]);
    expect(cliV8Flags(['--inspect', '--interrupt_budget=5000'])).toEqual([GROWTH]);
    expect(cliV8Flags(['--heap_growing_percent=50'])).toEqual([BUDGET]);
    expect(cliV8Flags(['--heap-growing-percent=50', '--interrupt-budget=1'])).toEqual([]);
  });

  it('does not mistake a longer flag of the same prefix for the setting', () => {
    expect(cliV8Flags(['--interrupt-budget-for-feedback-allocation=10'])).toEqual([BUDGET, GROWTH]);
  });
});
