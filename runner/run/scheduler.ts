/**
 * @module Runs a plan with a bounded number of concurrent workers, a time limit per scenario, and a
 * stop signal (Ctrl-C): whatever finished is kept, in plan order, and reporters hear about each result
 * as it is final. With liveness hooks it also watches the SP:
 * - a refusal (a `pass` of a reject/forgery scenario) is held until a later re-delivery of the baseline
 *   shows the SP still signs the baseline user in; if it no longer does, the held refusals prove nothing
 *   and become inconclusive;
 * - when the SP stops answering, scheduling pauses, the runs that were in flight are the suspects, and
 *   once the SP is back (a supervisor restarted it) each suspect is re-run alone: the one after which the
 *   SP stops answering again is the input that crashed it (a must failure). If the SP does not come back,
 *   the suspects are reported as such and nothing more is run ("not run: the SP was down").
 */
import type { ScenarioResult, SpDownEvent } from '../../reports/types.js';
import type { PlannedRun } from './plan.js';

export type LivenessState = 'alive' | 'refusing' | 'down';

export interface LivenessHooks {
  /** Re-delivers the baseline: accepted (alive), answered without a session (refusing), no answer (down). */
  check(): Promise<LivenessState>;
  /** Scenario runs per worker between two checks. */
  every: number;
  /** How long to wait for a stopped SP to answer again (a supervisor restarting it). */
  recoveryMs: number;
  pollMs: number;
  /** Whether a result means the SP did not answer at all (connection refused or reset, timeout). */
  lostConnection(result: ScenarioResult): boolean;
  /** The result of the input after which the SP stopped answering. */
  crashed(
    run: PlannedRun,
    result: ScenarioResult,
    suspects: readonly PlannedRun[],
    recovered: boolean,
  ): ScenarioResult;
  notRun(run: PlannedRun, after: string): ScenarioResult;
  /** A held refusal whose baseline was no longer accepted at the next check. */
  unconfirmed(result: ScenarioResult): ScenarioResult;
}

export interface RunPlanOptions {
  workers: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  execute(run: PlannedRun): Promise<ScenarioResult>;
  skipped(run: PlannedRun): ScenarioResult;
  timedOut(run: PlannedRun, ms: number): ScenarioResult;
  onResult?(result: ScenarioResult): void | Promise<void>;
  liveness?: LivenessHooks | undefined;
}

export interface RunPlanOutcome {
  results: ScenarioResult[];
  interrupted: boolean;
  liveness?: { checks: number; failed: number; spDown: SpDownEvent[] } | undefined;
}

export const runKey = (run: PlannedRun): string => `${run.scenario.id}@${run.flow}`;

export async function runPlan(plan: readonly PlannedRun[], options: RunPlanOptions): Promise<RunPlanOutcome> {
  const scheduler = new Scheduler(plan, options);
  return scheduler.run();
}

class Scheduler {
  readonly #plan: readonly PlannedRun[];
  readonly #options: RunPlanOptions;
  readonly #live: LivenessHooks | undefined;
  readonly #results: (ScenarioResult | undefined)[];
  readonly #queue: number[];
  readonly #inFlight = new Set<number>();
  /** Refusals waiting for the next good liveness check. */
  readonly #held = new Map<number, ScenarioResult>();
  /** Runs that lost the connection, waiting for the incident to decide what they were. */
  readonly #lost = new Map<number, ScenarioResult>();
  readonly #stats = { checks: 0, failed: 0, spDown: [] as SpDownEvent[] };
  #incident: Promise<void> | undefined;
  #suspects: number[] | undefined;
  #lastDone: number | undefined;
  #down: string | undefined;
  #lastAnswer: string | undefined;

  constructor(plan: readonly PlannedRun[], options: RunPlanOptions) {
    this.#plan = plan;
    this.#options = options;
    this.#live = options.liveness;
    this.#results = new Array(plan.length);
    this.#queue = plan.map((_, i) => i);
  }

