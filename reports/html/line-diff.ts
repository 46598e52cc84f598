/**
 * @module A line diff (Myers' O(ND) algorithm) for showing what a scenario's mutation changed in the
 * response. Typical mutations touch a few lines of a ~100-line document, so after trimming the common
 * head and tail there is almost nothing left to compare; the edit budget bounds the pathological rest.
 */

export type DiffOp = ' ' | '+' | '-';

export interface DiffLine {
  op: DiffOp;
  text: string;
}

/** The lines of `after` with `+`, plus the lines only in `before` with `-`, removals first in each change. */
export function diffLines(before: readonly string[], after: readonly string[], maxEdits = 2000): DiffLine[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const middle = myers(a, b, maxEdits) ?? [
    ...a.map((text): DiffLine => ({ op: '-', text })),
    ...b.map((text): DiffLine => ({ op: '+', text })),
  ];
  // Loops rather than spreads: a spread of a very long array overflows the call stack.
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: ' ', text: before[i] as string });
  removalsFirst(middle, out);
  for (let i = before.length - tail; i < before.length; i++) out.push({ op: ' ', text: before[i] as string });
  return out;
}

/** The shortest edit script, or undefined when it needs more than `maxEdits` insertions and deletions. */
function myers(aText: readonly string[], bText: readonly string[], maxEdits: number): DiffLine[] | undefined {
  // Compare small integers rather than strings in the inner loop.
  const ids = new Map<string, number>();
  const intern = (s: string): number => ids.get(s) ?? (ids.set(s, ids.size), ids.size - 1);
  const a = aText.map(intern);
  const b = bText.map(intern);
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] after round d: O(D²) memory, which the edit budget bounds.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(aText, bText, trace);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: Int32Array[]): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1] as Int32Array;
    const at = (k: number): number => prev[k + d - 1] as number; // prev holds k = -(d-1) … d-1
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    for (; x > prevX && y > prevY; x--, y--) out.push({ op: ' ', text: a[x - 1] as string });
    if (x === prevX) out.push({ op: '+', text: b[--y] as string });
    else out.push({ op: '-', text: a[--x] as string });
  }
  for (; x > 0 && y > 0; x--, y--) out.push({ op: ' ', text: a[x - 1] as string });
  return out.reverse();
}

/** Appends `lines` to `out`, each run of changes reordered to its removals, then its additions. */
function removalsFirst(lines: readonly DiffLine[], out: DiffLine[]): void {
  for (let i = 0; i < lines.length;) {
    if ((lines[i] as DiffLine).op === ' ') {
      out.push(lines[i++] as DiffLine);
      continue;
    }
    const start = i;
    while (i < lines.length && (lines[i] as DiffLine).op !== ' ') i++;
    for (let j = start; j < i; j++) if ((lines[j] as DiffLine).op === '-') out.push(lines[j] as DiffLine);
    for (let j = start; j < i; j++) if ((lines[j] as DiffLine).op === '+') out.push(lines[j] as DiffLine);
  }
}
