/**
 * doctor and the service verbs on an emulated host (--simulate, no host tools): each listed
 * problem is injected into the emulated host or the file, and doctor must find it (exit 1),
 * naming the object and the fix; a healthy host exits 0.
 */
import { execa } from 'execa';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulation, openSimulation } from '../../src/emulator/simulation.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const T1 = 'iqn.2031-04.test.lab:tgt1';
const T2 = 'iqn.2031-04.test.lab:tgt2';

const CONF = `HANDLER vdisk_fileio {
\tDEVICE disk1 {
\t\tfilename /srv/disk1.img
\t}
\tDEVICE disk2 {
\t\tfilename /srv/disk2.img
\t}
}

TARGET_DRIVER iscsi {
\tenabled 1

\tTARGET ${T1} {
\t\tIncomingUser "alice secret-000001"
\t\tenabled 1
\t\tLUN 0 disk1
\t\tLUN 1 disk2
\t}
}
`;

let dir: string;
let env: Record<string, string>;
const MiB = 1024 * 1024;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scst-doctor-'));
  await writeFile(join(dir, 'scst.conf'), CONF, { mode: 0o600 });
  await createSimulation(join(dir, 'state.json'), {
    modules: [], iscsiDaemon: 'absent', useRealFileSystem: false,
    hostFiles: { '/srv/disk1.img': { kind: 'file', size: 8 * MiB }, '/srv/disk2.img': { kind: 'file', size: 8 * MiB } },
  }, true);
  env = { NO_COLOR: '1', SCST_SIMULATE_STATE: join(dir, 'state.json'), SCST_CONF: join(dir, 'scst.conf'), SCST_DEFAULTS_FILE: join(dir, 'default') };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function cli(args: string[]) {
  return execa('node', [BIN, ...args, '--simulate'], { reject: false, env });
}

interface Report { healthy: boolean; checks: Array<{ id: string; status: string; findings: Array<{ object: string; message: string; fix: string }> }> }

async function doctor(): Promise<{ exitCode: number | undefined; report: Report; found: string[] }> {
  const run = await cli(['doctor', '--json']);
  const report = JSON.parse(run.stdout) as Report;
  const found = report.checks.flatMap((c) => c.findings.map((f) => `${c.id} ${f.object}`));
  return { exitCode: run.exitCode, report, found };
}

async function onHost(change: (sim: Awaited<ReturnType<typeof openSimulation>>) => Promise<void>): Promise<void> {
  const sim = await openSimulation(env.SCST_SIMULATE_STATE!);
  await change(sim);
  await sim.save();
}

