/**
 * The names index an emulated host keeps beside its state: it lists what the host itself
 * lists for every kind of name, and is set aside (the host is loaded instead) once the state
 * changed without it or writes of a killed run wait in the log. The shells apply the same
 * rule (shells.test.ts).
 */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedNames } from '../../src/emulator/names-index.js';
import { openSimulation, type Simulation } from '../../src/emulator/simulation.js';
import { writeLogPath } from '../../src/emulator/write-log.js';
import { liveNames, sysfsNames } from '../../src/completion/live-names.js';
import { openSimulatedNames } from '../../src/completion/main.js';
import type { NameContext } from '../../src/completion/name-sources.js';
import { buildHost, LAB } from './host.js';

let dir: string;
let file: string;
let simulation: Simulation;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'names-index-'));
  file = join(dir, 'host.json');
  writeFileSync(file, JSON.stringify((await buildHost()).toState()));
  simulation = await openSimulation(file);
  await simulation.save();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const asked: Array<[string, NameContext]> = [
  ['device', {}], ['handler', {}], ['driver', {}], ['target', {}], ['target', { driver: 'scst_local' }],
  ['session', { target: 'iqn.2024-01.com.example:other' }], ['group', { target: LAB }], ['lun', { target: LAB }],
  ['lun', { target: LAB, group: 'hosts' }], ['initiator', { target: LAB, group: 'hosts' }], ['user', { target: LAB }],
  ['user', {}], ['device-group', {}], ['target-group', { 'device-group': 'dg1' }],
  ['member', { 'device-group': 'dg1' }], ['member', { 'device-group': 'dg1', 'target-group': 'tg1' }],
];

describe('names index', () => {
  it('lists for every kind what the emulated host lists', async () => {
    const index = indexedNames(file);
    expect(index).toBeDefined();
    for (const [kind, ctx] of asked) {
      const expected = await liveNames(sysfsNames(simulation.sysfs), kind, ctx);
      expect(await liveNames(index!, kind, ctx), `${kind} ${JSON.stringify(ctx)}`).toEqual(expected);
    }
    expect(await liveNames(index!, 'user', { target: LAB })).toEqual(['joe']);
  });

  it('holds no CHAP secret', () => {
    expect(readFileSync(`${file}.names`, 'utf8')).not.toContain('secret12345678');
  });

  it('is text a shell reads: a header naming the save the state file starts with, then DIR<TAB>TYPE<TAB>NAME', () => {
    const [header, ...lines] = readFileSync(`${file}.names`, 'utf8').trimEnd().split('\n');
    const saveId = /^\{"saveId":"([^"]+)"/.exec(readFileSync(file, 'utf8'))?.[1];
    expect(header).toBe(`scstadmin-ts-names 2 ${saveId}`);
    expect(lines).toEqual(expect.arrayContaining(['devices\td\tdisk1', `targets/iscsi/${LAB}\tu\tjoe`, 'device_groups/dg1/devices\tl\tdisk1']));
    expect(lines).toContain(`targets/iscsi/${LAB}/ini_groups/hosts/initiators\tf\tiqn.1993-08.org.debian:01:client`);
    expect(lines.filter((l) => l.endsWith('\tmgmt'))).toEqual([]);
  });

  it('offers nothing for a directory the host does not have', async () => {
    expect(await liveNames(indexedNames(file)!, 'lun', { target: 'iqn.none' })).toEqual([]);
  });

  it('is set aside when the state changed without it, or a killed run left writes in the log', async () => {
    const copy = join(dir, 'copy.json');
    const sim = await openSimulation(copy);
    await sim.sysfs.write('handlers/vdisk_nullio/mgmt', 'add_device d1\n');
    await sim.save();
    expect(indexedNames(copy)).toBeDefined();
    // Edited after the save.
    utimesSync(copy, new Date(), new Date(Date.now() + 5000));
    expect(indexedNames(copy)).toBeUndefined();
    await sim.save();
    expect(indexedNames(copy)).toBeDefined();
    // Another save's state put back with its old time (cp -p of a backup).
    const backup = join(dir, 'backup.json');
    copyFileSync(copy, backup);
    const { atime, mtime } = statSync(copy);
    await sim.save();
    copyFileSync(backup, copy);
    utimesSync(copy, atime, mtime);
    expect(indexedNames(copy)).toBeUndefined();
    await sim.save();
    // A run killed after one write: the log continues this save and holds the device it added.
    await sim.sysfs.write('handlers/vdisk_nullio/mgmt', 'add_device d2\n');
    sim.release();
    appendFileSync(writeLogPath(copy), '');
    expect(indexedNames(copy)).toBeUndefined();
    expect(await liveNames(await openSimulatedNames(copy), 'device', {})).toEqual(['d1', 'd2']);
  });
});
