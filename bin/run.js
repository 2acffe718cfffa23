#!/usr/bin/env node
// Entry point of the scstadmin-ts CLI (src/cli/main.ts, bundled into dist/app by the build).
// CommonJS (bin/package.json), as is everything a command loads: an ES module entry makes Node
// set up its ES module loader first, some 8 ms of every start.
const { join } = require('node:path');

require('../dist/app/main.cjs').main(process.argv.slice(2), join(__dirname, '..'));
