/**
 * @module One HTTP exchange over keep-alive connections (one pool per process): plain HTTP on the
 * harness's own HTTP/1.1 client (http1-client.ts says why), HTTPS on node:https. A scenario makes a handful
 * of hops to the same SP, and a new connection per hop costs more CPU than the SP's answer. Nothing here is
 * trusted: the whole exchange (connect to last body byte) has one time limit, the body a byte limit
 * (declared Content-Length and bytes actually read), and failures are UserAgentError codes.
 */
import {
  networkError,
  StaleSocketError,
  type ExchangeRequest,
  type ExchangeResponse,
} from './exchange-parts.js';
import { http1Attempt } from './http1-client.js';
import { httpsAttempt } from './https-exchange.js';

export type { ExchangeRequest, ExchangeResponse } from './exchange-parts.js';

/** Sends one request; resolves when the headers are in. A reused keep-alive socket the server closed is retried once. */
export async function exchange(request: ExchangeRequest): Promise<ExchangeResponse> {
  const deadline = Date.now() + request.timeoutMs;
  try {
    try {
      return await attempt(request, deadline);
    } catch (error) {
      if (error instanceof StaleSocketError) return await attempt(request, deadline);
      throw error;
    }
  } catch (error) {
    // Also what node:http throws synchronously (a header value it will not send, say).
    throw networkError(error, request.what, request.hops);
  }
}

function attempt(request: ExchangeRequest, deadline: number): Promise<ExchangeResponse> {
  return request.url.protocol === 'https:'
    ? httpsAttempt(request, deadline)
    : http1Attempt(request, deadline);
}
