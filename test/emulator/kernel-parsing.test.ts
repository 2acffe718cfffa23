/**
 * Numbers in device attributes written after creation, and the order of add_device's checks,
 * as SCST's stores and vdisk_add_*_device do them (each case read from SCST's source).
 */
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { MiB, host, outcome } from './helpers.js';

const FILEIO = 'handlers/vdisk_fileio/mgmt';
const BLOCKIO = 'handlers/vdisk_blockio/mgmt';
const NULLIO = 'handlers/vdisk_nullio/mgmt';

/** What a write does and what the attribute reads afterwards. */
async function writeThenRead(e: Emulator, path: string, data: string): Promise<[string, string]> {
  const result = await outcome(e.write(path, data));
  return [result, await e.read(path)];
}

/** The newest kernel log lines without the thread id prefix. */
function lastLogs(e: Emulator, count = 1): string[] {
  return e.kernelLog().slice(-count).map((line) => line.replace(/^\[\d+\]: /, ''));
}

async function nullio(e: Emulator, name = 'n1', params = ''): Promise<void> {
  await e.write(NULLIO, `add_device ${name} ${params}\n`);
}

describe('size and size_mb after creation (sscanf %lld in a work)', () => {
  it('reads base 10 only: 0x10 is 0, 010 is 10 (not a multiple of 512), junk after the digits is ignored', async () => {
    const e = host();
    await nullio(e);
    expect(await writeThenRead(e, 'devices/n1/size', '0x1000\n')).toEqual(['ok', '0\n[key]\n']);
    expect(await outcome(e.write('devices/n1/size', '010\n'))).toBe('EINVAL');
    expect(await writeThenRead(e, 'devices/n1/size', '4096abc\n')).toEqual(['ok', '4096\n[key]\n']);
    expect(await writeThenRead(e, 'devices/n1/size', '  \t1048576\n')).toEqual(['ok', '1048576\n[key]\n']);
    expect(await writeThenRead(e, 'devices/n1/size_mb', '08\n')).toEqual(['ok', '8\n']);
    expect(await e.read('devices/n1/size')).toBe(`${8 * MiB}\n[key]\n`);
  });

  it('refuses no digits or a plus sign with EINVAL, and the work result reaches last_sysfs_mgmt_res', async () => {
    const e = host();
    await nullio(e);
    expect(await outcome(e.write('devices/n1/size', 'abc\n'))).toBe('EINVAL');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-22\n');
    expect(await outcome(e.write('devices/n1/size', '+512\n'))).toBe('EINVAL');
    await e.write('devices/n1/size', '512\n');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('0\n');
  });

  it('has no overflow check: 2^64 wraps to 0 and a negative multiple of 512 is kept and shown unsigned', async () => {
    const e = host();
    await nullio(e);
    expect(await writeThenRead(e, 'devices/n1/size', '18446744073709551616\n')).toEqual(['ok', '0\n[key]\n']);
    expect(await writeThenRead(e, 'devices/n1/size', '-512\n')).toEqual(['ok', '18446744073709551104\n[key]\n']);
    expect(await e.read('devices/n1/size_mb')).toBe('17592186044415\n');
    expect(await outcome(e.write('devices/n1/size', '-1\n'))).toBe('EINVAL');
  });

  it('size_mb past 2^44 - 1 or negative is EINVAL; blockio resizes the same way', async () => {
    const e = host();
    await nullio(e);
    expect(await writeThenRead(e, 'devices/n1/size_mb', '17592186044415\n')).toEqual(['ok', '17592186044415\n']);
    expect(await outcome(e.write('devices/n1/size_mb', '17592186044416\n'))).toBe('EINVAL');
    expect(await outcome(e.write('devices/n1/size_mb', '-1\n'))).toBe('EINVAL');
    await e.write(BLOCKIO, 'add_device b1 filename=/dev/ram0\n');
    expect(await writeThenRead(e, 'devices/b1/size', '0x10\n')).toEqual(['ok', '0\n[key]\n']);
  });
});

