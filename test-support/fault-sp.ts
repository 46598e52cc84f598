/**
 * @module A fault-injecting SP for tests of the runner under hostile targets, on loopback only. It looks
 * like an SP (metadata, a login URL that sends the browser to the IdP with an AuthnRequest, an ACS, a
 * probe) and each route misbehaves as told: hangs, resets mid-body, 500s, 50 MB bodies, redirect loops,
 * off-site redirects, cookie and header floods, slow trickles, or the whole server dies after N requests.
 *
 * A trap server (startTrap) stands for "somewhere else" on loopback: it only counts the requests it gets,
 * so a test can prove the runner never went there. Non-loopback targets are caught by the network guard.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { deflateRawSync } from 'node:zlib';

export type FaultRoute = 'metadata' | 'login' | 'acs' | 'probe';

export type Fault =
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Sends headers and part of the body, then resets the connection. */
  | { kind: 'reset-mid-body' }
  | { kind: 'status'; status: number }
  /** A body of this many bytes (default 50 MB), streamed; `declared: false` omits Content-Length. */
  | { kind: 'huge-body'; bytes?: number; declared?: boolean }
  /** Redirects to itself forever (alternating two URLs). */
  | { kind: 'redirect-loop' }
  /** Redirects to `to`, which is off the SP's origin. */
  | { kind: 'redirect'; to: string }
  /** `count` Set-Cookie headers of `bytes` each. */
  | { kind: 'cookie-flood'; count?: number; bytes?: number }
  /** `count` junk headers (past Node's and undici's header size limit by default). */
  | { kind: 'header-flood'; count?: number }
  /** Sends the normal answer a few bytes at a time, `intervalMs` apart (forever with `endless`). */
  | { kind: 'slow'; intervalMs?: number; endless?: boolean };

export interface FaultSpOptions {
  /** Faults by route; routes without one behave. */
  faults?: Partial<Record<FaultRoute, Fault>>;
  /** The IdP's Login URL the login route sends the browser to (Redirect binding). */
  idpLoginUrl?: string;
  /** The ACS URL the AuthnRequest asks for (default: this SP's own /acs). */
  acsUrl?: string;
  /** The AuthnRequest's Issuer, or how to make it from the metadata's entity ID (default: that ID). */
  issuer?: string | ((entityId: string) => string);
  /** Set-Cookie headers on every answer (a session cookie, say). */
  cookies?: readonly string[];
  /** After this many requests the server closes and every connection is refused. */
  dieAfterRequests?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface FaultSp {
  readonly baseUrl: string;
  readonly entityId: string;
  readonly metadataUrl: string;
  readonly loginUrl: string;
  readonly acsUrl: string;
  readonly probeUrl: string;
  readonly metadataXml: string;
  /** Every request received, as "METHOD path". */
  readonly requests: readonly string[];
  setFault(route: FaultRoute, fault: Fault | undefined): void;
  setIdpLoginUrl(url: string): void;
  close(): Promise<void>;
}

const ROUTES: Record<string, FaultRoute> = {
  '/metadata': 'metadata',
  '/login': 'login',
  '/acs': 'acs',
  '/me': 'probe',
};

export async function startFaultSp(options: FaultSpOptions = {}): Promise<FaultSp> {
  const faults = { ...options.faults };
  let idpLoginUrl = options.idpLoginUrl;
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const baseUrl = await listen(server, options.host ?? '127.0.0.1');
  const entityId = `${baseUrl}/metadata`;
  const acsUrl = options.acsUrl ?? `${baseUrl}/acs`;
  const metadataXml = spMetadataXml(entityId, `${baseUrl}/acs`);
  let dead = false;
  const die = (): void => {
    dead = true;
    server.close();
    for (const socket of sockets) socket.destroy();
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (dead) return void req.socket.destroy();
    const url = new URL(req.url ?? '/', baseUrl);
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (options.dieAfterRequests !== undefined && requests.length > options.dieAfterRequests) return die();
    // Drain any body, so a POST never stalls on backpressure.
    req.resume();
    if (options.cookies) res.setHeader('set-cookie', [...options.cookies]);
    const route = ROUTES[url.pathname];
    // The metadata again, never faulty: where a redirect within the SP's origin may lead.
    if (url.pathname === '/metadata-copy')
      return serve(req, res, undefined, metadataAnswer(metadataXml), url);
    const normal = (): Answer => {
      switch (route) {
        case 'metadata':
          return metadataAnswer(metadataXml);
        case 'login': {
          if (!idpLoginUrl) return { status: 500, body: 'fault SP: no IdP login URL configured' };
          const issuer =
            typeof options.issuer === 'function' ? options.issuer(entityId) : (options.issuer ?? entityId);
          const request = authnRequest(issuer, acsUrl, idpLoginUrl);
          return { status: 302, headers: { location: `${idpLoginUrl}?SAMLRequest=${request}` }, body: '' };
        }
        case 'acs':
          return { status: 302, headers: { location: '/me' }, body: '' };
        case 'probe':
          return { status: 401, body: 'no session' };
        default:
          return { status: 404, body: 'not found' };
      }
    };
    const fault = route ? faults[route] : undefined;
    serve(req, res, fault, normal(), url);
  });

