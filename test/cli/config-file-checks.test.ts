/**
 * A tree or a file named by mistake is refused with the words check-config uses, never with
 * Node's raw errno text and never as success: a root without SCST's `version` file is not an
 * SCST tree, and a configuration named by --config must be a readable regular file.
 */
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'config-file-checks-'));
const state = join(scratch, 'host.json');
const env = { NO_COLOR: '1', SCST_SIMULATE_STATE: state, SCST_DEFAULTS_FILE: join(scratch, 'default') };

function cli(args: string[]) {
  return execa('node', [BIN, ...args], { reject: false, env, stdin: 'ignore' });
}

beforeAll(async () => {
  expect((await cli(['simulate', 'create', '--force'])).exitCode).toBe(0);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a sysfs root that is not SCST', () => {
  it('show says SCST is not loaded there and exits 1', async () => {
    const root = join(scratch, 'etc-like');
    mkdirSync(join(root, 'handlers'), { recursive: true });
    writeFileSync(join(root, 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
    const run = await cli(['show', '--sysfs-root', root]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(`scstadmin-ts: SCST is not loaded there: ${root} has no SCST version file`);
  });
});

describe('a configuration named by --config', () => {
  for (const command of ['start', 'reload', 'status']) {
    it(`${command} -c DIR refuses a directory in check-config's words (exit 2)`, async () => {
      const run = await cli([command, '--simulate', '-c', scratch]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(`scstadmin-ts: ${scratch}: is a directory, not a config file`);
      expect(run.stderr).not.toMatch(/EISDIR/);
    });
  }

  it('doctor -c DIR reports the file as a problem without the raw errno', async () => {
    const run = await cli(['doctor', '--simulate', '-c', scratch]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`${scratch}: cannot be used: is a directory, not a config file`);
    expect(run.stdout).not.toMatch(/EISDIR/);
  });

  it('status -c MISSING fails (exit 2) instead of reporting a running service', async () => {
    const missing = join(scratch, 'nonexistent.conf');
    const run = await cli(['status', '--simulate', '-c', missing]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`scstadmin-ts: ${missing}: no such file`);
  });

  it('doctor -c MISSING reports it instead of skipping the configuration checks', async () => {
    const missing = join(scratch, 'nonexistent.conf');
    const run = await cli(['doctor', '--simulate', '-c', missing]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`${missing}: cannot be used: no such file`);
  });
});
