/**
 * @module Browser mode's gate to the network: Chromium sends every connection through this loopback
 * proxy (`--proxy-server`, loopback included), which forwards only to the origins the run may contact
 * and refuses the rest without resolving or connecting. Request interception (page-session.ts) stops
 * what the harness sees; this also stops what it cannot: a browser opens TCP connections of its own to
 * origins it expects to need (a frame's, before the request is intercepted), and a WebSocket is never
 * intercepted at all. Plain HTTP is forwarded request by request, HTTPS and WebSockets as CONNECT
 * tunnels to an allowed host and port.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { OriginPolicy } from '../../http/origin-policy.js';

/** Hop-by-hop headers (RFC 9110 §7.6.1): the proxy's own business, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'upgrade',
]);

export class OriginProxy {
  #policy = new OriginPolicy();
  readonly #blocked: string[] = [];
  readonly #sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<OriginProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const proxy = new OriginProxy(server, `http://127.0.0.1:${port}`);
    server.on('connection', (socket: Socket) => {
      proxy.#sockets.add(socket);
      socket.once('close', () => proxy.#sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => proxy.#forward(req, res));
    server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) =>
      proxy.#tunnel(req, socket, head),
    );
    return proxy;
  }

  /** Until this is called nothing is allowed. */
  allow(policy: OriginPolicy): void {
    this.#policy = policy;
  }

  /** What the proxy refused, as "METHOD URL" or "CONNECT host:port". */
  get blocked(): readonly string[] {
    return this.#blocked;
  }

  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  #forward(req: IncomingMessage, res: ServerResponse): void {
    const target = URL.canParse(req.url ?? '') ? new URL(req.url!) : undefined;
    if (!target || target.protocol !== 'http:' || !this.#policy.allows(target)) {
      this.#blocked.push(`${req.method} ${(req.url ?? '').slice(0, 300)}`);
      req.resume();
      res
        .writeHead(403, { 'content-type': 'text/plain' })
        .end('samlspec: not an origin this run may contact\n');
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    const upstream = request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || 80,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (answer) => {
        const raw: string[] = [];
        for (let i = 0; i < answer.rawHeaders.length; i += 2)
          if (!HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase()))
            raw.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    // The SP hung up or reset: the browser sees the same.
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }

  #tunnel(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const [host = '', port = ''] = splitHostPort(req.url ?? '');
    // A tunnel carries HTTPS, or a WebSocket (ws: for an http origin): either origin on that port will do.
    const allowed =
      host !== '' &&
      /^\d+$/.test(port) &&
      (this.#policy.allows(`https://${host}:${port}/`) || this.#policy.allows(`http://${host}:${port}/`));
    if (!allowed) {
      this.#blocked.push(`CONNECT ${(req.url ?? '').slice(0, 300)}`);
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(port), host.replace(/^\[|\]$/g, ''), () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    this.#sockets.add(upstream);
    upstream.once('close', () => this.#sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  }
}

/** `host:port` or `[v6]:port` of a CONNECT request. */
function splitHostPort(authority: string): [string, string] {
  const at = authority.lastIndexOf(':');
  return at < 0 ? [authority, ''] : [authority.slice(0, at), authority.slice(at + 1)];
}

/** Chromium's switches for it: every connection through the proxy, loopback too (Chromium skips it by default). */
export function proxyArgs(proxy: OriginProxy): string[] {
  return [`--proxy-server=${proxy.url}`, '--proxy-bypass-list=<-loopback>'];
}
