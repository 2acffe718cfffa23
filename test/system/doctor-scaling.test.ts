/**
 * doctor looks at the emulated host a fixed number of times whatever its size: the backing
 * stores of all devices are looked up in one go, not by reloading the host per device (which
 * made doctor quadratic: 75 targets 1.1 s, 300 targets 11 s). Timing is scripts/bench-doctor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulation } from '../../src/emulator/simulation.js';
import { mgmtCommand } from '../../src/sysfs/mgmt-command.js';
import { writeMgmt } from '../../src/sysfs/mgmt-write.js';
import { SimulationKernel } from '../../src/system/emulated-host.js';
import { openHost } from '../../src/system/host.js';
import { gatherFacts } from '../../src/system/doctor/facts.js';
import { productSources } from '../../src/system/doctor/sources.js';

const scratch = mkdtempSync(join(tmpdir(), 'doctor-scaling-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function hostOf(devices: number): Promise<string> {
  const state = join(scratch, `host-${devices}.json`);
  const sim = await createSimulation(state, { useRealFileSystem: false }, true);
  for (let d = 0; d < devices; d++) {
    sim.emulator.addHostFile(`/srv/d${d}.img`, { kind: 'file', size: 1 << 20 });
    await writeMgmt(sim.sysfs, 'handlers/vdisk_fileio/mgmt', mgmtCommand('add_device', [`d${d}`], [{ name: 'filename', value: `/srv/d${d}.img` }]));
  }
  await sim.save();
  return state;
}

async function hostLooks(devices: number): Promise<{ looks: number; stores: number }> {
  const host = await openHost({ simulate: await hostOf(devices), env: { ...process.env, SCST_DEFAULTS_FILE: join(scratch, 'default') } });
  const spy = vi.spyOn(SimulationKernel.prototype, 'inspectEmulator');
  const facts = await gatherFacts(host, join(scratch, 'missing.conf'), productSources);
  const looks = spy.mock.calls.length;
  spy.mockRestore();
  return { looks, stores: [...facts.stores.values()].filter((s) => s?.kind === 'file').length };
}

describe('doctor on a growing emulated host', () => {
  it('loads the host as often for 40 devices as for 5', async () => {
    const small = await hostLooks(5);
    const large = await hostLooks(40);
    expect(small.stores).toBe(5);
    expect(large.stores).toBe(40);
    expect(large.looks).toBe(small.looks);
  });
});
