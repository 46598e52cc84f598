/**
 * @module Sending a page that must never be cached or replayed (the auto-post form carrying a signed
 * Response) without Express's `res.send`: send hashes the whole body for an ETag and checks request
 * freshness, which for a `no-store` page that is different every time is pure cost (a third of the
 * answer's CPU time in the mock's HTTP benchmark, bench/idp-http-bench.js). The headers are exactly what
 * `res.type('html').send(...)` gives, less the ETag no client may use.
 */
import type { ServerResponse } from 'node:http';

export function sendNoStoreHtml(res: ServerResponse, body: string): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'));
  // Node itself drops the body of an answer to HEAD, as Express does.
  res.end(body, 'utf8');
}
