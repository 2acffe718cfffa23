/**
 * Under --simulate, bash, zsh and fish read the emulated host's names index themselves, with
 * no program started, while it is current; once it is not (names-index.ts states the rule),
 * they ask scstadmin-ts-complete, which loads the host and so also lists what the index lacks.
 * The PATH's scstadmin-ts-complete records each run: the proof of which way a TAB went.
 */
import { execa } from 'execa';
import { copyFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionScript } from '../../src/completion/scripts.js';
import { Emulator } from '../../src/emulator/index.js';
import { openSimulation } from '../../src/emulator/simulation.js';
import { readManifest } from '../../src/meta/manifest.js';
import { mgmtCommand } from '../../src/sysfs/mgmt-command.js';
import { writeMgmt } from '../../src/sysfs/mgmt-write.js';
import { installedShells, type ShellName, type Shells } from './drive.js';
import { CLIENT, FIXTURE_MANIFEST, LAB, ROOT, savedHost, scratchHost, tracedComplete, type Scratch, type Traced } from './host.js';

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
    expect(traced.calls()).toEqual([`list ${state} entries devices`]);
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
    expect(traced.calls()).toEqual([`list ${state} entries devices`]);
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
    expect(traced.calls()).toEqual([`list ${state} entries devices`]);
  });
});

describe('bash and zsh find a directory\'s lines in the sorted index by bisection', () => {
  const DEVICES = ['Disk', 'd', 'disk', 'disk-1', 'disk_1', 'disk1', 'disk:a', 'dísk', 'disk~', 'disk+1', 'disk@x'];
  const engine = {
    bash: 'source "$1"; _scstadmin_ts_run scstadmin-ts add-lun "--simulate=$2" "$3" "$4"; printf "%s\\n" "${_cv[@]}"',
    zsh: 'compdef() { :; }; source "$1"; local -a _cv _cd; local _ck _ci; _scstadmin_ts_zrun scstadmin-ts add-lun "--simulate=$2" "$3" "$4"; print -rl -- $_cv',
  };

  it.each(['bash', 'zsh'] as const)('%s: every prefix gives exactly the names that start with it', { timeout: 60_000 }, async (shell) => {
    const state = join(scratch.dir, `${shell}-sorted.json`);
    const emulator = new Emulator({ useRealFileSystem: false });
    for (const name of DEVICES) await writeMgmt(emulator, 'handlers/vdisk_nullio/mgmt', mgmtCommand('add_device', [name]));
    writeFileSync(state, JSON.stringify(emulator.toState()));
    await (await openSimulation(state)).save();
    const script = join(scratch.dir, `${shell}-engine`);
    writeFileSync(script, completionScript(shell, readManifest(join(ROOT, 'test', 'fixtures', 'completion', 'manifest.json'))));
    for (const prefix of ['', 'd', 'D', 'di', 'disk', 'disk1', 'disk~', 'dí', 'e', 'disk~~']) {
      const { stdout } = await execa(shell, [shell === 'bash' ? '--norc' : '-f', '-c', engine[shell], shell, script, state, LAB, prefix], { env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } });
      const offered = stdout.split('\n').filter(Boolean).sort();
      expect({ prefix, offered }).toEqual({ prefix, offered: DEVICES.filter((d) => d.startsWith(prefix)).sort() });
    }
  });
});
