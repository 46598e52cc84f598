/** @module Escaping-safe HTML building for the mock's pages: every interpolated value goes through `html`. */
import { escapeXmlAttr } from '../../util/xml-escape.js';

/** A string already escaped for HTML. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolated = SafeHtml | string | number | undefined | null | false | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly Interpolated[]).map(render).join('');
  return escapeXmlAttr(String(value));
}

/** Tagged template: interpolations are escaped unless they are SafeHtml (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

const STYLE = `body{font-family:"Segoe UI",system-ui,-apple-system,sans-serif;margin:0;background:#f2f2f2;color:#1b1b1b}
main{max-width:880px;margin:40px auto;background:#fff;padding:32px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #e1e1e1;padding-bottom:6px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{width:34%;font-weight:600;color:#444}code,.copy{font-family:Consolas,monospace;font-size:13px;word-break:break-all}
label{display:block;margin:12px 0 4px}input,select{font-size:15px;padding:6px;width:100%;box-sizing:border-box}
button{background:#0067b8;color:#fff;border:0;padding:8px 20px;font-size:15px;margin-top:16px;cursor:pointer}
.muted{color:#666;font-size:13px}.error{color:#a4262c}.step{display:inline-block;background:#0067b8;color:#fff;border-radius:50%;width:24px;height:24px;text-align:center;margin-right:8px}`;

export function page(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`.value;
}
