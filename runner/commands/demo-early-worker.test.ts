import { describe, expect, it } from 'vitest';
import { isDemoRun, spawnDemoSpWorker } from './demo-early-worker.js';

describe('the demo’s early SP worker', () => {
  it('is made for a demo run only: not for other commands, not for demo --help', () => {
    expect(isDemoRun(['demo'])).toBe(true);
    expect(isDemoRun(['demo', '--profile', 'sentry', '--quiet'])).toBe(true);
    expect(isDemoRun(['demo', '--help'])).toBe(false);
    expect(isDemoRun(['demo', '-h'])).toBe(false);
    expect(isDemoRun(['run', 'demo'])).toBe(false);
    expect(isDemoRun([])).toBe(false);
    // No worker is made when none is needed (the entry file would not exist here anyway).
    const nowhere = new URL('file:///nonexistent/sp-thread-main.js');
    expect(spawnDemoSpWorker(['run', '--sp-metadata', 'sp.xml'], nowhere)).toBeUndefined();
    expect(spawnDemoSpWorker(['demo', '--help'], nowhere)).toBeUndefined();
  });
});
