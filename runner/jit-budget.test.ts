import { describe, expect, it } from 'vitest';
import { CLI_INTERRUPT_BUDGET, jitBudgetFlag } from './jit-budget.js';

describe('jitBudgetFlag', () => {
  it('raises the tiering budget by default', () => {
    expect(jitBudgetFlag([])).toBe(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
    expect(jitBudgetFlag(['--enable-source-maps'])).toBe(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
  });

  it("leaves the user's own budget alone, in either spelling", () => {
    expect(jitBudgetFlag(['--interrupt-budget=5000'])).toBeUndefined();
    expect(jitBudgetFlag(['--inspect', '--interrupt_budget=5000'])).toBeUndefined();
  });

  it('does not mistake a longer flag of the same prefix for the budget', () => {
    expect(jitBudgetFlag(['--interrupt-budget-for-feedback-allocation=10'])).toBe(
      `--interrupt-budget=${CLI_INTERRUPT_BUDGET}`,
    );
  });
});
