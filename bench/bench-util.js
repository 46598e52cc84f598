/** @module What every bench script needs: a free port, a process's CPU time, the median, and results.json. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLK_TCK = 100;
const RESULTS_FILE = fileURLToPath(new URL('results.json', import.meta.url));

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** user+system CPU ms of a process (stat fields 14, 15), or of its waited-for children (16, 17); Linux only. */
export function cpuMsOf(pid, children = false) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const [a, b] = children ? [13, 14] : [11, 12];
    return ((Number(fields[a]) + Number(fields[b])) * 1000) / CLK_TCK;
  } catch {
    return undefined;
  }
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
};

/** Writes one benchmark's figures under its key in bench/results.json, keeping the other benchmarks' keys. */
export function mergeResults(key, figures) {
  const results = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
  results[key] = figures;
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${RESULTS_FILE} (key "${key}")`);
}
