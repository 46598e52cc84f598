/** @module placeholder until the reference SP lands. */
import type { Command } from 'commander';
import type { RunConfig } from '../run/run-config.js';
import type { ExecuteOptions } from '../run/execute-run.js';

export function registerDemoCommand(
  _program: Command,
  _run: (config: RunConfig, options?: ExecuteOptions) => Promise<number>,
): void {}
