/** @module `samlspec list [ID_PREFIX...]`: the catalog (dry run), one scenario per line. */
import type { Command } from 'commander';
import { selectScenarios } from '../../scenarios/index.js';
import { HarnessError } from '../errors.js';

export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description('list the scenarios (dry run): id, level, expectation, flows, title')
    .argument('[ID_PREFIX...]', 'scenario id prefixes')
    .option('--json', 'as JSON')
    .action((prefixes: string[], options: { json?: boolean }) => {
      const scenarios = selectScenarios(prefixes);
      if (scenarios.length === 0)
        throw new HarnessError('BAD_CONFIG', `no scenario matches ${prefixes.join(', ')}`);
      if (options.json) {
        const rows = scenarios.map((s) => ({
          id: s.id,
          level: s.level,
          expect: s.expect,
          flows: s.flows,
          title: s.title,
          requirement: s.requirement,
          refs: s.refs,
        }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const width = Math.max(...scenarios.map((s) => s.id.length));
      for (const s of scenarios) {
        const flows = s.flows.map((f) => (f === 'sp-initiated' ? 'SP' : 'IdP')).join('+');
        process.stdout.write(
          `${s.id.padEnd(width)}  ${s.level.padEnd(6)} ${s.expect.padEnd(17)} ${flows.padEnd(6)} ${s.title}\n`,
        );
      }
      process.stdout.write(`${scenarios.length} scenarios\n`);
    });
}
