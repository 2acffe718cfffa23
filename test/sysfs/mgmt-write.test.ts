import { describe, expect, it } from 'vitest';
import { mgmtCommand } from '../../src/sysfs/mgmt-command.js';
import { errnoForResult, readSettled, writeAttribute, writeMgmt } from '../../src/sysfs/mgmt-write.js';
import { SysfsError } from '../../src/sysfs/types.js';
import { ScriptedSysfs } from './scripted-sysfs.js';
import { UserError } from '../../src/errors.js';

const instant = { sleep: async () => {} };

describe('writeMgmt', () => {
  const line = mgmtCommand('add_device', ['d1'], [{ name: 'filename', value: '/tmp/d1.img' }]);

  it('writes the command once and returns when the store succeeds', async () => {
    const sysfs = new ScriptedSysfs([null]);
    await writeMgmt(sysfs, 'handlers/vdisk_fileio/mgmt', line, instant);
    expect(sysfs.writes).toEqual([{ path: 'handlers/vdisk_fileio/mgmt', data: 'add_device d1 filename=/tmp/d1.img;' }]);
    expect(sysfs.reads).toEqual([]);
  });

  it('on EAGAIN polls last_sysfs_mgmt_res until it answers, reporting progress', async () => {
    const sysfs = new ScriptedSysfs(['EAGAIN'], { last_sysfs_mgmt_res: ['EAGAIN', 'EAGAIN', '0\n'] });
    const progress: number[] = [];
    const slept: number[] = [];
    await writeMgmt(sysfs, 'handlers/vdisk_fileio/mgmt', line, {
      pollIntervalMs: 250,
      onProgress: (ms) => progress.push(ms),
      sleep: async (ms) => void slept.push(ms),
    });
    expect(sysfs.writes).toHaveLength(1);
    expect(sysfs.reads).toEqual(['last_sysfs_mgmt_res', 'last_sysfs_mgmt_res', 'last_sysfs_mgmt_res']);
    expect(progress).toEqual([0, 250]);
    expect(slept).toEqual([250, 250]);
  });

  it('turns a negative result into the matching errno', async () => {
    const sysfs = new ScriptedSysfs(['EAGAIN'], { last_sysfs_mgmt_res: ['-17\n'] });
    const error = await writeMgmt(sysfs, 'handlers/vdisk_fileio/mgmt', line, instant).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SysfsError);
    expect((error as SysfsError).errno).toBe('EEXIST');
    expect((error as SysfsError).op).toBe('write');
    expect((error as SysfsError).data).toBe(line);
  });

  it('gives up after the bounded wait with a timeout error naming the result file', async () => {
    const sysfs = new ScriptedSysfs(['EAGAIN'], { last_sysfs_mgmt_res: Array(10).fill('EAGAIN') });
    const error = await writeMgmt(sysfs, 'targets/iscsi/mgmt', line, { ...instant, pollIntervalMs: 1000, timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('SYSFS_TIMEOUT');
    expect(sysfs.reads).toHaveLength(4);
  });

  it('passes other errors through unchanged, without polling', async () => {
    const sysfs = new ScriptedSysfs(['EBUSY']);
    await expect(writeMgmt(sysfs, 'targets/iscsi/mgmt', line, instant)).rejects.toMatchObject({ errno: 'EBUSY' });
    expect(sysfs.reads).toEqual([]);
  });

  it('reports a result file that holds no number', async () => {
    const sysfs = new ScriptedSysfs(['EAGAIN'], { last_sysfs_mgmt_res: ['garbage\n'] });
    await expect(writeMgmt(sysfs, 'x/mgmt', line, instant)).rejects.toThrow(/not a result number/);
  });
});

describe('writeAttribute', () => {
  it('writes the value with one newline; blanks inside are fine', async () => {
    const sysfs = new ScriptedSysfs([null]);
    await writeAttribute(sysfs, 'devices/d1/prod_id', 'LAB DISK', instant);
    expect(sysfs.writes).toEqual([{ path: 'devices/d1/prod_id', data: 'LAB DISK\n' }]);
  });

  it('refuses line breaks and control characters before writing', async () => {
    const sysfs = new ScriptedSysfs([null]);
    await expect(writeAttribute(sysfs, 'targets/iscsi/t/comment', 'a\nb', instant)).rejects.toMatchObject({ exitCode: 2, object: 'targets/iscsi/t/comment' });
    await expect(writeAttribute(sysfs, 'targets/iscsi/t/comment', 'a\u0000b', instant)).rejects.toThrow(/control character/);
    expect(sysfs.writes).toEqual([]);
  });

  it('settles an asynchronous attribute write (target enabled) through last_sysfs_mgmt_res', async () => {
    const sysfs = new ScriptedSysfs(['EAGAIN'], { last_sysfs_mgmt_res: ['-57\n'] });
    await expect(writeAttribute(sysfs, 'targets/iscsi/t/enabled', '1', instant)).rejects.toMatchObject({ errno: 'EBADSLT' });
  });
});

describe('readSettled and errnoForResult', () => {
  it('retries a read that answers EAGAIN', async () => {
    const sysfs = new ScriptedSysfs([], { 'devices/d1/filename': ['EAGAIN', '/x\n[key]\n\n'] });
    expect(await readSettled(sysfs, 'devices/d1/filename', instant)).toBe('/x\n[key]\n\n');
  });

  it('maps recorded result numbers to errno names', () => {
    expect([-1, -2, -16, -17, -22, -57].map(errnoForResult)).toEqual(['EPERM', 'ENOENT', 'EBUSY', 'EEXIST', 'EINVAL', 'EBADSLT']);
    expect(errnoForResult(-9999)).toBe('EIO');
  });
});

describe('ttySpinner with writeMgmt', () => {
  it('draws progress on a terminal while SCST works, clears it at the end, and stays silent elsewhere', async () => {
    const { ttySpinner } = await import('../../src/ui/spinner.js');
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const spinner = ttySpinner('add_device d1', tty);
    const sysfs = new ScriptedSysfs(['EAGAIN'], { last_sysfs_mgmt_res: ['EAGAIN', '0\n'] });
    await writeMgmt(sysfs, 'handlers/vdisk_fileio/mgmt', mgmtCommand('add_device', ['d1']), { ...instant, onProgress: spinner.onProgress });
    spinner.done();
    expect(written).toEqual(['\r| add_device d1 (waiting for SCST, 0 s)', '\r\u001b[2K']);
    const pipe: string[] = [];
    const quiet = ttySpinner('x', { isTTY: false, write: (s: string) => pipe.push(s) } as unknown as NodeJS.WriteStream);
    quiet.onProgress(1000);
    quiet.done();
    expect(pipe).toEqual([]);
  });
});
