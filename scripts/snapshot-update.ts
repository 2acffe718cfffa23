/**
 * After a meant change of the commands (a new command, a changed flag, argument or JSON shape):
 * rewrites the committed command snapshots (test/snapshots/commands.json, json-error.json) and
 * package.json's list of man pages (npm links exactly those on `npm install -g`) from the build. Run through
 * `npm run snapshot:update`, then commit both with the change.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtManPages } from '../src/man/install.js';
import { loadJsonShapes } from '../src/meta/command-shapes.js';
import { PACKAGE_ROOT, readManifest } from '../src/meta/manifest.js';
import { commandSnapshot, errorSnapshot } from '../src/meta/snapshot.js';

const manifest = readManifest();
const snapshotFile = join(PACKAGE_ROOT, 'test', 'snapshots', 'commands.json');
mkdirSync(dirname(snapshotFile), { recursive: true });
writeFileSync(snapshotFile, `${JSON.stringify(commandSnapshot(manifest, await loadJsonShapes(manifest)), null, 2)}\n`);
console.log('wrote test/snapshots/commands.json');
writeFileSync(join(dirname(snapshotFile), 'json-error.json'), `${JSON.stringify(errorSnapshot(), null, 2)}\n`);
console.log('wrote test/snapshots/json-error.json');

const packageFile = join(PACKAGE_ROOT, 'package.json');
const pkg = JSON.parse(readFileSync(packageFile, 'utf8')) as Record<string, unknown>;
pkg.man = builtManPages().map((page) => `./man/${page}`);
writeFileSync(packageFile, `${JSON.stringify(pkg, null, 2)}\n`);
console.log('wrote the man list of package.json');
