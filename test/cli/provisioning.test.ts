/**
 * A provisioning script of single-object commands (test/provision/provision.sh) builds a host on
 * the emulator through the built binary. Run twice: the second run changes nothing (host and
 * file) and every command exits 0. The saved file passes check-config, and applying it to a
 * fresh emulated host rebuilds the same configuration, with nothing left to write after.
 */
import { execa } from 'execa';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'run.js');
const SCRIPT = join(ROOT, 'test', 'provision', 'provision.sh');
const scratch = mkdtempSync(join(tmpdir(), 'provision-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `scstadmin-ts` on PATH, working on the emulated host of SCST_SIMULATE_STATE. */
const binDir = join(scratch, 'bin');
mkdirSync(binDir);
writeFileSync(join(binDir, 'scstadmin-ts'), `#!/bin/sh\nexec node '${BIN}' "$@" --simulate\n`);
chmodSync(join(binDir, 'scstadmin-ts'), 0o755);

const env = (state: string, conf: string) => ({
  NO_COLOR: '1',
  PATH: `${binDir}:${process.env.PATH}`,
  SCST_SIMULATE_STATE: state,
  SCST_CONF: conf,
  SCSTADMIN_TS_LOCK: `${state}.lock`,
  SCSTADMIN_TS_STATE_DIR: `${state}.journal`,
});

async function cli(state: string, conf: string, args: string[]) {
  return execa('node', [BIN, ...args, '--simulate'], { reject: false, env: env(state, conf), stdin: 'ignore' });
}

async function newHost(state: string): Promise<void> {
  const setup = [
    ['simulate', 'create', '--force'],
    ['simulate', 'file', '/srv/disk1.img', '--size', '1G'],
    ['simulate', 'file', '/srv/disk2.img', '--size', '2G'],
    ['simulate', 'file', '/dev/vg0/vol1', '--block', '--size', '4G'],
    ['simulate', 'file', '/srv/debian.iso', '--size', '600M'],
  ];
  for (const args of setup) expect((await cli(state, '', args)).exitCode).toBe(0);
}

/**
 * The configuration part of `show --json`, without what only a running host has, and without
 * copy_manager, which numbers its automatic LUNs in the order the devices were opened.
 */
function configuration(show: string): unknown {
  const model = JSON.parse(show);
  delete model.live;
  delete model.drivers.copy_manager;
  for (const driver of Object.values(model.drivers) as Array<{ targets: Record<string, { sessions?: unknown }> }>) {
    for (const target of Object.values(driver.targets)) delete target.sessions;
  }
  return model;
}

const state = join(scratch, 'host.json');
const conf = join(scratch, 'scst.conf');
let first: Awaited<ReturnType<typeof execa>>;

beforeAll(async () => {
  await newHost(state);
  first = await execa('sh', [SCRIPT], { reject: false, env: env(state, conf) });
}, 400_000);

describe('the provisioning script', () => {
  it('builds the host, every command exiting 0', () => {
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
  });

  it('shows what it was asked for', async () => {
    const show = JSON.parse((await cli(state, conf, ['show', '--json'])).stdout);
    expect(Object.keys(show.handlers.vdisk_fileio.devices)).toEqual(['disk1', 'disk2']);
    expect(show.handlers.vdisk_fileio.devices.disk1.attributes).toMatchObject({ filename: ['/srv/disk1.img'], usn: ['DISK1'], rotational: ['0'], prod_id: ['LAB'] });
    expect(show.handlers.vdisk_blockio.devices.vol1.attributes).toMatchObject({ filename: ['/dev/vg0/vol1'], write_through: ['1'] });
    expect(show.handlers.vcdrom.devices.cd1.attributes.filename).toEqual(['/srv/debian.iso']);
    const store = show.drivers.iscsi.targets['iqn.2031-04.test.lab:store'];
    expect(store.enabled).toBe(true);
    expect(Object.values(store.luns).map((l: { lun: number; device: string }) => `${l.lun} ${l.device}`)).toEqual(['0 disk1', '1 vol1', '2 cd1']);
    expect(store.attributes).toMatchObject({ rel_tgt_id: ['1'], QueuedCommands: ['64'] });
    const backup = show.drivers.iscsi.targets['iqn.2031-04.test.lab:backup'];
    expect(backup.luns['4'].attributes.read_only).toEqual(['1']);
    expect(show.drivers.iscsi.enabled).toBe(true);
  });

  it('changes nothing when run again, and every command exits 0', async () => {
    const showBefore = (await cli(state, conf, ['show', '--json'])).stdout;
    const fileBefore = readFileSync(conf, 'utf8');
    const again = await execa('sh', [SCRIPT], { reject: false, env: env(state, conf) });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).not.toMatch(/^Done:/m);
    // One "nothing to do" per command of the script.
    const commands = readFileSync(SCRIPT, 'utf8').split('\n').filter((l) => l.startsWith('s ')).length;
    expect(again.stdout.split('\n').filter((l) => / — nothing to do$/.test(l))).toHaveLength(commands);
    expect((await cli(state, conf, ['show', '--json'])).stdout).toBe(showBefore);
    expect(readFileSync(conf, 'utf8')).toBe(fileBefore);
  }, 400_000);

  it('saved a file that passes check-config and rebuilds the host on a fresh one, with 0 writes after', async () => {
    expect((await cli(state, conf, ['check-config', conf])).exitCode).toBe(0);
    const fresh = join(scratch, 'fresh.json');
    await newHost(fresh);
    const apply = await cli(fresh, conf, ['apply', conf, '--yes']);
    expect(apply.exitCode).toBe(0);
    const again = JSON.parse((await cli(fresh, conf, ['apply', conf, '--yes', '--json'])).stdout);
    expect(again.sysfs.writes).toBe(0);
    const rebuilt = configuration((await cli(fresh, conf, ['show', '--json'])).stdout);
    expect(rebuilt).toEqual(configuration((await cli(state, conf, ['show', '--json'])).stdout));
  }, 400_000);
});
