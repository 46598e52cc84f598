/**
 * @module The few pages the browser target serves itself (DevTools Fetch fulfilment; nothing listens):
 * the IdP-origin page that carries a crafted response to the ACS — Entra's auto-posting "Working..."
 * form for the HTTP-POST binding, or a scripted GET for the GET-delivery scenarios — and the page shown
 * where the harness stopped the browser (an off-site redirect, a redirect back to the IdP).
 */
import { autoPostPage, escapeXmlAttr } from '../../../mock-idp/internal.js';
import type { Delivery } from '../types.js';

/** The page, served on the IdP's origin, whose script sends the response to the ACS. */
export function deliveryPage(delivery: Delivery): string {
  if (delivery.method === 'GET') {
    const url = new URL(delivery.acsUrl);
    url.searchParams.append('SAMLResponse', delivery.samlResponse);
    if (delivery.relayState !== undefined) url.searchParams.append('RelayState', delivery.relayState);
    // A top-level navigation started by the IdP's page, as a link the IdP would print.
    const target = JSON.stringify(url.toString()).replace(/</g, '\\u003c');
    return `<!DOCTYPE html><html><head><title>Working...</title></head><body><script>location.assign(${target});</script></body></html>`;
  }
  return autoPostPage({
    action: delivery.acsUrl,
    fields: { SAMLResponse: delivery.samlResponse, RelayState: delivery.relayState },
  });
}

/** Where the harness stopped following the SP: shown in the screenshot instead of a browser error page. */
export function stoppedPage(why: string, url: string): string {
  return `<!DOCTYPE html><html><head><title>samlspec stopped here</title><style>body{font:15px system-ui,sans-serif;margin:40px;color:#1b1b1b}code{word-break:break-all}</style></head><body><h1>samlspec stopped the browser here</h1><p>${escapeXmlAttr(why)}</p><p><code>${escapeXmlAttr(url)}</code></p><p>The request was not sent.</p></body></html>`;
}
