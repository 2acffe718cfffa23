/**
 * Rewrites the committed command snapshot from the built manifest, after a meant change of a
 * command's arguments or flags (or a new command). Run through `npm run snapshot:update`, then
 * commit test/snapshots/commands.json with the change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT, readManifest } from '../src/meta/manifest.js';
import { commandSnapshot } from '../src/meta/snapshot.js';

export const SNAPSHOT_FILE = join(PACKAGE_ROOT, 'test', 'snapshots', 'commands.json');

mkdirSync(dirname(SNAPSHOT_FILE), { recursive: true });
writeFileSync(SNAPSHOT_FILE, `${JSON.stringify(commandSnapshot(readManifest()), null, 2)}\n`);
console.log(`wrote ${SNAPSHOT_FILE}`);