describe('flag attributes after creation', () => {
  it('async and lb_per_pb_exp take kstrtol: exactly 0 or 1, -0 accepted, past 2^63 ERANGE', async () => {
    const e = host();
    await e.write(FILEIO, 'add_device f1 filename=/img/d1.img\n');
    expect(await writeThenRead(e, 'devices/f1/async', '0x1\n')).toEqual(['ok', '1\n[key]\n']);
    expect(await writeThenRead(e, 'devices/f1/async', '-0\n')).toEqual(['ok', '0\n']);
    expect(await outcome(e.write('devices/f1/async', '2\n'))).toBe('EINVAL');
    expect(await outcome(e.write('devices/f1/async', '18446744073709551615\n'))).toBe('ERANGE');
    expect(await outcome(e.write('devices/f1/async', ' 1\n'))).toBe('EINVAL');
    expect(await writeThenRead(e, 'devices/f1/lb_per_pb_exp', '-0\n')).toEqual(['ok', '0\n[key]\n']);
    expect(await outcome(e.write('devices/f1/lb_per_pb_exp', '99999999999999999999x\n'))).toBe('ERANGE');
  });

  it('read_zero and bind_alua_state parse only their first 15 characters', async () => {
    const e = host();
    await nullio(e);
    // 16 digits: the 1 at the end is cut off.
    expect(await writeThenRead(e, 'devices/n1/read_zero', '0000000000000001\n')).toEqual(['ok', '0\n']);
    // 20 nines would overflow; 15 of them are a plain number out of range.
    expect(await outcome(e.write('devices/n1/read_zero', '99999999999999999999\n'))).toBe('EINVAL');
    expect(await writeThenRead(e, 'devices/n1/read_zero', '-0\n')).toEqual(['ok', '0\n']);
    await e.write(FILEIO, 'add_device f1 filename=/img/d1.img\n');
    expect(await writeThenRead(e, 'devices/f1/bind_alua_state', '99999999999999999999\n')).toEqual(['ok', '1\n[key]\n']);
    expect(await writeThenRead(e, 'devices/f1/bind_alua_state', '0000000000000001\n')).toEqual(['ok', '0\n']);
  });

  it('active and cluster_mode take kstrtol inside the work (-0 is 0; ERANGE is the work result)', async () => {
    const e = host();
    await e.write(FILEIO, 'add_device f1 filename=/img/d1.img\n');
    expect(await writeThenRead(e, 'devices/f1/active', '-0\n')).toEqual(['ok', '0\n[key]\n']);
    expect(await outcome(e.write('devices/f1/active', '9223372036854775808\n'))).toBe('ERANGE');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-34\n');
    expect(await writeThenRead(e, 'devices/f1/cluster_mode', '-0\n')).toEqual(['ok', '0\n']);
    expect(await outcome(e.write('devices/f1/cluster_mode', '-1\n'))).toBe('EINVAL');
  });

  it('activation reopens the backing store first and fails as the open does', async () => {
    const e = host();
    e.addHostFile('/img/gone.img', { kind: 'file', size: MiB });
    await e.write(FILEIO, 'add_device f1 filename=/img/gone.img;active=0\n');
    e.removeHostFile('/img/gone.img');
    expect(await outcome(e.write('devices/f1/active', '1\n'))).toBe('ENOENT');
    expect(lastLogs(e)[0]).toContain('dev f1: Activating failed');
    expect(await e.read('devices/f1/active')).toBe('0\n[key]\n');
    await e.write('devices/f1/filename', '/img\n');
    expect(await outcome(e.write('devices/f1/active', '1\n'))).toBe('EISDIR');
  });

  it('opt_trans_len is checked as an unsigned long and kept in an unsigned int shown with %d', async () => {
    const e = host();
    await nullio(e);
    expect(await writeThenRead(e, 'devices/n1/opt_trans_len', '4294967808\n')).toEqual(['ok', '512\n[key]\n']);
    expect(await writeThenRead(e, 'devices/n1/opt_trans_len', '0xFFFFFE00\n')).toEqual(['ok', '-512\n[key]\n']);
    expect(await outcome(e.write('devices/n1/opt_trans_len', '0x100000000001\n'))).toBe('EINVAL');
  });
});

