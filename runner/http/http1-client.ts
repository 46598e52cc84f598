/**
 * @module The harness's plain-HTTP client: one HTTP/1.1 request and its response on a kept-alive TCP
 * connection (one pool per process, per host and port), the response read by http1-response-parser.ts.
 *
 * Why not node:http: a catalog run makes ~1,300 short exchanges with the SP, each in a process that lives a
 * few seconds, so most of them run node:http's client before V8 has optimized it. Measured against the
 * reference SP with the CLI's V8 flags, a whole node:http keep-alive exchange (request, response, body
 * decoded) costs ~330 µs of the harness's CPU (its ClientRequest and IncomingMessage streams, header
 * validation, agent bookkeeping) and ~140 µs on this client (docs/performance.md). HTTPS stays on node:https
 * (node-exchange.ts).
 *
 * It sends what node:http would have sent for the same request (Host, the caller's fields, Content-Length
 * for a body, Connection: keep-alive) and refuses what node:http refuses to send (a method, field or path
 * with characters that would break the request). The limits are node-exchange's: one deadline for connect,
 * head and body; the body's declared and actual size bounded.
 */
import { connect, type Socket } from 'node:net';
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
import { Http1ResponseParser, type ResponseHead } from './http1-response-parser.js';

/** Idle connections kept per host and port (node-exchange's agent kept 16 free sockets). */
const MAX_IDLE_PER_ORIGIN = 16;

/** What a connection's socket events go to while it carries an exchange. */
interface ExchangeEvents {
  data(chunk: Buffer): void;
  end(): void;
  close(): void;
  error(error: NodeJS.ErrnoException): void;
}

/**
 * One TCP connection, with its socket's listeners attached once for its whole life: they go to the exchange
 * it carries, or, while it waits in the pool, drop it from there (the server closed it, or sent something
 * nobody asked for). Attaching and removing four listeners per exchange cost more than the dispatch.
 */
class Connection {
  exchange: ExchangeEvents | undefined;
  /** Epoch ms after which the server may have dropped it (its Keep-Alive hint less a second, as node:http). */
  expiresAt = Infinity;

  constructor(
    readonly socket: Socket,
    readonly origin: string,
  ) {
    // Never what keeps the process alive: an idle connection must not (node:http's agent unrefs its free
    // sockets), and an exchange in flight has its deadline's timer, which does.
    socket.unref();
    socket.on('data', (chunk: Buffer) => (this.exchange ? this.exchange.data(chunk) : this.drop()));
    socket.on('end', () => (this.exchange ? this.exchange.end() : this.drop()));
    socket.on('close', () => (this.exchange ? this.exchange.close() : this.drop()));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.exchange ? this.exchange.error(error) : this.drop(),
    );
  }

  /** Out of the pool and closed. */
  drop(): void {
    const list = idle.get(this.origin);
    const at = list ? list.indexOf(this) : -1;
    if (at >= 0) list!.splice(at, 1);
    this.socket.destroy();
  }
}

const idle = new Map<string, Connection[]>();

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What node:http refuses in a field value (its checkInvalidHeaderChar). */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** A request-target with a character that is not printable ASCII (node:http: ERR_UNESCAPED_CHARACTERS). */
const INVALID_TARGET = /[^\x21-\x7e]/;

