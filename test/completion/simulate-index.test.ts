/**
 * Under --simulate, bash, zsh and fish read the emulated host's names index themselves, with
 * no program started, while it is current; once it is not (names-index.ts states the rule),
 * they ask scstadmin-ts-complete, which loads the host and so also lists what the index lacks.
 * The PATH's scstadmin-ts-complete records each run: the proof of which way a TAB went.
 */
import { copyFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSimulation } from '../../src/emulator/simulation.js';
import { installedShells, type ShellName, type Shells } from './drive.js';
import { CLIENT, FIXTURE_MANIFEST, LAB, savedHost, scratchHost, tracedComplete, type Scratch, type Traced } from './host.js';

let scratch: Scratch;
let shells: Shells;
let traced: Traced;
beforeAll(async () => {
  scratch = await scratchHost();
  shells = await installedShells(join(scratch.dir, 'image'), { PATH: scratch.path, HOME: scratch.dir, SCSTADMIN_TS_MANIFEST: FIXTURE_MANIFEST });
  traced = tracedComplete(scratch.dir);
}, 60_000);
afterAll(() => scratch.dispose());

/** A host saved with its index, in a file of its own for each test. */
async function host(name: string): Promise<string> {
  const file = join(scratch.dir, `${name}.json`);
  await savedHost(file);
  return file;
}

const sorted = (names: string[]) => [...names].sort();

describe.each<ShellName>(['bash', 'zsh', 'fish'])('%s', (shell) => {
  const complete = async (line: string, extraEnv: Record<string, string> = {}) => sorted(await shells[shell](line, { PATH: traced.path, ...extraEnv }));

  it('reads every kind of name from a current index: no program runs', { timeout: 90_000 }, async () => {
    const state = await host(`${shell}-current`);
    traced.calls();
    expect(await complete(`scstadmin-ts add-lun --simulate=${state} ${LAB} `)).toEqual(['disk1', 'disk2', 'nul3']);
    expect(await complete(`scstadmin-ts del-initiator --simulate ${state} ${LAB} hosts `)).toEqual([CLIENT]);
    expect(await complete(`scstadmin-ts del-lun --simulate ${LAB} --group hosts `, { SCST_SIMULATE_STATE: state })).toEqual(['7']);
    if (shell !== 'zsh') {
      // (zsh drives a terminal per line: a few lines suffice there)
      expect(await complete(`scstadmin-ts add-lun --simulate=${state} `)).toEqual([LAB, 'iqn.2024-01.com.example:other'].sort());
      expect(await complete(`scstadmin-ts del-user --simulate=${state} ${LAB} `)).toEqual(['joe']);
      expect(await complete(`scstadmin-ts add-member --simulate=${state} dg1 tg1 `)).toEqual([LAB]);
      expect(await complete(`scstadmin-ts add-member --simulate=${state} dg1 `)).toEqual(['tg1']);
      expect(await complete(`scstadmin-ts kick --simulate=${state} iqn.2024-01.com.example:other `)).toEqual(['iqn.1993-08.org.debian:01:sess']);
      expect(await complete(`scstadmin-ts set-device --simulate=${state} disk1 --handler vdisk_n`)).toEqual(['vdisk_nullio']);
      expect(await complete(`scstadmin-ts add-lun --simulate=${state} ${LAB} d`)).toEqual(['disk1', 'disk2']);
      expect(await complete(`scstadmin-ts add-lun --simulate=${state} iqn.none disk1 `)).toEqual([]);
    }
    if (shell === 'fish') expect(await complete(`scstadmin-ts add-lun --simulate=${state} ${LAB} ul`)).toEqual(['nul3']);
    if (shell !== 'zsh') {
      // A --flag= value: bash completes past the =, fish keeps it in front.
      expect(await complete(`scstadmin-ts add-lun --simulate=${state} --driver=i`)).toEqual([shell === 'bash' ? 'iscsi' : '--driver=iscsi']);
    }
    if (shell === 'bash') {
      // What is typed is matched as text, not as a pattern (fish matches the candidates itself).
      expect(await complete(`scstadmin-ts add-lun --simulate=${state} ${LAB} \\*`)).toEqual([]);
      expect(await complete(`scstadmin-ts add-lun --simulate=${state} ${LAB} [d]`)).toEqual([]);
    }
    expect(traced.calls()).toEqual([]);
  });

  it('sets a stale index aside: the host itself is loaded, with what the index lacks', { timeout: 90_000 }, async () => {
    const state = await host(`${shell}-stale`);
    const devices = `scstadmin-ts add-lun --simulate=${state} ${LAB} `;
    // A run under way (or killed) with a write not yet saved: the write log lies beside the state.
    const run = await openSimulation(state);
    await run.sysfs.write('handlers/vdisk_nullio/mgmt', 'add_device late\n');
    run.release();
    traced.calls();
    expect(await complete(devices)).toEqual(['disk1', 'disk2', 'late', 'nul3']);
    expect(traced.calls()).toEqual([`list ${state} dir devices`]);
    // With no scstadmin-ts-complete to ask, nothing is offered and nothing shown; nor for an
    // index whose state file is gone.
    expect(await complete(devices, { PATH: '/usr/bin:/bin' })).toEqual([]);
    copyFileSync(`${state}.names`, join(scratch.dir, `${shell}-gone.json.names`));
    expect(await complete(`scstadmin-ts add-lun --simulate=${join(scratch.dir, `${shell}-gone.json`)} ${LAB} `, { PATH: '/usr/bin:/bin' })).toEqual([]);
    await run.save();
    expect(await complete(devices)).toEqual(['disk1', 'disk2', 'late', 'nul3']);
    expect(traced.calls()).toEqual([]);
    if (shell === 'zsh') return;
    // Changed after the save.
    const { atime, mtime } = statSync(state);
    utimesSync(state, atime, new Date(mtime.getTime() + 5000));
    expect(await complete(devices)).toEqual(['disk1', 'disk2', 'late', 'nul3']);
    expect(traced.calls()).toEqual([`list ${state} dir devices`]);
    // Another save put back with its old time (a backup restored with cp -p).
    const backup = join(scratch.dir, `${shell}-backup.json`);
    await run.save();
    copyFileSync(state, backup);
    const saved = statSync(state);
    await run.sysfs.write('handlers/vdisk_nullio/mgmt', 'add_device later\n');
    await run.save();
    copyFileSync(backup, state);
    utimesSync(state, saved.atime, saved.mtime);
    expect(await complete(devices)).toEqual(['disk1', 'disk2', 'late', 'nul3']);
    expect(traced.calls()).toEqual([`list ${state} dir devices`]);
  });
});
