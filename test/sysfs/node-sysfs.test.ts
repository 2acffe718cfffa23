/**
 * The real adapter against an ordinary temporary directory: what it reads, the one write it
 * makes (never creating or truncating), listings with types, modes and link texts, and the
 * errno of each failure with the place it came from. Tests run as root, so they use failures
 * root meets too (missing paths, directories) rather than permission bits.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeSysfs, compareBytes } from '../../src/sysfs/node-sysfs.js';
import { SysfsError } from '../../src/sysfs/types.js';

let root: string;
let sysfs: NodeSysfs;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'node-sysfs-'));
  mkdirSync(join(root, 'devices/d1/exported'), { recursive: true });
  mkdirSync(join(root, 'handlers/vdisk_fileio'), { recursive: true });
  writeFileSync(join(root, 'devices/d1/blocksize'), '512\n[key]\n');
  chmodSync(join(root, 'devices/d1/blocksize'), 0o444);
  writeFileSync(join(root, 'devices/d1/t10_dev_id'), 'abcdef-d1\n');
  writeFileSync(join(root, 'devices/d1/sync'), '');
  chmodSync(join(root, 'devices/d1/sync'), 0o200);
  symlinkSync('../../handlers/vdisk_fileio', join(root, 'devices/d1/handler'));
  symlinkSync('../../devices/d1', join(root, 'handlers/vdisk_fileio/d1'));
  sysfs = new NodeSysfs(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<SysfsError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SysfsError);
  return error as SysfsError;
}

describe('NodeSysfs', () => {
  it('reads whole files, byte for byte', async () => {
    expect(await sysfs.read('devices/d1/blocksize')).toBe('512\n[key]\n');
    expect(sysfs.description).toBe(root);
  });

  it('writes exactly the given bytes over the old content, without a newline of its own', async () => {
    await sysfs.write('devices/d1/t10_dev_id', 'new');
    // sysfs would hand "new" to the store; a regular file shows that only those bytes were written.
    expect(readFileSync(join(root, 'devices/d1/t10_dev_id'), 'utf8')).toBe('newdef-d1\n');
  });

  it('never creates a file: writing a missing attribute fails ENOENT at open', async () => {
    const error = await failure(sysfs.write('devices/d1/vend_id', 'LABVEND\n'));
    expect(error).toMatchObject({ errno: 'ENOENT', op: 'write', at: 'open', path: 'devices/d1/vend_id', data: 'LABVEND\n' });
    expect(existsSync(join(root, 'devices/d1/vend_id'))).toBe(false);
  });

  it('fails with EISDIR for a directory, and ENOENT/ENOTDIR for paths that cannot exist', async () => {
    expect(await failure(sysfs.read('devices/d1'))).toMatchObject({ errno: 'EISDIR', op: 'read' });
    expect(await failure(sysfs.write('devices/d1', '1'))).toMatchObject({ errno: 'EISDIR', at: 'open' });
    expect(await failure(sysfs.read('devices/nosuch/size'))).toMatchObject({ errno: 'ENOENT', at: 'open' });
    expect(await failure(sysfs.list('devices/d1/blocksize'))).toMatchObject({ errno: 'ENOTDIR', op: 'list' });
    expect(await failure(sysfs.readlink('devices/d1/blocksize'))).toMatchObject({ errno: 'EINVAL', op: 'readlink' });
  });

  it('lists entries in byte order with types, file modes and link texts', async () => {
    writeFileSync(join(root, 'devices/d1/Zeta'), '');
    const entries = await sysfs.list('devices/d1');
    expect(entries.map((e) => e.name)).toEqual(['Zeta', 'blocksize', 'exported', 'handler', 'sync', 't10_dev_id']);
    expect(entries.find((e) => e.name === 'blocksize')).toEqual({ name: 'blocksize', type: 'file', mode: 0o444 });
    expect(entries.find((e) => e.name === 'sync')).toEqual({ name: 'sync', type: 'file', mode: 0o200 });
    expect(entries.find((e) => e.name === 'exported')).toEqual({ name: 'exported', type: 'dir' });
    expect(entries.find((e) => e.name === 'handler')).toEqual({ name: 'handler', type: 'link', target: '../../handlers/vdisk_fileio' });
    expect((await sysfs.list('')).map((e) => e.name)).toEqual(['devices', 'handlers']);
  });

  it('reads link texts as the kernel wrote them, and tests existence without following links', async () => {
    expect(await sysfs.readlink('handlers/vdisk_fileio/d1')).toBe('../../devices/d1');
    symlinkSync('../nowhere', join(root, 'dangling'));
    expect(await sysfs.exists('dangling')).toBe(true);
    expect(await sysfs.exists('devices/d1/blocksize')).toBe(true);
    expect(await sysfs.exists('devices/nosuch')).toBe(false);
    expect(await sysfs.exists('')).toBe(true);
    expect(await new NodeSysfs(join(root, 'missing')).exists('')).toBe(false);
  });

  it('compares names in byte order, as the kernel sorts them', () => {
    expect(['b', 'B', '3', '16383', 'é', 'a'].sort(compareBytes)).toEqual(['16383', '3', 'B', 'a', 'b', 'é']);
  });
});
