/**
 * The host the completion tests complete against: an emulated SCST with devices, an iSCSI target
 * with LUNs, an initiator group, a CHAP user, a session and an ALUA device group, saved as a
 * --simulate state file; and a bin directory that puts both commands on the PATH as an
 * installed package would.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from '../../src/emulator/index.js';
import { openSimulation } from '../../src/emulator/simulation.js';
import { mgmtCommand } from '../../src/sysfs/mgmt-command.js';
import { writeMgmt } from '../../src/sysfs/mgmt-write.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURE_MANIFEST = join(ROOT, 'test', 'fixtures', 'completion', 'manifest.json');
export const LAB = 'iqn.2024-01.com.example:lab';
export const CLIENT = 'iqn.1993-08.org.debian:01:client';

export async function buildHost(): Promise<Emulator> {
  const e = new Emulator({ useRealFileSystem: false });
  const mgmt = (path: string, ...words: string[]) => writeMgmt(e, path, mgmtCommand(words[0]!, words.slice(1)));
  for (const d of ['disk1', 'disk2', 'nul3']) await mgmt('handlers/vdisk_nullio/mgmt', 'add_device', d);
  await mgmt('targets/iscsi/mgmt', 'add_target', LAB);
  await mgmt('targets/iscsi/mgmt', 'add_target', 'iqn.2024-01.com.example:other');
  await mgmt(`targets/iscsi/${LAB}/luns/mgmt`, 'add', 'disk1', '0');
  await mgmt(`targets/iscsi/${LAB}/luns/mgmt`, 'add', 'disk2', '1');
  await mgmt(`targets/iscsi/${LAB}/ini_groups/mgmt`, 'create', 'hosts');
  await mgmt(`targets/iscsi/${LAB}/ini_groups/hosts/luns/mgmt`, 'add', 'nul3', '7');
  await mgmt(`targets/iscsi/${LAB}/ini_groups/hosts/initiators/mgmt`, 'add', CLIENT);
  await mgmt('targets/iscsi/mgmt', 'add_target_attribute', LAB, 'IncomingUser', 'joe', 'secret12345678');
  await mgmt('device_groups/mgmt', 'create', 'dg1');
  await mgmt('device_groups/dg1/devices/mgmt', 'add', 'disk1');
  await mgmt('device_groups/dg1/target_groups/mgmt', 'create', 'tg1');
  await mgmt('device_groups/dg1/target_groups/tg1/mgmt', 'add', LAB);
  await e.write('targets/iscsi/enabled', '1');
  await e.write('targets/iscsi/iqn.2024-01.com.example:other/enabled', '1');
  e.login('iqn.2024-01.com.example:other', 'iqn.1993-08.org.debian:01:sess');
  return e;
}

/** An initiator pattern: SCST takes wildcards in a group's initiator names. */
export const PATTERN = 'iqn.1993-08.org.debian:*';
/** A device name with characters a shell treats specially. */
export const ODD_DEVICE = 'disk[9]$x';

/**
 * A sysfs-like directory tree as the real adapter sees one (directories, links, attribute
 * files, mgmt), for completion on a real host through --sysfs-root or SCST_SYSFS_ROOT.
 */
export function sysfsTree(root: string): void {
  const dir = (path: string) => mkdirSync(join(root, path), { recursive: true });
  const file = (path: string, text = '') => writeFileSync(join(root, path), text);
  // devices/, handlers/ and targets/ hold their objects' directories and nothing else (the
  // recordings of a real kernel list no mgmt or attribute there): completion lists them whole.
  for (const d of ['disk1', 'disk2', ODD_DEVICE, '.hidden']) dir(`devices/${d}`);
  dir('handlers/vdisk_fileio');
  const target = `targets/iscsi/${LAB}`;
  dir(`${target}/luns/0`);
  dir(`${target}/luns/3`);
  file(`${target}/luns/mgmt`);
  dir(`${target}/ini_groups/hosts/luns/5`);
  dir(`${target}/ini_groups/hosts/initiators`);
  file(`${target}/ini_groups/hosts/initiators/${CLIENT}`, `${CLIENT}\n`);
  file(`${target}/ini_groups/hosts/initiators/${PATTERN}`, `${PATTERN}\n`);
  file(`${target}/ini_groups/hosts/initiators/mgmt`);
  file(`${target}/IncomingUser`, 'joe secret12345678\n[key]\n');
  file(`${target}/IncomingUser1`, 'ann othersecret123\n[key]\n');
  file(`${target}/enabled`, '1\n');
  file('targets/iscsi/mgmt');
  dir('device_groups/dg1/target_groups/tg1');
  dir('device_groups/dg1/devices');
  symlinkSync(`../../../devices/disk1`, join(root, 'device_groups/dg1/devices/disk1'));
}

export interface Scratch {
  dir: string;
  state: string;
  /** PATH with scstadmin-ts and scstadmin-ts-complete first. */
  path: string;
  dispose(): void;
}

export async function scratchHost(): Promise<Scratch> {
  const dir = mkdtempSync(join(tmpdir(), 'completion-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(join(ROOT, 'bin', 'run.js'), join(bin, 'scstadmin-ts'));
  symlinkSync(join(ROOT, 'bin', 'complete.js'), join(bin, 'scstadmin-ts-complete'));
  const state = join(dir, 'host.json');
  writeFileSync(state, JSON.stringify((await buildHost()).toState()));
  return { dir, state, path: `${bin}:${process.env.PATH}`, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The test host saved to FILE as a --simulate command saves it: the state and its names index. */
export async function savedHost(file: string): Promise<void> {
  writeFileSync(file, JSON.stringify((await buildHost()).toState()));
  await (await openSimulation(file)).save();
}

export interface Traced {
  /** PATH on which scstadmin-ts-complete records each run, then answers as the real one. */
  path: string;
  /** The arguments of each run since the last call, one string a run. */
  calls(): string[];
}

/** A PATH whose scstadmin-ts-complete is recorded: the proof of whether a TAB started it (and node). */
export function tracedComplete(dir: string): Traced {
  const bin = join(dir, 'traced');
  const log = join(dir, 'traced.calls');
  mkdirSync(bin);
  writeFileSync(join(bin, 'scstadmin-ts-complete'), `#!/bin/sh\necho "$*" >>'${log}'\nexec node '${join(ROOT, 'bin', 'complete.js')}' "$@"\n`);
  chmodSync(join(bin, 'scstadmin-ts-complete'), 0o755);
  return {
    path: `${bin}:/usr/bin:/bin`,
    calls: () => {
      const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
      rmSync(log, { force: true });
      return text.split('\n').filter(Boolean);
    },
  };
}
