import { describe, expect, it } from 'vitest';
import { httpOrigin, OriginPolicy } from './origin-policy.js';

describe('OriginPolicy', () => {
  const policy = new OriginPolicy([
    'https://SP.example.com/login?x=1',
    'http://127.0.0.1:7080/t/saml2',
    undefined,
    'sp-metadata.xml',
  ]);

  it('allows the origins of the URLs it was given, normalized as browsers do', () => {
    expect(policy.origins).toEqual(['https://sp.example.com', 'http://127.0.0.1:7080']);
    expect(policy.allows('https://sp.example.com:443/acs')).toBe(true);
    expect(policy.allows('http://127.0.0.1:7080/anything')).toBe(true);
  });

  it.each([
    'http://sp.example.com/acs',
    'https://sp.example.com:8443/',
    'https://evil.example/',
    'https://sp.example.com.evil.example/',
    'https://user@evil.example/',
    'http://127.0.0.1:7081/',
    'http://localhost:7080/',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(policy.allows(url)).toBe(false);
  });

  it('knows only http(s) origins', () => {
    expect(httpOrigin('file:///etc/passwd')).toBeUndefined();
    expect(httpOrigin('data:text/html,x')).toBeUndefined();
  });
});
