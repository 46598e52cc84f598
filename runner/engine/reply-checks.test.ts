import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/types.js';
import type { Verdict } from '../../reports/types.js';
import type { SeenPage } from '../oracles/page.js';
import { applyReplyCheck, placeMarker } from './reply-checks.js';
import type { Decision } from './decide-outcome.js';

const pick = (slug: string): Scenario => scenarios.find((s) => s.id === `attacks/app/${slug}`)!;
const accepted: Verdict = { login: 'accepted', identity: 'baseline', because: 'probe 200' };
const rejected: Verdict = { login: 'rejected', because: 'probe 302' };
const passed: Decision = { outcome: 'pass', expected: ['x'], actual: 'ok' };
const html = (body: string, status = 200): SeenPage => ({
  url: 'http://sp.test/',
  status,
  contentType: 'text/html',
  body,
});

describe('reflection checks', () => {
  it('places the marker in the RelayState or the displayname claim', () => {
    const relay = placeMarker(pick('relay-state-not-reflected-unescaped'));
    expect(relay.scenario.delivery?.relayState).toBe(relay.marker?.value);
    const name = placeMarker(pick('display-name-not-reflected-unescaped'));
    const values = Object.values(name.scenario.response?.attributes ?? {}).flat();
    expect(values.some((v) => v.includes(name.marker!.value))).toBe(true);
  });

  it('fails a must when the marker comes back raw, with the excerpt as evidence', () => {
    const { scenario, marker } = placeMarker(pick('relay-state-not-reflected-unescaped'));
    const pages = [html(`<a href="${marker!.value}">continue</a>`)];
    const { decision, evidence } = applyReplyCheck(passed, {
      scenario,
      marker,
      pages,
      sentXml: '',
      verdict: accepted,
    });
    expect(decision.outcome).toBe('fail');
    expect(evidence?.needle).toBe(marker!.token);
    expect(evidence?.findings.map((f) => [f.where, f.harmful])).toEqual([['html-attribute', true]]);
  });

  it('passes the RelayState check when pages were seen without the raw marker', () => {
    const { scenario, marker } = placeMarker(pick('relay-state-not-reflected-unescaped'));
    const { decision } = applyReplyCheck(passed, {
      scenario,
      marker,
      pages: [html('<p>home</p>')],
      sentXml: '',
      verdict: accepted,
    });
    expect(decision.outcome).toBe('pass');
  });

  it('never passes without a page seen', () => {
    const { scenario, marker } = placeMarker(pick('relay-state-not-reflected-unescaped'));
    const { decision } = applyReplyCheck(passed, {
      scenario,
      marker,
      pages: [],
      sentXml: '',
      verdict: accepted,
    });
    expect(decision.outcome).toBe('skipped');
  });

  it('skips the display-name check when no page shows the name or nobody was signed in', () => {
    const { scenario, marker } = placeMarker(pick('display-name-not-reflected-unescaped'));
    const shown = [html(`<p>${marker!.value.replace(/</g, '&lt;')}</p>`)];
    const input = { scenario, marker, sentXml: '' };
    expect(
      applyReplyCheck(passed, { ...input, pages: [html('<p>home</p>')], verdict: accepted }).decision.outcome,
    ).toBe('skipped');
    expect(applyReplyCheck(passed, { ...input, pages: shown, verdict: rejected }).decision.outcome).toBe(
      'skipped',
    );
    expect(applyReplyCheck(passed, { ...input, pages: shown, verdict: accepted }).decision.outcome).toBe(
      'pass',
    );
  });
});

describe('error-detail check', () => {
  const scenario = pick('error-page-no-signature-details');
  const sig = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/==';
  const sentXml = `<Response><SignatureValue>${sig}</SignatureValue></Response>`;

  it('is non-strict (a should) when the refusal page echoes the SignatureValue', () => {
    const pages = [html(`<p>bad signature ${sig}</p>`, 403)];
    expect(applyReplyCheck(passed, { scenario, pages, sentXml, verdict: rejected }).decision.outcome).toBe(
      'non-strict',
    );
  });

  it('passes a generic refusal page, and skips when the SP did not refuse', () => {
    const pages = [html('<p>Sign-in failed.</p>', 403)];
    expect(applyReplyCheck(passed, { scenario, pages, sentXml, verdict: rejected }).decision.outcome).toBe(
      'pass',
    );
    expect(applyReplyCheck(passed, { scenario, pages, sentXml, verdict: accepted }).decision.outcome).toBe(
      'skipped',
    );
  });

  it('leaves a harness error alone', () => {
    const error: Decision = { outcome: 'error', expected: [], actual: 'probe failed' };
    expect(applyReplyCheck(error, { scenario, pages: [], sentXml, verdict: rejected }).decision).toBe(error);
  });
});
