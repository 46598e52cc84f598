import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.js';
import type { Flow } from '../../scenarios/types.js';
import { LIFECYCLE_USER_PREFIX } from './run-users.js';
import { runScenario } from './run-scenario.js';
import { profileSpEnv } from './test-support/profile-sp-env.js';

/** The generic profile SP (accounts keyed by NameID, never by a transient one), trusting a fresh mock tenant. */
async function setUp(broken: string[] = [], accountPattern?: RegExp | null) {
  const { env, tenant } = await profileSpEnv({ broken, accountPattern });
  const lifecycleUsers = () =>
    tenant.listUsers().filter((u) => u.userPrincipalName.startsWith(LIFECYCLE_USER_PREFIX));
  return { env, lifecycleUsers };
}

const scenario = (id: string) => scenarios.find((s) => s.id === id)!;

describe('account-lifecycle scenarios', () => {
  it.each<[string, Flow]>([
    ['lifecycle/jit/first-login-creates-account', 'sp-initiated'],
    ['lifecycle/account/second-login-same-account', 'idp-initiated'],
    ['lifecycle/account/persistent-name-id-survives-email-change', 'sp-initiated'],
    ['lifecycle/account/transient-name-id-not-an-account-key', 'idp-initiated'],
    ['lifecycle/account/namesakes-get-separate-accounts', 'sp-initiated'],
  ])(
    '%s (%s) passes against an SP that keys accounts correctly, and leaves no users behind',
    async (id, flow) => {
      const { env, lifecycleUsers } = await setUp();
      const result = await runScenario(scenario(id), flow, env);
      expect(result.outcome, result.actual).toBe('pass');
      expect(lifecycleUsers()).toEqual([]);
    },
  );

  it('fails an SP that links two users by a shared transient NameID', async () => {
    const { env } = await setUp(['link-transient-name-id']);
    const result = await runScenario(
      scenario('lifecycle/account/transient-name-id-not-an-account-key'),
      'idp-initiated',
      env,
    );
    expect(result.outcome).toBe('fail');
  });

  it('reports a persistent NameID that loses its account after an e-mail change as non-strict (a should)', async () => {
    const { env } = await setUp(['key-by-email']);
    const result = await runScenario(
      scenario('lifecycle/account/persistent-name-id-survives-email-change'),
      'idp-initiated',
      env,
    );
    expect(result.outcome).toBe('non-strict');
  });

  it('sees the removed user refused (AADSTS50105) and no session at the SP', async () => {
    const { env, lifecycleUsers } = await setUp();
    const result = await runScenario(
      scenario('lifecycle/assignment/unassigned-user-refused'),
      'sp-initiated',
      env,
    );
    expect(result.outcome).toBe('info');
    expect(result.verdict?.login).toBe('rejected');
    expect(lifecycleUsers()).toEqual([]);
  });

  it('is a configuration error, not a pass, when the account id cannot be read', async () => {
    const { env } = await setUp([], null);
    const result = await runScenario(
      scenario('lifecycle/account/second-login-same-account'),
      'idp-initiated',
      env,
    );
    expect(result.outcome).toBe('error');
    expect(result.error?.code).toBe('BAD_CONFIG');
  });
});
