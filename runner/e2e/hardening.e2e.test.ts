/**
 * @module End to end, through the built CLI: one signing certificate however many `samlspec idp
 * metadata` processes start at once on one fresh state directory; bounded reads (`/dev/zero` as config
 * or SP metadata); operational errors with a clear message and exit 2, never "unexpected error"; and
 * reports written when a run stops before its first scenario.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../run/free-port.js';

const BIN = join(process.cwd(), 'bin/samlspec.js');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'samlspec-hardening-'));

function cli(args: string[], timeout = 30_000) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout });
}

function cliAsync(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

function expectCleanExit2(result: { status: number | null; stderr: string }): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
}

describe('state directory shared by processes started at once', () => {
  it('gives every `samlspec idp metadata` the same tenant, app and signing certificate', async () => {
    const dir = tmp();
    const stateDir = join(dir, 'state');
    const runs = Array.from({ length: 8 }, (_, i) =>
      cliAsync([
        'idp',
        'metadata',
        '--state-dir',
        stateDir,
        '--port',
        '7080',
        '--out',
        join(dir, `metadata-${i}.xml`),
        '--certificate-out',
        join(dir, `entra-${i}.cer`),
      ]),
    );
    for (const result of await Promise.all(runs)) expect(result.status, result.stderr).toBe(0);
    const certificates = new Set(
      Array.from({ length: 8 }, (_, i) => readFileSync(join(dir, `entra-${i}.cer`), 'utf8')),
    );
    expect(certificates.size).toBe(1);
    const tenants = readdirSync(join(stateDir, 'tenants'));
    expect(tenants).toHaveLength(1);
    expect(readdirSync(join(stateDir, 'tenants', tenants[0]!, 'apps'))).toHaveLength(1);
    expect(
      readdirSync(join(stateDir, 'tenants', tenants[0]!, 'certs')).filter((f) => !f.startsWith('tenant-sts')),
    ).toHaveLength(1);
    expect(existsSync(join(stateDir, 'state.lock'))).toBe(false);
  }, 60_000);
});

describe('bounded reads', () => {
  it.each([
    ['run --config /dev/zero', ['run', '--config', '/dev/zero']],
    [
      'run --sp-metadata /dev/zero',
      ['run', '--sp-metadata', '/dev/zero', '--probe', '/me', '--reporter', 'json', '--output-dir', tmp()],
    ],
    [
      'idp metadata --config /dev/zero',
      ['idp', 'metadata', '--state-dir', join(tmp(), 's'), '--config', '/dev/zero'],
    ],
    [
      'idp metadata --sp-metadata /dev/zero',
      ['idp', 'metadata', '--state-dir', join(tmp(), 's'), '--sp-metadata', '/dev/zero'],
    ],
  ])('%s fails at once with exit 2', (_name, args) => {
    const started = Date.now();
    expectCleanExit2(cli(args));
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('operational errors: a clear message and exit 2', () => {
  it('the state directory is a file', () => {
    const file = join(tmp(), 'state');
    writeFileSync(file, 'x');
    expectCleanExit2(cli(['idp', 'metadata', '--state-dir', file]));
  });

  it('state.json is damaged', () => {
    const stateDir = join(tmp(), 'state');
    mkdirSync(stateDir);
    writeFileSync(join(stateDir, 'state.json'), '{"version":1,');
    expectCleanExit2(cli(['idp', 'metadata', '--state-dir', stateDir]));
  });

  it('--out is a folder', () => {
    const dir = tmp();
    expectCleanExit2(cli(['idp', 'metadata', '--state-dir', join(dir, 'state'), '--out', dir]));
  });
});

describe('reports when a run stops before its first scenario', () => {
  it('writes the JUnit file with the run-level error when the SP login URL does not answer', async () => {
    const dir = tmp();
    const spPort = await freePort();
    const metadata = join(dir, 'sp.xml');
    writeFileSync(
      metadata,
      `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://127.0.0.1:${spPort}/metadata"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="http://127.0.0.1:${spPort}/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>`,
    );
    const result = cli([
      'run',
      'profiles/4.1.4.3/recipient-mismatch',
      '--sp-metadata',
      metadata,
      '--login-url',
      `http://127.0.0.1:${spPort}/login`,
      '--probe',
      '/me',
      '--idp-port',
      String(await freePort()),
      '--state-dir',
      join(dir, 'state'),
      '--reporter',
      'junit,json',
      '--output-dir',
      join(dir, 'out'),
    ]);
    expectCleanExit2(result);
    const junit = readFileSync(join(dir, 'out', 'samlspec-junit.xml'), 'utf8');
    expect(junit).toMatch(/<error [^>]*type="TARGET_UNREACHABLE"/);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'samlspec-report.json'), 'utf8'));
    expect(report.summary.runError.code).toBe('TARGET_UNREACHABLE');
  }, 60_000);
});
