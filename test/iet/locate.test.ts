/**
 * migrate-iet reads only regular files: a FIFO would block the read forever and a device like
 * /dev/zero would never end, so either is refused in one line before it is opened.
 */
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { locateSources, readOrExplain } from '../../src/iet/locate.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');

let scratch: string;
let fifo: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'iet-locate-'));
  fifo = join(scratch, 'ietd.fifo');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function refusal(path: string): Promise<UserError> {
  const error = await readOrExplain(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('readOrExplain refuses what is not a regular file', () => {
  it('a FIFO is refused without being opened (opening it for reading would block)', async () => {
    const error = await refusal(fifo);
    expect([error.object, error.message, error.exitCode, error.code]).toEqual([fifo, 'cannot read: is a pipe, not a regular file', 2, 'IET_FILE_UNREADABLE']);
  });

  it('a directory is refused with the same one-line message', async () => {
    const error = await refusal(scratch);
    expect([error.object, error.message, error.exitCode]).toEqual([scratch, 'cannot read: is a directory, not a regular file', 2]);
  });

  it('a regular file is read', async () => {
    const file = join(scratch, 'ietd.conf');
    writeFileSync(file, 'Target iqn.2001-04.com.example:t1\n');
    expect((await readOrExplain(file)).toString()).toBe('Target iqn.2001-04.com.example:t1\n');
  });

  it('a FIFO at a default location is an error, not read', async () => {
    const root = join(scratch, 'host');
    mkdirSync(join(root, 'etc', 'iet'), { recursive: true });
    execFileSync('mkfifo', [join(root, 'etc', 'iet', 'ietd.conf')]);
    const error = await locateSources({ root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect([(error as UserError).object, (error as UserError).message]).toEqual(['/etc/iet/ietd.conf', 'cannot read: is a pipe, not a regular file']);
  });
});

describe('migrate-iet on a FIFO (built binary)', () => {
  it('exits 2 with one line naming the file', async () => {
    const run = await execa('node', [BIN, 'migrate-iet', fifo], { reject: false, env: { NO_COLOR: '1' }, timeout: 20_000 });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`scstadmin-ts: ${fifo}: cannot read: is a pipe, not a regular file`);
  });
});
