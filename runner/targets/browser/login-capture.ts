/**
 * @module The SP's AuthnRequest as it reached the IdP's Login URL, from the paused browser request —
 * the same LoginStart HTTP mode captures: the raw query of a Redirect (signatures cover it byte for
 * byte), or the fields of a POST.
 */
import type { HttpExchange } from '../../../reports/types.js';
import { HarnessError } from '../../errors.js';
import type { LoginStart } from '../types.js';
import type { PausedRequest } from './page-session.js';
import { redirectStart } from '../redirect-start.js';

export function loginStartFrom(request: PausedRequest, hops: HttpExchange[]): LoginStart {
  const url = request.request.url;
  if (request.request.method === 'POST') {
    const fields = Object.fromEntries(new URLSearchParams(postBody(request)));
    if (!fields.SAMLRequest)
      throw new HarnessError('TARGET_UNREACHABLE', `the SP posted to the IdP without a SAMLRequest: ${url}`);
    return {
      binding: 'post',
      form: fields,
      samlRequest: fields.SAMLRequest,
      relayState: fields.RelayState,
      hops,
    };
  }
  return redirectStart(url, hops);
}

/** A paused request's form body (DevTools gives it whole, or in base64 entries when large). */
export function postBody(request: PausedRequest): string {
  if (request.request.postData !== undefined) return request.request.postData;
  return (request.request.postDataEntries ?? [])
    .map((entry) => (entry.bytes ? Buffer.from(entry.bytes, 'base64').toString('utf8') : ''))
    .join('');
}

/**
 * Submits a form of the page whose action is on the IdP's origin (an HTTP-POST binding page whose
 * script has not posted it; the same origin rule as classifyHop); false if there is none.
 */
export function submitIdpForm(
  page: { evaluate<R>(expression: string): Promise<R> },
  idpOrigin: string,
): Promise<boolean> {
  const idp = JSON.stringify(idpOrigin);
  return page
    .evaluate<boolean>(
      `(() => { const form = Array.from(document.forms).find((f) => {
          try { return new URL(f.action).origin === ${idp}; } catch { return false; } });
        if (!form) return false; HTMLFormElement.prototype.submit.call(form); return true; })()`,
    )
    .catch(() => false);
}
