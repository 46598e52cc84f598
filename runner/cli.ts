#!/usr/bin/env node
/**
 * @module The samlspec command line. The only place that decides the process exit code:
 * 0 all musts pass, 1 findings, 2 harness or configuration error (never a stack trace).
 */
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { MockIdpError } from '../mock-idp/errors.js';
import type { MockIdpHandle } from '../mock-idp/start-mock-idp.js';
import { EXIT, HarnessError } from './errors.js';
import { registerIdpCommand } from './commands/idp-command.js';
import { formatIssues } from '../mock-idp/config/config-file.js';

const servers: MockIdpHandle[] = [];

export function buildProgram(): Command {
  const program = new Command('samlspec')
    .description(
      'SAML 2.0 conformance and security tests for service providers, with a mock Microsoft Entra ID',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerIdpCommand(program, (handle) => servers.push(handle));
  return program;
}

function describeError(error: unknown): string {
  if (error instanceof HarnessError || error instanceof MockIdpError) return error.message;
  if (error instanceof z.ZodError) return formatIssues('configuration', error);
  return `unexpected error: ${(error as Error)?.message ?? String(error)}`;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.close()));
    process.exit(process.exitCode ?? EXIT.ok);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed by commander.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.harness;
      return;
    }
    console.error(`samlspec: ${describeError(error)}`);
    process.exitCode = EXIT.harness;
  }
}

await main(process.argv);
