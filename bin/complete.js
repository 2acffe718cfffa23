#!/usr/bin/env node
// Shell completion's entry point (see src/completion/main.ts): answers one TAB press without
// loading oclif or the commands. Prints nothing on any failure: a TAB never shows an error.
import { main } from '../dist/src/completion/main.js';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch {
  process.exitCode = 1;
}
