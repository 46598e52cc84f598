/** @module The HTTP user agent against a local server: redirects, cookies, forms, limits and error codes. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstForm } from './html-form.js';
import { UserAgent } from './user-agent.js';
import { UserAgentError } from './user-agent-error.js';

let server: Server;
let base: string;

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const routes: Record<string, Handler> = {
  '/echo': (req, res, body) =>
    json(res, {
      method: req.method,
      url: req.url,
      cookie: req.headers.cookie ?? null,
      origin: req.headers.origin ?? null,
      body,
    }),
  '/chain': (req, res) => {
    const n = Number(new URL(req.url!, base).searchParams.get('n'));
    if (n <= 0) return json(res, { done: true });
    res.writeHead(302, { location: `/chain?n=${n - 1}` }).end();
  },
  '/loop': (_req, res) => void res.writeHead(302, { location: '/loop' }).end(),
  '/login': (_req, res) => {
    res
      .writeHead(302, {
        location: '/echo',
        'set-cookie': ['sid=abc; Path=/; HttpOnly; SameSite=Lax', 'scoped=1; Path=/only'],
      })
      .end();
  },
  '/post-303': (_req, res) => void res.writeHead(303, { location: '/echo' }).end(),
  '/post-302': (_req, res) => void res.writeHead(302, { location: '/echo' }).end(),
  '/post-307': (_req, res) => void res.writeHead(307, { location: '/echo' }).end(),
  '/utf8-location': (_req, res) => {
    res.writeHead(302, { location: Buffer.from('/echo?q=ü', 'utf8').toString('latin1') }).end();
  },
  '/to-echo': (_req, res) => void res.writeHead(302, { location: '/echo' }).end(),
  '/app-link': (_req, res) => void res.writeHead(302, { location: 'myapp://callback' }).end(),
  '/autopost': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<html><body><form method="POST" action="${base}/echo"><input type="hidden" name="SAMLResponse" value="PHg+" />` +
        `<input type="hidden" name="RelayState" value="/a b/&#252;?x=1&amp;y=2" /></form>` +
        `<script>window.setTimeout('document.forms[0].submit()', 0);</script></body></html>`,
    );
  },
  '/autopost-loop': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<form method="post" action="/autopost-loop"><input type="hidden" name="SAMLRequest" value="x"></form>',
    );
  },
  '/sign-in': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<form method="post" action="/echo"><input type="hidden" name="ctx" value="c1"><input name="username" value=""><input name="password" type="password"></form>',
    );
  },
  '/big': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(Buffer.alloc(2048, 'x'));
  },
  '/big-declared': (_req, res) => {
    res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
    res.write('x');
  },
  '/slow': () => undefined, // never answers
  '/slow-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
  },
};

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const route = routes[new URL(req.url!, 'http://x').pathname];
      if (route) route(req, res, body);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserAgentError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('UserAgent', () => {
  it('follows up to 20 redirects, records each hop, and refuses the 21st', async () => {
    const ua = new UserAgent();
    const ok = await ua.get(`${base}/chain?n=20`);
    expect(ok.status).toBe(200);
    expect(ok.hops).toHaveLength(21);
    expect(ok.hops[0]).toEqual({
      method: 'GET',
      url: `${base}/chain?n=20`,
      status: 302,
      location: '/chain?n=19',
    });
    expect(ok.url).toBe(`${base}/chain?n=0`);
    expect(await codeOf(ua.get(`${base}/chain?n=21`))).toBe('TOO_MANY_REDIRECTS');
    expect(await codeOf(ua.get(`${base}/loop`))).toBe('TOO_MANY_REDIRECTS');
  });

  it('stores cookies from a redirect and sends them by path on the next hop', async () => {
    const ua = new UserAgent();
    const res = await ua.get(`${base}/login`);
    expect(JSON.parse(res.body)).toMatchObject({ cookie: 'sid=abc' });
    expect(ua.cookies.list().map((c) => [c.name, c.httpOnly, c.sameSite ?? null])).toEqual([
      ['sid', true, 'Lax'],
      ['scoped', false, null],
    ]);
    expect(res.hops[0]?.status).toBe(302);
  });

  it('turns POST into GET on 302/303 and keeps method and body on 307', async () => {
    const ua = new UserAgent();
    for (const [path, method, body] of [
      ['/post-303', 'GET', ''],
      ['/post-302', 'GET', ''],
      ['/post-307', 'POST', 'a=1'],
    ] as const) {
      const res = await ua.post(`${base}${path}`, { a: '1' });
      expect(JSON.parse(res.body), path).toMatchObject({ method, body });
    }
  });

  it('can stop at the first response', async () => {
    const res = await new UserAgent().get(`${base}/to-echo`, { followRedirects: false });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/echo');
  });

  it('reads a UTF-8 Location as a browser does and keeps the fragment across redirects', async () => {
    const ua = new UserAgent();
    expect(JSON.parse((await ua.get(`${base}/utf8-location`)).body).url).toBe('/echo?q=%C3%BC');
    const res = await ua.get(`${base}/to-echo#frag`);
    expect(res.url).toBe(`${base}/echo#frag`);
  });

  it('stops at a redirect to a non-http scheme', async () => {
    const res = await new UserAgent().get(`${base}/app-link`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('myapp://callback');
  });

  it('submits an auto-posting form with decoded values and an Origin header', async () => {
    const res = await new UserAgent().open(`${base}/autopost`);
    const echoed = JSON.parse(res.body) as { method: string; body: string; origin: string };
    expect(echoed.method).toBe('POST');
    expect(echoed.origin).toBe(base);
    expect(Object.fromEntries(new URLSearchParams(echoed.body))).toEqual({
      SAMLResponse: 'PHg+',
      RelayState: '/a b/ü?x=1&y=2',
    });
    expect(res.hops.map((h) => h.method)).toEqual(['GET', 'POST']);
  });

  it('leaves a page without an auto-submitting form alone, and fills a form like a person', async () => {
    const ua = new UserAgent();
    const page = await ua.get(`${base}/sign-in`);
    expect(await ua.followAutoPost(page)).toBe(page);
    const res = await ua.submitForm(firstForm(page.body, page.url)!, {
      username: 'B.Simon',
      password: 'Passw0rd!',
    });
    expect(JSON.parse(res.body).body).toBe('ctx=c1&username=B.Simon&password=Passw0rd%21');
  });

  it('gives up on an endless chain of auto-posted forms', async () => {
    expect(await codeOf(new UserAgent().open(`${base}/autopost-loop`))).toBe('TOO_MANY_REDIRECTS');
  });

  it('bounds the body size, by header and by bytes read', async () => {
    const ua = new UserAgent({ maxBodyBytes: 1024 });
    expect(await codeOf(ua.get(`${base}/big`))).toBe('BODY_TOO_LARGE');
    expect(await codeOf(ua.get(`${base}/big-declared`))).toBe('BODY_TOO_LARGE');
    expect((await new UserAgent().get(`${base}/big`)).body).toHaveLength(2048);
  });

  it('times out waiting for headers or for the body', async () => {
    const ua = new UserAgent({ timeoutMs: 200 });
    expect(await codeOf(ua.get(`${base}/slow`))).toBe('TIMEOUT');
    expect(await codeOf(ua.get(`${base}/slow-body`))).toBe('TIMEOUT');
  });

  it('reports an unreachable target and a bad URL with codes, never raw errors', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const ua = new UserAgent();
    expect(await codeOf(ua.get(`http://127.0.0.1:${port}/`))).toBe('TARGET_UNREACHABLE');
    expect(await codeOf(ua.get('ftp://example.test/'))).toBe('INVALID_URL');
    expect(await codeOf(ua.get('/relative'))).toBe('INVALID_URL');
  });

  it('never sends a request allowRequest refuses, a redirect hop included (OFF_ORIGIN)', async () => {
    let asked: string[] = [];
    const ua = new UserAgent({
      allowRequest: (url) => {
        asked = [...asked, url.pathname];
        return url.pathname !== '/echo';
      },
    });
    const error = await ua.get(`${base}/post-302`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserAgentError);
    expect((error as UserAgentError).code).toBe('OFF_ORIGIN');
    expect((error as UserAgentError).harnessCode).toBe('OFF_ORIGIN');
    expect((error as UserAgentError).hops.map((h) => h.status)).toEqual([302]);
    expect(asked).toEqual(['/post-302', '/echo']);
  });
});
