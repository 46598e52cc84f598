/**
 * @module Reading forms out of HTML the way a browser submits them, via htmlparser2 (a forgiving
 * tokenizer that decodes entities and copes with any attribute order, quoting or missing end tags).
 * A regex over <input> tags breaks on `>` inside values, entities and unquoted attributes; SAML
 * auto-post pages carry megabytes of base64 in exactly such attributes.
 */
import { Parser } from 'htmlparser2';
import type { HtmlForm } from './types.js';

const SAML_FIELDS = new Set(['SAMLResponse', 'SAMLRequest']);
/** Controls that are never "successful" unless they are the submitter (HTML §4.10.21.4). */
const NOT_SUBMITTED = new Set(['submit', 'button', 'reset', 'image', 'file']);

interface Draft {
  form: HtmlForm;
  select?:
    { name: string; options: Array<{ value: string; selected: boolean }>; multiple: boolean } | undefined;
  textarea?: { name: string; text: string } | undefined;
  option?: { value: string | undefined; text: string; selected: boolean } | undefined;
}

/** Every top-level form in the page, in document order. Nested <form> tags are ignored, as browsers do. */
export function parseForms(html: string, pageUrl: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  let draft: Draft | undefined;
  let scriptText = '';
  let inScript = false;
  let bodyOnload = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'script') inScript = true;
        if (name === 'body') bodyOnload = attrs.onload ?? '';
        if (name === 'form' && !draft) draft = { form: newForm(attrs, pageUrl) };
        if (draft) openControl(draft, name, attrs);
      },
      ontext(text) {
        if (inScript) scriptText += text;
        if (draft?.textarea) draft.textarea.text += text;
        if (draft?.option) draft.option.text += text;
      },
      onclosetag(name) {
        if (name === 'script') inScript = false;
        if (!draft) return;
        closeControl(draft, name);
        if (name === 'form') {
          forms.push(draft.form);
          draft = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  if (draft) forms.push(draft.form); // unclosed <form>: browsers close it at end of document
  // "document.forms[0].submit()" (Entra, most IdPs and SPs) or <body onload="...submit()">.
  const scriptSubmits = /\.submit\s*\(/.test(scriptText) || /submit\s*\(/.test(bodyOnload);
  forms.forEach((form, i) => {
    const carriesSaml = form.fields.some(([n]) => SAML_FIELDS.has(n));
    form.autoSubmit = carriesSaml || (i === 0 && scriptSubmits);
  });
  return forms;
}

/** The first form of the page, or undefined. */
export function firstForm(html: string, pageUrl: string): HtmlForm | undefined {
  return parseForms(html, pageUrl)[0];
}

function newForm(attrs: Record<string, string>, pageUrl: string): HtmlForm {
  const page = pageUrl.replace(/#.*$/, '');
  const raw = (attrs.action ?? '').trim();
  let action = raw;
  try {
    action = new URL(raw === '' ? page : raw, page).href;
  } catch {
    // Left unresolved: submitting it fails with INVALID_URL, which names the bad action.
  }
  return {
    action,
    method: (attrs.method ?? '').trim().toLowerCase() === 'post' ? 'POST' : 'GET',
    fields: [],
    autoSubmit: false,
    pageUrl: page,
  };
}

function openControl(draft: Draft, tag: string, attrs: Record<string, string>): void {
  const name = attrs.name;
  const disabled = attrs.disabled !== undefined;
  if (tag === 'input') {
    const type = (attrs.type ?? 'text').toLowerCase();
    if (!name || disabled || NOT_SUBMITTED.has(type)) return;
    if ((type === 'checkbox' || type === 'radio') && attrs.checked === undefined) return;
    draft.form.fields.push([name, attrs.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
  } else if (tag === 'textarea' && name && !disabled) {
    draft.textarea = { name, text: '' };
  } else if (tag === 'select' && name && !disabled) {
    draft.select = { name, options: [], multiple: attrs.multiple !== undefined };
  } else if (tag === 'option' && draft.select) {
    draft.option = { value: attrs.value, text: '', selected: attrs.selected !== undefined };
  }
}

function closeControl(draft: Draft, tag: string): void {
  if (tag === 'textarea' && draft.textarea) {
    // The parser drops nothing; browsers drop one leading newline of a textarea's content.
    draft.form.fields.push([draft.textarea.name, draft.textarea.text.replace(/^\r?\n/, '')]);
    draft.textarea = undefined;
  } else if (tag === 'option' && draft.select && draft.option) {
    const { value, text, selected } = draft.option;
    draft.select.options.push({ value: value ?? text.trim(), selected });
    draft.option = undefined;
  } else if (tag === 'select' && draft.select) {
    const { name, options, multiple } = draft.select;
    const selected = options.filter((o) => o.selected);
    const chosen =
      selected.length > 0 ? (multiple ? selected : selected.slice(-1)) : multiple ? [] : options.slice(0, 1);
    for (const o of chosen) draft.form.fields.push([name, o.value]);
    draft.select = undefined;
  }
}
