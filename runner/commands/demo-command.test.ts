import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../run/run-config.js';
import { configFromOptions } from './option-table.js';
import { demoRunSection } from './demo-command.js';
import { DEMO_SHARED_RUN_OPTIONS, DEMO_WORKERS, SHARED_RUN_OPTIONS } from './run-options.js';

const SP = { metadata: 'http://127.0.0.1:1/metadata', loginUrl: 'http://127.0.0.1:1/login' };

function demoRun(prefixes: string[], flags: Record<string, unknown>) {
  const run = demoRunSection(prefixes, configFromOptions(DEMO_SHARED_RUN_OPTIONS, flags).run);
  return parseRunConfig({ sp: SP, run }, 'demo').run;
}

describe('demo run settings', () => {
  it('runs DEMO_WORKERS scenarios at a time by default, more than run does', () => {
    expect(demoRun([], {}).workers).toBe(DEMO_WORKERS);
    expect(parseRunConfig({ sp: SP }, 'run').run.workers).toBeLessThan(DEMO_WORKERS);
  });

  it('lets --workers and the scenario prefixes through', () => {
    const run = demoRun(['attacks/xsw'], { workers: 2 });
    expect(run.workers).toBe(2);
    expect(run.scenarios).toEqual(['attacks/xsw']);
  });

  it("states the demo's own default in its help, every other flag as run has it", () => {
    const workers = DEMO_SHARED_RUN_OPTIONS.find((o) => o.flags === '--workers <n>');
    expect(workers?.description).toContain(`default ${DEMO_WORKERS}`);
    expect(DEMO_SHARED_RUN_OPTIONS.filter((o) => o.flags !== '--workers <n>')).toEqual(
      SHARED_RUN_OPTIONS.filter((o) => o.flags !== '--workers <n>'),
    );
  });
});
