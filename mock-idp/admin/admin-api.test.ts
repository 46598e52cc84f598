import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockIdp, type MockIdpHandle } from '../start-mock-idp.js';

/** A raw request, so the Host header can be what a DNS-rebinding page would send. */
function send(
  idp: MockIdpHandle,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(idp.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path: `/admin/api${path}`, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('admin API without a token (loopback)', () => {
  let idp: MockIdpHandle;
  beforeAll(async () => {
    idp = await startMockIdp();
  });
  afterAll(() => idp.close());
  const certificates = () => idp.admin.getApp().certificates.length;

  it('answers local tools: a loopback Host and a JSON body', async () => {
    for (const host of [new URL(idp.baseUrl).host, `localhost:${new URL(idp.baseUrl).port}`])
      expect((await send(idp, 'GET', '/tenants', { host })).status).toBe(200);
    const before = certificates();
    const made = await send(idp, 'POST', '/tenants/default/apps/default/certificates', JSON_TYPE, '{}');
    expect(made.status).toBe(201);
    expect(certificates()).toBe(before + 1);
  });

  it.each(['evil.example', 'evil.example:7080', '127.0.0.1.evil.example', 'localhost.evil.example'])(
    'refuses a request whose Host is %s (DNS rebinding)',
    async (host) => {
      const res = await send(idp, 'GET', '/tenants', { host });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN');
    },
  );

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined])(
    'refuses a state change sent as %s (a cross-site form), and changes nothing',
    async (type) => {
      const before = certificates();
      const res = await send(
        idp,
        'POST',
        '/tenants/default/apps/default/certificates',
        type ? { 'content-type': type } : {},
        '{"activate":true}',
      );
      expect(res.status).toBe(415);
      expect(JSON.parse(res.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(certificates()).toBe(before);
    },
  );

  it.each(['https://evil.example', 'null'])('refuses a request with Origin %s', async (origin) => {
    const res = await send(idp, 'PATCH', '/tenants/default/apps/default', { ...JSON_TYPE, origin }, '{}');
    expect(res.status).toBe(403);
  });

  it('takes the SP metadata upload as XML', async () => {
    const xml =
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.test/"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.test/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>';
    const res = await send(
      idp,
      'PUT',
      '/tenants/default/apps/default/sp-metadata',
      { 'content-type': 'application/xml' },
      xml,
    );
    expect(res.status).toBe(200);
  });
});

describe('admin API with a token', () => {
  let idp: MockIdpHandle;
  beforeAll(async () => {
    idp = await startMockIdp({ adminToken: 'sekret-token' });
  });
  afterAll(() => idp.close());

  it('requires the token for every request, and then takes any Host', async () => {
    expect((await send(idp, 'GET', '/tenants')).status).toBe(401);
    expect((await send(idp, 'GET', '/tenants', { authorization: 'Bearer wrong' })).status).toBe(401);
    const ok = await send(idp, 'GET', '/tenants', {
      authorization: 'Bearer sekret-token',
      host: 'idp.example',
    });
    expect(ok.status).toBe(200);
  });
});
