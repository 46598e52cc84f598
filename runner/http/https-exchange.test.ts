import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningCertificate } from '../../mock-idp/keys/signing-certificate.js';
import { exchange } from './node-exchange.js';
import { UserAgentError } from './user-agent-error.js';

let server: Server;
let url: string;
let requests = 0;

beforeAll(async () => {
  const { certificatePem, privateKeyPem } = createSigningCertificate({ commonName: '127.0.0.1' });
  server = createServer({ key: privateKeyPem, cert: certificatePem }, (_req, res) => {
    requests++;
    res.end('secret');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the HTTPS client (through exchange)', () => {
  it('verifies the server: a certificate nobody vouches for is a failed exchange, and nothing is sent', async () => {
    const failure = await exchange({
      url: new URL(url),
      method: 'GET',
      headers: {},
      timeoutMs: 5_000,
      maxBodyBytes: 1_000,
      what: `GET ${url}`,
      hops: [],
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UserAgentError);
    expect((failure as UserAgentError).code).toBe('TARGET_UNREACHABLE');
    expect(((failure as Error).cause as NodeJS.ErrnoException).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(requests).toBe(0);
  });
});
