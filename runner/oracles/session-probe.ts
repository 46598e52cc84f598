/**
 * @module The most reliable oracle: after the delivery, fetch a probe URL of the SP that answers 2xx only
 * with a session and shows WHICH user is signed in. A redirect (to the IdP or a login page) or 401/403
 * means no session; the probe never follows a redirect into the IdP's pages and calls that a session.
 */
import { HarnessError } from '../errors.js';
import { identityShown } from './identity.js';
import type { Oracle, OracleInput, Verdict } from './types.js';

export function sessionProbe(probeUrl: string): Oracle {
  return {
    name: `session probe ${probeUrl}`,
    probeUrl,
    async judge({ target, identities }: OracleInput) {
      let probe;
      try {
        probe = await target.fetchPage(probeUrl);
      } catch (error) {
        if (error instanceof HarnessError) {
          return {
            verdict: { login: 'inconclusive', because: `the probe ${probeUrl} failed: ${error.message}` },
          };
        }
        throw error;
      }
      return { verdict: readProbe(probe.status, probe.bodyExcerpt, identities, probeUrl), probe };
    },
  };
}

function readProbe(
  status: number,
  body: string,
  identities: OracleInput['identities'],
  probeUrl: string,
): Verdict {
  if (status >= 200 && status < 300) {
    const identity = identityShown(body, identities);
    const who =
      identity === 'other'
        ? 'a user the harness does not recognise'
        : identity === 'victim'
          ? `the victim ${identities.victim}`
          : identities.baseline;
    return { login: 'accepted', identity, because: `the probe answered ${status} showing ${who}` };
  }
  if ((status >= 300 && status < 400) || status === 401 || status === 403) {
    return { login: 'rejected', because: `the probe answered ${status}: no session` };
  }
  return {
    login: 'inconclusive',
    because: `the probe ${probeUrl} answered ${status}, which says neither "session" nor "no session"`,
  };
}
