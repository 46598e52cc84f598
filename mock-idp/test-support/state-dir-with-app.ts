/**
 * @module Test helper: a state directory on disk holding one app, for tests that check what is stored and
 * what another process sharing the directory sees.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockIdpState } from '../state/mock-idp-state.js';

/** A fresh state directory whose default tenant has the app `sp` (Identifier https://sp.test/). */
export function stateWithApp() {
  const dir = mkdtempSync(join(tmpdir(), 'samlspec-overlay-'));
  const state = MockIdpState.open({ stateDir: dir });
  const tenant = state.defaultTenant;
  const app = tenant.addApp({ name: 'sp', displayName: 'SP', identifiers: ['https://sp.test/'] });
  const file = join(dir, 'tenants', tenant.tenant.tenantId, 'apps', `${app.appId}.json`);
  return { dir, state, tenant, app, stored: () => readFileSync(file, 'utf8') };
}
