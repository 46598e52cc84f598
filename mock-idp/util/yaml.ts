/**
 * @module YAML for config files, loaded on first use: most runs are configured by flags alone, and the
 * parser is a noticeable share of the CLI's start-up (about 30 ms of module loading).
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;

/** YAML text to plain data; aliases are bounded (a "billion laughs" file is an error, not a hang). */
export function parseYamlText(text: string): unknown {
  yaml ??= require('yaml') as typeof Yaml;
  return yaml.parse(text, { maxAliasCount: 100 });
}
