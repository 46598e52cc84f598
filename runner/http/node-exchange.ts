/**
 * @module One HTTP exchange on node:http/https over keep-alive connections (one pool per process): a
 * scenario makes a handful of hops to the same SP, and a new connection and an undici fetch (WHATWG
 * streams, Headers objects) per hop cost more CPU than the SP's answer. Nothing here is trusted: the
 * whole exchange (connect to last body byte) has one time limit, the body a byte limit (declared
 * Content-Length and bytes actually read), and failures are UserAgentError codes.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Hop } from './types.js';
import { UserAgentError } from './user-agent-error.js';

// Idle sockets are dropped when the server's Keep-Alive hint says so; a reused socket the server closed
// meanwhile is retried once on a new one (below), as browsers do.
const agentOptions = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16 };
const httpAgent = new HttpAgent(agentOptions);
const httpsAgent = new HttpsAgent(agentOptions);

export interface ExchangeRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
  /** "GET http://…" for messages. */
  what: string;
  /** The hops so far, carried by errors. */
  hops: readonly Hop[];
}

export interface ExchangeResponse {
  status: number;
  /** Lowercase names, sorted; repeated headers joined by ", " (as fetch's Headers); set-cookie apart. */
  headers: Record<string, string>;
  setCookies: string[];
  /** Reads the body (bounded, by the same deadline) and decodes it by its charset. */
  body(): Promise<string>;
}

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

class StaleSocketError extends Error {}

function attempt(request: ExchangeRequest, deadline: number): Promise<ExchangeResponse> {
  const { url, method, what, hops } = request;
  const https = url.protocol === 'https:';
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
      port: url.port || (https ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      headers: payload ? { ...request.headers, 'content-length': String(payload.length) } : request.headers,
      agent: https ? httpsAgent : httpAgent,
    };
    const req = (https ? httpsRequest : httpRequest)(options, (res) => {
      settled = true;
      const declared = Number(res.headers['content-length'] ?? NaN);
      const { headers, setCookies } = headerRecord(res);
      if (declared > request.maxBodyBytes) {
        clearTimeout(timer);
        res.destroy();
        reject(
          new UserAgentError(
            'BODY_TOO_LARGE',
            `${what}: Content-Length ${declared} exceeds ${request.maxBodyBytes} bytes`,
            hops,
          ),
        );
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
            rejectBody(
              new UserAgentError(
                'BODY_TOO_LARGE',
                `${what}: body exceeds ${request.maxBodyBytes} bytes`,
                hops,
              ),
            );
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolveBody(decode(Buffer.concat(chunks), headers['content-type']));
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

function headerRecord(res: IncomingMessage): { headers: Record<string, string>; setCookies: string[] } {
  const joined = new Map<string, string>();
  const setCookies: string[] = [];
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === 'set-cookie') setCookies.push(value);
    else joined.set(name, joined.has(name) ? `${joined.get(name)!}, ${value}` : value);
  }
  if (setCookies.length > 0) joined.set('set-cookie', setCookies.join('\n'));
  const headers: Record<string, string> = {};
  for (const name of [...joined.keys()].sort()) headers[name] = joined.get(name)!;
  return { headers, setCookies };
}

function decode(bytes: Buffer, contentType: string | undefined): string {
  return new TextDecoder(charsetOf(contentType)).decode(bytes);
}

/** The decoder label of a Content-Type's charset; UTF-8 when absent or unknown. */
function charsetOf(contentType: string | undefined): string {
  const label = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

function networkError(error: unknown, what: string, hops: readonly Hop[]): UserAgentError {
  if (error instanceof UserAgentError) return error;
  const e = error as NodeJS.ErrnoException;
  const detail = e?.code ?? e?.message ?? String(error);
  return new UserAgentError('TARGET_UNREACHABLE', `${what}: ${detail}`, hops, { cause: error });
}
