/** @module `samlspec list [ID_PREFIX...]`: the catalog (dry run), one scenario per line. */
import type { Command } from 'commander';
import { selectScenarios } from '../../scenarios/index.js';
import { SP_PROFILES, SP_PROFILE_NAMES, type SpProfileName } from '../../scenarios/sp-profiles/index.js';
import { HarnessError } from '../errors.js';
import { selectOrFail } from '../run/selection.js';
import { parseShard } from '../run/shard.js';
import { list } from '../options.js';
import { listView, renderList, renderTags } from './list-view.js';
import { addOptionTable, type OptionSpec } from './option-table.js';

/** What `list` selects and shows: run's selection flags (their list-only help), and the profile's view. */
export const LIST_OPTIONS: readonly OptionSpec[] = [
  { flags: '--json', description: 'as JSON' },
  { flags: '--grep <regex>', description: 'only scenarios whose id or title matches (case-insensitive)' },
  {
    flags: '--tag [tag]',
    description: 'only scenarios with this tag (repeatable: any of them); without a value: list the tags',
    parse: list,
  },
  {
    flags: '--shard <i/n>',
    description: 'only the scenario runs shard i of n runs (as run --shard splits them)',
  },
  {
    flags: '--profile <name>',
    description: `levels, expectations and skips as --profile gives them, and what it changes: ${SP_PROFILE_NAMES.join('|')}`,
  },
];

interface ListFlags {
  json?: boolean;
  grep?: string;
  /** `true`: a bare --tag, which lists the tags. */
  tag?: string[] | true;
  shard?: string;
  profile?: string;
}

export function registerListCommand(program: Command): void {
  addOptionTable(
    program
      .command('list')
      .description('list the scenarios (dry run): id, level, expectation, flows, title')
      .argument('[ID_PREFIX...]', 'scenario id prefixes'),
    LIST_OPTIONS,
  ).action((prefixes: string[], options: ListFlags) => {
    if (options.tag === true) {
      process.stdout.write(renderTags(selectScenarios(prefixes, { grep: options.grep })));
      return;
    }
    const scenarios = selectOrFail({ scenarios: prefixes, grep: options.grep, tags: options.tag });
    const profile = options.profile === undefined ? undefined : SP_PROFILES[profileName(options.profile)];
    const shard = options.shard === undefined ? undefined : parseShard(options.shard);
    const view = listView(scenarios, { profile, shard });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(view.rows, null, 2)}\n`);
      return;
    }
    process.stdout.write(renderList(view, { profile, shard }));
  });
}

function profileName(name: string): SpProfileName {
  if (!(SP_PROFILE_NAMES as readonly string[]).includes(name))
    throw new HarnessError('BAD_CONFIG', `--profile ${name}: not a profile (${SP_PROFILE_NAMES.join(', ')})`);
  return name as SpProfileName;
}
