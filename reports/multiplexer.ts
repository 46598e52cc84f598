/**
 * @module Sends each hook to every reporter and contains their failures (Playwright's Multiplexer): a
 * reporter that throws is recorded and skipped for that hook, the others still run. The CLI reads
 * `failures` and exits 2, because a broken report is a harness problem, not a finding about the SP.
 */
import type { Reporter, RunReport, ScenarioResult } from './types.js';

export type ReporterHook = 'onRunStart' | 'onScenarioEnd' | 'onRunEnd' | 'printsToStdio';

export interface ReporterFailure {
  /** The failing reporter's `name`. */
  reporter: string;
  hook: ReporterHook;
  message: string;
  /** What was thrown, for a stack trace under --verbose. */
  error: unknown;
}

export interface MultiplexerOptions {
  /** Called on each failure as it happens, e.g. to log it to stderr. Its own errors are ignored. */
  onReporterError?: (failure: ReporterFailure) => void;
}

type RunPlan = Parameters<NonNullable<Reporter['onRunStart']>>[0];

export class Multiplexer implements Reporter {
  readonly name = 'multiplexer';
  readonly #reporters: readonly Reporter[];
  readonly #onReporterError: ((failure: ReporterFailure) => void) | undefined;
  readonly #failures: ReporterFailure[] = [];
  readonly #written: string[] = [];

  constructor(reporters: readonly Reporter[], options: MultiplexerOptions = {}) {
    this.#reporters = [...reporters];
    this.#onReporterError = options.onReporterError;
  }

  /** Every reporter error so far, in order. Non-empty means the CLI should exit 2. */
  get failures(): readonly ReporterFailure[] {
    return this.#failures;
  }

  /** The files the reporters said they wrote in onRunEnd. */
  get writtenFiles(): readonly string[] {
    return this.#written;
  }

  async onRunStart(plan: RunPlan): Promise<void> {
    await this.#each('onRunStart', (r) => r.onRunStart?.(plan));
  }

  async onScenarioEnd(result: ScenarioResult): Promise<void> {
    await this.#each('onScenarioEnd', (r) => r.onScenarioEnd?.(result));
  }

  async onRunEnd(report: RunReport): Promise<string[]> {
    const written: string[] = [];
    await this.#each('onRunEnd', async (r) => {
      const paths = await r.onRunEnd?.(report);
      if (Array.isArray(paths)) written.push(...paths);
    });
    this.#written.push(...written);
    return written;
  }

  /** True when any reporter writes to stdout, so the CLI can keep its own output out of the way. */
  printsToStdio(): boolean {
    return this.#reporters.some((r) => {
      try {
        return r.printsToStdio?.() ?? false;
      } catch (error) {
        this.#record(r, 'printsToStdio', error);
        return false;
      }
    });
  }

  // In order, one at a time: console output stays in registration order and a slow file write
  // cannot interleave with the next hook's output.
  async #each(hook: ReporterHook, call: (reporter: Reporter) => unknown): Promise<void> {
    for (const reporter of this.#reporters) {
      try {
        await call(reporter);
      } catch (error) {
        this.#record(reporter, hook, error);
      }
    }
  }

  #record(reporter: Reporter, hook: ReporterHook, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const failure: ReporterFailure = { reporter: safeName(reporter), hook, message, error };
    this.#failures.push(failure);
    try {
      this.#onReporterError?.(failure);
    } catch {
      // A broken logger must not undo the containment it is reporting on.
    }
  }
}

function safeName(reporter: Reporter): string {
  try {
    return String(reporter.name);
  } catch {
    return '(unnamed reporter)';
  }
}
