/**
 * A stopped (SIGSTOP) iscsi-scstd still holds the kernel's control device, so the kernel reads
 * `open_state` open; status, doctor and daemon status must not call it connected. The emulated
 * host models that daemon (`simulate daemon stopped`).
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'stopped-daemon-'));
const env = { NO_COLOR: '1', SCST_SIMULATE_STATE: join(scratch, 'host.json'), SCST_DEFAULTS_FILE: join(scratch, 'default'), SCST_CONF: join(scratch, 'scst.conf') };

function cli(args: string[]) {
  return execa('node', [BIN, ...args, '--simulate'], { reject: false, env, stdin: 'ignore' });
}

beforeAll(async () => {
  // A file with iSCSI: the service needs the daemon.
  writeFileSync(env.SCST_CONF, 'TARGET_DRIVER iscsi {\n\tenabled 1\n}\n', { mode: 0o600 });
  expect((await cli(['simulate', 'create', '--force'])).exitCode).toBe(0);
  expect((await cli(['simulate', 'daemon', 'stopped'])).exitCode).toBe(0);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a stopped iscsi-scstd', () => {
  it('daemon status says stopped, not connected', async () => {
    const run = await cli(['daemon', 'status']);
    expect(run.stdout).toMatch(/^iscsi-scstd: stopped: connected to the kernel but not answering/m);
    expect(run.stdout).not.toMatch(/running, connected/);
    const json = JSON.parse((await cli(['daemon', 'status', '--json'])).stdout);
    expect(json).toMatchObject({ connection: 'connected', running: false, stopped: true });
  });

  it('status says stopped and the service is not running', async () => {
    const run = await cli(['status']);
    expect(run.stdout).toMatch(/^iscsi-scstd: stopped: /m);
    expect(run.stdout).not.toMatch(/iscsi-scstd: connected/);
    expect(run.exitCode).toBe(3);
  });

  it('doctor finds the problem', async () => {
    const run = await cli(['doctor']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/PROBLEM\s+iSCSI daemon connected/);
    expect(run.stdout).toContain('its process is stopped (SIGSTOP)');
  });
});
