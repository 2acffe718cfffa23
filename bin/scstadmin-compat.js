#!/usr/bin/env node
// A drop-in for Perl scstadmin's command line (docs/compat.md): the same as `scstadmin-ts
// compat`, which loads only the compatibility front end (bundled into dist/app by the build), not
// oclif, so that scripts calling it many times start fast. CommonJS, as bin/run.js.
const { join } = require('node:path');

require('../dist/app/main.cjs').main(['compat', ...process.argv.slice(2)], join(__dirname, '..'));
