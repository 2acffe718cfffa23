/**
 * The --simulate state file (load, atomic 0600 save, bad files) and the `simulate` topic
 * through the built binary.
 */
import { execa } from 'execa';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  changeSimulation, createSimulation, openSimulation, parseByteSize, parseErrnoName, parseScsiDevice, resetSimulation,
} from '../../src/emulator/simulation.js';
import { renderSimulationStatus, simulationStatus } from '../../src/emulator/simulation-status.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'simulate-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('simulation state file', () => {
  it('starts a default host when the file is missing, and saves it atomically with mode 0600', async () => {
    const file = join(scratch, 'nested', 'dir', 'a.json');
    const simulation = await openSimulation(file);
    expect(simulation.sysfs.description).toBe(`emulator (${file})`);
    expect(simulation.emulator.description).toBe(`emulator (${file})`);
    await simulation.sysfs.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.lab:a\n');
    await simulation.save();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // No temporary file is left; beside the state only its names index (for shell completion).
    expect(readdirSync(join(scratch, 'nested', 'dir')).sort()).toEqual(['a.json', 'a.json.names']);
    expect(statSync(`${file}.names`).mode & 0o777).toBe(0o600);
    const again = await openSimulation(file);
    expect(await again.sysfs.read('targets/iscsi/iqn.2024-01.lab:a/tid')).toBe('1\n');
  });

  it('refuses a file that is not a state file (exit 2, naming the file)', async () => {
    const file = join(scratch, 'broken.json');
    writeFileSync(file, '{"format":');
    await expect(openSimulation(file)).rejects.toMatchObject({ exitCode: 2, object: file });
    writeFileSync(file, '{"format":"other"}');
    await expect(openSimulation(file)).rejects.toThrow(/not a simulation state file/);
  });

  it('create refuses to replace a host unless forced; reset keeps modules, daemon and files', async () => {
    const file = join(scratch, 'b.json');
    await createSimulation(file, { modules: ['scst', 'scst_vdisk', 'iscsi_scst'], iscsiDaemon: 'stopped' }, false);
    await expect(createSimulation(file, {}, false)).rejects.toBeInstanceOf(UserError);
    await changeSimulation(file, (e) => {
      e.addHostFile('/srv/a.img', { kind: 'file', size: 1 << 20 });
      e.armFault({ nth: 2, errno: 'EIO' });
    });
    await changeSimulation(file, (e) => e.setIscsiDaemon('running'));
    await changeSimulation(file, async (e) => e.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.lab:b\n'));
    const reset = await resetSimulation(file);
    const state = reset.emulator.toState();
    expect(state.modules).toEqual(['scst', 'scst_vdisk', 'iscsi_scst']);
    expect(state.host.hostFiles['/srv/a.img']).toEqual({ kind: 'file', size: 1 << 20 });
    expect(Object.keys(state.drivers.iscsi!.targets)).toEqual([]);
    expect(simulationStatus(file, state).counts.targets).toEqual({ copy_manager: 1, iscsi: 0 });
  });

  it('keeps armed faults between commands', async () => {
    const file = join(scratch, 'c.json');
    await createSimulation(file, {}, true);
    await changeSimulation(file, (e) => e.armFault({ nth: 2, errno: 'EBUSY', pathIncludes: 'mgmt' }));
    const { emulator } = await openSimulation(file);
    expect(emulator.armedFaults()).toEqual([{ nth: 2, errno: 'EBUSY', pathIncludes: 'mgmt' }]);
    await emulator.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.lab:c\n');
    await expect(emulator.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.lab:d\n')).rejects.toMatchObject({ errno: 'EBUSY' });
    expect(emulator.armedFaults()).toEqual([]);
  });

  it('reports modules, daemon, sessions and faults', async () => {
    const file = join(scratch, 'd.json');
    const { emulator } = await createSimulation(file, { modules: ['scst', 'scst_local'] }, true);
    emulator.armFault({ nth: 3, errno: 'EIO', pathIncludes: 'luns/mgmt' });
    const status = simulationStatus(file, emulator.toState(), emulator.armedFaults());
    expect(status.counts).toMatchObject({ devices: 0, sessions: 2, targets: { copy_manager: 1, scst_local: 1 } });
    const text = renderSimulationStatus(status).join('\n');
    expect(text).toContain('iscsi-scstd:  no iscsi_scst module');
    expect(text).toContain('faults:       EIO on write #3 to paths with "luns/mgmt"');
  });

  it('parses errno names and sizes, refusing the rest', () => {
    expect(parseErrnoName('eio')).toBe('EIO');
    expect(() => parseErrnoName('EWHAT')).toThrow(/unknown errno/);
    expect(parseByteSize('512')).toBe(512);
    expect(parseByteSize('64M')).toBe(64 * 1024 * 1024);
    expect(parseByteSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(() => parseByteSize('12Q')).toThrow(/not a size/);
    expect(() => parseByteSize('-1')).toThrow(/not a size/);
    expect(parseScsiDevice('2:0:0:0')).toEqual({ hctl: '2:0:0:0', type: 0 });
    expect(parseScsiDevice('3:0:1:0=tape')).toEqual({ hctl: '3:0:1:0', type: 1 });
    expect(parseScsiDevice('4:0:0:2=5')).toEqual({ hctl: '4:0:0:2', type: 5 });
    expect(() => parseScsiDevice('2:0:0')).toThrow(/not a SCSI device/);
    expect(() => parseScsiDevice('2:0:0:0=floppy')).toThrow(/not a SCSI device/);
  });
});

describe('simulate commands (built binary)', () => {
  const cli = (args: string[]) =>
    execa('node', [BIN, ...args], { reject: false, env: { NO_COLOR: '1', SCST_SIMULATE_STATE: join(scratch, 'cli.json') } });

  it('create, file, daemon and status report the host; errors are one line with exit 2', async () => {
    expect((await cli(['simulate', 'create', '--modules', 'scst,scst_vdisk,iscsi_scst'])).exitCode).toBe(0);
    const again = await cli(['simulate', 'create']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/^scstadmin-ts: .*cli\.json: a simulated host already exists$/m);
    expect((await cli(['simulate', 'file', '/srv/d1.img', '--size', '64M'])).exitCode).toBe(0);
    expect((await cli(['simulate', 'daemon', 'stopped'])).exitCode).toBe(0);
    const status = await cli(['simulate', 'status', '--json']);
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      modules: ['scst', 'scst_vdisk', 'iscsi_scst'],
      iscsiDaemon: 'stopped',
      hostFiles: { '/srv/d1.img': { kind: 'file', size: 67108864 } },
    });
    const bad = await cli(['simulate', 'login', 'iqn.2024-01.lab:none', 'iqn.ini:1']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('no target iqn.2024-01.lab:none in driver iscsi');
    expect(JSON.parse(readFileSync(join(scratch, 'cli.json'), 'utf8')).host.iscsiDaemon).toBe('stopped');
  });
});
