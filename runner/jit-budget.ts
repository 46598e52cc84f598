/**
 * @module How soon V8 hands a function to its optimizing compiler (TurboFan) in a samlspec CLI process.
 *
 * A run or a demo lives a few seconds and executes a wide spread of code (XML parsing and serializing,
 * signing, HTTP, reporters) a few hundred times each. With V8's default tiering budget, TurboFan compiles
 * about 280 functions in a catalog run, several of them two or three times after deoptimizations (xmldom's
 * nodes come in many shapes), and that compiling costs about 1.8 s of CPU on V8's background threads:
 * about a third of the process's CPU, for code that then runs a few hundred more times. With a budget about
 * four and a half times the default only the ~120 hottest functions are optimized (~0.55 s of compiling):
 * the process's CPU falls by about a sixth and the main thread's time stays the same within noise, where a
 * larger budget (1,000,000) starts to slow the main thread (docs/performance.md). A long-lived process
 * (`samlspec idp serve`) still optimizes its hot paths, a little later.
 *
 * The entry script (bin/samlspec.js) applies it before the CLI's modules load. The budget is V8's
 * `--interrupt-budget`: bytecode executed between two tiering decisions (default 66 KB in Node 20).
 */

/** The budget samlspec's CLI runs with (bytes of bytecode). */
export const CLI_INTERRUPT_BUDGET = 300_000;

/**
 * The V8 flag the CLI sets, or undefined when the user already chose a budget on node's command line
 * (`node --interrupt-budget=N bin/samlspec.js ...`): theirs wins. Node refuses V8 flags of this kind in
 * NODE_OPTIONS, so the command line is the only place a user can set one.
 */
export function jitBudgetFlag(execArgv: readonly string[]): string | undefined {
  const chosen = execArgv.some((arg) => /^--interrupt[-_]budget(=|$)/.test(arg));
  return chosen ? undefined : `--interrupt-budget=${CLI_INTERRUPT_BUDGET}`;
}
