/**
 * @module A bounded, deterministic fuzzer for the mock IdP: the mock runs in this process (in-memory
 * state, auto sign-in, an app with a registered loopback Reply URL), a seeded generator
 * (fuzz-inputs.ts) sends raw HTTP requests one at a time, and the run stops at `count` requests or
 * `timeLimitMs`, whichever comes first. It counts status codes, 5xx, requests without an answer within
 * `requestTimeoutMs` (hangs), crashes (an uncaught exception or unhandled rejection, or the server no
 * longer answering), auto-post forms aimed at a URL the app does not register, and external fetches:
 * requests that reached the loopback canary and connection attempts off loopback, which the network
 * guard refuses before a packet leaves.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startMockIdp, type MockIdpHandle } from '../../mock-idp/start-mock-idp.js';
import { SESSION_COOKIE } from '../../mock-idp/http/context.js';
import { sequentialIds } from '../../mock-idp/util/ids.js';
import { installNetworkGuard } from '../network-guard.js';
import { nextRequest, seededRng, type FuzzContext, type FuzzRequest } from './fuzz-inputs.js';

export interface FuzzOptions {
  seed: number;
  /** Requests to send at most. */
  count: number;
  /** Stop sending after this long (the figures say whether it did). */
  timeLimitMs: number;
  /** A request without a complete answer after this long is a hang. */
  requestTimeoutMs?: number;
}

export interface FuzzResults {
  seed: number;
  requests: number;
  durationMs: number;
  /** True when the time limit, not the count, ended the run. */
  stoppedByTimeLimit: boolean;
  statusCounts: Record<string, number>;
  responses5xx: number;
  /** The connection closed (or was reset) without an HTTP answer. */
  noResponse: number;
  hangs: number;
  crashes: number;
  peakRssMb: number;
  /** Sign-in pages shown (people sign in there); their contexts are fed back into the sign-in form fuzzing. */
  signInPages: number;
  /** Signed responses posted by an auto-submitting form (the app's registered Reply URL only). */
  formsToRegisteredAcs: number;
  formsToUnregisteredAcs: number;
  externalFetchesCaught: { canaryHits: number; blockedConnectionAttempts: number };
  byCategory: Record<string, { requests: number; statusCounts: Record<string, number> }>;
  /** The first few requests that got a 5xx, no answer, or a form to an unregistered URL. */
  examples: Array<{ category: string; summary: string; outcome: string }>;
  node: string;
}

const ACS_PATH = '/acs';

export async function fuzzMockIdp(options: FuzzOptions): Promise<FuzzResults> {
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const guard = installNetworkGuard();
  const canary = await startCanary();
  let crashes = 0;
  const onCrash = (): void => {
    crashes++;
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  let idp: MockIdpHandle | undefined;
  try {
    // Sequential ids, so the session ids and sign-in contexts, and with them the requests, repeat per seed.
    idp = await startMockIdp({ ids: sequentialIds() });
    const acsUrl = `${canary.url}${ACS_PATH}`;
    const app = idp.admin.addApp({
      name: 'fuzz',
      identifiers: ['https://sp.fuzz.example/metadata'],
      replyUrls: [{ url: acsUrl, isDefault: true }],
      relayState: '/home',
      logoutUrl: `${canary.url}/slo`,
      autoSignIn: 'B.Simon@contoso.com',
    });
    // People sign in on the sign-in page here, so the sign-in form and its contexts are fuzzed too.
    idp.admin.addApp({
      name: 'fuzz-people',
      identifiers: ['https://people.fuzz.example/metadata'],
      replyUrls: [{ url: acsUrl, isDefault: true }],
    });
    idp.admin.addApp({ name: 'fuzz-scratch', identifiers: ['https://scratch.fuzz.example/'] });
    const registered = new Set(app.replyUrls.map((r) => r.url));
    const base = new URL(idp.baseUrl);
    const ctx: FuzzContext = {
      host: base.host,
      tenantId: idp.tenantId,
      appId: app.appId,
      appName: app.name,
      scratchApp: 'fuzz-scratch',
      issuer: app.identifiers[0]!,
      acsUrl,
      certificateId: app.certificates[0]!.id,
      canaryUrl: canary.url,
      outsideUrl: 'http://198.51.100.7:9',
      sessionCookie: `${SESSION_COOKIE}_${idp.tenantId}`,
      peopleIssuer: 'https://people.fuzz.example/metadata',
    };
    const rng = seededRng(options.seed);
    const results: FuzzResults = {
      seed: options.seed,
      requests: 0,
      durationMs: 0,
      stoppedByTimeLimit: false,
      statusCounts: {},
      responses5xx: 0,
      noResponse: 0,
      hangs: 0,
      crashes: 0,
      peakRssMb: 0,
      signInPages: 0,
      formsToRegisteredAcs: 0,
      formsToUnregisteredAcs: 0,
      externalFetchesCaught: { canaryHits: 0, blockedConnectionAttempts: 0 },
      byCategory: {},
      examples: [],
      node: process.version,
    };
    const started = Date.now();
    const port = Number(base.port);
    for (let i = 0; i < options.count; i++) {
      if (Date.now() - started > options.timeLimitMs) {
        results.stoppedByTimeLimit = true;
        break;
      }
      const request = nextRequest(rng, ctx);
      const answer = await exchange(port, request.raw, requestTimeoutMs);
      results.requests++;
      record(results, request, answer, registered);
      const signIn = /name="ctx" value="([^"]+)"/.exec(answer.body)?.[1];
      if (signIn) {
        ctx.signInContext = signIn;
        results.signInPages++;
      }
    }
    results.durationMs = Date.now() - started;
    // Still answering? A server that died quietly is a crash too.
    const alive = await exchange(
      port,
      Buffer.from(`GET / HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`),
      requestTimeoutMs,
    );
    if (alive.status !== 200) crashes++;
    results.crashes = crashes;
    results.externalFetchesCaught = {
      canaryHits: canary.hits().length,
      blockedConnectionAttempts: guard.attempts.length,
    };
    results.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return results;
  } finally {
    await idp?.close();
    await canary.close();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    guard.uninstall();
  }
}

