/**
 * @module Entra's HTTP-Redirect encoding of logout messages (docs/entra.md §6): DEFLATE, base64, then
 * .NET-style percent-encoding with lowercase hex, and the signature in the query string over
 * `SAMLRequest|SAMLResponse`, `RelayState`, `SigAlg` as sent (SAML Bindings §3.4.4.1), RSA-SHA256.
 */
import { deflateRawSync } from 'node:zlib';
import { sign, type KeyObject } from 'node:crypto';
import { ALG } from '../constants/namespaces.js';

/**
 * The URL carrying `xml` as `param` on `base`. Without a key the message goes unsigned (a forged message
 * for the runner's logout scenarios; Entra itself always signs).
 */
export function signedRedirectUrl(
  base: string,
  param: 'SAMLRequest' | 'SAMLResponse',
  xml: string,
  relayState: string | undefined,
  key: KeyObject | undefined,
): string {
  const parts = [
    `${param}=${entraUrlEncode(deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64'))}`,
    ...(relayState === undefined ? [] : [`RelayState=${entraUrlEncode(relayState)}`]),
  ];
  const join = base.includes('?') ? '&' : '?';
  if (key === undefined) return `${base}${join}${parts.join('&')}`;
  const params = [...parts, `SigAlg=${entraUrlEncode(ALG.rsaSha256)}`].join('&');
  const signature = sign('sha256', Buffer.from(params, 'utf8'), key).toString('base64');
  return `${base}${join}${params}&Signature=${entraUrlEncode(signature)}`;
}

/**
 * .NET HttpUtility.UrlEncode, which Entra uses: UTF-8, lowercase hex, space as `+`, and only
 * `A-Z a-z 0-9 - _ . ! * ( )` left as they are. SPs that re-encode instead of using the raw query
 * (python3-saml/php-saml without their lowercase option) fail on it, exactly as against real Entra.
 */
export function entraUrlEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.!*()]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}
