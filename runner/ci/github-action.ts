/**
 * @module The GitHub Action's one step (action.yml at the repository root): read the inputs, run
 * `samlspec run` with the CI reporters, write the step's outputs, and decide from `fail-on` whether the
 * step fails. The annotations (github reporter) and the job summary (markdown reporter) come from
 * samlspec itself; this adds what only the step knows: its outputs, and a summary and an annotation
 * when samlspec stopped before it could write any report (a configuration error).
 *
 * Composite actions get no INPUT_* variables of their own (actions/runner#665), so action.yml maps
 * every input to `INPUT_<NAME>` as GitHub does for JavaScript actions — upper case, dashes kept
 * (`INPUT_SP-METADATA`) — and this reads them the way @actions/core's getInput does.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JSON_REPORT_FILE } from '../../reports/json-reporter.js';
import { escapeData, escapeProperty } from '../../reports/github-reporter.js';
import type { RunReport } from '../../reports/types.js';
import { EXIT } from '../errors.js';

export type Env = Record<string, string | undefined>;

/**
 * When the step fails: `findings` (default) on findings (exit 1) and on runs the harness could not judge
 * (exit 2) — an unjudged run is never green; `errors` only on exit 2 (findings are annotated, not
 * fatal: for adopting samlspec before the SP is fixed); `never` leaves the decision to later steps,
 * through the outputs.
 */
export const FAIL_ON = ['findings', 'errors', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Reporters of every action run: compact log, annotations, and the files the artifact and summary need. */
const REPORTERS = ['line', 'json', 'junit', 'html', 'markdown'];

export interface ActionInputs {
  spMetadata: string;
  spEntityId: string;
  acsUrl: string;
  loginUrl: string;
  probe: string;
  profile: string;
  idpPort: string;
  outputDir: string;
  failOn: FailOn;
  annotations: boolean;
  extraArgs: string[];
}

export class ActionInputError extends Error {
  override readonly name = 'ActionInputError';
}

/** As @actions/core: `INPUT_` + the name upper-cased with spaces as underscores; trimmed; '' when unset. */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function readInputs(env: Env): ActionInputs {
  const failOn = getInput(env, 'fail-on') || 'findings';
  if (!(FAIL_ON as readonly string[]).includes(failOn))
    throw new ActionInputError(`fail-on: "${failOn}" is not one of ${FAIL_ON.join(', ')}`);
  const annotations = getInput(env, 'annotations') || 'true';
  if (annotations !== 'true' && annotations !== 'false')
    throw new ActionInputError(`annotations: "${annotations}" is not true or false`);
  return {
    spMetadata: getInput(env, 'sp-metadata'),
    spEntityId: getInput(env, 'sp-entity-id'),
    acsUrl: getInput(env, 'acs-url'),
    loginUrl: getInput(env, 'login-url'),
    probe: getInput(env, 'probe'),
    profile: getInput(env, 'profile'),
    idpPort: getInput(env, 'idp-port'),
    outputDir: getInput(env, 'output-dir') || 'reports-out',
    failOn: failOn as FailOn,
    annotations: annotations === 'true',
    extraArgs: splitArgs(getInput(env, 'extra-args')),
  };
}

/**
 * Splits `extra-args` into words as a POSIX shell would quote them — blanks separate, '...' is literal,
 * "..." takes \" and \\, a backslash outside quotes escapes the next character — but expands nothing
 * and runs nothing: the input never reaches a shell, so a `$(...)` in it stays text. (shell-quote's
 * parse would expand `$VAR`s and turn `|`, `>` and globs into operator objects, all of which this must
 * refuse or keep literal anyway.)
 */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word = '';
  // A word has started even when it is still empty: '' is an (empty) argument.
  let started = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (next === '"' || next === '\\')) {
        word += next;
        i++;
      } else word += c;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      started = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\' && next !== undefined) {
        word += next;
        i++;
      } else word += c;
    }
  }
  if (quote) throw new ActionInputError(`extra-args: unbalanced ${quote} quote`);
  if (started) words.push(word);
  return words;
}

/** `samlspec run` with the inputs as flags; extra-args last, so they can add scenario prefixes and any flag. */
export function runArguments(inputs: ActionInputs): string[] {
  const flag = (name: string, value: string): string[] => (value ? [name, value] : []);
  return [
    'run',
    ...flag('--sp-metadata', inputs.spMetadata),
    ...flag('--sp-entity-id', inputs.spEntityId),
    ...flag('--acs-url', inputs.acsUrl),
    ...flag('--login-url', inputs.loginUrl),
    ...flag('--probe', inputs.probe),
    ...flag('--profile', inputs.profile),
    ...flag('--idp-port', inputs.idpPort),
    '--output-dir',
    inputs.outputDir,
    '--reporter',
    [...REPORTERS, ...(inputs.annotations ? ['github'] : [])].join(','),
    ...inputs.extraArgs,
  ];
}