describe('doctor on an emulated host', () => {
  it('SCST not loaded: found, with the fix', async () => {
    const { exitCode, found, report } = await doctor();
    expect(exitCode).toBe(1);
    expect(found).toEqual(['scst-loaded module scst', 'config-modules module scst', 'config-modules module scst_vdisk', 'config-modules module iscsi_scst']);
    expect(report.checks.find((c) => c.id === 'scst-loaded')!.findings[0]!.fix).toMatch(/scstadmin-ts start/);
  });

  it('healthy after start; then each injected problem is found', async () => {
    const start = await cli(['start']);
    expect(start.stderr).toBe('');
    const healthy = await cli(['doctor']);
    expect(healthy.exitCode).toBe(0);
    expect(healthy.stdout).toMatch(/\nhealthy$/);

    await chmod(env.SCST_CONF!, 0o644);
    await onHost(async ({ emulator, sysfs }) => {
      emulator.removeHostFile('/srv/disk1.img');                         // backing file gone
      emulator.addHostFile('/srv/disk2.img', { kind: 'file', size: MiB }); // backing file shrank
      await sysfs.write('targets/iscsi/mgmt', `add_target ${T2}`);        // enabled without LUN 0
      await sysfs.write(`targets/iscsi/${T2}/luns/mgmt`, 'add disk2 3');
      await sysfs.write(`targets/iscsi/${T2}/enabled`, '1');
      await sysfs.write(`targets/iscsi/${T1}/ini_groups/mgmt`, 'create g1'); // one initiator, two groups
      await sysfs.write(`targets/iscsi/${T1}/ini_groups/mgmt`, 'create g2');
      await sysfs.write(`targets/iscsi/${T1}/ini_groups/g1/initiators/mgmt`, 'add iqn.2031-01.test.client:node7');
      await sysfs.write(`targets/iscsi/${T1}/ini_groups/g2/initiators/mgmt`, 'add iqn.2031-01.test.client:node7');
    });
    // The file now also wants a pass-through handler whose module is not loaded.
    await writeFile(env.SCST_CONF!, `${CONF}\nHANDLER dev_disk {\n}\n`);

    const { exitCode, found, report } = await doctor();
    expect(exitCode).toBe(1);
    expect(found).toEqual([
      'config-modules module scst_disk',
      `drift ${env.SCST_CONF}`,
      `config-secrets ${env.SCST_CONF}`,
      'backing-storage device disk1',
      'backing-storage device disk2',
      `lun-0 target iscsi/${T2}`,
      `initiator-groups target iscsi/${T1}`,
    ]);
    const messages = report.checks.flatMap((c) => c.findings.map((f) => f.message)).join('\n');
    expect(messages).toContain('backing /srv/disk1.img does not exist');
    expect(messages).toMatch(/backing \/srv\/disk2\.img has 1048576 bytes, less than the device's 8388608/);
    expect(messages).toContain('iqn.2031-01.test.client:node7 is in groups g1 and g2');
    expect(JSON.stringify(report)).not.toContain('secret-000001');
  });

  it('a driver loaded but its daemon not connected', async () => {
    await cli(['start']);
    await onHost(async ({ emulator }) => emulator.setIscsiDaemon('absent'));
    const { exitCode, found, report } = await doctor();
    expect(exitCode).toBe(1);
    expect(found).toContain('iscsi-daemon iscsi-scstd');
    expect(report.checks.find((c) => c.id === 'iscsi-daemon')!.findings[0]!.fix).toBe('scstadmin-ts daemon start');
    // The daemon's exit deleted the iSCSI target: that is drift too.
    expect(found).toContain(`drift ${env.SCST_CONF}`);
  });
});

describe('service verbs on an emulated host', () => {
  it('start then stop leave the host as it was: sessions closed, backing files untouched', async () => {
    expect((await cli(['start'])).exitCode).toBe(0);
    await onHost(async ({ emulator }) => {
      emulator.login(T1, 'iqn.1993-08.org.debian:01:host1', { chap: { user: 'alice', secret: 'secret-000001' } });
    });
    const status = JSON.parse((await cli(['status', '--json'])).stdout);
    expect(status).toMatchObject({ running: true, sessions: 1, targets: [{ target: T1, enabled: true, sessions: 1 }] });
    const stop = await cli(['stop', '--json']);
    expect(stop.exitCode).toBe(0);
    const report = JSON.parse(stop.stdout);
    expect(report).toMatchObject({ daemon: { action: 'terminated' }, modules: expect.arrayContaining([{ module: 'scst', action: 'unloaded' }]) });
    expect(report.cleared.changes.slice(0, 2)).toEqual([`target iscsi/${T1}: disable`, `target iscsi/${T1}: close session iqn.1993-08.org.debian:01:host1`]);
    const sim = await openSimulation(env.SCST_SIMULATE_STATE!);
    // Only the optional crc32c stays: stop and undo leave it to the host (docs/service.md).
    expect(sim.emulator.loadedModules()).toEqual(['crc32c_generic']); // what modprobe crc32c loads
    expect(sim.emulator.toState().host.hostFiles['/srv/disk1.img']).toEqual({ kind: 'file', size: 8 * MiB });
  });

  it('a kernel refusal during start: the executor rolls back, then start undoes the rest', async () => {
    await onHost(async ({ emulator }) => emulator.armFault({ nth: 3, errno: 'ENOMEM' }));
    const start = await cli(['start']);
    expect(start.exitCode).toBe(1);
    const [error, hint] = start.stderr.trim().split('\n');
    expect(error).toMatch(/^scstadmin-ts: .* failed: .*\(ENOMEM\).*rolled back/);
    expect(hint).toMatch(/^hint: undone: stopped the iscsi-scstd this run had launched, unloaded scst scst_vdisk iscsi_scst$/);
    const sim = await openSimulation(env.SCST_SIMULATE_STATE!);
    // Only the optional crc32c stays: stop and undo leave it to the host (docs/service.md).
    expect(sim.emulator.loadedModules()).toEqual(['crc32c_generic']); // what modprobe crc32c loads
  });
});
