import { mkdir, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../reports/test-support/sample-report.js';
import { EXIT } from '../errors.js';
import {
  ActionInputError,
  formatOutputs,
  getInput,
  readInputs,
  runAction,
  runArguments,
  shouldFail,
  splitArgs,
} from './github-action.js';
import { fileURLToPath } from 'node:url';
import {
  parseOutputFile,
  parseWorkflowCommands,
  readAction,
} from './test-support/composite-action-runner.js';

describe('inputs', () => {
  it('reads INPUT_<NAME> as GitHub names it: upper case, dashes kept, spaces as underscores, trimmed', () => {
    const env = { 'INPUT_SP-METADATA': ' http://sp/metadata \n', INPUT_MY_INPUT: 'x' };
    expect(getInput(env, 'sp-metadata')).toBe('http://sp/metadata');
    expect(getInput(env, 'my input')).toBe('x');
    expect(getInput(env, 'probe')).toBe('');
  });

  it('defaults fail-on to findings and annotations to true, and refuses values it does not know', () => {
    expect(readInputs({})).toMatchObject({ failOn: 'findings', annotations: true, outputDir: 'reports-out' });
    expect(() => readInputs({ 'INPUT_FAIL-ON': 'sometimes' })).toThrow(ActionInputError);
    expect(() => readInputs({ INPUT_ANNOTATIONS: 'yes' })).toThrow(ActionInputError);
  });

  it('splits extra-args as a shell quotes them, without expanding or running anything', () => {
    expect(splitArgs('')).toEqual([]);
    expect(splitArgs('  attacks/xsw\n  --strict ')).toEqual(['attacks/xsw', '--strict']);
    expect(splitArgs(`--account-pattern '"account":"([^"]+)"' --grep "a b\\"c"`)).toEqual([
      '--account-pattern',
      '"account":"([^"]+)"',
      '--grep',
      'a b"c',
    ]);
    expect(splitArgs(`a\\ b '' $(rm -rf /) \`x\` $HOME`)).toEqual([
      'a b',
      '',
      '$(rm',
      '-rf',
      '/)',
      '`x`',
      '$HOME',
    ]);
    expect(() => splitArgs(`--grep 'open`)).toThrow(/unbalanced ' quote/);
  });

  it('builds samlspec run from the inputs, extra-args last', () => {
    const inputs = readInputs({
      'INPUT_SP-ENTITY-ID': 'https://sp.example/id',
      'INPUT_ACS-URL': 'https://sp.example/acs',
      INPUT_PROFILE: 'atlassian',
      'INPUT_IDP-PORT': '7081',
      'INPUT_EXTRA-ARGS': 'attacks --shard 2/4',
      INPUT_ANNOTATIONS: 'false',
    });
    expect(runArguments(inputs)).toEqual([
      'run',
      '--sp-entity-id',
      'https://sp.example/id',
      '--acs-url',
      'https://sp.example/acs',
      '--profile',
      'atlassian',
      '--idp-port',
      '7081',
      '--output-dir',
      'reports-out',
      '--reporter',
      'line,json,junit,html,markdown',
      'attacks',
      '--shard',
      '2/4',
    ]);
    expect(runArguments(readInputs({}))).toContain('line,json,junit,html,markdown,github');
  });
});

describe('fail-on', () => {
  it.each([
    ['findings', [false, true, true, true]],
    ['errors', [false, false, true, true]],
    ['never', [false, false, false, false]],
  ] as const)('%s: fails on exit 0, 1, 2, 70 as %j', (failOn, expected) => {
    expect([0, 1, 2, 70].map((code) => shouldFail(code, failOn))).toEqual(expected);
  });
});

describe('outputs', () => {
  it('writes name=value lines, and the heredoc form for a value with a line break', () => {
    const text = formatOutputs({ 'exit-code': '1', note: 'two\nlines' });
    expect(text).toMatch(
      /^exit-code=1\nnote<<ghadelimiter_[0-9a-f-]+\ntwo\nlines\nghadelimiter_[0-9a-f-]+\n$/,
    );
    expect(parseOutputFile(text)).toEqual({ 'exit-code': '1', note: 'two\nlines' });
  });
});

describe('runAction', () => {
  async function setup() {
    const dir = await mkdtemp(join(tmpdir(), 'samlspec-action-unit-'));
    const env = {
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      'INPUT_OUTPUT-DIR': 'out',
    };
    await writeFile(env.GITHUB_OUTPUT, '');
    await writeFile(env.GITHUB_STEP_SUMMARY, '');
    return { dir, env, log: [] as string[] };
  }

  it('counts findings and errors from the report this run wrote, and fails per fail-on', async () => {
    const { dir, env, log } = await setup();
    const runSamlspec = async (args: string[]): Promise<number> => {
      expect(args.slice(0, 1)).toEqual(['run']);
      await mkdir(join(dir, 'out'), { recursive: true });
      await writeFile(join(dir, 'out', 'samlspec-report.json'), JSON.stringify(sampleReport));
      return EXIT.findings;
    };
    const status = await runAction({ runSamlspec, env, cwd: dir, log: (l) => log.push(l) });
    expect(status).toBe(EXIT.findings);
    expect(parseOutputFile(await readFile(env.GITHUB_OUTPUT, 'utf8'))).toEqual({
      'exit-code': '1',
      findings: '2',
      errors: '2',
      'report-dir': 'out',
      'report-path': join('out', 'samlspec-report.json'),
    });
    const passing = await runAction({
      runSamlspec,
      env: { ...env, 'INPUT_FAIL-ON': 'errors' },
      cwd: dir,
      log: () => undefined,
    });
    expect(passing).toBe(EXIT.ok);
  });

  it('ignores a report an earlier run left in the folder, and says there is none', async () => {
    const { dir, env, log } = await setup();
    await mkdir(join(dir, 'out'), { recursive: true });
    await writeFile(join(dir, 'out', 'samlspec-report.json'), JSON.stringify(sampleReport));
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, 'out', 'samlspec-report.json'), old, old);
    const status = await runAction({
      runSamlspec: async () => EXIT.harness,
      env,
      cwd: dir,
      log: (l) => log.push(l),
    });
    expect(status).toBe(EXIT.harness);
    expect(parseOutputFile(await readFile(env.GITHUB_OUTPUT, 'utf8'))).toMatchObject({
      'exit-code': '2',
      findings: '',
      'report-path': '',
    });
    expect(parseWorkflowCommands(log.join('\n')).map((a) => a.properties.title)).toEqual([
      'samlspec: no report',
    ]);
    expect(await readFile(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain('samlspec: no report');
  });

  it('runs nothing on a bad input: an annotation, exit-code 2', async () => {
    const { dir, env, log } = await setup();
    let ran = false;
    const status = await runAction({
      runSamlspec: async () => {
        ran = true;
        return EXIT.ok;
      },
      env: { ...env, 'INPUT_EXTRA-ARGS': '"open' },
      cwd: dir,
      log: (l) => log.push(l),
    });
    expect([status, ran]).toEqual([EXIT.harness, false]);
    expect(parseWorkflowCommands(log.join('\n'))[0]?.message).toContain('unbalanced');
  });
});

describe('action.yml', () => {
  const action = readAction(fileURLToPath(new URL('../..', import.meta.url)));

  it('maps every input the step reads to INPUT_<NAME>, as GitHub names them for JavaScript actions', () => {
    // Composite actions get no INPUT_* variables of their own (actions/runner#665).
    const env = action.runs.steps.find((s) => s.id === 'run')!.env!;
    const stepInputs = Object.keys(action.inputs!).filter(
      (n) => !['upload-artifact', 'artifact-name'].includes(n),
    );
    expect(env).toEqual(
      Object.fromEntries(stepInputs.map((n) => [`INPUT_${n.toUpperCase()}`, `\${{ inputs.${n} }}`])),
    );
  });

  it('defaults fail-on as the script does', () => {
    expect(action.inputs!['fail-on']!.default).toBe(readInputs({}).failOn);
  });
});
