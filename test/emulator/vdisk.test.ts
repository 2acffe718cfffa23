import { describe, expect, it } from 'vitest';
import { MiB, host, names, outcome } from './helpers.js';

const FILEIO = 'handlers/vdisk_fileio/mgmt';
const BLOCKIO = 'handlers/vdisk_blockio/mgmt';
const NULLIO = 'handlers/vdisk_nullio/mgmt';
const VCDROM = 'handlers/vcdrom/mgmt';

describe('add_device grammar and checks', () => {
  it('creates a fileio device with generated identities, a handler link and a copy-manager LUN', async () => {
    const e = host();
    await e.write(FILEIO, 'add_device d1 filename=/img/d1.img\n');
    expect(await e.read('devices/d1/size')).toBe(`${64 * MiB}\n[key]\n`);
    expect(await e.read('devices/d1/size_mb')).toBe('64\n');
    expect(await e.read('devices/d1/t10_dev_id')).toBe('eb135523-d1\n');
    expect(await e.read('devices/d1/filename')).toBe('/img/d1.img\n[key]\n\n');
    expect(await e.readlink('devices/d1/handler')).toBe('../../handlers/vdisk_fileio');
    expect(await e.readlink('handlers/vdisk_fileio/d1')).toBe('../../devices/d1');
    expect(await e.readlink('devices/d1/exported/export0')).toBe('../../../targets/copy_manager/copy_manager_tgt/luns/0');
    expect(await e.readlink('targets/copy_manager/copy_manager_tgt/luns/0/device')).toBe('../../../../../devices/d1');
  });

  it('shares one namespace over the vdisk handlers and deletes through any of them', async () => {
    const e = host();
    await e.write(FILEIO, 'add_device d1 filename=/img/d1.img\n');
    expect(await outcome(e.write(NULLIO, 'add_device d1\n'))).toBe('EEXIST');
    await e.write(NULLIO, 'del_device d1\n');
    expect(await names(e, 'devices')).toEqual([]);
    expect(await names(e, 'targets/copy_manager/copy_manager_tgt/luns')).toEqual(['mgmt']);
  });

  it.each([
    ['add_device d2\n', 'EINVAL'],
    ['add_device d2 filename=relative.img\n', 'EINVAL'],
    ['add_device d2 filename=/img/none.img\n', 'ENOENT'],
    ['add_device d2 filename=/img\n', 'EINVAL'],
    ['add_device d2 filename=/img/d1.img;bogus=1\n', 'EINVAL'],
    ['add_device d2 filename=/img/d1.img;read_only\n', 'EINVAL'],
    ['add_device d2 filename=/img/d1.img;read_only=1;nv_cache=1\n', 'EINVAL'],
    ['add_device d2 filename=/img/d1.img;o_direct=1\n', 'EINVAL'],
    ['add_device d2 filename=/img/d1.img;blocksize=256\n', 'EINVAL'],
    ['add_device d2 filename=/img/d1.img;tst=2\n', 'EINVAL'],
    ['add_device d2 filename=/img/d1.img;filename=/img/d1.img\n', 'EINVAL'],
    ['add_device d2 filename=/img/d1.img;t10_dev_id=abcdefghijabcdefghijabcdef\n', 'EINVAL'],
    ['add_device dev.x filename=/img/d1.img\n', 'EINVAL'],
    ['add_device dev/x filename=/img/d1.img\n', 'EINVAL'],
    [`add_device ${'x'.repeat(65)} filename=/img/d1.img\n`, 'EINVAL'],
    ['add_device\n', 'EINVAL'],
    ['\n', 'EINVAL'],
    ['add_devices d2 filename=/img/d1.img\n', 'EINVAL'],
  ])('fileio %j → %s, leaving nothing behind', async (command, errno) => {
    const e = host();
    expect(await outcome(e.write(FILEIO, command))).toBe(errno);
    expect(await names(e, 'devices')).toEqual([]);
    expect(await names(e, 'targets/copy_manager/copy_manager_tgt/luns')).toEqual(['mgmt']);
  });

  it('accepts 64-byte names, odd characters, any verb case, and an empty write as a no-op', async () => {
    const e = host();
    await e.write(FILEIO, `add_device ${'y'.repeat(64)} filename=/img/d1.img`);
    await e.write(FILEIO, 'ADD_DEVICE dev;semi filename=/img/d1.img;;\n');
    await e.write(FILEIO, '  add_device   d:c   filename=/img/d1.img  \n');
    await e.write(FILEIO, '');
    expect(await names(e, 'devices')).toEqual(['d:c', 'dev;semi', 'y'.repeat(64)]);
  });

  it('rounds a non-power-of-two block size down and logs the kernel warning', async () => {
    const e = host();
    await e.write(FILEIO, 'add_device d5 filename=/img/d1.img;blocksize=1000\n');
    expect(await e.read('devices/d5/blocksize')).toBe('512\n');
    expect(e.kernelLog().some((line) => line.startsWith('WARNING:') && line.includes('scst_calc_block_shift'))).toBe(true);
    await e.write(FILEIO, 'add_device d6 filename=/img/d1.img;blocksize=4096\n');
    expect(await e.read('devices/d6/blocksize')).toBe('4096\n[key]\n');
  });

  it('blockio needs a block device (ENOTBLK on a regular file) and rejects fileio-only parameters', async () => {
    const e = host();
    expect(await outcome(e.write(BLOCKIO, 'add_device b1 filename=/img/d1.img\n'))).toBe('ENOTBLK');
    expect(await outcome(e.write(BLOCKIO, 'add_device b1 filename=/dev/ram0;async=1\n'))).toBe('EINVAL');
    await e.write(BLOCKIO, 'add_device b1 filename=/dev/ram0\n');
    expect(await e.read('devices/b1/t10_vend_id')).toBe('SCST_BIO\n');
    expect(await e.read('devices/b1/bind_alua_state')).toBe('1\n');
    expect(await e.read('devices/b1/threads_num')).toBe('1\n');
  });

  it('a block device held by one vdisk_blockio device cannot be opened by a second (EBUSY, torn down again)', async () => {
    const e = host();
    await e.write(BLOCKIO, 'add_device b1 filename=/dev/ram0\n');
    const before = e.kernelLog().length;
    expect(await outcome(e.write(BLOCKIO, 'add_device b2 filename=/dev/ram0\n'))).toBe('EBUSY');
    expect(e.kernelLog().slice(before)).toEqual([
      "[1000]: dev_vdisk: Registering virtual vdisk_blockio device b2 (BLOCKIO, ROTATIONAL)",
      expect.stringMatching(/^\[1000\]: dev_vdisk: Attached SCSI target virtual disk b2 \(file="\/dev\/ram0", /),
      "[1000]: scst: ***ERROR***: Device handler's vdisk_blockio attach_tgt() failed: -16",
      '[1000]: dev_vdisk: Detached virtual device b2 ("/dev/ram0")',
    ]);
    expect(await names(e, 'devices')).toEqual(['b1']);
    // read_only opens are exclusive too; a fileio device shares the path (no exclusive claim).
    expect(await outcome(e.write(BLOCKIO, 'add_device b2 filename=/dev/ram0;read_only=1\n'))).toBe('EBUSY');
    await e.write(FILEIO, 'add_device f1 filename=/dev/ram0\n');
    // Once the holder is gone, the block device is free again.
    await e.write(BLOCKIO, 'del_device b1\n');
    await e.write(BLOCKIO, 'add_device b2 filename=/dev/ram0\n');
    expect(await names(e, 'devices')).toEqual(['b2', 'f1']);
  });

  it('flag parameters keep the low bit as the kernel\'s one-bit fields do; async is !!value', async () => {
    const e = host();
    const readOnly = async (name: string, value: string) => {
      await e.write(NULLIO, `add_device ${name} read_only=${value}\n`);
      return e.read(`devices/${name}/read_only`);
    };
    expect(await readOnly('r2', '2')).toBe('0\n');
    expect(await readOnly('r3', '3')).toBe('1\n[key]\n');
    expect(await readOnly('rx10', '0x10')).toBe('0\n');
    expect(await readOnly('rx11', '0x11')).toBe('1\n[key]\n');
    expect(await readOnly('r017', '017')).toBe('1\n[key]\n');
    // 08 is an octal number with a digit 8: kstrtoull refuses it.
    expect(await outcome(e.write(NULLIO, 'add_device r08 read_only=08\n'))).toBe('EINVAL');
    expect(await outcome(e.write(NULLIO, 'add_device rbig read_only=18446744073709551616\n'))).toBe('ERANGE');
    await e.write(FILEIO, 'add_device f1 filename=/img/d1.img;o_direct=2;async=2\n');
    expect(await e.read('devices/f1/o_direct')).toBe('0\n');
    await e.write(FILEIO, 'add_device f2 filename=/img/d1.img;o_direct=1;async=2\n');
    expect(await e.read('devices/f2/async')).toBe('1\n[key]\n');
  });

  it('size_mb is multiplied without an overflow check: 2^44 MiB wraps to 0 bytes', async () => {
    const e = host();
    await e.write(NULLIO, 'add_device w1 size_mb=17592186044416\n');
    expect(await e.read('devices/w1/size')).toBe('0\n[key]\n');
    await e.write(NULLIO, 'add_device w2 size_mb=17592186044417\n');
    expect(await e.read('devices/w2/size')).toBe(`${MiB}\n[key]\n`);
  });

  it('nullio sizes: default 2.5 TiB without key, size/size_mb parameters, multiples of the block size', async () => {
    const e = host();
    await e.write(NULLIO, 'add_device n1\n');
    expect(await e.read('devices/n1/size')).toBe('2748779069440\n');
    await e.write(NULLIO, 'add_device n2 size_mb=100;blocksize=4096;dummy=1\n');
    expect(await e.read('devices/n2/size')).toBe(`${100 * MiB}\n[key]\n`);
    expect(await e.read('devices/n2/dummy')).toBe('1\n[key]\n');
    expect(await outcome(e.write(NULLIO, 'add_device n3 size=1000\n'))).toBe('EINVAL');
    expect(await outcome(e.write(NULLIO, 'add_device n3 size=-1\n'))).toBe('EINVAL');
    expect(await outcome(e.write(NULLIO, 'add_device n3 size=99999999999999999999\n'))).toBe('ERANGE');
    expect(await outcome(e.write(NULLIO, 'add_device n3 filename=/img/d1.img\n'))).toBe('EINVAL');
    await e.write('devices/n1/size_mb', '10\n');
    expect(await e.read('devices/n1/size')).toBe(`${10 * MiB}\n[key]\n`);
    expect(await outcome(e.write('devices/n1/size', '1000\n'))).toBe('EINVAL');
  });

  it('vcdrom starts empty, takes media through filename and ejects with an empty line', async () => {
    const e = host();
    await e.write(VCDROM, 'add_device c1\n');
    expect(await e.read('devices/c1/filename')).toBe('none\n\n');
    expect(await e.read('devices/c1/size')).toBe('0\n[key]\n');
    expect(await outcome(e.read('devices/c1/blocksize'))).toBe('ENOENT@open');
    expect(await outcome(e.write('devices/c1/filename', '/img/none.iso\n'))).toBe('ENOENT');
    await e.write('devices/c1/filename', '/img/cd.iso\n');
    expect(await e.read('devices/c1/filename')).toBe('/img/cd.iso\n[key]\n\n');
    expect(await e.read('devices/c1/size')).toBe(`${8 * MiB}\n[key]\n`);
    await e.write('devices/c1/filename', '\n');
    expect(await e.read('devices/c1/filename')).toBe('none\n\n');
    expect(await outcome(e.write(VCDROM, 'add_device c2 filename=/img/cd.iso\n'))).toBe('EINVAL');
  });

  it('fails every add_device with ENOENT while the PR directory is missing', async () => {
    const e = host({ prDirectory: false });
    expect(await outcome(e.write(NULLIO, 'add_device n1\n'))).toBe('ENOENT');
    e.setPrDirectory(true);
    expect(await outcome(e.write(NULLIO, 'add_device n1\n'))).toBe('ok');
  });

  it('copy-manager LUN numbers come from a counter that is never rewound', async () => {
    const e = host();
    await e.write(NULLIO, 'add_device n1\n');
    await e.write(NULLIO, 'add_device n2\n');
    await e.write(NULLIO, 'del_device n1\n');
    await e.write(NULLIO, 'del_device n2\n');
    await e.write(NULLIO, 'add_device n3\n');
    expect(await names(e, 'targets/copy_manager/copy_manager_tgt/luns')).toEqual(['2', 'mgmt']);
  });
});

describe('device attributes', () => {
  it('marks identity values [key] once written and refuses over-long ones, keeping the old value', async () => {
    const e = host();
    await e.write(NULLIO, 'add_device n1\n');
    await e.write('devices/n1/prod_id', 'LAB DISK\n');
    expect(await e.read('devices/n1/prod_id')).toBe('LAB DISK\n[key]\n');
    expect(await outcome(e.write('devices/n1/prod_id', '0123456789abcdefXYZ\n'))).toBe('EINVAL');
    expect(await e.read('devices/n1/prod_id')).toBe('LAB DISK\n[key]\n');
    expect(await outcome(e.write('devices/n1/usn', `${'u'.repeat(21)}\n`))).toBe('EINVAL');
    await e.write('devices/n1/t10_dev_id', 'new-id\n');
    expect(await e.read('devices/n1/t10_dev_id')).toBe('new-id\n[key]\n');
    expect(await e.read('devices/n1/vend_specific_id')).toBe('9c2d39eb-n1\n');
  });

  it('eui64_id and naa_id take exact hex forms; empty clears', async () => {
    const e = host();
    await e.write(NULLIO, 'add_device n1\n');
    await e.write('devices/n1/eui64_id', '0x0011223344556677\n');
    expect(await e.read('devices/n1/eui64_id')).toBe('0x0011223344556677\n[key]\n');
    expect(await outcome(e.write('devices/n1/eui64_id', '0x00112233\n'))).toBe('EINVAL');
    expect(await outcome(e.write('devices/n1/naa_id', '0x6001405123456789\n'))).toBe('EINVAL');
    await e.write('devices/n1/naa_id', '5001405123456789\n');
    expect(await e.read('devices/n1/naa_id')).toBe('0x5001405123456789\n[key]\n');
    await e.write('devices/n1/eui64_id', '\n');
    expect(await e.read('devices/n1/eui64_id')).toBe('\n');
  });

  it('read-only attributes fail at open with EACCES, write-only ones on read', async () => {
    const e = host();
    await e.write(FILEIO, 'add_device d1 filename=/img/d1.img\n');
    for (const name of ['blocksize', 'read_only', 'size', 'type', 'nv_cache', 'thin_provisioned']) {
      expect(await outcome(e.write(`devices/d1/${name}`, '1\n'))).toBe('EACCES@open');
    }
    expect(await outcome(e.read('devices/d1/resync_size'))).toBe('EACCES@open');
    expect(await outcome(e.read('devices/d1/vend_id'))).toBe('ENOENT@open');
  });

  it('filename changes only while inactive; resync_size re-reads the backing size', async () => {
    const e = host();
    await e.write(FILEIO, 'add_device d1 filename=/img/d1.img\n');
    expect(await outcome(e.write('devices/d1/filename', '/img/cd.iso\n'))).toBe('EINVAL');
    e.addHostFile('/img/d1.img', { kind: 'file', size: 128 * MiB });
    expect(await e.read('devices/d1/size_mb')).toBe('64\n');
    await e.write('devices/d1/resync_size', '1\n');
    expect(await e.read('devices/d1/size')).toBe(`${128 * MiB}\n[key]\n`);
    await e.write('devices/d1/active', '0\n');
    expect(await e.read('devices/d1/active')).toBe('0\n[key]\n');
    await e.write('devices/d1/filename', ' /img/cd.iso \n');
    expect(await e.read('devices/d1/filename')).toBe('/img/cd.iso\n[key]\n\n');
    expect(await outcome(e.write('devices/d1/resync_size', '1\n'))).toBe('EMEDIUMTYPE');
  });

  it('threads_num/threads_pool_type: [key] when changed, Async for 0 threads, prefix words', async () => {
    const e = host();
    await e.write(FILEIO, 'add_device d1 filename=/img/d1.img\n');
    expect(await e.read('devices/d1/threads_num')).toBe('8\n');
    await e.write('devices/d1/threads_pool_type', 'sh');
    expect(await e.read('devices/d1/threads_pool_type')).toBe('shared\n[key]\n');
    expect(await outcome(e.write('devices/d1/threads_pool_type', 'bogus\n'))).toBe('EINVAL');
    expect(await outcome(e.write('devices/d1/threads_num', '-1\n'))).toBe('EINVAL');
    await e.write('devices/d1/threads_num', '0\n');
    expect(await e.read('devices/d1/threads_pool_type')).toBe('Async\n');
  });

  it('thin provisioning adds the write-only UA file; DIF files appear only when DIF is active', async () => {
    const e = host();
    await e.write(FILEIO, 'add_device d1 filename=/img/d1.img;thin_provisioned=1\n');
    expect((await e.list('devices/d1')).find((x) => x.name === 'gen_tp_soft_threshold_reached_UA')?.mode).toBe(0o200);
    expect(await outcome(e.write(NULLIO, 'add_device n1 dif_mode=tgt\n'))).toBe('EINVAL');
    await e.write(NULLIO, 'add_device n1 dif_mode=tgt|scst;dif_type=1\n');
    expect(await e.read('devices/n1/dif_mode')).toBe('tgt|scst\n[key]\n');
    expect(await e.read('devices/n1/dif_static_app_tag')).toBe('0x0\n');
  });
});