/** Sends one request over http: and resolves with its head; the body is read by the response's body(). */
export function http1Attempt(request: ExchangeRequest, deadline: number): Promise<ExchangeResponse> {
  const { url, method } = request;
  const host = connectHost(url);
  const port = Number(url.port || 80);
  const origin = `${host} ${port}`;
  const text = requestText(request);
  const pooled = takeIdle(origin);
  const connection = pooled ?? new Connection(connect({ host, port, noDelay: true }), origin);
  const { socket } = connection;
  return new Promise<ExchangeResponse>((resolve, reject) => {
    let settled = false;
    let received = 0;
    const chunks: Buffer[] = [];
    let head: ResponseHead | undefined;
    const body = pendingBody<Buffer>();

    const fail = (error: Error): void => {
      clearTimeout(timer);
      connection.exchange = undefined;
      socket.destroy();
      if (!settled) {
        settled = true;
        reject(error);
      } else body.reject(error);
    };
    const timer = setTimeout(() => fail(timedOut(request)), Math.max(0, deadline - Date.now()));
    const parser = new Http1ResponseParser(method, {
      head: (h) => {
        const declared = Number(contentLength(h.rawHeaders) ?? NaN);
        if (declared > request.maxBodyBytes) throw bodyTooLarge(request, declared);
        head = h;
        settled = true;
        const { headers, setCookies } = headerRecord(h.rawHeaders);
        resolve({
          status: h.status,
          headers,
          setCookies,
          body: () => body.promise.then((b) => decodeBody(b, headers['content-type'])),
        });
      },
      data: (chunk) => {
        received += chunk.length;
        if (received > request.maxBodyBytes) throw bodyTooLarge(request);
        chunks.push(chunk);
      },
      end: () => undefined,
    });
    const finished = (): void => {
      clearTimeout(timer);
      connection.exchange = undefined;
      if (head?.keepAlive) keepIdle(connection, head.keepAliveSeconds);
      else socket.destroy();
      body.resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    // Nothing came back on a connection the pool handed out: the server had closed it; send again on a new one.
    const staleOr = (error: Error): Error =>
      pooled && !parser.started ? new StaleSocketError(error.message) : error;
    // The server closed the connection before its response ended (a crashed SP's end with a FIN as often as
    // with a reset): a lost connection, as the run's liveness checks know one.
    const lost = (): void =>
      fail(staleOr(networkError(connectionLost(parser.started), request.what, request.hops)));
    connection.exchange = {
      data(chunk) {
        try {
          parser.push(chunk);
        } catch (error) {
          fail(networkError(error, request.what, request.hops));
          return;
        }
        if (parser.complete) finished();
      },
      end() {
        try {
          parser.finish();
        } catch {
          // The parser's only complaint here: the server's close cut the response short.
          lost();
          return;
        }
        finished();
      },
      close() {
        if (!parser.complete) lost();
      },
      error(error) {
        const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE';
        const failure = networkError(error, request.what, request.hops);
        fail(reset ? staleOr(failure) : failure);
      },
    };
    // One write (writev) of both parts, each encoded into it by the socket.
    socket.cork();
    socket.write(text.head, 'latin1');
    if (text.body !== undefined) socket.write(text.body, 'utf8');
    socket.uncork();
  });
}

/**
 * The request as node:http writes it: request line, Host, the caller's fields, Content-Length, keep-alive.
 * Text, not bytes: the socket encodes the head (Latin-1) and the body (UTF-8) straight into one write.
 */
function requestText(request: ExchangeRequest): { head: string; body: string | undefined } {
  const { url, method, headers, body } = request;
  const target = `${url.pathname}${url.search}`;
  if (!TOKEN.test(method)) throw new TypeError(`invalid method ${JSON.stringify(method)}`);
  if (INVALID_TARGET.test(target))
    throw Object.assign(new TypeError('unescaped characters in the request path'), {
      code: 'ERR_UNESCAPED_CHARACTERS',
    });
  let fields = '';
  let host = false;
  for (const name in headers) {
    const value = headers[name]!;
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'connection') continue;
    if (!TOKEN.test(name))
      throw Object.assign(new TypeError(`invalid header name ${JSON.stringify(name)}`), {
        code: 'ERR_INVALID_HTTP_TOKEN',
      });
    if (INVALID_VALUE.test(value))
      throw Object.assign(new TypeError(`invalid character in header ${name}`), { code: 'ERR_INVALID_CHAR' });
    if (lower === 'host') host = true;
    fields += `${name}: ${value}\r\n`;
  }
  const length = body === undefined ? '' : `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n`;
  const hostField = host ? '' : `Host: ${url.host}\r\n`;
  return {
    head: `${method} ${target} HTTP/1.1\r\n${hostField}${fields}${length}Connection: keep-alive\r\n\r\n`,
    body,
  };
}

function contentLength(rawHeaders: readonly string[]): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (rawHeaders[i]!.toLowerCase() === 'content-length') return rawHeaders[i + 1];
  return undefined;
}

/** A pooled connection still usable, or undefined. Expired ones are closed on the way. */
function takeIdle(origin: string): Connection | undefined {
  const list = idle.get(origin);
  while (list && list.length > 0) {
    const connection = list.pop()!;
    if (!connection.socket.destroyed && Date.now() < connection.expiresAt) return connection;
    connection.socket.destroy();
  }
  return undefined;
}

function keepIdle(connection: Connection, keepAliveSeconds: number | undefined): void {
  const { socket, origin } = connection;
  if (socket.destroyed) return;
  connection.expiresAt =
    keepAliveSeconds === undefined ? Infinity : Date.now() + Math.max(0, keepAliveSeconds * 1000 - 1000);
  let list = idle.get(origin);
  if (!list) idle.set(origin, (list = []));
  list.push(connection);
  while (list.length > MAX_IDLE_PER_ORIGIN) list.shift()!.socket.destroy();
}