interface Answer {
  /** HTTP status, or 'none' (closed without an answer), 'reset' (the connection was reset) or 'hang'. */
  status: number | 'none' | 'reset' | 'hang';
  body: string;
}

function record(results: FuzzResults, request: FuzzRequest, answer: Answer, registered: Set<string>): void {
  const key = String(answer.status);
  results.statusCounts[key] = (results.statusCounts[key] ?? 0) + 1;
  const category = (results.byCategory[request.category] ??= { requests: 0, statusCounts: {} });
  category.requests++;
  category.statusCounts[key] = (category.statusCounts[key] ?? 0) + 1;
  let bad: string | undefined;
  if (answer.status === 'hang') {
    results.hangs++;
    bad = 'hang';
  } else if (answer.status === 'none' || answer.status === 'reset') {
    results.noResponse++;
    bad = answer.status === 'reset' ? 'connection reset without an answer' : 'no response';
  } else if (answer.status >= 500) {
    results.responses5xx++;
    bad = `HTTP ${answer.status}`;
  }
  const form = autoPostTarget(answer.body);
  if (form !== undefined) {
    if (registered.has(form)) results.formsToRegisteredAcs++;
    else {
      results.formsToUnregisteredAcs++;
      bad = `form to ${form}`;
    }
  }
  if (bad && results.examples.length < 20)
    results.examples.push({ category: request.category, summary: request.summary, outcome: bad });
}

/** The action of a form that posts a SAMLResponse, HTML entities decoded. */
function autoPostTarget(body: string): string | undefined {
  if (!body.includes('SAMLResponse')) return undefined;
  const action = /<form[^>]*\saction="([^"]*)"/i.exec(body)?.[1];
  if (action === undefined) return undefined;
  return action.replace(
    /&(amp|lt|gt|quot|#39|#x2F);/g,
    (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x2F': '/' })[e] ?? _m,
  );
}

/** One raw request on its own connection; reads until the server closes it. */
function exchange(port: number, raw: Buffer, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (answer: Answer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ status: 'hang', body: '' }), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      // Keep the head and enough of the body to find a form; never the whole of a large answer.
      if (size < 256 * 1024) chunks.push(chunk);
      size += chunk.length;
    });
    const done = (): void => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      const bodyAt = text.indexOf('\r\n\r\n');
      finish({
        status: status ? Number(status) : resetCode ? 'reset' : 'none',
        body: bodyAt >= 0 ? Buffer.from(text.slice(bodyAt + 4), 'latin1').toString('utf8') : '',
      });
    };
    socket.on('end', done);
    socket.on('close', done);
    let resetCode: string | undefined;
    socket.on('error', (error: NodeJS.ErrnoException) => {
      resetCode = error.code ?? 'error';
    });
    // Head first, body a moment later: a server that refuses the request from its head (400, 413, 415)
    // answers and closes before reading the body, and the body arriving after its close would reset the
    // connection and wipe out the answer on the client's side.
    const headEnd = raw.indexOf('\r\n\r\n');
    const head = headEnd < 0 ? raw : raw.subarray(0, headEnd + 4);
    const body = headEnd < 0 ? Buffer.alloc(0) : raw.subarray(headEnd + 4);
    socket.write(head);
    if (body.length === 0) return void socket.end();
    setTimeout(() => {
      if (!settled && chunks.length === 0) socket.write(body, () => socket.end());
    }, 5);
  });
}

interface Canary {
  url: string;
  hits(): string[];
  close(): Promise<void>;
}

/** A loopback server hostile documents point at: any request to it (but the ACS) is a fetch by the IdP. */
async function startCanary(): Promise<Canary> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(new URL(req.url ?? '/', 'http://x').pathname);
    req.resume();
    res.end('canary');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => [...hits],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
