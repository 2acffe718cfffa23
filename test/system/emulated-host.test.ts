/**
 * The emulated host's kernel access (src/system/emulated-host.ts) keeps the host it loaded
 * while the state file is the one it read or saved, and loads the file again as soon as
 * anything else changed it: another process's save, or writes logged and not yet folded in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeSimulation, createSimulation, openSimulation } from '../../src/emulator/simulation.js';
import { EmulatedModules, SimulationKernel } from '../../src/system/emulated-host.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emulated-host-'));
  file = join(dir, 'host.json');
  await createSimulation(file, {}, false);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const loadedNames = async (modules: EmulatedModules) => (await modules.loaded()).map((m) => m.name);

describe('the emulated kernel across host steps', () => {
  it('keeps the host it loaded while the file is unchanged', async () => {
    const kernel = new SimulationKernel(file);
    const first = await kernel.inspectEmulator(async (emulator) => emulator);
    expect(await kernel.inspectEmulator(async (emulator) => emulator)).toBe(first);
  });

  it('keeps the host it saved itself, with the change in the file too', async () => {
    const kernel = new SimulationKernel(file);
    const modules = new EmulatedModules(kernel);
    await modules.unload('iscsi_scst');
    const held = await kernel.inspectEmulator(async (emulator) => emulator);
    expect(held.loadedModules()).not.toContain('iscsi_scst');
    expect(await kernel.inspectEmulator(async (emulator) => emulator)).toBe(held);
    expect((await openSimulation(file)).emulator.loadedModules()).not.toContain('iscsi_scst');
  });

  it('loads the file again after another process saved it', async () => {
    const kernel = new SimulationKernel(file);
    const modules = new EmulatedModules(kernel);
    expect(await loadedNames(modules)).not.toContain('scst_user');
    await changeSimulation(file, (emulator) => emulator.loadModule('scst_user'));
    expect(await loadedNames(modules)).toContain('scst_user');
    // and a step of its own after that keeps the other's change
    await modules.unload('iscsi_scst');
    const saved = (await openSimulation(file)).emulator.loadedModules();
    expect(saved).toContain('scst_user');
    expect(saved).not.toContain('iscsi_scst');
  });

  it('loads the file again while writes are logged beside it and not folded in', async () => {
    const kernel = new SimulationKernel(file);
    const before = await kernel.inspectEmulator(async (emulator) => emulator);
    const other = await openSimulation(file);
    await other.sysfs.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.com.example:logged');
    // `other` was not saved (a run killed before its end): the log holds its write.
    const after = await kernel.inspectEmulator(async (emulator) => emulator);
    expect(after).not.toBe(before);
    expect(await after.exists('targets/iscsi/iqn.2024-01.com.example:logged')).toBe(true);
    other.release();
  });
});
