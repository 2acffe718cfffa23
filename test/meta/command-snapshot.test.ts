/**
 * Every command's arguments and flags against the committed snapshot: a changed flag, type,
 * default or fixed value is an interface change for scripts, so it must be meant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJsonShapes } from '../../src/meta/command-shapes.js';
import { int, obj, str } from '../../src/meta/json-shape.js';
import { readManifest, type Manifest } from '../../src/meta/manifest.js';
import { commandSnapshot, errorSnapshot } from '../../src/meta/snapshot.js';

const SNAPSHOT = join(import.meta.dirname, '..', 'snapshots', 'commands.json');
const ERROR_SNAPSHOT = join(import.meta.dirname, '..', 'snapshots', 'json-error.json');
const HOW_TO_UPDATE = 'the commands changed: if that is meant, run `npm run snapshot:update` and commit test/snapshots/ and package.json';

describe('command snapshot', () => {
  it('matches the commands as built', async () => {
    const committed = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as unknown;
    const manifest = readManifest();
    expect(commandSnapshot(manifest, await loadJsonShapes(manifest)), HOW_TO_UPDATE).toEqual(committed);
  });

  it('matches the error object every command prints with --json', () => {
    expect(errorSnapshot(), HOW_TO_UPDATE).toEqual(JSON.parse(readFileSync(ERROR_SNAPSHOT, 'utf8')));
  });

  it('records what a script depends on: types, fixed values, defaults, required', () => {
    const manifest: Manifest = {
      version: '1',
      commands: {
        'x:y': {
          id: 'x:y',
          args: { target: { name: 'target', required: true } },
          flags: {
            mode: { name: 'mode', type: 'option', options: ['a', 'b'], default: 'a' },
            force: { name: 'force', type: 'boolean', char: 'f', allowNo: false },
          },
        },
      },
    };
    const before = commandSnapshot(manifest, {});
    expect(before['x:y']).toEqual({
      args: [{ name: 'target', required: true }],
      flags: { force: { type: 'boolean', char: 'f' }, mode: { type: 'option', options: ['a', 'b'], default: 'a' } },
    });
    manifest.commands['x:y']!.flags.mode!.default = 'b';
    expect(commandSnapshot(manifest, {})).not.toEqual(before);
  });

  it('records the declared --json shape, and a --json command without one as undeclared', () => {
    const manifest: Manifest = { version: '1', commands: { 'x:y': { id: 'x:y', args: {}, flags: {}, enableJsonFlag: true } } };
    expect(commandSnapshot(manifest, {})['x:y']!.json).toBe('undeclared');
    const declared = commandSnapshot(manifest, { 'x:y': obj({ name: str() }, { size: int('bytes') }) });
    expect(declared['x:y']!.json).toEqual(['name: string', 'size?: integer  (bytes)']);
  });
});
