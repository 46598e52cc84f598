/**
 * @module A scenario's browser evidence, kept until its outcome is known: the screenshot of the SP's
 * final page, the traces of contexts that reset() ended, and sentences about cookies. At the end: the
 * screenshot is written beside the report (by default only for the outcomes a report shows one for),
 * traces only for fail and error, under `<subdir>/<scenario id>/<flow>.{jpg,trace.zip}`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ScenarioResult } from '../../../reports/types.js';
import type { ScenarioEvidence } from './capabilities.js';

export interface BrowserArtifactOptions {
  /** The report directory: artifact paths in the report are relative to it. */
  reportDir: string;
  /** This run's folder inside reportDir. */
  subdir: string;
  /** JPEGs of the SP's final page: for fail, error and inconclusive outcomes, for every scenario, or none. */
  screenshots: ScreenshotPolicy;
  /** A Playwright trace for every scenario that ends fail or error. */
  traces: boolean;
}

export const SCREENSHOT_POLICIES = ['failures', 'all', 'off'] as const;
export type ScreenshotPolicy = (typeof SCREENSHOT_POLICIES)[number];

/** The outcomes whose reports show the SP's final page under 'failures': the ones a reader looks into. */
const SHOWN = new Set<ScenarioResult['outcome']>(['fail', 'error', 'inconclusive']);

/** The outcomes a trace is kept for (trace-failures.ts repeats exactly these scenarios, traced). */
export const TRACED_OUTCOMES: ReadonlySet<ScenarioResult['outcome']> = new Set(['fail', 'error']);

/** Whether a scenario with this outcome keeps a screenshot (undefined: not known yet, keep one if cheap). */
export function wantsScreenshot(
  options: BrowserArtifactOptions | undefined,
  outcome: ScenarioResult['outcome'] | undefined,
): boolean {
  if (!options || options.screenshots === 'off') return false;
  if (options.screenshots === 'all') return true;
  return outcome !== undefined && SHOWN.has(outcome);
}

/** Ends the current context's trace into `path` (or drops it). */
export type TraceStopper = (path: string | undefined) => Promise<void>;

export class ScenarioEvidenceKeeper {
  screenshot: Buffer | undefined;
  readonly notes = new Set<string>();
  private readonly earlierTraces: Array<{ path: string; written: Promise<void> }> = [];

  constructor(readonly options: BrowserArtifactOptions | undefined) {}

  /** Where a context that reset() ends writes its trace for now; undefined when traces are off. */
  async temporaryTracePath(): Promise<string | undefined> {
    if (!this.options?.traces) return undefined;
    const dir = join(this.options.reportDir, this.options.subdir, '.tmp');
    await mkdir(dir, { recursive: true });
    return join(dir, `${randomBytes(8).toString('hex')}.zip`);
  }

  keepEarlierTrace(path: string, written: Promise<void>): void {
    this.earlierTraces.push({ path, written });
  }

  async finish(
    result: Pick<ScenarioResult, 'id' | 'flow' | 'outcome'>,
    stopCurrentTrace: TraceStopper | undefined,
  ): Promise<ScenarioEvidence> {
    const notes = [...this.notes];
    const artifacts: string[] = [];
    const settings = this.options;
    if (!settings) return { artifacts, notes };
    const base = artifactBase(settings.subdir, result.id, result.flow);
    const keepTrace = settings.traces && TRACED_OUTCOMES.has(result.outcome);
    try {
      if (this.screenshot && wantsScreenshot(settings, result.outcome)) {
        await writeArtifact(settings.reportDir, `${base}.jpg`, this.screenshot);
        artifacts.push(`${base}.jpg`);
      }
      for (const [i, { path: tmp, written }] of this.earlierTraces.splice(0).entries()) {
        await written;
        if (!keepTrace) {
          await unlink(tmp).catch(() => undefined);
          continue;
        }
        const path = `${base}.trace-${i + 1}.zip`;
        await mkdir(dirname(join(settings.reportDir, path)), { recursive: true });
        await rename(tmp, join(settings.reportDir, path)).then(
          () => artifacts.push(path),
          () => undefined,
        );
      }
      if (stopCurrentTrace && keepTrace) {
        const path = `${base}.trace.zip`;
        await mkdir(dirname(join(settings.reportDir, path)), { recursive: true });
        await stopCurrentTrace(join(settings.reportDir, path));
        artifacts.push(path);
      }
    } catch (error) {
      notes.push(`browser evidence could not be written: ${(error as Error).message}`);
    }
    return { artifacts, notes };
  }

  /** Drops what was never finished (a scenario abandoned midway). */
  discard(): void {
    for (const { path, written } of this.earlierTraces.splice(0))
      void written.then(() => unlink(path)).catch(() => undefined);
  }
}

/** `<subdir>/<scenario id>/<flow>`, each segment made safe as a file name. */
export function artifactBase(subdir: string, id: string, flow: string): string {
  const safe = (segment: string): string => {
    const cleaned = segment.replace(/[^A-Za-z0-9._-]/g, '_');
    return /^\.*$/.test(cleaned) ? '_' : cleaned;
  };
  return [subdir, ...id.split('/').map(safe), safe(flow)].join('/');
}

async function writeArtifact(reportDir: string, relative: string, data: Buffer): Promise<void> {
  const path = join(reportDir, relative);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}
