/**
 * @module The samlspec command line: main() parses and runs it. The only place that decides the process exit
 * code: 0 all musts pass, 1 findings, 2 harness or configuration error (never a stack trace). Run by
 * bin/samlspec.js through the CLI's bundle (cli-bundle.ts), or by cli.ts from tsc's output.
 */
import { Command, CommanderError } from 'commander';
import * as z from 'zod';
import { MockIdpError, formatIssues } from '../mock-idp/internal.js';
import { ReporterConfigError } from '../reports/errors.js';
import { EXIT, HarnessError } from './errors.js';
import { registerIdpCommand } from './commands/idp-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerListCommand } from './commands/list-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerMergeReportsCommand } from './commands/merge-reports-command.js';
import { registerReferenceSpCommand } from './commands/reference-sp-command.js';
import { executeRun, type ExecuteOptions } from './run/execute-run.js';
import { VERSION } from './version.js';
import type { RunConfig } from './run/run-config.js';

/** Long-running servers (the mock IdP, the reference SP): they keep the process up until Ctrl-C. */
const servers: { close(): Promise<void> }[] = [];
const runAbort = new AbortController();
let runActive = false;

async function run(config: RunConfig, options: ExecuteOptions = {}): Promise<number> {
  runActive = true;
  try {
    const result = await executeRun(config, {
      ...options,
      signal: runAbort.signal,
      log: (line) => console.error(line),
      // Only the reporters read the results here: passes need not hold what no report keeps.
      leanResults: true,
    });
    for (const file of result.files) console.error(`samlspec: wrote ${file}`);
    return result.exitCode;
  } finally {
    runActive = false;
  }
}

export function buildProgram(): Command {
  const program = new Command('samlspec')
    .description(
      'SAML 2.0 conformance and security tests for service providers, with a mock Microsoft Entra ID',
    )
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerIdpCommand(program, (handle) => servers.push(handle));
  registerRunCommand(program, run);
  registerListCommand(program);
  registerDemoCommand(program, run);
  registerMergeReportsCommand(program);
  registerReferenceSpCommand(program, (server) => servers.push(server));
  return program;
}

function describeError(error: unknown): string {
  if (error instanceof HarnessError || error instanceof MockIdpError || error instanceof ReporterConfigError)
    return error.message;
  if (error instanceof z.ZodError) return formatIssues('configuration', error);
  // A file or folder the system refused (no permission, a file where a folder must be, a full disk):
  // the user's setup, not a samlspec bug.
  const system = error as NodeJS.ErrnoException | undefined;
  if (typeof system?.code === 'string' && typeof system.syscall === 'string')
    return `cannot ${system.syscall}${system.path ? ` ${system.path}` : ''}: ${system.code}`;
  return `unexpected error: ${(error as Error)?.message ?? String(error)}`;
}

function onSignal(): void {
  if (runActive && !runAbort.signal.aborted) {
    // First Ctrl-C: stop scheduling scenarios; the run still writes its reports.
    console.error(
      'samlspec: interrupted — writing reports for the scenarios that finished (Ctrl-C again to quit now)',
    );
    runAbort.abort();
    return;
  }
  void Promise.all(servers.map((s) => s.close())).finally(() =>
    process.exit(runActive ? EXIT.harness : (process.exitCode ?? EXIT.ok)),
  );
}

export async function main(argv: string[]): Promise<void> {
  // A command parses each schema (state files, config, options) a handful of times: zod's JIT, which compiles
  // every object schema into a function with `new Function` on its first parse, costs more than it saves there
  // (~10 ms of each start). The library API keeps zod's default.
  z.config({ jitless: true });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed by commander.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.harness;
      return;
    }
    console.error(`samlspec: ${describeError(error)}`);
    process.exitCode = EXIT.harness;
  }
  if (servers.length === 0 && !runActive) {
    // Nothing left to serve: don't let stray handles keep the process alive.
    setTimeout(() => process.exit(process.exitCode ?? EXIT.ok), 50).unref();
  }
}
