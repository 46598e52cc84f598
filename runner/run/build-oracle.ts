/** @module Picks the oracle the configuration asks for; without one, nothing can be judged (exit 2). */
import { HarnessError } from '../errors.js';
import { sessionProbe } from '../oracles/session-probe.js';
import { textMatch, urlMatch } from '../oracles/url-match.js';
import type { Oracle } from '../oracles/types.js';
import type { RunConfig } from './run-config.js';

export function buildOracle(sp: RunConfig['sp'], acsUrl: string): Oracle {
  if (sp.probe) return sessionProbe(new URL(sp.probe, acsUrl).toString());
  if (sp.successUrl) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(sp.successUrl);
    } catch (error) {
      throw new HarnessError(
        'BAD_CONFIG',
        `sp.successUrl is not a valid regular expression: ${(error as Error).message}`,
      );
    }
    return urlMatch(pattern);
  }
  if (sp.successText) return textMatch(sp.successText);
  throw new HarnessError(
    'BAD_CONFIG',
    'no oracle: give --probe (a URL that answers 2xx only with a session and shows the user), or sp.successUrl / sp.successText in the config file',
  );
}
