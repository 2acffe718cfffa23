/**
 * The service verbs end to end, through the built binary and the real host code path:
 * modprobe and iscsi-scstd are the fakes in test/fixtures/bin (first on PATH), which act on
 * the emulator's state file as a kernel would; /proc/modules, the PID file and
 * /etc/default/scst all live in a temporary directory.
 */
import { execa } from 'execa';
import { mkdtemp, mkdir, readFile, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulation, openSimulation } from '../../src/emulator/simulation.js';
import { isAlive } from '../../src/system/liveness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'run.js');
const FAKES = join(ROOT, 'test', 'fixtures', 'bin');
const TGT = 'iqn.2031-04.test.lab:tgt1';

const CONF = `HANDLER vdisk_nullio {
\tDEVICE null0 {
\t\tsize_mb 64
\t}
}

TARGET_DRIVER iscsi {
\tenabled 1

\tTARGET ${TGT} {
\t\tenabled 1
\t\tLUN 0 null0
\t}
}
`;

let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scst-service-'));
  await mkdir(join(dir, 'sys-module'));
  await writeFile(join(dir, 'modules'), '');
  await writeFile(join(dir, 'default'), 'ISCSID_OPTIONS="-p 3261"\n');
  await writeFile(join(dir, 'scst.conf'), CONF, { mode: 0o600 });
  // A host that has just booted: nothing of SCST loaded, no daemon.
  await createSimulation(join(dir, 'state.json'), { modules: [], iscsiDaemon: 'absent' }, true);
  env = {
    NO_COLOR: '1',
    PATH: `${FAKES}${delimiter}${process.env.PATH}`,
    SCST_SIMULATE_STATE: join(dir, 'state.json'),
    SCST_SIMULATE_HOST: 'tools',
    FAKE_TOOLS_LOG: join(dir, 'tools.log'),
    SCST_PROC_MODULES: join(dir, 'modules'),
    SCST_SYS_MODULE: join(dir, 'sys-module'),
    SCST_ISCSID_PIDFILE: join(dir, 'iscsid.pid'),
    SCST_DEFAULTS_FILE: join(dir, 'default'),
    SCST_CONF: join(dir, 'scst.conf'),
    SCST_KERNEL_RELEASE: '6.1.0-test',
  };
});

afterEach(async () => {
  // Never leave a fake daemon behind.
  const pid = Number(await readFile(join(dir, 'iscsid.pid'), 'utf8').catch(() => ''));
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await rm(dir, { recursive: true, force: true });
});

function cli(args: string[], extra: Record<string, string> = {}) {
  return execa('node', [BIN, ...args, '--simulate'], { reject: false, env: { ...env, ...extra } });
}

