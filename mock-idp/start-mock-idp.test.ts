import { describe, expect, it } from 'vitest';
import { startMockIdp } from './start-mock-idp.js';

describe('startMockIdp', () => {
  it('with the HTTP application loaded on the first request, answers every request that arrives while it loads', async () => {
    const idp = await startMockIdp({ httpApp: 'on-first-request' });
    try {
      const urls = [
        idp.urls.tenantMetadataUrl,
        idp.metadataUrl(),
        idp.portalUrl(),
        `${idp.baseUrl}/no-such-page`,
      ];
      const answers = await Promise.all(
        urls.map(async (url) => {
          const res = await fetch(url);
          return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
        }),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 404]);
      expect(answers[0]!.body).toContain('EntityDescriptor');
      expect(answers[1]!.body).toContain('EntityDescriptor');
      expect(answers[2]!.type).toMatch(/^text\/html/);
    } finally {
      await idp.close();
    }
  });
});
