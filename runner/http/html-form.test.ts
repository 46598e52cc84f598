/** @module Form parsing: what a browser would submit, from pages as IdPs and SPs really write them. */
import { describe, expect, it } from 'vitest';
import { firstForm, parseForms } from './html-form.js';

const PAGE = 'https://idp.test/tenant/saml2?x=1#top';

describe('parseForms', () => {
  it("reads Entra's auto-post page: action, hidden fields with entities decoded, auto-submit", () => {
    const html =
      '<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="https://sp.test/acs?a=1&amp;b=2">' +
      '<input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNlPg==" />' +
      '<input type="hidden" name="RelayState" value="/a b/&#252;?x=1&amp;y=2#f&quot;&lt;" />' +
      '<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form>' +
      '<script language="javascript">window.setTimeout(\'document.forms[0].submit()\', 0);</script></body></html>';
    expect(firstForm(html, PAGE)).toEqual({
      action: 'https://sp.test/acs?a=1&b=2',
      method: 'POST',
      fields: [
        ['SAMLResponse', 'PHNhbWxwOlJlc3BvbnNlPg=='],
        ['RelayState', '/a b/ü?x=1&y=2#f"<'],
      ],
      autoSubmit: true,
      pageUrl: 'https://idp.test/tenant/saml2?x=1',
    });
  });

  it('copes with attribute order, single quotes, unquoted values and upper case', () => {
    const html = `<FORM ACTION='/acs' METHOD=post><INPUT VALUE='v "1"' NAME=RelayState TYPE=HIDDEN><input name='SAMLResponse' value=abc></FORM>`;
    const form = firstForm(html, PAGE)!;
    expect(form.action).toBe('https://idp.test/acs');
    expect(form.fields).toEqual([
      ['RelayState', 'v "1"'],
      ['SAMLResponse', 'abc'],
    ]);
  });

  it('submits only successful controls: checked boxes, selected options, textareas; no buttons or disabled', () => {
    const html = `<form action="">
      <input name="u" type="email" value="b@x"><input name="p" type="password">
      <input type="checkbox" name="keep" checked><input type="checkbox" name="no">
      <input type="radio" name="r" value="1"><input type="radio" name="r" value="2" checked>
      <input type="submit" name="go" value="Go"><button name="btn">x</button>
      <input name="off" disabled value="1">
      <select name="s"><option value="a">A</option><option selected>B</option></select>
      <select name="first"><option>one</option><option>two</option></select>
      <textarea name="t">
line</textarea></form>`;
    const form = firstForm(html, PAGE)!;
    expect(form.method).toBe('GET');
    expect(form.action).toBe('https://idp.test/tenant/saml2?x=1');
    expect(form.autoSubmit).toBe(false);
    expect(form.fields).toEqual([
      ['u', 'b@x'],
      ['p', ''],
      ['keep', 'on'],
      ['r', '2'],
      ['s', 'B'],
      ['first', 'one'],
      ['t', 'line'],
    ]);
  });

  it('keeps a ">" inside a value and ignores a nested form', () => {
    const html =
      '<form action="/a"><input name="x" value="a>b"><form action="/evil"><input name="y" value="1"></form><form action="/b"></form>';
    const forms = parseForms(html, PAGE);
    expect(forms.map((f) => f.action)).toEqual(['https://idp.test/a', 'https://idp.test/b']);
    expect(forms[0]!.fields).toEqual([
      ['x', 'a>b'],
      ['y', '1'],
    ]);
  });

  it('detects body onload submission and an unclosed form', () => {
    const form = firstForm(
      '<body onload="document.forms[0].submit()"><form method="post" action="/x"><input name="a" value="1">',
      PAGE,
    );
    expect(form).toMatchObject({ action: 'https://idp.test/x', autoSubmit: true, fields: [['a', '1']] });
  });

  it('returns undefined without a form', () => {
    expect(firstForm('<p>no form</p>', PAGE)).toBeUndefined();
  });
});
