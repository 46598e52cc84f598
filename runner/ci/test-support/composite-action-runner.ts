/**
 * @module Runs a composite action's steps the way GitHub's runner does, for tests: the inputs as the
 * workflow's `with:` gives them (defaults from action.yml), `${{ inputs.* }}`, `${{ steps.*.outputs.* }}`
 * and `${{ github.action_path }}` substituted, each `run:` step in `bash --noprofile --norc -eo pipefail`
 * from the workspace with GITHUB_ACTION_PATH, its own GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files (read
 * back after the step, heredoc outputs included), `if:` conditions with the implied `success()`, and
 * the workflow commands the steps print parsed into annotations. `uses:` steps are not run (no network,
 * no GitHub services): they are returned with their evaluated `with:` so a test can check how they are
 * configured. Only the expression forms the action uses are understood; anything else throws, so a
 * change to action.yml that this cannot evaluate fails loudly instead of being skipped.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

interface ActionYaml {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: StepYaml[] };
}

interface StepYaml {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

export interface StepRecord {
  name: string;
  id?: string | undefined;
  uses?: string | undefined;
  /** The `if:` as written. */
  if?: string | undefined;
  with?: Record<string, string> | undefined;
  /** `would-run`: a `uses:` step whose condition held (it is not executed here). */
  conclusion: 'success' | 'failure' | 'skipped' | 'would-run';
  exitCode?: number | undefined;
}

export interface Annotation {
  level: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  /** The action's outcome, as the calling workflow sees it. */
  conclusion: 'success' | 'failure';
  steps: StepRecord[];
  /** The action's outputs (`outputs.*.value` evaluated). */
  outputs: Record<string, string>;
  annotations: Annotation[];
  /** Every step's summary, in order: what the job summary shows. */
  summary: string;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The folder holding action.yml (GITHUB_ACTION_PATH). */
  actionPath: string;
  /** The job's working directory (GITHUB_WORKSPACE). */
  workspace: string;
  /** The workflow's `with:`. */
  with: Record<string, string>;
  env?: Record<string, string>;
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
  github: { action_path: string; workspace: string };
  failed: boolean;
}

export function readAction(actionPath: string): ActionYaml {
  return parseYaml(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as ActionYaml;
}

export async function runCompositeAction(options: RunOptions): Promise<ActionRun> {
  const action = readAction(options.actionPath);
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  for (const name of Object.keys(options.with))
    if (!action.inputs?.[name]) throw new Error(`unexpected input ${name}: action.yml does not declare it`);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {}))
    inputs[name] = options.with[name] ?? spec.default ?? '';
  const context: Context = {
    inputs,
    steps: {},
    github: { action_path: options.actionPath, workspace: options.workspace },
    failed: false,
  };
  const scratch = mkdtempSync(join(tmpdir(), 'composite-action-'));
  const result: ActionRun = {
    conclusion: 'success',
    steps: [],
    outputs: {},
    annotations: [],
    summary: '',
    stdout: '',
    stderr: '',
  };
  for (const [index, step] of action.runs.steps.entries()) {
    const record: StepRecord = {
      name: step.name ?? step.uses ?? `step ${index + 1}`,
      id: step.id,
      uses: step.uses,
      if: step.if,
      conclusion: 'skipped',
    };
    result.steps.push(record);
    if (!condition(step.if, context)) continue;
    if (step.uses) {
      record.with = mapValues(step.with ?? {}, (v) => substitute(String(v), context));
      record.conclusion = 'would-run';
      continue;
    }
    if (step.run === undefined || step.shell !== 'bash')
      throw new Error(`${record.name}: only bash run steps`);
    const files = {
      script: join(scratch, `step-${index}.sh`),
      output: join(scratch, `output-${index}`),
      summary: join(scratch, `summary-${index}`),
    };
    writeFileSync(files.script, substitute(step.run, context));
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const env = {
      ...process.env,
      ...options.env,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ACTION_PATH: options.actionPath,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      ...mapValues(step.env ?? {}, (v) => substitute(String(v), context)),
    };
    const run = await bash(files.script, options.workspace, env);
    result.stdout += run.stdout;
    result.stderr += run.stderr;
    result.annotations.push(...parseWorkflowCommands(run.stdout));
    result.summary += readFileSync(files.summary, 'utf8');
    if (step.id) context.steps[step.id] = { outputs: parseOutputFile(readFileSync(files.output, 'utf8')) };
    record.exitCode = run.code;
    record.conclusion = run.code === 0 ? 'success' : 'failure';
    if (run.code !== 0) context.failed = true;
  }
  result.conclusion = context.failed ? 'failure' : 'success';
  result.outputs = mapValues(action.outputs ?? {}, (o) => substitute(o.value, context));
  return result;
}

function bash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** `${{ ... }}` replaced by the value of the reference inside. */
function substitute(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) =>
    String(value(expression, context)),
  );
}

/** A step runs when its condition holds; without a status function, `success() &&` is implied. */
function condition(raw: string | undefined, context: Context): boolean {
  const expression = (raw ?? 'success()').trim().replace(/^\$\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');
  const terms = expression.split('&&').map((t) => t.trim());
  const hasStatus = terms.some((t) => /^(always|success|failure|cancelled)\(\)$/.test(t));
  return (hasStatus ? terms : ['success()', ...terms]).every((t) => Boolean(value(t, context)));
}

function value(expression: string, context: Context): string | boolean {
  const e = expression.trim();
  if (e === 'always()') return true;
  if (e === 'success()') return !context.failed;
  if (e === 'failure()') return context.failed;
  if (e === 'cancelled()') return false;
  const comparison = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(e);
  if (comparison) {
    const equal = String(value(comparison[1]!, context)) === comparison[3];
    return comparison[2] === '==' ? equal : !equal;
  }
  const path = e.split('.');
  if (path[0] === 'inputs' && path.length === 2) return context.inputs[path[1]!] ?? '';
  if (path[0] === 'github' && path[1] === 'action_path') return context.github.action_path;
  if (path[0] === 'github' && path[1] === 'workspace') return context.github.workspace;
  if (path[0] === 'steps' && path[2] === 'outputs' && path.length === 4)
    return context.steps[path[1]!]?.outputs[path[3]!] ?? '';
  throw new Error(`expression this runner does not know: ${expression}`);
}

/** GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: ${heredoc[1]} has no closing delimiter`);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
    else if (line.trim()) throw new Error(`GITHUB_OUTPUT: not an output line: ${line}`);
  }
  return outputs;
}

/** `::error title=a%3Ab::message` lines, unescaped as the runner does. */
export function parseWorkflowCommands(stdout: string): Annotation[] {
  const list: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeData(
        pair
          .slice(eq + 1)
          .replace(/%3A/g, ':')
          .replace(/%2C/g, ','),
      );
    }
    list.push({ level: match[1]!, properties, message: unescapeData(match[3]!) });
  }
  return list;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function mapValues<T, U>(object: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, map(v)]));
}
