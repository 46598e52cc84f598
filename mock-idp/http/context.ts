/** @module What every route of the mock IdP server shares: state, URLs, clock, ids and session stores. */
import type { MockIdpState } from '../state/mock-idp-state.js';
import type { IdGenerator } from '../util/ids.js';
import type { Clock } from '../util/clock.js';
import { BoundedStore } from './bounded-store.js';

/** A sign-in in progress: what the AuthnRequest (or launch) asked for, kept while the user signs in. */
export interface PendingLogin {
  id: string;
  tenantId: string;
  appId: string;
  acsUrl: string;
  audience: string;
  inResponseTo?: string | undefined;
  relayState?: string | undefined;
  requestedNameIdFormat?: string | undefined;
  forceAuthn: boolean;
  isPassive: boolean;
  loginHint?: string | undefined;
}

/** The mock's SSO session (Entra's ESTSAUTH cookie): who signed in, when. */
export interface SsoSession {
  tenantId: string;
  userObjectId: string;
  authnInstant: Date;
}

export interface ServerOptions {
  /**
   * Non-interactive sign-in for automation. `true`: sign in the `login_hint` user, else B.Simon, without
   * a page. A UPN: always sign in that user. `false` (default): show the sign-in page to people.
   */
  autoSignIn?: boolean | string;
  /** Bearer token for the admin API; required whenever the server listens beyond loopback. */
  adminToken?: string | undefined;
  /** Request body limit for SAML endpoints (bytes). */
  maxBodyBytes?: number;
}

export interface ServerContext {
  state: MockIdpState;
  baseUrl: string;
  ids: IdGenerator;
  clock: Clock;
  options: ServerOptions;
  pendingLogins: BoundedStore<PendingLogin>;
  sessions: BoundedStore<SsoSession>;
}

export const SESSION_COOKIE = 'samlspec_sso';

export function createServerContext(
  state: MockIdpState,
  baseUrl: string,
  options: ServerOptions,
): ServerContext {
  const now = (): number => state.clock.now().getTime();
  return {
    state,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    ids: state.ids,
    clock: state.clock,
    options,
    pendingLogins: new BoundedStore<PendingLogin>(10_000, 15 * 60_000, now),
    sessions: new BoundedStore<SsoSession>(10_000, 8 * 3600_000, now),
  };
}
