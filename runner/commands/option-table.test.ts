import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { REPORTER_NAMES } from '../../reports/index.js';
import type { RunConfig } from '../run/run-config.js';
import { addOptionTable, attributeNameOf, configFromOptions } from './option-table.js';
import { DEMO_SHARED_RUN_OPTIONS, RUN_TARGET_OPTIONS, SHARED_RUN_OPTIONS } from './run-options.js';
import { configFromFlags, registerRunCommand } from './run-command.js';
import { registerDemoCommand } from './demo-command.js';

const TABLE = [...RUN_TARGET_OPTIONS, ...SHARED_RUN_OPTIONS];

/** A real commander command built from the table, parsing `argv` as a user would type it. */
function parse(argv: string[]): Record<string, unknown> {
  // exitOverride: throw instead of exiting; quiet: the refusals below are expected.
  const command = addOptionTable(
    new Command('t').exitOverride().configureOutput({ writeErr: () => undefined }),
    TABLE,
  );
  command.parse(argv, { from: 'user' });
  return command.opts();
}

describe('option table', () => {
  it('leaves every section empty when no flag is given (commander defaults such as --no-x do not leak)', () => {
    expect(configFromOptions(TABLE, parse([]))).toEqual({ sp: {}, idp: {}, run: {} });
  });

  it('places each given flag at its config path, parsed and converted', () => {
    const config = configFromOptions(
      TABLE,
      parse([
        '--no-idp-initiated',
        '--browser',
        '--workers',
        '3',
        '--idp-port',
        '0',
        '--reporter',
        'json,html',
        '--reporter',
        'junit',
        '--timeout',
        '5000',
        '--signing-option',
        'response',
        '--refresh-idp-metadata',
        'wait:1',
      ]),
    );
    expect(config).toEqual({
      sp: { idpInitiated: false, refreshIdpMetadata: 'wait:1' },
      idp: { port: 0, signingOption: 'response' },
      run: { mode: 'browser', workers: 3, reporters: ['json', 'html', 'junit'], timeoutMs: 5000 },
    });
  });

  it("runs each row's parser, so a bad value is refused by commander", () => {
    for (const argv of [
      ['--workers', '0'],
      ['--idp-port', '70000'],
      ['--evidence', 'some'],
    ]) {
      let caught: unknown;
      try {
        parse(argv);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CommanderError);
      expect((caught as CommanderError).code).toBe('commander.invalidArgument');
    }
  });

  it('has one row per attribute, and a config path for every row but --config', () => {
    const names = TABLE.map(attributeNameOf);
    expect(new Set(names).size).toBe(names.length);
    expect(TABLE.filter((spec) => spec.config === undefined).map(attributeNameOf)).toEqual(['config']);
  });

  it('derives the --reporter help from the reporter registry', () => {
    const reporter = SHARED_RUN_OPTIONS.find((spec) => attributeNameOf(spec) === 'reporter');
    expect(reporter?.description.startsWith(`${REPORTER_NAMES.join(',')} `)).toBe(true);
  });

  it('gives run and demo the same shared flags, with the same help but for defaults the demo sets itself', () => {
    const program = new Command('samlspec');
    registerRunCommand(program, async () => 0);
    registerDemoCommand(program, async () => 0);
    const optionsOf = (name: string) =>
      program.commands.find((c) => c.name() === name)?.options.map((o) => [o.flags, o.description]) ?? [];
    const shared = SHARED_RUN_OPTIONS.map((spec) => [spec.flags, spec.description]);
    expect(optionsOf('run')).toEqual([...RUN_TARGET_OPTIONS.map((s) => [s.flags, s.description]), ...shared]);
    const demoShared = optionsOf('demo').slice(-shared.length);
    expect(demoShared).toEqual(DEMO_SHARED_RUN_OPTIONS.map((spec) => [spec.flags, spec.description]));
    expect(demoShared.map(([flags]) => flags)).toEqual(shared.map(([flags]) => flags));
  });

  it('run: flags over the defaults give the validated config the schema describes', async () => {
    const program = new Command('samlspec').exitOverride();
    let seen: RunConfig | undefined;
    registerRunCommand(program, async (config) => {
      seen = config;
      return 0;
    });
    await program.parseAsync(
      ['run', 'attacks/xsw', '--config', '/dev/null', '--sp-metadata', 'sp.xml', '--strict', '--tag', 'xsw'],
      { from: 'user' },
    );
    process.exitCode = undefined;
    expect(seen?.sp.metadata).toBe('sp.xml');
    expect(seen?.run.scenarios).toEqual(['attacks/xsw']);
    expect(seen?.run.strict).toBe(true);
    expect(seen?.run.tags).toEqual(['xsw']);
    expect(seen?.run.mode).toBe('http');
    expect(
      configFromFlags([], { config: '/dev/null', spEntityId: 'e', acsUrl: 'https://sp/acs' }).sp.entityId,
    ).toBe('e');
  });
});
