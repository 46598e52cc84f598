/**
 * @module What the reply checks (runner/engine/reply-checks.ts) need from a target beyond the SpTarget
 * contract: every page of the last delivery in full (not just the final excerpt), and the cookie jar
 * (read, plant, and a second browser holding only chosen cookies). HTTP mode has both; a target without
 * them is judged on the excerpts of the final reply and probe, or not at all (session fixation).
 */
import type { SeenPage } from '../oracles/page.js';
import type { SpTarget } from './types.js';

export interface RecordsPages {
  /** The pages answered since the last deliver() began (redirect hops and probes included), in order. */
  pagesSinceDelivery(): readonly SeenPage[];
}

export interface CookieAccess {
  /** Name and value of the cookies a request to `url` would carry. */
  cookiesFor(url: string): { name: string; value: string }[];
  /** Stores a cookie for `url`'s host, path `/`, as if the SP had set it. */
  plantCookie(url: string, name: string, value: string): void;
  /** A new browser of the same kind whose jar holds only these cookies for `url`'s host. */
  withCookies(url: string, cookies: readonly { name: string; value: string }[]): SpTarget;
}

export function recordsPages(target: SpTarget): target is SpTarget & RecordsPages {
  return typeof (target as Partial<RecordsPages>).pagesSinceDelivery === 'function';
}

export function hasCookieAccess(target: SpTarget): target is SpTarget & CookieAccess {
  return typeof (target as Partial<CookieAccess>).withCookies === 'function';
}
