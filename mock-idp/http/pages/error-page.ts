/**
 * @module Entra's sign-in error page (docs/entra.md §3.4): "Sorry, but we're having trouble signing you in."
 * with Request Id, Correlation Id, Timestamp and the `AADSTSnnnnn:` message, so people and scrapers
 * recognise it. The code is also in a data attribute and a response header for machines.
 */
import { html, page } from './html.js';

export interface ErrorPageInfo {
  code: string;
  message: string;
  requestId: string;
  correlationId: string;
  timestamp: Date;
}

export function errorPage(info: ErrorPageInfo): string {
  const timestamp = info.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return page(
    'Sign in to your account',
    html`<h1>Sign in</h1>
      <p>Sorry, but we're having trouble signing you in.</p>
      <div id="error" data-aadsts="${info.code}">
        <h2>Troubleshooting details</h2>
        <table>
          <tr>
            <th>Request Id</th>
            <td class="copy">${info.requestId}</td>
          </tr>
          <tr>
            <th>Correlation Id</th>
            <td class="copy">${info.correlationId}</td>
          </tr>
          <tr>
            <th>Timestamp</th>
            <td class="copy">${timestamp}</td>
          </tr>
          <tr>
            <th>Message</th>
            <td class="copy error">${info.message}</td>
          </tr>
        </table>
        <p class="muted">
          If you plan on getting support for an issue, provide this information to your administrator. Flag
          sign-in errors for review: Enable flagging.
        </p>
      </div>`,
  );
}
