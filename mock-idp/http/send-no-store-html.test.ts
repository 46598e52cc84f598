import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendNoStoreHtml } from './send-no-store-html.js';

const BODY = '<html><body>Réponse ✓</body></html>';
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_req, res) => sendNoStoreHtml(res, BODY));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('sendNoStoreHtml', () => {
  it('answers 200 UTF-8 HTML that may not be stored, with the byte length of the body', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(BODY)));
    expect(res.headers.get('etag')).toBeNull();
    expect(await res.text()).toBe(BODY);
  });

  it('sends no body to HEAD', async () => {
    const res = await fetch(url, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
