import { Command, type Option } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { registerDemoCommand } from './demo-command.js';
import { registerIdpCommand } from './idp-command.js';
import { registerListCommand } from './list-command.js';
import { registerMergeReportsCommand } from './merge-reports-command.js';
import { registerReferenceSpCommand } from './reference-sp-command.js';
import { registerRunCommand } from './run-command.js';

/** Every command as the CLI registers it (cli.ts runs main on import, so the same calls are made here). */
function program(): Command {
  const root = new Command('samlspec');
  registerIdpCommand(root, () => undefined);
  registerRunCommand(root, async () => 0);
  registerListCommand(root);
  registerDemoCommand(root, async () => 0);
  registerMergeReportsCommand(root);
  registerReferenceSpCommand(root, () => undefined);
  return root;
}

function describeOption(option: Option): Record<string, unknown> {
  return {
    flags: option.flags,
    description: option.description,
    ...(option.defaultValue !== undefined ? { defaultValue: option.defaultValue } : {}),
    ...(option.parseArg ? { parses: true } : {}),
  };
}

/** Each command (and subcommand) path → what its --help lists: flags, help, default, whether it is parsed. */
function flagSets(command: Command, prefix = ''): Record<string, unknown> {
  const name = prefix ? `${prefix} ${command.name()}` : command.name();
  return Object.assign(
    { [name]: command.options.map(describeOption) },
    ...command.commands.map((sub) => flagSets(sub, name)),
  );
}

describe('command flags', () => {
  it('keep every flag of every command, with its help and default (issue 13: one option table)', () => {
    // --admin-token defaults to the environment's token: fixed here so the record does not depend on it.
    vi.stubEnv('SAMLSPEC_ADMIN_TOKEN', undefined);
    try {
      expect(flagSets(program())).toMatchSnapshot();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
