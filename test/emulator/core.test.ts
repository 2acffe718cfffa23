import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { SysfsError } from '../../src/sysfs/types.js';
import { UserError } from '../../src/errors.js';
import { host, names, outcome } from './helpers.js';

describe('file rules and path resolution', () => {
  it('follows links relative to their directory; readlink does not follow the last one', async () => {
    const e = host();
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n');
    expect(await e.read('devices/n1/handler/type')).toBe('0 - Direct-access device (e.g., magnetic disk)\n');
    expect(await outcome(e.read('devices/n1/exported/export0'))).toBe('EISDIR');
    expect(await e.readlink('devices/n1/exported/export0')).toBe('../../../targets/copy_manager/copy_manager_tgt/luns/0');
    expect(await outcome(e.readlink('devices/n1/size'))).toBe('EINVAL');
    expect(await e.exists('devices/n1/exported/export0/device/size')).toBe(true);
    expect(await e.exists('devices/n2')).toBe(false);
  });

  it('lists entries sorted in byte order with modes and link targets', async () => {
    const e = host();
    const entries = await e.list('');
    expect(entries.map((x) => x.name)).toEqual([
      'async_lun_replace', 'cluster_name', 'device_groups', 'devices', 'force_global_sgv_pool', 'handlers',
      'last_sysfs_mgmt_res', 'max_tasklet_cmd', 'measure_latency', 'poll_us', 'setup_id', 'sgv', 'suspend',
      'targets', 'threads', 'trace_cmds', 'trace_level', 'trace_mcmds', 'version',
    ]);
    expect(entries.find((x) => x.name === 'version')).toEqual({ name: 'version', type: 'file', mode: 0o444 });
    expect(await outcome(e.list('version'))).toBe('ENOTDIR@open');
  });

  it('failed writes carry errno, at, data and the kernel log lines of that call', async () => {
    const e = host();
    const error = await e.write('handlers/vdisk_nullio/mgmt', 'bogus\n').catch((x: unknown) => x);
    expect(error).toBeInstanceOf(SysfsError);
    expect(error).toMatchObject({ errno: 'EINVAL', op: 'write', at: 'io', data: 'bogus\n' });
    expect((error as SysfsError).log).toEqual(['[1000]: scst: ***ERROR***: Unknown action "bogus"']);
  });

  it('root attributes: setup_id hex with key, threads > 0, cluster_name', async () => {
    const e = host();
    await e.write('setup_id', '0x1f\n');
    expect(await e.read('setup_id')).toBe('0x1f\n[key]\n');
    expect(await outcome(e.write('threads', '0\n'))).toBe('EINVAL');
    await e.write('threads', '4\n');
    expect(await e.read('threads')).toBe('4\n[key]\n');
    await e.write('cluster_name', 'c1\n');
    expect(await e.read('cluster_name')).toBe('c1\n[key]\n');
    expect(await outcome(e.write('cluster_name', `${'c'.repeat(64)}\n`))).toBe('EINVAL');
    expect(await e.read('version')).toContain('SCST version: 3.11.0-pre\n');
  });

  it('device block counts block requests; pr_file_name is busy while a session maps the device', async () => {
    const e = host({ description: 'emulator (test)' });
    expect(e.description).toBe('emulator (test)');
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n');
    expect(await e.read('devices/n1/block')).toBe('0 0\n');
    await e.write('devices/n1/block', '1\n');
    expect(await e.read('devices/n1/block')).toBe('1 0\n');
    await e.write('devices/n1/block', '0\n');
    expect(await outcome(e.write('devices/n1/block', '2\n'))).toBe('EINVAL');
    expect(await outcome(e.write('devices/n1/pr_file_name', '/x\n'))).toBe('EBUSY');
    expect(await e.read('devices/n1/pr_file_name')).toBe('/var/lib/scst/pr/n1\n');
  });

  it('trace_level takes all/none/default/value/add/del and refuses unknown tokens', async () => {
    const e = host();
    const file = 'handlers/vdisk_fileio/trace_level';
    expect((await e.read(file)).split('\n')[0]).toBe('out_of_mem | pid | special | mgmt');
    await e.write(file, 'add order\n');
    expect((await e.read(file)).split('\n')[0]).toBe('out_of_mem | pid | special | mgmt | order');
    await e.write(file, 'none\n');
    expect((await e.read(file)).split('\n')[0]).toBe('');
    expect(await outcome(e.write(file, 'add bogus\n'))).toBe('EINVAL');
    expect((await e.read('trace_level')).split('\n')[0]).toBe('out_of_mem | pid | special | mgmt');
  });
});

