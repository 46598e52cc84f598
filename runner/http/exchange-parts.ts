/**
 * @module What both of the harness's HTTP clients share (node-exchange.ts picks one per URL): the request
 * and response shapes of one exchange, the header record a response is reduced to, body decoding, and
 * the mapping of failures to UserAgentError codes.
 */
import { TextDecoder } from 'node:util';
import type { Hop } from './types.js';
import { UserAgentError } from './user-agent-error.js';

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

/** A kept-alive connection the server had closed meanwhile: nothing was answered, so it is sent again once. */
export class StaleSocketError extends Error {}

/** The host to connect to: the URL's hostname, an IPv6 address without its brackets. */
export function connectHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The response's header fields (name, value, name, value...) as ExchangeResponse holds them. */
export function headerRecord(raw: readonly string[]): {
  headers: Record<string, string>;
  setCookies: string[];
} {
  // Joined in a prototype-less record (any field name is a plain key there), then copied in sorted order.
  const joined: Record<string, string> = Object.create(null) as Record<string, string>;
  const names: string[] = [];
  const setCookies: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === 'set-cookie') setCookies.push(value);
    else if (joined[name] === undefined) {
      joined[name] = value;
      names.push(name);
    } else joined[name] = `${joined[name]}, ${value}`;
  }
  if (setCookies.length > 0) {
    joined['set-cookie'] = setCookies.join('\n');
    names.push('set-cookie');
  }
  names.sort();
  const headers: Record<string, string> = {};
  for (const name of names) headers[name] = joined[name]!;
  return { headers, setCookies };
}

/** The body's text, decoded by the Content-Type's charset (UTF-8 when absent or unknown). */
export function decodeBody(bytes: Buffer, contentType: string | undefined): string {
  return decoderFor(/charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8').decode(bytes);
}

/**
 * One decoder per charset label seen (a decode() without `stream` keeps no state between calls): an SP
 * names the same one or two labels on every page. Bounded: an SP cannot grow it past a few dozen entries.
 */
const decoders = new Map<string, TextDecoder>();
const MAX_DECODERS = 64;

function decoderFor(label: string): TextDecoder {
  const known = decoders.get(label);
  if (known) return known;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = decoderFor('utf-8');
  }
  if (decoders.size < MAX_DECODERS) decoders.set(label, decoder);
  return decoder;
}

/** Any failure of an exchange as the UserAgentError the runner classifies (TARGET_UNREACHABLE unless it is one). */
export function networkError(error: unknown, what: string, hops: readonly Hop[]): UserAgentError {
  if (error instanceof UserAgentError) return error;
  const e = error as NodeJS.ErrnoException;
  const detail = e?.code ?? e?.message ?? String(error);
  return new UserAgentError('TARGET_UNREACHABLE', `${what}: ${detail}`, hops, { cause: error });
}

/**
 * The server closed the connection before its response was complete: node:http's "socket hang up" /
 * "aborted", with its code, ECONNRESET, which is what tells the run's liveness checks that the SP may have
 * stopped (a crashed process's connections end with a FIN as often as with a reset).
 */
export function connectionLost(answered: boolean): NodeJS.ErrnoException {
  const message = answered ? 'the connection closed before the response ended' : 'socket hang up';
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

/** The exchange's one deadline (connect, head and body) passed. */
export function timedOut(request: ExchangeRequest): UserAgentError {
  return new UserAgentError('TIMEOUT', `${request.what}: timed out`, request.hops);
}

/** A response body's promise, settled by the client reading it; a rejection nobody awaited is not an unhandled one. */
export function pendingBody<T>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
} {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** The body (as read, or as its Content-Length declares) is over the exchange's byte limit. */
export function bodyTooLarge(request: ExchangeRequest, declared?: number): UserAgentError {
  const limit = `${request.maxBodyBytes} bytes`;
  return new UserAgentError(
    'BODY_TOO_LARGE',
    declared === undefined
      ? `${request.what}: body exceeds ${limit}`
      : `${request.what}: Content-Length ${declared} exceeds ${limit}`,
    request.hops,
  );
}
