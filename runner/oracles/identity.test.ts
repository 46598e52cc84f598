import { describe, expect, it } from 'vitest';
import { identityShown } from './identity.js';

const ids = { baseline: 'B.Simon@contoso.com', victim: 'admin@contoso.com' };

describe('identityShown', () => {
  it('finds the baseline user and the victim as whole tokens, case-insensitively', () => {
    expect(identityShown('{"nameId":"b.simon@contoso.com"}', ids)).toBe('baseline');
    expect(identityShown('<p>Welcome admin@contoso.com</p>', ids)).toBe('victim');
  });

  it('does not read a comment-truncation target as the victim', () => {
    expect(identityShown('{"nameId":"admin@contoso.com.evil.test"}', ids)).toBe('other');
    expect(identityShown('{"nameId":"xadmin@contoso.com"}', ids)).toBe('other');
  });

  it('decodes HTML entities before matching', () => {
    expect(identityShown('admin&#64;contoso.com', ids)).toBe('victim');
  });

  it('prefers the victim when both appear (the worst case decides)', () => {
    expect(identityShown('B.Simon@contoso.com then admin@contoso.com', ids)).toBe('victim');
  });
});
