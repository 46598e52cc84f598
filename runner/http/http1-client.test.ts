import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange, type ExchangeRequest } from './node-exchange.js';
import { UserAgentError } from './user-agent-error.js';

/**
 * A TCP server that hands each request's bytes to `answer`, which writes whatever it likes (or nothing):
 * the client is tested on exactly the bytes it gets, including ones node:http's server would never send.
 */
interface RawServer {
  url: string;
  /** Connections accepted so far. */
  connections: number;
  /** Every request's bytes, as received. */
  requests: string[];
}

let servers: Server[] = [];
afterEach(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  servers = [];
});

async function rawServer(
  answer: (socket: Socket, request: string, index: number) => void,
): Promise<RawServer> {
  const state: RawServer = { url: '', connections: 0, requests: [] };
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = '';
    socket.on('data', (data) => {
      buffered += data.toString('latin1');
      // One whole request: its head, and a body of its Content-Length.
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      const request = buffered.slice(0, end + 4 + length);
      buffered = buffered.slice(request.length);
      state.requests.push(request);
      answer(socket, request, state.requests.length - 1);
    });
    socket.on('error', () => undefined);
  });
  const close = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    for (const socket of sockets) socket.destroy();
    return close(cb);
  }) as typeof server.close;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  state.url = `http://127.0.0.1:${address.port}`;
  return state;
}

