/**
 * Build step, after `oclif manifest`: writes dist/app/command-index.json, the command ids and
 * aliases the CLI resolves its words against before it imports a command (src/cli/direct-run.ts).
 * Kept apart from the manifest so that a command's start-up reads a few hundred bytes, not 600 KB.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_INDEX_FILE, type CommandIndex } from '../src/cli/direct-run.js';
import { PACKAGE_ROOT, readManifest } from '../src/meta/manifest.js';

const manifest = readManifest();
const index: CommandIndex = { ids: Object.keys(manifest.commands).sort(), aliases: {} };
for (const command of Object.values(manifest.commands)) {
  for (const alias of command.aliases ?? []) index.aliases[alias.replaceAll(' ', ':')] = command.id;
}
writeFileSync(join(PACKAGE_ROOT, 'dist', 'app', COMMAND_INDEX_FILE), `${JSON.stringify(index)}\n`);
console.log(`wrote ${index.ids.length} command ids and ${Object.keys(index.aliases).length} aliases to dist/app/${COMMAND_INDEX_FILE}`);
