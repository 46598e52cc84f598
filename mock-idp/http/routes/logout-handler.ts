/**
 * @module Single logout at /saml2 (HTTP-Redirect only, docs/entra.md §6): ends the mock's SSO session, then
 * redirects a signed LogoutResponse to the app's Logout URL, or shows the signed-out page without one.
 */
import type { Request, Response } from 'express';
import { handleLogoutRequest as answerLogout } from '../../protocol/logout.js';
import type { RedirectQuery, SamlMessageDocument } from '../../protocol/decode-message.js';
import type { TenantState } from '../../state/tenant-state.js';
import { parseCookies } from '../login-flow.js';
import { SESSION_COOKIE, type ServerContext } from '../context.js';
import { html, page } from '../pages/html.js';

export function handleLogoutRequest(
  ctx: ServerContext,
  req: Request,
  res: Response,
  tenant: TenantState,
  message: SamlMessageDocument,
  query: RedirectQuery,
): void {
  const outcome = answerLogout(message, query.relayState?.value, tenant, {
    loginBase: ctx.baseUrl,
    ids: ctx.ids,
    now: ctx.clock.now(),
  });
  const cookieName = `${SESSION_COOKIE}_${tenant.tenant.tenantId}`;
  const sessionId = parseCookies(req.headers.cookie)[cookieName];
  if (sessionId) ctx.sessions.delete(sessionId);
  res.clearCookie(cookieName, { path: '/' });
  if (outcome.kind === 'redirect') res.redirect(302, outcome.url);
  else res.type('html').send(signedOutPage());
}

export function signedOutPage(): string {
  return page(
    'Sign out',
    html`<h1>You signed out of your account</h1>
      <p>It's a good idea to close all browser windows.</p>`,
  );
}
