/**
 * @module One HTTP exchange over keep-alive connections (one pool per process): plain HTTP on the
 * harness's own HTTP/1.1 client (http1-client.ts says why), HTTPS on node:https. A scenario makes a handful
 * of hops to the same SP, and a new connection per hop costs more CPU than the SP's answer. Nothing here is
 * trusted: the whole exchange (connect to last body byte) has one time limit, the body a byte limit
 * (declared Content-Length and bytes actually read), and failures are UserAgentError codes.
 */
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  bodyTooLarge,
  decodeBody,
  headerRecord,
  networkError,
  StaleSocketError,
  type ExchangeRequest,
  type ExchangeResponse,
} from './exchange-parts.js';
import { http1Attempt } from './http1-client.js';
import { UserAgentError } from './user-agent-error.js';

export type { ExchangeRequest, ExchangeResponse } from './exchange-parts.js';

// Idle sockets are dropped when the server's Keep-Alive hint says so; a reused socket the server closed
// meanwhile is retried once on a new one (below), as browsers do.
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });

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

function httpsAttempt(request: ExchangeRequest, deadline: number): Promise<ExchangeResponse> {
  const { url, method, what, hops } = request;
  const payload = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  return new Promise<ExchangeResponse>((resolve, reject) => {
    let settled = false;
    let bodyReject: ((error: Error) => void) | undefined;
    const fail = (error: Error): void => {
      clearTimeout(timer);
      if (!settled) {
        settled = true;
        reject(error);
      } else bodyReject?.(error);
    };
    const timer = setTimeout(
      () => {
        fail(new UserAgentError('TIMEOUT', `${what}: timed out`, hops));
        req.destroy();
      },
      Math.max(0, deadline - Date.now()),
    );
    const options = {
      method,
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || 443,
      path: `${url.pathname}${url.search}`,
      headers: payload ? { ...request.headers, 'content-length': String(payload.length) } : request.headers,
      agent: httpsAgent,
    };
    const req = httpsRequest(options, (res) => {
      settled = true;
      const declared = Number(res.headers['content-length'] ?? NaN);
      const { headers, setCookies } = headerRecord(res.rawHeaders);
      if (declared > request.maxBodyBytes) {
        clearTimeout(timer);
        res.destroy();
        reject(bodyTooLarge(request, declared));
        return;
      }
      const body = new Promise<string>((resolveBody, rejectBody) => {
        bodyReject = rejectBody;
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > request.maxBodyBytes) {
            clearTimeout(timer);
            // Rejected before destroying: destroy() emits 'aborted' at once, and the first reason must win.
            rejectBody(bodyTooLarge(request));
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolveBody(decodeBody(Buffer.concat(chunks), headers['content-type']));
        });
        res.on('error', (error) => {
          clearTimeout(timer);
          rejectBody(networkError(error, what, hops));
        });
        res.on('aborted', () => rejectBody(networkError(new Error('connection closed'), what, hops)));
      });
      // A rejected body nobody awaited must not become an unhandled rejection.
      body.catch(() => undefined);
      resolve({ status: res.statusCode ?? 0, headers, setCookies, body: () => body });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!settled && req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        clearTimeout(timer);
        settled = true;
        reject(new StaleSocketError(error.message));
        return;
      }
      fail(networkError(error, what, hops));
    });
    req.end(payload);
  });
}
