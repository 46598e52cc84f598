/**
 * @module The SP's answer as evidence, the same shape from both targets: status, final URL, headers, the
 * first few KB of the body (a runaway page must not bloat the report) and the exchanges on the way.
 */
import type { HttpExchange } from '../../reports/types.js';
import type { SpReply } from './types.js';

/** Bytes of each reply body kept as evidence unless the target is told otherwise. */
export const DEFAULT_EXCERPT_BYTES = 4096;

/** A page as either target reads it (an HTTP response, a browser's main-frame document). */
export interface SpPage {
  status: number;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function spReply(
  page: SpPage,
  hops: readonly HttpExchange[],
  excerptBytes = DEFAULT_EXCERPT_BYTES,
): SpReply {
  return {
    status: page.status,
    url: page.url,
    headers: page.headers,
    bodyExcerpt: page.body.length > excerptBytes ? `${page.body.slice(0, excerptBytes)}…` : page.body,
    hops: hops.map(exchange),
  };
}

/** Only what the report keeps of an exchange (a browser hop also carries its body and network id). */
export function exchange(hop: HttpExchange): HttpExchange {
  return { method: hop.method, url: hop.url, status: hop.status, location: hop.location };
}
