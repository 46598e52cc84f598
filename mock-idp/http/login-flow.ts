/**
 * @module Signing a user in for a pending login and answering the SP: SSO session reuse, IsPassive,
 * ForceAuthn, non-interactive auto sign-in, the sign-in page, assignment checks (AADSTS50105), and
 * finally the signed response posted by an auto-submitting form to the (registered) ACS URL.
 */
import type { Request, Response } from 'express';
import { STATUS } from '../constants/namespaces.js';
import type { DirectoryUser } from '../model/user.js';
import { isLoopbackHost, type EnterpriseApp } from '../model/app.js';
import { isAssigned } from '../model/assignment.js';
import { findByAlias, sameUser } from '../model/user-match.js';
import type { TenantState } from '../state/tenant-state.js';
import { AadstsError, aadstsMessage } from '../protocol/aadsts.js';
import { assertionContentFor, issueErrorResponse, issueResponse } from '../response/issue-response.js';
import { NameIdSourceMissingError } from '../response/name-id.js';
import { autoPostPage } from './pages/auto-post-page.js';
import { signInPage } from './pages/sign-in-page.js';
import { sendNoStoreHtml } from './send-no-store-html.js';
import { SESSION_COOKIE, type PendingLogin, type ServerContext } from './context.js';

export const DEFAULT_AUTO_SIGN_IN_USER = 'B.Simon';

export function signInPath(tenantId: string): string {
  return `/${tenantId}/login`;
}

/** Decides how the user signs in for this pending login, then answers. */
export async function continueLogin(
  ctx: ServerContext,
  req: Request,
  res: Response,
  pending: PendingLogin,
): Promise<void> {
  const tenant = requireTenant(ctx, pending.tenantId);
  const app = tenant.requireApp(pending.appId);
  const session = sessionFor(ctx, req, pending.tenantId);
  if (session && !pending.forceAuthn) {
    const user = tenant.findUser(session.userObjectId);
    if (user && (!pending.loginHint || sameUser(user, pending.loginHint))) {
      return completeLogin(ctx, res, pending, user, session.authnInstant);
    }
  }
  if (pending.isPassive) {
    // A passive request cannot show UI: Entra answers the SP with an error Response (AADSTS50058).
    const xml = await issueErrorResponse(
      tenant,
      app,
      {
        acsUrl: pending.acsUrl,
        inResponseTo: pending.inResponseTo,
        statusCode: STATUS.requester,
        subStatusCode: STATUS.noPassive,
        message: aadstsMessage('50058'),
      },
      { ids: ctx.ids, now: ctx.clock.now() },
    );
    return postToSp(res, pending, xml);
  }
  const autoUser = autoSignInUser(ctx, app, pending);
  if (autoUser) {
    const user = tenant.findUser(autoUser) ?? findByAlias(tenant.listUsers(), autoUser);
    if (!user) throw new AadstsError('50034', { user: autoUser, tenant: tenant.tenant.primaryDomain });
    return completeLogin(ctx, res, pending, user, ctx.clock.now(), true);
  }
  ctx.pendingLogins.set(pending.id, pending);
  res.type('html').send(
    signInPage({
      action: signInPath(pending.tenantId),
      contextId: pending.id,
      appName: app.displayName,
      users: tenant.listUsers(),
      loginHint: pending.loginHint,
    }),
  );
}

function autoSignInUser(ctx: ServerContext, app: EnterpriseApp, pending: PendingLogin): string | undefined {
  if (app.autoSignIn) return pending.loginHint ?? app.autoSignIn;
  const auto = ctx.options.autoSignIn;
  if (typeof auto === 'string') return auto;
  if (auto === true) return pending.loginHint ?? DEFAULT_AUTO_SIGN_IN_USER;
  return undefined;
}

