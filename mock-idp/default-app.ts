/**
 * @module The default enterprise app: used by every command that is not given `--app`, created on first
 * use in the state directory, so its certificate is the one every later command signs with.
 */
import type { TenantState } from './state/tenant-state.js';
import type { EnterpriseApp } from './model/app.js';

export const DEFAULT_APP_NAME = 'default';

export function ensureApp(tenant: TenantState, name: string = DEFAULT_APP_NAME): EnterpriseApp {
  // Look and create in one step under the state lock: two processes on one fresh state directory must
  // not each create a "default" app with its own signing certificate.
  return tenant.atomically(
    () =>
      tenant.findApp(name) ??
      tenant.addApp({ name, displayName: name === DEFAULT_APP_NAME ? 'samlspec SAML app' : name }),
  );
}
