import { describe, expect, it } from 'vitest';
import { refView } from './refs.js';

describe('refView', () => {
  it('links spec sections, CVEs and http(s) URLs', () => {
    expect(refView({ doc: 'saml-core', section: '2.5.1.2', quote: 'q' })).toEqual({
      label: 'SAML Core §2.5.1.2',
      href: 'https://docs.oasis-open.org/security/saml/v2.0/saml-core-2.0-os.pdf',
      quote: 'q',
    });
    expect(refView({ cve: 'CVE-2017-11427' }).href).toBe('https://www.cve.org/CVERecord?id=CVE-2017-11427');
    expect(refView({ url: 'https://example.com/a b', title: 'T' })).toEqual({
      label: 'T',
      href: 'https://example.com/a%20b',
    });
  });

  it('never links anything but http(s)', () => {
    expect(refView({ url: 'javascript:alert(1)', title: 'x' })).toEqual({ label: 'x (javascript:alert(1))' });
    expect(refView({ url: 'data:text/html,<b>', title: 'x' }).href).toBeUndefined();
    expect(refView({ cve: 'not-a-cve"><script>' }).href).toBeUndefined();
    expect(refView({ doc: 'unknown-doc', section: '1' })).toEqual({ label: 'unknown-doc §1' });
  });
});