/** Handles the sign-in form post: checks the password, then completes the login. */
export async function submitSignIn(
  ctx: ServerContext,
  req: Request,
  res: Response,
  tenantId: string,
): Promise<void> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const contextId = typeof body.ctx === 'string' ? body.ctx : '';
  const pending = ctx.pendingLogins.get(contextId);
  if (!pending || pending.tenantId !== tenantId) {
    throw new AadstsError('75005', {
      detail: 'The sign-in session expired or is unknown. Start the sign-in again from the application.',
    });
  }
  const tenant = requireTenant(ctx, tenantId);
  const username = typeof body.username === 'string' ? body.username.trim() : '';
  const password = typeof body.password === 'string' ? body.password : '';
  const user = tenant.findUser(username) ?? findByAlias(tenant.listUsers(), username);
  const retry = (error: string): void => {
    res
      .status(200)
      .type('html')
      .send(
        signInPage({
          action: signInPath(tenantId),
          contextId: pending.id,
          appName: tenant.requireApp(pending.appId).displayName,
          users: tenant.listUsers(),
          loginHint: username,
          error,
        }),
      );
  };
  if (!user) return retry(aadstsMessage('50034', { user: username, tenant: tenant.tenant.primaryDomain }));
  if (user.password !== password) return retry(aadstsMessage('50126'));
  ctx.pendingLogins.delete(pending.id);
  await completeLogin(ctx, res, pending, user, ctx.clock.now(), true);
}

/** Issues and posts the response for a signed-in user, after Entra's sign-in-time checks. */
export async function completeLogin(
  ctx: ServerContext,
  res: Response,
  pending: PendingLogin,
  user: DirectoryUser,
  authnInstant: Date,
  startSession = false,
): Promise<void> {
  const tenant = requireTenant(ctx, pending.tenantId);
  const app = tenant.requireApp(pending.appId);
  if (!user.accountEnabled) throw new AadstsError('50057');
  if (!isAssigned(app, user)) {
    throw new AadstsError('50105', { app: app.displayName, appId: app.appId, user: user.userPrincipalName });
  }
  if (startSession) {
    const sessionId = ctx.ids.guid();
    ctx.sessions.set(sessionId, {
      tenantId: tenant.tenant.tenantId,
      userObjectId: user.objectId,
      authnInstant,
    });
    // SameSite=None needs Secure; browsers accept Secure cookies on http://localhost and 127.0.0.1.
    const base = new URL(ctx.baseUrl);
    const secure = base.protocol === 'https:' || isLoopbackHost(base.hostname);
    res.cookie(`${SESSION_COOKIE}_${tenant.tenant.tenantId}`, sessionId, {
      httpOnly: true,
      sameSite: 'none',
      secure,
      path: '/',
    });
  }
  let content;
  try {
    content = assertionContentFor(tenant, app, { user, authnInstant }, pending);
  } catch (error) {
    if (error instanceof NameIdSourceMissingError) throw new AadstsError('501241', { source: error.source });
    throw error;
  }
  const { xml } = await issueResponse(tenant, app, content, { ids: ctx.ids, now: ctx.clock.now() });
  postToSp(res, pending, xml);
}

function postToSp(res: Response, pending: PendingLogin, xml: string): void {
  sendNoStoreHtml(
    res,
    autoPostPage({
      action: pending.acsUrl,
      fields: { SAMLResponse: Buffer.from(xml, 'utf8').toString('base64'), RelayState: pending.relayState },
    }),
  );
}

function sessionFor(ctx: ServerContext, req: Request, tenantId: string) {
  const cookies = parseCookies(req.headers.cookie);
  const id = cookies[`${SESSION_COOKIE}_${tenantId}`];
  return id ? ctx.sessions.get(id) : undefined;
}

/**
 * The request's cookies. Browsers send every localhost cookie of every other local app to every port,
 * so malformed ones (`other=50%off`) are normal here: a value that is not valid percent-encoding is kept
 * as it is (as the `cookie` package does), never an error.
 */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name in out) continue; // the first of duplicate names wins, as in browsers' ordering
    out[name] = decodeCookieValue(part.slice(eq + 1).trim());
  }
  return out;
}

function decodeCookieValue(raw: string): string {
  const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function requireTenant(ctx: ServerContext, tenantId: string): TenantState {
  const tenant = ctx.state.findTenant(tenantId);
  if (!tenant) throw new AadstsError('90002', { tenant: tenantId });
  return tenant;
}
