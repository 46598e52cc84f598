#!/usr/bin/env node
/**
 * @module The command line from tsc's output (`node dist/runner/cli.js ...`), for a checkout without the
 * bundle. bin/samlspec.js, the installed command, runs the same main() from the CLI's bundle (cli-bundle.ts).
 */
import { main } from './cli-main.js';

await main(process.argv);
