/**
 * @module A login start in the browser: the SP's login link is followed until the SP hands the browser
 * to the IdP's Login URL (Redirect: the raw query; POST: the form, posted by the page's script or by
 * the harness), and that request is stopped before it is sent — the IdP never answers. A hop to an
 * origin the run may not contact is answered by the harness and ends the start in an error.
 */
import { HarnessError } from '../../errors.js';
import { exchange } from '../sp-reply.js';
import { offOriginError } from '../target-errors.js';
import type { LoginStart } from '../types.js';
import { loginStartFrom, submitIdpForm } from './login-capture.js';
import type { DocumentHop, PageSession, PausedRequest } from './page-session.js';
import { stoppedPage } from './pages.js';
import { settle, withTimeout } from './settle.js';
import { classifyStep, type StepContext } from './step-context.js';

const OFF_ORIGIN_STOP =
  'The SP sent the browser to an origin this run may not contact; samlspec does not follow.';

/** How long an SP page that got the browser may take to post its own form to the IdP before the harness submits it. */
const FORM_GRACE_MS = 250;

export async function startLoginIn(
  session: PageSession,
  loginUrl: string,
  steps: StepContext,
): Promise<LoginStart> {
  const hops: DocumentHop[] = [];
  const captured = settle<PausedRequest>();
  let loaded = false;
  const unreachable = (): HarnessError => {
    const last = hops.at(-1);
    return new HarnessError(
      'TARGET_UNREACHABLE',
      `the SP login URL did not send the browser to the IdP (ended at ${last?.url ?? loginUrl} with HTTP ${last?.status ?? '?'})`,
    );
  };
  session.steer({
    request: (request) => {
      const url = request.request.url;
      if (captured.settled) return { type: 'continue' };
      const kind = classifyStep(steps, url, steps.policy);
      if (kind === 'forbidden') {
        // Recorded in the error and answered by the harness: the request never leaves the browser.
        captured.reject(offOriginError(url, hops, steps.policy));
        return { type: 'fulfill', html: stoppedPage(OFF_ORIGIN_STOP, url) };
      }
      if (kind !== 'idp') return { type: 'continue' };
      captured.resolve(request);
      return { type: 'fail', reason: 'Aborted' };
    },
    response: (hop) => hops.push(hop),
    failed: (errorText) =>
      captured.reject(
        new HarnessError('TARGET_UNREACHABLE', `${hops.at(-1)?.url ?? loginUrl}: ${errorText}`),
      ),
    load: () => {
      if (loaded || captured.settled) return;
      loaded = true;
      // A page with a form to the IdP (HTTP-POST binding): its script posts it, or the harness does.
      setTimeout(() => {
        if (captured.settled) return;
        void submitIdpForm(session.page, steps.idpOrigin).then((submitted) => {
          if (!submitted) captured.reject(unreachable());
        });
      }, FORM_GRACE_MS);
    },
  });
  try {
    void session.page.goto(loginUrl, { waitUntil: 'load' }).catch(() => undefined);
    const request = await withTimeout(captured.promise, steps.timeoutMs, () => unreachable());
    return loginStartFrom(request, hops.map(exchange));
  } finally {
    session.steer(undefined);
  }
}
