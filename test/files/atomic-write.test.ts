/**
 * Replacing a file whole (src/files/atomic-write.ts): the new content under the given mode
 * whatever the umask, the old file untouched when a write fails, no temporary file left
 * behind either way, and a symbolic link kept while the file it names is replaced.
 */
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/files/atomic-write.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-write-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates a file with the mode asked for, whatever the umask', async () => {
    const file = join(dir, 'scst.conf');
    const umask = process.umask(0o077);
    try {
      await writeFileAtomic(file, 'HANDLER vdisk_nullio {\n}\n', { mode: 0o644 });
    } finally {
      process.umask(umask);
    }
    expect(readFileSync(file, 'utf8')).toBe('HANDLER vdisk_nullio {\n}\n');
    expect(statSync(file).mode & 0o7777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['scst.conf']);
  });

  it('replaces a file as a new one (another inode), with the new mode', async () => {
    const file = join(dir, 'scst.conf');
    writeFileSync(file, 'old\n', { mode: 0o644 });
    const before = statSync(file).ino;
    await writeFileAtomic(file, 'new\n', { mode: 0o600, fsync: false });
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).ino).not.toBe(before);
    expect(statSync(file).mode & 0o7777).toBe(0o600);
  });

  it.runIf(process.getuid?.() === 0)('as root, the new file keeps the owner of the one it replaces', async () => {
    const file = join(dir, 'scst.conf');
    writeFileSync(file, 'old\n');
    chownSync(file, 1234, 5678);
    await writeFileAtomic(file, 'new\n', { mode: 0o600 });
    expect(statSync(file)).toMatchObject({ uid: 1234, gid: 5678 });
  });

  it('follows a symbolic link: the file it names is replaced, the link stays', async () => {
    mkdirSync(join(dir, 'real'));
    const real = join(dir, 'real', 'scst.conf');
    writeFileSync(real, 'old\n');
    const link = join(dir, 'scst.conf');
    symlinkSync(real, link);
    await writeFileAtomic(link, 'new\n', { mode: 0o600 });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('new\n');
    expect(readdirSync(join(dir, 'real'))).toEqual(['scst.conf']);
  });

  it('a write that fails at its rename leaves the old files as they were and no temporary file', async () => {
    writeFileSync(join(dir, 'scst.conf'), 'old\n');
    // A folder that is not empty where the rename must put the file: every step before it succeeds.
    const blocked = join(dir, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'inside'), 'x');
    await expect(writeFileAtomic(blocked, 'new\n', { mode: 0o600 })).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
    expect(readFileSync(join(dir, 'scst.conf'), 'utf8')).toBe('old\n');
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'scst.conf']);
  });

  it('reports a folder that does not exist with its errno, creating nothing', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'scst.conf'), 'x', { mode: 0o600 })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('two writes of one file at once leave the second whole', async () => {
    const file = join(dir, 'state.json');
    await Promise.all([writeFileAtomic(file, 'first', { mode: 0o600 }), writeFileAtomic(file, 'second', { mode: 0o600 })]);
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });
});
