import { describe, expect, it } from 'vitest';
import { parseCookies } from './login-flow.js';

describe('parseCookies', () => {
  it('keeps a value that is not valid percent-encoding as it is, instead of throwing', () => {
    expect(parseCookies('other=50%off; s=%E0%A4%A; ok=a%20b')).toEqual({
      other: '50%off',
      s: '%E0%A4%A',
      ok: 'a b',
    });
  });

  it('skips parts without a name, unquotes values, and keeps the first of repeated names', () => {
    expect(parseCookies('=x; ;; q="v%21"; a=1; a=2')).toEqual({ q: 'v!', a: '1' });
  });

  it('is not confused by names of Object.prototype', () => {
    const cookies = parseCookies('__proto__=x; constructor=y');
    expect(cookies['__proto__']).toBe('x');
    expect(cookies['constructor']).toBe('y');
    expect(parseCookies(undefined)['toString']).toBeUndefined();
  });
});
