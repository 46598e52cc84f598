/**
 * @module Delivering a crafted response in the browser: an auto-posting page served on the IdP's origin
 * (answered by the harness, like Entra's "Working..." page) carries it, so the browser posts it
 * cross-site to the ACS as after a real sign-in; the SP's answers are then followed (followSp). Also
 * what is read from the end of any delivery, the harness's or the real IdP's: the cookies Chromium
 * withheld or refused, the page shown (for a screenshot), and the SP's reply.
 */
import { HarnessError } from '../../errors.js';
import { spReply } from '../sp-reply.js';
import type { Delivery, SpReply } from '../types.js';
import { describeCookieTrouble, refusedCookies, withheldCookies } from './cookies.js';
import type { ScenarioEvidenceKeeper } from './evidence.js';
import { followSp, type FlowResult } from './follow-sp.js';
import type { PageSession } from './page-session.js';
import { deliveryPage } from './pages.js';
import { phase } from './phase-clock.js';
import type { ShownPage } from './shown-page.js';
import type { StepContext } from './step-context.js';

/** The path the harness serves the delivery page at, on the IdP's origin. */
export const DELIVERY_PATH = '/samlspec/deliver';

/** Where the end of a delivery is kept for the scenario's evidence. */
export interface DeliveryKeepers {
  evidence: ScenarioEvidenceKeeper;
  shown: ShownPage;
}

/** The harness's deliveries of one target; each is served at a URL of its own. */
export class BrowserDelivery {
  private deliveries = 0;

  constructor(
    private readonly steps: StepContext,
    private readonly keepers: DeliveryKeepers,
  ) {}

  async deliver(session: PageSession, delivery: Delivery): Promise<SpReply> {
    const { idpOrigin, timeoutMs } = this.steps;
    const acsOrigin = new URL(delivery.acsUrl).origin;
    const deliveryUrl = `${idpOrigin}${DELIVERY_PATH}/${++this.deliveries}`;
    const flow = followSp(session, {
      idpOrigin,
      acsOrigin: () => acsOrigin,
      isStart: (url) => url === deliveryUrl,
      allows: this.steps.allows,
      request: (request, state) => {
        if (!state.acsStarted && request.request.url === deliveryUrl)
          return { type: 'fulfill', html: deliveryPage(delivery) };
        if (!state.acsStarted) {
          // The first request the delivery page makes: the response, on its way to the ACS.
          state.acsStarted = true;
          state.acsNetworkId = request.networkId;
        }
        return undefined;
      },
      timeoutMs,
    });
    try {
      void session.page.goto(deliveryUrl, { waitUntil: 'commit' }).catch(() => undefined);
      const result = await phase('T.deliverFlow', flow);
      return await finishDelivery(session, result, delivery.acsUrl, this.steps, this.keepers);
    } finally {
      session.steer(undefined);
    }
  }
}

/** The SP's reply to a delivery that has been followed to its end, with the evidence it leaves. */
export async function finishDelivery(
  session: PageSession,
  result: FlowResult,
  acsUrl: string,
  steps: StepContext,
  { evidence, shown }: DeliveryKeepers,
): Promise<SpReply> {
  const last = result.hops.at(-1);
  if (!last) throw new HarnessError('TARGET_UNREACHABLE', `the delivery never reached the ACS ${acsUrl}`);
  const sent = result.acsNetworkId === undefined ? undefined : session.cookiesSentWith(result.acsNetworkId);
  for (const trouble of [...withheldCookies(sent ?? []), ...refusedCookies(session.refusedCookies)])
    evidence.notes.add(describeCookieTrouble(trouble));
  shown.record(result, last);
  // Taken now only when every scenario keeps one; otherwise once the outcome says it is wanted.
  if (evidence.options?.screenshots === 'all')
    evidence.screenshot = (await phase('T.screenshotTotal', session.screenshot())) ?? evidence.screenshot;
  const reply = spReply(last, result.hops, steps.excerptBytes);
  if (result.stop?.kind === 'off-site')
    return { ...reply, offSiteRedirect: last.location ?? result.stop.url };
  return reply;
}