describe('core device attributes: a long checked, an int kept', () => {
  it('threads_num 4294967297 is accepted as 1; 2^63 is ERANGE with the kstrtol message', async () => {
    const e = host();
    await nullio(e);
    expect(await writeThenRead(e, 'devices/n1/threads_num', '4294967298\n')).toEqual(['ok', '2\n[key]\n']);
    expect(await outcome(e.write('devices/n1/threads_num', '9223372036854775808\n'))).toBe('ERANGE');
    expect(lastLogs(e)[0]).toBe('scst: ***ERROR***: kstrtol() for 9223372036854775808\n failed: -34 ');
  });

  it('max_tgt_dev_commands and numa_node_id wrap into an int and log the change', async () => {
    const e = host();
    await nullio(e);
    expect(await writeThenRead(e, 'devices/n1/max_tgt_dev_commands', '4294967295\n')).toEqual(['ok', '-1\n[key]\n']);
    expect(lastLogs(e)[0]).toBe('scst: Setting new queue depth 4294967295 for device n1 (old 64)');
    expect(await writeThenRead(e, 'devices/n1/numa_node_id', '4294967295\n')).toEqual(['ok', '-1\n']);
    expect(await outcome(e.write('devices/n1/numa_node_id', '-2\n'))).toBe('EINVAL');
  });

  it('block: the first character decides; "11" blocks, a leading blank or "12" is EINVAL', async () => {
    const e = host();
    await nullio(e);
    expect(await writeThenRead(e, 'devices/n1/block', '11\n')).toEqual(['ok', '1 0\n']);
    expect(await outcome(e.write('devices/n1/block', ' 1\n'))).toBe('EINVAL');
    expect(await outcome(e.write('devices/n1/block', '12\n'))).toBe('EINVAL');
    expect(await outcome(e.write('devices/n1/block', '01\n'))).toBe('EINVAL');
    expect(await writeThenRead(e, 'devices/n1/block', '0 \n')).toEqual(['ok', '0 0\n']);
  });
});

describe('identifiers', () => {
  it('naa_id/eui64_id drop only a lower-case 0x and show lower case; "0x" then a newline is EINVAL for naa_id', async () => {
    const e = host();
    await nullio(e);
    expect(await outcome(e.write('devices/n1/naa_id', '0X6001405123456789ABCDEF0123456789\n'))).toBe('EINVAL');
    expect(await writeThenRead(e, 'devices/n1/eui64_id', '0x0011AABBCCDDEEFF\n')).toEqual(['ok', '0x0011aabbccddeeff\n[key]\n']);
    expect(await outcome(e.write('devices/n1/naa_id', '0x\n'))).toBe('EINVAL');
    expect(await writeThenRead(e, 'devices/n1/eui64_id', '0x\n')).toEqual(['ok', '\n']);
  });
});

