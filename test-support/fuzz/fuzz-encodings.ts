/** @module How the fuzzer damages a document and encodes it as a Redirect or POST binding parameter. */
import { deflateRawSync } from 'node:zlib';
import { int, pick, type Rng } from './fuzz-rng.js';

/** Random damage to a document: cut, byte flips, repeats. */
export function mutate(rng: Rng, bytes: Buffer): Buffer {
  if (bytes.length === 0 || rng() < 0.75) return bytes;
  const copy = Buffer.from(bytes);
  switch (int(rng, 4)) {
    case 0:
      return copy.subarray(0, int(rng, copy.length));
    case 1:
      for (let i = 0; i < 1 + int(rng, 8); i++) copy[int(rng, copy.length)] = int(rng, 256);
      return copy;
    case 2: {
      const at = int(rng, copy.length);
      return Buffer.concat([
        copy.subarray(0, at),
        copy.subarray(at - Math.min(at, 40), at),
        copy.subarray(at),
      ]);
    }
    default:
      return Buffer.concat([
        copy,
        Buffer.from(pick(rng, ['<', '</samlp:AuthnRequest>', '\u0000', ']]>', '&'])),
      ]);
  }
}

// ---- encodings of a SAML parameter ----

export function redirectParam(rng: Rng, xml: Buffer): string {
  switch (int(rng, 20)) {
    case 0:
      return pick(rng, ['%', '%zz', '%E0%A4%A', '%C0%AF', '%FF%FE', '%00']); // bad percent-escapes
    case 1:
      return encodeURIComponent(xml.toString('base64')); // not deflated
    case 2:
      return encodeURIComponent(deflateRawSync(xml).toString('base64').replace(/=+$/, '')); // no padding
    case 3:
      return encodeURIComponent(`${deflateRawSync(xml).toString('base64')}!!`); // junk
    case 4:
      return encodeURIComponent(deflateRawSync(Buffer.alloc(2_000_000, 0x41)).toString('base64')); // bomb
    case 5:
      return 'A'.repeat(1 + int(rng, pick(rng, [12_000, 3_000_000]))); // huge
    case 6:
      return encodeURIComponent(Buffer.from(deflateRawSync(xml)).subarray(0, 10).toString('base64')); // truncated
    default:
      return encodeURIComponent(deflateRawSync(xml).toString('base64'));
  }
}

export function postParam(rng: Rng, xml: Buffer): string {
  switch (int(rng, 16)) {
    case 0:
      return pick(rng, ['%', '%zz', '%C0%AF', '%FF']);
    case 1:
      return encodeURIComponent(deflateRawSync(xml).toString('base64')); // deflated on POST
    case 2:
      return encodeURIComponent(xml.toString('base64').replace(/(.{64})/g, '$1\r\n')); // line breaks
    case 3:
      return encodeURIComponent(`${xml.toString('base64')}====`);
    case 4:
      return encodeURIComponent(xml.toString('latin1')); // not base64 at all
    default:
      return encodeURIComponent(xml.toString('base64'));
  }
}

// ---- raw HTTP ----