async function toolCalls(): Promise<string[]> {
  const text = await readFile(join(dir, 'tools.log'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean);
}

async function loadedModules(): Promise<string[]> {
  return (await openSimulation(env.SCST_SIMULATE_STATE!)).emulator.loadedModules();
}


describe('start, status, reload, stop on a host driven by modprobe and iscsi-scstd', () => {
  it('runs the whole life cycle as an admin would', async () => {
    const before = await cli(['status']);
    expect(before.exitCode).toBe(3);
    expect(before.stdout).toContain('SCST service: not running');

    const start = await cli(['start']);
    expect(start.stderr).toBe('');
    expect(start.exitCode).toBe(0);
    expect(start.stdout).toContain('modules loaded: crc32c scst scst_vdisk iscsi_scst');
    expect(start.stdout).toMatch(/iscsi-scstd: started \(pid \d+\), connected to the kernel/);
    expect(await toolCalls()).toEqual(['modprobe crc32c', 'modprobe scst', 'modprobe scst_vdisk', 'modprobe iscsi_scst', 'iscsi-scstd -p 3261']);
    expect(await readFile(env.SCST_PROC_MODULES!, 'utf8')).toMatch(/^scst 16384 2 scst_vdisk,iscsi_scst, Live/m);
    const pid = Number(await readFile(env.SCST_ISCSID_PIDFILE!, 'utf8'));
    expect(isAlive(pid)).toBe(true);

    const status = await cli(['status', '--json']);
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      running: true, exitCode: 0,
      modules: { required: ['scst', 'scst_vdisk', 'iscsi_scst'], missing: [] },
      daemon: { needed: true, running: true, pid },
      targets: [{ driver: 'iscsi', target: TGT, enabled: true, sessions: 0 }],
      drift: [],
    });

    // Edit the file: reload applies it without touching modules or the daemon.
    await writeFile(env.SCST_CONF!, CONF.replace('\t\tLUN 0 null0\n', '\t\tLUN 0 null0\n\t\tLUN 1 null1\n').replace('\tDEVICE null0 {', '\tDEVICE null1 {\n\t}\n\tDEVICE null0 {'));
    const drifted = await cli(['status']);
    expect(drifted.stdout).toMatch(/2 changes not applied/);
    const reload = await cli(['reload']);
    expect(reload.exitCode).toBe(0);
    expect(reload.stdout).toMatch(/applied \(2 writes\)/);
    expect(reload.stdout).not.toMatch(/modules loaded/);
    expect(isAlive(pid)).toBe(true);
    expect((await toolCalls()).slice(5)).toEqual([]); // crc32c is in since start: nothing to load

    const stop = await cli(['stop']);
    expect(stop.exitCode).toBe(0);
    expect(stop.stdout).toContain(`iscsi-scstd: stopped (pid ${pid})`);
    expect(stop.stdout).toContain('modules unloaded: iscsi_scst scst_vdisk scst');
    expect(isAlive(pid)).toBe(false);
    await expect(access(env.SCST_PIDFILE ?? env.SCST_ISCSID_PIDFILE!)).rejects.toThrow();
    // modprobe -r scst_vdisk takes scst along (nothing else uses it): stop still names it.
    expect((await toolCalls()).slice(5)).toEqual(['modprobe -r iscsi_scst', 'modprobe -r scst_vdisk']);
    expect(await loadedModules()).toEqual(['crc32c_generic']); // stop and undo leave the optional crc32c (docs/service.md)
    expect((await cli(['status'])).exitCode).toBe(3);
  });

  it('reload that leaves a change held back for --force exits 1 and says so', async () => {
    expect((await cli(['start'])).exitCode).toBe(0);
    expect((await cli(['simulate', 'login', TGT, 'iqn.2031-01.test.client:node7'])).exitCode).toBe(0);
    await writeFile(env.SCST_CONF!, CONF.replace('\t\tLUN 0 null0\n', ''));
    const reload = await cli(['reload', '--prune']);
    expect(reload.stdout).toMatch(/held back .*the kernel does not match the file/);
    expect(reload.exitCode).toBe(1);
  }, 120_000);

  it('a failed start undoes its own steps and says so', async () => {
    const start = await cli(['start'], { FAKE_ISCSID_FAIL: 'cannot bind to port 3261' });
    expect(start.exitCode).toBe(1);
    expect(start.stderr).toContain('scstadmin-ts: iscsi-scstd: iscsi-scstd exited with status 1: iscsi-scstd: cannot bind to port 3261');
    expect(start.stderr).toMatch(/^hint: .*undone: unloaded scst scst_vdisk iscsi_scst$/m);
    expect(await loadedModules()).toEqual(['crc32c_generic']); // stop and undo leave the optional crc32c (docs/service.md)
    expect((await toolCalls()).slice(-2)).toEqual(['modprobe -r iscsi_scst', 'modprobe -r scst_vdisk']); // scst goes with scst_vdisk
  });

  it('a daemon that never connects is stopped again by the failed start', async () => {
    const start = await cli(['start', '--timeout', '1'], { FAKE_ISCSID_NO_REGISTER: '1' });
    expect(start.exitCode).toBe(1);
    expect(start.stderr).toContain('did not report it connected within 1 s');
    expect(start.stderr).toMatch(/undone: stopped the iscsi-scstd this run had launched, unloaded scst scst_vdisk iscsi_scst/);
    await expect(access(env.SCST_ISCSID_PIDFILE!)).rejects.toThrow();
    expect(await loadedModules()).toEqual(['crc32c_generic']); // stop and undo leave the optional crc32c (docs/service.md)
  });

  it('a kernel refusal while applying: the daemon it launched is stopped and the modules unloaded', async () => {
    await writeFile(env.SCST_CONF!, CONF.replace('HANDLER vdisk_nullio {\n\tDEVICE null0 {\n\t\tsize_mb 64\n', 'HANDLER vdisk_fileio {\n\tDEVICE null0 {\n\t\tfilename /nonexistent/disk.img\n'));
    const start = await cli(['start']);
    expect(start.exitCode).toBe(1);
    expect(start.stderr).toMatch(/^scstadmin-ts: device null0: .*\(ENOENT\)/m);
    expect(start.stderr).toMatch(/^hint: undone: stopped the iscsi-scstd this run had launched, unloaded scst scst_vdisk iscsi_scst$/m);
    expect(await loadedModules()).toEqual(['crc32c_generic']); // stop and undo leave the optional crc32c (docs/service.md)
    expect((await toolCalls()).slice(-2)).toEqual(['modprobe -r iscsi_scst', 'modprobe -r scst_vdisk']); // scst goes with scst_vdisk
  });

  it('a module that is not installed is named with the running kernel release', async () => {
    const start = await cli(['start'], { FAKE_MODPROBE_MISSING: 'scst_vdisk' });
    expect(start.exitCode).toBe(1);
    expect(start.stderr).toContain('scstadmin-ts: module scst_vdisk: not installed for the running kernel 6.1.0-test');
    expect(await loadedModules()).toEqual(['crc32c_generic']); // stop and undo leave the optional crc32c (docs/service.md)
    expect(await toolCalls()).not.toContain('iscsi-scstd -p 3261');
  });

  it('a bad configuration stops start before anything is loaded (exit 2)', async () => {
    await writeFile(env.SCST_CONF!, 'HANDLER vdisk_nullio {\n\tDEVICE null0 {\n\t}\n');
    const start = await cli(['start']);
    expect(start.exitCode).toBe(2);
    expect(start.stderr).toMatch(/^scstadmin-ts: .*scst\.conf:1:1: section 'HANDLER vdisk_nullio' is never closed/m);
    expect(await toolCalls()).toEqual([]);
  });
});

