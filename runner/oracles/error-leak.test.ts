import { describe, expect, it } from 'vitest';
import { findLeaks, signatureValuesOf } from './error-leak.js';
import type { SeenPage } from './page.js';

const SIG = 'kQ2x9Zr1mT8bPq4LwV7cYh3NfJ0sDgUe5aRiO6yXzCvBn+/A1b2c3d4e5f6g7h8=';
const DIGEST = 'p3R8sLq1Vb7cXz2Nw9Ty4Ua6Ke0Mf5Hg=';
const XML = `<samlp:Response><ds:Signature><ds:SignedInfo><ds:Reference URI="#a"><ds:DigestValue>${DIGEST}</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>
${SIG.slice(0, 30)}
${SIG.slice(30)}</ds:SignatureValue></ds:Signature></samlp:Response>`;

const page = (body: string): SeenPage => ({
  url: 'http://sp.test/acs',
  status: 403,
  contentType: 'text/html',
  body,
});

describe('signatureValuesOf', () => {
  it('reads SignatureValue and DigestValue, any prefix, whitespace removed', () => {
    expect(signatureValuesOf(XML)).toEqual({ signature: [SIG], digest: [DIGEST] });
  });
});

describe('findLeaks', () => {
  const values = signatureValuesOf(XML);

  it('finds the SignatureValue, also wrapped over lines or cut short', () => {
    const wrapped = `<pre>${SIG.slice(0, 20)}\n${SIG.slice(20, 40)}</pre>`;
    expect(findLeaks([page(wrapped)], values).map((l) => l.what)).toEqual(['signature-value']);
  });

  it('finds the DigestValue', () => {
    expect(findLeaks([page(`<p>digest ${DIGEST} did not match</p>`)], values).map((l) => l.what)).toEqual([
      'digest-value',
    ]);
  });

  it('finds stack traces of Node.js, the JVM, Python, PHP and .NET', () => {
    const traces = [
      'Error: invalid signature\n    at verify (/app/node_modules/xml-crypto/lib/signed-xml.js:123:15)',
      'Error: x\n    at async acs (file:///srv/app/acs.js:10:3)',
      'org.opensaml.X: bad\n\tat org.opensaml.Validator.validate(Validator.java:88)',
      'Traceback (most recent call last):\n  File "app.py", line 3',
      'Fatal error: Uncaught Exception in /var/www/saml/acs.php:42',
      '   at Saml.Validate(String xml) in C:\\src\\Saml.cs:line 17',
    ];
    for (const trace of traces)
      expect(
        findLeaks([page(`<pre>${trace}</pre>`)], values).map((l) => l.what),
        trace,
      ).toEqual(['stack-trace']);
  });

  it('passes a generic error page and one that only names a reason code', () => {
    expect(
      findLeaks([page('<p>Sign-in failed.</p>'), page('<p>Sign-in failed. (SIGNATURE)</p>')], values),
    ).toEqual([]);
  });
});
