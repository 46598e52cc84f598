import type { Element } from '@xmldom/xmldom';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JUnitReporter, renderJUnit } from './junit-reporter.js';
import { children, parseXmlStrict } from './test-support/parse-xml.js';
import { sampleReport } from './test-support/sample-report.js';

const counts = (e: Element | null | undefined) =>
  ['tests', 'failures', 'errors', 'skipped'].map((a) => Number(e?.getAttribute(a)));

function testcase(xml: string, id: string): Element {
  const found = children(parseXmlStrict(xml), 'testcase').find((t) =>
    t.getAttribute('name')?.startsWith(`${id} [`),
  );
  if (!found) throw new Error(`no testcase ${id}`);
  return found;
}

describe('JUnit reporter', () => {
  const xml = renderJUnit(sampleReport);
  const doc = parseXmlStrict(xml);

  it('parses as XML and counts tests, failures, errors and skipped overall', () => {
    const root = doc.documentElement;
    expect(root?.tagName).toBe('testsuites');
    // The inconclusive result is an <error> too; the run the SP was down for is skipped.
    expect(counts(root)).toEqual([9, 2, 2, 2]);
    expect(root?.getAttribute('time')).toBe('3.000');
  });

  it('has one suite per id prefix, with its own counts and summed time', () => {
    const suites = children(doc, 'testsuite');
    expect(suites.map((s) => s.getAttribute('name'))).toEqual([
      'core/2.5.1.2',
      'profiles/4.1.4.3',
      'attacks/xsw',
      'attacks/comments',
      'entra/claims',
      'bindings/3.5',
      'attacks/xml',
    ]);
    const profiles = suites[1];
    expect(counts(profiles)).toEqual([2, 1, 0, 0]);
    expect(profiles?.getAttribute('time')).toBe('2.465');
    const sum = suites.reduce((n, s) => n + Number(s.getAttribute('tests')), 0);
    expect(sum).toBe(9);
  });

  it('names test cases `${id} [${flow}] — ${title}` with the prefix as classname', () => {
    const tc = testcase(xml, 'core/2.5.1.2/not-on-or-after-past');
    expect(tc.getAttribute('name')).toBe(
      'core/2.5.1.2/not-on-or-after-past [sp-initiated] — Sends a Response whose Assertion expired 10 minutes ago',
    );
    expect(tc.getAttribute('classname')).toBe('core/2.5.1.2');
    expect(tc.getAttribute('time')).toBe('0.120');
    expect(children(tc, 'failure')).toHaveLength(0);
  });

  it('keeps findings (<failure>) and harness errors (<error>) apart', () => {
    const fail = testcase(xml, 'profiles/4.1.4.3/recipient-mismatch');
    const failure = children(fail, 'failure')[0];
    expect(failure?.getAttribute('type')).toBe('must');
    expect(failure?.getAttribute('message')).toContain(
      'Expected the SP creates no session; actual: signed in the baseline user',
    );
    expect(failure?.textContent).toContain('Requirement: The SP MUST reject');
    expect(children(fail, 'error')).toHaveLength(0);

    const error = children(testcase(xml, 'attacks/xsw/xsw3-assertion-sibling'), 'error')[0];
    expect(error?.getAttribute('type')).toBe('TARGET_UNREACHABLE');
    expect(error?.getAttribute('message')).toBe('connect ECONNREFUSED 127.0.0.1:8080');

    expect(children(testcase(xml, 'bindings/3.5/post-binding-get'), 'skipped')).toHaveLength(1);
  });

  it('passes non-strict and info cases with a note, and fails non-strict under --strict', () => {
    const nonStrict = testcase(xml, 'profiles/4.1.4.3/one-time-use-ignored');
    expect(children(nonStrict, 'failure')).toHaveLength(0);
    expect(children(nonStrict, 'system-out')[0]?.textContent).toMatch(/^NON-STRICT/);
    expect(children(testcase(xml, 'entra/claims/extra-claim'), 'system-out')[0]?.textContent).toMatch(
      /^INFO/,
    );

    const strict = renderJUnit({ ...sampleReport, strict: true });
    expect(counts(parseXmlStrict(strict).documentElement)).toEqual([9, 3, 2, 2]);
    expect(
      children(testcase(strict, 'profiles/4.1.4.3/one-time-use-ignored'), 'failure')[0]?.getAttribute('type'),
    ).toBe('should');
  });

  it('ends the failure message and body with the fix, and names the variant that got through', () => {
    const failure = children(testcase(xml, 'attacks/comments/nameid-comment-injection'), 'failure')[0];
    expect(failure?.getAttribute('message')).toMatch(
      /\(variant: comment in NameID\)\. Fix: .*CVE-2017-11428/,
    );
    const body = failure?.textContent ?? '';
    expect(body).toMatch(/^Fix: Read NameID as the full text content/m);
    expect(body).toMatch(/^ {2}- comment in NameID: fail \(got through\): /m);
    expect(body).toMatch(/^ {2}- CDATA in NameID: pass: /m);
    // A harness error proves nothing about the SP, so it carries no fix.
    const error = children(testcase(xml, 'attacks/xsw/xsw3-assertion-sibling'), 'error')[0];
    expect(error?.textContent).not.toContain('Fix:');
  });

  it('reports an inconclusive result as an <error type="INCONCLUSIVE">, never a pass or a failure', () => {
    const tc = testcase(xml, 'attacks/xsw/xsw1-response-copy-in-signature');
    const error = children(tc, 'error')[0];
    expect(error?.getAttribute('type')).toBe('INCONCLUSIVE');
    expect(error?.getAttribute('message')).toContain('proves nothing');
    expect(children(tc, 'failure')).toHaveLength(0);
    expect(children(tc, 'skipped')).toHaveLength(0);
    const suite = children(doc, 'testsuite').find((s) => s.getAttribute('name') === 'attacks/xsw');
    expect(counts(suite)).toEqual([2, 0, 2, 0]);
  });

  it('marks a run the SP was down for as skipped, with the reason', () => {
    const tc = testcase(xml, 'attacks/xml/deep-nesting');
    expect(children(tc, 'skipped')[0]?.getAttribute('message')).toMatch(/^not run: the SP stopped answering/);
    const props = children(tc, 'property').map((p) => [p.getAttribute('name'), p.getAttribute('value')]);
    expect(props).toContainEqual(['not-run', 'sp-down']);
  });

  it("puts the calibration summary and the SP-down line in every suite's properties", () => {
    for (const suite of children(doc, 'testsuite')) {
      // The suite's own <properties> comes first; the testcases' follow inside their <testcase>.
      const own = children(children(suite, 'properties')[0] ?? suite, 'property');
      const named = (name: string) =>
        own.filter((p) => p.getAttribute('name') === name).map((p) => p.getAttribute('value'));
      expect(named('calibration')).toHaveLength(2);
      expect(named('calibration')[0]).toMatch(/^sp-initiated: this SP needs/);
      expect(named('sp-down')).toEqual([
        'SP stopped answering after attacks/xml/oversized-attribute@sp-initiated: 1 scenario run not run',
      ]);
    }
  });

  it('lists level, flow, refs and tags as properties', () => {
    const props = children(testcase(xml, 'attacks/comments/nameid-comment-injection'), 'property').map(
      (p) => [p.getAttribute('name'), p.getAttribute('value')],
    );
    expect(props).toEqual(
      expect.arrayContaining([
        ['level', 'must'],
        ['flow', 'sp-initiated'],
        ['ref', 'CVE-2017-11428'],
        ['ref', 'Duo'],
        ['tag', 'signature'],
        ['tag', 'comments'],
        ['signing-option', 'Sign SAML response and assertion'],
        ['variant', 'comment in NameID'],
      ]),
    );
  });

  it('escapes hostile text and strips illegal characters instead of breaking the file', () => {
    expect(xml).not.toContain('\u0000');
    expect(xml).not.toContain('\u001b');
    expect(xml).not.toContain('<script');
    const target = children(doc, 'property').find((p) => p.getAttribute('name') === 'target');
    expect(target?.getAttribute('value')).toBe('Reference SP <strict> & co');
    const fail = testcase(xml, 'profiles/4.1.4.3/recipient-mismatch');
    expect(fail.getAttribute('name')).toContain('a | different ACS URL');
    const body = children(fail, 'failure')[0]?.textContent;
    expect(body).toContain('[[ATTACHMENT|profiles/recipient-mismatch/screenshot.png]]');
    expect(body).not.toContain('javascript:');
  });

  it('writes samlspec-junit.xml into the output directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samlspec-junit-'));
    expect(await new JUnitReporter({ outputDir: dir }).onRunEnd(sampleReport)).toEqual([
      join(dir, 'samlspec-junit.xml'),
    ]);
    expect(await readFile(join(dir, 'samlspec-junit.xml'), 'utf8')).toBe(xml);
  });
});

describe('JUnit for a run that stopped as a whole', () => {
  const stopped = {
    ...sampleReport,
    results: [],
    summary: {
      runError: { code: 'IDP_REFUSED_REQUEST', message: 'AADSTS650056: Misconfigured application.' },
      passed: 0,
      failed: 0,
      nonStrict: 0,
      info: 0,
      errors: 0,
      inconclusive: 0,
      skipped: 0,
    },
  };

  it('has one errored test carrying the code, so CI never shows an empty green tab', () => {
    const doc = parseXmlStrict(renderJUnit(stopped));
    expect(counts(doc.documentElement)).toEqual([1, 0, 1, 0]);
    const errors = children(doc, 'error');
    expect(errors.map((e) => e.getAttribute('type'))).toEqual(['IDP_REFUSED_REQUEST']);
    expect(children(doc, 'testsuite')[0]?.getAttribute('errors')).toBe('1');
  });

  it('adds it beside the results of a run stopped midway', () => {
    const midway = {
      ...sampleReport,
      summary: { ...sampleReport.summary, runError: stopped.summary.runError },
    };
    expect(counts(parseXmlStrict(renderJUnit(midway)).documentElement)).toEqual([10, 2, 3, 2]);
  });
});
