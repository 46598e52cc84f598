/**
 * @module Following the browser from a page on the IdP's origin (the harness's delivery page, or the
 * real IdP's auto-post) through the SP's answers on the ACS origin, as HTTP mode follows them: until a
 * page of the SP has loaded, or the SP sent the browser back to the IdP or off its origin — that request
 * is answered by the harness with a "stopped here" page and never sent, and the redirect is recorded.
 */
import { HarnessError } from '../../errors.js';
import {
  isRedirectStatus,
  type DocumentHop,
  type PageSession,
  type PausedRequest,
  type RequestAction,
} from './page-session.js';
import { stoppedPage } from './pages.js';
import { classifyHop } from '../classify-hop.js';
import { settle, withTimeout } from './settle.js';

/** After the SP's final response, how long its page may take to fire `load` before it is judged anyway. */
const LOAD_GRACE_MS = 3000;

export interface FlowState {
  /** The request to the ACS has left the IdP's page. */
  acsStarted: boolean;
  /** Its network id: Chromium's cookie report for it says which cookies went along. */
  acsNetworkId: string | undefined;
}

export interface FlowResult {
  /** The SP's responses from the ACS on, redirects included. */
  hops: DocumentHop[];
  /** Where the harness stopped the browser, if it did. */
  stop?: { kind: 'idp' | 'off-site'; url: string } | undefined;
  acsNetworkId: string | undefined;
}

export interface FollowRules {
  idpOrigin: string;
  /** The ACS's origin (known once the ACS request is seen, for the IdP's own auto-post). */
  acsOrigin(): string;
  /** A URL of the page the flow starts on (its load does not end the flow). */
  isStart(url: string): boolean;
  /** Whether the run may contact this URL's origin at all; one it may not is stopped in every phase. */
  allows?: ((url: string) => boolean) | undefined;
  /** A decision before the common ones (and where the ACS request is marked); undefined: common rules. */
  request(request: PausedRequest, state: FlowState): RequestAction | undefined;
  load?(url: string, state: FlowState): void;
  timeoutMs: number;
}

export function followSp(session: PageSession, rules: FollowRules): Promise<FlowResult> {
  const state: FlowState = { acsStarted: false, acsNetworkId: undefined };
  const hops: DocumentHop[] = [];
  let stop: FlowResult['stop'];
  const done = settle<FlowResult>();
  let graceTimer: NodeJS.Timeout | undefined;
  const finish = (): void => {
    clearTimeout(graceTimer);
    done.resolve({ hops, stop, acsNetworkId: state.acsNetworkId });
  };
  session.steer({
    request: (request) => {
      const own = rules.request(request, state);
      if (own) return own;
      const url = request.request.url;
      const kind = classifyHop(url, {
        idpOrigin: rules.idpOrigin,
        spOrigin: rules.acsOrigin(),
        allows: rules.allows,
      });
      if (kind === 'forbidden') {
        stop = { kind: 'off-site', url };
        if (!state.acsStarted) {
          // Before the ACS (an SP-initiated start) there is no SP answer to judge: the flow ends here.
          clearTimeout(graceTimer);
          done.reject(
            new HarnessError(
              'OFF_ORIGIN',
              `the SP sent the browser to ${url.slice(0, 300)}, which is not one of the origins this run may contact; samlspec did not follow it`,
            ),
          );
        }
        return {
          type: 'fulfill',
          html: stoppedPage(
            'The SP sent the browser to an origin this run may not contact; samlspec does not follow.',
            url,
          ),
        };
      }
      if (!state.acsStarted) return { type: 'continue' };
      if (kind === 'idp') {
        stop = { kind: 'idp', url };
        return { type: 'fulfill', html: stoppedPage('The SP sent the browser back to the IdP.', url) };
      }
      if (kind !== 'sp') {
        stop = { kind: 'off-site', url };
        return {
          type: 'fulfill',
          html: stoppedPage(
            'The SP redirected the browser off its own origin; samlspec does not follow.',
            url,
          ),
        };
      }
      return { type: 'continue' };
    },
    response: (hop) => {
      if (!state.acsStarted || new URL(hop.url).origin !== rules.acsOrigin()) return;
      hops.push(hop);
      // The SP's final answer: judged once its page loads, or soon after if it never does (204, a download).
      if (!isRedirectStatus(hop.status)) {
        clearTimeout(graceTimer);
        graceTimer = setTimeout(finish, LOAD_GRACE_MS);
      }
    },
    failed: (errorText) => {
      const last = hops.at(-1);
      if (last && isRedirectStatus(last.status) && last.location !== undefined) {
        // The browser refused to follow (javascript:, data:, an invalid URL): an off-site redirect.
        stop = { kind: 'off-site', url: last.location };
        finish();
      } else if (last) {
        finish();
      } else {
        clearTimeout(graceTimer);
        done.reject(
          new HarnessError(
            'TARGET_UNREACHABLE',
            `the browser could not reach the SP${state.acsStarted ? "'s ACS" : ''}: ${errorText}`,
          ),
        );
      }
    },
    load: (url) => {
      rules.load?.(url, state);
      if (state.acsStarted && (stop !== undefined || !rules.isStart(url))) finish();
    },
  });
  return withTimeout(done.promise, rules.timeoutMs, () => {
    clearTimeout(graceTimer);
    const last = hops.at(-1);
    return new HarnessError(
      'TARGET_UNREACHABLE',
      last
        ? `the SP's page ${last.url} did not finish loading within ${rules.timeoutMs} ms`
        : `no answer from the SP's ACS within ${rules.timeoutMs} ms`,
    );
  });
}