export function shouldFail(exitCode: number, failOn: FailOn): boolean {
  if (failOn === 'never' || exitCode === EXIT.ok) return false;
  // Anything but "findings" (a crash, a signal) is as unjudged as exit 2.
  return failOn === 'findings' || exitCode !== EXIT.findings;
}

/** What the step tells later steps (`steps.<id>.outputs.*`, and the action's outputs). */
export interface ActionOutputs {
  'exit-code': string;
  /** Failing results, as the exit code counts them (fail; with --strict also non-strict); '' without a report. */
  findings: string;
  /** Harness errors and inconclusive results (and a run-level stop); '' without a report. */
  errors: string;
  'report-dir': string;
  /** The JSON report, when this run wrote one. */
  'report-path': string;
}

export function outputsFor(
  exitCode: number,
  outputDir: string,
  report: RunReport | undefined,
): ActionOutputs {
  const s = report?.summary;
  return {
    'exit-code': String(exitCode),
    findings: s ? String(s.failed + (report.strict ? s.nonStrict : 0)) : '',
    errors: s ? String(s.errors + s.inconclusive + (s.runError ? 1 : 0)) : '',
    'report-dir': outputDir,
    'report-path': report ? join(outputDir, JSON_REPORT_FILE) : '',
  };
}

/** `name=value` lines, or GitHub's heredoc form (`name<<DELIMITER`) for a value with a line break. */
export function formatOutputs(outputs: Readonly<Record<string, string>>): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
      const delimiter = `ghadelimiter_${randomUUID()}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

export interface ActionDependencies {
  /** Runs samlspec with these arguments, its output going to the step log; resolves to its exit code. */
  runSamlspec(args: string[]): Promise<number>;
  env: Env;
  /** The step's working directory (GitHub: the workspace). */
  cwd: string;
  log(line: string): void;
}

/** The whole step; resolves to the step's exit status. */
export async function runAction(deps: ActionDependencies): Promise<number> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(deps.env);
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    deps.log(command('error', 'samlspec action: bad input', error.message));
    await writeOutputs(deps.env, outputsFor(EXIT.harness, '', undefined));
    return EXIT.harness;
  }
  const started = Date.now();
  const args = runArguments(inputs);
  deps.log(`samlspec ${args.map(shellWord).join(' ')}`);
  const exitCode = await deps.runSamlspec(args);
  const report = await readFreshReport(join(deps.cwd, inputs.outputDir, JSON_REPORT_FILE), started);
  if (!report) await explainMissingReport(deps, exitCode);
  await writeOutputs(deps.env, outputsFor(exitCode, inputs.outputDir, report));
  const fail = shouldFail(exitCode, inputs.failOn);
  deps.log(
    `samlspec exited ${exitCode} (${meaning(exitCode)}); fail-on: ${inputs.failOn}, so the step ${fail ? 'fails' : 'passes'}`,
  );
  return fail ? exitCode || EXIT.harness : EXIT.ok;
}

/** The report this run wrote; an older file in the same folder is not this run's. */
async function readFreshReport(path: string, since: number): Promise<RunReport | undefined> {
  try {
    // Whole seconds: some file systems keep coarse modification times.
    if ((await stat(path)).mtimeMs < Math.floor(since / 1000) * 1000) return undefined;
    return JSON.parse(await readFile(path, 'utf8')) as RunReport;
  } catch {
    return undefined;
  }
}

/** samlspec writes its reports however a run ends; without one, it stopped before the run began. */
async function explainMissingReport(deps: ActionDependencies, exitCode: number): Promise<void> {
  const reason = `samlspec exited ${exitCode} before writing a report (a configuration error?): see the step log`;
  deps.log(command('error', 'samlspec: no report', reason));
  const summary = deps.env['GITHUB_STEP_SUMMARY'];
  if (summary) await appendFile(summary, `## ⚠️ samlspec: no report\n\n${reason}.\n\n`, 'utf8');
}

async function writeOutputs(env: Env, outputs: ActionOutputs): Promise<void> {
  const file = env['GITHUB_OUTPUT'];
  if (file) await appendFile(file, formatOutputs({ ...outputs }), 'utf8');
}

function command(level: 'error' | 'warning', title: string, message: string): string {
  return `::${level} title=${escapeProperty(title)}::${escapeData(message)}`;
}

function meaning(exitCode: number): string {
  if (exitCode === EXIT.ok) return 'no findings';
  if (exitCode === EXIT.findings) return 'findings';
  if (exitCode === EXIT.harness) return 'the harness could not judge the SP, or the configuration is wrong';
  return 'samlspec did not finish';
}

/** For the log line only: quotes a word the way a reader would retype it. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
