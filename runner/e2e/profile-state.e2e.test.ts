/**
 * @module End to end (issue 13 item 7): a `--profile` run leaves the stored app as configured, so a generic
 * run on the same state directory afterwards still works. Real processes: `samlspec idp metadata`, the
 * reference SP, three `samlspec run`s sharing one state directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/types.js';
import { freePort } from '../run/free-port.js';
import { startProcessSp } from './support/process-sp.js';

const BIN = new URL('../../bin/samlspec.js', import.meta.url).pathname;

function samlspec(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

function appFiles(stateDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const tenant of readdirSync(join(stateDir, 'tenants'))) {
    const apps = join(stateDir, 'tenants', tenant, 'apps');
    for (const file of readdirSync(apps)) files.set(file, readFileSync(join(apps, file), 'utf8'));
  }
  return files;
}

describe('a profile run on a shared state directory', () => {
  it('leaves the stored app as configured: the generic run after it still signs the mail-less user in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlspec-profile-state-'));
    const port = String(await freePort('127.0.0.1'));
    expect(samlspec(['idp', 'metadata', '--port', port, '--out', 'idp.xml'], dir).status).toBe(0);
    const sp = await startProcessSp({ idpMetadataXml: readFileSync(join(dir, 'idp.xml'), 'utf8') });
    try {
      const run = (outputDir: string, ...args: string[]) =>
        samlspec(
          [
            'run',
            ...args,
            '--idp-port',
            port,
            '--sp-metadata',
            `${new URL(sp.loginUrl).origin}/metadata`,
            '--login-url',
            sp.loginUrl,
            '--probe',
            sp.probeUrl,
            '--reporter',
            'json',
            '--output-dir',
            outputDir,
          ],
          dir,
        );
      const report = (outputDir: string) =>
        JSON.parse(readFileSync(join(dir, outputDir, 'samlspec-report.json'), 'utf8')) as RunReport;
      // The user without a mailbox needs the app's own NameID (the UPN): Heroku's user.mail would be missing.
      const mailless = 'entra/claims/user-without-mail';

      expect(run('generic-1', mailless).status).toBe(0);
      const stored = appFiles(join(dir, '.samlspec'));

      const heroku = run('heroku', 'core/2.5.1.2/expired-30m-ago', '--profile', 'heroku');
      expect(heroku.status).toBe(0);
      // The run did send Heroku's NameID (its calibration delivered the baseline)...
      expect(JSON.stringify(report('heroku').calibration)).toContain('nameid-format:emailAddress');
      // ...and stored nothing of it.
      expect(appFiles(join(dir, '.samlspec'))).toEqual(stored);

      expect(run('generic-2', mailless).status).toBe(0);
      const outcomes = report('generic-2').results.map((r) => r.outcome);
      expect(outcomes.length).toBeGreaterThan(0);
      expect(outcomes).not.toContain('error');
    } finally {
      await sp.close();
    }
  });
});