  async run(): Promise<RunPlanOutcome> {
    const count = Math.max(1, Math.min(this.#options.workers, this.#plan.length));
    const workers = Array.from({ length: count }, () => this.#worker());
    await Promise.race([Promise.all(workers), aborted(this.#options.signal)]);
    if (!this.#options.signal?.aborted) await this.#finish();
    const done = this.#results.filter((r): r is ScenarioResult => r !== undefined);
    return {
      results: done,
      interrupted: done.length < this.#plan.length,
      ...(this.#live ? { liveness: this.#stats } : {}),
    };
  }

  async #worker(): Promise<void> {
    let sinceCheck = 0;
    for (;;) {
      if (this.#incident) await this.#incident;
      if (this.#down !== undefined || this.#options.signal?.aborted) return;
      const index = this.#queue.shift();
      if (index === undefined) return;
      const run = this.#plan[index]!;
      if (run.skip) {
        await this.#emit(index, this.#options.skipped(run));
        continue;
      }
      this.#inFlight.add(index);
      const result = await this.#execute(run);
      this.#inFlight.delete(index);
      if (this.#live?.lostConnection(result)) {
        this.#lost.set(index, result);
        await this.#startIncident(index);
        continue;
      }
      await this.#record(index, result);
      if (this.#live && ++sinceCheck >= this.#live.every) {
        sinceCheck = 0;
        await this.#confirm();
      }
    }
  }

  async #execute(run: PlannedRun): Promise<ScenarioResult> {
    let timer: NodeJS.Timeout | undefined;
    const { timeoutMs } = this.#options;
    const timeout = new Promise<ScenarioResult>((resolve) => {
      timer = setTimeout(() => resolve(this.#options.timedOut(run, timeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([this.#options.execute(run), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A refusal is held for confirmation; everything else is final at once. */
  async #record(index: number, result: ScenarioResult): Promise<void> {
    this.#lastDone = index;
    if (this.#live && result.outcome === 'pass' && this.#plan[index]!.scenario.expect !== 'accept') {
      this.#held.set(index, result);
      return;
    }
    await this.#emit(index, result);
  }

  async #emit(index: number, result: ScenarioResult): Promise<void> {
    this.#results[index] = result;
    await this.#options.onResult?.(result);
  }

  async #check(): Promise<LivenessState> {
    this.#stats.checks++;
    const state = await this.#live!.check();
    if (state !== 'alive') this.#stats.failed++;
    return state;
  }

  /** The held refusals stand only if the SP still signs the baseline user in. */
  async #confirm(): Promise<void> {
    const batch = [...this.#held.entries()];
    for (const [index] of batch) this.#held.delete(index);
    if (batch.length === 0) return;
    const state = await this.#check();
    if (state === 'down') {
      // Put them back: the incident decides (they stand if the SP answers again and accepts the baseline).
      for (const [index, result] of batch) this.#held.set(index, result);
      await this.#startIncident(undefined);
      return;
    }
    for (const [index, result] of batch)
      await this.#emit(index, state === 'alive' ? result : this.#live!.unconfirmed(result));
  }

  #startIncident(trigger: number | undefined): Promise<void> {
    if (!this.#incident) {
      // Everything in flight now may have been what stopped the SP; nothing new starts until it is settled.
      const suspects = [...this.#inFlight, ...(trigger !== undefined ? [trigger] : [])];
      if (trigger === undefined && this.#lastDone !== undefined) suspects.push(this.#lastDone);
      this.#suspects = [...new Set(suspects)];
      this.#incident = this.#settleIncident().finally(() => {
        this.#incident = undefined;
        this.#suspects = undefined;
      });
    } else if (trigger !== undefined && this.#suspects && !this.#suspects.includes(trigger)) {
      // Nothing starts during an incident, so a run losing its connection now was in flight when it began.
      this.#suspects.push(trigger);
    }
    return this.#incident;
  }

  async #settleIncident(): Promise<void> {
    while (this.#inFlight.size > 0) await sleep(10);
    const live = this.#live!;
    const suspects = this.#narrow(this.#suspects ?? []);
    const recovered = await this.#waitForRecovery();
    const event: SpDownEvent = { after: suspects.map((i) => runKey(this.#plan[i]!)), recovered, notRun: 0 };
    if (recovered) {
      const culprit = await this.#isolate(suspects);
      if (culprit !== undefined) {
        event.after = [runKey(this.#plan[culprit]!)];
        event.lastAnswer = this.#lastAnswer;
        this.#stats.spDown.push(event);
        // The culprit stopped the SP again; go on only if it comes back once more.
        if (!(await this.#waitForRecovery())) {
          event.recovered = false;
          this.#stopRun(event);
          return;
        }
      }
      // Runs that merely met the SP while it was down are run again.
      const retry = [...this.#lost.keys()].filter((i) => this.#results[i] === undefined);
      this.#lost.clear();
      this.#queue.unshift(...retry);
      return;
    }
    // Not back: the suspects are reported as the inputs after which the SP stopped answering.
    const runs = suspects.map((i) => this.#plan[i]!);
    for (const index of suspects) {
      const original = this.#lost.get(index) ?? this.#held.get(index) ?? this.#results[index];
      this.#held.delete(index);
      const result = live.crashed(
        this.#plan[index]!,
        original ?? this.#options.skipped(this.#plan[index]!),
        runs,
        false,
      );
      await this.#emit(index, result);
    }
    event.lastAnswer = suspects.map((i) => this.#lost.get(i)?.actual).find(Boolean);
    this.#stats.spDown.push(event);
    this.#stopRun(event);
  }

  /**
   * Runs that met a closed port at their first request started after the SP was already down: not
   * suspects, when any other run was in flight.
   */
  #narrow(suspects: number[]): number[] {
    const refused = (i: number): boolean =>
      /ECONNREFUSED|ERR_CONNECTION_REFUSED/.test(this.#lost.get(i)?.actual ?? '');
    const narrowed = suspects.filter((i) => !refused(i));
    return narrowed.length > 0 ? narrowed : suspects;
  }

  async #waitForRecovery(): Promise<boolean> {
    const live = this.#live!;
    const deadline = Date.now() + live.recoveryMs;
    for (;;) {
      const state = await this.#check();
      if (state !== 'down') return true;
      if (Date.now() >= deadline) return false;
      await sleep(live.pollMs);
    }
  }

  /** Each suspect alone, followed by a check: the one after which the SP is down again crashed it. */
  async #isolate(suspects: number[]): Promise<number | undefined> {
    const live = this.#live!;
    for (const index of suspects) {
      const run = this.#plan[index]!;
      this.#held.delete(index);
      const result = await this.#execute(run);
      const state = await this.#check();
      if (live.lostConnection(result) || state === 'down') {
        this.#lastAnswer = result.actual;
        this.#lost.delete(index);
        await this.#emit(index, live.crashed(run, result, [run], true));
        return index;
      }
      this.#lost.delete(index);
      // A suspect that had already finished keeps the result reporters have seen.
      if (this.#results[index] === undefined) await this.#record(index, result);
    }
    return undefined;
  }

  #stopRun(event: SpDownEvent): void {
    this.#down = event.after.join(', ');
  }

  /** After the last run: confirm held refusals, and mark what the SP's death kept from running. */
  async #finish(): Promise<void> {
    if (this.#down === undefined && this.#live && this.#held.size > 0) await this.#confirm();
    if (this.#incident) await this.#incident;
    if (this.#down === undefined) {
      for (const [index, result] of this.#held) await this.#emit(index, result);
      this.#held.clear();
      return;
    }
    // The SP answered these before it stopped: refusals made while it still answered stand.
    for (const [index, result] of this.#held) await this.#emit(index, result);
    this.#held.clear();
    let notRun = 0;
    for (let index = 0; index < this.#plan.length; index++) {
      if (this.#results[index] !== undefined) continue;
      const run = this.#plan[index]!;
      if (run.skip) {
        await this.#emit(index, this.#options.skipped(run));
        continue;
      }
      notRun++;
      await this.#emit(index, this.#live!.notRun(run, this.#down));
    }
    const last = this.#stats.spDown.at(-1);
    if (last) last.notRun = notRun;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
