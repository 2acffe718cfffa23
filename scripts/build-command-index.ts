/**
 * Build step, after `oclif manifest`:
 * - completes dist/app/command-index.json, which scripts/build-bundle.ts wrote with the bundle of
 *   every command, with the aliases: the CLI resolves its words against it before it loads a
 *   command (src/cli/direct-run.ts), so a command's start-up reads a kilobyte, not the manifest;
 * - rewrites oclif.manifest.json without the commands' JSON shapes and without indentation.
 *   oclif copies every static property of a command class into the manifest, the shapes too,
 *   which made it 720 KB, read whole by every `--help`; the man pages, the command snapshot and
 *   the tests take the shapes from the command classes (src/meta/command-shapes.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_INDEX_FILE, readCommandIndex } from '../src/cli/direct-run.js';
import { PACKAGE_ROOT, readManifest } from '../src/meta/manifest.js';

const manifest = readManifest();
const appDir = join(PACKAGE_ROOT, 'dist', 'app');
const index = readCommandIndex(appDir);
if (!index) throw new Error(`dist/app/${COMMAND_INDEX_FILE} is missing: run scripts/build-bundle first`);
const bundled = Object.keys(index.commands).sort().join(' ');
if (bundled !== Object.keys(manifest.commands).sort().join(' ')) throw new Error('the bundled commands and the manifest list different commands');
for (const command of Object.values(manifest.commands)) {
  for (const alias of command.aliases ?? []) index.aliases[alias.replaceAll(' ', ':')] = command.id;
  delete (command as { jsonShape?: unknown }).jsonShape;
}
writeFileSync(join(appDir, COMMAND_INDEX_FILE), `${JSON.stringify(index)}\n`);
const manifestText = `${JSON.stringify(manifest)}\n`;
writeFileSync(join(PACKAGE_ROOT, 'oclif.manifest.json'), manifestText);
console.log(
  `wrote ${Object.keys(index.commands).length} command ids and ${Object.keys(index.aliases).length} aliases to dist/app/${COMMAND_INDEX_FILE}; oclif.manifest.json is ${Math.round(manifestText.length / 1024)} KB`,
);
