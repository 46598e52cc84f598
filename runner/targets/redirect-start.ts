/**
 * @module An SP-initiated login that reached the IdP's Login URL by the Redirect binding, read from that
 * URL: the raw query (a Redirect signature covers it byte for byte), SAMLRequest and RelayState. Shared by
 * the HTTP and the browser target.
 */
import type { HttpExchange } from '../../reports/types.js';
import { HarnessError } from '../errors.js';
import type { LoginStart } from './types.js';

export function redirectStart(idpUrl: string, hops: HttpExchange[]): LoginStart {
  const rawQuery = idpUrl.includes('?') ? idpUrl.slice(idpUrl.indexOf('?') + 1).replace(/#.*$/, '') : '';
  const params = new URLSearchParams(rawQuery);
  const samlRequest = params.get('SAMLRequest');
  if (!samlRequest)
    throw new HarnessError(
      'TARGET_UNREACHABLE',
      `the SP redirected to the IdP without a SAMLRequest: ${idpUrl}`,
    );
  return {
    binding: 'redirect',
    rawQuery,
    samlRequest,
    relayState: params.get('RelayState') ?? undefined,
    hops,
  };
}
