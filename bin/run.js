#!/usr/bin/env node
// Entry point of the scstadmin-ts CLI: oclif loads only the command that is asked for,
// using oclif.manifest.json, so start-up does not import every command.
import { execute } from '@oclif/core';
import { handleTopLevelError } from '../dist/src/cli/top-level.js';

await execute({ dir: import.meta.url }).catch(handleTopLevelError);
