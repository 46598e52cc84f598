/** @module Shared test data for mock-idp unit tests: a tenant, B.Simon and a configured app, in memory. */
import { MemoryStatePersistence } from '../state/file-persistence.js';
import { TenantState } from '../state/tenant-state.js';
import { defaultUsers, DEFAULT_GROUPS } from '../directory/default-directory.js';
import { fixedClock } from '../util/clock.js';
import { sequentialIds } from '../util/ids.js';
import type { EnterpriseAppInput } from '../model/app.js';

export const TEST_TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const TEST_NOW = '2026-03-01T12:00:00.000Z';

export function testTenant(appOverrides: Partial<EnterpriseAppInput> = {}) {
  const clock = fixedClock(TEST_NOW);
  const ids = sequentialIds();
  const state = new TenantState(
    { tenantId: TEST_TENANT_ID, displayName: 'Contoso', primaryDomain: 'contoso.com' },
    new MemoryStatePersistence(),
    ids,
    clock,
  );
  for (const g of DEFAULT_GROUPS) state.addGroup(g);
  for (const u of defaultUsers('contoso.com')) state.addUser(u);
  const app = state.addApp({
    name: 'test-sp',
    displayName: 'Test SP',
    identifiers: ['https://sp.example.com/metadata'],
    replyUrls: [{ url: 'https://sp.example.com/acs', isDefault: true }],
    ...appOverrides,
  });
  return { state, app, clock, ids, user: state.requireUser('B.Simon@contoso.com') };
}
