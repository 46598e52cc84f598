/**
 * @module One HTTPS exchange on node:https over kept-alive connections (node-exchange.ts picks it for https:
 * URLs; plain HTTP has the harness's own client, http1-client.ts). The same limits: one deadline from connect to
 * the last body byte, the body's declared and actual size bounded, failures as UserAgentError codes.
 */
import type { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  bodyTooLarge,
  connectHost,
  connectionLost,
  decodeBody,
  headerRecord,
  networkError,
  pendingBody,
  StaleSocketError,
  timedOut,
  type ExchangeRequest,
  type ExchangeResponse,
} from './exchange-parts.js';

// Idle sockets are dropped when the server's Keep-Alive hint says so; a reused socket the server closed
// meanwhile is sent again once on a new one (node-exchange.ts), as browsers do.
let httpsAgent: HttpsAgent | undefined;

/**
 * node:https and its agent, loaded by the first HTTPS exchange: node:https brings node:tls with it (~5 ms at
 * every start), and a run against a plain-HTTP SP (the reference SP, most CI setups) never needs either.
 */
function https(): { agent: HttpsAgent; request: typeof httpsRequest } {
  const module = process.getBuiltinModule('node:https');
  httpsAgent ??= new module.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });
  return { agent: httpsAgent, request: module.request };
}

/** Sends one request over https: and resolves with its head; the body is read by the response's body(). */
export function httpsAttempt(request: ExchangeRequest, deadline: number): Promise<ExchangeResponse> {
  const { url, method, what, hops } = request;
  const payload = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  const client = https();
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
        fail(timedOut(request));
        req.destroy();
      },
      Math.max(0, deadline - Date.now()),
    );
    const options = {
      method,
      protocol: url.protocol,
      hostname: connectHost(url),
      port: url.port || 443,
      path: `${url.pathname}${url.search}`,
      headers: payload ? { ...request.headers, 'content-length': String(payload.length) } : request.headers,
      agent: client.agent,
    };
    const req = client.request(options, (res) => {
      settled = true;
      const declared = Number(res.headers['content-length'] ?? NaN);
      const { headers, setCookies } = headerRecord(res.rawHeaders);
      if (declared > request.maxBodyBytes) {
        clearTimeout(timer);
        res.destroy();
        reject(bodyTooLarge(request, declared));
        return;
      }
      const body = pendingBody<string>();
      bodyReject = body.reject;
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > request.maxBodyBytes) {
          clearTimeout(timer);
          // Rejected before destroying: destroy() emits 'aborted' at once, and the first reason must win.
          body.reject(bodyTooLarge(request));
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        body.resolve(decodeBody(Buffer.concat(chunks), headers['content-type']));
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        body.reject(networkError(error, what, hops));
      });
      res.on('aborted', () => body.reject(networkError(connectionLost(true), what, hops)));
      resolve({ status: res.statusCode ?? 0, headers, setCookies, body: () => body.promise });
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