const ok = (body = 'ok', extra = ''): string =>
  `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

function request(url: string, o: Partial<ExchangeRequest> = {}): ExchangeRequest {
  return {
    url: new URL(url),
    method: 'GET',
    headers: { accept: 'text/html' },
    timeoutMs: 2000,
    maxBodyBytes: 1000,
    what: `GET ${url}`,
    hops: [],
    ...o,
  };
}

async function fetchText(
  req: ExchangeRequest,
): Promise<{ status: number; body: string; headers: Record<string, string> }> {
  const res = await exchange(req);
  return { status: res.status, headers: res.headers, body: await res.body() };
}

const codeOf = (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof UserAgentError ? error.code : 'other'),
  );

describe('the plain-HTTP client (through exchange)', () => {
  it('sends the request as node:http would and keeps one connection for the exchanges that follow', async () => {
    const server = await rawServer((socket) =>
      socket.write(ok('answer', 'Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n')),
    );
    const first = await fetchText(
      request(`${server.url}/path?q=1`, { headers: { 'User-Agent': 'ua', cookie: 'c=3' } }),
    );
    expect(first).toEqual({
      status: 200,
      body: 'answer',
      headers: { 'content-length': '6', 'content-type': 'text/plain', 'set-cookie': 'a=1\nb=2' },
    });
    await fetchText(request(`${server.url}/form`, { method: 'POST', body: 'x=é', headers: {} }));
    await fetchText(request(`${server.url}/again`));
    expect(server.connections).toBe(1);
    const host = new URL(server.url).host;
    expect(server.requests[0]).toBe(
      `GET /path?q=1 HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ua\r\ncookie: c=3\r\nConnection: keep-alive\r\n\r\n`,
    );
    expect(server.requests[1]).toBe(
      `POST /form HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 4\r\nConnection: keep-alive\r\n\r\nx=${Buffer.from('é').toString('latin1')}`,
    );
  });

  it('sends again on a new connection when the kept one was closed by the server before answering', async () => {
    const server = await rawServer((socket, _request, index) => {
      // The second request meets a connection the server drops without a byte (its keep-alive timeout).
      if (index === 1) socket.destroy();
      else socket.write(ok(`answer ${index}`));
    });
    expect((await fetchText(request(server.url))).body).toBe('answer 0');
    expect((await fetchText(request(server.url))).body).toBe('answer 2');
    expect(server.connections).toBe(2);
  });

  it('does not send twice on a new connection, nor once it had an answer', async () => {
    const fresh = await rawServer((socket) => socket.destroy());
    expect(await codeOf(fetchText(request(fresh.url)))).toBe('TARGET_UNREACHABLE');
    expect(fresh.requests).toHaveLength(1);
    const cut = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf'));
    const res = await exchange(request(cut.url));
    expect(await codeOf(res.body())).toBe('TARGET_UNREACHABLE');
    expect(cut.requests).toHaveLength(1);
  });

  it('reports a connection the server closed before its response ended as a reset one (ECONNRESET), as node:http', async () => {
    // A crashed SP's connections end with a FIN as often as with a reset: the run's liveness checks know
    // a lost connection by this code, whichever of the two arrived.
    const causeOf = (promise: Promise<unknown>): Promise<unknown> =>
      promise.then(
        () => undefined,
        (error: unknown) => ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code,
      );
    const silent = await rawServer((socket) => socket.end());
    expect(await causeOf(exchange(request(silent.url)))).toBe('ECONNRESET');
    const halfHead = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Le'));
    expect(await causeOf(exchange(request(halfHead.url)))).toBe('ECONNRESET');
    const halfBody = await rawServer((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf'),
    );
    const res = await exchange(request(halfBody.url));
    expect(await causeOf(res.body())).toBe('ECONNRESET');
    const garbage = await rawServer((socket) => socket.end('SSH-2.0-OpenSSH\r\n\r\n'));
    expect(await causeOf(exchange(request(garbage.url)))).not.toBe('ECONNRESET');
  });

  it('closes connections the server will not keep: Connection: close, HTTP/1.0, an expiring Keep-Alive hint', async () => {
    for (const answer of [
      ok('x', 'Connection: close\r\n'),
      'HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx',
      ok('x', 'Keep-Alive: timeout=1\r\n'),
    ]) {
      const server = await rawServer((socket) => socket.write(answer));
      await fetchText(request(server.url));
      await fetchText(request(server.url));
      expect(server.connections, answer).toBe(2);
    }
  });

  it('reads a chunked body and a body that runs to the end of the connection', async () => {
    const chunked = await rawServer((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n'),
    );
    expect((await fetchText(request(chunked.url))).body).toBe('abcde');
    const untilClose = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\n\r\nto the end'));
    expect((await fetchText(request(untilClose.url))).body).toBe('to the end');
  });

  it('decodes the body by its charset', async () => {
    const server = await rawServer((socket) =>
      socket.write(
        Buffer.from(
          'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Length: 1\r\n\r\n\u00e9',
          'latin1',
        ),
      ),
    );
    expect((await fetchText(request(server.url))).body).toBe('é');
  });

  it('bounds the body by its declared length and by the bytes read', async () => {
    const declared = await rawServer((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n'),
    );
    expect(await codeOf(exchange(request(declared.url)))).toBe('BODY_TOO_LARGE');
    const read = await rawServer((socket) =>
      socket.write(
        `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n${'a'.repeat(2000)}\r\n0\r\n\r\n`,
      ),
    );
    const res = await exchange(request(read.url));
    expect(await codeOf(res.body())).toBe('BODY_TOO_LARGE');
  });

  it('times out on a server that never answers, and does not reuse that connection', async () => {
    const server = await rawServer((socket, _request, index) => {
      if (index > 0) socket.write(ok());
    });
    expect(await codeOf(exchange(request(server.url, { timeoutMs: 150 })))).toBe('TIMEOUT');
    expect((await fetchText(request(server.url))).body).toBe('ok');
    expect(server.connections).toBe(2);
  });

  it('reports what is no HTTP response, and a refused connection, as the target being unreachable', async () => {
    const garbage = await rawServer((socket) => socket.write('SSH-2.0-OpenSSH\r\n\r\n'));
    expect(await codeOf(exchange(request(garbage.url)))).toBe('TARGET_UNREACHABLE');
    const closed = await rawServer(() => undefined);
    const url = closed.url;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await codeOf(exchange(request(url)))).toBe('TARGET_UNREACHABLE');
  });

  it('sends nothing with a field value or name node:http would refuse', async () => {
    const server = await rawServer((socket) => socket.write(ok()));
    expect(await codeOf(exchange(request(server.url, { headers: { 'x-a': 'line\r\nInjected: 1' } })))).toBe(
      'TARGET_UNREACHABLE',
    );
    expect(await codeOf(exchange(request(server.url, { headers: { 'bad name': 'x' } })))).toBe(
      'TARGET_UNREACHABLE',
    );
    expect(server.requests).toHaveLength(0);
  });
});