describe('daemon and modules commands on a tool-driven host', () => {
  it('daemon start/status/stop, with readiness from the kernel and a stale PID file cleaned', async () => {
    expect((await cli(['daemon', 'start'])).stderr).toContain('iscsi_scst is not loaded');
    expect((await cli(['modules', 'load', 'iscsi-scst'])).stdout).toBe('scst: loaded\niscsi_scst: loaded');

    // A daemon that runs but never registers with the kernel is not "started".
    const unready = await cli(['daemon', 'start', '--timeout', '1'], { FAKE_ISCSID_NO_REGISTER: '1' });
    expect(unready.exitCode).toBe(1);
    expect(unready.stderr).toContain('did not report it connected within 1 s');
    process.kill(Number(await readFile(env.SCST_ISCSID_PIDFILE!, 'utf8')), 'SIGKILL');

    // Its PID file is now stale: status says so (LSB 1) and removes it.
    await new Promise((r) => setTimeout(r, 100));
    const stale = await cli(['daemon', 'status', '--json']);
    expect(stale.exitCode).toBe(1);
    expect(JSON.parse(stale.stdout)).toMatchObject({ running: false, stalePidFile: true, connection: 'closed' });
    await expect(access(env.SCST_ISCSID_PIDFILE!)).rejects.toThrow();

    const started = await cli(['daemon', 'start', '--options', '-a 127.0.0.1']);
    expect(started.exitCode).toBe(0);
    expect((await toolCalls()).at(-1)).toBe('iscsi-scstd -a 127.0.0.1');
    const running = await cli(['daemon', 'status']);
    expect(running.exitCode).toBe(0);
    expect(running.stdout).toMatch(/running, connected to the kernel \(pid \d+\)/);
    const again = await cli(['daemon', 'start']);
    expect(again.stdout).toMatch(/already running/);

    const stopped = await cli(['daemon', 'stop', '--json']);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ action: 'terminated' });
    expect((await cli(['daemon', 'status'])).exitCode).toBe(3);
  });

  it('modules unload retries a busy module, then names who holds it', async () => {
    await cli(['modules', 'load', 'scst_vdisk']);
    const sim = await openSimulation(env.SCST_SIMULATE_STATE!);
    await sim.sysfs.write('handlers/vdisk_nullio/mgmt', 'add_device busy0 size_mb=1');
    await sim.save();
    const unload = await cli(['modules', 'unload', 'scst_vdisk', '--attempts', '2']);
    expect(unload.exitCode).toBe(1);
    expect(unload.stderr).toContain('scstadmin-ts: module scst_vdisk: still in use after 2 attempts');
    expect((await toolCalls()).filter((c) => c === 'modprobe -r scst_vdisk')).toHaveLength(2);

    const list = await cli(['modules', 'list', '--json']);
    const rows = JSON.parse(list.stdout).modules as Array<{ name: string; loaded: boolean; usedBy: string[] }>;
    expect(rows.find((r) => r.name === 'scst')).toMatchObject({ loaded: true, usedBy: ['scst_vdisk'] });
    expect(rows.find((r) => r.name === 'iscsi_scst')).toMatchObject({ loaded: false });
  });

  it('refuses unknown and malformed module names (exit 2)', async () => {
    const unknown = await cli(['modules', 'load', 'nvme']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/module nvme: not an SCST module/);
    const malformed = await cli(['modules', 'load', 'scst;reboot']);
    expect(malformed.exitCode).toBe(2);
    expect(await toolCalls()).toEqual([]);
  });
});
