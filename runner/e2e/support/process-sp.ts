/**
 * @module The reference SP in its own process (dist/fixtures/sps/reference-sp/main.js), optionally
 * under a supervisor that starts it again on the same port whenever it exits — as systemd, a container
 * runtime or pm2 would restart a crashed SP. The liveness e2e tests crash it on purpose.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../run/free-port.js';
import type { SpUnderTest } from './run-catalog.js';

const MAIN = new URL('../../../dist/fixtures/sps/reference-sp/main.js', import.meta.url);

export interface ProcessSpOptions {
  idpMetadataXml: string;
  /** --crash-on: the process exits when a posted Response matches. */
  crashOn?: string;
  /** Start it again after every exit. */
  supervised?: boolean;
  extraArgs?: readonly string[];
}

export interface ProcessSp extends SpUnderTest {
  /** How many times the process was started. */
  starts(): number;
}

export async function startProcessSp(options: ProcessSpOptions): Promise<ProcessSp> {
  const dir = mkdtempSync(join(tmpdir(), 'samlspec-process-sp-'));
  const metadataFile = join(dir, 'idp-metadata.xml');
  writeFileSync(metadataFile, options.idpMetadataXml);
  const port = await freePort('127.0.0.1');
  const args = [
    MAIN.pathname,
    '--idp-metadata',
    metadataFile,
    '--port',
    String(port),
    '--sp-domain',
    'contoso.com',
    ...(options.crashOn ? ['--crash-on', options.crashOn] : []),
    ...(options.extraArgs ?? []),
  ];
  let child: ChildProcess | undefined;
  let stopped = false;
  let starts = 0;
  const launch = (): Promise<string> =>
    new Promise((resolve, reject) => {
      starts++;
      const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      child = proc;
      let out = '';
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) resolve(line.trim());
      });
      proc.once('exit', (code) => {
        reject(new Error(`reference SP exited with ${code} before it was ready`));
        if (!stopped && options.supervised) void launch().catch(() => undefined);
      });
    });
  const baseUrl = await launch();
  const metadataXml = await (await fetch(`${baseUrl}/metadata`)).text();
  return {
    metadataXml,
    loginUrl: `${baseUrl}/login`,
    probeUrl: `${baseUrl}/me`,
    starts: () => starts,
    close: async () => {
      stopped = true;
      const proc = child;
      if (!proc || proc.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    },
  };
}
