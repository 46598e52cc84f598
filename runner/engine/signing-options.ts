/**
 * @module Entra's three Signing Options (Enterprise application → SAML Signing Certificate → Signing
 * Option), under the names the CLI, the engine and the portal use, and which option a scenario's
 * response is judged against.
 */
import type { SigningOption } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { SIGNED_ASSERTION_TAG } from '../../scenarios/signing-tags.js';
import type { SigningOptionName } from '../run/run-config.js';

/** The portal's labels, as a vendor reads them in Entra. */
export const PORTAL_LABEL: Readonly<Record<SigningOption, string>> = {
  assertion: 'Sign SAML assertion',
  response: 'Sign SAML response',
  both: 'Sign SAML response and assertion',
};

/** Entra's default first, then the others in the portal's order: how a vendor would try them. */
export const SEARCH_ORDER: readonly SigningOption[] = ['assertion', 'response', 'both'];

export function fromCliName(name: SigningOptionName): SigningOption {
  return name === 'response-and-assertion' ? 'both' : name;
}

export function toCliName(option: SigningOption): SigningOptionName {
  return option === 'both' ? 'response-and-assertion' : option;
}

export { AS_CONFIGURED_TAG } from '../../scenarios/signing-tags.js';

/** The flow's option as this scenario uses it: an attack on the Assertion's signature needs one. */
export function flowOptionFor(scenario: Pick<Scenario, 'tags'>, flowOption: SigningOption): SigningOption {
  return flowOption === 'response' && scenario.tags?.includes(SIGNED_ASSERTION_TAG) ? 'both' : flowOption;
}

/**
 * The option whose baseline a scenario's verdict is compared with. A scenario that strips signatures
 * (`sign: 'none'`) attacks the run's configuration, so it is judged against the flow's option; one that
 * picks an option (an XSW layout on a signed Response, say) is judged against that option.
 */
export function judgedOption(response: Scenario['response'], flowOption: SigningOption): SigningOption {
  const sign = response?.sign;
  return sign === undefined || sign === 'none' ? flowOption : sign;
}
