/**
 * @module Oracles for SPs without a probe URL: where the browser ended up after the delivery (a URL
 * pattern for the signed-in area), or a text the signed-in page shows. Weaker than a probe: they see
 * only the landing page, so they say who is signed in only if that page shows it.
 */
import { identityShown } from './identity.js';
import type { Oracle, OracleInput } from './types.js';

export function urlMatch(success: RegExp): Oracle {
  return {
    name: `final URL matches ${success}`,
    async judge({ reply, identities }: OracleInput) {
      const ok = reply.status >= 200 && reply.status < 300 && success.test(reply.url);
      return {
        verdict: ok
          ? {
              login: 'accepted',
              identity: identityShown(reply.bodyExcerpt, identities),
              because: `landed on ${reply.url}`,
            }
          : {
              login: 'rejected',
              because: `landed on ${reply.url} (HTTP ${reply.status}), not the signed-in area`,
            },
      };
    },
  };
}

export function textMatch(text: string): Oracle {
  return {
    name: `page shows "${text}"`,
    async judge({ reply, identities }: OracleInput) {
      const ok = reply.status >= 200 && reply.status < 300 && reply.bodyExcerpt.includes(text);
      return {
        verdict: ok
          ? {
              login: 'accepted',
              identity: identityShown(reply.bodyExcerpt, identities),
              because: `the page shows "${text}"`,
            }
          : { login: 'rejected', because: `the page (HTTP ${reply.status}) does not show "${text}"` },
      };
    },
  };
}
