import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupDirFor, readConfFile, writeConfFile } from '../../src/conf/files.js';
import { UserError } from '../../src/errors.js';
import { formatFile } from '../../src/conf/workflows.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'scst-conf-'));

describe('writeConfFile', () => {
  it('creates the file with mode 0600 whatever the umask, and leaves no temporary file', async () => {
    const d = dir();
    const file = path.join(d, 'scst.conf');
    const old = process.umask(0o000);
    try {
      const result = await writeConfFile(file, 'threads 4\n');
      expect(result).toEqual({ path: file, changed: true });
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('threads 4\n');
    expect(readdirSync(d)).toEqual(['scst.conf']);
  });

  it('does not touch a file whose content would not change', async () => {
    const d = dir();
    const file = path.join(d, 'scst.conf');
    writeFileSync(file, 'threads 4\n');
    chmodSync(file, 0o640);
    const before = statSync(file).mtimeMs;
    expect(await writeConfFile(file, 'threads 4\n')).toEqual({ path: file, changed: false });
    expect(statSync(file).mtimeMs).toBe(before);
    expect(readdirSync(d)).toEqual(['scst.conf']);
  });

  it('keeps the previous versions, timestamped, the last ten only, mode 0600', async () => {
    const d = dir();
    const file = path.join(d, 'scst.conf');
    writeFileSync(file, 'version 0\n', { mode: 0o644 });
    let clock = Date.UTC(2026, 0, 1);
    for (let i = 1; i <= 13; i += 1) {
      const result = await writeConfFile(file, `version ${i}\n`, { now: () => new Date((clock += 1000)) });
      expect(result.backup).toBeDefined();
      expect(readFileSync(result.backup!, 'utf8')).toBe(`version ${i - 1}\n`);
    }
    const backups = readdirSync(backupDirFor(file)).sort();
    expect(backups).toHaveLength(BACKUPS_KEPT);
    expect(readFileSync(path.join(backupDirFor(file), backups[0]!), 'utf8')).toBe('version 3\n');
    expect(backups[0]).toMatch(/^scst\.conf\.20260101T\d{6}\d{3}Z$/);
    for (const b of backups) expect(statSync(path.join(backupDirFor(file), b)).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('version 13\n');
  });

  it('writes through a symlink and keeps the link', async () => {
    const d = dir();
    const real = path.join(d, 'real.conf');
    const link = path.join(d, 'scst.conf');
    writeFileSync(real, 'a 1\n');
    symlinkSync(real, link);
    await writeConfFile(link, 'a 2\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('a 2\n');
  });

  it('fails with the file named when the directory does not exist', async () => {
    await expect(writeConfFile('/nonexistent-dir/x/scst.conf', 'a\n')).rejects.toBeInstanceOf(UserError);
  });

  it('says in one sentence, without temporary names, why a destination cannot be written (bad input, exit 2)', async () => {
    const d = dir();
    const plain = path.join(d, 'plain');
    writeFileSync(plain, 'x');
    const cases: Array<[string, RegExp]> = [
      [path.join(d, 'missing', 'scst.conf'), /^cannot write: the directory .*missing does not exist$/],
      [path.join(plain, 'scst.conf'), /^cannot write: a part of .*plain is not a directory$/],
      [d, /^cannot write: is a directory/],
    ];
    for (const [file, message] of cases) {
      const error = (await writeConfFile(file, 'a\n').catch((e: unknown) => e)) as UserError;
      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toMatch(message);
      expect(error.message).not.toMatch(/\.tmp/);
      expect(error.exitCode).toBe(2);
    }
    expect(readdirSync(d).sort()).toEqual(['plain']);
  });
});

describe('special files', () => {
  it('never replaces a pipe (or a device) with a regular file: refused as bad input, nothing changed', async () => {
    const d = dir();
    const fifo = path.join(d, 'scst.conf');
    execFileSync('mkfifo', [fifo]);
    const error = (await writeConfFile(fifo, 'a\n').catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('cannot write: this is a pipe, not a config file');
    expect(error.exitCode).toBe(2);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(['scst.conf']);
  });

  it('refuses to read a pipe or a device instead of waiting on it forever', async () => {
    const d = dir();
    const fifo = path.join(d, 'in.conf');
    execFileSync('mkfifo', [fifo]);
    await expect(readConfFile(fifo)).rejects.toThrow('this is a pipe, not a config file');
    await expect(readConfFile('/dev/zero')).rejects.toThrow('this is a character device, not a config file');
  });
});

describe('readConfFile', () => {
  it('names a missing file as bad input (exit 2)', async () => {
    const error = await readConfFile('/nonexistent/scst.conf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).object).toBe('/nonexistent/scst.conf');
  });
});

describe('formatFile (fmt --write)', () => {
  it('counts trailing comments too: dropping them needs --force', async () => {
    const file = path.join(dir(), 'scst.conf');
    const text = 'HANDLER vdisk_nullio {\n\tDEVICE n1 # the boot disk\n}\n';
    writeFileSync(file, text, { mode: 0o600 });
    const refused = (await formatFile(file, { write: true, force: false }).catch((e: unknown) => e)) as UserError;
    expect(refused).toBeInstanceOf(UserError);
    expect(refused.code).toBe('CONF_COMMENTS');
    expect(readFileSync(file, 'utf8')).toBe(text);
    const forced = await formatFile(file, { write: true, force: true });
    expect(forced).toMatchObject({ written: true, droppedComments: 1 });
    expect(readFileSync(file, 'utf8')).not.toContain('boot disk');
  });
});
