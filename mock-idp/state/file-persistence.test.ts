import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MockIdpError } from '../errors.js';
import { ensureApp } from '../default-app.js';
import { MockIdpState } from './mock-idp-state.js';

const freshDir = (): string => mkdtempSync(join(tmpdir(), 'samlspec-state-'));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof MockIdpError) return error.code;
    throw error;
  }
  return undefined;
}

describe('an unusable state directory is STATE_UNUSABLE, with the path in the message', () => {
  it('when the path is a file', () => {
    const file = join(freshDir(), 'state');
    writeFileSync(file, 'not a directory');
    expect(codeOf(() => MockIdpState.open({ stateDir: file }))).toBe('STATE_UNUSABLE');
    expect(codeOf(() => MockIdpState.open({ stateDir: join(file, 'below') }))).toBe('STATE_UNUSABLE');
  });

  it('when state.json is damaged', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'state.json'), '{"version": 1, "defaultTenantId": ');
    expect(codeOf(() => MockIdpState.open({ stateDir: dir }))).toBe('STATE_UNUSABLE');
  });

  it('when an app file is damaged', () => {
    const dir = freshDir();
    const state = MockIdpState.open({ stateDir: dir });
    const app = ensureApp(state.defaultTenant);
    writeFileSync(
      join(dir, 'tenants', state.defaultTenant.tenant.tenantId, 'apps', `${app.appId}.json`),
      '{"name": 1}',
    );
    expect(codeOf(() => MockIdpState.open({ stateDir: dir }))).toBe('STATE_UNUSABLE');
  });

  it('when a state file is a directory', () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'state.json'));
    expect(codeOf(() => MockIdpState.open({ stateDir: dir }))).toBe('STATE_UNUSABLE');
  });
});

describe('two openers of one state directory', () => {
  it('share one default app and one signing certificate, whoever creates it', () => {
    const dir = freshDir();
    // Both loaded the state before either made the app: the second sees the first's on disk.
    const first = MockIdpState.open({ stateDir: dir });
    const second = MockIdpState.open({ stateDir: dir });
    const a = ensureApp(first.defaultTenant);
    const b = ensureApp(second.defaultTenant);
    expect(b.appId).toBe(a.appId);
    expect(b.certificates.map((c) => c.thumbprint)).toEqual(a.certificates.map((c) => c.thumbprint));
  });

  it('keep each other’s changes: a change starts from what is on disk', () => {
    const dir = freshDir();
    const first = MockIdpState.open({ stateDir: dir });
    const second = MockIdpState.open({ stateDir: dir });
    ensureApp(first.defaultTenant);
    first.defaultTenant.updateApp('default', { relayState: '/from-first' });
    second.defaultTenant.updateApp('default', { identifiers: ['https://second.example/'] });
    const third = MockIdpState.open({ stateDir: dir }).defaultTenant.requireApp('default');
    expect(third.relayState).toBe('/from-first');
    expect(third.identifiers).toEqual(['https://second.example/']);
    expect(third.certificates).toHaveLength(1);
  });
});
