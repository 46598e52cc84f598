/** @module Data shapes of the browserless HTTP user agent: requests, hops, responses and parsed forms. */

/** One HTTP exchange on the way to a response: what was asked and what came back. */
export interface Hop {
  method: string;
  /** Absolute URL requested (without the fragment, which is never sent). */
  url: string;
  status: number;
  /** The Location header of a redirect, exactly as sent. */
  location?: string;
}

/** The final response after redirects; never a raw fetch Response, so it can be logged and stored. */
export interface UaResponse {
  status: number;
  /** Final URL, including a fragment carried over redirects as a browser would keep it. */
  url: string;
  /** Lowercase names; several values joined by ", ", except set-cookie, joined by "\n". */
  headers: Record<string, string>;
  body: string;
  /** Every exchange in order; the last one is this response. */
  hops: Hop[];
}

export type FormFields = Record<string, string> | ReadonlyArray<readonly [string, string]>;

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded (implies POST unless method says otherwise). */
  form?: FormFields;
  /** Raw body; ignored when `form` is given. */
  body?: string;
  /** Default true. False returns the first response, 3xx included. */
  followRedirects?: boolean;
  /** Overrides the agent's per-request timeout. */
  timeoutMs?: number;
}

/** A form as a browser would submit it: resolved action, method and the successful controls. */
export interface HtmlForm {
  /** Absolute action URL, resolved against the page URL (the page itself when action is empty). */
  action: string;
  method: 'GET' | 'POST';
  /** Name/value pairs in document order; repeated names are kept. */
  fields: Array<[string, string]>;
  /** True when the page submits the form by script (Entra's "Working..." page) or it carries a SAML message. */
  autoSubmit: boolean;
  /** The URL of the page the form came from (sent as Origin/Referer). */
  pageUrl: string;
}
