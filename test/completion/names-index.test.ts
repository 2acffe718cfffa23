/**
 * The names index an emulated host keeps beside its state: it lists what the host itself
 * lists for every kind of name, and is set aside (the host is loaded instead) once the state
 * changed without it or writes of a killed run wait in the log.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedNames } from '../../src/emulator/names-index.js';
import { openSimulation, type Simulation } from '../../src/emulator/simulation.js';
import { writeLogPath } from '../../src/emulator/write-log.js';
import { liveNames } from '../../src/completion/live-names.js';
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
      const expected = await liveNames(simulation.sysfs, kind, ctx);
      expect(await liveNames(index!, kind, ctx), `${kind} ${JSON.stringify(ctx)}`).toEqual(expected);
    }
    expect(await liveNames(index!, 'user', { target: LAB })).toEqual(['joe']);
  });

  it('holds no CHAP secret', () => {
    expect(readFileSync(`${file}.names`, 'utf8')).not.toContain('secret12345678');
  });

  it('names a directory the host does not have as missing (completion then prints nothing)', async () => {
    await expect(liveNames(indexedNames(file)!, 'lun', { target: 'iqn.none' })).rejects.toMatchObject({ errno: 'ENOENT' });
  });

  it('is set aside when the state changed without it, or a killed run left writes in the log', async () => {
    const copy = join(dir, 'copy.json');
    const sim = await openSimulation(copy);
    await sim.sysfs.write('handlers/vdisk_nullio/mgmt', 'add_device d1\n');
    await sim.save();
    expect(indexedNames(copy)).toBeDefined();
    utimesSync(copy, new Date(), new Date(Date.now() + 5000));
    expect(indexedNames(copy)).toBeUndefined();
    await sim.save();
    expect(indexedNames(copy)).toBeDefined();
    // A run killed after one write: the log continues this save and holds the device it added.
    await sim.sysfs.write('handlers/vdisk_nullio/mgmt', 'add_device d2\n');
    sim.release();
    appendFileSync(writeLogPath(copy), '');
    expect(indexedNames(copy)).toBeUndefined();
    expect(await liveNames(await openSimulatedNames(copy), 'device', {})).toEqual(['d1', 'd2']);
  });
});
