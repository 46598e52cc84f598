import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin/samlspec.js');
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function certificates(metadata: string): string[] {
  return [...metadata.matchAll(/<X509Certificate>([^<]+)<\/X509Certificate>/g)].map((m) => m[1]!);
}

/** The server ended before it printed what a test waits for. */
class ServerExited extends Error {
  constructor(
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

async function waitForOutput(
  child: ReturnType<typeof spawn>,
  text: string,
  timeoutMs = 15_000,
): Promise<string> {
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for "${text}"; got: ${out}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(text)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.on('exit', (code) => reject(new ServerExited(code, `exited with ${code}: ${out}${err}`)));
  });
}

async function metadataThenServer(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'samlspec-cli-'));
  const port = await freePort();
  const offline = run(['idp', 'metadata', '--state-dir', stateDir, '--port', String(port)]);
  expect(offline.status).toBe(0);
  expect(offline.stdout.charCodeAt(0)).toBe(0xfeff);
  expect(run(['idp', 'metadata', '--state-dir', stateDir, '--port', String(port)]).stdout).toContain(
    certificates(offline.stdout)[0],
  );

  const server = spawn(process.execPath, [BIN, 'idp', '--state-dir', stateDir, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(server);
  const banner = await waitForOutput(server, 'Press Ctrl-C');
  const metadataUrl = /App Federation Metadata Url\s+(\S+)/.exec(banner)?.[1];
  expect(metadataUrl).toBeDefined();
  const served = await (await fetch(metadataUrl!)).text();
  expect(certificates(served)).toEqual(certificates(offline.stdout));
  expect(served).toContain(`Location="http://127.0.0.1:${port}/`);
}

describe('samlspec idp', () => {
  it('prints metadata without a server that the later server signs with (same state dir and port)', async () => {
    // The port is free when chosen, but the test's other processes (and parallel test files) may take it
    // before the server listens: the server then exits 2 (port in use), and the check runs again on
    // another port. Any other failure, or three of those in a row, fails the test.
    for (let attempt = 1; ; attempt++) {
      try {
        await metadataThenServer();
        return;
      } catch (error) {
        if (!(error instanceof ServerExited && error.code === 2) || attempt === 3) throw error;
      }
    }
  });

  it('exits 2 with the bad field named and no stack trace for an invalid config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlspec-cli-'));
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'apps:\n  - name: a\n    replyUrls: [{ url: "http://sp.example/acs" }]\n');
    const result = run(['idp', 'metadata', '--state-dir', dir, '--config', config]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('apps[0].replyUrls[0].url');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown option and for a port in use', async () => {
    expect(run(['idp', '--no-such-flag']).status).toBe(2);
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (blocker.address() as { port: number }).port;
      const dir = mkdtempSync(join(tmpdir(), 'samlspec-cli-'));
      const result = run(['idp', '--state-dir', dir, '--port', String(port)]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(String(port));
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
