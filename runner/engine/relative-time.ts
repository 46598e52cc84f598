/** @module Relative times in scenarios (`-10m`, `+30s`, `+2h`). */
import type { RelativeTime } from '../../scenarios/types.js';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

export function relativeMs(value: RelativeTime): number {
  const match = /^([+-])(\d+(?:\.\d+)?)([smh])$/.exec(value);
  if (!match) throw new Error(`invalid relative time ${value}`);
  const sign = match[1] === '-' ? -1 : 1;
  return sign * Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS];
}

export function shift(date: Date, value: RelativeTime): Date {
  return new Date(date.getTime() + relativeMs(value));
}
