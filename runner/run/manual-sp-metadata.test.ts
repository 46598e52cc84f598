import { describe, expect, it } from 'vitest';
import { parseSpMetadata, appPatchFromSpMetadata } from '../../mock-idp/metadata/sp-metadata.js';
import { manualSpMetadata } from './manual-sp-metadata.js';

describe('manualSpMetadata', () => {
  it('imports as the typed Identifier and Reply URL, query string and all', () => {
    const acs = 'https://auth.example.test/login/callback?connection=saml-1&x="y"';
    const meta = parseSpMetadata(manualSpMetadata('https://auth.example.test/saml/1', acs));
    expect(meta.entityId).toBe('https://auth.example.test/saml/1');
    expect(appPatchFromSpMetadata(meta).patch.replyUrls?.[0]?.url).toBe(acs);
  });
});
