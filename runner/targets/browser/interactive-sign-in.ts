/**
 * @module A person's sign-in in the browser: the SP's login link is followed to the real (mock) IdP,
 * which answers — its sign-in page is filled in and submitted as a person would — until the IdP's page
 * posts its response cross-site to the ACS; the SP's answers are then followed as after a delivery.
 */
import { HarnessError } from '../../errors.js';
import { finishDelivery, type DeliveryKeepers } from './browser-delivery.js';
import type { Credentials, InteractiveSignInResult } from './capabilities.js';
import { followSp } from './follow-sp.js';
import { loginStartFrom, postBody } from './login-capture.js';
import type { PageSession, PausedRequest } from './page-session.js';
import { settle, withTimeout } from './settle.js';
import { signInOnIdpPage } from './sign-in-page.js';
import { classifyStep, type StepContext } from './step-context.js';

export async function interactiveSignIn(
  session: PageSession,
  loginUrl: string,
  credentials: Credentials,
  steps: StepContext,
  keepers: DeliveryKeepers,
): Promise<InteractiveSignInResult> {
  const { timeoutMs } = steps;
  const isIdp = (url: string): boolean => classifyStep(steps, url, undefined) === 'idp';
  let captured: PausedRequest | undefined;
  let acsRequest: PausedRequest | undefined;
  const atIdp = settle<void>();
  const flow = followSp(session, {
    idpOrigin: steps.idpOrigin,
    acsOrigin: () => (acsRequest ? new URL(acsRequest.request.url).origin : ''),
    isStart: isIdp,
    allows: steps.allows,
    request: (request, state) => {
      const url = request.request.url;
      if (!state.acsStarted && isIdp(url)) {
        // Until it posts to the ACS, the real IdP answers: its sign-in page, its form post.
        if (captured === undefined) captured = request;
        return { type: 'continue' };
      }
      if (captured !== undefined && !state.acsStarted) {
        // The first request away from the IdP: its auto-posted response, cross-site to the ACS.
        state.acsStarted = true;
        state.acsNetworkId = request.networkId;
        acsRequest = request;
      }
      return undefined;
    },
    load: (url, state) => {
      if (!state.acsStarted && captured !== undefined && isIdp(url)) atIdp.resolve();
    },
    timeoutMs,
  });
  try {
    void session.page.goto(loginUrl, { waitUntil: 'load' }).catch(() => undefined);
    await withTimeout(
      Promise.race([atIdp.promise, flow.then(() => undefined)]),
      timeoutMs,
      () => new HarnessError('TARGET_UNREACHABLE', "the SP login URL did not bring the IdP's sign-in page"),
    );
    await signInOnIdpPage(session.page, credentials, flow, timeoutMs);
    const result = await flow;
    if (captured === undefined || acsRequest === undefined)
      throw new HarnessError('IDP_FAILED', 'the IdP never posted a response to the SP');
    const fields = new URLSearchParams(postBody(acsRequest));
    return {
      login: loginStartFrom(captured, []),
      delivered: {
        acsUrl: acsRequest.request.url,
        samlResponse: fields.get('SAMLResponse') ?? '',
        relayState: fields.get('RelayState') ?? undefined,
      },
      reply: await finishDelivery(session, result, acsRequest.request.url, steps, keepers),
    };
  } finally {
    session.steer(undefined);
  }
}
