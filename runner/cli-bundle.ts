/**
 * @module The entry of the CLI's bundle (runner/build/bundle-cli.ts): what bin/samlspec.js calls, in this order.
 *
 * startDemoEarly() first: `samlspec demo` starts its first RSA key and its SP's thread before the CLI's modules
 * are evaluated (demo-early-start.ts). The CLI's modules are imported by main() on its first call, so in the
 * bundle they stay unevaluated until then (esbuild wraps a dynamically imported module graph in functions that
 * run on first use), while what both share, the pool of keys made early, is one module instance.
 */
export { startDemoEarly } from './commands/demo-early-start.js';

/** Parses and runs the command line (cli-main.ts). */
export async function main(argv: string[]): Promise<void> {
  const cli = await import('./cli-main.js');
  await cli.main(argv);
}
