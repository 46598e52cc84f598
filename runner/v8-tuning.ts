/**
 * @module The V8 settings of a samlspec CLI process: a process that lives seconds, not days.
 *
 * Tiering budget. A run or a demo executes a wide spread of code (XML parsing and serializing, signing, HTTP,
 * reporters) a few hundred times each. With V8's default tiering budget, TurboFan compiles about 280
 * functions in a catalog run, several of them two or three times after deoptimizations (xmldom's nodes come
 * in many shapes), and that compiling costs about 1.8 s of CPU on V8's background threads: about a third of
 * the process's CPU, for code that then runs a few hundred more times. The budget is V8's `--interrupt-budget`:
 * bytecode executed between two tiering decisions (default 66 KB in Node 20). At 300,000 only the ~120
 * hottest functions were optimized and the process's CPU fell by about a sixth; since the CLI runs from a
 * bundle through V8's code cache and the demo makes no keys, 1,000,000 does better again (eight interleaved
 * rounds each: a catalog run's CPU -7% and its duration -5%, the demo's wall -5% and CPU -8%), and 2,000,000
 * or 4,000,000 no better (docs/performance.md).
 *
 * Heap growth, `samlspec demo` only. After each full collection V8 lets the old generation grow by a factor
 * it picks for a long-lived server (up to 4x the live data) before the next one. The demo runs two isolates
 * in one process (the harness, and the SP on its own thread); each one's live data stays near 20 MB, but
 * each heap grew to about 60 MB before being collected again: 210 MB peak RSS. With growth capped at 40%
 * (`--heap-growing-percent=40`) the demo collects a few more times and peaks near 185 MB, in the same time
 * (docs/performance.md). `samlspec run` has one isolate and stays near 140 MB either way, and there the cap
 * cost about 3% of the harness's CPU, so it is left to V8.
 *
 * Both are tuning, not correctness: a long-lived process (`samlspec idp serve`) still optimizes its hot
 * paths, a little later. The entry script (bin/samlspec.js) applies them before the CLI's modules load; they
 * hold for every thread of the process (the demo's SP thread too).
 */

/** The tiering budget samlspec's CLI runs with (bytes of bytecode). */
export const CLI_INTERRUPT_BUDGET = 1_000_000;
/** `samlspec demo`: how far the old generation may grow past the live data before the next full collection, in percent. */
export const DEMO_HEAP_GROWING_PERCENT = 40;

/**
 * The V8 flags the CLI sets for the command line `args` (after `samlspec`), each left out when the user
 * chose that setting on node's command line (`node --interrupt-budget=N bin/samlspec.js ...`): theirs wins.
 * Node refuses V8 flags of this kind in NODE_OPTIONS, so the command line is the only place to set one.
 */
export function cliV8Flags(execArgv: readonly string[], args: readonly string[]): string[] {
  const chosen = (name: string): boolean => {
    const pattern = new RegExp(`^--${name.replace(/-/g, '[-_]')}(=|$)`);
    return execArgv.some((arg) => pattern.test(arg));
  };
  const flags: string[] = [];
  if (!chosen('interrupt-budget')) flags.push(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
  if (args[0] === 'demo' && !chosen('heap-growing-percent'))
    flags.push(`--heap-growing-percent=${DEMO_HEAP_GROWING_PERCENT}`);
  return flags;
}