describe('async works, suspend, faults and counters', () => {
  it('last_sysfs_mgmt_res holds the last mgmt result, not attribute writes', async () => {
    const e = host();
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n');
    await outcome(e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n'));
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-17\n');
    await e.write('devices/n1/t10_dev_id', 'x\n');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-17\n');
    await outcome(e.write('handlers/vdisk_nullio/mgmt', 'bogus\n'));
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-22\n');
  });

  it('debug EAGAIN mode: the work happens, the writer and the first poll see EAGAIN', async () => {
    const e = host();
    e.setDebugSysfsEagain(true);
    expect(await outcome(e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n'))).toBe('EAGAIN');
    expect(await outcome(e.read('last_sysfs_mgmt_res'))).toBe('EAGAIN');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('0\n');
    expect(await names(e, 'devices')).toEqual(['n1']);
  });

  it('debug EAGAIN mode: 3 of every 4 read-only works fail with EAGAIN; other reads are untouched', async () => {
    const e = host();
    await e.write('handlers/vdisk_fileio/mgmt', 'add_device f1 filename=/img/d1.img\n');
    await e.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.test:t1\n');
    await e.write('targets/iscsi/iqn.2024-01.test:t1/enabled', '1\n');
    await e.write('targets/iscsi/enabled', '1\n');
    const session = `targets/iscsi/iqn.2024-01.test:t1/sessions/${e.login('iqn.2024-01.test:t1', 'iqn.1993-08.org.debian:01:h')}`;
    e.setDebugSysfsEagain(true);
    // One counter for every read-only work: vdisk filename, target statistics, session
    // active_commands, trace_cmds/trace_mcmds.
    const reads = [
      'devices/f1/filename', 'devices/f1/filename', 'devices/f1/filename', 'devices/f1/filename',
      `${session}/active_commands`, 'trace_cmds', 'trace_mcmds', 'targets/iscsi/iqn.2024-01.test:t1/read_cmd_count',
      'targets/iscsi/iqn.2024-01.test:t1/write_io_count_kb',
    ];
    const outcomes = [];
    for (const path of reads) outcomes.push(await outcome(e.read(path)));
    expect(outcomes).toEqual(['EAGAIN', 'EAGAIN', 'EAGAIN', 'ok', 'EAGAIN', 'EAGAIN', 'EAGAIN', 'ok', 'EAGAIN']);
    // Plain attributes and the copy manager's statistics are not works.
    expect(await e.read('devices/f1/size')).toMatch(/^67108864\n/);
    expect(await e.read(`${session}/commands`)).toBe('0\n');
    // A read-only work never sets last_sysfs_mgmt_res; the ones that timed out are still in flight.
    e.setDebugSysfsEagain(false);
    expect(await outcome(e.read('last_sysfs_mgmt_res'))).toBe('EAGAIN');
    expect(await e.read('devices/f1/filename')).toBe('/img/d1.img\n[key]\n\n');
  });

  it('suspend nests, resumes per negative write and refuses non-numbers', async () => {
    const e = host();
    await e.write('suspend', '1\n');
    await e.write('suspend', '5\n');
    expect(await e.read('suspend')).toBe('2\n');
    await e.write('suspend', '-1\n');
    await e.write('suspend', '-1\n');
    await e.write('suspend', '-1\n');
    expect(await e.read('suspend')).toBe('0\n');
    expect(e.kernelLog().at(-1)).toContain('Resume without suspend');
    expect(await outcome(e.write('suspend', 'abc\n'))).toBe('EINVAL');
    expect(await outcome(e.write('suspend', '\n'))).toBe('EINVAL');
  });

  it('armFault fails the nth matching write without changing anything', async () => {
    const e = host();
    e.armFault({ nth: 2, errno: 'EIO', pathIncludes: 'vdisk_nullio' });
    await e.write('setup_id', '1\n');
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n');
    expect(await outcome(e.write('handlers/vdisk_nullio/mgmt', 'add_device n2\n'))).toBe('EIO');
    expect(await names(e, 'devices')).toEqual(['n1']);
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device n2\n');
    e.armFault({ nth: 1, errno: 'ENOMEM' });
    e.clearFaults();
    await e.write('setup_id', '2\n');
  });

  it('refuses writes longer than one page with E2BIG', async () => {
    const e = host();
    expect(await outcome(e.write('devices/../setup_id', '1'))).toBe('ok');
    expect(await outcome(e.write('handlers/vdisk_nullio/mgmt', `add_device ${'x'.repeat(5000)}\n`))).toBe('E2BIG');
  });

  it('counts calls through the Sysfs interface', async () => {
    const e = host();
    await e.read('version');
    await e.list('');
    await e.exists('x');
    await outcome(e.write('nosuch', '1'));
    expect(e.stats).toEqual({ reads: 1, writes: 1, lists: 1, readlinks: 0, exists: 1 });
    e.resetStats();
    expect(e.stats.reads).toBe(0);
  });
});

describe('ALUA device groups', () => {
  it('creates groups, members, target groups and remote ports', async () => {
    const e = host();
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n');
    await e.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.test:a1\n');
    await e.write('device_groups/mgmt', 'create dg1\n');
    expect(await outcome(e.write('device_groups/mgmt', 'create dg1\n'))).toBe('EEXIST');
    await e.write('device_groups/dg1/devices/mgmt', 'add n1\n');
    expect(await outcome(e.write('device_groups/dg1/devices/mgmt', 'add nosuch\n'))).toBe('EINVAL');
    expect(await e.readlink('device_groups/dg1/devices/n1')).toBe('../../../devices/n1');
    await e.write('device_groups/dg1/target_groups/mgmt', 'add tg1\n');
    const tg = 'device_groups/dg1/target_groups/tg1';
    await e.write(`${tg}/mgmt`, 'add iqn.2024-01.test:a1\n');
    await e.write(`${tg}/mgmt`, 'add remote1\n');
    expect(await e.readlink(`${tg}/iqn.2024-01.test:a1`)).toBe('../../../../targets/iscsi/iqn.2024-01.test:a1');
    await e.write(`${tg}/iqn.2024-01.test:a1/rel_tgt_id`, '7\n');
    expect(await e.read('targets/iscsi/iqn.2024-01.test:a1/rel_tgt_id')).toBe('7\n[key]\n');
    expect(await e.read(`${tg}/remote1/rel_tgt_id`)).toBe('0\n[key]\n');
    expect(await outcome(e.write(`${tg}/remote1/rel_tgt_id`, '0\n'))).toBe('EINVAL');
    expect(await e.read(`${tg}/group_id`)).toBe('0\n[key]\n');
    expect(await outcome(e.write(`${tg}/group_id`, '65536\n'))).toBe('EINVAL');
    await e.write(`${tg}/state`, 'standby\n');
    expect(await e.read(`${tg}/state`)).toBe('standby\n[key]\n');
    expect(await outcome(e.write(`${tg}/state`, 'Standby\n'))).toBe('EINVAL');
    await e.write('handlers/vdisk_nullio/mgmt', 'del_device n1\n');
    await e.write('targets/iscsi/mgmt', 'del_target iqn.2024-01.test:a1\n');
    expect(await names(e, 'device_groups/dg1/devices')).toEqual(['mgmt']);
    expect(await names(e, tg)).toEqual(['group_id', 'mgmt', 'preferred', 'remote1', 'state']);
  });
});

describe('ALUA details', () => {
  it('preferred takes 0/1 only, deleting a device group frees its devices, TGs can be deleted', async () => {
    const e = host();
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n');
    await e.write('device_groups/mgmt', 'add dg1\n');
    await e.write('device_groups/dg1/devices/mgmt', 'add n1\n');
    await e.write('device_groups/dg1/target_groups/mgmt', 'create tg1\n');
    const tg = 'device_groups/dg1/target_groups/tg1';
    await e.write(`${tg}/preferred`, '1\n');
    expect(await e.read(`${tg}/preferred`)).toBe('1\n[key]\n');
    expect(await outcome(e.write(`${tg}/preferred`, 'yes\n'))).toBe('EINVAL');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-22\n');
    expect(await outcome(e.write('device_groups/dg1/target_groups/mgmt', 'del nosuch\n'))).toBe('EINVAL');
    await e.write('device_groups/dg1/target_groups/mgmt', 'del tg1\n');
    await e.write('device_groups/mgmt', 'del dg1\n');
    expect(await outcome(e.write('device_groups/mgmt', 'del dg1\n'))).toBe('EINVAL');
    await e.write('device_groups/mgmt', 'create dg2\n');
    await e.write('device_groups/dg2/devices/mgmt', 'add n1\n');
    expect(await names(e, 'device_groups/dg2/devices')).toEqual(['mgmt', 'n1']);
    await e.write('device_groups/mgmt', 'create a/b\n');
    await e.write('device_groups/a!b/target_groups/mgmt', 'create t/g\n');
    expect(await names(e, 'device_groups/a!b/target_groups')).toEqual(['mgmt', 't!g']);
    expect(await e.read('device_groups/a!b/target_groups/t!g/state')).toBe('active\n[key]\n');
  });
});

describe('names that would collide with fixed files', () => {
  it('are refused with EEXIST for devices, groups, initiators and ALUA objects', async () => {
    const e = host();
    expect(await outcome(e.write('handlers/vdisk_nullio/mgmt', 'add_device mgmt\n'))).toBe('EEXIST');
    expect(await outcome(e.write('handlers/vdisk_nullio/mgmt', 'add_device type\n'))).toBe('EEXIST');
    await e.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.test:c\n');
    const groups = 'targets/iscsi/iqn.2024-01.test:c/ini_groups';
    expect(await outcome(e.write(`${groups}/mgmt`, 'create mgmt\n'))).toBe('EEXIST');
    await e.write(`${groups}/mgmt`, 'create g\n');
    expect(await outcome(e.write(`${groups}/g/initiators/mgmt`, 'add mgmt\n'))).toBe('EEXIST');
    expect(await outcome(e.write('device_groups/mgmt', 'create mgmt\n'))).toBe('EEXIST');
    await e.write('device_groups/mgmt', 'create dg\n');
    await e.write('device_groups/dg/target_groups/mgmt', 'create tg\n');
    expect(await outcome(e.write('device_groups/dg/target_groups/tg/mgmt', 'add state\n'))).toBe('EEXIST');
    expect(await names(e, 'devices')).toEqual([]);
  });
});

describe('modules and state', () => {
  it('loads modules with their dependencies and refuses to unload one in use', async () => {
    const e = new Emulator({ modules: ['scst_vdisk'], useRealFileSystem: false });
    expect(e.loadedModules()).toEqual(['scst', 'scst_vdisk']);
    expect(await names(e, 'targets')).toEqual(['copy_manager']);
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n');
    expect(() => e.unloadModule('scst_vdisk')).toThrow(UserError);
    expect(() => e.unloadModule('scst')).toThrow(UserError);
    await e.write('handlers/vdisk_nullio/mgmt', 'del_device n1\n');
    e.unloadModule('scst_vdisk');
    expect(await names(e, 'handlers')).toEqual([]);
    expect(() => e.loadModule('bogus')).toThrow(UserError);
  });

  it('without the scst module there is no SCST root at all: everything is ENOENT at open', async () => {
    const e = new Emulator({ modules: [], useRealFileSystem: false });
    expect(e.loadedModules()).toEqual([]);
    for (const path of ['', 'version', 'handlers', 'targets/copy_manager']) {
      expect(await outcome(e.read(path))).toBe('ENOENT@open');
      expect(await outcome(e.list(path))).toBe('ENOENT@open');
      expect(await outcome(e.readlink(path))).toBe('ENOENT@open');
      expect(await outcome(e.write(path, '1\n'))).toBe('ENOENT@open');
      expect(await e.exists(path)).toBe(false);
    }
    e.loadModule('scst');
    expect(await e.exists('')).toBe(true);
    expect(await names(e, 'targets')).toEqual(['copy_manager']);
  });

  it('unloading scst takes the root away; a reload starts from default settings', async () => {
    const e = new Emulator({ modules: ['scst'], useRealFileSystem: false });
    await e.write('setup_id', '0x1234\n');
    await e.write('device_groups/mgmt', 'create dg1\n');
    e.unloadModule('scst');
    expect(await e.exists('')).toBe(false);
    expect(await outcome(e.read('setup_id'))).toBe('ENOENT@open');
    e.loadModule('scst');
    expect(await e.read('setup_id')).toBe('0x0\n');
    expect(await names(e, 'device_groups')).toEqual(['mgmt']);
  });

  it('round-trips through toState/fromState, including names like __proto__', async () => {
    const e = host();
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device __proto__\n');
    await e.write('targets/iscsi/mgmt', 'add_target constructor\n');
    await e.write('targets/iscsi/constructor/luns/mgmt', 'add __proto__ 0\n');
    const copy = Emulator.fromState(JSON.parse(JSON.stringify(e.toState())));
    expect(await names(copy, 'devices')).toEqual(['__proto__']);
    expect(await copy.readlink('targets/iscsi/constructor/luns/0/device')).toBe('../../../../../devices/__proto__');
    expect(copy.toState()).toEqual(e.toState());
    expect(() => Emulator.fromState({ format: 'other' } as never)).toThrow(UserError);
  });
});
