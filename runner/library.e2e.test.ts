/**
 * The package's entry points as an installed project sees them (Node resolves `samlspec` to this
 * package through package.json "exports"): the main entry has both the mock IdP's API and
 * runScenarios, and 'samlspec/mock-idp' still has the mock IdP's.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HarnessError } from './errors.js';
import { runScenarios } from './run-scenarios.js';

function exportsOf(specifier: string): string[] {
  const script = `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout) as string[];
}

describe("import ... from 'samlspec'", () => {
  it('the main entry exports runScenarios and the mock IdP API; samlspec/mock-idp the mock IdP API', () => {
    const main = exportsOf('samlspec');
    expect(main).toEqual(
      expect.arrayContaining(['runScenarios', 'startMockIdp', 'buildResponseDraft', 'EXIT']),
    );
    const mockIdp = exportsOf('samlspec/mock-idp');
    expect(mockIdp).toContain('startMockIdp');
    expect(mockIdp).not.toContain('runScenarios');
  });

  it('runScenarios rejects bad options with a coded HarnessError, before anything starts', async () => {
    let started = false;
    const sp = async () => {
      started = true;
      return {};
    };
    const error = await runScenarios({ sp, grep: '(' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('BAD_CONFIG');
    const noSp = await runScenarios({ sp: { probe: '/me' } }).catch((e: unknown) => e);
    expect((noSp as HarnessError).message).toMatch(/give the SP metadata/);
    expect(started).toBe(false);
  });
});
