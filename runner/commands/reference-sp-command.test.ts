import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openConfiguredState, baseUrlFor } from '../../mock-idp/start-mock-idp.js';
import { ensureApp } from '../../mock-idp/default-app.js';
import { appMetadataFor } from '../../mock-idp/metadata/app-metadata.js';
import { HarnessError } from '../errors.js';
import { registerReferenceSpCommand } from './reference-sp-command.js';

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const server of started.splice(0)) await server.close();
});

async function cli(...args: string[]): Promise<{ printed: string[]; error: unknown }> {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  const program = new Command('samlspec').exitOverride();
  registerReferenceSpCommand(program, (server) => started.push(server));
  const error = await program.parseAsync(args, { from: 'user' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { printed, error };
}

function idpMetadataFile(): string {
  const state = openConfiguredState({});
  const app = ensureApp(state.defaultTenant);
  const xml = appMetadataFor(state.defaultTenant, app, baseUrlFor('127.0.0.1', 7080), state.ids);
  const file = join(mkdtempSync(join(tmpdir(), 'reference-sp-command-')), 'idp.xml');
  writeFileSync(file, xml);
  return file;
}

describe('samlspec reference-sp', () => {
  it('starts the SP, prints its base URL first, and hands the server to the CLI to keep and close', async () => {
    const { printed, error } = await cli(
      'reference-sp',
      '--idp-metadata',
      idpMetadataFile(),
      '--weakness',
      'no-recipient-check',
    );
    expect(error).toBeUndefined();
    expect(started).toHaveLength(1);
    expect(printed[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.at(-1)).toBe('weaknesses: no-recipient-check');
    expect((await fetch(`${printed[0]}/metadata`)).status).toBe(200);
  });

  it('is a configuration error (exit 2) without metadata, with an unreadable file, or on a port in use', async () => {
    for (const args of [[], ['--idp-metadata', '/nonexistent/idp.xml']]) {
      const { error } = await cli('reference-sp', ...args);
      expect(error).toBeInstanceOf(HarnessError);
      expect((error as HarnessError).code).toBe('BAD_CONFIG');
    }
    const file = idpMetadataFile();
    const first = await cli('reference-sp', '--idp-metadata', file);
    const port = new URL(first.printed[0]!).port;
    const { error } = await cli('reference-sp', '--idp-metadata', file, '--port', port);
    expect((error as HarnessError).message).toContain(`port ${port} is already in use`);
  });

  it('lists the weakness flags without starting anything', async () => {
    const { printed } = await cli('reference-sp', '--list-weaknesses');
    expect(printed.some((line) => line.startsWith('no-recipient-check '))).toBe(true);
    expect(started).toHaveLength(0);
  });
});
