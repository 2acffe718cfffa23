/**
 * A simulated host without the scst module has no SCST tree at all, so the CLI reports SCST as
 * not loaded, exactly as on a real host without /sys/kernel/scst_tgt (through the built binary).
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { UserError } from '../../src/errors.js';
import { readLive } from '../../src/live/read-live.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'not-loaded-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cli = (args: string[]) => execa('node', [BIN, ...args], { reject: false, env: { NO_COLOR: '1' } });

describe('a simulated host without the scst module', () => {
  it('show prints the live reader\'s "SCST is not loaded" line and exits 1; loading scst brings the tree', async () => {
    const state = `--simulate=${join(scratch, 'host.json')}`;
    expect((await cli(['simulate', 'create', '--modules=', '--no-daemon', '--force', state])).exitCode).toBe(0);

    const show = await cli(['show', state]);
    expect(show.exitCode).toBe(1);
    expect(show.stdout).toBe('');
    expect(show.stderr.split('\n')).toEqual([
      `scstadmin-ts: SCST is not loaded on the emulated host ${join(scratch, 'host.json')}`,
      'hint: load it with "scstadmin-ts modules load" (or "modprobe scst")',
    ]);

    const json = await cli(['show', '--json', state]);
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'SCST_NOT_LOADED', exitCode: 1 } });

    expect((await cli(['simulate', 'module', 'load', 'scst', state])).exitCode).toBe(0);
    const loaded = await cli(['show', '--json', state]);
    expect(loaded.exitCode).toBe(0);
    expect(JSON.parse(loaded.stdout)).toMatchObject({ live: { version: '3.11.0-pre' } });
  });
});

describe('the not-loaded line names the host the way it is reached', () => {
  const notLoaded = async (description?: string) => {
    const error = await readLive(new Emulator({ modules: [], description })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  };

  it('an emulated host is named by its state file, or plainly when it has none', async () => {
    expect(await notLoaded('emulator (/tmp/lab.json)')).toBe('SCST is not loaded on the emulated host /tmp/lab.json');
    expect(await notLoaded()).toBe('SCST is not loaded on the emulated host');
  });
});