describe('add_device: which fault decides the errno', () => {
  it('parameters are checked one at a time: an early overflow beats a later missing value', async () => {
    const e = host();
    expect(await outcome(e.write(NULLIO, 'add_device n1 read_only=99999999999999999999;tst\n'))).toBe('ERANGE');
    expect(lastLogs(e)[0]).toBe('dev_vdisk: ***ERROR***: strtoll() for 99999999999999999999 failed: -34 (device n1)');
    // Unknown name first, before its missing value.
    expect(await outcome(e.write(NULLIO, 'add_device n1 bogus\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe('dev_vdisk: ***ERROR***: Unknown parameter bogus (device n1)');
  });

  it('vdisk_fileio has no list: an unknown name is refused only after its value parsed (ERANGE wins)', async () => {
    const e = host();
    expect(await outcome(e.write(FILEIO, 'add_device f1 filename=/img/d1.img;bogus=99999999999999999999\n'))).toBe('ERANGE');
    expect(await outcome(e.write(FILEIO, 'add_device f1 filename=/img/d1.img;bogus=1\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe('dev_vdisk: ***ERROR***: Unknown parameter bogus (device f1)');
  });

  it('parameter faults come before the backing file: a bad block size or unknown name with a missing file is EINVAL', async () => {
    const e = host();
    expect(await outcome(e.write(FILEIO, 'add_device f1 filename=/img/none.img;blocksize=256\n'))).toBe('EINVAL');
    expect(await outcome(e.write(BLOCKIO, 'add_device b1 filename=/dev/none;o_direct=1\n'))).toBe('EINVAL');
    expect(await outcome(e.write(FILEIO, 'add_device f1 filename=/img/none.img;read_only=1;write_through=1\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe('dev_vdisk: ***ERROR***: Write options on read only device f1');
    expect(await outcome(e.write(FILEIO, 'add_device f1 filename=/img/none.img\n'))).toBe('ENOENT');
  });

  it('block size: the value is an int (2^32 + 4096 is 4096, 2^32 is 512), a power of two warns once per load', async () => {
    const e = host();
    await nullio(e, 'n1', 'blocksize=4294971392');
    expect(await e.read('devices/n1/blocksize')).toBe('4096\n[key]\n');
    await nullio(e, 'n2', 'blocksize=4294967296');
    expect(await e.read('devices/n2/blocksize')).toBe('512\n');
    await nullio(e, 'n3', 'blocksize=1000');
    await nullio(e, 'n4', 'blocksize=3000');
    expect(e.kernelLog().filter((l) => l.startsWith('WARNING:'))).toHaveLength(1);
    expect(await outcome(e.write(NULLIO, 'add_device n5 blocksize=256\n'))).toBe('EINVAL');
    expect(lastLogs(e, 2)).toEqual(['scst: ***ERROR***: Wrong sector size 256', 'dev_vdisk: ***ERROR***: blocksize 256 too small']);
  });

  it('numa_node_id and dif_type are ints: 4294967295 is node -1; dif_type 4294967297 is type 1', async () => {
    const e = host();
    await nullio(e, 'n1', 'numa_node_id=4294967295');
    expect(await e.read('devices/n1/numa_node_id')).toBe('-1\n');
    expect(await outcome(e.write(NULLIO, 'add_device n2 numa_node_id=2147483648\n'))).toBe('EINVAL');
    await nullio(e, 'n3', 'dif_type=4294967297;dif_mode=tgt|;dif_static_app_tag=0x123456789');
    expect(await e.read('devices/n3/dif_type')).toBe('1\n[key]\n');
    expect(await e.read('devices/n3/dif_mode')).toBe('tgt\n[key]\n');
    expect(await e.read('devices/n3/dif_static_app_tag')).toBe('0x6789\n[key]\n');
  });

  it('the name checks come in the core order: "/" before ".", the PR directory before a name another handler holds', async () => {
    const e = new Emulator({ useRealFileSystem: false, modules: ['scst', 'scst_vdisk', 'scst_disk'], scsiDevices: [{ hctl: '2:0:0:0', type: 0 }] });
    expect(await outcome(e.write(NULLIO, 'add_device a.b/c\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe("scst: ***ERROR***: Dev name a.b/c contains illegal character '/'");
    e.setPrDirectory(false);
    expect(await outcome(e.write(NULLIO, 'add_device 2:0:0:0\n'))).toBe('ENOENT');
    e.setPrDirectory(true);
    expect(await outcome(e.write(NULLIO, 'add_device 2:0:0:0\n'))).toBe('EEXIST');
  });

  it('a file on a read-only file system: the size probe reads it, the read-write open fails EROFS unless read_only=1', async () => {
    const e = host();
    e.addHostFile('/ro/disk.img', { kind: 'file', size: 8 * MiB, readOnly: true });
    expect(await outcome(e.write(FILEIO, 'add_device f1 filename=/ro/disk.img\n'))).toBe('EROFS');
    expect(await outcome(e.read('devices/f1/size'))).toBe('ENOENT@open');
    await e.write(FILEIO, 'add_device f1 filename=/ro/disk.img;read_only=1\n');
    expect(await e.read('devices/f1/size')).toBe(`${8 * MiB}\n[key]\n`);
  });

  it('keeps the backing size exact instead of rounding it to the block size', async () => {
    const e = host();
    e.addHostFile('/img/odd.img', { kind: 'file', size: 1000 });
    await e.write(FILEIO, 'add_device f1 filename=/img/odd.img\n');
    expect(await e.read('devices/f1/size')).toBe('1000\n[key]\n');
  });
});

describe('pass-through add_device (sscanf "%u:%u:%u:%llu")', () => {
  const scsiHost = (): Emulator => new Emulator({ useRealFileSystem: false, modules: ['scst', 'scst_disk', 'scst_tape'],
    scsiDevices: [{ hctl: '1:0:0:0', type: 0 }, { hctl: '3:0:1:0', type: 1 }] });

  it('reads decimal numbers: 01:0:0:0 and 1:0:0:0x name the same device; 4294967297 wraps to 1', async () => {
    const e = scsiHost();
    await e.write('handlers/dev_disk/mgmt', 'add_device 01:0:0:0\n');
    expect(await e.readlink('devices/1:0:0:0/handler')).toBe('../../handlers/dev_disk');
    await e.write('handlers/dev_disk/mgmt', 'del_device 1:0:0:0x\n');
    await e.write('handlers/dev_disk/mgmt', 'add_device 4294967297:0:0:0\n');
    expect(await e.readlink('devices/1:0:0:0/handler')).toBe('../../handlers/dev_disk');
  });

  it('checks the device before the verb: an unknown verb on a wrong-type device is the type error', async () => {
    const e = scsiHost();
    expect(await outcome(e.write('handlers/dev_disk/mgmt', 'frob 3:0:1:0\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe('scst: ***ERROR***: Type 1 of device 3:0:1:0 differs from type 0 of dev handler dev_disk');
    expect(await outcome(e.write('handlers/dev_disk/mgmt', 'add_device 0x1:0:0:0\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe('scst: ***ERROR***: Syntax error on "add_device"');
  });
});

describe('LUN parameters (scst_parse_add_repl_param)', () => {
  it('parses each value with kstrtoul before looking at its name, so an overflowing unknown parameter is ERANGE', async () => {
    const e = host();
    await nullio(e);
    await e.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.t:x\n');
    const luns = 'targets/iscsi/iqn.2024-01.t:x/luns/mgmt';
    expect(await outcome(e.write(luns, 'add n1 0 bogus=99999999999999999999\n'))).toBe('ERANGE');
    expect(lastLogs(e)[0]).toBe('scst: ***ERROR***: kstrtoul() for 99999999999999999999 failed: -34 (device n1)');
    expect(await outcome(e.write(luns, 'add n1 99999999999999999999\n'))).toBe('ERANGE');
    expect(lastLogs(e)[0]).toBe('scst: ***ERROR***: Valid LUN required for dev n1 (res -34)');
    expect(await outcome(e.write(luns, 'add n1 0 read_only=1;bogus\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe('scst: ***ERROR***: Parameter bogus value missed for device n1');
    expect(await outcome(e.write(luns, 'add  0\n'))).toBe('EINVAL');
    await e.write(luns, 'add n1 0 READ_ONLY=0x10\n');
    expect(await e.read('targets/iscsi/iqn.2024-01.t:x/luns/0/read_only')).toBe('1\n[key]\n');
  });
});

describe('target rel_tgt_id (scst_rel_tgt_id_store)', () => {
  it('is parsed before the work: an overflow is EINVAL ("Wrong rel_tgt_id") and leaves last_sysfs_mgmt_res alone', async () => {
    const e = host();
    await e.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.t:x\n');
    await e.write('targets/iscsi/iqn.2024-01.t:x/rel_tgt_id', '7\n');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('0\n');
    expect(await outcome(e.write('targets/iscsi/iqn.2024-01.t:x/rel_tgt_id', '99999999999999999999\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe('scst: ***ERROR***: Wrong rel_tgt_id');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('0\n');
    expect(await outcome(e.write('targets/iscsi/iqn.2024-01.t:x/rel_tgt_id', '65536\n'))).toBe('EINVAL');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-22\n');
  });
});

describe('inquiry strings', () => {
  it('count bytes and name the limit as each store prints it', async () => {
    const e = host();
    await nullio(e);
    expect(await outcome(e.write('devices/n1/t10_vend_id', 'ABCDEFGHI\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe('dev_vdisk: ***ERROR***: T10 vendor id is too long (max 9 characters)');
    expect(await outcome(e.write('devices/n1/prod_rev_lvl', '12345\n'))).toBe('EINVAL');
    expect(lastLogs(e)[0]).toBe('dev_vdisk: ***ERROR***: Product revision level is too long (max 5 characters)');
    // Nine bytes in four characters.
    expect(await outcome(e.write('devices/n1/t10_vend_id', 'ééé€\n'))).toBe('EINVAL');
  });
});
