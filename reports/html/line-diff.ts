/**
 * @module A line diff (Myers' O(ND) algorithm, from jsdiff) for showing what a scenario's mutation changed in the
 * response. Typical mutations touch a few lines of a ~100-line document, so after trimming the common
 * head and tail there is almost nothing left to compare; the edit budget bounds the pathological rest.
 */
import { diffArrays } from 'diff';

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

/**
 * The shortest edit script (jsdiff's Myers implementation, `diffArrays`), or undefined when it needs more
 * than `maxEdits` insertions and deletions. jsdiff rather than our own: it is the maintained, widely used
 * implementation of the same algorithm, with the edit budget built in.
 */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): DiffLine[] | undefined {
  if (a.length === 0 && b.length === 0) return [];
  const changes = diffArrays([...a], [...b], { maxEditLength: maxEdits });
  if (!changes) return undefined;
  const out: DiffLine[] = [];
  for (const change of changes) {
    const op: DiffOp = change.added ? '+' : change.removed ? '-' : ' ';
    for (const text of change.value) out.push({ op, text });
  }
  return out;
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
