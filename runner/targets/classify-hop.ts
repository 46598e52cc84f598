/**
 * @module Where one hop of the browser's way through the SP goes — the IdP, the SP's own origin, another
 * origin the run may contact, or one it may not — decided by one rule for HTTP and browser mode, so the
 * same SP is never judged differently in the two.
 *
 * The rule is by origin: a hop to the IdP's origin is the IdP, whatever its path. A rule by URL prefix
 * (the IdP's Login URL) let a hop to another page of the IdP (another tenant's endpoint, a logout page,
 * the Login URL spelled with an upper-case host or an explicit default port) pass as "not the IdP": the
 * runner then requested the IdP itself during a login start, which it must never do, and read an IdP page
 * as the SP's answer; after a delivery, HTTP mode called it an off-site redirect where browser mode
 * called it "back to the IdP". Origins are compared as browsers compare them (WHATWG URL: scheme, lower-
 * case host, default port dropped), so no spelling of a URL changes the decision.
 */
import { httpOrigin } from '../http/origin-policy.js';

/**
 * - `idp`: the IdP's origin (a login start captures it; after a delivery, the SP sent the browser back).
 * - `sp`: the origin of the SP page the flow follows (the ACS's after a delivery): followed.
 * - `other`: another origin the run may contact: followed during a login start, off-site after a delivery.
 * - `forbidden`: an origin the run may not contact, or no http(s) URL at all: never requested.
 */
export type HopKind = 'idp' | 'sp' | 'other' | 'forbidden';

export interface HopRules {
  /** The IdP's origin (of its Login URL). */
  idpOrigin: string;
  /** The SP origin being followed; undefined while it is not known (a login start). */
  spOrigin?: string | undefined;
  /** Whether the run may contact this URL's origin; undefined: any http(s) origin. */
  allows?: ((url: string) => boolean) | undefined;
}

export function classifyHop(url: string | undefined, rules: HopRules): HopKind {
  const origin = httpOrigin(url);
  if (url === undefined || origin === undefined) return 'forbidden';
  // The IdP first: it is always contactable by the run (its policy holds it), and a hop there is never
  // the SP's, even if both were served from one origin.
  if (origin === httpOrigin(rules.idpOrigin)) return 'idp';
  if (rules.allows && !rules.allows(url)) return 'forbidden';
  if (rules.spOrigin !== undefined && origin === httpOrigin(rules.spOrigin)) return 'sp';
  return 'other';
}
