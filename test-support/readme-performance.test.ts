import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BEGIN,
  END,
  renderPerformanceTable,
  unpadded,
  withPerformanceTable,
} from '../bench/performance-table.js';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe("the README's performance table", () => {
  it('quotes exactly the figures of bench/results.json (npm run bench rewrites it)', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf(BEGIN) + BEGIN.length, readme.indexOf(END)).trim();
    expect(unpadded(section)).toBe(unpadded(renderPerformanceTable(JSON.parse(read('bench/results.json')))));
  });

  it('says which targets are met, from the figures', () => {
    const results = JSON.parse(read('bench/results.json'));
    const slower = { ...results, demo: { ...results.demo, processMs: results.demo.targets.processMs + 1 } };
    const faster = { ...results, demo: { ...results.demo, processMs: results.demo.targets.processMs - 1 } };
    const demoRow = (table: string): string | undefined =>
      table.split('\n').find((l) => l.includes('wall time'));
    expect(demoRow(renderPerformanceTable(slower))).toMatch(/\| no \|$/);
    expect(demoRow(renderPerformanceTable(faster))).toMatch(/\| yes \|$/);
  });

  it('refuses a README without the markers instead of appending', () => {
    expect(() => withPerformanceTable('# no markers', 'table')).toThrow();
  });
});