  return {
    baseUrl,
    entityId,
    metadataUrl: entityId,
    loginUrl: `${baseUrl}/login`,
    acsUrl,
    probeUrl: `${baseUrl}/me`,
    metadataXml,
    get requests() {
      return requests;
    },
    setFault: (route, fault) => {
      if (fault) faults[route] = fault;
      else delete faults[route];
    },
    setIdpLoginUrl: (url) => {
      idpLoginUrl = url;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      if (!dead) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

function metadataAnswer(xml: string): Answer {
  return { status: 200, headers: { 'content-type': 'application/samlmetadata+xml' }, body: xml };
}

function serve(
  req: IncomingMessage,
  res: ServerResponse,
  fault: Fault | undefined,
  normal: Answer,
  url: URL,
): void {
  const send = (answer: Answer): void => {
    res.writeHead(answer.status, { 'content-type': 'text/html', ...answer.headers });
    res.end(answer.body);
  };
  if (!fault) return send(normal);
  switch (fault.kind) {
    case 'hang':
      return;
    case 'reset-mid-body':
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
      res.write('<html><body>'.padEnd(4096, 'x'));
      setTimeout(() => req.socket.destroy(), 20);
      return;
    case 'status':
      return send({ status: fault.status, body: `fault SP: HTTP ${fault.status}` });
    case 'huge-body':
      return streamBytes(res, fault.bytes ?? 50 * 1024 * 1024, fault.declared ?? true);
    case 'redirect-loop': {
      const next = url.searchParams.get('loop') === '1' ? '0' : '1';
      return send({ status: 302, headers: { location: `${url.pathname}?loop=${next}` }, body: '' });
    }
    case 'redirect':
      return send({ status: 302, headers: { location: fault.to }, body: '' });
    case 'cookie-flood': {
      const count = fault.count ?? 200;
      const value = 'v'.repeat(fault.bytes ?? 40);
      res.setHeader(
        'set-cookie',
        Array.from({ length: count }, (_, i) => `flood${i}=${value}; Path=/`),
      );
      return send(normal);
    }
    case 'header-flood': {
      const count = fault.count ?? 2000;
      for (let i = 0; i < count; i++) res.setHeader(`x-flood-${i}`, 'y'.repeat(64));
      return send(normal);
    }
    case 'slow':
      return trickle(res, normal, fault.intervalMs ?? 200, fault.endless ?? false);
  }
}

function streamBytes(res: ServerResponse, total: number, declared: boolean): void {
  res.writeHead(200, {
    'content-type': 'text/html',
    ...(declared ? { 'content-length': String(total) } : {}),
  });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const pump = (): void => {
    while (sent < total) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      if (!res.write(part)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => {
    sent = total;
  });
  pump();
}

function trickle(res: ServerResponse, answer: Answer, intervalMs: number, endless: boolean): void {
  res.writeHead(answer.status, { 'content-type': 'text/html', ...answer.headers });
  const body = Buffer.from(answer.body || '<html>');
  let at = 0;
  const timer = setInterval(() => {
    if (!endless && at >= body.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(endless ? 'x' : body.subarray(at, at + 4));
    at += 4;
  }, intervalMs);
  res.on('close', () => clearInterval(timer));
}

/** A Redirect-binding SAMLRequest parameter value (deflated, base64, URL-encoded). */
function authnRequest(issuer: string, acsUrl: string, destination: string): string {
  const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_fault-${Date.now()}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${destination}" AssertionConsumerServiceURL="${acsUrl}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${issuer}</saml:Issuer></samlp:AuthnRequest>`;
  return encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString('base64'));
}

function spMetadataXml(entityId: string, acsUrl: string): string {
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${acsUrl}" index="0" isDefault="true"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`;
}

/**
 * A loopback server that stands for "another site": it answers 200 and counts what reached it, TCP
 * connections without a request included (a browser's preconnect).
 */
export interface Trap {
  readonly url: string;
  /** Requests, as "METHOD /path"; a connection that sent none is "(connection)". */
  readonly hits: readonly string[];
  close(): Promise<void>;
}

export async function startTrap(): Promise<Trap> {
  const requests: string[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    res.end('trap');
  });
  server.on('connection', () => connections++);
  const url = await listen(server, '127.0.0.1');
  return {
    url,
    get hits() {
      const idle = Math.max(0, connections - requests.length);
      return [...requests, ...Array.from({ length: idle }, () => '(connection)')];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    });
  });
}
