/**
 * @module IdP-initiated sign-in, as My Apps, the app's User access URL and the portal's "Test" button do
 * it (docs/entra.md §2.9): an unsolicited response to the default Reply URL with the configured Relay State
 * and no InResponseTo — unless a Sign-on URL is set, in which case Entra sends the browser there
 * (SP-initiated) instead.
 */
import { Router, type Request, type Response } from 'express';
import { defaultIdentifier, defaultReplyUrl, isHttpUrl } from '../../model/app.js';
import { AadstsError } from '../../protocol/aadsts.js';
import type { TenantState } from '../../state/tenant-state.js';
import { continueLogin, requireTenant } from '../login-flow.js';
import type { ServerContext } from '../context.js';

export function launchRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.get('/launcher/api/signin/:app', async (req, res) => {
    const tenantId =
      typeof req.query.tenantId === 'string' ? req.query.tenantId : ctx.state.defaultTenant.tenant.tenantId;
    await launch(ctx, req, res, requireTenant(ctx, tenantId), req.params.app);
  });
  router.get('/portal/:tenant/apps/:app/test', async (req, res) => {
    await launch(ctx, req, res, requireTenant(ctx, req.params.tenant), req.params.app);
  });
  return router;
}

async function launch(
  ctx: ServerContext,
  req: Request,
  res: Response,
  tenant: TenantState,
  appRef: string,
): Promise<void> {
  const app = tenant.findApp(appRef);
  if (!app) throw new AadstsError('700016', { identifier: appRef, tenant: tenant.tenant.tenantId });
  if (!app.enabled) throw new AadstsError('7000112', { app: app.displayName, appId: app.appId });
  if (app.signOnUrl) {
    // The schema admits only http(s); checked again here because this is where a browser would go.
    if (!isHttpUrl(app.signOnUrl)) throw new AadstsError('90100', { parameter: 'The Sign-on URL' });
    res.redirect(302, app.signOnUrl);
    return;
  }
  // With verification certificates required, only signed AuthnRequests are accepted: the portal
  // disables "Test" and My Apps launches fail.
  if (app.verification.required) throw new AadstsError('76021');
  const acsUrl = defaultReplyUrl(app);
  if (!acsUrl) throw new AadstsError('50011', { replyUrl: '', app: app.appId });
  const audience = defaultIdentifier(app);
  if (!audience) throw new AadstsError('700016', { identifier: '', tenant: tenant.tenant.tenantId });
  const hint = firstString(req.query.login_hint) ?? firstString(req.query.user);
  await continueLogin(ctx, req, res, {
    id: ctx.ids.guid(),
    tenantId: tenant.tenant.tenantId,
    appId: app.appId,
    acsUrl,
    audience,
    relayState: app.relayState,
    forceAuthn: req.query.force === '1',
    isPassive: false,
    loginHint: hint,
  });
}

export function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
