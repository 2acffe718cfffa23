/**
 * Build step, after `oclif manifest`:
 * - writes dist/app/command-index.json, the command ids and aliases the CLI resolves its words
 *   against before it imports a command (src/cli/direct-run.ts): a command's start-up reads a
 *   kilobyte, not the manifest;
 * - rewrites oclif.manifest.json without the commands' JSON shapes and without indentation.
 *   oclif copies every static property of a command class into the manifest, the shapes too,
 *   which made it 720 KB, read whole by every `--help`; the man pages, the command snapshot and
 *   the tests take the shapes from the command classes (src/meta/command-shapes.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_INDEX_FILE, type CommandIndex } from '../src/cli/direct-run.js';
import { PACKAGE_ROOT, readManifest } from '../src/meta/manifest.js';

const manifest = readManifest();
const index: CommandIndex = { ids: Object.keys(manifest.commands).sort(), aliases: {} };
for (const command of Object.values(manifest.commands)) {
  for (const alias of command.aliases ?? []) index.aliases[alias.replaceAll(' ', ':')] = command.id;
  delete (command as { jsonShape?: unknown }).jsonShape;
}
writeFileSync(join(PACKAGE_ROOT, 'dist', 'app', COMMAND_INDEX_FILE), `${JSON.stringify(index)}\n`);
const manifestText = `${JSON.stringify(manifest)}\n`;
writeFileSync(join(PACKAGE_ROOT, 'oclif.manifest.json'), manifestText);
console.log(
  `wrote ${index.ids.length} command ids and ${Object.keys(index.aliases).length} aliases to dist/app/${COMMAND_INDEX_FILE}; oclif.manifest.json is ${Math.round(manifestText.length / 1024)} KB`,
);
