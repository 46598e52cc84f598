/**
 * @module Where a browser-mode run spends its time: with SAMLSPEC_BROWSER_PHASES=1, each phase (context
 * creation, page, DevTools session, login start, delivery, probe, screenshot, trace, close) is timed and
 * the totals go to stderr when the process exits. Off (a plain pass-through) otherwise.
 */
const ENABLED = process.env.SAMLSPEC_BROWSER_PHASES === '1';
const totals = new Map<string, { ms: number; count: number }>();

/** `work`, timed under `name` when enabled. */
export function phase<T>(name: string, work: Promise<T>): Promise<T> {
  if (!ENABLED) return work;
  const started = performance.now();
  const add = (): void => {
    const entry = totals.get(name) ?? { ms: 0, count: 0 };
    entry.ms += performance.now() - started;
    entry.count += 1;
    totals.set(name, entry);
  };
  return work.finally(add);
}

if (ENABLED)
  process.on('exit', () => {
    const rows = [...totals].map(
      ([name, { ms, count }]) => `${name}\t${count}\t${ms.toFixed(0)}\t${(ms / count).toFixed(1)}`,
    );
    process.stderr.write(`phase\tcount\ttotal_ms\tavg_ms\n${rows.join('\n')}\n`);
  });
