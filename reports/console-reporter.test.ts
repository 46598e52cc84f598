import { describe, expect, it, vi } from 'vitest';
import { ConsoleReporter } from './console-reporter.js';
import { sampleReport } from './test-support/sample-report.js';

function capture(isTTY: boolean) {
  let text = '';
  return { stream: { isTTY, write: (s: string) => (text += s) }, output: () => text };
}

function run(reporter: ConsoleReporter): void {
  reporter.onRunStart({ target: 'Reference SP', scenarios: [], strict: false });
  for (const r of sampleReport.results) reporter.onScenarioEnd(r);
  reporter.onRunEnd(sampleReport);
}

describe('ConsoleReporter', () => {
  it('prints a line per scenario and the findings with expected vs actual, without colour off a TTY', () => {
    const out = capture(false);
    run(new ConsoleReporter({ stream: out.stream }, {}));
    const text = out.output();
    expect(text).toContain('  ✓ core/2.5.1.2/not-on-or-after-past [sp-initiated] 120 ms\n');
    expect(text).toContain('  ✗ profiles/4.1.4.3/recipient-mismatch [idp-initiated] 2.3 s\n');
    expect(text).toContain('✗ FAILED profiles/4.1.4.3/recipient-mismatch [idp-initiated] MUST');
    expect(text).toContain('expected:    the SP creates no session');
    expect(text).toContain('TARGET_UNREACHABLE: connect ECONNREFUSED 127.0.0.1:8080');
    expect(text).toMatch(/FAILED: 2 findings, 1 non-strict \(SHOULD\), 1 harness error, 1 inconclusive/);
    expect(text).toContain(
      '1 passed, 2 failed, 1 non-strict, 1 error, 1 inconclusive, 1 info, 2 skipped (3.0 s)',
    );
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0000');
  });

  it('prints the fix under each finding, and the variant that got through', () => {
    const out = capture(false);
    run(new ConsoleReporter({ stream: out.stream }, {}));
    const text = out.output();
    const finding = (id: string): string => {
      const start = text.indexOf(`FAILED ${id}`);
      return text.slice(start, text.indexOf('\n\n', start));
    };
    expect(finding('profiles/4.1.4.3/recipient-mismatch')).toMatch(/\n {4}fix: +Compare Recipient/);
    const comments = finding('attacks/comments/nameid-comment-injection');
    expect(comments).toMatch(/\n {4}variant: +comment in NameID got through/);
    expect(comments).toMatch(/\n {4}fix: +.*CVE-2017-11428/);
  });

  it('lists inconclusive results among the findings, without a fix (nothing was proven)', () => {
    const out = capture(false);
    run(new ConsoleReporter({ stream: out.stream }, {}));
    const text = out.output();
    const start = text.indexOf('? INCONCLUSIVE attacks/xsw/xsw1-response-copy-in-signature [idp-initiated]');
    expect(start).toBeGreaterThan(text.indexOf('Findings'));
    const block = text.slice(start, text.indexOf('\n\n', start));
    expect(block).toContain('this refusal proves nothing');
    expect(block).not.toMatch(/\n {4}fix:/);
  });

  it('opens the summary with calibration and ends it with skip reasons and the SP-down line', () => {
    const out = capture(false);
    run(new ConsoleReporter({ stream: out.stream, quiet: true }, {}));
    const text = out.output();
    const calibration = text.indexOf('Calibration\n  sp-initiated: this SP needs');
    expect(calibration).toBeGreaterThan(-1);
    expect(calibration).toBeLessThan(text.indexOf('Findings'));
    expect(text).toContain('  skipped 1×: the target does not support IdP-initiated login\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '  SP stopped answering after attacks/xml/oversized-attribute@sp-initiated: 1 scenario run not run',
    );
  });

  it('does not print a line per run the SP was down for', () => {
    const out = capture(false);
    run(new ConsoleReporter({ stream: out.stream }, {}));
    expect(out.output()).not.toContain('- attacks/xml/deep-nesting');
    expect(out.output()).toContain('  ✓ core/2.5.1.2/not-on-or-after-past');
  });

  describe('colour', () => {
    const GREEN_PASS = '\u001b[32m✓\u001b[39m';
    const RED_FAIL = '\u001b[31m✗\u001b[39m';
    const output = (isTTY: boolean, options: { color?: boolean }, env: Record<string, string>): string => {
      const out = capture(isTTY);
      run(new ConsoleReporter({ stream: out.stream, ...options }, env));
      return out.output();
    };

    it('colours a TTY by outcome, and the verdict in bold', () => {
      const text = output(true, {}, {});
      expect(text).toContain(GREEN_PASS);
      expect(text).toContain(RED_FAIL);
      expect(text).toContain('\u001b[31m\u001b[1mFAILED');
    });

    it('does not colour a TTY when NO_COLOR is set, and treats an empty NO_COLOR as unset (no-color.org)', () => {
      expect(output(true, {}, { NO_COLOR: '1' })).not.toContain('\u001b');
      expect(output(true, {}, { NO_COLOR: '' })).toContain(GREEN_PASS);
    });

    it('does not colour a pipe or file, FORCE_COLOR notwithstanding: only the color option forces it', () => {
      expect(output(false, {}, {})).not.toContain('\u001b');
      expect(output(false, {}, { FORCE_COLOR: '1' })).not.toContain('\u001b');
      expect(output(false, { color: true }, { NO_COLOR: '1' })).toContain(GREEN_PASS);
      expect(output(true, { color: false }, {})).not.toContain('\u001b');
    });

    it("decides by the reporter's stream and env, not by process.stdout or the process's env", () => {
      // util.styleText checks process.stdout and process.env unless told not to; with them saying "no
      // colour", a reporter writing to a TTY still colours.
      vi.stubEnv('NO_COLOR', '1');
      vi.stubEnv('FORCE_COLOR', '0');
      try {
        expect(output(true, {}, {})).toContain(GREEN_PASS);
      } finally {
        vi.unstubAllEnvs();
      }
    });
  });

  it('strips terminal escapes an SP put in its reply even when colouring', () => {
    const tty = capture(true);
    run(new ConsoleReporter({ stream: tty.stream }, {}));
    expect(tty.output()).toContain('(bad[31mred)');
    expect(tty.output()).not.toContain('\u001b[31mred');
  });

  it('prints only the summary when quiet, and says it prints to stdio', () => {
    const out = capture(false);
    const reporter = new ConsoleReporter({ stream: out.stream, quiet: true }, {});
    run(reporter);
    expect(out.output()).not.toContain('✓ core/2.5.1.2');
    expect(out.output()).toContain('Findings');
    expect(reporter.printsToStdio()).toBe(true);
  });
});
