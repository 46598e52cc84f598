/**
 * @module The auto-submitting form that carries a SAML message to the SP (HTTP-POST binding), shaped
 * like Entra's "Working..." page (docs/entra.md §2.8). RelayState is echoed exactly as received.
 */
import { html } from './html.js';

export interface AutoPost {
  action: string;
  fields: Record<string, string | undefined>;
}

export function autoPostPage({ action, fields }: AutoPost): string {
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`);
  return html`<html>
    <head>
      <title>Working...</title>
    </head>
    <body>
      <form method="POST" name="hiddenform" action="${action}">
        ${inputs}<noscript
          ><p>Script is disabled. Click Submit to continue.</p>
          <input type="submit" value="Submit"
        /></noscript>
      </form>
      <script language="javascript">
        window.setTimeout('document.forms[0].submit()', 0);
      </script>
    </body>
  </html>`.value;
}
