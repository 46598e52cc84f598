/**
 * @module `samlspec reference-sp --idp-metadata F --port P [--weakness X ...]`: the built-in strict
 * reference SP as a command, so the README's CI recipe (and the GitHub Action's tests) can start a
 * stand-in SP from an install, without a checkout's dist/fixtures paths. Options and output are the
 * fixture's own (fixtures/sps/reference-sp/command-line.ts); it runs until Ctrl-C or SIGTERM.
 */
import type { Command } from 'commander';
import {
  ReferenceSpUsageError,
  addReferenceSpOptions,
  readyLines,
  startReferenceSpFromFlags,
  weaknessLines,
  type ReferenceSpFlags,
} from '../../fixtures/sps/reference-sp/command-line.js';
import { HarnessError } from '../errors.js';

/** Exit status of a `--crash-on` SP, as the fixture's own process uses (EX_SOFTWARE). */
const CRASH_EXIT = 70;

export function registerReferenceSpCommand(
  program: Command,
  onServerStarted: (server: { close(): Promise<void> }) => void,
): void {
  addReferenceSpOptions(
    program
      .command('reference-sp')
      .description(
        'start the built-in strict reference SP (a stand-in for yours in CI); --weakness makes it naive',
      ),
  ).action(async (flags: ReferenceSpFlags) => {
    if (flags.listWeaknesses) {
      for (const line of weaknessLines()) console.log(line);
      return;
    }
    const sp = await startReferenceSpFromFlags(flags, () => process.exit(CRASH_EXIT)).catch(
      (error: unknown) => {
        throw startFailure(error, flags);
      },
    );
    for (const line of readyLines(sp)) console.log(line);
    // The CLI keeps the process alive for registered servers and closes them on Ctrl-C/SIGTERM.
    onServerStarted(sp);
  });
}

/** Every reason the SP could not start is a configuration problem for the CLI: exit 2 with the reason. */
function startFailure(error: unknown, flags: ReferenceSpFlags): HarnessError {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    return new HarnessError('BAD_CONFIG', `reference SP: port ${flags.port} is already in use (--port)`);
  const message = error instanceof Error ? error.message : String(error);
  const prefix = error instanceof ReferenceSpUsageError ? '' : 'could not start: ';
  return new HarnessError('BAD_CONFIG', `reference SP: ${prefix}${message}`, { cause: error });
}
