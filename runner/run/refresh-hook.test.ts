import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../errors.js';
import { parseRefreshHook, refreshHookProblem, refreshIdpMetadata } from './refresh-hook.js';

describe('parseRefreshHook', () => {
  it('reads the three forms', () => {
    expect(parseRefreshHook('http://127.0.0.1:3000/refresh')).toEqual({
      kind: 'url',
      url: 'http://127.0.0.1:3000/refresh',
    });
    expect(parseRefreshHook('wait:30')).toEqual({ kind: 'wait', seconds: 30 });
    expect(parseRefreshHook('docker restart sp')).toEqual({ kind: 'command', command: 'docker restart sp' });
    expect(parseRefreshHook('cmd:./reload.sh')).toEqual({ kind: 'command', command: './reload.sh' });
  });

  it.each(['', 'wait:', 'wait:-1', 'wait:1.5', 'wait:999999', 'cmd:'])('refuses %j', (value) => {
    expect(() => parseRefreshHook(value)).toThrow();
    expect(refreshHookProblem(value)).toBeDefined();
  });
});

describe('refreshIdpMetadata', () => {
  let server: Server | undefined;
  const calls: string[] = [];
  afterEach(async () => {
    // The harness keeps connections alive (node-exchange.ts): close them, or close() waits for them.
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
    calls.length = 0;
  });
  const serve = async (status: number, answerAfterMs = 0): Promise<string> => {
    server = createServer((req, res) => {
      calls.push(req.method ?? '');
      res.statusCode = status;
      if (status >= 300 && status < 400) res.setHeader('location', 'http://127.0.0.1:1/elsewhere');
      setTimeout(() => res.end('{"refreshed":true}'), answerAfterMs);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/refresh-idp-metadata`;
  };
  const codeOf = async (promise: Promise<void>): Promise<string | undefined> =>
    promise.then(
      () => undefined,
      (error: unknown) => (error instanceof HarnessError ? error.code : 'not a HarnessError'),
    );

  it('POSTs to a URL and takes a 2xx as done', async () => {
    const url = await serve(204);
    await refreshIdpMetadata(parseRefreshHook(url));
    expect(calls).toEqual(['POST']);
  });

  it('an endpoint that does not answer in time is a configuration error', async () => {
    const url = await serve(204, 2_000);
    expect(await codeOf(refreshIdpMetadata(parseRefreshHook(url), { urlTimeoutMs: 200 }))).toBe('BAD_CONFIG');
  });

  it('a redirect is not followed: not refreshed, a configuration error', async () => {
    const url = await serve(302);
    expect(await codeOf(refreshIdpMetadata(parseRefreshHook(url)))).toBe('BAD_CONFIG');
    expect(calls).toEqual(['POST']);
  });

  it('a non-2xx answer is a configuration error', async () => {
    const url = await serve(500);
    expect(await codeOf(refreshIdpMetadata(parseRefreshHook(url)))).toBe('BAD_CONFIG');
  });

  it('an unreachable URL is a configuration error', async () => {
    const url = await serve(204);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    expect(await codeOf(refreshIdpMetadata(parseRefreshHook(url)))).toBe('BAD_CONFIG');
  });

  it('runs a command: exit 0 is done, anything else a configuration error', async () => {
    expect(await codeOf(refreshIdpMetadata(parseRefreshHook('true')))).toBeUndefined();
    expect(await codeOf(refreshIdpMetadata(parseRefreshHook('exit 3')))).toBe('BAD_CONFIG');
  });

  it('stops a command that outlives its time limit', async () => {
    const hook = parseRefreshHook('sleep 30');
    expect(await codeOf(refreshIdpMetadata(hook, { commandTimeoutMs: 200 }))).toBe('BAD_CONFIG');
  });

  it('wait:0 returns', async () => {
    expect(await codeOf(refreshIdpMetadata(parseRefreshHook('wait:0')))).toBeUndefined();
  });
});
