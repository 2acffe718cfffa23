#!/usr/bin/env node
// Entry point of the scstadmin-ts CLI (src/cli/main.ts, bundled into dist/app by the build).
import { main } from '../dist/app/main.js';

await main(process.argv.slice(2), import.meta.url);
