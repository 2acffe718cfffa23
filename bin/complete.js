#!/usr/bin/env node
// Shell completion's entry point (see src/completion/main.ts): answers one TAB press without
// loading oclif or the commands. Prints nothing on any failure: a TAB never shows an error.
// CommonJS (bin/package.json); the completion modules are ES modules, imported.
import('../dist/src/completion/main.js')
  .then(({ main }) => main(process.argv.slice(2)))
  .then(
    (code) => (process.exitCode = code),
    () => (process.exitCode = 1),
  );
