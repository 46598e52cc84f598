/**
 * @module The SP under test, as a transport: start an SP-initiated login (capturing the AuthnRequest
 * it sends to the IdP), deliver a response to its ACS, and fetch pages for the oracle. HTTP mode and
 * browser mode implement the same contract.
 */
import type { HttpExchange, SpReplyEvidence } from '../../reports/types.js';

export type SpReply = SpReplyEvidence;

/** The AuthnRequest an SP-initiated login produced, as it reached the IdP's Login URL. */
export interface LoginStart {
  binding: 'redirect' | 'post';
  /** Redirect binding: the raw query string of the request to the IdP (signatures cover it byte for byte). */
  rawQuery?: string;
  /** POST binding: the form fields. */
  form?: Record<string, string>;
  /** The SAMLRequest value (still encoded) and RelayState as the SP sent them. */
  samlRequest: string;
  relayState?: string | undefined;
  /** `login_hint` and other parameters the SP put on the Login URL. */
  hops: HttpExchange[];
}

export interface Delivery {
  acsUrl: string;
  samlResponse: string;
  relayState?: string | undefined;
  method?: 'POST' | 'GET';
}

export interface SpTarget {
  readonly kind: 'http' | 'browser';
  /** Follows the SP's login URL until it hands the browser to the IdP; never requests the IdP itself. */
  startLogin(): Promise<LoginStart>;
  /** Posts (or GETs) the response to the ACS and follows the SP's redirects, but never into the IdP. */
  deliver(delivery: Delivery): Promise<SpReply>;
  /** Fetches a URL of the SP with this session, without following redirects (a redirect means no session). */
  fetchPage(url: string): Promise<SpReply>;
  /**
   * Opens the SP's sign-out page and follows it until the SP hands the browser to the IdP, capturing its
   * LogoutRequest as startLogin captures the AuthnRequest (HTTP mode only: the single logout phase).
   */
  startLogout?(logoutUrl: string): Promise<LoginStart>;
  /** Forgets cookies and state: a new browser. */
  reset(): Promise<void>;
  close(): Promise<void>;
}
