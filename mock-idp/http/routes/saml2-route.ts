/**
 * @module Entra's SAML endpoint `/{tenant}/saml2` (Login URL = Logout URL): AuthnRequests over
 * HTTP-Redirect and HTTP-POST, LogoutRequests over HTTP-Redirect, and LogoutResponses from SPs.
 * Every request problem becomes Entra's AADSTS error page; nothing is ever posted to an ACS URL the
 * app does not register.
 */
import { Router, type Request, type Response } from 'express';
import { PORTAL_TEST_REQUEST_ID } from '../../constants/namespaces.js';
import { AadstsError } from '../../protocol/aadsts.js';
import {
  decodeSamlMessage,
  parseRedirectQuery,
  parseSamlMessage,
  type SamlMessageDocument,
} from '../../protocol/decode-message.js';
import { parseAuthnRequest } from '../../protocol/authn-request.js';
import { resolveAuthnRequest, type ReceivedRequest } from '../../protocol/resolve-request.js';
import type { TenantState } from '../../state/tenant-state.js';
import { continueLogin, requireTenant } from '../login-flow.js';
import { firstString } from './launch-route.js';
import { handleLogoutRequest, signedOutPage } from './logout-handler.js';
import type { ServerContext } from '../context.js';

export function saml2Routes(ctx: ServerContext): Router {
  const router = Router();
  router.get('/:tenant/saml2', (req, res) => handleSaml2Get(ctx, req, res, req.params.tenant));
  router.post('/:tenant/saml2', async (req, res) => {
    const tenant = requireTenant(ctx, req.params.tenant);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const samlRequest = firstString(body.SAMLRequest);
    if (samlRequest !== undefined) {
      const xml = decodeSamlMessage(samlRequest, 'post');
      const message = parseSamlMessage(xml);
      if (message.kind === 'AuthnRequest') {
        return handleAuthnRequest(ctx, req, res, tenant, message, {
          binding: 'post',
          xml,
          relayState: firstString(body.RelayState),
        });
      }
      // Entra supports single logout only over HTTP-Redirect (docs/entra.md §6).
      throw new AadstsError('75005', {
        detail: `A ${message.kind} over HTTP-POST is not supported; use HTTP-Redirect.`,
      });
    }
    if (firstString(body.SAMLResponse) !== undefined) {
      res.type('html').send(signedOutPage());
      return;
    }
    throw new AadstsError('750054');
  });
  return router;
}

/**
 * GET /{tenant}/saml2: an AuthnRequest or LogoutRequest by HTTP-Redirect, or an SP's LogoutResponse. Also
 * called by the hot-path dispatch in front of the router (server.ts), with the tenant segment decoded.
 */
export async function handleSaml2Get(
  ctx: ServerContext,
  req: Request,
  res: Response,
  tenantSegment: string,
): Promise<void> {
  const tenant = requireTenant(ctx, tenantSegment);
  const rawQuery = req.originalUrl.includes('?')
    ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
    : '';
  const query = parseRedirectQuery(rawQuery);
  if (query.samlRequest) {
    const message = parseSamlMessage(decodeSamlMessage(query.samlRequest.value, 'redirect'));
    if (message.kind === 'AuthnRequest')
      return handleAuthnRequest(ctx, req, res, tenant, message, { binding: 'redirect', query });
    if (message.kind === 'LogoutRequest') return handleLogoutRequest(ctx, req, res, tenant, message, query);
    throw new AadstsError('75005', { detail: `A ${message.kind} is not a request.` });
  }
  if (query.samlResponse) {
    // A LogoutResponse from an SP we sent a LogoutRequest to: the user is signed out either way.
    res.type('html').send(signedOutPage());
    return;
  }
  throw new AadstsError('750054');
}

async function handleAuthnRequest(
  ctx: ServerContext,
  req: Request,
  res: Response,
  tenant: TenantState,
  message: SamlMessageDocument,
  received: ReceivedRequest,
): Promise<void> {
  const request = parseAuthnRequest(message);
  const resolved = resolveAuthnRequest(request, received, tenant);
  await continueLogin(ctx, req, res, {
    id: ctx.ids.guid(),
    tenantId: tenant.tenant.tenantId,
    appId: resolved.app.appId,
    acsUrl: resolved.acsUrl,
    audience: resolved.audience,
    // The portal's "Test" sends this fixed ID and gets an unsolicited-style response (azure-docs#81334).
    inResponseTo: request.id === PORTAL_TEST_REQUEST_ID ? undefined : request.id,
    relayState: resolved.relayState,
    requestedNameIdFormat: request.nameIdPolicyFormat,
    forceAuthn: request.forceAuthn,
    isPassive: request.isPassive,
    // Express parses the whole query (a 2 KB SAMLRequest) on first read of req.query: only when there is a hint.
    loginHint: req.originalUrl.includes('login_hint') ? firstString(req.query.login_hint) : undefined,
  });
}
