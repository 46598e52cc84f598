/**
 * @module The probe of the signed-in state in the browser (SpTarget.fetchPage): the URL is loaded in the
 * scenario's context, with its cookies, and the first response of the chain is the answer — a redirect
 * to a login page reads as the redirect (no session) and is never followed, nor is any navigation the
 * SP's last page starts meanwhile.
 */
import { HarnessError } from '../../errors.js';
import { spReply } from '../sp-reply.js';
import type { SpReply } from '../types.js';
import type { DocumentHop, PageSession } from './page-session.js';
import { settle, withTimeout } from './settle.js';
import type { ShownPage } from './shown-page.js';
import type { StepContext } from './step-context.js';

/** `shown` is told the page moves on: a later screenshot shows the delivery's answer again. */
export async function probePage(
  session: PageSession,
  url: string,
  steps: StepContext,
  shown: ShownPage,
): Promise<SpReply> {
  const answered = settle<DocumentHop>();
  const wanted = new URL(url);
  let probe: string | undefined;
  session.steer({
    request: (request) => {
      const at = new URL(request.request.url);
      const isProbe =
        probe === undefined &&
        request.redirectedRequestId === undefined &&
        at.origin === wanted.origin &&
        at.pathname === wanted.pathname;
      // A redirect is read, never followed; a navigation the SP's last page started is not the probe.
      if (!isProbe) return { type: 'fail', reason: 'Aborted' };
      probe = request.networkId ?? '';
      return { type: 'continue' };
    },
    response: (hop) => {
      if (probe !== undefined && (hop.networkId ?? '') === probe) answered.resolve(hop);
    },
    failed: (errorText) =>
      answered.reject(new HarnessError('TARGET_UNREACHABLE', `GET ${url}: ${errorText}`)),
  });
  try {
    shown.navigatedAway();
    void session.page.goto(url, { waitUntil: 'commit' }).catch(() => undefined);
    const hop = await withTimeout(
      answered.promise,
      steps.timeoutMs,
      () => new HarnessError('TARGET_UNREACHABLE', `GET ${url}: no answer within ${steps.timeoutMs} ms`),
    );
    return spReply(hop, [hop], steps.excerptBytes);
  } finally {
    session.steer(undefined);
  }
}
